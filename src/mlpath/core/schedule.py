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
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from fractions import Fraction
from math import lcm

from mlpath.core.record import Record
from mlpath.core.roadmap import Effect, Item, Phase, Roadmap
from mlpath.core.roadmap import Weeks as WeeksRange
from mlpath.errors import UsageError

ALL_DAYS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
COMPRESS_FACTOR = Fraction(1, 2)  # `--compress N`: the phase gets half its effort
MAX_PLAN_DAYS = 366 * 60  # a plan longer than this is a typo, not a plan


class HabitLoad(Record):
    """One habit's time as the scheduler lays it (derived from the roadmap's `habits`
    and the learner's settings by core/habits.py; never saved in the state).

    On each study day in `phases` (phase numbers; None: every phase) and inside
    `window` (first and last day, both included; None: no limit), the habit takes
    `minutes_per_day` (exact) of that day's capacity, after the reviews due and
    before new work. A weekly habit's minutes are spread evenly over the week's
    study days by whoever builds the HabitLoad."""

    __slots__ = ("id", "phases", "window", "minutes_per_day")

    def __init__(
        self,
        id: str,
        phases: frozenset[int] | None,
        window: tuple[date, date] | None,
        minutes_per_day: Fraction,
    ) -> None:
        self.id = id
        self.phases = phases
        self.window = window
        self.minutes_per_day = minutes_per_day


class Settings(Record):
    __slots__ = (
        "level",
        "hours_per_week",
        "start",
        "days",
        "breaks",
        "lay_from",
        "completed",
        "skip",
        "compress",
        "review_minutes",
        "credit",
        "credit_before",
        "backgrounds",
        "picks",
        "skip_items",
        "deadlines",
        "interviews",
        "no_habits",
        "boost",
        "habits",
    )

    def __init__(
        self,
        level: str,
        hours_per_week: Fraction,
        start: date,
        days: tuple[int, ...] = ALL_DAYS,
        breaks: tuple[tuple[date, date], ...] = (),
        # Replan: lay only the unfinished work, from this date; `completed` ids are
        # credited as already done and not laid.
        lay_from: date | None = None,
        completed: frozenset[str] = frozenset(),
        # The learner's own choices (phase numbers), on top of the level's overrides.
        skip: frozenset[int] = frozenset(),
        compress: frozenset[int] = frozenset(),
        review_minutes: int = 0,  # per review of a finished item; 0: reviews take no time
        # Replan: hours already credited to unfinished items (item id, hours), in
        # item order; only their remaining effort is laid. None: a plan laid before
        # any credit was settled (a first plan, or a replan older than credit).
        credit: tuple[tuple[str, Fraction], ...] | None = None,
        credit_before: date | None = None,  # the credit holds the time logged before this day
        # Who the learner is (background ids) and the ideas they picked (option ids).
        backgrounds: frozenset[str] = frozenset(),
        picks: frozenset[str] = frozenset(),
        # State version 3. Topics or projects the learner took out (`skip ITEM`,
        # `plan --skip ITEM`); deadlines (item or phase id -> date the learner must
        # have finished it by); interview dates (`--interview`, deadlines too, and the
        # start of the interview habit); habits opted out of (`--no-habit`); and a
        # catch-up (`replan --catch-up`): these weekly hours until that day.
        skip_items: frozenset[str] = frozenset(),
        deadlines: tuple[tuple[str, date], ...] = (),
        interviews: tuple[date, ...] = (),
        no_habits: frozenset[str] = frozenset(),
        boost: tuple[date, Fraction] | None = None,
        # Derived, not saved: the habits' time to lay (core/habits.py builds it from
        # the roadmap; empty until then, so a plan without habits is laid as before).
        habits: tuple[HabitLoad, ...] = (),
    ) -> None:
        self.level = level
        self.hours_per_week = hours_per_week
        self.start = start
        self.days = days
        self.breaks = breaks
        self.lay_from = lay_from
        self.completed = completed
        self.skip = skip
        self.compress = compress
        self.review_minutes = review_minutes
        self.credit = credit
        self.credit_before = credit_before
        self.backgrounds = backgrounds
        self.picks = picks
        self.skip_items = skip_items
        self.deadlines = deadlines
        self.interviews = interviews
        self.no_habits = no_habits
        self.boost = boost
        self.habits = habits

    @property
    def daily_capacity(self) -> Fraction:
        return self.hours_per_week / len(self.days)

    def capacity_on(self, day: date) -> Fraction:
        if day.weekday() not in self.days:
            return Fraction(0)
        for a, b in self.breaks:
            if a <= day <= b:
                return Fraction(0)
        return self.daily_capacity


