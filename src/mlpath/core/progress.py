"""Progress: plan + ledger + today -> what is done, what is next, and the pace.

Pure: `today` is an argument. `next`, `status` and the exports all read their
figures from `Progress`, so they can never disagree.

Pace is the plan's earned schedule (docs/pace.md; PRODUCT.md,
"Pace"), defined here once:

- credit: each unfinished item is credited with the hours logged toward it,
  capped at its effort. Logs are taken day by day, in date order. On each day
  the time logged first covers the review time the plan takes that day (from
  plain logs first); then `log --item` time goes to its item; then plain time
  goes to the items unfinished on that day (not done before it), in plan
  order: the first one's remaining hours, then the next. Credit stays where it
  was given: ticking an item later does not move it. A replan settles the
  credit of the time logged before the day it is made (`Settings.credit`,
  lay only the rest); later time is credited on top of it.
- C, the credited effort = the effort of complete items + the credit of the
  others;
- L(d) = the effort the plan lays on the days before day d
  (`Schedule.laid_before`);
- on track while L(today) - 15 min <= C <= L(today + 1); behind by
  today - (the latest d with L(d) <= C); ahead by (the earliest d with
  L(d) >= C) - (today + 1). Calendar days, so rest days and breaks (where L is
  flat) never count against a learner;
- projected finish = the day the plan's calendar would finish if the learner
  keeps the speed shown since the plan was laid: credited since then / planned
  since then (past the planned finish, "planned" keeps growing at the
  calendar's capacity, so a stalled learner's projection keeps slipping).
  Today has passed as far as today's credit covers today's share, so the
  learner who logs the day's hours keeps the plan's speed (and its finish)
  in the evening as in the morning.
  No credit yet while work was due: no projection (None).
Before the plan's start, with nothing credited, the pace is "not-started";
with every item complete it is "finished".
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from itertools import islice
from math import lcm

from mlpath.core.daterange import LAST_DAY
from mlpath.core.ledger import Ledger
from mlpath.core.record import Record
from mlpath.core.review import Card
from mlpath.core.schedule import MAX_PLAN_DAYS, PlannedItem, Schedule, Settings
from mlpath.core.studydays import fsum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from mlpath.core.roadmap import Roadmap

TOLERANCE = Fraction(1, 4)  # 15 min short of the plan is still on track


class Pace(Record):
    __slots__ = ("status", "days", "planned_to_date", "completed", "credited")

    def __init__(
        self,
        status: str,  # not-started | on-track | ahead | behind | finished
        days: int,  # > 0 ahead, < 0 behind: calendar days
        planned_to_date: Fraction,  # L(today)
        completed: Fraction,  # effort of complete items
        credited: Fraction | None = None,  # C: completed + credit of unfinished items
    ) -> None:
        self.status = status
        self.days = days
        self.planned_to_date = planned_to_date
        self.completed = completed
        self.credited = completed if credited is None else credited

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


class Progress(Record):
    __slots__ = (
        "schedule",
        "ledger",
        "today",
        "complete",
        "completed_effort",
        "credit",
        "credited_effort",
        "pace",
        "_projected",
        "review_cap",
        "_cards",
        "derived",
    )
    _no_compare = ("_projected", "_cards", "derived")  # derived on first use

    def __init__(self, schedule: Schedule, ledger: Ledger, today: date) -> None:
        self.schedule = schedule
        self.ledger = ledger
        self.today = today
        self.complete: set[str] = set()  # ids counted complete
        self.completed_effort = Fraction(0)
        self.credit: dict[str, Fraction] = {}  # unfinished item id -> hours credited to it
        self.credited_effort = Fraction(0)  # C
        self.pace: Pace = Pace("not-started", 0, Fraction(0), Fraction(0))  # set by compute()
        self._projected: tuple[date | None] | None = None  # projected_finish, once asked
        # the most minutes a study day takes of reviews carried from earlier days
        # (config review_cap_minutes; assumed 30, core/reviewload.py)
        self.review_cap = 30
        self._cards: dict[str, Card] | None = None
        # figures other modules derive from this progress once and read many times
        # (core/outlook.py's: `next` and `status` both show them, a write makes both)
        self.derived: dict[str, object] = {}

    __hash__ = None  # type: ignore[assignment]

    @property
    def projected_finish(self) -> date | None:
        """The finish at the speed shown so far (worked out when first asked: a change
        that only needs what is done does not pay for it)."""
        if self._projected is None:
            self._projected = (_projected(self),)
        return self._projected[0]

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
        found = self.derived.get("finished")
        if found is None:  # asked a dozen times per view: one pass over the items
            found = self.derived["finished"] = all(
                it.id in self.complete for it in self.schedule.items.values() if not it.skipped
            )
        return bool(found)

    def is_complete(self, item_id: str) -> bool:
        return item_id in self.complete

    def done_on(self, item_id: str) -> date | None:
        d = self.ledger.done.get(item_id)
        return d.on if d else None

    # --- what to do ---------------------------------------------------------------

    def unfinished(self, kinds: tuple[str, ...] = ("topic", "project")) -> list[PlannedItem]:
        return list(self.pending(kinds))

    def pending(self, kinds: tuple[str, ...] = ("topic", "project")) -> Iterator[PlannedItem]:
        """The unfinished items of these kinds in plan order, as they are asked for
        (what to do now needs the first few, not all of a 10,000-item plan)."""
        complete = self.complete
        for it in self.schedule.items.values():
            if it.kind in kinds and not it.skipped and it.id not in complete:
                yield it

    def now(self, limit: int = 3) -> list[PlannedItem]:
        """The first unfinished topics/projects in plan order."""
        return list(islice(self.pending(), limit))

    def next_milestone(self) -> PlannedItem | None:
        return next(self.pending(("milestone",)), None)

    def hours_left(self, item: PlannedItem) -> Fraction:
        """An item's effort less what is credited to it (0 once complete)."""
        if item.id in self.complete:
            return Fraction(0)
        return item.effort - self.credit.get(item.id, Fraction(0))

    def days_left(self, item: PlannedItem) -> int | None:
        return (item.due - self.today).days if item.due else None

    # --- reviews --------------------------------------------------------------------

    def cards(self) -> dict[str, Card]:
        """A review card per done item still in the roadmap, in the order done."""
        if self._cards is None:
            from mlpath.core.review import cards_of

            done = {k: d.on for k, d in self.ledger.done.items()}
            settings = self.schedule.settings
            self._cards = cards_of(
                done,
                self.ledger.reviews,
                self.schedule.items.keys(),
                lambda d: bool(settings.capacity_on(d)),
            )
        return self._cards

    def reviews_due(self) -> list[Card]:
        """Cards due today or before, the longest overdue first, then in roadmap order."""
        due = [c for c in self.cards().values() if c.is_due(self.today)]
        if len(due) < 2:
            return due
        order = {k: i for i, k in enumerate(self.schedule.items)}
        return sorted(due, key=lambda c: (c.due, order.get(c.item, 0)))

    def reviews_for_today(self) -> tuple[list[Card], list[Card]]:
        """(today's reviews, those waiting): on a study day the reviews carried from
        earlier days take at most `review_cap` minutes (core/reviewload.py)."""
        due = self.reviews_due()
        if not self.day_capacity():
            return due, []
        from mlpath.core.reviewload import today_and_waiting

        settings = self.schedule.settings
        return today_and_waiting(
            due,
            self.today,
            settings.review_minutes,
            self.review_cap,
            lambda d: bool(settings.capacity_on(d)),
            self.reviewed_today(),
        )

    def reviewed_today(self) -> int:
        """How many cards were rated today and are not due again today: the reviews
        already done of today's share (they count toward it as the ones still due do)."""
        today = self.today
        return sum(
            1 for c in self.cards().values() if c.last_review == today and not c.is_due(today)
        )

    def day_capacity(self) -> Fraction:
        """Today's planned study hours (none before the start or once finished)."""
        if self.before_start or self.finished:
            return Fraction(0)
        return self.schedule.settings.capacity_on(self.today)

    # --- hours ----------------------------------------------------------------------

    @property
    def shown_week(self) -> int:
        """The week `next` shows: the current one, or week 1 before the start."""
        return max(self.week_number, 1)

    def week_bounds(self) -> tuple[date, date]:
        from mlpath.core.daterange import LAST_DAY

        first, last = self.schedule.week_bounds(self.shown_week)
        return first, min(last, LAST_DAY)  # no date mlpath shows lies past 2999-12-31

    def logged_between(self, first: date, last: date) -> Fraction:
        return sum(
            (
                h
                for day, items in self.ledger.daily().items()
                if first <= day <= last
                for h in items.values()
            ),
            Fraction(0),
        )

    def week_target(self, number: int | None = None) -> Fraction:
        n = number if number is not None else self.shown_week
        lay_from = self.schedule.settings.lay_from
        first, last = self.schedule.week_bounds(n)
        if lay_from is not None and first < lay_from:  # begun under an earlier plan
            new, reviews = planned_between(self, [(first, last)])[0]
            return new + reviews
        for wk in self.schedule.weeks:
            if wk.number == n:
                return wk.hours + wk.review_hours  # reviews are study time too
        return Fraction(0)

    def week_logged(self) -> Fraction:
        first, last = self.week_bounds()
        return self.logged_between(first, last)

    @property
    def remaining_effort(self) -> Fraction:
        """The effort not credited yet (complete items and credit both count)."""
        return max(self.schedule.total_effort - self.credited_effort, Fraction(0))

    @property
    def never_logged(self) -> bool:
        return not self.ledger.logs


