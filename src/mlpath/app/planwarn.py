"""The warnings `plan` and `replan` give beside a plan they accept: one line each, on
stderr (cli/common.py's warn), the plan made all the same."""

from __future__ import annotations

from datetime import date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from mlpath.core.schedule import Schedule

FAR_FINISH_YEARS = 5
FAR_START_DAYS = 14


def unrealistic(
    schedule: Schedule,
    when: date,
    breaks: Iterable[tuple[date, date]] = (),
    *,
    start: bool = True,
) -> list[str]:
    """One warning line each for a plan that finishes more than five years from
    today, or that starts two weeks or more in the past (the learner begins behind),
    and for each break given that ends before the plan's first day (`start`: `plan`)
    or the first day a replan lays (today, or its --from): it is kept, and changes
    nothing."""
    out: list[str] = []
    s = schedule.settings
    try:
        far = when.replace(year=when.year + FAR_FINISH_YEARS)
    except ValueError:  # 29 February
        far = when.replace(year=when.year + FAR_FINISH_YEARS, day=28)
    if schedule.finish > far:
        out.append(
            f"This plan finishes on {schedule.finish.isoformat()}, more than "
            f"{FAR_FINISH_YEARS} years from now; more --hours, or --finish-by, bring it closer."
        )
    ago = (when - (s.lay_from or s.start)).days
    if start and ago >= FAR_START_DAYS:
        out.append(f"This plan starts {ago // 7} weeks ago: you begin behind; `--start today`?")
    return out + past_breaks(breaks, s.start if start else (s.lay_from or when), when, start)


def past_breaks(
    breaks: Iterable[tuple[date, date]], first: date, when: date, start: bool
) -> list[str]:
    """A line for each break that ends before `first`, the first day laid."""
    out = []
    for a, b in sorted(set(breaks)):
        if b >= first:
            continue
        name = a.isoformat() if a == b else f"{a.isoformat()}:{b.isoformat()}"
        if start:
            why = f"ends before the plan starts ({first.isoformat()})"
        elif first == when:
            why = "is already past"
        else:
            why = f"ends before {first.isoformat()}, where the replan lays from"
        out.append(f"The break {name} {why}, so it changes nothing.")
    return out
