"""`replan --catch-up WEEKS`: the app's side (core/catchup.py decides)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from mlpath.app.session import Active
from mlpath.core.catchup import CatchUp, catch_up, parse_weeks
from mlpath.core.progress import skipped_on
from mlpath.core.roadmap import Roadmap
from mlpath.core.schedule import Settings
from mlpath.core.views import num
from mlpath.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Step = tuple[str, dict[str, Any]]


def catch_up_weeks(
    text: str, *, hours: str | None, finish_by: str | None, from_: str | None
) -> int:
    """WEEKS, refused beside the options that set the hours or the first day."""
    weeks = parse_weeks(text)
    given = [o for o, v in (("--hours", hours), ("--finish-by", finish_by), ("--from", from_)) if v]
    if given:
        raise UsageError(
            f"--catch-up and {given[0]} cannot go together.",
            "--catch-up keeps your hours and planned finish and adds to the next weeks "
            "from today; give one of them.",
        )
    return weeks


def spread(
    active: Active,
    roadmap: Roadmap,
    settings: Settings,
    weeks_text: str | None,
    due: dict[date, int] | None,
    max_day: Fraction | None,
    given: tuple[str | None, str | None, str | None] = (None, None, None),
) -> CatchUp | None:
    """The catch-up of today's deficit (None: none asked), or the reason there is none.
    `given`: replan's --hours, --finish-by and --from, which do not go with it."""
    if weeks_text is None:
        return None
    hours, finish_by, from_ = given
    weeks = catch_up_weeks(weeks_text, hours=hours, finish_by=finish_by, from_=from_)
    pace = active.progress.pace
    if pace.status != "behind":
        raise UsageError(
            f"You are {pace.label}: there is no deficit to catch up.",
            "`mlpath replan --catch-up` is for a learner behind the plan.",
        )
    return catch_up(
        roadmap,
        settings,
        deficit=pace.planned_to_date - active.progress.credited_effort,
        weeks=weeks,
        finish=active.schedule.finish,
        review_due=due,
        max_day=max_day,
        leave_out=skipped_on(active.ledger),
    )


def told(steps: list[Step], caught: CatchUp | None, *, dry_run: bool) -> list[Step]:
    """replan's steps with the weeks a catch-up adds to (after the replan itself); a dry
    run's in the conditional, and said to be one (render/change.py words them)."""
    out = list(steps)
    if caught is not None:
        sched = caught.schedule
        figures = {
            "deficit": caught.deficit,
            "weeks": caught.weeks,
            "first_week": sched.week_number(caught.first),
            "last_week": sched.week_number(caught.last),
            "hours_per_week": caught.hours_per_week,
            "first": caught.first.isoformat(),
            "last": caught.last.isoformat(),
            "extra": caught.extra,
            "usual": caught.usual,
        }
        at = next((i + 1 for i, (kind, _) in enumerate(out) if kind == "replanned"), 1)
        out.insert(at, ("catching_up", figures))
    if dry_run:
        would = ("adopted", "replanned", "finish_moved", "vanished")
        out = [(k, {**f, "dry_run": True}) if k in would else (k, f) for k, f in out]
        out.append(("dry_run", {}))
    return out


def catch_up_view(caught: CatchUp) -> dict[str, Any]:
    return {
        "deficit_hours": num(caught.deficit),
        "weeks": caught.weeks,
        "from": caught.first.isoformat(),
        "until": caught.last.isoformat(),
        "hours_per_week": num(caught.hours_per_week),
        "then_hours_per_week": num(caught.usual),
    }
