"""The dashboard's figures: `Progress` -> series and the `status` view dict.

Pure: no rich, no files, no clock (`today` is `Progress.today`). Completed
effort, pace and the projected finish are read from `Progress` (the same
object `next` shows), never recomputed here, so `status` and `next` cannot
disagree. What this module adds is the time dimension:

- burndown: point 0 is the plan's start, point N the end of week N.
  Planned remaining = total effort - `schedule.planned_through(end of week N)`
  of the plan in force on that day (before a replan's date, the plan it replaced);
  actual remaining (weeks that have started only) = total effort - the effort
  credited by the end of week N (core/progress.py): items complete by then (on
  the `on` date of their done event; a done milestone completes its whole phase
  on its date) and the time logged toward the others by then;
- per-phase state: done (with the date its milestone, else its last item, was
  done), overdue (due date passed, not done), in progress, upcoming, skipped;
- the milestone timeline, logged hours per week and the study streak:
  consecutive plan weeks meeting their planned hours, ending with the last
  complete week (the current week counts once its target is met); weeks with
  no planned hours (breaks, days before a replan) neither break nor extend it.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from mlpath.core.planned import week_hours
from mlpath.core.progress import Progress, credit_through, finished_dates
from mlpath.core.record import Record
from mlpath.core.schedule import PlannedItem, PlannedPhase, Schedule
from mlpath.core.studydays import fsum
from mlpath.core.views import (
    deadlines_view,
    iso,
    num,
    pace_view,
    review_forecast,
    reviews_today,
    skipped_view,
)

TYPE_CHECKING = False  # typing costs start-up time; annotations only
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

PHASE_STATES = ("done", "in-progress", "upcoming", "overdue", "skipped")
MILESTONE_STATES = ("done", "due", "overdue")


# --- when each item counts as completed ------------------------------------------------


def completion_dates(prog: Progress) -> dict[str, date]:
    """Item id -> the day it counts as completed, for every item `Progress` counts complete.

    An item's own done date, or its phase milestone's done date, whichever is earlier.
    """
    finished = finished_dates(prog.schedule, prog.ledger)
    return {item: day for item, day in finished.items() if item in prog.complete}


def _counted(prog: Progress) -> list[tuple[PlannedItem, date]]:
    """The items that make up `prog.completed_effort`, with their completion dates."""
    when = completion_dates(prog)
    return [
        (it, when[it.id])
        for it in prog.schedule.items.values()
        if it.id in prog.complete and not it.skipped and it.id in when
    ]


def completed_by(prog: Progress, day: date) -> Fraction:
    """Effort completed by the end of `day`."""
    return sum((it.effort for it, on in _counted(prog) if on <= day), Fraction(0))


# --- burndown ------------------------------------------------------------------------------


class BurnPoint(Record):
    __slots__ = (
        "week",
        "through",
        "planned",
        "actual",
    )

    def __init__(
        self, week: int, through: date, planned: Fraction, actual: Fraction | None
    ) -> None:
        self.week = week  # 0 = the plan's start; N = the end of week N
        self.through = through  # remaining effort is measured at the end of this day
        self.planned = planned
        self.actual = actual  # None for weeks that have not started yet


def last_week(prog: Progress) -> int:
    """The last week the dashboard's time axis shows.

    The plan's last week, or later when today (not finished yet) or the day the
    plan was finished lies beyond it.
    """
    sched = prog.schedule
    end = prog.total_weeks
    if prog.finished:
        when = completion_dates(prog)
        if when:
            end = max(end, sched.week_number(max(when.values())))
    else:
        end = max(end, prog.week_number)
    return max(end, 1)


def burndown(prog: Progress) -> list[BurnPoint]:
    """Planned remaining = total - L of the plan in force each day; actual
    remaining = total - the effort credited by the end of each week (complete
    items + the credit of the others then), the figure pace is measured by.

    Both come from the plan in force at each week's end, so the past keeps its past
    (PRODUCT.md): a replan settles earlier logs into its own credit, which must not
    move weeks that ended before it was laid."""
    from mlpath.core.daterange import LAST_DAY
    from mlpath.core.progress import plans_in_force

    sched = prog.schedule
    start = sched.settings.start
    # (the last week ends on the last day mlpath handles at the latest: dates are 1900-2999)
    ends = [min(start + timedelta(days=7 * n - 1), LAST_DAY) for n in range(last_week(prog) + 1)]
    started = sum(
        1 for n in range(len(ends)) if prog.today >= start + timedelta(days=7 * max(n - 1, 0))
    )
    # the plan in force on each day: a replan re-lays the future, not the past
    eras = plans_in_force(prog, ends)
    actual: dict[int, Fraction] = {}
    for era in {id(e): e for e in eras[:started]}.values():
        weeks = [n for n in range(started) if eras[n] is era]
        actual.update(_actual_remaining(era, prog, [ends[n] for n in weeks], weeks))
    planned: dict[int, Fraction] = {}  # week -> planned remaining, each era asked once
    for era in {id(e): e for e in eras}.values():
        weeks = [n for n in range(len(ends)) if eras[n] is era]
        planned.update(zip(weeks, era.planned_remaining([ends[n] for n in weeks]), strict=True))
    return [BurnPoint(n, through, planned[n], actual.get(n)) for n, through in enumerate(ends)]


def _actual_remaining(
    era: Schedule, prog: Progress, ends: list[date], weeks: list[int]
) -> dict[int, Fraction]:
    """Week -> the effort left at its end, counted on the plan `era` (its items, its
    credit): items finished by then, plus the logged credit of the others."""
    finished = finished_dates(era, prog.ledger)
    if era is prog.schedule:  # what Progress counts complete (vanished items aside)
        finished = {k: v for k, v in finished.items() if k in prog.complete}
    credits = credit_through(era, prog.ledger, finished, ends)
    done_on = sorted(
        (
            (it.effort, finished[it.id])
            for it in era.items.values()
            if it.id in finished and not it.skipped
        ),
        key=lambda pair: pair[1],
    )
    out: dict[int, Fraction] = {}
    done, reach = Fraction(0), 0  # the weeks' ends come in order: a running sum
    for j, (n, through) in enumerate(zip(weeks, ends, strict=True)):
        start = reach
        while reach < len(done_on) and done_on[reach][1] <= through:
            reach += 1
        done += fsum(effort for effort, _ in done_on[start:reach])
        partial = fsum(
            v for k, v in credits[j].items() if not (k in finished and finished[k] <= through)
        )
        out[n] = max(era.total_on(through) - done - partial, Fraction(0))
    return out


# --- phases and milestones ------------------------------------------------------------------


class PhaseRow(Record):
    __slots__ = (
        "number",
        "id",
        "title",
        "state",
        "start",
        "due",
        "done_on",
        "effort",
        "completed",
        "days_overdue",
    )

    def __init__(
        self,
        number: int,
        id: str,
        title: str,
        state: str,
        start: date | None,
        due: date | None,
        done_on: date | None,
        effort: Fraction,
        completed: Fraction,
        days_overdue: int | None,
    ) -> None:
        self.number = number
        self.id = id
        self.title = title
        self.state = state  # one of PHASE_STATES
        self.start = start
        self.due = due
        self.done_on = done_on
        self.effort = effort
        self.completed = completed
        self.days_overdue = days_overdue


def phase_state(prog: Progress, ph: PlannedPhase, items: list[PlannedItem]) -> str:
    """One phase's state (PHASE_STATES); `items`: its items that are not skipped."""
    if ph.skipped:
        return "skipped"
    complete = prog.complete
    if items and all(it.id in complete for it in items):
        return "done"
    if ph.due is not None and ph.due < prog.today:
        return "overdue"
    if any(it.id in complete for it in items) or (ph.start is not None and ph.start <= prog.today):
        return "in-progress"
    return "upcoming"


