"""`replan --catch-up WEEKS`: keep the planned finish, spread the deficit.

Pure. The deficit is L(today) - C, the new work the plan had laid before today
and the learner has not been credited with. A catch-up is a replan from today
at more hours a week for WEEKS weeks (the plan record's `boost`: these hours
until its last day, then the usual ones): the least quarter hours above the
usual, at least the deficit / WEEKS more, whose plan finishes on or before
the planned finish. Refused, with the reason, when there is no deficit, when
the WEEKS weeks would run past the planned finish, or when a study day would
take more than 24 h or the learner's `max_hours_per_day`.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from mlpath.core.numbers import number, plural
from mlpath.core.record import Record
from mlpath.core.roadmap import Roadmap
from mlpath.core.schedule import MAX_DAILY_HOURS, QUARTER, Schedule, Settings, build
from mlpath.errors import UsageError

MAX_CATCH_UP_WEEKS = 52


class CatchUp(Record):
    __slots__ = ("deficit", "weeks", "first", "last", "hours_per_week", "usual", "schedule")

    def __init__(
        self,
        deficit: Fraction,
        weeks: int,
        first: date,
        last: date,
        hours_per_week: Fraction,
        usual: Fraction,
        schedule: Schedule,
    ) -> None:
        self.deficit = deficit
        self.weeks = weeks
        self.first = first  # the first and last day at the higher hours
        self.last = last
        self.hours_per_week = hours_per_week
        self.usual = usual
        self.schedule = schedule

    @property
    def extra(self) -> Fraction:
        return self.hours_per_week - self.usual


def parse_weeks(text: str) -> int:
    t = text.strip()
    if not t.isdigit() or not 1 <= int(t) <= MAX_CATCH_UP_WEEKS:
        raise UsageError(
            f"--catch-up {text}: give a number of weeks from 1 to {MAX_CATCH_UP_WEEKS}.",
            "For example `mlpath replan --catch-up 4`.",
        )
    return int(t)


def _ceil_quarter(x: Fraction) -> Fraction:
    return -(-x // QUARTER) * QUARTER


def catch_up(
    roadmap: Roadmap,
    settings: Settings,
    *,
    deficit: Fraction,
    weeks: int,
    finish: date,
    review_due: dict[date, int] | None = None,
    max_day: Fraction | None = None,
    leave_out: dict[str, date] | None = None,
) -> CatchUp:
    """The catch-up of `deficit` hours over `weeks` weeks from the replan's first
    day (`settings.lay_from`), keeping `finish`; `settings` are the replan's, at the
    usual hours. `max_day`: the learner's cap on a study day's hours."""
    if deficit <= 0:
        raise UsageError(
            "You are not behind, so there is nothing to catch up.",
            "`mlpath replan --catch-up` spreads a deficit; keep going at your usual hours.",
        )
    first = settings.lay_from or settings.start
    last = first + timedelta(days=7 * weeks - 1)
    if last > finish:  # its weeks would run past the finish it keeps
        room = ((finish - first).days + 1) // 7
        raise UsageError(
            f"Catching up over {plural(weeks, 'week')} would run past your planned finish, "
            f"{finish.strftime('%a %d %b %Y')}.",
            f"Give at most {room} (--catch-up {room}), or replan with a later finish (--finish-by)."
            if room
            else "Replan with a later finish (--finish-by), or more hours (--hours).",
        )
    usual = settings.hours_per_week
    n = len(settings.days)
    limit = min(Fraction(MAX_DAILY_HOURS), max_day) if max_day else Fraction(MAX_DAILY_HOURS)
    top = limit * n  # the most hours a week may take

    def lay(weekly: Fraction) -> Schedule:
        values = {name: getattr(settings, name) for name in Settings.__slots__}
        values["boost"] = (last, weekly)
        return build(roadmap, Settings(**values), review_due, leave_out=leave_out)

    least = usual + _ceil_quarter(deficit / weeks)
    why = (
        f"your max_hours_per_day ({number(limit)} h)"
        if max_day and max_day < MAX_DAILY_HOURS
        else "24 h"
    )
    if least > top or lay(top).finish > finish:
        said = (
            f"it needs {number(least)} h/week, {number(least / n)} h a study day, more than {why}"
            if least > top
            else f"even {why} a study day does not finish by {finish.isoformat()}"
        )
        raise UsageError(
            f"Catching up over {plural(weeks, 'week')} is not possible: {said}.",
            "Give more weeks (--catch-up N), or replan with a later finish (--finish-by).",
        )
    lo, hi = int(least / QUARTER), int(top / QUARTER)  # in quarter hours
    while lo < hi:
        mid = (lo + hi) // 2
        if lay(mid * QUARTER).finish <= finish:
            hi = mid
        else:
            lo = mid + 1
    weekly = lo * QUARTER
    return CatchUp(deficit, weeks, first, last, weekly, usual, lay(weekly))
