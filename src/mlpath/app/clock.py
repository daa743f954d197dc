"""Today's date and the time of day: MLPATH_TODAY=YYYY-MM-DD and MLPATH_NOW=YYYY-MM-DDTHH:MM
(local), else the local clock.

The only place mlpath reads the clock; the core takes `today` (and the timer its
`now`) as an argument. Setting one variable sets the other's date: MLPATH_NOW alone
makes today its date, MLPATH_TODAY alone keeps the clock's time of day on its date;
both set must name the same day.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, datetime


def _env(env: dict[str, str] | None) -> os._Environ[str] | dict[str, str]:
    return env if env is not None else os.environ


def _now_value(env: dict[str, str] | None) -> datetime | None:
    value = _env(env).get("MLPATH_NOW", "").strip()
    if not value:
        return None
    from datetime import datetime

    from mlpath.core.daterange import RANGE_TEXT, in_range
    from mlpath.errors import UsageError

    try:
        if len(value) != 16 or value[10] != "T":
            raise ValueError(value)
        found = datetime.strptime(value, "%Y-%m-%dT%H:%M")
    except ValueError:
        raise UsageError(
            f"MLPATH_NOW={value} is not a local date and time.",
            "Set it as YYYY-MM-DDTHH:MM, e.g. 2027-01-04T09:30.",
        ) from None
    if not in_range(found.date()):
        raise UsageError(
            f"MLPATH_NOW={value} is outside the dates mlpath handles ({RANGE_TEXT}).",
            "Set it to a date in that range.",
        )
    return found


def _today_value(env: dict[str, str] | None) -> date | None:
    value = _env(env).get("MLPATH_TODAY", "").strip()
    if not value:
        return None
    from datetime import date

    from mlpath.core.daterange import RANGE_TEXT, in_range
    from mlpath.errors import UsageError

    try:
        # YYYY-MM-DD only: Python 3.11's fromisoformat also takes 20270104 and week
        # dates, 3.10's does not, and mlpath reads the same on every Python
        if not _iso_shape(value):
            raise ValueError(value)
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


def _iso_shape(value: str) -> bool:
    return (
        len(value) == 10
        and value.isascii()
        and value[4] == value[7] == "-"
        and (value[:4] + value[5:7] + value[8:]).isdigit()
    )


def today(env: dict[str, str] | None = None) -> date:
    found = _today_value(env)
    if "MLPATH_NOW" in _env(env):
        moment = _now_value(env)
        if moment is not None:
            _agree(found, moment)
            return moment.date()
    if found is not None:
        return found
    from datetime import date

    return date.today()


def now(env: dict[str, str] | None = None) -> datetime:
    """The local time of day, to the minute (naive: the timer keeps local times)."""
    moment = _now_value(env)
    found = _today_value(env)
    if moment is not None:
        _agree(found, moment)
        return moment
    from datetime import datetime

    clock = datetime.now().replace(second=0, microsecond=0)
    if found is not None:
        return datetime.combine(found, clock.time())
    return clock


def _agree(day: date | None, moment: datetime) -> None:
    if day is not None and day != moment.date():
        from mlpath.errors import UsageError

        raise UsageError(
            f"MLPATH_TODAY={day.isoformat()} and MLPATH_NOW={moment:%Y-%m-%dT%H:%M} "
            "name different days.",
            "Set one of them, or both to the same day.",
        )


def today_iso() -> str:
    """Today as YYYY-MM-DD, the key views are kept under: without importing datetime when
    MLPATH_TODAY is plain YYYY-MM-DD (checked here) or unset (the local calendar date,
    as date.today() gives it); any other form, or MLPATH_NOW, goes through today()."""
    if os.environ.get("MLPATH_NOW", "").strip():
        return today().isoformat()
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