class PlannedItem(Record):
    __slots__ = ("id", "kind", "title", "phase", "effort", "start", "due", "credited", "skipped")

    def __init__(
        self,
        id: str,
        kind: str,  # topic | project | milestone
        title: str,
        phase: int,
        effort: Fraction,
        start: date | None = None,
        due: date | None = None,
        credited: bool = False,  # done before this plan was laid (replan)
        skipped: bool = False,  # dropped by a level override
    ) -> None:
        self.id = id
        self.kind = kind
        self.title = title
        self.phase = phase
        self.effort = effort
        self.start = start
        self.due = due
        self.credited = credited
        self.skipped = skipped

    __hash__ = None  # type: ignore[assignment]  # mutable while the plan is laid


class PlannedPhase(Record):
    __slots__ = (
        "number",
        "id",
        "title",
        "weeks",
        "hours_per_week",
        "effort",
        "start",
        "due",
        "skipped",
        "override",
        "choice",
        "backgrounds",
    )

    def __init__(
        self,
        number: int,
        id: str,
        title: str,
        weeks: Fraction,
        hours_per_week: Fraction,
        effort: Fraction,
        start: date | None = None,
        due: date | None = None,
        skipped: bool = False,
        override: str | None = None,  # the sentence an applied override comes from
        choice: str | None = None,  # "skip" or "compress": the learner's own (--skip/--compress)
        backgrounds: tuple[str, ...] = (),  # the learner's backgrounds that changed it
    ) -> None:
        self.number = number
        self.id = id
        self.title = title
        self.weeks = weeks
        self.hours_per_week = hours_per_week
        self.effort = effort
        self.start = start
        self.due = due
        self.skipped = skipped
        self.override = override
        self.choice = choice
        self.backgrounds = backgrounds

    __hash__ = None  # type: ignore[assignment]


class Week(Record):
    __slots__ = (
        "number",
        "start",
        "end",
        "hours",
        "review_hours",
        "milestones",
        "_units",
        "_scale",
        "_items",
    )
    _no_compare = ("_units", "_scale", "_items")

    def __init__(self, number: int, start: date, end: date) -> None:
        self.number = number
        self.start = start
        self.end = end
        self.hours = Fraction(0)  # new work laid this week
        self.review_hours = Fraction(0)  # review time taken from this week's capacity
        self.milestones: list[str] = []  # milestone ids due this week
        self._units: dict[str, int] = {}
        self._scale = 1
        self._items: dict[str, Fraction] | None = None

    def set_units(self, units: dict[str, int], scale: int, review: int = 0) -> None:
        """The hours laid per item (and for reviews), counted in units of 1/scale hour."""
        self._units, self._scale, self._items = units, scale, None
        self.hours = Fraction(sum(units.values()), scale)
        self.review_hours = Fraction(review, scale)

    @property
    def items(self) -> dict[str, Fraction]:
        """Item id -> hours this week, in order (made exact on first use: most
        commands look at one week, not all of them)."""
        if self._items is None:
            self._items = {k: Fraction(v, self._scale) for k, v in self._units.items()}
        return self._items

    __hash__ = None  # type: ignore[assignment]


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
    )
    _no_compare = ("_days", "_cumulative", "_scale", "_review_on")

    def __init__(
        self,
        roadmap: Roadmap,
        settings: Settings,
        phases: list[PlannedPhase],
        items: dict[str, PlannedItem],  # every tickable id, in roadmap order
        weeks: list[Week],
        total_effort: Fraction,  # all scheduled (non-skipped) effort, credited included
        credited_effort: Fraction,
        finish: date,
        review_due: dict[date, int] | None = None,  # what build() was given
        _days: list[date] | None = None,
        _cumulative: list[int] | None = None,
        _scale: int = 1,
        _review_on: dict[int, int] | None = None,
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
        self._days = _days or []
        # Effort laid by the end of each work day, in units of 1/_scale hour.
        self._cumulative = _cumulative or []
        self._scale = _scale
        # Review time taken on each study day (date ordinal -> units of 1/_scale hour).
        self._review_on = _review_on or {}

    __hash__ = None  # type: ignore[assignment]

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
        i = bisect_right(self._days, day)
        laid = Fraction(self._cumulative[i - 1], self._scale) if i else Fraction(0)
        return self.credited_effort + laid

    def laid_before(self, day: date) -> Fraction:
        """L(day): the effort laid on the days before `day` (new work only), plus
        what a replan credited."""
        return self.planned_through(day - timedelta(days=1))

    def review_hours_on(self, day: date) -> Fraction:
        """The review time the plan takes from `day`'s capacity."""
        return Fraction(self._review_on.get(day.toordinal(), 0), self._scale)

    def last_day_at_most(self, effort: Fraction) -> date | None:
        """The latest day d with L(d) <= effort (None: L is above it on every day).

        L rises at the end of each work day, so it is the first work day whose
        total passes `effort`; with no such day, L never passes it (None too)."""
        target = (effort - self.credited_effort) * self._scale
        if target < 0:
            return None
        i = _first_above(self._cumulative, target)
        return self._days[i] if i < len(self._days) else None

    def first_day_at_least(self, effort: Fraction) -> date:
        """The earliest day d with L(d) >= effort (beyond the plan: extrapolated)."""
        if effort <= self.credited_effort:
            return self.laid_from
        return self.day_reaching(effort) + timedelta(days=1)

    def day_reaching(self, effort: Fraction) -> date:
        """The day the plan's calendar lays `effort` in total (beyond the plan: extrapolated)."""
        target = (effort - self.credited_effort) * self._scale  # in the plan's units
        if target <= 0:
            return self._days[0] if self._days else self.laid_from
        i = _first_at_least(self._cumulative, target)
        if i < len(self._days):
            return self._days[i]
        day = self._days[-1] if self._days else self.laid_from - timedelta(days=1)
        laid = Fraction(self._cumulative[-1] if self._cumulative else 0)
        steps = 0
        while laid < target and steps < MAX_PLAN_DAYS:
            day += timedelta(days=1)
            laid += self.settings.capacity_on(day) * self._scale
            steps += 1
        return day


def _first_at_least(values: list[int], target: Fraction) -> int:
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _first_above(values: list[int], target: Fraction) -> int:
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] <= target:
            lo = mid + 1
        else:
            hi = mid
    return lo


