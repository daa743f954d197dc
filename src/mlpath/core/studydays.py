"""Counting a plan's calendar without walking it: study days and capacity between two
dates, and exact sums, in time that does not grow with the number of days.

Pure. A plan of 1,000 phases runs for twenty years; walking it day by day with a
Fraction per day (what `Settings.capacity_on` answers) costs a new day's `next` a
tenth of a second. Here whole weeks are counted at once and breaks are subtracted
as merged intervals, so a count costs O(breaks). tests/test_studydays.py checks
every function against the day-by-day walk on many random calendars.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from mlpath.core.schedule import Settings


def weekdays_between(first: int, last: int, days: frozenset[int] | tuple[int, ...]) -> int:
    """Days from ordinal `first` to `last` (both included) whose weekday is in `days`.
    (date.fromordinal(1) is a Monday, so (ordinal - 1) % 7 is the weekday.)"""
    if last < first:
        return 0
    n = last - first + 1
    whole, rest = divmod(n, 7)
    count = whole * len(days)
    start = (first - 1 + whole * 7) % 7
    count += sum(1 for k in range(rest) if (start + k) % 7 in days)
    return count


def merged_breaks(breaks: Iterable[tuple[date, date]]) -> list[tuple[int, int]]:
    """The breaks as disjoint ordinal intervals, in order (overlaps joined)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted((a.toordinal(), b.toordinal()) for a, b in breaks):
        if out and a <= out[-1][1] + 1:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def study_days_between(settings: Settings, first: date, last: date) -> int:
    """The days from `first` to `last` (both included) with study capacity: a study
    weekday outside every break."""
    return _study_days(settings, first.toordinal(), last.toordinal())


def _study_days(settings: Settings, first: int, last: int) -> int:
    if last < first:
        return 0
    days = frozenset(settings.days)
    count = weekdays_between(first, last, days)
    for a, b in merged_breaks(settings.breaks):
        count -= weekdays_between(max(a, first), min(b, last), days)
    return count


def capacity_between(settings: Settings, first: date, last: date) -> Fraction:
    """Study capacity of the calendar from `first` to `last`, both included: the
    catch-up's daily hours (`boost`) on study days up to its last day, the usual after."""
    lo, hi = first.toordinal(), last.toordinal()
    if hi < lo:
        return Fraction(0)
    per_day = len(settings.days)
    if settings.boost is None:
        return _study_days(settings, lo, hi) * settings.hours_per_week / per_day
    until = settings.boost[0].toordinal()
    boosted = _study_days(settings, lo, min(hi, until))
    usual = _study_days(settings, max(lo, until + 1), hi)
    return (boosted * settings.boost[1] + usual * settings.hours_per_week) / per_day


def fsum(values: Iterable[Fraction]) -> Fraction:
    """The exact sum of `values`: numerators added as integers per denominator, so
    ten thousand efforts cost ten thousand integer additions, not Fraction ones."""
    by_den: dict[int, int] = {}
    for v in values:
        d = v.denominator
        by_den[d] = by_den.get(d, 0) + v.numerator
    if len(by_den) == 1:  # the usual case: one Fraction made, none added
        ((d, n),) = by_den.items()
        return Fraction(n, d)
    return sum((Fraction(n, d) for d, n in by_den.items()), Fraction(0))
