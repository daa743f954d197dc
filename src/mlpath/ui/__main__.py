"""`python -m mlpath.ui`: the app on MLPATH_HOME's plan (MLPATH_TODAY pins the day)."""

import sys

from mlpath.errors import MlpathError, error_text
from mlpath.ui.app import run

try:
    run()
except MlpathError as exc:
    sys.stderr.write(error_text(exc))
    sys.exit(int(exc.exit_code))