PhaseWeeks = dict[int, tuple[Fraction, bool, str | None]]


def _apply(out: PhaseWeeks, effect: Effect, level: str, source: str) -> list[int]:
    """Apply one effect to the phases' weeks; the phases it changed."""
    # dict.fromkeys: a phase listed twice is still changed once
    listed = [n for n in dict.fromkeys(effect.phases) if n in out and not out[n][1]]
    action = effect.action
    if action == "skip":
        for n in listed:
            out[n] = (Fraction(0), True, source)
        return listed
    if effect.factor is not None:
        for n in listed:
            out[n] = (out[n][0] * effect.factor, False, source)
        return listed
    if effect.weeks is None:
        return []
    target = effect.weeks.for_level(level)
    total = sum((out[n][0] for n in listed), Fraction(0))
    if action == "add":
        # in proportion to the phases' weeks (evenly if they have none)
        for n in listed:
            more = target * out[n][0] / total if total else target / len(listed)
            out[n] = (out[n][0] + more, False, source)
        return listed
    # compress never lengthens, extend never shortens: both to `target` combined
    if total and (total > target if action == "compress" else total < target):
        for n in listed:
            out[n] = (out[n][0] * target / total, False, source)
        return listed
    return []


def phase_weeks(
    roadmap: Roadmap,
    level: str,
    skip: frozenset[int] = frozenset(),
    compress: frozenset[int] = frozenset(),
    backgrounds: frozenset[str] = frozenset(),
    changed_by: dict[int, list[str]] | None = None,
) -> PhaseWeeks:
    """Each phase's weeks at this level, after overrides, the learner's
    backgrounds and their own skips and compressions: number -> (weeks,
    skipped, source of an override or background). `changed_by` collects the
    background ids that changed each phase."""
    out: PhaseWeeks = {p.number: (p.weeks.for_level(level), False, None) for p in roadmap.phases}
    for o in roadmap.overrides:
        if o.level == level:
            span = None if o.weeks is None else WeeksRange(o.weeks, o.weeks)
            _apply(out, Effect(o.phases, o.action, span, o.factor), level, o.source)
    # Skips last: time one background adds to a phase another skips goes with it.
    chosen = [b for b in roadmap.backgrounds if b.id in backgrounds]
    effects = [(b, e) for b in chosen for e in b.effects if e.action != "skip"]
    effects += [(b, e) for b in chosen for e in b.effects if e.action == "skip"]
    for bg, effect in effects:
        for n in _apply(out, effect, level, bg.source):
            if changed_by is not None and bg.id not in changed_by.setdefault(n, []):
                changed_by[n].append(bg.id)
    for n, (weeks, skipped, source) in out.items():
        if n in skip:
            out[n] = (Fraction(0), True, source)
        elif n in compress and not skipped:
            out[n] = (weeks * COMPRESS_FACTOR, False, source)
    return out


