"""Progress: plan + ledger + today -> what is done, what is next, and the pace.

Pure: `today` is an argument. `next`, `status` and the exports all read their
figures from `Progress`, so they can never disagree.

Pace (README, "How pace is measured"):
- planned effort to date = the effort the plan lays on days before today
  (work credited at a replan included);
- completed effort = every phase whose milestone is done counts whole, else
  the effort of its done topics and projects;
- (completed - planned) / the plan's daily capacity, rounded to whole days, is
  "ahead by N days" (> 0), "behind by N days" (< 0) or "on track" (0);
- projected finish = the day the plan's calendar would finish if the learner
  keeps the speed they have shown so far: effort completed since the plan was
  (re)laid / effort planned since then (past the planned finish, "planned"
  keeps growing at the daily capacity, so a stalled learner's projection
  keeps slipping instead of landing in the past). No progress yet while work
  was due: no projection (None).
Before the plan's start, with nothing done, the pace is "not-started"; with
every item complete it is "finished".
Logged hours are shown beside this but never replace completion.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from mlpath.core.ledger import Ledger
from mlpath.core.record import Record
from mlpath.core.review import Card
from mlpath.core.schedule import MAX_PLAN_DAYS, PlannedItem, Schedule, Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mlpath.core.roadmap import Roadmap


class Pace(Record):
    __slots__ = ("status", "days", "planned_to_date", "completed")

    def __init__(
        self,
        status: str,  # not-started | on-track | ahead | behind | finished
        days: int,  # > 0 ahead, < 0 behind
        planned_to_date: Fraction,
        completed: Fraction,
    ) -> None:
        self.status = status
        self.days = days
        self.planned_to_date = planned_to_date
        self.completed = completed

    @property
    def label(self) -> str:
        if self.status == "not-started":
            return "not started yet"
        if self.status == "finished":
            return "finished"
        if self.days > 0:
            return f"ahead by {_days(self.days)}"
        if self.days < 0:
            return f"behind by {_days(-self.days)}"
        return "on track"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def round_half_away(x: Fraction) -> int:
    n = int(abs(x) + Fraction(1, 2))
    return n if x >= 0 else -n


class Progress(Record):
    __slots__ = (
        "schedule",
        "ledger",
        "today",
        "complete",
        "completed_effort",
        "pace",
        "projected_finish",
        "_cards",
    )

    def __init__(self, schedule: Schedule, ledger: Ledger, today: date) -> None:
        self.schedule = schedule
        self.ledger = ledger
        self.today = today
        self.complete: set[str] = set()  # ids counted complete
        self.completed_effort = Fraction(0)
        self.pace: Pace = Pace("not-started", 0, Fraction(0), Fraction(0))  # set by compute()
        self.projected_finish: date | None = None
        self._cards: dict[str, Card] | None = None

    __hash__ = None  # type: ignore[assignment]

    # --- where we are -------------------------------------------------------------

    @property
    def week_number(self) -> int:
        return self.schedule.week_number(self.today)

    @property
    def total_weeks(self) -> int:
        return self.schedule.total_weeks

    @property
    def before_start(self) -> bool:
        return self.today < self.schedule.settings.start

    @property
    def days_to_start(self) -> int:
        return (self.schedule.settings.start - self.today).days

    @property
    def finished(self) -> bool:
        return all(it.id in self.complete for it in self.schedule.items.values() if not it.skipped)

    def is_complete(self, item_id: str) -> bool:
        return item_id in self.complete

    def done_on(self, item_id: str) -> date | None:
        d = self.ledger.done.get(item_id)
        return d.on if d else None

    # --- what to do ---------------------------------------------------------------

    def unfinished(self, kinds: tuple[str, ...] = ("topic", "project")) -> list[PlannedItem]:
        return [
            it
            for it in self.schedule.items.values()
            if it.kind in kinds and not it.skipped and it.id not in self.complete
        ]

    def now(self, limit: int = 3) -> list[PlannedItem]:
        """The first unfinished topics/projects in plan order."""
        return self.unfinished()[:limit]

    def next_milestone(self) -> PlannedItem | None:
        pending = self.unfinished(("milestone",))
        return pending[0] if pending else None

    def days_left(self, item: PlannedItem) -> int | None:
        return (item.due - self.today).days if item.due else None

    # --- reviews --------------------------------------------------------------------

    def cards(self) -> dict[str, Card]:
        """A review card per done item still in the roadmap, in the order done."""
        if self._cards is None:
            from mlpath.core.review import cards_of

            done = {k: d.on for k, d in self.ledger.done.items()}
            self._cards = cards_of(done, self.ledger.reviews, self.schedule.items)
        return self._cards

    def reviews_due(self) -> list[Card]:
        """Cards due today or before, the longest overdue first, then in roadmap order."""
        order = {k: i for i, k in enumerate(self.schedule.items)}
        due = [c for c in self.cards().values() if c.is_due(self.today)]
        return sorted(due, key=lambda c: (c.due, order.get(c.item, 0)))

    def day_capacity(self) -> Fraction:
        return self.schedule.settings.capacity_on(self.today)

    # --- hours ----------------------------------------------------------------------

    @property
    def shown_week(self) -> int:
        """The week `next` shows: the current one, or week 1 before the start."""
        return max(self.week_number, 1)

    def week_bounds(self) -> tuple[date, date]:
        return self.schedule.week_bounds(self.shown_week)

    def logged_between(self, first: date, last: date) -> Fraction:
        return sum((g.hours for g in self.ledger.logs if first <= g.on <= last), Fraction(0))

    def week_target(self, number: int | None = None) -> Fraction:
        n = number if number is not None else self.shown_week
        for wk in self.schedule.weeks:
            if wk.number == n:
                return wk.hours + wk.review_hours  # reviews are study time too
        return Fraction(0)

    def week_logged(self) -> Fraction:
        first, last = self.week_bounds()
        return self.logged_between(first, last)

    @property
    def remaining_effort(self) -> Fraction:
        return max(self.schedule.total_effort - self.completed_effort, Fraction(0))


def compute(schedule: Schedule, ledger: Ledger, today: date) -> Progress:
    prog = Progress(schedule, ledger, today)
    complete: set[str] = set(ledger.done)
    # A done milestone completes its phase.
    by_phase: dict[int, list[PlannedItem]] = {}
    for it in schedule.items.values():
        by_phase.setdefault(it.phase, []).append(it)
    for items in by_phase.values():
        milestone = next((i for i in items if i.kind == "milestone"), None)
        if milestone is not None and milestone.id in complete:
            complete.update(i.id for i in items)
    prog.complete = complete
    prog.completed_effort = sum(
        (it.effort for it in schedule.items.values() if it.id in complete and not it.skipped),
        Fraction(0),
    )
    prog.pace = _pace(prog)
    prog.projected_finish = _projected(prog)
    return prog


def _pace(prog: Progress) -> Pace:
    sched = prog.schedule
    planned = sched.planned_through(prog.today - timedelta(days=1))
    done = prog.completed_effort
    if prog.finished:
        return Pace("finished", 0, planned, done)
    if prog.today < sched.settings.start and done <= sched.credited_effort:
        # Only before the plan's first day: a replan `--from` a later date is
        # not "not started" (the learner has been at it; the gap is on track).
        return Pace("not-started", 0, planned, done)
    days = round_half_away((done - planned) / sched.settings.daily_capacity)
    status = "ahead" if days > 0 else "behind" if days < 0 else "on-track"
    return Pace(status, days, planned, done)


def _projected(prog: Progress) -> date | None:
    """Finish date if the learner keeps the speed shown so far on the plan's calendar."""
    sched = prog.schedule
    if prog.finished:
        return max((d.on for d in prog.ledger.done.values()), default=prog.today)
    credited = sched.credited_effort
    done = prog.completed_effort - credited  # completed since the plan was laid
    elapsed = prog.pace.planned_to_date - credited  # planned since then, up to yesterday
    yesterday = prog.today - timedelta(days=1)
    if yesterday > sched.finish:  # past the planned finish: time still passes
        elapsed += capacity_between(sched.settings, sched.finish + timedelta(days=1), yesterday)
    if elapsed <= 0:
        # Nothing was due yet: the plan itself, moved earlier by any head start.
        return sched.finish if done <= 0 else sched.day_reaching(sched.total_effort - done)
    if done <= 0:
        return None  # work was due and none is done: no speed to project from
    remaining = sched.total_effort - prog.completed_effort
    needed = remaining * elapsed / done  # calendar capacity the rest takes at that speed
    if needed > sched.total_effort * 50:
        return None
    if yesterday < sched.finish:
        return sched.day_reaching(prog.pace.planned_to_date + needed)
    return day_accumulating(sched.settings, prog.today, needed)