def _laid_items(prog: Progress, ph: PlannedPhase) -> list[PlannedItem]:
    return [it for it in prog.schedule.by_phase().get(ph.number, ()) if not it.skipped]


def phase_states(prog: Progress) -> list[str]:
    """Every phase's state, in plan order (`phase_state` of each): the items laid and
    complete counted per phase in one pass over the plan, no rows or lists built."""
    complete = prog.complete
    laid: dict[int, int] = {}
    done: dict[int, int] = {}
    for it in prog.schedule.items.values():
        if not it.skipped:
            n = it.phase
            laid[n] = laid.get(n, 0) + 1
            if it.id in complete:
                done[n] = done.get(n, 0) + 1
    today = prog.today
    out = []
    for ph in prog.schedule.phases:
        n = ph.number
        if ph.skipped:
            out.append("skipped")
        elif laid.get(n, 0) and done.get(n, 0) == laid[n]:
            out.append("done")
        elif ph.due is not None and ph.due < today:
            out.append("overdue")
        elif done.get(n, 0) or (ph.start is not None and ph.start <= today):
            out.append("in-progress")
        else:
            out.append("upcoming")
    return out


def _last_finished(prog: Progress, ph: PlannedPhase, items: list[PlannedItem]) -> date | None:
    """The latest of the days `items` (of phase `ph`) were finished on, each its own
    done day or its phase milestone's, whichever is earlier (as `finished_dates`)."""
    done = prog.ledger.done
    milestone = next(
        (it for it in prog.schedule.by_phase().get(ph.number, ()) if it.kind == "milestone"),
        None,
    )
    by_ms = done[milestone.id].on if milestone is not None and milestone.id in done else None
    days = []
    for it in items:
        own = done.get(it.id)
        if own is not None:
            days.append(own.on if by_ms is None or own.on <= by_ms else by_ms)
        elif by_ms is not None:
            days.append(by_ms)
    return max(days, default=None)


