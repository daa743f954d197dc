"""Bodies of `plan`, `replan` and `assess` (their options: cli/spec.py)."""

from __future__ import annotations

from typing import Any

from mlpath.cli.common import (
    Opts,
    change_output,
    config,
    emit_json,
    parse_breaks,
    parse_level,
    store,
    style,
    today,
    warn,
)


def plan(
    *,
    roadmap: str | None,
    level: str | None,
    hours: str | None,
    start: str | None,
    days: str | None,
    breaks: list[str] | None,
    dry_run: bool,
    force: bool,
    skip: list[str] | None,
    compress: list[str] | None,
    review_minutes: str | None,
    as_json: bool,
    finish_by: str | None = None,
    backgrounds: list[str] | None = None,
    picks: list[str] | None = None,
    interviews: list[str] | None = None,
    no_habits: list[str] | None = None,
    deadlines: list[str] | None = None,
) -> None:
    from mlpath.app.actions import make_plan

    when = today()
    result = make_plan(
        store(),
        when,
        roadmap=roadmap,
        level=parse_level(level),
        hours=hours,
        start=start,
        days=days,
        breaks=parse_breaks(breaks, when),
        dry_run=dry_run,
        force=force,
        config=config().plan_defaults(),
        skip=tuple(skip or ()),
        compress=tuple(compress or ()),
        review_minutes=review_minutes,
        finish_by=finish_by,
        backgrounds=tuple(backgrounds or ()),
        picks=tuple(picks or ()),
        interviews=tuple(interviews or ()),
        no_habits=tuple(no_habits or ()),
        deadlines=tuple(deadlines or ()),
    )
    for w in result.warnings:
        warn(w)
    if as_json:
        # where the plan was saved (it replaced the one there), or null for --dry-run
        emit_json({**result.view, "saved": result.store_path if result.saved else None})
    else:
        _show_plan(result)
    if result.views:  # the `next` that follows shows without drawing
        from mlpath.cli.output import draw_ahead

        draw_ahead(result.views, Opts.no_color)


def _show_plan(result: Any) -> None:
    from mlpath.render.plan import header_text, table_text, width
    from mlpath.render.term import write

    st = style()
    cols = width()
    write(header_text(result.view, st, cols) + table_text(result.view, st, cols))
    if result.saved:
        write(st(f"Saved as your plan in {result.store_path}. Next: `mlpath next`.", "dim") + "\n")
    else:
        write(st("Dry run: nothing was saved.", "dim") + "\n")


def replan(
    *,
    hours: str | None,
    from_: str | None,
    days: str | None,
    breaks: list[str] | None,
    review_minutes: str | None,
    as_json: bool,
    finish_by: str | None = None,
    backgrounds: list[str] | None = None,
    picks: list[str] | None = None,
    interviews: list[str] | None = None,
    no_habits: list[str] | None = None,
    catch_up: str | None = None,
    dry_run: bool = False,
    deadlines: list[str] | None = None,
    skip: list[str] | None = None,
    level: str | None = None,
) -> None:
    from mlpath.app.actions import do_replan
    from mlpath.core.dates import parse_duration_hours

    when = today()
    cap = config().values.get("max_hours_per_day") if catch_up is not None else None
    result = do_replan(
        store(),
        when,
        hours=hours,
        level=parse_level(level),
        from_=from_,
        days=days,
        breaks=parse_breaks(breaks, when),
        review_minutes=review_minutes,
        finish_by=finish_by,
        backgrounds=tuple(backgrounds) if backgrounds else None,
        picks=tuple(picks) if picks else None,
        interviews=tuple(interviews) if interviews else None,
        no_habits=tuple(no_habits) if no_habits else None,
        catch_up=catch_up,
        dry_run=dry_run,
        max_hours_per_day=parse_duration_hours(cap) if cap is not None else None,
        deadlines=tuple(deadlines or ()),
        skip=tuple(skip or ()),
    )
    change_output(result, as_json)


def assess(
    *,
    roadmap: str | None,
    answers: str | None,
    apply: bool,
    force: bool,
    hours: str | None,
    start: str | None,
    list_questions: bool,
    as_json: bool,
) -> None:
    from mlpath.app import placement
    from mlpath.core import assess as core
    from mlpath.errors import UsageError
    from mlpath.store.catalog import resolve

    if force and not apply:
        raise UsageError("--force goes with --apply.", "Run `mlpath assess --apply --force`.")
    cfg = config().plan_defaults()
    st = store()
    roadmap = placement.roadmap_arg(st, roadmap, cfg)
    rm = resolve(roadmap)
    qs = core.questions(rm)
    if list_questions:
        if as_json:
            emit_json(core.questions_view(rm, qs))
            return
        from mlpath.render.term import write

        write(
            "".join(
                f"{q.id}  ({q.kind if q.phase is None else f'phase {q.phase}'})  {q.text}\n"
                for q in qs
            )
        )
        return
    placement.check_settings(hours, start, today(), cfg)
    if answers is not None:
        from mlpath.app.answers import load_answers

        given = load_answers(answers, qs, rm.id)
    else:
        from mlpath.cli.assess_prompt import ask
        from mlpath.render.term import use_color

        given = ask(qs, {p.number: p.title for p in rm.phases}, color=use_color(Opts.no_color))
    result, command, view = placement.assessment(
        rm, given, roadmap=roadmap, hours=hours, start=start
    )
    if apply:
        from mlpath.cli.prompt import confirm

        made: Any = placement.adopt(
            st,
            today(),
            result,
            roadmap=roadmap,
            hours=hours,
            start=start,
            config=cfg,
            force=force,
            command=command,
            confirm=None if answers is not None else confirm,
        )
        for w in made.warnings:
            warn(w)
        view["applied"] = True
        view["plan"] = made.view
    if as_json:
        emit_json(view)
        return
    from mlpath.render.assess import assessment_text
    from mlpath.render.term import write

    write(assessment_text(view, style()))
