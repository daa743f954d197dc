"""The mlpath command line: parse -> core -> render. Errors become exit codes here only."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from mlpath import __version__
from mlpath.errors import ExitCode, MlpathError, UsageError, error_text, internal_error_text

# Typer 0.26+ runs on its own copy of click, so mlpath names click's classes only
# through Typer: an `except` naming the click package would miss that copy's errors.
_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)

EPILOG_ENV = (
    "Set MLPATH_TODAY=YYYY-MM-DD to run as if on that date; MLPATH_HOME to keep state elsewhere."
)


class MlpathGroup(TyperGroup):
    """Maps domain errors to one sentence on stderr and an exit code, in one place."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except MlpathError as exc:
            fail(exc)
        except KeyboardInterrupt:
            sys.stderr.write("Interrupted.\n")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, _CLICK_ERROR):
            raise
        except BrokenPipeError:  # `mlpath plan | head`: the reader left; that is fine
            _quiet_broken_pipe()
        except Exception as exc:  # a bug: still one sentence, no traceback
            if os.environ.get("MLPATH_DEBUG"):
                raise
            sys.stderr.write(internal_error_text(exc))
            raise typer.Exit(ExitCode.FAILURE) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the order they are defined in, not alphabetical

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:  # `mlpath next --home X` means `mlpath --home X next`
            from mlpath.cli.fastpath import hoist_globals

            args = hoist_globals(args)
        return super().parse_args(ctx, args)


def fail(exc: MlpathError) -> NoReturn:
    sys.stderr.write(error_text(exc))
    raise typer.Exit(exc.exit_code)