def phase_rows(prog: Progress, shown: list[int] | None = None) -> list[PhaseRow]:
    """The rows of the phases at the positions `shown` (every phase when None)."""
    sched = prog.schedule
    phases = sched.phases if shown is None else [sched.phases[i] for i in shown]
    done_events = prog.ledger.done
    rows: list[PhaseRow] = []
    for ph in phases:
        items = _laid_items(prog, ph)
        completed = fsum(it.effort for it in items if it.id in prog.complete)
        state = phase_state(prog, ph, items)
        done_on: date | None = None
        overdue: int | None = None
        if state == "done":
            ms = next((it for it in items if it.kind == "milestone"), None)
            if ms is not None and ms.id in done_events:
                done_on = done_events[ms.id].on
            else:  # the last day one of its items was finished on
                done_on = _last_finished(prog, ph, items)
        elif state == "overdue" and ph.due is not None:
            overdue = (prog.today - ph.due).days
        rows.append(
            PhaseRow(
                ph.number,
                ph.id,
                ph.title,
                state,
                ph.start,
                ph.due,
                done_on,
                ph.effort if not ph.skipped else Fraction(0),
                completed,
                overdue,
            )
        )
    return rows


class MilestoneRow(Record):
    __slots__ = (
        "id",
        "title",
        "phase",
        "due",
        "state",
        "done_on",
        "days_left",
        "is_next",
    )

    def __init__(
        self,
        id: str,
        title: str,
        phase: int,
        due: date | None,
        state: str,
        done_on: date | None,
        days_left: int | None,
        is_next: bool,
    ) -> None:
        self.id = id
        self.title = title
        self.phase = phase
        self.due = due
        self.state = state  # one of MILESTONE_STATES
        self.done_on = done_on
        self.days_left = days_left  # negative when overdue; None when done
        self.is_next = is_next


