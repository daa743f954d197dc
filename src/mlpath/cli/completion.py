"""Shell completion of values (Typer's side only): roadmap ids, item ids, review
cards, config keys and values, export formats. A completion never fails loudly:
any error completes nothing. The plan is the one `--home` on the command line names
(the root's parameter: a completion runs no callback to set it), else MLPATH_HOME's."""

from __future__ import annotations

import functools
from typing import Any

import typer

from mlpath.cli.common import store, today

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable


def shown(complete: Callable[..., list[tuple[str, str]]]) -> Callable[..., list[tuple[str, str]]]:
    """Values and their descriptions as the shell shows them: titles are data, so every
    control character (a newline would also break the completion protocol) is escaped,
    and so is what rich would read as markup in a description (see `literal`)."""

    @functools.wraps(complete)
    def run(*args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        from mlpath.render.safe import line

        return [(line(value), literal(line(help_))) for value, help_ in complete(*args, **kwargs)]

    return run


def literal(text: str) -> str:
    """`text` as rich markup that renders as `text`: Typer renders a candidate's
    description as markup for zsh and fish, where `[/b]` in a title was a crash and
    `[red]` vanished. rich.markup.escape's rule, without its ~20 ms import."""
    import re

    def doubled(m: re.Match[str]) -> str:
        return f"{m[1]}{m[1]}\\{m[2]}"

    text = re.sub(r"(\\*)(\[[a-z#/@][^[]*?])", doubled, text)
    return text + "\\" if text.endswith("\\") and not text.endswith("\\\\") else text


def _active(ctx: typer.Context | None) -> Any:
    """The active plan of the home this command line names."""
    from mlpath.app.session import load_active

    home = ctx.find_root().params.get("home") if ctx is not None else None
    if home is None:
        return load_active(store(), today())
    from mlpath.store.state import store_for

    return load_active(store_for(home), today())


@shown
def complete_roadmap(incomplete: str) -> list[tuple[str, str]]:
    """The bundled ids, then the user's own: their file names, which may hold anything."""
    try:
        from mlpath.store.catalog import known_ids

        return [(i, "roadmap") for i in known_ids() if i.startswith(incomplete)]
    except Exception:
        return []


@shown
def complete_item(incomplete: str, ctx: typer.Context | None = None) -> list[tuple[str, str]]:
    """Items still to do, in plan order: what `done` ticks (a skipped one too)."""
    return _items(ctx, incomplete, lambda active, it: not active.progress.is_complete(it.id))


@shown
def complete_open(incomplete: str, ctx: typer.Context | None = None) -> list[tuple[str, str]]:
    """Items still to do and not skipped: what `skip`, `log --item` and `start` take."""
    return _items(
        ctx,
        incomplete,
        lambda active, it: not it.skipped and not active.progress.is_complete(it.id),
    )


def _items(
    ctx: typer.Context | None, incomplete: str, wanted: Callable[[Any, Any], bool]
) -> list[tuple[str, str]]:
    try:
        active = _active(ctx)
        return [
            (it.id, it.title)
            for it in active.schedule.items.values()
            if it.id.startswith(incomplete) and wanted(active, it)
        ]
    except Exception:
        return []


def _plan_roadmap(ctx: typer.Context) -> object:
    """The roadmap the command line names (-r); else, for `plan`, the one it lays without
    -r (config's, else the level's: app/actions.py), and for the rest the active plan's."""
    from mlpath.store.catalog import resolve

    named = ctx.params.get("roadmap")
    if named:
        return resolve(named)
    if ctx.info_name == "plan":
        from mlpath.cli.common import config, parse_level
        from mlpath.store.catalog import DEFAULT_FOR_LEVEL
        from mlpath.store.config import DEFAULT_LEVEL

        cfg = config().plan_defaults()
        level = parse_level(ctx.params.get("level")) or cfg.get("level") or DEFAULT_LEVEL
        return resolve(cfg.get("roadmap") or DEFAULT_FOR_LEVEL[level])
    return _active(ctx).roadmap


def _clears(ctx: typer.Context, incomplete: str, what: str) -> list[tuple[str, str]]:
    """`none`, which clears them, where `replan` takes it."""
    if ctx.info_name == "replan" and "none".startswith(incomplete):
        return [("none", f"clear your {what}")]
    return []


@shown
def complete_background(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        rm: Any = _plan_roadmap(ctx)
        out = [(b.id, b.label) for b in rm.backgrounds if b.id.startswith(incomplete)]
        return out + _clears(ctx, incomplete, "backgrounds")
    except Exception:
        return []


@shown
def complete_pick(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        rm: Any = _plan_roadmap(ctx)
        out = [
            (o.id, f"{o.title} ({c.title})")
            for p in rm.phases
            for c, o in p.options()
            if o.id.startswith(incomplete)
        ]
        return out + _clears(ctx, incomplete, "picks")
    except Exception:
        return []


def _phases_and_items(
    ctx: typer.Context, incomplete: str, *, end: str = "", milestones: bool = True
) -> list[tuple[str, str]]:
    """Each phase of the roadmap, then its items, in roadmap order, each id with `end`
    after it; the ones `incomplete` begins."""
    try:
        rm: Any = _plan_roadmap(ctx)
        by_phase: dict[int, list[tuple[str, str]]] = {}
        for ph, kind, it in rm.items():  # one pass over the items
            if milestones or kind != "milestone":
                by_phase.setdefault(id(ph), []).append((f"{it.id}{end}", it.title))
        out = []
        for p in rm.phases:
            out.append((f"{p.id}{end}", f"phase {p.number}: {p.title}"))
            out += by_phase.get(id(p), [])
        return [c for c in out if c[0].startswith(incomplete)]
    except Exception:
        return []


@shown
def complete_target(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """--deadline TARGET=DATE: each phase and its items, in roadmap order, with the `=`."""
    if "=" in incomplete:
        return []  # the date: nothing to offer
    return _phases_and_items(ctx, incomplete, end="=")


@shown
def complete_skippable(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """--skip PHASE|ITEM: each phase and its topics and projects (a milestone goes with
    its phase), in roadmap order."""
    return _phases_and_items(ctx, incomplete, milestones=False)


@shown
def complete_phase(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """--compress PHASE: the roadmap's phases."""
    try:
        rm: Any = _plan_roadmap(ctx)
        return [
            (p.id, f"phase {p.number}: {p.title}") for p in rm.phases if p.id.startswith(incomplete)
        ]
    except Exception:
        return []


@shown
def complete_habit(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The roadmap's habits (`did`, `start`, `--no-habit`), in its document's order."""
    try:
        from mlpath.core.method import method_of

        rm: Any = _plan_roadmap(ctx)
        return [(h.id, h.title) for h in method_of(rm).habits if h.id.startswith(incomplete)]
    except Exception:
        return []


def complete_timed(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """What `start` times: the items still to do, then the habits."""
    return complete_open(incomplete, ctx) + complete_habit(ctx, incomplete)


@shown
def complete_done(incomplete: str, ctx: typer.Context | None = None) -> list[tuple[str, str]]:
    """Items done or skipped (what `reopen` opens again), in plan order."""
    return _items(
        ctx, incomplete, lambda active, it: it.skipped or active.progress.is_complete(it.id)
    )


@shown
def complete_card(incomplete: str, ctx: typer.Context | None = None) -> list[tuple[str, str]]:
    """Done items (they have review cards), those due first."""
    try:
        prog = _active(ctx).progress
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


LEVEL_HELP = {
    "beginner": "longest spans",
    "intermediate": "midpoints",
    "advanced": "shortest spans",
}


def complete_level(incomplete: str) -> list[tuple[str, str]]:
    from mlpath.core.roadmap import LEVELS

    return [(lvl, LEVEL_HELP.get(lvl, "level")) for lvl in LEVELS if lvl.startswith(incomplete)]


def complete_rating(incomplete: str) -> list[tuple[str, str]]:
    """`review ITEM RATING`: how well it was remembered, worst first (as 1-4)."""
    from mlpath.core.review import RATINGS

    return [(r, f"or {n}") for n, r in enumerate(RATINGS, start=1) if r.startswith(incomplete)]


def complete_export_format(incomplete: str) -> list[tuple[str, str]]:
    from mlpath.cli.cmd_export import EXPORT_FORMATS

    return [(f, "format") for f in EXPORT_FORMATS if f.startswith(incomplete)]


def complete_cohort_sort(incomplete: str) -> list[tuple[str, str]]:
    from mlpath.app.cohort import SORT_FIELDS

    return [(f, "order") for f in SORT_FIELDS if f.startswith(incomplete)]


def complete_config_key(incomplete: str) -> list[tuple[str, str]]:
    from mlpath.store.config import KEYS

    return [(k, v) for k, v in KEYS.items() if k.startswith(incomplete)]


def complete_color(incomplete: str) -> list[tuple[str, str]]:
    """--color and `config set color`: the choices render/term.py takes."""
    choices = [
        ("auto", "colour on a terminal"),
        ("always", "colour through a pager too"),
        ("never", "no colour"),
    ]
    return [c for c in choices if c[0].startswith(incomplete)]


def complete_config_value(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    key = ctx.params.get("key")
    if key == "level":
        return complete_level(incomplete)
    if key == "color":
        return complete_color(incomplete)
    if key == "roadmap":
        return complete_roadmap(incomplete)
    return []