def compute(schedule: Schedule, ledger: Ledger, today: date) -> Progress:
    prog = Progress(schedule, ledger, today)
    complete: set[str] = set(ledger.done)
    items = schedule.items
    # A done milestone completes its phase (each phase has at most one milestone: the
    # first of its items of that kind, as the roadmap lists them).
    done_phases: set[int] = set()
    seen: set[int] = set()
    for k in ledger.done:
        it = items.get(k)
        if it is not None and it.kind == "milestone":
            done_phases.add(it.phase)
    if done_phases:
        for it in items.values():  # (skipped when no milestone is done: most new days)
            if it.kind == "milestone" and it.phase not in seen:
                seen.add(it.phase)
                if it.id not in complete:
                    done_phases.discard(it.phase)  # not the phase's own milestone
        groups = schedule.by_phase()
        for n in done_phases:
            complete.update(i.id for i in groups[n])
    prog.complete = complete
    # One pass over the items for what is complete and what the learner left out.
    efforts: list[Fraction] = []
    out: set[str] = set()
    left: list[PlannedItem] = []  # skipped after some of it was laid, not complete
    for it in items.values():
        if it.left_out:
            out.add(it.id)
            if it.skipped and it.id not in complete:
                left.append(it)
        if it.id in complete and not it.skipped:
            efforts.append(it.effort)
    prog.completed_effort = fsum(efforts)
    finished = finished_dates(schedule, ledger)
    for k, sk in ledger.skips.items():  # a skipped item takes no time logged from its day on
        finished.setdefault(k, sk.on - timedelta(days=1))
    credit = item_credit(schedule, ledger, finished)
    prog.credit = {k: v for k, v in credit.items() if k not in complete and v and k not in out}
    prog.credited_effort = prog.completed_effort + sum(prog.credit.values(), Fraction(0))
    # what the plan laid of an item before the learner skipped it counts as credited
    settled = dict(schedule.settings.credit or ())
    prog.credited_effort += sum(
        (it.effort - settled.get(it.id, Fraction(0)) for it in left), Fraction(0)
    )
    prog.pace = _pace(prog)
    return prog