def milestone_rows(prog: Progress, shown: list[int] | None = None) -> list[MilestoneRow]:
    """The milestones, in plan order: every one, or those of the phases at the
    positions `shown`."""
    if shown is None:
        items: Iterable[PlannedItem] = prog.schedule.items.values()
    else:
        groups = prog.schedule.by_phase()
        phases = prog.schedule.phases
        items = [it for i in shown for it in groups.get(phases[i].number, ())]
    upcoming = prog.next_milestone()
    rows: list[MilestoneRow] = []
    for it in items:
        if it.kind != "milestone" or it.skipped:
            continue
        if it.id in prog.complete:
            done = prog.ledger.done.get(it.id)
            rows.append(
                MilestoneRow(
                    it.id,
                    it.title,
                    it.phase,
                    it.due,
                    "done",
                    done.on if done else None,
                    None,
                    False,
                )
            )
            continue
        left = prog.days_left(it)
        state = "overdue" if left is not None and left < 0 else "due"
        is_next = upcoming is not None and upcoming.id == it.id
        rows.append(MilestoneRow(it.id, it.title, it.phase, it.due, state, None, left, is_next))
    return rows


# --- study time ------------------------------------------------------------------------------


class WeekHours(Record):
    __slots__ = (
        "week",
        "start",
        "end",
        "planned",
        "logged",
    )

    def __init__(
        self, week: int, start: date, end: date, planned: Fraction, logged: Fraction
    ) -> None:
        self.week = week
        self.start = start
        self.end = end
        self.planned = planned
        self.logged = logged

    @property
    def met(self) -> bool | None:
        """True/False against the week's target; None for a week with no target."""
        return None if self.planned == 0 else self.logged >= self.planned


def weekly_hours(prog: Progress) -> list[WeekHours]:
    """Planned and logged hours for every plan week that has started (week 1 to today's).

    A week begun before the active plan's first day keeps what the plan in force then
    laid on its days before it (past days keep their past, PRODUCT.md)."""
    from mlpath.core.progress import planned_between

    sched = prog.schedule
    planned = week_hours(sched.weeks)  # (a kept schedule's weeks are not made for it)
    # reviews are study time too: a week's target is its new work and its reviews, as
    # `Progress.week_target` (this week's line) has it
    for n, review in sched.review_hours_by_week().items():
        planned[n] = planned.get(n, Fraction(0)) + review
    lay_from = sched.settings.lay_from
    if lay_from is not None:
        begun = range(1, min(prog.week_number, sched.week_number(lay_from)) + 1)
        kept = planned_between(prog, [sched.week_bounds(n) for n in begun])
        planned.update((n, new + review) for n, (new, review) in zip(begun, kept, strict=True))
    by_week: dict[int, list[Fraction]] = {}
    for day, items in prog.ledger.daily().items():  # hours summed once per day
        by_week.setdefault(sched.week_number(day), []).extend(items.values())
    logged = {n: fsum(hours) for n, hours in by_week.items()}
    out: list[WeekHours] = []
    for n in range(1, prog.week_number + 1):
        first, last = sched.week_bounds(n)
        out.append(
            WeekHours(n, first, last, planned.get(n, Fraction(0)), logged.get(n, Fraction(0)))
        )
    return out


def planned_to_date(prog: Progress) -> Fraction:
    """What the total logged is held against: the new work and the reviews laid on the
    days before today (time logged covers the day's reviews first), each day's by the
    plan in force on it, so a replan leaves the figure for past days as it was."""
    from mlpath.core.progress import planned_between

    sched = prog.schedule
    if sched.settings.lay_from is None:  # one plan since the start: L(today) is it
        return prog.pace.planned_to_date + sched.review_hours_before(prog.today)
    first, last = sched.settings.start, prog.today - timedelta(days=1)
    if last < first:
        return Fraction(0)
    new, reviews = planned_between(prog, [(first, last)])[0]
    return new + reviews


def streak(prog: Progress, weeks: list[WeekHours] | None = None) -> int:
    """Consecutive plan weeks meeting their target, ending with the last complete week.

    The current week extends the streak once its target is met, and never breaks it.
    """
    weeks = weeks if weeks is not None else weekly_hours(prog)
    count = 0
    current = prog.week_number
    for wk in reversed(weeks):
        if wk.met is None:
            continue
        if wk.met:
            count += 1
        elif wk.week == current:
            continue
        else:
            break
    return count


