"""Bodies of the everyday commands: next, done, review, undo, log, status
(their options: cli/spec.py). The fast path calls these without Typer."""

from __future__ import annotations

from mlpath.cli.common import (
    Opts,
    change_output,
    emit_json,
    store,
    style,
    today,
    warn,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mlpath.app.actions import Change


def next_cmd(*, as_json: bool, line: bool = False) -> None:
    from mlpath.app.clock import today_iso

    if line and as_json:  # a script asking for JSON must not get a prompt's text
        from mlpath.errors import UsageError

        raise UsageError(
            "--line prints one line for a prompt and --json the figures: give one of them.",
            "`mlpath next --json` has everything the line shows.",
        )
    if line:  # one line for a prompt (render/method.py)
        from mlpath.cli.output import show_line

        show_line(Opts.home, today_iso())
        return
    from mlpath.cli.output import show_next

    show_next(Opts.home, today_iso(), as_json=as_json, no_color=Opts.no_color)


def done(
    *,
    items: list[str],
    on: str | None,
    note: str | None,
    evidence: str | None,
    as_json: bool,
) -> None:
    from mlpath.app.actions import mark_done
    from mlpath.cli.prompt import until_meant

    when = today()
    result = until_meant(
        items, lambda names: mark_done(store(), when, names, on=on, note=note, evidence=evidence)
    )
    change_output(result, as_json)


def review(
    *,
    item: str | None,
    rating: str | None,
    on: str | None,
    every: bool,
    as_json: bool,
    forecast: bool = False,
) -> None:
    from mlpath.errors import UsageError

    if forecast and item is not None:
        raise UsageError("--forecast shows the weeks ahead; it does not go with a review.")
    if every and item is not None:
        raise UsageError("--all lists the cards; it does not go with a review to record.")
    if every and forecast:  # one screen or the other, not one quietly dropped
        raise UsageError("--all lists the cards and --forecast the weeks ahead: give one.")
    if item is None:
        if on is not None:
            raise UsageError("--on goes with a review to record.", "Give ITEM and RATING too.")
        from mlpath.app.clock import today_iso
        from mlpath.app.views import REVIEW_KINDS, views_for

        kept, view = views_for(Opts.home, today_iso(), REVIEW_KINDS[1 if every else 0])
        for w in kept.warnings:
            warn(w)
        if as_json:
            emit_json(view)
            return
        from mlpath.render.review import forecast_text, review_text
        from mlpath.render.term import write

        write((forecast_text if forecast else review_text)(view, style()))
        return
    if rating is None:
        from mlpath.core.review import RATINGS

        if item.strip().lower() in (*RATINGS, "1", "2", "3", "4"):  # `review good`
            raise UsageError(
                f"'{item}' is a rating; which item did you review?",
                f"Name it first: `mlpath review ITEM {item.strip().lower()}` "
                "(`mlpath review` lists the ones due).",
            )
        from shlex import quote  # the hint's command must run as shown

        raise UsageError(
            f"How well did you remember '{item}'?",
            f"Add a rating: `mlpath review {quote(item)} good` (again, hard, good or easy).",
        )
    from mlpath.app.actions import record_review
    from mlpath.cli.prompt import until_meant

    when = today()
    result = until_meant(
        [item], lambda names: record_review(store(), when, names[0], rating, on=on)
    )
    change_output(result, as_json)


def reopen(*, item: str, as_json: bool) -> None:
    from mlpath.app.actions import reopen_item
    from mlpath.cli.prompt import until_meant

    when = today()
    result = until_meant([item], lambda names: reopen_item(store(), when, names[0]))
    change_output(result, as_json)


def skip(*, item: str, reason: str | None = None, as_json: bool) -> None:
    from mlpath.app.skipping import skip_item
    from mlpath.cli.prompt import until_meant

    when = today()
    result = until_meant([item], lambda names: skip_item(store(), when, names[0], reason))
    change_output(result, as_json)


def undo(*, as_json: bool) -> None:
    from mlpath.app.actions import undo_last

    change_output(undo_last(store(), today()), as_json)


def log(
    *,
    hours: str,
    on: str | None,
    note: str | None,
    item: str | None = None,
    practice: bool = False,
    theory: bool = False,
    as_json: bool,
) -> None:
    from mlpath.app.actions import log_time
    from mlpath.cli.cmd_timer import mode_of
    from mlpath.cli.prompt import until_meant

    when = today()
    mode = mode_of(practice, theory)  # `--practice`/`--theory`

    def attempt(names: list[str | None]) -> Change:
        return log_time(store(), when, hours, on=on, note=note, item=names[0], mode=mode)

    change_output(until_meant([item], attempt), as_json)


def status(*, as_json: bool, watch: bool, no_color: bool, width: int | None) -> None:
    from mlpath.app.clock import today_iso
    from mlpath.cli.output import show_status

    if watch and as_json:
        from mlpath.errors import UsageError

        raise UsageError(
            "--watch redraws a screen and --json prints the figures once: give one of them.",
            "For figures as they change, run `mlpath status --json` when you need them.",
        )

    show_status(
        Opts.home,
        today_iso(),
        as_json=as_json,
        watch=watch,
        no_color=Opts.no_color or no_color,
        width=width,
    )


def ui() -> None:
    import os

    from mlpath.ui.app import run

    if Opts.no_color:  # --no-color or `color: never`: Textual reads NO_COLOR
        os.environ["NO_COLOR"] = "1"
    run(Opts.home)
