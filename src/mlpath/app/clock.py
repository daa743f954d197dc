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
        from mlpath.core.daterange import RANGE_TEXT, in_range
        from mlpath.errors import UsageError

        try:
            found = date.fromisoformat(value)
        except ValueError:
            raise UsageError(
                f"MLPATH_TODAY={value} is not a date.", "Set it as YYYY-MM-DD, e.g. 2027-01-04."
            ) from None
        if not in_range(found):
            raise UsageError(
                f"MLPATH_TODAY={value} is outside the dates mlpath handles ({RANGE_TEXT}).",
                "Set it to a date in that range.",
            )
        return found
    return date.today()
