"""`python -m mlpath.ui`: the app on MLPATH_HOME's plan (MLPATH_TODAY pins the day)."""

from mlpath.ui.app import run

run()
