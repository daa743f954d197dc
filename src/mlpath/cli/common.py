"""What every command body shares: the global options, where the state is, today,
and the small printing helpers. Bodies get their arguments as plain keywords,
from Typer or from the fast parser alike (see cli/spec.py)."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from typing import Any


class Opts:
    """The global options of this run (--home, --no-color/--color), set before the body runs."""

    home: str | None = None
    no_color: bool = False


def set_globals(
    home: str | None,
    no_color: bool,
    *,
    color: str | None = None,
    check_config: bool = True,
    notice: bool = True,
) -> None:
    """Take the global options. The colour choice (render/term.py's `color_choice`):
    --no-color or --color, then NO_COLOR, then `color` in config.yaml. A bad
    config.yaml stops every command but `config` and `doctor` here, before it changes
    anything (check_config=False for those two: doctor diagnoses it instead). With
    `notice`, a conflict copy of the state waiting beside it is mentioned on stderr."""
    import os

    from mlpath.render.term import COLOR_CHOICES, color_choice, set_color

    if os.environ.get("MLPATH_TODAY") or os.environ.get("MLPATH_NOW"):
        from mlpath.app.clock import today_iso

        today_iso()  # a bad date is a usage error for every command, not only those using it
    if home is not None and not home.strip():  # an empty variable, not "the default"
        from mlpath.errors import UsageError

        raise UsageError(
            "--home is empty.", "Give --home a folder, or leave it out to use MLPATH_HOME."
        )
    Opts.home = home
    if notice:
        notice_copies(home)
    if color is not None and color not in COLOR_CHOICES:
        from mlpath.errors import UsageError

        raise UsageError(
            f"--color {color}: not a colour choice.", "Use --color always, auto or never."
        )
    configured = "auto"
    if check_config:  # read even when a flag decides: a bad file stops the command
        from mlpath.cli.output import config_color

        configured = config_color()
    choice = color_choice(color, no_color, configured)
    set_color(choice)
    Opts.no_color = choice == "never"


def notice_copies(home: str | None) -> None:
    """One line on stderr when a sync tool left another copy of the state beside it.

    One directory listing (microseconds); the patterns are imported only when a
    name could be a copy. A git conflict inside state.json is told by the error
    every command then gives (store/state.py)."""
    import os

    from mlpath.store.paths import home_str

    try:
        folder = home_str(home)
        state = os.path.join(folder, "state.json")
        if os.path.islink(state):  # the copies lie beside the file it leads to (copies_dir)
            folder = os.path.dirname(os.path.realpath(state))
        names = os.listdir(folder)
    except (OSError, ValueError):
        return
    if not any(n != "state.json" and n[:5] == "state" and n[-5:] == ".json" for n in names):
        return
    from mlpath.errors import json_warning
    from mlpath.store.copies import conflict_copies

    waiting = "another copy of your progress is waiting: `mlpath merge`."
    if conflict_copies(home_str(home)) and not json_warning(waiting):
        sys.stderr.write(f"Note: {waiting}\n")


def store() -> Any:
    from mlpath.store.state import store_for

    return store_for(Opts.home)


def today() -> date:
    from mlpath.app.clock import today as _today

    return _today()


def warn(message: str) -> None:
    from mlpath.cli.output import warn as warn_all

    warn_all([message])


def emit_json(data: Any) -> None:
    from mlpath.cli.output import emit_json as emit

    emit(data)


def out(width: int | None = None) -> Any:
    """A rich console for the commands that draw tables."""
    from mlpath.render.roadmaps import console

    return console(no_color=Opts.no_color, width=width)


def style() -> Any:
    from mlpath.render.term import Style, use_color

    return Style(use_color(Opts.no_color))


def config() -> Any:
    """config.yaml's settings (read each time: it is a few lines)."""
    from mlpath.store.config import load_config

    return load_config()


def change_output(result: Any, as_json: bool) -> None:
    from mlpath.cli.output import show_change

    show_change(result, as_json=as_json, no_color=Opts.no_color)


def write_stdout_bytes(data: bytes) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def parse_level(value: str | None) -> str | None:
    if value is None:
        return None
    from mlpath.core.roadmap import LEVELS
    from mlpath.errors import UsageError

    v = value.strip().lower()
    for lvl in LEVELS:
        if lvl.startswith(v) and v:
            return lvl
    raise UsageError(f"'{value}' is not a level.", "Use beginner, intermediate or advanced.")


def parse_breaks(values: list[str] | None, when: date) -> tuple[tuple[date, date], ...]:
    from mlpath.core.dates import parse_break

    return tuple(sorted(parse_break(v, when) for v in values or ()))
