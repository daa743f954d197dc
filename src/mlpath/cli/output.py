"""What the commands print, whichever parser reached their body (cli/main.py or
cli/fastpath.py): `next` and `status` from the views app/views.py keeps, the lines
of a change (render/change.py) and, after it, the next screens drawn ahead;
warnings, JSON, and the colour setting read from config.yaml.
Nothing heavy is imported at module level: these run many times a day.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date
    from typing import Any

    from mlpath.app.actions import Change
    from mlpath.app.views import KeptView


def config_color() -> str:
    """`color` in config.yaml: auto, always or never. A bad config.yaml is an error
    here, before any command changes anything."""
    from mlpath.store.paths import config_file_str

    if not os.path.exists(config_file_str()):
        return "auto"  # the usual case, without importing the config reader
    from mlpath.store.config import load_config

    cfg = load_config()
    from mlpath.errors import json_warning
    from mlpath.render.safe import line as safe_line

    for line in cfg.notices:  # a retired key (week_start): one line, not an error
        if not json_warning(line):
            sys.stderr.write(f"Note: {safe_line(line)}\n")
    return cfg.color


def warn(lines: list[str]) -> None:
    """Warnings on stderr (wrapped to its width on a terminal); with `--json`, one
    JSON object each (errors.json_warning)."""
    if not lines:
        return
    from mlpath.errors import json_warning
    from mlpath.render.safe import line
    from mlpath.render.term import for_stderr

    for w in lines:  # one line each: a newline in the data it quotes is shown escaped
        if not json_warning(w):
            sys.stderr.write(for_stderr(f"Warning: {line(w)}") + "\n")


def emit_json(data: Any) -> None:
    """`--json` output: UTF-8 as it is, but C1 and bidi controls as `\\u` escapes."""
    import json

    from mlpath.render.safe import json_text

    write_json(json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


def write_json(doc: str) -> None:
    """A JSON document on stdout, in whatever encoding stdout has (an ASCII one too)."""
    from mlpath.render.safe import json_for

    sys.stdout.write(json_for(doc, getattr(sys.stdout, "encoding", None)))


# --- next and status, from the views kept for them (app/views.py) ------------------------


def terminal_key(no_color: bool, width: int | None) -> tuple[str, int, bool, str]:
    """What a drawn screen depends on besides its view: (the key, the columns, colour,
    the encoding). The columns are found as rich finds them (COLUMNS, else the size of
    the first standard stream that is a terminal, else 80), without importing rich."""
    from mlpath.render.term import use_color

    cols = width
    if cols is None:
        env = os.environ.get("COLUMNS", "")
        if env.isdigit() and int(env) > 0:
            cols = int(env)
        else:
            for fd in (0, 1, 2):
                try:
                    cols = os.get_terminal_size(fd).columns
                    break
                except (OSError, ValueError):
                    continue
        cols = cols or 80
    colour = use_color(no_color)
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    key = (
        f"{cols}|{colour}|{encoding}|{os.environ.get('TERM', '')}|{os.environ.get('COLORTERM', '')}"
    )
    return key, cols, colour, encoding


def kept_screen(kind: str, key: str, draw: Callable[[], str]) -> str:
    """A screen that depends only on `key` (the inputs and the terminal), drawn once and
    kept in the cache, so showing it again costs no rich import."""
    from mlpath.store import cache

    text = cache.get("screens", cache.slot(kind, key), key)
    if isinstance(text, str):
        return text
    text = draw()
    cache.put("screens", cache.slot(kind, key), key, text)
    return text


def next_key(as_json: bool, no_color: bool) -> str:
    """What the text of `next` depends on besides its view: JSON, or this terminal."""
    if as_json:
        return "json"
    from mlpath.render.term import columns

    return f"{terminal_key(no_color, None)[0]}|wrap {columns()}"


def draw_next(view: dict[str, Any], as_json: bool, no_color: bool) -> str:
    if as_json:
        import json

        from mlpath.render.safe import json_text

        return json_text(json.dumps(view, indent=2, ensure_ascii=False)) + "\n"
    from mlpath.render.next import next_text
    from mlpath.render.term import Style, use_color, wrap

    return wrap(next_text(view, Style(use_color(no_color))))


def show_next(home: str | None, today: date | str, *, as_json: bool, no_color: bool) -> None:
    # The text (for this terminal) and the JSON are kept with the view, so a prompt
    # that runs `next` again shows them without rendering or importing json.
    from mlpath.app.views import views_for

    key = next_key(as_json, no_color)
    views, view = views_for(home, today, "next")
    warn(views.warnings)
    text = views.text(key)
    if text is None:
        text = draw_next(view, as_json, no_color)
        views.keep_text(key, text)
    if as_json:
        write_json(text)
        return
    text = with_timer(text, view, no_color)  # counted from now: never kept
    from mlpath.render.term import write

    write(text, laid_out=True)


def with_timer(text: str, view: dict[str, Any], no_color: bool) -> str:
    """The running timer's lines under the screen's first line (the date)."""
    timer = (view.get("method") or {}).get("timer") or {}
    if not timer.get("running") and not timer.get("capped"):
        return text
    from mlpath.app.clock import now
    from mlpath.app.timer import cap_minutes
    from mlpath.render.method import timer_lines
    from mlpath.render.term import Style, use_color, wrap

    lines = timer_lines(view["method"], now(), Style(use_color(no_color)), cap_minutes())
    head, _, rest = text.partition("\n")
    return head + "\n" + wrap("\n".join(lines) + "\n") + rest


def show_line(home: str | None, today: date | str) -> None:
    """`next --line`: one line of at most 60 characters, from the kept view."""
    from mlpath.app.views import views_for

    _, view = views_for(home, today, "next")
    from mlpath.render.line import line_text

    cap = None
    if ((view.get("method") or {}).get("timer") or {}).get("running"):
        from mlpath.app.timer import cap_minutes  # (config is read only while one runs)

        cap = cap_minutes()
    from mlpath.render.term import encodable

    # a prompt on an ASCII terminal gets "." for the middle dots, not an error
    line = line_text(view, minutes_since, cap=cap) + "\n"
    sys.stdout.write(encodable(line, getattr(sys.stdout, "encoding", None)))


def minutes_since(begin: str) -> int:
    """Minutes from a local `YYYY-MM-DDTHH:MM` to now (MLPATH_NOW or the clock)."""
    from datetime import datetime

    from mlpath.app.clock import now

    return int((now() - datetime.strptime(begin, "%Y-%m-%dT%H:%M")).total_seconds() // 60)


# --- done, log, undo, replan --------------------------------------------------------------


def show_change(result: Change, *, as_json: bool, no_color: bool = False) -> None:
    warn(result.warnings)
    if as_json:
        emit_json(result.view)
    else:
        from mlpath.render.change import change_lines
        from mlpath.render.safe import line as safe_line
        from mlpath.render.term import write

        # each of a change's lines is one line: a title's newline is shown escaped
        write("".join(safe_line(line) + "\n" for line in change_lines(result.steps)))
    if result.views:
        draw_ahead(result.views, no_color)


def draw_ahead(views: dict[str, KeptView], no_color: bool) -> None:
    """After a change: draw the screens the next read will show for this terminal, so
    `next` and `status` right after `done` or `log` print without drawing: `next`'s
    text and JSON, and the status dashboard (plain text, drawn without rich)."""
    if "next" in views:  # kept once, with this terminal's screen and the JSON
        view = views["next"].view
        views["next"].keep_texts(
            {
                next_key(False, no_color): draw_next(view, False, no_color),
                next_key(True, no_color): draw_next(view, True, no_color),
            }
        )
    if "status" in views:
        status_screen(views["status"], no_color, None)


def status_screen(status: KeptView, no_color: bool, width: int | None) -> str:
    """The dashboard for this terminal (or `width`): drawn once per state, day and
    terminal, kept with its view, then shown as drawn."""
    key, cols, _, encoding = terminal_key(no_color, width)
    text = status.text(key)
    if text is None:
        from mlpath.render.status import dashboard_text

        text = dashboard_text(status.view, no_color=no_color, width=cols, encoding=encoding)
        status.keep_text(key, text)
    return text


# --- status ---------------------------------------------------------------------------------


def status_data(home: str | None, today: date | str, view: dict[str, Any]) -> dict[str, Any]:
    """`status --json`: the dashboard's view, or, when that shows a window of a big
    plan's phases (core/window.py), the view with every phase (kept on its own)."""
    if "window" not in view:
        return view
    from mlpath.app.views import STATUS_KINDS, views_for

    return views_for(home, today, STATUS_KINDS[1])[1]


def show_status(
    home: str | None,
    today: date | str,
    *,
    as_json: bool,
    watch: bool,
    no_color: bool,
    width: int | None,
) -> None:
    if not watch:
        from mlpath.app.views import views_for

        views, view = views_for(home, today, "status")
        warn(views.warnings)
        if as_json:
            emit_json(status_data(home, today, view))
            return
        from mlpath.render.term import write

        # laid out for the width asked (--width)
        write(status_screen(views, no_color, width), laid_out=True)
        return
    from mlpath.app.clock import today as clock_today
    from mlpath.app.views import views_for, watcher
    from mlpath.errors import MlpathError
    from mlpath.render import status as rs

    views, view = views_for(home, today, "status")
    warn(views.warnings)
    if as_json:
        emit_json(status_data(home, today, view))
        return
    con = rs.make_console(no_color=no_color, width=width)
    changed = watcher(home, clock_today)

    def load() -> dict[str, Any]:
        return views_for(home, clock_today(), "status")[1]

    def signature() -> object:
        return changed(), con.size

    rs.watch(con, load, signature, on_error=MlpathError)