# --- the view ------------------------------------------------------------------------------


def percent(part: Fraction, whole: Fraction) -> float:
    """part/whole in percent, one decimal, never 100.0 before it is complete."""
    if whole <= 0:
        return 100.0
    value = part * 1000 / whole
    tenths = int(value)  # floor: 99.96 % is not yet 100 %
    return tenths / 10


def _phase_credits(prog: Progress) -> dict[int, Fraction]:
    """Hours credited to each phase's unfinished items (one pass over the credit)."""
    items = prog.schedule.items
    out: dict[int, Fraction] = {}
    for k, v in prog.credit.items():
        n = items[k].phase
        out[n] = out.get(n, Fraction(0)) + v
    return out


def _ratio(part: Fraction, whole: Fraction) -> float:
    return 1.0 if whole <= 0 else min(max(float(part / whole), 0.0), 1.0)


def _done_text(prog: Progress, item: str, field: str) -> str | None:
    done = prog.ledger.done.get(item)
    return None if done is None else getattr(done, field)


def _window(prog: Progress) -> tuple[list[int], dict[str, Any]]:
    """The positions of the phases a big plan's dashboard shows (core/window.py), and
    what stands in for the rest: each run left out counted by state (its phases and
    their milestones), and every phase's due week for the burndown's axis."""
    from mlpath.core.window import hidden_runs, learner_at, shown

    sched = prog.schedule
    today = prog.today
    states = phase_states(prog)
    calendar = 0  # the phase the calendar is in: the last one started by today
    for i, ph in enumerate(sched.phases):
        if ph.start is not None and not ph.skipped and ph.start <= today:
            calendar = i
    positions = shown(len(states), learner_at(states), calendar)
    by_number: dict[int, list[PlannedItem]] = {}  # each phase's laid milestones, one pass
    for it in sched.items.values():
        if it.kind == "milestone" and not it.skipped:
            by_number.setdefault(it.phase, []).append(it)

    def milestones(i: int) -> list[PlannedItem]:
        return by_number.get(sched.phases[i].number, [])

    before = [0]  # milestones shown before each shown phase (and after the last)
    for i in positions:
        before.append(before[-1] + len(milestones(i)))
    runs = []
    for k, first, last in hidden_runs(positions, len(states)):
        counts = dict.fromkeys(PHASE_STATES, 0)
        marks = dict.fromkeys(MILESTONE_STATES, 0)
        for i in range(first, last + 1):
            counts[states[i]] += 1
            for it in milestones(i):
                if it.id in prog.complete:
                    marks["done"] += 1
                elif it.due is not None and it.due < today:
                    marks["overdue"] += 1
                else:
                    marks["due"] += 1
        runs.append(
            {"before": k, "milestones_before": before[k], "phases": last - first + 1}
            | {"states": counts, "milestones": marks}
        )
    start = sched.settings.start
    axis = [
        [(ph.due - start).days // 7 + 1, states[i]]
        for i, ph in enumerate(sched.phases)
        if ph.due is not None and not ph.skipped
    ]
    return positions, {"phases": len(states), "hidden": runs, "phase_due_weeks": axis}


def status_view(prog: Progress, every: bool = True) -> dict[str, Any]:
    """Everything `mlpath status` shows, as one JSON-able dict (also its --json).

    `every=False`: the dashboard's view; on a plan of more than
    `core.window.WINDOW_FROM` phases it holds the phases (and their milestones) around
    the learner only, and a `window` that counts the rest (core/window.py). The same
    dict as `every=True` on smaller plans."""
    from mlpath.core.window import WINDOW_FROM

    sched = prog.schedule
    positions: list[int] | None = None
    window: dict[str, Any] | None = None
    if not every and len(sched.phases) > WINDOW_FROM:
        positions, window = _window(prog)
    s = sched.settings
    total = sched.total_effort
    first, last = prog.week_bounds()
    weeks = weekly_hours(prog)
    choices = {ph.number: ph.choice for ph in sched.phases}
    phase_credit = _phase_credits(prog)
    view = {
        "today": iso(prog.today),
        "plan": {
            "roadmap": sched.roadmap.id,
            "title": sched.roadmap.title,
            "level": s.level,
            "hours_per_week": num(s.hours_per_week),
            "start": iso(s.start),
            "planned_finish": iso(sched.finish),
            "projected_finish": iso(prog.projected_finish),
            "week": {
                "number": prog.week_number,
                "of": prog.total_weeks,
                "start": iso(first),
                "end": iso(last),
            },
            "before_start": prog.before_start,
            "days_to_start": max(prog.days_to_start, 0),
            "finished": prog.finished,
        },
        "pace": pace_view(prog),
        "reviews": reviews_today(prog),
        "review_forecast": review_forecast(prog),
        "overall": {
            "completed_hours": num(prog.completed_effort),
            "credited_hours": num(prog.credited_effort),
            "total_hours": num(total),
            "remaining_hours": num(prog.remaining_effort),
            "percent": percent(prog.completed_effort, total),
            "ratio": _ratio(prog.completed_effort, total),
        },
        "phases": [
            {
                "number": p.number,
                "id": p.id,
                "title": p.title,
                "state": p.state,
                "start": iso(p.start),
                "due": iso(p.due),
                "done_on": iso(p.done_on),
                "days_overdue": p.days_overdue,
                "completed_hours": num(p.completed),
                "credited_hours": num(p.completed + phase_credit.get(p.number, Fraction(0))),
                "hours": num(p.effort),
                "percent": 0.0 if p.state == "skipped" else percent(p.completed, p.effort),
                "ratio": 0.0 if p.state == "skipped" else _ratio(p.completed, p.effort),
                # "skip" / "compress": the learner's own (--skip, what assess recommends);
                # None: as the level has it
                "choice": choices.get(p.number),
            }
            for p in phase_rows(prog, positions)
        ],
        "skipped_items": skipped_view(prog),
        "deadlines": deadlines_view(prog),
        "milestones": [
            {
                "id": m.id,
                "title": m.title,
                "phase": m.phase,
                "due": iso(m.due),
                "state": m.state,
                "done_on": iso(m.done_on),
                "days_left": m.days_left,
                "next": m.is_next,
                # the latest note and evidence given (`done ITEM --note/--evidence`)
                "note": _done_text(prog, m.id, "note"),
                "evidence": _done_text(prog, m.id, "evidence"),
            }
            for m in milestone_rows(prog, positions)
        ],
        "burndown": {
            "total_hours": num(total),
            "today_week": prog.week_number,
            "points": [
                {
                    "week": b.week,
                    "through": iso(b.through),
                    "planned_remaining": num(b.planned),
                    "actual_remaining": None if b.actual is None else num(b.actual),
                }
                for b in burndown(prog)
            ],
        },
        "study": {
            "week_logged": num(prog.week_logged()),
            "week_target": num(prog.week_target()),
            "total_logged": num(prog.ledger.logged_total),
            "planned_to_date": num(planned_to_date(prog)),
            "streak_weeks": streak(prog, weeks),
            "weeks": [
                {
                    "week": w.week,
                    "start": iso(w.start),
                    "planned": num(w.planned),
                    "logged": num(w.logged),
                    "met": w.met,
                }
                for w in weeks
            ],
        },
        **method_status(prog),
    }
    if window is not None:
        view["window"] = window
    return view


def method_status(prog: Progress) -> dict[str, Any]:
    """The documents' method (core/balance.py, core/coach.py): theory and practice, habits."""
    from mlpath.core.balance import balance_view
    from mlpath.core.coach import habits_status, timer_view

    return {
        "theory_practice": balance_view(prog),
        "habits": habits_status(prog),
        "timer": timer_view(prog),
    }
