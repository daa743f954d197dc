"""Deadlines: dates by which the learner must have finished a topic, project,
milestone or whole phase (`--deadline TARGET=DATE`), and interview dates
(`--interview DATE`: the whole plan by then).

Pure. For each deadline: the day the plan reaches the target (its due date; a
phase's or milestone's: its phase's end; an interview's: the plan's finish), the
projected day at the learner's speed since the plan was laid (as the projected
finish is, core/progress.py), and the calendar days of margin (negative: at
risk). A target already finished shows the day it was finished.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction

from mlpath.core.progress import Progress, reaching, speed
from mlpath.core.record import Record
from mlpath.core.roadmap import Roadmap
from mlpath.core.schedule import Schedule, Settings
from mlpath.errors import UsageError

INTERVIEW = "interview"


class Deadline(Record):
    __slots__ = ("target", "title", "date", "planned", "projected", "done_on")

    def __init__(
        self,
        target: str,
        title: str,
        date: date,
        planned: date | None,
        projected: date | None,
        done_on: date | None = None,
    ) -> None:
        self.target = target
        self.title = title
        self.date = date
        self.planned = planned  # the day the plan reaches it
        self.projected = projected  # at the learner's speed (None: no speed to tell)
        self.done_on = done_on

    @property
    def margin_days(self) -> int | None:
        """Calendar days from the projected (or done) day to the deadline; < 0: at risk."""
        reached = self.done_on or self.projected
        return None if reached is None else (self.date - reached).days


def parse_deadline(rm: Roadmap, text: str, when: date) -> tuple[str, date]:
    """`TARGET=DATE`: a topic, project or milestone id, or a phase (number or id)."""
    from mlpath.core.dates import parse_date

    target, sep, day = text.partition("=")
    target = target.strip().lower()
    if not sep or not target or not day.strip():
        raise UsageError(
            f"--deadline {text}: give it as ITEM=DATE or PHASE=DATE.",
            "For example --deadline supervised-baseline=2027-05-01 or --deadline 2=2027-05-01.",
        )
    ids = {it.id for _, _, it in rm.items()}
    phases = {p.id: p for p in rm.phases} | {str(p.number): p for p in rm.phases}
    if target in ids:
        return target, parse_date(day, when)
    if target in phases:
        return phases[target].id, parse_date(day, when)
    # named as `done` names it (core/resolve.py): `p2`, `phase 2`, a unique id prefix
    import re

    from mlpath.core.resolve import PHASE

    m = re.match(PHASE, target)
    if m and str(int(m[1])) in phases:
        return phases[str(int(m[1]))].id, parse_date(day, when)
    named = sorted(i for i in ids | {p.id for p in rm.phases} if i.startswith(target))
    if len(named) == 1:
        return named[0], parse_date(day, when)
    if named:
        raise UsageError(
            f"--deadline {text}: '{target}' starts {len(named)} ids: {', '.join(named[:6])}"
            f"{' and more' if len(named) > 6 else ''}.",
            "Type more of the id.",
        )
    raise UsageError(
        f"--deadline {text}: the roadmap '{rm.id}' has no item or phase '{target}'.",
        f"`mlpath roadmaps show {rm.id}` lists its phases and items.",
    )


def targets(settings: Settings) -> list[tuple[str, date]]:
    """The plan's deadlines, then its interviews (the whole plan by then)."""
    return [*settings.deadlines, *((INTERVIEW, d) for d in settings.interviews)]


def _through(sched: Schedule, target: str) -> tuple[str, Fraction, date | None, list[str]]:
    """(title, effort through the target in plan order, the plan's day for it, the
    ids that must be complete for it)."""
    counted = [it for it in sched.items.values() if not it.skipped or it.left_out]
    if target == INTERVIEW:
        ids = [it.id for it in sched.items.values() if not it.skipped]
        return "Interview", sched.total_effort, sched.finish, ids
    phase = next((p for p in sched.phases if p.id == target), None)
    if phase is None and target in sched.items:
        it = sched.items[target]
        if it.kind != "milestone":
            at = next((i for i, c in enumerate(counted) if c is it), -1)
            effort = sum((c.effort for c in counted[: at + 1]), Fraction(0))
            return it.title, effort, it.due, [it.id]
        phase = next(p for p in sched.phases if p.number == it.phase)
    if phase is None:
        return target, sched.total_effort, None, []
    effort = sum((c.effort for c in counted if c.phase <= phase.number), Fraction(0))
    ids = [it.id for it in sched.items.values() if it.phase == phase.number and not it.skipped]
    title = phase.title if phase.id == target else sched.items[target].title
    return title, effort, phase.due, ids


def deadlines(prog: Progress) -> list[Deadline]:
    sched = prog.schedule
    out = []
    for target, day in targets(sched.settings):
        title, effort, planned, ids = _through(sched, target)
        if ids and all(prog.is_complete(i) for i in ids):
            done = [prog.done_on(i) for i in ids]
            on = max((d for d in done if d is not None), default=prog.today)
            out.append(Deadline(target, title, day, planned, on, on))
            continue
        out.append(Deadline(target, title, day, planned, projected_reach(prog, effort)))
    return out


def projected_reach(prog: Progress, effort: Fraction) -> date | None:
    """The day the credited effort reaches `effort` if the learner keeps the speed
    shown since the plan was laid (core/progress.py's projection, for any target)."""
    sched = prog.schedule
    done, elapsed, share = speed(prog)
    remaining = effort - prog.credited_effort
    if remaining <= 0:
        return prog.today  # all its hours are in: it can be ticked
    if elapsed <= 0:
        return sched.day_reaching(effort - max(done, Fraction(0)))
    if done <= 0:
        return None
    needed = remaining * elapsed / done
    if needed > sched.total_effort * 50:
        return None
    return reaching(prog, share, needed)


def reach(target: str) -> Callable[[Schedule], date]:
    """The plan's day for a target (for the hours that would meet its deadline)."""

    def day_of(sched: Schedule) -> date:
        return _through(sched, target)[2] or date.min  # finished before this plan: met

    return day_of
