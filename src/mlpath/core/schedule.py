"""The scheduler: roadmap + settings -> a dated, week-by-week plan.

Pure: no terminal, no files, no clock. All arithmetic is exact (Fraction),
so 140 h at 2.5 h/day ends on day 56, never 55 or 57.

The model (PRODUCT.md, "Scheduling model"):
- level picks each phase's weeks in its range (beginner longest, intermediate
  midpoint, advanced shortest) and applies the roadmap's level overrides;
- phase effort = weeks x the phase's nominal hours/week, shared by its topics
  and projects (by their own weeks where given, evenly otherwise);
- the learner's hours/week are spread evenly over their study days; breaks
  and other days have zero capacity; work is laid in roadmap order;
- an item is due on the day its last hour is laid; a milestone on the day its
  phase's effort is used up;
- the learner's backgrounds (`plan --background ID`: who they are, as the
  document says it) compress or lengthen phases after the level's overrides,
  in the order the roadmap lists them, and then skip phases (so time one adds
  to a phase another skips goes with it);
- where a phase offers ideas to choose from, the item standing for them is
  laid until the learner picks (`plan --pick ID`); the picks then share that
  item's effort evenly;
- the learner may skip phases or compress them to half their effort
  (`plan --skip/--compress`, what `mlpath assess` recommends);
- review time comes first: on each study day the reviews due (and any left
  from days without study time) take `review_minutes` each from that day's
  capacity, and only the rest is laid with new work. Which days reviews fall
  on is given to `build` (core/review.py works it out from the finished items);
- a replan lays each unfinished item's remaining effort: its effort minus the
  hours already credited to it (`Settings.credit`, core/progress.py).

L(d), the effort the plan lays on the days before day d (new work only, with
what a replan credited), is `Schedule.laid_before(d)`; pace reads it.

What a plan is made of (`Settings`, the laid items, phases and weeks) lives in
core/planned.py; a laid `Schedule` goes to the cache and back through
core/schedule_data.py (app/laid.py), so a big plan is laid once per change of its
inputs, not once per command.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from fractions import Fraction
from math import lcm

from mlpath.core.dayplan import DayPlan
from mlpath.core.phaseweeks import COMPRESS_FACTOR as COMPRESS_FACTOR
from mlpath.core.phaseweeks import item_shares, with_picks
from mlpath.core.phaseweeks import phase_weeks as phase_weeks
from mlpath.core.planned import ALL_DAYS as ALL_DAYS
from mlpath.core.planned import HabitLoad as HabitLoad
from mlpath.core.planned import KeptWeeks
from mlpath.core.planned import PlannedItem as PlannedItem
from mlpath.core.planned import PlannedPhase as PlannedPhase
from mlpath.core.planned import Settings as Settings
from mlpath.core.planned import Week as Week
from mlpath.core.record import Record
from mlpath.core.roadmap import Phase, Roadmap
from mlpath.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_ZERO = Fraction(0)  # one zero effort for every milestone and phase end (immutable)
MAX_PLAN_DAYS = 366 * 60  # a plan longer than this is a typo, not a plan
# minutes a study day takes of reviews carried from days without study time
# (config review_cap_minutes; assumed: no document gives a figure)
REVIEW_CAP_MINUTES = 30


class Schedule(Record):
    __slots__ = (
        "roadmap",
        "settings",
        "phases",
        "items",
        "weeks",
        "total_effort",
        "credited_effort",
        "finish",
        "review_due",
        "_days",
        "_cumulative",
        "_scale",
        "_review_on",
        "_habit_on",
        "_unlaid",
        "_credited_work",
        "_by_phase",
        "_credit_efforts",
    )
    _no_compare = tuple(s for s in __slots__ if s.startswith("_"))  # derived, not the plan

    def __init__(
        self,
        roadmap: Roadmap,
        settings: Settings,
        phases: list[PlannedPhase],
        items: dict[str, PlannedItem],  # every tickable id, in roadmap order
        weeks: list[Week] | KeptWeeks,  # a kept schedule's are made when read
        total_effort: Fraction,  # all scheduled (non-skipped) effort, credited included
        credited_effort: Fraction,
        finish: date,
        review_due: dict[date, int] | None = None,  # what build() was given
        _days: list[int] | None = None,
        _cumulative: list[int] | None = None,
        _scale: int = 1,
        _review_on: dict[int, int] | None = None,
        _habit_on: dict[int, int] | None = None,
        _unlaid: list[tuple[date, Fraction]] | None = None,
    ) -> None:
        self.roadmap = roadmap
        self.settings = settings
        self.phases = phases
        self.items = items
        self.weeks = weeks
        self.total_effort = total_effort
        self.credited_effort = credited_effort
        self.finish = finish
        self.review_due = review_due or {}
        # The work days, in order, as date ordinals (a twenty-year plan has ~9,000: kept
        # as ints they come back from the cache without a date object each).
        self._days = _days or []
        # Effort laid by the end of each work day, in units of 1/_scale hour.
        self._cumulative = _cumulative or []
        self._scale = _scale
        # Review time taken on each study day (date ordinal -> units of 1/_scale hour).
        self._review_on = _review_on or {}
        # Habit time laid on each study day (date ordinal -> units), after the reviews.
        self._habit_on = _habit_on or {}
        # Items the learner skipped: (the day it was left out, the effort not laid).
        self._unlaid = _unlaid or []
        self._credited_work: list[PlannedItem] | None = None  # credit_work(), once asked
        self._by_phase: dict[int, list[PlannedItem]] | None = None  # by_phase(), once asked
        self._credit_efforts: tuple[dict[str, Fraction], frozenset[int]] | None = None

    __hash__ = None  # type: ignore[assignment]

    def laid_arrays(self) -> dict[str, Any]:
        """What laying worked out day by day, as plain data (core/schedule_data.py keeps
        it in the cache; `Schedule(..., **arrays_back(...))` takes it back)."""
        return {
            "scale": self._scale,
            "days": self._days,
            "cumulative": self._cumulative,
            "review_on": self._review_on,
            "habit_on": self._habit_on,
            "unlaid": [(d.toordinal(), (e.numerator, e.denominator)) for d, e in self._unlaid],
        }

    def credit_work(self) -> list[PlannedItem]:
        """The items logged time is credited to, in plan order (core/progress.py): topics
        and projects with effort, laid or left out by the learner after some of it was
        laid (their laid hours took the time logged before). Listed once per schedule:
        every figure that replays the credit asks for it."""
        if self._credited_work is None:
            self._credited_work = [
                it
                for it in self.items.values()
                if it.kind in ("topic", "project")
                and (not it.skipped or it.left_out)
                and it.effort.numerator > 0  # (a Fraction compared with 0 costs ten times more)
            ]
        return self._credited_work

    def credit_efforts(self) -> tuple[dict[str, Fraction], frozenset[int]]:
        """The effort of each item of `credit_work()`, and the denominators among them:
        what every replay of the credit starts from (a few per command), made once."""
        if self._credit_efforts is None:
            efforts = {it.id: it.effort for it in self.credit_work()}
            distinct = {id(e): e for e in efforts.values()}.values()  # a few, shared
            self._credit_efforts = efforts, frozenset(e.denominator for e in distinct)
        return self._credit_efforts

    def by_phase(self) -> dict[int, list[PlannedItem]]:
        """Phase number -> its items (skipped ones too), in plan order: grouped once per
        schedule, for the progress and the dashboard, which both ask per phase."""
        if self._by_phase is None:
            groups: dict[int, list[PlannedItem]] = {}
            for it in self.items.values():
                groups.setdefault(it.phase, []).append(it)
            self._by_phase = groups
        return self._by_phase

    @property
    def laid_from(self) -> date:
        return self.settings.lay_from or self.settings.start

    def week_number(self, day: date) -> int:
        """Week N runs from start + 7(N-1) days; days before the start are week 0 or less."""
        return (day - self.settings.start).days // 7 + 1

    def week_bounds(self, number: int) -> tuple[date, date]:
        first = self.settings.start + timedelta(days=7 * (number - 1))
        return first, first + timedelta(days=6)

    @property
    def total_weeks(self) -> int:
        return self.week_number(self.finish)

    def planned_through(self, day: date) -> Fraction:
        """Effort the plan expects done by the end of `day` (credited work included)."""
        i = bisect_right(self._days, day.toordinal())
        laid = Fraction(self._cumulative[i - 1], self._scale) if i else Fraction(0)
        return self.credited_effort + laid

    def laid_before(self, day: date) -> Fraction:
        """L(day): the effort laid on the days before `day` (new work only), plus
        what a replan credited."""
        return self.planned_through(day - timedelta(days=1))

    def review_hours_on(self, day: date) -> Fraction:
        """The review time the plan takes from `day`'s capacity."""
        return Fraction(self._review_on.get(day.toordinal(), 0), self._scale)

    def review_hours_before(self, day: date) -> Fraction:
        """The review time the plan takes on the days before `day`."""
        o = day.toordinal()
        return Fraction(sum(v for d, v in self._review_on.items() if d < o), self._scale)

    def review_hours_by_week(self) -> dict[int, Fraction]:
        """Week number -> the review time the plan takes from that week (one pass over
        the review days, not one per week: a twenty-year plan has 1,334 weeks)."""
        start = self.settings.start.toordinal()
        units: dict[int, int] = {}
        for o, v in self._review_on.items():
            n = (o - start) // 7 + 1
            units[n] = units.get(n, 0) + v
        return {n: Fraction(v, self._scale) for n, v in units.items() if v}

    def total_on(self, day: date) -> Fraction:
        """The plan's total effort as it stood at the end of `day`: with the effort of
        items skipped after it (past days keep their past)."""
        return self.total_effort + sum((e for d, e in self._unlaid if d > day), Fraction(0))

    def planned_remaining(self, days: list[date]) -> list[Fraction]:
        """The effort the plan leaves after the end of each of `days` (at least 0):
        `total_on(day) - planned_through(day)`, in the plan's integer units where the
        credited effort allows (one Fraction per day instead of five: the burndown asks
        it of every week of a twenty-year plan)."""
        scale = self._scale
        base = (self.total_effort - self.credited_effort) * scale
        if base.denominator != 1:
            return [max(self.total_on(d) - self.planned_through(d), Fraction(0)) for d in days]
        units = base.numerator
        unlaid = sorted((d, e * scale) for d, e in self._unlaid)
        out = []
        cumulative, work_days = self._cumulative, self._days
        for day in days:
            i = bisect_right(work_days, day.toordinal())
            left = units - (cumulative[i - 1] if i else 0)
            if unlaid:  # (most plans have no item left out: no generator per day)
                left += sum(int(e) for d, e in unlaid if d > day)  # whole units (laid ones)
            out.append(Fraction(left, scale) if left > 0 else _ZERO)
        return out

    def habit_hours_on(self, day: date) -> Fraction:
        """The habits' time the plan lays on `day` (after its reviews, before new work)."""
        return Fraction(self._habit_on.get(day.toordinal(), 0), self._scale)

    def habit_hours_between(self, first: date, last: date) -> Fraction:
        """The habits' time the plan lays from `first` to `last` (both included)."""
        lo, hi = first.toordinal(), last.toordinal()
        units = sum(v for o, v in self._habit_on.items() if lo <= o <= hi)
        return Fraction(units, self._scale)

    def new_hours_on(self, day: date) -> Fraction:
        """The new work the plan lays on `day`."""
        o = day.toordinal()
        i = bisect_right(self._days, o)
        if not i or self._days[i - 1] != o:
            return Fraction(0)
        before = self._cumulative[i - 2] if i > 1 else 0
        return Fraction(self._cumulative[i - 1] - before, self._scale)

    def day_plan(self, day: date) -> DayPlan:
        """What the plan lays on `day`: reviews, then habits, then new work (hours)."""
        return DayPlan(self.review_hours_on(day), self.habit_hours_on(day), self.new_hours_on(day))

    def last_day_at_most(self, effort: Fraction) -> date | None:
        """The latest day d with L(d) <= effort (None: L is above it on every day).

        L rises at the end of each work day, so it is the first work day whose
        total passes `effort`; with no such day, L never passes it (None too)."""
        target = (effort - self.credited_effort) * self._scale
        if target < 0:
            return None
        i = bisect_right(self._cumulative, target)
        return date.fromordinal(self._days[i]) if i < len(self._days) else None

    def first_day_at_least(self, effort: Fraction) -> date:
        """The earliest day d with L(d) >= effort (beyond the plan: extrapolated)."""
        if effort <= self.credited_effort:
            return self.laid_from
        return self.day_reaching(effort) + timedelta(days=1)

    def day_reaching(self, effort: Fraction) -> date:
        """The day the plan's calendar lays `effort` in total (beyond the plan: extrapolated)."""
        target = (effort - self.credited_effort) * self._scale  # in the plan's units
        if target <= 0:
            return date.fromordinal(self._days[0]) if self._days else self.laid_from
        i = bisect_left(self._cumulative, target)
        if i < len(self._days):
            return date.fromordinal(self._days[i])
        day = date.fromordinal(self._days[-1]) if self._days else self.laid_from - timedelta(days=1)
        laid = Fraction(self._cumulative[-1] if self._cumulative else 0)
        s = self.settings
        # past every break and the catch-up, a week is a week: skip whole ones at once
        calm = max([day, *(b for _, b in s.breaks), *([s.boost[0]] if s.boost else [])])
        week = s.hours_per_week * self._scale
        while day < calm and laid < target:
            day += timedelta(days=1)
            laid += s.capacity_on(day) * self._scale
        weeks = int((target - laid) // week) - 1 if laid < target else 0
        if weeks > 0:
            day += timedelta(days=7 * weeks)
            laid += weeks * week
        steps = 0
        while laid < target and steps < MAX_PLAN_DAYS:
            day += timedelta(days=1)
            laid += self.settings.capacity_on(day) * self._scale
            steps += 1
        return day


def build(
    roadmap: Roadmap,
    settings: Settings,
    review_due: dict[date, int] | None = None,
    *,
    forecast: bool = False,
    leave_out: dict[str, date] | None = None,
    review_cap: int | None = REVIEW_CAP_MINUTES,
) -> Schedule:
    """Lay the roadmap on the learner's calendar. `review_due`: how many reviews
    fall due on each day (they take `settings.review_minutes` each).

    `forecast`: lay as well the reviews the plan's own items will bring, as if each
    is finished on its due date and every review is answered "good" the day it
    falls due (core/review.py's ladder): what a learner who follows the plan will
    meet, so the dates it gives are the dates they reach.

    `leave_out`: topics and projects the learner skipped (`skip ITEM`), each with
    the day from which its remaining effort is no longer laid (what was laid
    before stays: past days keep their past); `settings.skip_items` are left out
    from the start. A left-out item is `skipped`, with `left_out` set, and its
    effort is what was laid of it. `review_cap`: the minutes a study day takes of
    reviews carried from days without study time (core/reviewload.py)."""
    if not settings.days:
        raise UsageError("A plan needs at least one study day.")
    if settings.hours_per_week <= 0:
        raise UsageError("Hours per week must be more than zero.")
    numbers = {p.number for p in roadmap.phases}
    unknown = sorted((settings.skip | settings.compress) - numbers)
    if unknown:
        raise UsageError(
            f"The roadmap '{roadmap.id}' has no phase {unknown[0]}.",
            "Phases are numbered "
            + ", ".join(str(p.number) for p in roadmap.phases)
            + "; see `mlpath roadmaps show "
            + roadmap.id
            + "`.",
        )
    both = sorted(settings.skip & settings.compress)
    if both:
        raise UsageError(
            f"Phase {both[0]} cannot be both skipped and compressed.", "Choose one of the two."
        )
    changed_by: dict[int, list[str]] = {}
    weeks_at = phase_weeks(
        roadmap,
        settings.level,
        settings.skip,
        settings.compress,
        settings.backgrounds,
        changed_by,
    )
    phases: list[PlannedPhase] = []
    items: dict[str, PlannedItem] = {}
    queue: list[PlannedItem] = []  # what is to be laid, in order (milestones have 0 effort)
    laid: dict[str, Fraction] = {}  # items with credit: the effort left to lay
    total = credited = Fraction(0)
    done = settings.completed
    partial = dict(settings.credit or ())
    cut_at = dict.fromkeys(settings.skip_items, settings.start)
    cut_at.update(leave_out or {})
    for phase in roadmap.phases:
        weeks, skipped, source = weeks_at[phase.number]
        hpw = roadmap.phase_hours(phase)
        effort = weeks * hpw
        phases.append(
            PlannedPhase(
                phase.number,
                phase.id,
                phase.title,
                weeks,
                hpw,
                effort,
                skipped=skipped,
                override=source,
                choice="skip"
                if phase.number in settings.skip
                else "compress"
                if phase.number in settings.compress
                else None,
                backgrounds=tuple(changed_by.get(phase.number, ())),
            )
        )
        phase_done = phase.milestone is not None and phase.milestone.id in done
        shares = item_shares(phase.work_items, settings.level, effort) if not skipped else []
        for it, share in with_picks(
            phase, shares or [Fraction(0)] * len(phase.work_items), settings.picks
        ):
            pi = PlannedItem(it.id, it.kind, it.title, phase.number, share, skipped=skipped)
            items[it.id] = pi
            if skipped:
                continue
            if phase_done or it.id in done:
                pi.credited = True
                credited += share
            else:
                pi.left_out = it.id in cut_at
                queue.append(pi)
                if it.id in partial:  # (most items have no credit: no Fraction work)
                    part = min(partial[it.id], share)
                    credited += part
                    if part:
                        laid[it.id] = share - part
        if phase.milestone is not None:
            ms = phase.milestone
            pm = PlannedItem(ms.id, "milestone", ms.title, phase.number, _ZERO, skipped=skipped)
            items[ms.id] = pm
            if skipped:
                continue
            if phase_done:
                pm.credited = True
            else:
                queue.append(pm)
        if not skipped:
            total += effort  # its items' shares add up to it exactly
        _phase_marker(queue, phase, skipped)
    if not queue:
        raise UsageError(
            f"At the {settings.level} level the roadmap '{roadmap.id}' skips every phase: "
            "there is nothing to plan."
            if not settings.skip
            else f"With the phases skipped, the roadmap '{roadmap.id}' has nothing left to plan.",
            "Skip fewer phases, or pick another level or roadmap."
            if settings.skip
            else "Pick another level or roadmap.",
        )
    if (total - credited) / settings.hours_per_week * 7 - 7 > MAX_PLAN_DAYS:
        raise _too_long()  # known before laying a single day
    ladder: tuple[int, ...] = ()
    if forecast and settings.review_minutes:
        from mlpath.core.review import GOOD_LADDER

        ladder = GOOD_LADDER
    return _lay(
        roadmap,
        settings,
        phases,
        items,
        queue,
        total,
        credited,
        review_due or {},
        laid,
        ladder,
        {i: cut_at[it.id].toordinal() for i, it in enumerate(queue) if it.left_out},
        review_cap,
    )


def _habits_take_it_all(phase: int, ids: list[str]) -> UsageError:
    return UsageError(
        f"In phase {phase} the habits ({', '.join(ids)}) take all of your study time, "
        "so this plan would never finish.",
        "Use more hours per week, or leave a habit out with --no-habit ID.",
    )


def _too_long() -> UsageError:
    return UsageError(
        "This plan would take more than 60 years.",
        "Use more hours per week, more study days or shorter breaks.",
    )


def _phase_marker(queue: list[PlannedItem], phase: Phase, skipped: bool) -> None:
    """Phases with every item credited still need a due date: a zero-effort marker."""
    if skipped:
        return
    queue.append(
        PlannedItem(f"\x00phase:{phase.number}", "phase-end", phase.title, phase.number, _ZERO)
    )


def _lay(
    roadmap: Roadmap,
    settings: Settings,
    phases: list[PlannedPhase],
    items: dict[str, PlannedItem],
    queue: list[PlannedItem],
    total: Fraction,
    credited: Fraction,
    review_due: dict[date, int],
    laid_effort: dict[str, Fraction] | None = None,
    forecast: tuple[int, ...] = (),
    cut: dict[int, int] | None = None,  # queue index -> ordinal of the day it is left out
    review_cap: int | None = None,  # minutes a day of carried reviews (None: no cap)
) -> Schedule:
    # Exact integer arithmetic: every quantity is counted in units of 1/scale hour,
    # where scale makes the daily capacity and every item's effort whole numbers.
    # (Same results as Fractions, without their cost on each of hundreds of days.)
    cap_hours = settings.daily_capacity
    boost_hours = settings.boost[1] / len(settings.days) if settings.boost else cap_hours
    boost_last = settings.boost[0].toordinal() if settings.boost else 0
    per_review = Fraction(settings.review_minutes, 60) if (review_due or forecast) else Fraction(0)
    habits = [
        (h, Fraction(h.minutes_per_day) / 60) for h in settings.habits if h.minutes_per_day > 0
    ]
    left = laid_effort or {}
    to_lay = [left.get(it.id, it.effort) for it in queue]
    scale = lcm(
        cap_hours.denominator,
        boost_hours.denominator,
        per_review.denominator,
        *{e.denominator for e in to_lay},
        *{m.denominator for _, m in habits},
        60,  # the carried reviews' cap is in minutes
    )
    cap = cap_hours.numerator * (scale // cap_hours.denominator)
    boost_cap = boost_hours.numerator * (scale // boost_hours.denominator)
    review_each = per_review.numerator * (scale // per_review.denominator)
    carry_cap = None if review_cap is None else review_cap * scale // 60
    efforts = [e.numerator * (scale // e.denominator) for e in to_lay]
    habit_units = [
        (
            h.phases,
            (h.window[0].toordinal(), h.window[1].toordinal()) if h.window else None,
            m.numerator * (scale // m.denominator),
        )
        for h, m in habits
    ]
    study = frozenset(settings.days)
    breaks = [(a.toordinal(), b.toordinal()) for a, b in settings.breaks]
    lay_start = settings.lay_from or settings.start
    start_ord = settings.start.toordinal()
    by_number = {p.number: p for p in phases}
    weeks: dict[int, Week] = {}
    week_units: dict[int, dict[str, int]] = {}
    week_review: dict[int, int] = {}
    week_habit: dict[int, int] = {}
    review_on: dict[int, int] = {}
    habit_on: dict[int, int] = {}
    days: list[int] = []
    cumulative: list[int] = []
    laid = 0
    last_day: date | None = None

    def week_of(day: date) -> Week:
        n = (day.toordinal() - start_ord) // 7 + 1
        wk = weeks.get(n)
        if wk is None:
            first = settings.start + timedelta(days=7 * (n - 1))
            wk = weeks[n] = Week(n, first, first + timedelta(days=6))
            week_units[n] = {}
            week_review[n] = 0
            week_habit[n] = 0
        return wk

    week_of(lay_start)
    qi = 0
    remaining = efforts[0] if queue else 0
    first_ord = lay_start.toordinal()

    def is_study(x: int) -> bool:
        # date.fromordinal(1) is a Monday, so (x - 1) % 7 is the weekday.
        return (x - 1) % 7 in study and not any(a <= x <= b for a, b in breaks)

    def spaced(x: int) -> int:
        """The study day a review due on day `x` is done on (core/reviewload.py)."""
        if is_study(x):
            return x
        from mlpath.core.reviewload import study_day_of

        def on(d: date) -> bool:
            return is_study(d.toordinal())

        return study_day_of(date.fromordinal(x), on).toordinal()

    # Review time owed, in units: reviews due before the plan is laid, or more than a
    # day holds, are carried to the next study days (under `review_cap`).
    # A review due on a day without study time is a carried one on its study day
    # (`spaced`): it joins the backlog there, under the cap, as `next` gives it.
    backlog = 0
    reviews_by_ord: dict[int, int] = {}  # reviews due on a study day: that day's own
    carried_to: dict[int, int] = {}  # reviews carried to a study day from days without

    def falls_due(x: int, n: int) -> None:
        if is_study(x):
            reviews_by_ord[x] = reviews_by_ord.get(x, 0) + n
        else:
            on = spaced(x)
            carried_to[on] = carried_to.get(on, 0) + n

    if review_each:
        for d, n in review_due.items():
            if d.toordinal() < first_ord:
                backlog += n * review_each
            else:
                falls_due(d.toordinal(), n)
    o = first_ord
    cut = cut or {}
    never = first_ord + MAX_PLAN_DAYS
    starved: int | None = None  # a phase whose habits took whole days, none laid since
    unlaid = 0  # units of left-out items not laid
    unlaid_at: list[tuple[date, Fraction]] = []

    def leave_out() -> None:
        """Pass over the items left out by today: what was laid of them stays."""
        nonlocal qi, remaining, unlaid
        while qi < len(queue) and cut.get(qi, never) <= o:
            it = queue[qi]
            it.skipped = True
            it.effort -= Fraction(remaining, scale)
            unlaid += remaining
            unlaid_at.append((date.fromordinal(cut[qi]), Fraction(remaining, scale)))
            qi += 1
            remaining = efforts[qi] if qi < len(queue) else 0

    def finished(it: PlannedItem, at: date, wk: Week) -> None:
        _finish(it, at, by_number, wk)
        # `forecast`: the item's own reviews, each answered "good" the day it is
        # due (days after finishing it), take their time from later days.
        if review_each and forecast and it.kind != "phase-end":
            nonlocal backlog
            done_on = at.toordinal()
            for k in forecast:
                if spaced(done_on + k) <= o:  # due on a day already laid: owed now
                    backlog += review_each
                else:
                    falls_due(done_on + k, 1)

    for o in range(first_ord, first_ord + MAX_PLAN_DAYS):
        if cut:
            leave_out()
        if qi >= len(queue):
            break
        own = reviews_by_ord.pop(o, 0) * review_each if reviews_by_ord else 0
        if carried_to:
            backlog += carried_to.pop(o, 0) * review_each
        if not is_study(o):
            backlog += own
            continue
        day = date.fromordinal(o)
        wk = week_of(day)
        units = week_units[wk.number]
        used = 0
        room = boost_cap if o <= boost_last else cap
        if backlog or own:  # reviews first: the day's own, then carried ones under the cap
            carried = backlog if carry_cap is None else min(backlog, max(carry_cap - own, 0))
            reviewing = min(own + carried, room)
            backlog += own - reviewing
            room -= reviewing
            week_review[wk.number] += reviewing
            review_on[o] = reviewing
        if habit_units and room:  # then the habits, shrunk to what is left
            # the phase of the work the day takes up: zero-effort entries at the head
            # (the ends of phases finished before a replan) are past it
            head = qi
            while remaining == 0 and head + 1 < len(queue) and (head == qi or not efforts[head]):
                head += 1
            phase = queue[head].phase
            want = sum(
                m
                for phases_of, window, m in habit_units
                if (phases_of is None or phase in phases_of)
                and (window is None or window[0] <= o <= window[1])
            )
            if want:
                doing = min(want, room)
                room -= doing
                habit_on[o] = doing
                week_habit[wk.number] += doing
                if not room:
                    starved = phase
        while qi < len(queue):
            it = queue[qi]
            if remaining == 0:
                # Zero-effort things (milestones, phase ends) are due when the work
                # before them is used up: the last work day, or today if none yet.
                at = last_day if (last_day is not None and used == 0) else day
                finished(it, at, week_of(at))
            elif used < room:
                take = min(room - used, remaining)
                if it.start is None:
                    it.start = day
                    ph = by_number[it.phase]
                    if ph.start is None:
                        ph.start = day
                units[it.id] = units.get(it.id, 0) + take
                used += take
                remaining -= take
                if remaining:
                    break
                finished(it, day, wk)
            else:
                break
            qi += 1
            remaining = efforts[qi] if qi < len(queue) else 0
            if cut:
                leave_out()
        if used:
            laid += used
            days.append(o)
            cumulative.append(laid)
            last_day = day
            starved = None
    else:
        if starved is not None:  # the habits took every day since work was last laid
            ids = [h.id for h, _ in habits if h.phases is None or starved in h.phases]
            raise _habits_take_it_all(starved, ids)
        raise _too_long()
    finish = last_day or lay_start
    for i in cut:  # laid in full before the learner skipped it: still skipped, all laid
        queue[i].skipped = True
    for it in queue:  # milestones/phase ends after the last work day are due with it
        if it.due is None and not it.skipped:
            _finish(it, finish, by_number, week_of(finish))
    for n, wk in weeks.items():
        wk.set_units(week_units[n], scale, week_review[n], week_habit[n])
    first_n, last_n = min(weeks), max(weeks)
    week_list = [
        week_of(settings.start + timedelta(days=7 * (n - 1))) for n in range(first_n, last_n + 1)
    ]
    return Schedule(
        roadmap=roadmap,
        settings=settings,
        phases=phases,
        items=items,
        weeks=week_list,
        total_effort=total - Fraction(unlaid, scale),
        credited_effort=credited,
        finish=finish,
        review_due=review_due,
        _days=days,
        _cumulative=cumulative,
        _scale=scale,
        _review_on=review_on,
        _habit_on=habit_on,
        _unlaid=unlaid_at,
    )


def _finish(it: PlannedItem, day: date, by_number: dict[int, PlannedPhase], wk: Week) -> None:
    it.due = day
    ph = by_number[it.phase]
    if it.kind == "phase-end":
        ph.due = day
        if ph.start is None:
            ph.start = day
        return
    if it.start is None:
        it.start = day
    if it.kind == "milestone":
        wk.milestones.append(it.id)


MAX_DAILY_HOURS = 24
MAX_WEEKLY_HOURS = 100  # what `--hours` accepts (core/dates.py parse_weekly_hours)
QUARTER = Fraction(1, 4)
