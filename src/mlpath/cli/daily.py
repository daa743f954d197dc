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
    from collections.abc import Callable
    from datetime import date
    from typing import Any

    from mlpath.app.actions import Change


def config_color() -> str:
    """`color` in config.yaml: auto, always or never. A bad config.yaml is an error
    here, before any command changes anything."""
    from mlpath.store.paths import config_str

    if not os.path.exists(os.path.join(config_str(), "config.yaml")):  # config.CONFIG_NAME
        return "auto"  # the usual case, without importing the config reader
    from mlpath.store.config import load_config

    cfg = load_config()
    from mlpath.render.safe import line as safe_line

    for line in cfg.notices:  # a retired key (week_start): one line, not an error
        sys.stderr.write(f"Note: {safe_line(line)}\n")
    return cfg.color


def warn(lines: list[str]) -> None:
    """Warnings on stderr (wrapped to its width on a terminal)."""
    if not lines:
        return
    from mlpath.render.safe import line
    from mlpath.render.term import for_stderr

    for w in lines:  # one line each: a newline in the data it quotes is shown escaped
        sys.stderr.write(for_stderr(f"Warning: {line(w)}") + "\n")


def emit_json(data: Any) -> None:
    """`--json` output: UTF-8 as it is, but C1 and bidi controls as `\\u` escapes."""
    import json

    from mlpath.render.safe import json_text

    sys.stdout.write(json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


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
            # the file the plan names, when a kept copy stood in for it: back (or gone)
            # is another view, without its "is not here" warning (or with it)
            and (not entry["plan_file"] or entry["plan_file_key"] == _stat_key(entry["plan_file"]))
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


def cached_view(
    home: str | None, today: date, kind: str, text_key: str | None = None
) -> tuple[dict[str, Any], list[str], str | None, Callable[[str], None]]:
    """The view of `next` or `status` (kind) and its warnings, from the cache when
    nothing it depends on changed; also the screen drawn from it for `text_key` when
    one was kept, and a function that keeps a drawn screen for next time."""
    from mlpath.store.paths import home_str

    when = today.isoformat()
    state_path = os.path.join(home_str(home), "state.json")
    state_key = _stat_key(state_path)
    cache = _view_cache_path(state_path, kind) if state_key is not None else None
    if cache is not None and state_key is not None:
        entry = _cached_view(cache, state_path, state_key, when)
        if entry is not None:
            texts = entry.setdefault("texts", {})

            def keep_hit(text: str) -> None:
                if text_key is not None and len(texts) < 8:  # a few terminal sizes at most
                    texts[text_key] = text
                    _store_view(cache, entry)

            return entry["view"], entry["warnings"], texts.get(text_key), keep_hit
    from mlpath.app.session import load_active
    from mlpath.store.state import store_for

    active = load_active(store_for(home), today)
    if kind == "status":
        from mlpath.core.dashboard import status_view

        view = status_view(active.progress)
    else:
        from mlpath.core.views import next_view

        view = next_view(active.progress)
    new_entry: dict[str, Any] | None = None
    if cache is not None and active.roadmap.path and _stat_key(state_path) == state_key:
        from mlpath.store.paths import code_stamp

        new_entry = {
            "version": __version__,
            "code": code_stamp(),
            "python": _PY,
            "state_path": state_path,
            "today": when,
            "state": state_key,
            "roadmap_path": active.roadmap.path,
            "roadmap": _stat_key(active.roadmap.path),
            "plan_file": active.plan.get("roadmap_path") or "",
            "plan_file_key": _stat_key(active.plan.get("roadmap_path") or ""),
            "warnings": active.warnings,
            "view": view,
            "texts": {},
        }
        _store_view(cache, new_entry)

    def keep_new(text: str) -> None:
        if new_entry is not None and cache is not None and text_key is not None:
            new_entry["texts"][text_key] = text
            _store_view(cache, new_entry)

    return view, active.warnings, None, keep_new


def kept_screen(kind: str, key: str, draw: Callable[[], str]) -> str:
    """A screen that depends only on `key` (the inputs and the terminal), drawn once and
    kept in the cache folder, so showing it again costs no rich import."""
    import zlib

    from mlpath.store.paths import cache_str, code_stamp

    full = f"{__version__}|{code_stamp()}|{_PY}|{key}".replace("\n", " ")
    try:
        name = f"{kind}-{zlib.crc32(full.encode('utf-8', 'replace')):08x}.txt"
        path: str | None = os.path.join(cache_str(), "views", name)
    except Exception:
        path = None  # no usable cache location: draw every time
    if path is not None:
        try:
            with open(path, encoding="utf-8") as fh:
                stored_key, _, text = fh.read().partition("\n")
            if stored_key == full:  # the entry names its key: a crc clash is only a miss
                return text
        except (OSError, ValueError):
            pass
    text = draw()
    if path is not None:
        from pathlib import Path

        from mlpath.store.state import atomic_write_bytes

        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            atomic_write_bytes(Path(path), (full + "\n" + text).encode("utf-8"), durable=False)
        except (OSError, ValueError):
            pass  # a cache that cannot be written only costs speed
    return text


def show_next(home: str | None, today: date, *, as_json: bool, no_color: bool) -> None:
    # The text (for this terminal) and the JSON are kept with the view, so a prompt
    # that runs `next` again shows them without rendering or importing json.
    if as_json:
        key = "json"
    else:
        from mlpath.render.term import columns

        key = f"{terminal_key(no_color, None)[0]}|wrap {columns()}"
    view, warnings, text, keep = cached_view(home, today, "next", key)
    warn(warnings)
    if text is None:
        if as_json:
            import json

            from mlpath.render.safe import json_text

            text = json_text(json.dumps(view, indent=2, ensure_ascii=False)) + "\n"
        else:
            from mlpath.render.next import next_text
            from mlpath.render.term import Style, use_color, wrap

            text = wrap(next_text(view, Style(use_color(no_color))))
        keep(text)
    if as_json:
        sys.stdout.write(text)
        return
    from mlpath.render.term import write

    write(text, laid_out=True)


# --- done, log, undo, replan --------------------------------------------------------------


def show_change(result: Change, *, as_json: bool) -> None:
    warn(result.warnings)
    if as_json:
        emit_json(result.view)
        return
    from mlpath.render.safe import line as safe_line
    from mlpath.render.term import write

    # each of a change's lines is one line: a title's newline is shown escaped
    write("".join(safe_line(line) + "\n" for line in result.lines))


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
        key, cols, _, encoding = terminal_key(no_color, width)
        view, warnings, text, keep = cached_view(home, today, "status", None if as_json else key)
        warn(warnings)
        if as_json:
            emit_json(view)
            return
        if text is None:  # drawn once per state, day and terminal; shown again without rich
            from mlpath.render import status as rs

            text = rs.dashboard_text(view, no_color=no_color, width=cols, encoding=encoding)
            keep(text)
        from mlpath.render.term import write

        write(text, laid_out=True)  # rich laid it out for the width asked (--width)
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