def finished_dates(schedule: Schedule, ledger: Ledger) -> dict[str, date]:
    """Item id -> the day it was finished: its own done date, or its phase
    milestone's, whichever is earlier."""
    done = ledger.done
    if not done:
        return {}
    milestone_of = {it.phase: it.id for it in schedule.items.values() if it.kind == "milestone"}
    phase_done = {n: done[ms].on for n, ms in milestone_of.items() if ms in done}
    out: dict[str, date] = {}
    for it in schedule.items.values():
        own = done.get(it.id)
        by_phase = phase_done.get(it.phase)
        if own is not None:
            out[it.id] = own.on if by_phase is None or own.on <= by_phase else by_phase
        elif by_phase is not None:
            out[it.id] = by_phase
    return out


def item_credit(
    schedule: Schedule,
    ledger: Ledger,
    finished: dict[str, date],
    before: date | None = None,
) -> dict[str, Fraction]:
    """Hours credited to each item by the logs (module docstring), capped at its
    effort; with `before`, only the logs dated before that day count (what a
    replan from that day settles)."""
    return credit_through(schedule, ledger, finished, [], before)[-1]


def credit_through(
    schedule: Schedule,
    ledger: Ledger,
    finished: dict[str, date],
    days: list[date],
    before: date | None = None,
    *,
    replay: bool = False,
) -> list[dict[str, Fraction]]:
    """The credit as of the end of each of `days` (in order), then the whole
    credit (logs before `before`), in one pass over the logs. `replay`: from the first
    log, as if no replan had settled the credit (what each day's time went to)."""
    settings = schedule.settings
    settled = None if replay else settings.credit
    # A replan settled the time logged before the day it was made.
    cutoff = (settings.credit_before or schedule.laid_from) if settled is not None else None
    by_day = {
        day: items
        for day, items in ledger.daily().items()
        if not ((cutoff is not None and day < cutoff) or (before is not None and day >= before))
    }
    logged = sorted(by_day)
    reviews = [schedule.review_hours_on(day) for day in logged]
    # Every quantity in whole units of 1/unit hour (a few hundred log days then cost
    # integer additions, not Fraction ones); the credit is shown as Fractions, made when a
    # mark is taken and only for the items whose credit moved since the last one, so the
    # marks share the values that did not.
    efforts, effort_dens = schedule.credit_efforts()
    dens = set(effort_dens)
    dens.update(v.denominator for _, v in settled or ())
    dens.update(h.denominator for items in by_day.values() for h in items.values())
    dens.update(r.denominator for r in reviews)
    unit = lcm(*dens) if dens else 1

    def units(x: Fraction) -> int:
        return x.numerator * (unit // x.denominator)

    in_units: dict[str, int] = {}  # efforts in units, made for the items the logs reach

    def effort(k: str) -> int:
        found = in_units.get(k)
        if found is None:
            found = in_units[k] = units(efforts[k])
        return found

    got: dict[str, int] = {}
    for k, v in settled or ():
        if k in efforts:
            got[k] = min(units(v), effort(k))
    shown: dict[str, tuple[int, Fraction]] = {}  # item -> (units, the Fraction made of them)

    def mark() -> dict[str, Fraction]:
        out = {}
        for k, n in got.items():
            seen = shown.get(k)
            if seen is None or seen[0] != n:
                seen = shown[k] = (n, Fraction(n, unit))
            out[k] = seen[1]
        return out

    marks: list[dict[str, Fraction]] = []
    first = 0  # items before this one take no more plain time (full, or finished earlier)
    # the items credited, in plan order (`credit_work`: its ids are the keys); a skipped
    # item's laid hours took the time logged on them before it was skipped
    order = list(efforts)
    asked = 0  # days[:asked] have their mark

    def open_(k: str, day: date) -> bool:
        """Item k takes plain time logged on `day`: not full, not finished before it."""
        f = finished.get(k)
        return got.get(k, 0) < effort(k) and (f is None or f >= day)

    for day, review_hours in zip(logged, reviews, strict=True):
        while asked < len(days) and days[asked] < day:
            marks.append(mark())
            asked += 1
        plain = 0
        directed: dict[str, int] = {}
        for item, hours in by_day[day].items():
            if item is None:
                plain += units(hours)
            else:
                directed[item] = units(hours)
        review = units(review_hours)
        if review:
            taken = min(review, plain)
            plain -= taken
            review -= taken
            for item in directed:
                taken = min(review, directed[item])
                directed[item] -= taken
                review -= taken
        for item, part in directed.items():
            if item in efforts and part:
                got[item] = min(effort(item), got.get(item, 0) + part)
        while first < len(order) and not open_(order[first], day):
            first += 1
        j = first
        while plain > 0 and j < len(order):
            k = order[j]
            if open_(k, day):
                take = min(plain, effort(k) - got.get(k, 0))
                got[k] = got.get(k, 0) + take
                plain -= take
            j += 1
    credit = mark()
    marks += [dict(credit) for _ in days[asked:]]
    marks.append(credit)
    return marks


def _pace(prog: Progress) -> Pace:
    sched = prog.schedule
    today = prog.today
    planned = sched.laid_before(today)
    done = prog.completed_effort
    c = prog.credited_effort
    if prog.finished:
        return Pace("finished", 0, planned, done, c)
    if today < sched.settings.start and c <= sched.credited_effort:
        # Only before the plan's first day: a replan `--from` a later date is
        # not "not started" (the learner has been at it; the gap is on track).
        return Pace("not-started", 0, planned, done, c)
    if c < planned - TOLERANCE:
        last = sched.last_day_at_most(c)
        days = (today - last).days if last is not None else (today - sched.laid_from).days
        return Pace("behind", -max(days, 1), planned, done, c)
    tomorrow = today + timedelta(days=1)
    if c > sched.laid_before(tomorrow):
        days = (sched.first_day_at_least(c) - tomorrow).days
        return Pace("ahead", max(days, 1), planned, done, c)
    return Pace("on-track", 0, planned, done, c)


def _projected(prog: Progress) -> date | None:
    """Finish date if the learner keeps the speed shown so far on the plan's calendar."""
    sched = prog.schedule
    if prog.finished:
        return max((d.on for d in prog.ledger.done.values()), default=prog.today)
    done, elapsed, share = speed(prog)
    if elapsed <= 0:
        # Nothing was due yet: the plan itself, moved earlier by any head start.
        return sched.finish if done <= 0 else sched.day_reaching(sched.total_effort - done)
    if done <= 0:
        return None  # work was due and none is credited: no speed to project from
    remaining = sched.total_effort - prog.credited_effort
    if remaining <= 0:  # all the effort credited, items still to tick: ticking is all left
        return prog.today
    needed = remaining * elapsed / done  # calendar capacity the rest takes at that speed
    if needed > sched.total_effort * 50:
        return None
    return reaching(prog, share, needed)


def speed(prog: Progress) -> tuple[Fraction, Fraction, Fraction]:
    """The speed shown since the plan was laid: (credited since then, the calendar's
    capacity passed since then, the part of it that is today's). Days before today
    have passed; today has as far as the credit gained today covers today's share."""
    sched = prog.schedule
    credited = sched.credited_effort
    done = prog.credited_effort - credited
    elapsed = prog.pace.planned_to_date - credited  # planned since then, up to yesterday
    yesterday = prog.today - timedelta(days=1)
    if yesterday > sched.finish:  # past the planned finish: time still passes
        elapsed += capacity_between(sched.settings, sched.finish + timedelta(days=1), yesterday)
    share = today_share(prog)
    return done, elapsed + share, share


def today_share(prog: Progress) -> Fraction:
    """How much of today's share of the calendar the credit gained today covers (0
    until the learner logs or ticks something today). Worked out once per progress:
    the projection, the finish range and each deadline ask it (a credit replay each)."""
    found = prog.derived.get("today_share")
    if not isinstance(found, Fraction):
        found = prog.derived["today_share"] = _today_share(prog)
    return found


def _today_share(prog: Progress) -> Fraction:
    sched = prog.schedule
    today = prog.today
    ledger = prog.ledger
    if today not in ledger.daily() and all(d.on != today for d in ledger.done.values()):
        return Fraction(0)
    if today > sched.finish:
        cap = sched.settings.capacity_on(today)
    else:
        cap = sched.laid_before(today + timedelta(days=1)) - prog.pace.planned_to_date
    if cap <= 0:
        return Fraction(0)
    from mlpath.core.outlook import credited_on

    before, after = credited_on(prog, [today - timedelta(days=1), today])
    return min(max(after - before, Fraction(0)), cap)


def reaching(prog: Progress, share: Fraction, needed: Fraction) -> date | None:
    """The day the calendar, from where today's `share` leaves it, has laid `needed`
    (None past the last date mlpath handles: no date it could show)."""
    sched = prog.schedule
    day: date | None
    try:
        if prog.today - timedelta(days=1) < sched.finish:
            day = sched.day_reaching(prog.pace.planned_to_date + share + needed)
        else:
            day = day_accumulating(sched.settings, prog.today, share + needed)
    except OverflowError:  # beyond the dates Python holds at all
        return None
    return day if day is not None and day <= LAST_DAY else None


def capacity_between(settings: Settings, first: date, last: date) -> Fraction:
    """Study capacity of the calendar from `first` to `last`, both included (counted
    by whole weeks and breaks, core/studydays.py: not walked day by day)."""
    from mlpath.core.studydays import capacity_between as counted

    return counted(settings, first, last)


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

    until = (settings.lay_from or settings.start) + timedelta(days=MAX_PLAN_DAYS)
    done = {k: d.on for k, d in ledger.done.items()}
    ids = roadmap.known(done)  # of the roadmap's ids (a done idea of a choice has reviews too)
    return review_load(done, ledger.reviews, until, ids) or None


def skipped_on(ledger: Ledger | None) -> dict[str, date] | None:
    """The items the learner skipped (`skip ITEM`), each with its day: what
    `build(leave_out=...)` takes."""
    if ledger is None or not ledger.skips:
        return None
    return {k: s.on for k, s in ledger.skips.items()}


def _chain(prog: Progress) -> list[tuple[date, Settings | None]]:
    """The plans the active one replanned, then itself (None), each with its first day."""
    from mlpath.core.ledger import settings_of

    current = prog.schedule
    chain: list[tuple[date, Settings | None]] = []
    for record in prog.ledger.history[prog.ledger.chain_start :]:
        if record.get("roadmap") == current.roadmap.id:
            then = settings_of(record)
            chain.append((then.lay_from or then.start, then))
    cur = current.settings
    chain.append((cur.lay_from or cur.start, None))
    return chain


def planned_between(
    prog: Progress, spans: list[tuple[date, date]]
) -> list[tuple[Fraction, Fraction]]:
    """For each (first, last) of `spans`, the new work and the review time laid on its
    days (both ends included), each day's by the plan in force on it: a replan re-lays
    the future, so a week begun before it keeps what the earlier plan laid then."""
    cuts = sorted({d for d, _ in _chain(prog)})
    pieces: list[tuple[int, date, date]] = []  # (span, first, last) inside one plan each
    for i, (first, last) in enumerate(spans):
        a = first
        for d in (c for c in cuts if first < c <= last):
            pieces.append((i, a, d - timedelta(days=1)))
            a = d
        pieces.append((i, a, last))
    eras = plans_in_force(prog, [a for _, a, _ in pieces])  # each plan laid once
    out = [(Fraction(0), Fraction(0))] * len(spans)
    for era, (i, a, b) in zip(eras, pieces, strict=True):
        new = era.planned_through(b) - era.planned_through(a - timedelta(days=1))
        days = ((b - a).days + 1) if b >= a else 0
        reviews = sum(
            (era.review_hours_on(a + timedelta(days=k)) for k in range(days)), Fraction(0)
        )
        out[i] = (out[i][0] + new, out[i][1] + reviews)
    return out


def plans_in_force(prog: Progress, days: list[date]) -> list[Schedule]:
    """For each of `days`, the schedule of the plan in force on it: of the plans the
    active one replanned and itself, in the order they were made, the last one whose
    first day is that day or earlier (the first one before them all). Only the plans
    some day needs are laid again, each once."""
    from mlpath.core.habits import with_habits
    from mlpath.core.schedule import build
    from mlpath.errors import MlpathError

    current = prog.schedule
    chain = _chain(prog)
    laid: dict[int, Schedule] = {}
    out: list[Schedule] = []
    for day in days:
        index = next((i for i in range(len(chain) - 1, -1, -1) if chain[i][0] <= day), 0)
        if index not in laid:
            old = chain[index][1]
            try:
                if old is None:
                    laid[index] = current
                else:  # laid as the active plan is: its habits derived, its review cap
                    old = with_habits(current.roadmap, old)
                    laid[index] = build(
                        current.roadmap,
                        old,
                        review_due_for(current.roadmap, old, prog.ledger),
                        leave_out=skipped_on(prog.ledger),
                        review_cap=prog.review_cap,
                    )
            except MlpathError:  # laid from a roadmap that has changed since: today's line
                laid[index] = current
        out.append(laid[index])
    return out
