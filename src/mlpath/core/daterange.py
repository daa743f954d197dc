"""The one range of dates mlpath reads and writes: whatever a command accepts
(MLPATH_TODAY, --start, --on, --from, breaks, a plan's finish) the state file's
reader accepts too (core/ledger.py checks the same bounds).

Its own small module because every command checks MLPATH_TODAY against it, and
core/dates.py (regular expressions, fractions) costs `mlpath next` ~4 ms.
"""

from __future__ import annotations

from datetime import date

MIN_YEAR, MAX_YEAR = 1900, 2999
FIRST_DAY, LAST_DAY = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)
RANGE_TEXT = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"


def in_range(d: date) -> bool:
    return FIRST_DAY <= d <= LAST_DAY
