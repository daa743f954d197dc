"""What a plan is made of: the learner's settings (`Settings`, with the habits' time
to lay, `HabitLoad`) and what the scheduler lays from them: items, phases and weeks.

Pure data with the few questions they answer themselves (a day's capacity, a week's
hours per item); core/schedule.py lays them and holds them in a `Schedule`, and
core/schedule_data.py turns a laid one into plain data for the cache and back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from fractions import Fraction

from mlpath.core.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

ALL_DAYS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
_ZERO = Fraction(0)  # shared by every week with none (Fractions never change)


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
        return self.capacity_of(day)

    def capacity_of(self, day: date) -> Fraction:
        """A study day's hours: the catch-up's (`boost`) up to its last day, else the usual."""
        if self.boost is not None and day <= self.boost[0]:
            return self.boost[1] / len(self.days)
        return self.daily_capacity

    def hours_in_week_of(self, day: date) -> Fraction:
        """The weekly hours in force on `day` (a catch-up's, or the usual)."""
        if self.boost is not None and day <= self.boost[0]:
            return self.boost[1]
        return self.hours_per_week


class PlannedItem(Record):
    __slots__ = (
        "id",
        "kind",
        "title",
        "phase",
        "effort",
        "start",
        "due",
        "credited",
        "skipped",
        "left_out",
    )

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
        skipped: bool = False,  # dropped by a level override, or left out (below)
        left_out: bool = False,  # skipped by the learner (`skip ITEM`, `--skip ITEM`)
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
        self.left_out = left_out

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
        "habit_hours",
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
        self.hours = _ZERO  # new work laid this week
        self.review_hours = _ZERO  # review time taken from this week's capacity
        self.habit_hours = _ZERO  # habit time taken from it (after the reviews)
        self.milestones: list[str] = []  # milestone ids due this week
        self._units: dict[str, int] = {}
        self._scale = 1
        self._items: dict[str, Fraction] | None = None

    def set_units(
        self,
        units: dict[str, int],
        scale: int,
        review: int = 0,
        habit: int = 0,
        hours: Fraction | None = None,
    ) -> None:
        """The hours laid per item (and for reviews and habits), in units of 1/scale hour;
        `hours`: their sum, when the caller has it (a kept schedule shares one Fraction
        among its weeks of the same hours)."""
        self._units, self._scale, self._items = units, scale, None
        self.hours = Fraction(sum(units.values()), scale) if hours is None else hours
        self.review_hours = Fraction(review, scale) if review else _ZERO
        self.habit_hours = Fraction(habit, scale) if habit else _ZERO

    def units_in(self, scale: int) -> dict[str, int]:
        """The hours laid per item in units of 1/scale hour (the schedule's own scale)."""
        if self._scale == scale:
            return self._units
        return {k: int(v * scale) for k, v in self.items.items()}

    @property
    def items(self) -> dict[str, Fraction]:
        """Item id -> hours this week, in order (made exact on first use: most
        commands look at one week, not all of them)."""
        if self._items is None:
            self._items = {k: Fraction(v, self._scale) for k, v in self._units.items()}
        return self._items

    __hash__ = None  # type: ignore[assignment]


class KeptWeeks(Sequence[Week]):
    """A kept schedule's weeks (core/schedule_data.py), each made when first read: a
    twenty-year plan has 1,334, and `next` reads the current one. Their hours are
    there without making them (the dashboard's study weeks)."""

    __slots__ = ("_made", "_make", "_numbers", "_totals", "_scale")

    def __init__(
        self, make: Callable[[int], Week], numbers: list[int], totals: list[int], scale: int
    ) -> None:
        self._made: list[Week | None] = [None] * len(numbers)
        self._make = make  # position -> the week there
        self._numbers = numbers
        self._totals = totals  # the hours laid each week, in units of 1/scale hour
        self._scale = scale

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, i: int) -> Week:  # type: ignore[override]  # (no slices asked)
        if i < 0:
            i += len(self._made)
        wk = self._made[i]  # (an IndexError past the end, as a list's)
        if wk is None:
            wk = self._made[i] = self._make(i)
        return wk

    def __iter__(self) -> Iterator[Week]:
        for i in range(len(self._made)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))

    def hours(self) -> dict[int, Fraction]:
        """Week number -> the new work laid in it (each week's `hours`)."""
        shared: dict[int, Fraction] = {}  # one Fraction per value: most weeks are alike
        out = {}
        for n, units in zip(self._numbers, self._totals, strict=True):
            x = shared.get(units)
            if x is None:
                x = shared[units] = Fraction(units, self._scale) if units else _ZERO
            out[n] = x
        return out


def week_hours(weeks: Sequence[Week]) -> dict[int, Fraction]:
    """Week number -> its new work's hours, without making a kept schedule's weeks."""
    if isinstance(weeks, KeptWeeks):
        return weeks.hours()
    return {wk.number: wk.hours for wk in weeks}
