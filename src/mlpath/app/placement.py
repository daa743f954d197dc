"""`mlpath assess` as one command run: which roadmap to place the learner in, and
adopting the recommendation as their plan. Prints nothing; the questions are
asked by the CLI (cli/assess_prompt.py) and passed in as a function."""

from __future__ import annotations

from datetime import date
from typing import Any

from mlpath.core import assess as core
from mlpath.core.roadmap import Roadmap
from mlpath.errors import MlpathError
from mlpath.store.state import Store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable


def roadmap_arg(store: Store, given: str | None, config: dict[str, Any]) -> str:
    """The roadmap to place in: the one given, else the plan's, else config's, else the
    default for the configured level."""
    if given is not None:
        return given
    from mlpath.core.ledger import fold_state
    from mlpath.store.catalog import DEFAULT_FOR_LEVEL

    plan = fold_state(store.read()).plan
    if plan is not None:
        return str(plan.get("roadmap_path") or plan["roadmap"])
    return str(config.get("roadmap") or DEFAULT_FOR_LEVEL[config.get("level") or "beginner"])


def check_settings(
    hours: str | None, start: str | None, when: date, config: dict[str, Any]
) -> None:
    """Refuse an --hours or --start that `mlpath plan` would refuse, before any question
    is asked: they go into the recommended command and --apply's plan."""
    from mlpath.core.dates import check_daily_hours, parse_date, parse_days, parse_weekly_hours
    from mlpath.core.schedule import ALL_DAYS

    if hours is not None:
        days = parse_days(config["days"]) if "days" in config else ALL_DAYS
        check_daily_hours(parse_weekly_hours(hours), days)
    if start is not None:
        parse_date(start, when)


def assessment(
    rm: Roadmap,
    given: dict[str, bool],
    *,
    roadmap: str,
    hours: str | None,
    start: str | None,
) -> tuple[core.Assessment, str, dict[str, Any]]:
    """Score the answers: (the result, the `mlpath plan` command it recommends, its view)."""
    result = core.score(rm, given)
    args = core.plan_args(result, roadmap_arg=roadmap, hours=hours, start=start)
    command = core.plan_command(args)
    view = core.assessment_view(result, core.questions(rm), command, rm.title)
    view["applied"] = False
    return result, command, view


def adopt(
    store: Store,
    when: date,
    result: core.Assessment,
    *,
    roadmap: str,
    hours: str | None,
    start: str | None,
    config: dict[str, Any],
    force: bool,
    command: str,
    confirm: Callable[[str], bool] | None,
) -> Any:
    """Make the recommended plan. A plan with progress is replaced only with `force`, or
    when `confirm` (asked inside the plan's locked transaction's refusal) says yes."""
    from mlpath.app.actions import HasProgress, make_plan

    def make(replace: bool) -> Any:
        return make_plan(
            store,
            when,
            roadmap=roadmap,
            level=result.level,
            hours=hours,
            start=start,
            days=None,
            breaks=(),
            dry_run=False,
            force=replace,
            config=config,
            skip=tuple(str(n) for n in result.skip),
            compress=tuple(str(n) for n in result.compress),
            backgrounds=tuple(result.backgrounds),
        )

    try:
        return make(force)
    except HasProgress as exc:
        # the check runs inside the plan's locked transaction, so nothing slips in between
        if confirm is None or not confirm(f"{exc.message} Replace it with this plan?"):
            raise MlpathError(
                exc.message,
                "Run `mlpath assess --apply --force` to replace it (`mlpath undo` brings it "
                # the plan command replaces a plan with progress only when forced too
                f"back), or later: {command} --force",
            ) from None
        return make(True)
