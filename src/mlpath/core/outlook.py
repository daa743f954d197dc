"""What it takes from today: the required pace, the to-complete index (TSPI) and
the range of finishes the learner's recent weeks point to.

Pure: `Progress` (core/progress.py) holds every figure read here.

- required pace, when behind or ahead: the hours per week that finish on the
  planned date from today, reviews and habits included:
  (new effort left + forecast reviews + habits) x study days per week
  / study days left (today, or the day the plan is laid from if later, to the
  planned finish, both included). The reviews
  forecast are those of the cards already made and of the items still to
  finish (each on its planned due date, or today if that is past), every one
  answered "good" on its due day (core/review.py's ladder; a card with reviews
  of its own continues the ladder from its due date);
- TSPI (Lipke's to-complete schedule performance index) = (PD - ES) / (PD - AT)
  in calendar days from the plan's start: PD the planned duration, AT the time
  elapsed, ES the earned schedule (AT plus the pace's signed days); None once
  AT reaches PD;
- the range: the finish at the speed of the slowest and of the fastest of the
  last four full plan weeks (credited effort gained / effort planned in that
  week, projected the way core/progress.py projects the finish).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from fractions import Fraction

from mlpath.core.progress import (
    Progress,
    capacity_between,
    credit_through,
    finished_dates,
    reaching,
    today_share,
)
from mlpath.core.record import Record
from mlpath.core.review import GOOD_LADDER, good_days
from mlpath.core.schedule import QUARTER
from mlpath.core.studydays import fsum
from mlpath.core.studydays import study_days_between as count_study_days

RANGE_WEEKS = 4


class Outlook(Record):
    __slots__ = ("required", "tspi", "slowest", "fastest", "reviews", "habits", "study_days")

    def __init__(
        self,
        required: Fraction | None,  # h/week that finish on the planned date (None: on track)
        tspi: Fraction | None,
        slowest: date | None,  # finish at the slowest recent week (None: no progress then)
        fastest: date | None,
        reviews: Fraction = Fraction(0),  # forecast review hours to the planned finish
        habits: Fraction = Fraction(0),  # habit hours to the planned finish
        study_days: int = 0,  # study days left, today to the planned finish
    ) -> None:
        self.required = required
        self.tspi = tspi
        self.slowest = slowest
        self.fastest = fastest
        self.reviews = reviews
        self.habits = habits
        self.study_days = study_days


def outlook(prog: Progress) -> Outlook:
    """What it takes from today, worked out once per `Progress` (both views show it)."""
    kept = prog.derived.get("outlook")
    if isinstance(kept, Outlook):
        return kept
    prog.derived["outlook"] = found = _outlook(prog)
    return found


def _outlook(prog: Progress) -> Outlook:
    required = None
    reviews = habits = Fraction(0)
    left = 0
    if prog.pace.status in ("behind", "ahead"):
        required, reviews, habits, left = required_pace(prog)
    slowest, fastest = finish_range(prog)
    return Outlook(required, tspi(prog), slowest, fastest, reviews, habits, left)


def study_days_between(prog: Progress, first: date, last: date) -> int:
    """Days from `first` to `last` (both included) with study capacity (counted, not walked)."""
    return count_study_days(prog.schedule.settings, first, last)


def forecast_review_count(prog: Progress, first: date, last: date) -> int:
    """Reviews falling due from `first` to `last`: of the cards made, and of the items
    still to finish (on their planned due date, or `first` if that is past)."""
    count = 0
    lo, hi = first.toordinal(), last.toordinal()
    for card in prog.cards().values():
        # each from its own memory (an overdue card is reviewed first thing)
        count += len(good_days(card, first, last))
    complete = prog.complete
    # Each item still to finish brings the ladder's steps that fall by `last`: one
    # count for every item due by `first` (done then), a bisection for the others.
    kinds = ("topic", "project", "milestone")
    by_first = bisect_right(GOOD_LADDER, hi - lo) if lo <= hi else 0
    for it in prog.schedule.items.values():
        if it.skipped or it.kind not in kinds or it.id in complete:
            continue
        due = it.due
        if due is None:
            count += by_first
            continue
        done = due.toordinal()
        if done <= lo:
            count += by_first
        elif done <= hi:
            count += bisect_right(GOOD_LADDER, hi - done)
    return count


def required_pace(prog: Progress) -> tuple[Fraction | None, Fraction, Fraction, int]:
    """(hours per week, forecast review hours, habit hours, study days left)."""
    sched = prog.schedule
    finish = sched.finish
    # The plan lays nothing before the day it is laid from (a head start before the
    # start, a replan `--from` a later day): its study days begin there.
    first = max(prog.today, sched.laid_from)
    days = study_days_between(prog, first, finish)
    if not days:
        return None, Fraction(0), Fraction(0), 0
    minutes = sched.settings.review_minutes
    reviews = Fraction(forecast_review_count(prog, first, finish) * minutes, 60)
    habits = sched.habit_hours_between(first, finish)
    need = prog.remaining_effort + reviews + habits
    per_week = need * len(sched.settings.days) / days
    return -(-per_week // QUARTER) * QUARTER, reviews, habits, days  # up to the quarter hour


def tspi(prog: Progress) -> Fraction | None:
    sched = prog.schedule
    start = sched.settings.start
    planned = (sched.finish - start).days + 1
    elapsed = (prog.today - start).days
    if elapsed >= planned or elapsed < 0 or prog.pace.status in ("finished", "not-started"):
        return None
    earned = elapsed + prog.pace.days
    return Fraction(planned - earned, planned - elapsed)


def credited_on(prog: Progress, days: list[date]) -> list[Fraction]:
    """C as of the end of each of `days`: the effort of items finished by then plus
    the credit of the others. One pass over the items: the finished ones sorted by
    their day (a running sum read by bisection), the credit read per day."""
    sched = prog.schedule
    finished = finished_dates(sched, prog.ledger)
    marks = credit_through(sched, prog.ledger, finished, days)
    always: list[Fraction] = []  # credited when the plan was laid
    by_day: list[tuple[date, Fraction]] = []
    counted: set[str] = set()
    for it in sched.items.values():
        if it.skipped or it.kind not in ("topic", "project"):
            continue
        counted.add(it.id)
        f = finished.get(it.id)
        if it.credited:
            always.append(it.effort)
        elif f is not None:
            by_day.append((f, it.effort))
    by_day.sort(key=lambda pair: pair[0])
    ends = [f for f, _ in by_day]
    base = fsum(always)
    out = []
    done, upto = Fraction(0), 0
    for day, credit in zip(days, marks, strict=False):
        reach = bisect_right(ends, day)
        if reach >= upto:  # days in order: add the items finished since the last one
            done += fsum(e for _, e in by_day[upto:reach])
        else:
            done = fsum(e for _, e in by_day[:reach])
        upto = reach
        partial = fsum(
            v
            for k, v in credit.items()
            if k in counted
            and not sched.items[k].credited
            and not ((f := finished.get(k)) is not None and f <= day)
        )
        out.append(base + done + partial)
    return out


def finish_range(prog: Progress) -> tuple[date | None, date | None]:
    """The finish at the slowest and the fastest of the last four full weeks."""
    sched = prog.schedule
    current = prog.week_number
    weeks = [n for n in range(current - RANGE_WEEKS, current) if n >= 1]
    if not weeks or prog.finished:
        return None, None
    bounds = [sched.week_bounds(n) for n in weeks]
    ends = [bounds[0][0] - timedelta(days=1)] + [b for _, b in bounds]
    credited = credited_on(prog, ends)
    speeds: list[Fraction] = []
    for i, (first, last) in enumerate(bounds):
        planned = sched.laid_before(last + timedelta(days=1)) - sched.laid_before(first)
        if last >= sched.finish:
            planned = capacity_between(sched.settings, first, last)
        if planned <= 0:
            continue  # a break or rest week says nothing about speed
        speeds.append((credited[i + 1] - credited[i]) / planned)
    if not speeds:
        return None, None
    slow, fast = min(speeds), max(speeds)
    slowest = _finish_at(prog, slow)
    return slowest, slowest if fast == slow else _finish_at(prog, fast)


def _finish_at(prog: Progress, speed: Fraction) -> date | None:
    """The finish if the rest goes at `speed` (credited effort per planned hour)."""
    sched = prog.schedule
    remaining = sched.total_effort - prog.credited_effort
    if remaining <= 0:  # all the effort credited: ticking is all left (as the projection)
        return prog.today
    if speed <= 0:
        return None
    needed = remaining / speed
    if needed > sched.total_effort * 50:
        return None
    return reaching(prog, today_share(prog), needed)  # from where today leaves it
