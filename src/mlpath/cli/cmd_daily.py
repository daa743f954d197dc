"""Bodies of the everyday commands: next, done, review, undo, log, status
(their options: cli/spec.py). The fast path calls these without Typer."""

from __future__ import annotations

from mlpath.cli.common import Opts, change_output, emit_json, store, style, today, warn


def next_cmd(*, as_json: bool) -> None:
    from mlpath.cli.daily import show_next

    show_next(Opts.home, today(), as_json=as_json, no_color=Opts.no_color)


def done(
    *,
    items: list[str],
    on: str | None,
    note: str | None,
    evidence: str | None,
    as_json: bool,
) -> None:
    from mlpath.app.actions import mark_done

    change_output(mark_done(store(), today(), items, on=on, note=note, evidence=evidence), as_json)


def review(
    *,
    item: str | None,
    rating: str | None,
    on: str | None,
    every: bool,
    as_json: bool,
) -> None:
    from mlpath.errors import UsageError

    when = today()
    if every and item is not None:
        raise UsageError("--all lists the cards; it does not go with a review to record.")
    if item is None:
        if on is not None:
            raise UsageError("--on goes with a review to record.", "Give ITEM and RATING too.")
        from mlpath.app.session import load_active
        from mlpath.core.views import review_list_view

        active = load_active(store(), when)
        for w in active.warnings:
            warn(w)
        view = review_list_view(active.progress, every=every)
        if as_json:
            emit_json(view)
            return
        from mlpath.render.review import review_text
        from mlpath.render.term import write

        write(review_text(view, style()))
        return
    if rating is None:
        raise UsageError(
            f"How well did you remember '{item}'?",
            f"Add a rating: `mlpath review {item} good` (again, hard, good or easy).",
        )
    from mlpath.app.actions import record_review

    change_output(record_review(store(), when, item, rating, on=on), as_json)


def undo(*, as_json: bool) -> None:
    from mlpath.app.actions import undo_last

    change_output(undo_last(store(), today()), as_json)


def log(*, hours: str, on: str | None, note: str | None, as_json: bool) -> None:
    from mlpath.app.actions import log_time

    change_output(log_time(store(), today(), hours, on=on, note=note), as_json)


def status(*, as_json: bool, watch: bool, no_color: bool, width: int | None) -> None:
    from mlpath.cli.daily import show_status

    show_status(
        Opts.home,
        today(),
        as_json=as_json,
        watch=watch,
        no_color=Opts.no_color or no_color,
        width=width,
    )
