"""The bodies of the everyday commands, shared by the Typer CLI and the fast path.

`cli/main.py` (Typer) and `cli/fastpath.py` (no Typer) only parse arguments; both end
here, so `mlpath next` prints the same thing whichever way it was reached.
Nothing heavy is imported at module level: these run many times a day.
"""

from __future__ import annotations

import os
import sys

from mlpath import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from typing import Any

    from mlpath.app.actions import Change


def color_off(no_color_flag: bool) -> bool:
    """--no-color, NO_COLOR or `color: never` in config.yaml. A bad config.yaml is an
    error here, before any command changes anything."""
    if no_color_flag:
        return True
    from mlpath.store.paths import config_str

    if not os.path.exists(os.path.join(config_str(), "config.yaml")):  # config.CONFIG_NAME
        return False  # the usual case, without importing the config reader
    from mlpath.store.config import load_config

    return bool(load_config().no_color)


def warn(lines: list[str]) -> None:
    for w in lines:
        sys.stderr.write(f"Warning: {w}\n")


def emit_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


# --- next and status, with their view cache ------------------------------------------------

# The views `next` and `status` show depend only on the state file, the plan's
# roadmap file, today's date and mlpath itself (its version and code, see
# paths.code_stamp); each is kept in the cache folder
# keyed by those (files by inode, size and mtime), so an unchanged plan is shown
# without being re-derived. marshal is the cheapest format to read back; the key
# includes the interpreter version, whose marshal format it is.
_PY = sys.version


def _stat_key(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _view_cache_path(state_path: str, kind: str) -> str | None:
    from mlpath.store.paths import cache_str

    try:
        base = cache_str()
    except Exception:
        return None
    import zlib

    # The entry records its state path, so a crc clash between two homes is only a miss.
    name = f"{zlib.crc32(state_path.encode('utf-8', 'surrogateescape')):08x}"
    return os.path.join(base, "views", f"{name}-{kind}.marshal")


def _cached_view(cache: str, state_path: str, state_key: list[int], when: str) -> Any:
    import marshal

    from mlpath.store.paths import code_stamp

    try:
        with open(cache, "rb") as fh:
            entry = marshal.load(fh)
        if (
            entry["version"] == __version__
            and entry["code"] == code_stamp()
            and entry["python"] == _PY
            and entry["state_path"] == state_path
            and entry["today"] == when
            and entry["state"] == state_key
            and entry["roadmap"] == _stat_key(entry["roadmap_path"])
        ):
            return entry
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        pass  # no usable entry: compute it
    return None


def _store_view(cache: str, entry: dict[str, Any]) -> None:
    import marshal
    from pathlib import Path

    from mlpath.store.state import atomic_write_bytes

    try:
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        atomic_write_bytes(Path(cache), marshal.dumps(entry), durable=False)
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs speed


def cached_view(home: str | None, today: date, kind: str) -> tuple[dict[str, Any], list[str]]:
    """The view of `next` or `status` (kind) and its warnings, from the cache when
    nothing it depends on changed."""
    from mlpath.store.paths import home_str

    when = today.isoformat()
    state_path = os.path.join(home_str(home), "state.json")
    state_key = _stat_key(state_path)
    cache = _view_cache_path(state_path, kind) if state_key is not None else None
    if cache is not None and state_key is not None:
        entry = _cached_view(cache, state_path, state_key, when)
        if entry is not None:
            return entry["view"], entry["warnings"]
    from mlpath.app.session import load_active
    from mlpath.store.state import store_for

    active = load_active(store_for(home), today)
    if kind == "status":
        from mlpath.core.dashboard import status_view

        view = status_view(active.progress)
    else:
        from mlpath.core.views import next_view

        view = next_view(active.progress)
    if cache is not None and active.roadmap.path and _stat_key(state_path) == state_key:
        from mlpath.store.paths import code_stamp

        _store_view(
            cache,
            {
                "version": __version__,
                "code": code_stamp(),
                "python": _PY,
                "state_path": state_path,
                "today": when,
                "state": state_key,
                "roadmap_path": active.roadmap.path,
                "roadmap": _stat_key(active.roadmap.path),
                "warnings": active.warnings,
                "view": view,
            },
        )
    return view, active.warnings


def show_next(home: str | None, today: date, *, as_json: bool, no_color: bool) -> None:
    view, warnings = cached_view(home, today, "next")
    warn(warnings)
    if as_json:
        emit_json(view)
        return
    from mlpath.render.next import next_text
    from mlpath.render.term import Style, use_color, write

    write(next_text(view, Style(use_color(no_color))))


# --- done, log, undo, replan --------------------------------------------------------------


def show_change(result: Change, *, as_json: bool) -> None:
    warn(result.warnings)
    if as_json:
        emit_json(result.view)
        return
    from mlpath.render.term import write

    write("".join(line + "\n" for line in result.lines))


# --- status ---------------------------------------------------------------------------------


def show_status(
    home: str | None,
    today: date,
    *,
    as_json: bool,
    watch: bool,
    no_color: bool,
    width: int | None,
) -> None:
    if not watch:
        view, warnings = cached_view(home, today, "status")
        warn(warnings)
        if as_json:
            emit_json(view)
            return
        from mlpath.render import status as rs

        rs.print_dashboard(rs.make_console(no_color=no_color, width=width), view)
        return
    from mlpath.app.clock import today as clock_today
    from mlpath.app.session import load_active
    from mlpath.core.dashboard import status_view
    from mlpath.errors import MlpathError
    from mlpath.render import status as rs
    from mlpath.store.state import store_for

    st = store_for(home)
    active = load_active(st, today)
    warn(active.warnings)
    if as_json:
        emit_json(status_view(active.progress))
        return
    con = rs.make_console(no_color=no_color, width=width)

    def load() -> dict[str, Any]:
        return status_view(load_active(st, clock_today()).progress)

    def signature() -> object:
        try:
            info = os.stat(st.path)
            mark: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
        except OSError:
            mark = None
        return mark, clock_today(), con.size

    rs.watch(con, load, signature, on_error=MlpathError)