def capacity_between(settings: Settings, first: date, last: date) -> Fraction:
    """Study capacity of the calendar from `first` to `last`, both included."""
    total = Fraction(0)
    day = first
    while day <= last:
        total += settings.capacity_on(day)
        day += timedelta(days=1)
    return total


def day_accumulating(settings: Settings, first: date, amount: Fraction) -> date | None:
    """The day, from `first` on, by whose end the calendar's capacity reaches `amount`."""
    got = Fraction(0)
    day = first
    for _ in range(MAX_PLAN_DAYS):
        got += settings.capacity_on(day)
        if got >= amount:
            return day
        day += timedelta(days=1)
    return None


def review_due_for(
    roadmap: Roadmap, settings: Settings, ledger: Ledger | None
) -> dict[date, int] | None:
    """The review load a plan's capacity gives way to: the finished items'
    reviews (none when the plan counts no time for reviews)."""
    if not settings.review_minutes or ledger is None or not ledger.done:
        return None
    from mlpath.core.review import review_load

    ids = {it.id for _, _, it in roadmap.items()}
    until = (settings.lay_from or settings.start) + timedelta(days=MAX_PLAN_DAYS)
    done = {k: d.on for k, d in ledger.done.items()}
    return review_load(done, ledger.reviews, until, ids) or None


def plans_in_force(prog: Progress, days: list[date]) -> list[Schedule]:
    """For each of `days`, the schedule of the plan in force on it: of the plans the
    active one replanned and itself, in the order they were made, the last one whose
    first day is that day or earlier (the first one before them all). Only the plans
    some day needs are laid again, each once."""
    from mlpath.core.ledger import settings_of
    from mlpath.core.schedule import build
    from mlpath.errors import MlpathError

    current = prog.schedule
    chain: list[tuple[date, Settings | None]] = []
    for record in prog.ledger.history[prog.ledger.chain_start :]:
        if record.get("roadmap") == current.roadmap.id:
            then = settings_of(record)
            chain.append((then.lay_from or then.start, then))
    cur = current.settings
    chain.append((cur.lay_from or cur.start, None))
    laid: dict[int, Schedule] = {}
    out: list[Schedule] = []
    for day in days:
        index = next((i for i in range(len(chain) - 1, -1, -1) if chain[i][0] <= day), 0)
        if index not in laid:
            old = chain[index][1]
            try:
                laid[index] = (
                    current
                    if old is None
                    else build(
                        current.roadmap, old, review_due_for(current.roadmap, old, prog.ledger)
                    )
                )
            except MlpathError:  # laid from a roadmap that has changed since: today's line
                laid[index] = current
        out.append(laid[index])
    return out
