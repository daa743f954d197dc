"""`--finish-by`: the least weekly hours whose plan keeps the date.

Pure. The plans tried are laid with the reviews their own items bring
(`build(..., forecast=True)`: each item finished on its due date, every review
answered "good" the day it falls due) and with the habits, so a learner who
follows the plan finishes by the date (PRODUCT.md, "Plans that hold their dates").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction

from mlpath.core.daterange import LAST_DAY
from mlpath.core.roadmap import Roadmap
from mlpath.core.schedule import (
    MAX_DAILY_HOURS,
    MAX_WEEKLY_HOURS,
    QUARTER,
    Schedule,
    Settings,
    build,
)
from mlpath.errors import UsageError


def with_hours(settings: Settings, hours_per_week: Fraction) -> Settings:
    """The same settings at another weekly figure."""
    values = {name: getattr(settings, name) for name in Settings.__slots__}
    values["hours_per_week"] = hours_per_week
    return Settings(**values)


def least_hours_for(
    roadmap: Roadmap,
    settings: Settings,
    by: date,
    review_due: dict[date, int] | None = None,
    leave_out: dict[str, date] | None = None,
    reached: Callable[[Schedule], date] | None = None,
) -> tuple[Fraction, Schedule]:
    """`--finish-by`: the least hours per week, in quarter hours, whose plan (with
    the other settings as given) finishes on or before `by`, and that plan.

    The plans tried are laid with the reviews their own items bring (`forecast`)
    and with the habits, so a learner who follows the plan finishes by `by`.
    More hours never finish later, so a binary search over quarter hours finds it.
    A date that would need more than 24 h a study day (or 100 h a week) is a
    UsageError naming the earliest finish reachable. `reached`: the plan's day for
    something else than its finish (a deadline's target, core/deadlines.py)."""
    end = reached or (lambda sched: sched.finish)
    first = settings.lay_from or settings.start
    if by < first:
        raise UsageError(
            f"--finish-by {by.isoformat()}: that date is before the plan's start "
            f"({first.isoformat()}).",
            f"Give --finish-by a date after {first.isoformat()}.",
        )
    cap = min(MAX_DAILY_HOURS * len(settings.days), MAX_WEEKLY_HOURS)

    def lay(weekly: Fraction) -> Schedule:
        return build(
            roadmap,
            with_hours(settings, weekly),
            review_due,
            forecast=True,
            leave_out=leave_out,
        )

    fastest = lay(Fraction(cap))
    if end(fastest) > by:
        limit = (
            "24 h a study day"
            if cap == MAX_DAILY_HOURS * len(settings.days)
            else f"{MAX_WEEKLY_HOURS} h a week"
        )
        if end(fastest) > LAST_DAY:  # no date mlpath reads to suggest
            raise UsageError(
                f"Finishing by {by.isoformat()} would take more than {limit}; even at "
                f"that this plan ends after {LAST_DAY.isoformat()}, the last date mlpath "
                "handles.",
                ("Add study days, or l" if limit.endswith("day") else "L")
                + "eave out what you already know (--skip).",
            )
        raise UsageError(
            f"Finishing by {by.isoformat()} would take more than {limit}; the earliest "
            f"finish reachable is {end(fastest).isoformat()}.",
            f"Give --finish-by {end(fastest).isoformat()} or later, or "
            # more study days help only while the day, not the week, is the limit
            + ("add study days." if limit.endswith("day") else "leave out what you know (--skip)."),
        )
    lo, hi = 2, cap * 4  # in quarter hours: 0.5 h a week is the least a plan takes
    best = fastest
    while lo < hi:
        mid = (lo + hi) // 2
        try:
            trial = lay(mid * QUARTER)
        except UsageError:  # longer than any plan may be: too few hours
            lo = mid + 1
            continue
        if end(trial) <= by:
            hi, best = mid, trial
        else:
            lo = mid + 1
    if best.settings.hours_per_week != lo * QUARTER:
        best = lay(lo * QUARTER)
    return lo * QUARTER, best
