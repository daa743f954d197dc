"""Deadlines for `plan`/`replan --deadline TARGET=DATE` (core/deadlines.py decides)."""

from __future__ import annotations

from datetime import date

from mlpath.core.deadlines import parse_deadline, reach, targets
from mlpath.core.numbers import plural
from mlpath.core.roadmap import Roadmap
from mlpath.core.schedule import Schedule
from mlpath.errors import UsageError
from mlpath.render.text import number


def deadline_settings(
    rm: Roadmap, given: tuple[str, ...], when: date, old: tuple[tuple[str, date], ...] = ()
) -> tuple[tuple[str, date], ...]:
    """The plan's deadlines: the old ones (a replan keeps them), each target given
    anew taking its new date."""
    out = dict(old)
    for text in given:
        target, day = parse_deadline(rm, text, when)
        out[target] = day
    return tuple(sorted(out.items()))


def deadline_warnings(
    rm: Roadmap,
    sched: Schedule,
    review_due: dict[date, int] | None = None,
    leave_out: dict[str, date] | None = None,
) -> list[str]:
    """One warning per deadline this plan misses, with the hours a week that would
    meet it (laid as --finish-by lays them: reviews and habits included). A deadline
    the plan's table meets is missed all the same when the reviews its own items will
    bring push the target past it: a learner who follows the plan meets those."""
    from mlpath.core.finishby import least_hours_for
    from mlpath.core.schedule import build

    out = []
    followed: Schedule | None = None  # laid with its items' reviews, when needed
    for target, day in targets(sched.settings):
        planned = reach(target)(sched)
        who = "this plan"
        if planned <= day:
            if followed is None:
                followed = build(rm, sched.settings, review_due, forecast=True, leave_out=leave_out)
            planned = reach(target)(followed)
            if planned <= day:
                continue
            who = "with the reviews its items will bring, this plan"
        try:
            weekly, _ = least_hours_for(
                rm, sched.settings, day, review_due, leave_out, reached=reach(target)
            )
            fix = f"{number(weekly)} h/week would meet it."
        except UsageError:
            fix = "no number of hours a week meets it from this start; move it or the start."
        out.append(
            f"Deadline {target} {day.isoformat()}: {who} reaches it on "
            f"{planned.isoformat()}, {plural((planned - day).days, 'day')} late; {fix}"
        )
    return out