def _item_shares(items: tuple[Item, ...], level: str, effort: Fraction) -> list[Fraction]:
    """Split a phase's effort over its work items (by their weeks, else evenly)."""
    given = [it.weeks.for_level(level) if it.weeks else None for it in items]
    known = [w for w in given if w is not None]
    if not known:
        even = effort / len(items)  # one division, shared: roadmaps may hold thousands
        return [even] * len(items)
    else:
        mean = sum(known, Fraction(0)) / len(known)
        weights = [w if w is not None else mean for w in given]
    total = sum(weights, Fraction(0))
    return [effort * w / total for w in weights]


def build(
    roadmap: Roadmap, settings: Settings, review_due: dict[date, int] | None = None
) -> Schedule:
    """Lay the roadmap on the learner's calendar. `review_due`: how many reviews
    fall due on each day (they take `settings.review_minutes` each)."""
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
        shares = _item_shares(phase.work_items, settings.level, effort) if not skipped else []
        for it, share in _with_picks(
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
                part = min(partial.get(it.id, Fraction(0)), share)
                credited += part
                queue.append(pi)
                if part:
                    laid[it.id] = share - part
        if phase.milestone is not None:
            ms = phase.milestone
            pm = PlannedItem(
                ms.id, "milestone", ms.title, phase.number, Fraction(0), skipped=skipped
            )
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
    return _lay(roadmap, settings, phases, items, queue, total, credited, review_due or {}, laid)


def _with_picks(
    phase: Phase, shares: list[Fraction], picks: frozenset[str]
) -> list[tuple[Item, Fraction]]:
    """The phase's work items with their shares, each item that stands for a
    choice replaced by the learner's picks (sharing its effort evenly)."""
    out = list(zip(phase.work_items, shares, strict=True))
    for choice in phase.choices:
        picked = [o for o in choice.options if o.id in picks]
        if not picked:
            continue
        at = next((i for i, (it, _) in enumerate(out) if it.id == choice.item), None)
        if at is None:
            continue
        stand_in, share = out[at]
        each = share / len(picked)
        out[at : at + 1] = [
            (Item(o.id, o.title, stand_in.kind, o.details, o.weeks, o.optional), each)
            for o in picked
        ]
    return out


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
        PlannedItem(
            f"\x00phase:{phase.number}", "phase-end", phase.title, phase.number, Fraction(0)
        )
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
) -> Schedule:
    # Exact integer arithmetic: every quantity is counted in units of 1/scale hour,
    # where scale makes the daily capacity and every item's effort whole numbers.
    # (Same results as Fractions, without their cost on each of hundreds of days.)
    cap_hours = settings.daily_capacity
    per_review = Fraction(settings.review_minutes, 60) if review_due else Fraction(0)
    left = laid_effort or {}
    to_lay = [left.get(it.id, it.effort) for it in queue]
    scale = lcm(cap_hours.denominator, per_review.denominator, *{e.denominator for e in to_lay})
    cap = cap_hours.numerator * (scale // cap_hours.denominator)
    review_each = per_review.numerator * (scale // per_review.denominator)
    efforts = [e.numerator * (scale // e.denominator) for e in to_lay]
    study = frozenset(settings.days)
    breaks = [(a.toordinal(), b.toordinal()) for a, b in settings.breaks]
    lay_start = settings.lay_from or settings.start
    start_ord = settings.start.toordinal()
    by_number = {p.number: p for p in phases}
    weeks: dict[int, Week] = {}
    week_units: dict[int, dict[str, int]] = {}
    week_review: dict[int, int] = {}
    review_on: dict[int, int] = {}
    days: list[date] = []
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
        return wk

    week_of(lay_start)
    qi = 0
    remaining = efforts[0] if queue else 0
    first_ord = lay_start.toordinal()
    # Review time owed, in units: reviews due on a day without study time (or
    # before the plan is laid) are done on the next study day.
    backlog = 0
    reviews_by_ord: dict[int, int] = {}
    if review_each:
        for d, n in review_due.items():
            if d.toordinal() < first_ord:
                backlog += n * review_each
            else:
                reviews_by_ord[d.toordinal()] = n
    for o in range(first_ord, first_ord + MAX_PLAN_DAYS):
        if qi >= len(queue):
            break
        if reviews_by_ord:
            backlog += reviews_by_ord.get(o, 0) * review_each
        # date.fromordinal(1) is a Monday, so (o - 1) % 7 is the weekday.
        if (o - 1) % 7 not in study or any(a <= o <= b for a, b in breaks):
            continue
        day = date.fromordinal(o)
        wk = week_of(day)
        units = week_units[wk.number]
        used = 0
        room = cap
        if backlog:
            reviewing = min(backlog, cap)
            backlog -= reviewing
            room = cap - reviewing
            week_review[wk.number] += reviewing
            review_on[o] = reviewing
        while qi < len(queue):
            it = queue[qi]
            if remaining == 0:
                # Zero-effort things (milestones, phase ends) are due when the work
                # before them is used up: the last work day, or today if none yet.
                at = last_day if (last_day is not None and used == 0) else day
                _finish(it, at, by_number, week_of(at))
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
                _finish(it, day, by_number, wk)
            else:
                break
            qi += 1
            remaining = efforts[qi] if qi < len(queue) else 0
        if used:
            laid += used
            days.append(day)
            cumulative.append(laid)
            last_day = day
    else:
        raise _too_long()
    finish = last_day or lay_start
    for it in queue:  # milestones/phase ends after the last work day are due with it
        if it.due is None:
            _finish(it, finish, by_number, week_of(finish))
    for n, wk in weeks.items():
        wk.set_units(week_units[n], scale, week_review[n])
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
        total_effort=total,
        credited_effort=credited,
        finish=finish,
        review_due=review_due,
        _days=days,
        _cumulative=cumulative,
        _scale=scale,
        _review_on=review_on,
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


def with_hours(settings: Settings, hours_per_week: Fraction) -> Settings:
    """The same settings at another weekly figure."""
    values = {name: getattr(settings, name) for name in Settings.__slots__}
    values["hours_per_week"] = hours_per_week
    return Settings(**values)


def least_hours_for(
    roadmap: Roadmap, settings: Settings, by: date, review_due: dict[date, int] | None = None
) -> tuple[Fraction, Schedule]:
    """`--finish-by`: the least hours per week, in quarter hours, whose plan (with
    the other settings as given) finishes on or before `by`, and that plan.

    More hours never finish later, so a binary search over quarter hours finds it.
    A date that would need more than 24 h a study day (or 100 h a week) is a
    UsageError naming the earliest finish reachable."""
    first = settings.lay_from or settings.start
    if by < first:
        raise UsageError(
            f"--finish-by {by.isoformat()}: that date is before the plan's start "
            f"({first.isoformat()}).",
            f"Give --finish-by a date after {first.isoformat()}.",
        )
    cap = min(MAX_DAILY_HOURS * len(settings.days), MAX_WEEKLY_HOURS)
    fastest = build(roadmap, with_hours(settings, Fraction(cap)), review_due)
    if fastest.finish > by:
        limit = (
            "24 h a study day"
            if cap == MAX_DAILY_HOURS * len(settings.days)
            else f"{MAX_WEEKLY_HOURS} h a week"
        )
        raise UsageError(
            f"Finishing by {by.isoformat()} would take more than {limit}; the earliest "
            f"finish reachable is {fastest.finish.isoformat()}.",
            f"Give --finish-by {fastest.finish.isoformat()} or later, or add study days.",
        )
    lo, hi = 2, cap * 4  # in quarter hours: 0.5 h a week is the least a plan takes
    best = fastest
    while lo < hi:
        mid = (lo + hi) // 2
        try:
            trial = build(roadmap, with_hours(settings, mid * QUARTER), review_due)
        except UsageError:  # longer than any plan may be: too few hours
            lo = mid + 1
            continue
        if trial.finish <= by:
            hi, best = mid, trial
        else:
            lo = mid + 1
    if best.settings.hours_per_week != lo * QUARTER:
        best = build(roadmap, with_hours(settings, lo * QUARTER), review_due)
    return lo * QUARTER, best