app = typer.Typer(
    cls=MlpathGroup,
    name="mlpath",
    help=(
        "A study planner for people learning machine learning: pick a roadmap, get a dated "
        "week-by-week plan, and see every day what to study and whether you are on pace.\n\n"
        "Start with:  mlpath plan --hours 8 --start 'next monday'"
    ),
    epilog=EPILOG_ENV,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
roadmaps_app = typer.Typer(
    cls=MlpathGroup,
    help="List the roadmaps (bundled and your own), show one, or validate a roadmap file.\n\n"
    "Examples:\n\n  mlpath roadmaps\n\n  mlpath roadmaps show complete\n\n"
    "  mlpath roadmaps validate my-roadmap.yaml",
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(roadmaps_app, name="roadmaps")


class Opts:
    home: str | None = None
    no_color: bool = False


def _version(value: bool) -> None:
    if value:
        print(f"mlpath {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    home: Annotated[
        str | None,
        typer.Option(
            "--home",
            help="Folder holding state.json (default: MLPATH_HOME or your data dir).",
            metavar="DIR",
        ),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never use colour.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    Opts.home = home
    Opts.no_color = no_color or _config_no_color(ctx)


def out(width: int | None = None) -> Any:
    from mlpath.render.roadmaps import console

    return console(no_color=Opts.no_color, width=width)


def warn(message: str) -> None:
    from mlpath.cli.daily import warn as warn_all

    warn_all([message])


def emit_json(data: Any) -> None:
    from mlpath.cli.daily import emit_json as emit

    emit(data)


def store() -> Any:
    from mlpath.store.state import store_for

    return store_for(Opts.home)


def today() -> date:
    from mlpath.app.clock import today as _today

    return _today()


# --- completion ------------------------------------------------------------------


def complete_roadmap(incomplete: str) -> list[tuple[str, str]]:
    try:
        from mlpath.store.catalog import known_ids

        return [(i, "roadmap") for i in known_ids() if i.startswith(incomplete)]
    except Exception:
        return []


def complete_item(incomplete: str) -> list[tuple[str, str]]:
    try:
        from mlpath.app.session import load_active

        active = load_active(store(), today())
        return [
            (it.id, it.title)
            for it in active.schedule.items.values()
            if it.id.startswith(incomplete) and not active.progress.is_complete(it.id)
        ]
    except Exception:
        return []


def complete_card(incomplete: str) -> list[tuple[str, str]]:
    """Done items (they have review cards), those due first."""
    try:
        from mlpath.app.session import load_active

        prog = load_active(store(), today()).progress
        due = {c.item for c in prog.reviews_due()}
        cards = sorted(prog.cards(), key=lambda i: i not in due)
        items = prog.schedule.items
        return [
            (i, f"{items[i].title}{' (due)' if i in due else ''}")
            for i in cards
            if i.startswith(incomplete)
        ]
    except Exception:
        return []


# --- roadmaps ----------------------------------------------------------------------


@roadmaps_app.callback()
def roadmaps_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
) -> None:
    """List every roadmap: id, title, phases, duration, hours per week, source."""
    if ctx.invoked_subcommand is not None:
        return
    from mlpath.core.views import roadmap_summary
    from mlpath.store import catalog, paths

    rows, broken = [], []
    for e in catalog.entries():
        if e.roadmap is not None:
            rows.append(roadmap_summary(e.roadmap))
        elif e.error is not None:
            broken.append(e.error.problems[0])
    if as_json:
        emit_json(rows)
    else:
        from mlpath.render.roadmaps import roadmaps_table

        roadmaps_table(out(), rows, broken, str(paths.user_roadmaps_dir()))
    for line in broken if as_json else ():
        warn(f"skipped a broken roadmap: {line}")


@roadmaps_app.command("show")
def roadmaps_show(
    roadmap: Annotated[
        str,
        typer.Argument(
            help="Roadmap id or YAML file.", autocompletion=complete_roadmap, metavar="ROADMAP"
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the roadmap as JSON.")] = False,
) -> None:
    """Show a roadmap: phases with weeks, topics, resources, projects and milestone.

    Example:  mlpath roadmaps show complete
    """
    from mlpath.core.views import roadmap_detail
    from mlpath.store.catalog import resolve

    detail = roadmap_detail(resolve(roadmap))
    if as_json:
        emit_json(detail)
    else:
        from mlpath.render.roadmaps import roadmap_show

        roadmap_show(out(), detail)


@roadmaps_app.command("validate")
def roadmaps_validate(
    files: Annotated[
        list[Path], typer.Argument(help="Roadmap YAML file(s) to check.", metavar="FILE")
    ],
) -> None:
    """Check roadmap files; print 'ok' or every problem as FILE:LINE: field: message.

    Example:  mlpath roadmaps validate ~/.config/mlpath/roadmaps/mine.yaml
    """
    from mlpath.errors import RoadmapError
    from mlpath.store.catalog import load_file

    problems: list[str] = []
    for f in files:
        try:
            rm = load_file(f, display=str(f))
            print(f"{f}: ok ({rm.id}, {len(rm.phases)} phases)")
        except RoadmapError as exc:
            problems.extend(exc.problems)
        except MlpathError as exc:
            problems.append(f"{f}: {exc}")
    if problems:
        for line in problems:
            sys.stderr.write(line + "\n")
        raise typer.Exit(ExitCode.FAILURE)


# --- plan ----------------------------------------------------------------------------


Level = Annotated[
    str | None,
    typer.Option(
        "--level",
        "-l",
        help="beginner (longest spans), intermediate (midpoints) or advanced (shortest); "
        "a prefix will do (-l adv).",
        metavar="LEVEL",
    ),
]


def _level(value: str | None) -> str | None:
    if value is None:
        return None
    v = value.strip().lower()
    from mlpath.core.roadmap import LEVELS

    for lvl in LEVELS:
        if lvl.startswith(v) and v:
            return lvl
    raise UsageError(f"'{value}' is not a level.", "Use beginner, intermediate or advanced.")


def _breaks(values: list[str] | None, when: date) -> tuple[tuple[date, date], ...]:
    from mlpath.core.dates import parse_break

    return tuple(sorted(parse_break(v, when) for v in values or ()))


@app.command()
def plan(
    roadmap: Annotated[
        str | None,
        typer.Option(
            "--roadmap",
            "-r",
            help="Roadmap id or YAML file.",
            autocompletion=complete_roadmap,
            metavar="ID|FILE",
        ),
    ] = None,
    level: Level = None,
    hours: Annotated[
        str | None,
        typer.Option(
            "--hours", "-H", help="Hours you can study per week (e.g. 8 or 7.5).", metavar="HOURS"
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            "-s",
            help="First day: 2027-01-04, today, 'next monday', +2w.",
            metavar="DATE",
        ),
    ] = None,
    days: Annotated[
        str | None,
        typer.Option(
            "--days",
            "-d",
            help="Study days, e.g. mon,wed,sat (default: every day).",
            metavar="DAYS",
        ),
    ] = None,
    breaks: Annotated[
        list[str] | None,
        typer.Option(
            "--break",
            "-b",
            help="A break FIRST:LAST with no study (repeatable).",
            metavar="FIRST:LAST",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Only print; save nothing.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", "-f", help="Replace a plan that already has progress.")
    ] = False,
    skip: Annotated[
        list[str] | None,
        typer.Option(
            "--skip",
            help="Leave out a phase you already know: number or id (repeatable).",
            metavar="PHASE",
        ),
    ] = None,
    compress: Annotated[
        list[str] | None,
        typer.Option(
            "--compress",
            help="Give a phase you partly know half its effort (repeatable).",
            metavar="PHASE",
        ),
    ] = None,
    review_minutes: Annotated[
        str | None,
        typer.Option(
            "--review-minutes",
            help="Minutes each review of a finished item takes from study time "
            "(default 5, or config; 0: none).",
            metavar="MINUTES",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
) -> None:
    """Lay a roadmap on your calendar, week by week, and save it as your plan.

    Reviews of finished items (see `mlpath review`) take their minutes from the
    days they fall on, so the plan stays inside your hours.

    Examples:

      mlpath plan --hours 8 --start "next monday"

      mlpath plan -r complete -l advanced -H 20 --days mon,tue,thu,sat

      mlpath plan --break 2026-12-21:2027-01-03 --dry-run

      mlpath plan -r practical -l intermediate --skip 1 --compress 2
    """
    from mlpath.app.actions import make_plan

    when = today()
    result = make_plan(
        store(),
        when,
        roadmap=roadmap,
        level=_level(level),
        hours=hours,
        start=start,
        days=days,
        breaks=_breaks(breaks, when),
        dry_run=dry_run,
        force=force,
        config=_config().plan_defaults(),
        skip=tuple(skip or ()),
        compress=tuple(compress or ()),
        review_minutes=review_minutes,
    )
    for w in result.warnings:
        warn(w)
    if as_json:
        emit_json(result.view)
        return
    from mlpath.render.plan import header_text, table_text, width
    from mlpath.render.term import Style, use_color, write

    style = Style(use_color(Opts.no_color))
    cols = width()
    write(header_text(result.view, style, cols) + table_text(result.view, style, cols))
    if result.saved:
        write(
            style(f"Saved as your plan in {result.store_path}. Next: `mlpath next`.", "dim") + "\n"
        )
    else:
        write(style("Dry run: nothing was saved.", "dim") + "\n")


@app.command()
def assess(
    roadmap: Annotated[
        str | None,
        typer.Option(
            "--roadmap",
            "-r",
            help="Roadmap to place you in (default: your plan's, else config's).",
            autocompletion=complete_roadmap,
            metavar="ID|FILE",
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            help="A YAML/JSON file of answers (`p1-1: yes`): no questions.",
            metavar="FILE",
        ),
    ] = None,
    apply: Annotated[
        bool,
        typer.Option(
            "--apply", help="Make the recommended plan now (asks before replacing progress)."
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", "-f", help="With --apply: replace a plan with progress without asking."
        ),
    ] = False,
    hours: Annotated[
        str | None,
        typer.Option(
            "--hours", "-H", help="Hours per week for the plan it recommends.", metavar="HOURS"
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", "-s", help="First day of the plan it recommends.", metavar="DATE"),
    ] = None,
    list_questions: Annotated[
        bool, typer.Option("--questions", help="Only list the questions and their ids.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """A placement check: which level fits you and which phases you can skip or compress.

    Asks the roadmap's prerequisites and, per phase, what its source document says
    you should be able to do by the phase's end (y/n, or arrows and Enter). Prints
    the level and phases with a reason for each, and the `mlpath plan` command that
    adopts them (--apply runs it).

    Examples:

      mlpath assess

      mlpath assess -r practical --apply --hours 10

      mlpath assess --questions --json > answers.json   # then fill in and:

      mlpath assess --answers answers.yaml
    """
    from mlpath.core import assess as core
    from mlpath.store.catalog import DEFAULT_FOR_LEVEL, resolve

    if force and not apply:
        raise UsageError("--force goes with --apply.", "Run `mlpath assess --apply --force`.")
    cfg = _config().plan_defaults()
    when = today()
    if roadmap is None:
        from mlpath.core.ledger import fold_state

        plan = fold_state(store().read()).plan
        if plan is not None:
            roadmap = plan.get("roadmap_path") or plan["roadmap"]
        else:
            roadmap = cfg.get("roadmap") or DEFAULT_FOR_LEVEL[cfg.get("level") or "beginner"]
    assert roadmap is not None
    rm = resolve(roadmap)
    qs = core.questions(rm)
    if list_questions:
        if as_json:
            emit_json(core.questions_view(rm, qs))
            return
        for q in qs:
            where = "prerequisite" if q.phase is None else f"phase {q.phase}"
            typer.echo(f"{q.id}  ({where})  {q.text}")
        return
    titles = {p.number: p.title for p in rm.phases}
    if answers is not None:
        from mlpath.app.actions import load_answers

        given = load_answers(answers, qs, rm.id)
    else:
        from mlpath.cli.assess_prompt import ask
        from mlpath.render.term import use_color

        given = ask(qs, titles, color=use_color(Opts.no_color))
    result = core.score(rm, given)
    args = core.plan_args(result, roadmap_arg=roadmap, hours=hours, start=start)
    command = core.plan_command(args)
    view = core.assessment_view(result, qs, command, rm.title)
    view["applied"] = False
    if apply:
        from mlpath.app.actions import HasProgress, make_plan

        def adopt(replace: bool) -> Any:
            return make_plan(
                store(),
                when,
                roadmap=roadmap,
                level=result.level,
                hours=hours,
                start=start,
                days=None,
                breaks=(),
                dry_run=False,
                force=replace,
                config=cfg,
                skip=tuple(str(n) for n in result.skip),
                compress=tuple(str(n) for n in result.compress),
            )

        try:
            made = adopt(force)
        except HasProgress as exc:
            from mlpath.cli.assess_prompt import confirm

            # the check runs inside the plan's locked transaction, so nothing slips in between
            if answers is not None or not confirm(f"{exc.message} Replace it with this plan?"):
                raise MlpathError(
                    exc.message,
                    "Run `mlpath assess --apply --force` to replace it (`mlpath undo` brings it "
                    f"back), or later: {command}",
                ) from None
            made = adopt(True)
        for w in made.warnings:
            warn(w)
        view["applied"] = True
        view["plan"] = made.view
    if as_json:
        emit_json(view)
        return
    from mlpath.render.assess import assessment_text
    from mlpath.render.term import Style, use_color, write

    write(assessment_text(view, Style(use_color(Opts.no_color))))


# --- daily use -----------------------------------------------------------------------


@app.command("next")
def next_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """What to study now, the next milestone, this week's hours and your pace.

    Example:  mlpath next
    """
    from mlpath.cli.daily import show_next

    show_next(Opts.home, today(), as_json=as_json, no_color=Opts.no_color)


@app.command()
def done(
    items: Annotated[
        list[str],
        typer.Argument(
            help="Item id, phase number (3, p3), id prefix or title.",
            autocompletion=complete_item,
            metavar="ITEM",
        ),
    ],
    on: Annotated[
        str | None,
        typer.Option("--on", help="When you finished it (default today).", metavar="DATE"),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="A note to keep with it.", metavar="TEXT")
    ] = None,
    evidence: Annotated[
        str | None,
        typer.Option("--evidence", help="A URL or path showing the work.", metavar="URL|PATH"),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the change and pace as JSON.")
    ] = False,
) -> None:
    """Mark milestones, projects or topics done (a milestone completes its phase).

    Examples:

      mlpath done cnn-from-scratch

      mlpath done 2 --on yesterday --note "CIFAR-10 at 91%" --evidence https://github.com/me/cnn
    """
    from mlpath.app.actions import mark_done

    result = mark_done(store(), today(), items, on=on, note=note, evidence=evidence)
    _change_output(result, as_json)


@app.command()
def review(
    item: Annotated[
        str | None,
        typer.Argument(
            help="A done item to rate (id, prefix or title); none: list what is due.",
            autocompletion=complete_card,
            show_default=False,
            metavar="ITEM",
        ),
    ] = None,
    rating: Annotated[
        str | None,
        typer.Argument(
            help="How well you remembered it: again, hard, good or easy (1-4).",
            show_default=False,
            metavar="RATING",
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="When you reviewed it (default today).", metavar="DATE"),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", "-a", help="List every card with its next review.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Revisit what you finished: spaced review cards scheduled with FSRS.

    Every done milestone, project and topic becomes a card. With no arguments,
    lists the reviews due today with their phase's resources; with ITEM and
    RATING, records a review and schedules the next one (`mlpath undo` reverts it).

    Examples:

      mlpath review

      mlpath review linear-algebra good

      mlpath review regression hard --on yesterday
    """
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
        from mlpath.render.term import Style, use_color, write

        write(review_text(view, Style(use_color(Opts.no_color))))
        return
    if rating is None:
        raise UsageError(
            f"How well did you remember '{item}'?",
            f"Add a rating: `mlpath review {item} good` (again, hard, good or easy).",
        )
    from mlpath.app.actions import record_review

    _change_output(record_review(store(), when, item, rating, on=on), as_json)


@app.command()
def undo(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the change and pace as JSON.")
    ] = False,
) -> None:
    """Revert the most recent change (done, log, replan, plan); repeat to go further back.

    Example:  mlpath undo
    """
    from mlpath.app.actions import undo_last

    _change_output(undo_last(store(), today()), as_json)


# ignore_unknown_options: `mlpath log -1` reaches the hours check ("must be more
# than zero") instead of click's "No such option '-1'".
@app.command(context_settings={"ignore_unknown_options": True})
def log(
    hours: Annotated[str, typer.Argument(help="Time studied: 1.5, 90m, 1h30.", metavar="HOURS")],
    on: Annotated[
        str | None, typer.Option("--on", help="Which day (default today).", metavar="DATE")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="What you did.", metavar="TEXT")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the change and pace as JSON.")
    ] = False,
) -> None:
    """Record study time.

    Examples:

      mlpath log 1.5

      mlpath log 90m --on yesterday --note "StatQuest videos"
    """
    from mlpath.app.actions import log_time

    _change_output(log_time(store(), today(), hours, on=on, note=note), as_json)


@app.command()
def replan(
    hours: Annotated[
        str | None,
        typer.Option("--hours", "-H", help="New hours per week (default: keep).", metavar="HOURS"),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Re-lay the remaining work from this date (default today).",
            metavar="DATE",
        ),
    ] = None,
    days: Annotated[
        str | None,
        typer.Option("--days", "-d", help="New study days, e.g. mon,wed,sat.", metavar="DAYS"),
    ] = None,
    breaks: Annotated[
        list[str] | None,
        typer.Option(
            "--break", "-b", help="Add a break FIRST:LAST (repeatable).", metavar="FIRST:LAST"
        ),
    ] = None,
    review_minutes: Annotated[
        str | None,
        typer.Option(
            "--review-minutes",
            help="New minutes per review (0: none; default: keep).",
            metavar="MINUTES",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the change and pace as JSON.")
    ] = False,
) -> None:
    """Re-lay the unfinished work from today (or --from), keeping what is done.

    Adopts a changed roadmap too. The old plan stays in history (`mlpath undo` restores it).

    Examples:

      mlpath replan

      mlpath replan --hours 12 --from "next monday"
    """
    from mlpath.app.actions import do_replan

    when = today()
    result = do_replan(
        store(),
        when,
        hours=hours,
        from_=from_,
        days=days,
        breaks=_breaks(breaks, when),
        review_minutes=review_minutes,
    )
    _change_output(result, as_json)


# --- status (the dashboard) ------------------------------------------------------------


@app.command()
def status(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the dashboard's figures as JSON.")
    ] = False,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch", "-w", help="Keep it on screen, redrawn when your progress changes."
        ),
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never use colour.")] = False,
    width: Annotated[
        int | None,
        typer.Option(
            "--width", min=40, max=400, help="Lay it out for this many columns.", metavar="COLUMNS"
        ),
    ] = None,
) -> None:
    """The dashboard: progress bars, milestones, burndown, study time and streak.

    Examples:

      mlpath status

      mlpath status --watch        (redraws when `mlpath done`/`log` change your state; Ctrl-C stops)

      mlpath status --json
    """
    from mlpath.cli.daily import show_status

    show_status(
        Opts.home,
        today(),
        as_json=as_json,
        watch=watch,
        no_color=Opts.no_color or no_color,
        width=width,
    )


# --- export ------------------------------------------------------------------------------

EXPORT_FORMATS = ("ics", "markdown", "json")
EXPORT_ALIASES = {"md": "markdown"}


@app.command("export")
def export_cmd(
    fmt: Annotated[
        str,
        typer.Argument(
            help="ics (calendar), markdown (printable plan; also md) or json (data).",
            autocompletion=lambda: list(EXPORT_FORMATS),
            show_default=False,
            metavar="FORMAT",
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE (atomically: all or nothing) instead of standard output.",
            metavar="FILE",
        ),
    ] = None,
    alarm: Annotated[
        list[str] | None,
        typer.Option(
            "--alarm",
            "-a",
            help="ics: a reminder this long before each event: 1d, 2h, 30m (repeatable).",
            metavar="BEFORE",
        ),
    ] = None,
    portfolio: Annotated[
        bool,
        typer.Option(
            "--portfolio",
            help="markdown: your done milestones and projects with notes and evidence.",
        ),
    ] = False,
) -> None:
    """Export your plan: a calendar (.ics), a printable Markdown plan, or JSON data.

    The calendar has an all-day event per milestone and a study block per week. Event ids
    stay the same, so importing a new export after `mlpath replan` updates your calendar
    instead of doubling it.

    Examples:

      mlpath export ics -o plan.ics --alarm 1d

      mlpath export markdown -o PLAN.md

      mlpath export markdown --portfolio > portfolio.md

      mlpath export json | jq .progress.pace
    """
    fmt = EXPORT_ALIASES.get(fmt.lower(), fmt.lower())
    if fmt not in EXPORT_FORMATS:
        raise UsageError(
            f"'{fmt}' is not an export format.", hint="Use ics, markdown (or md) or json."
        )
    if alarm and fmt != "ics":
        raise UsageError("--alarm only applies to `mlpath export ics`.")
    if portfolio and fmt != "markdown":
        raise UsageError("--portfolio only applies to `mlpath export markdown`.")
    from mlpath.app import export as ex
    from mlpath.app.session import load_active

    alarms = [ex.parse_alarm(a) for a in alarm or ()]
    active = load_active(store(), today())
    for w in active.warnings:
        warn(w)
    if fmt == "ics":
        from datetime import datetime, timezone

        stamp = datetime.now(timezone.utc).replace(microsecond=0)
        data = ex.export_ics(active, stamp=stamp, alarms=alarms)
    elif fmt == "markdown":
        text = ex.export_portfolio(active) if portfolio else ex.export_markdown(active)
        data = text.encode("utf-8")
    else:
        doc = json.dumps(ex.export_json(active), indent=2, ensure_ascii=False) + "\n"
        data = doc.encode("utf-8")
    if output is None or output == "-":
        _write_stdout_bytes(data)
        return
    path = ex.write_file(output, data)
    if fmt == "ics":
        print(
            f"Wrote {path}: {data.count(b'BEGIN:VEVENT')} events. Import it into your calendar; "
            "importing a later export updates the same events."
        )
    else:
        print(f"Wrote {path}.")


def _write_stdout_bytes(data: bytes) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


# --- config ------------------------------------------------------------------------------

config_app = typer.Typer(
    cls=MlpathGroup,
    help="Your defaults in config.yaml: hours, level, study days, roadmap, week start, colour.\n\n"
    "Flags on the command line win over them. Examples:\n\n"
    "  mlpath config set hours 8\n\n  mlpath config show\n\n  mlpath config path",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(config_app, name="config")


def _config() -> Any:
    """config.yaml's settings (read each time: it is a few lines)."""
    from mlpath.store.config import load_config

    return load_config()


def _config_no_color(ctx: typer.Context) -> bool:
    """`color: never` in config.yaml. A bad config.yaml stops every command but `config`
    and `doctor`, before it changes anything, with a message naming the key."""
    if ctx.resilient_parsing or ctx.invoked_subcommand in ("config", "doctor"):
        return False  # doctor diagnoses a bad config.yaml instead of stopping on it
    return bool(_config().no_color)


def complete_config_key(incomplete: str) -> list[tuple[str, str]]:
    from mlpath.store.config import KEYS

    return [(k, v) for k, v in KEYS.items() if k.startswith(incomplete)]


def complete_config_value(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    key = ctx.params.get("key")
    choices: list[tuple[str, str]] = []
    if key == "level":
        from mlpath.core.roadmap import LEVELS

        choices = [(lvl, "level") for lvl in LEVELS]
    elif key == "color":
        choices = [("auto", "colour on a terminal"), ("never", "no colour")]
    elif key == "week_start":
        from mlpath.core.dates import WEEKDAYS

        choices = [(d, "weekday") for d in WEEKDAYS]
    elif key == "roadmap":
        return complete_roadmap(incomplete)
    return [c for c in choices if c[0].startswith(incomplete)]


@config_app.command("path")
def config_path_cmd() -> None:
    """Print where config.yaml is (it need not exist yet).

    Example:  $EDITOR "$(mlpath config path)"
    """
    from mlpath.store.config import config_path

    print(config_path())


@config_app.command("show")
def config_show(
    as_json: Annotated[bool, typer.Option("--json", help="Print the settings as JSON.")] = False,
) -> None:
    """Show every setting: its value, and whether it comes from config.yaml or the default.

    Example:  mlpath config show
    """
    from mlpath.store.config import KEYS, defaults, load_config

    cfg = load_config()
    base = defaults()
    settings = {
        k: {
            "value": cfg.values.get(k, base[k]),
            "source": "config" if k in cfg.values else "default",
            "help": KEYS[k],
        }
        for k in KEYS
    }
    if as_json:
        emit_json({"path": cfg.path, "exists": cfg.exists, "settings": settings})
        return
    print(f"{cfg.path}" + ("" if cfg.exists else " (not created yet: all defaults)"))
    for k, s in settings.items():
        value = s["value"] if s["value"] is not None else "(the one matching the level)"
        print(f"  {k:<11} {value!s:<24} {s['source']:<8} {s['help']}")


@config_app.command("set")
def config_set(
    key: Annotated[
        str,
        typer.Argument(
            help="The setting to change.", autocompletion=complete_config_key, metavar="KEY"
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            help="Its new value.", autocompletion=complete_config_value, metavar="VALUE"
        ),
    ],
) -> None:
    """Set a default in config.yaml (checked first; the file is written atomically).

    Examples:

      mlpath config set hours 7.5

      mlpath config set days mon,wed,sat

      mlpath config set roadmap complete

      mlpath config set color never
    """
    from mlpath.store.config import set_value

    result = set_value(key, value)
    if result.changed:
        print(f"Set {key} = {result.value} in {result.path}.")
    else:
        print(f"{key} is already {result.value}; nothing changed.")
    if result.other_problem:
        warn(f"config.yaml still has a problem: {result.other_problem}")


@config_app.command("unset")
def config_unset(
    key: Annotated[
        str,
        typer.Argument(
            help="The setting to remove.", autocompletion=complete_config_key, metavar="KEY"
        ),
    ],
) -> None:
    """Remove a setting from config.yaml, so its default applies again.

    Example:  mlpath config unset hours
    """
    from mlpath.store.config import unset_value

    result = unset_value(key)
    if result.changed:
        print(f"Removed {key} from {result.path}; the default applies.")
    else:
        print(f"{key} was not set; nothing changed.")
    if result.other_problem:
        warn(f"config.yaml still has a problem: {result.other_problem}")


# --- doctor ------------------------------------------------------------------------------


@app.command()
def doctor(
    restore: Annotated[
        bool,
        typer.Option(
            "--restore",
            help="Put state.json.bak back as state.json, keeping the current file as "
            "state.json.damaged-TIME.",
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Restore without asking first.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the checks as JSON.")] = False,
) -> None:
    """Check the state file, its backup, the lock, the roadmap and the config; say how to repair.

    Exit 0 when nothing is wrong (notes and warnings included), 1 when a problem is found.

    Examples:

      mlpath doctor

      mlpath doctor --restore
    """
    from mlpath.app import doctor as doc
    from mlpath.render.term import Style, use_color, write

    st = store()
    if restore:
        plan = doc.plan_restore(st)
        if not yes:
            now = (
                f"state.json ({plan.state_events} event(s)) is readable; restoring goes back "
                "one change"
                if plan.state_ok
                else "state.json is damaged"
            )
            question = (
                f"{now}. Put back {st.backup} ({plan.backup_events} event(s)) and keep the "
                f"current file as {plan.keep_as.name}?"
            )
            if not typer.confirm(question, default=False, err=True):
                sys.stderr.write("Nothing was changed.\n")
                raise typer.Exit(ExitCode.FAILURE)
        doc.restore(st, plan)
        kept = f"; the previous file is kept as {plan.keep_as}" if plan.keep_as.exists() else ""
        write(f"Restored {st.path} from {st.backup} ({plan.backup_events} event(s)){kept}.\n")
        return
    report = doc.diagnose(st, today())
    if as_json:
        emit_json(report.view())
    else:
        style = Style(use_color(Opts.no_color))
        colors = {"ok": "green", "note": "cyan", "warning": "yellow", "problem": "red"}
        lines = [style(f"mlpath doctor: {report.home}", "bold")]
        for c in report.checks:
            lines.append(f"{style(f'{c.status:<8}', colors[c.status])} {c.name:<11} {c.message}")
            if c.fix:
                lines.append(f"{'':<8} {'':<11} {style('fix: ' + c.fix, 'dim')}")
        problems = sum(c.status == "problem" for c in report.checks)
        lines.append(
            "All good." if not problems else f"{problems} problem(s) found: see the fixes above."
        )
        write("\n".join(lines) + "\n")
    if not report.ok:
        raise typer.Exit(ExitCode.FAILURE)


def _change_output(result: Any, as_json: bool) -> None:
    from mlpath.cli.daily import show_change

    show_change(result, as_json=as_json)


def _quiet_broken_pipe() -> None:
    # Point stdout at devnull so the interpreter's final flush cannot fail again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


def run() -> None:
    """Entry point used by __main__: the Typer app with errors mapped to exit codes."""
    try:
        app(prog_name="mlpath")
    except BrokenPipeError:  # `mlpath plan | head`: the reader left; that is fine
        _quiet_broken_pipe()
    except MlpathError as exc:  # raised outside a command (e.g. in completion)
        try:
            fail(exc)
        except typer.Exit as e:
            sys.exit(e.exit_code)
