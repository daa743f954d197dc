"""Today's date: MLPATH_TODAY=YYYY-MM-DD, else the local calendar date.

The only place mlpath reads the clock for a date; the core takes `today` as
an argument.
"""

from __future__ import annotations

import os
from datetime import date


def today(env: dict[str, str] | None = None) -> date:
    value = (env if env is not None else os.environ).get("MLPATH_TODAY", "").strip()
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            from mlpath.errors import UsageError

            raise UsageError(
                f"MLPATH_TODAY={value} is not a date.", "Set it as YYYY-MM-DD, e.g. 2027-01-04."
            ) from None
    return date.today()
