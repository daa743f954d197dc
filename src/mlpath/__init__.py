"""mlpath: a command-line study planner for people learning machine learning."""

__version__ = "0.4.0"
