"""Today's date: MLPATH_TODAY=YYYY-MM-DD, else the local calendar date.

The only place mlpath reads the clock for a date; the core takes `today` as
an argument.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date


def today(env: dict[str, str] | None = None) -> date:
    from datetime import date

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


def today_iso() -> str:
    """Today as YYYY-MM-DD, the key views are kept under: without importing datetime when
    MLPATH_TODAY is plain YYYY-MM-DD (checked here) or unset (the local calendar date,
    as date.today() gives it); any other form goes through today()."""
    value = os.environ.get("MLPATH_TODAY", "").strip()
    if not value:
        import time

        return time.strftime("%Y-%m-%d", time.localtime())
    if _plain_iso(value):
        return value
    return today().isoformat()


# Years certainly inside core/daterange.py's range (importing it imports datetime);
# tests/test_read_side.py holds the two together. Outside them, today() decides.
SURE_YEARS = (1900, 2999)


def _plain_iso(value: str) -> bool:
    """YYYY-MM-DD naming a real day inside the dates mlpath handles."""
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return False
    y, m, d = value[:4], value[5:7], value[8:]
    if not (y.isdigit() and m.isdigit() and d.isdigit() and y.isascii()):
        return False
    year, month, day = int(y), int(m), int(d)
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    first, last = SURE_YEARS
    return first <= year <= last and 1 <= month <= 12 and 1 <= day <= days[month - 1]
