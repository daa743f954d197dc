"""The daily commands without Typer: `next`, `done`, `log`, `undo`.

These run many times a day (shell prompts, tmux lines, login scripts), so
they skip Typer, click and rich. They call the very same actions, views and
renderers as the Typer commands in cli.py; only the argument parsing is
repeated here, and anything it does not fully understand (--help, an
unknown option, shell completion) goes to Typer, which owns usage errors.

`next` also keeps its computed view in the cache folder, keyed by the state
file's identity (inode, size, mtime), the roadmap file's, today's date and
mlpath's version, so an unchanged plan is shown without re-deriving it.
"""

from __future__ import annotations

import os
import sys

from . import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FAST_COMMANDS = ("next", "done", "log", "undo")
_VALUE_OPTS = {
    "next": (),
    "done": ("--on", "--note", "--evidence"),
    "log": ("--on", "--note"),
    "undo": (),
}
_FLAG_OPTS = ("--json",)


class _Fallback(Exception):
    """This command line is for Typer to handle."""


def _parse(argv: list[str]) -> tuple[dict[str, Any], str, list[str], dict[str, Any]]:
    """argv -> (global options, command, positional args, command options)."""
    glob: dict[str, Any] = {"home": None, "no_color": False}
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        arg = argv[i]
        if arg == "--no-color":
            glob["no_color"] = True
        elif arg == "--home" and i + 1 < len(argv):
            i += 1
            glob["home"] = argv[i]
        elif arg.startswith("--home="):
            glob["home"] = arg.split("=", 1)[1]
        else:
            raise _Fallback
        i += 1
    if i >= len(argv) or argv[i] not in FAST_COMMANDS:
        raise _Fallback
    command = argv[i]
    values = _VALUE_OPTS[command]
    args: list[str] = []
    opts: dict[str, Any] = {"json": False}
    rest = argv[i + 1 :]
    j = 0
    only_args = False
    while j < len(rest):
        arg = rest[j]
        if only_args or not arg.startswith("-") or arg == "-" or _is_number(arg):
            args.append(arg)
        elif arg == "--":
            only_args = True
        elif arg == "--json":
            opts["json"] = True
        elif arg in values and j + 1 < len(rest):
            j += 1
            opts[arg[2:]] = rest[j]
        elif "=" in arg and arg.split("=", 1)[0] in values:
            name, value = arg.split("=", 1)
            opts[name[2:]] = value
        else:
            raise _Fallback  # --help, -h, unknown options: Typer explains
        j += 1
    expected = {"next": (0, 0), "undo": (0, 0), "log": (1, 1), "done": (1, 10_000)}[command]
    if not expected[0] <= len(args) <= expected[1]:
        raise _Fallback
    return glob, command, args, opts


def _is_number(arg: str) -> bool:
    """`mlpath log -2` is a (bad) number for log to refuse, not an option."""
    try:
        float(arg)
    except ValueError:
        return False
    return True


def main(argv: list[str]) -> int | None:
    """Run a daily command and return its exit code, or None to let Typer run it."""
    if not argv or "_MLPATH_COMPLETE" in os.environ:
        return None
    try:
        glob, command, args, opts = _parse(argv)
    except _Fallback:
        return None
    from .errors import MlpathError, error_text, internal_error_text

    try:
        if command == "next":
            _next(glob, opts)
        else:
            _change(glob, command, args, opts)
    except MlpathError as exc:
        sys.stderr.write(error_text(exc))
        return int(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        if os.environ.get("MLPATH_DEBUG"):
            raise
        sys.stderr.write(internal_error_text(exc))
        return 1
    return 0


def _emit_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _warn(lines: list[str]) -> None:
    for w in lines:
        sys.stderr.write(f"Warning: {w}\n")


def _print_view(view: dict[str, Any], as_json: bool, no_color: bool) -> None:
    if as_json:
        _emit_json(view)
        return
    from .render_next import next_text
    from .term import Style, use_color, write

    write(next_text(view, Style(use_color(no_color))))


# --- next, with its view cache ------------------------------------------------------------


def _stat_key(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _cache_path(state_path: str) -> str | None:
    from .paths import cache_str

    try:
        base = cache_str()
    except Exception:
        return None
    import zlib

    # The entry records its state path, so a crc clash between two homes is only a miss.
    name = f"{zlib.crc32(state_path.encode('utf-8', 'surrogateescape')):08x}"
    return os.path.join(base, "next", name + ".marshal")


# marshal is the cheapest format to read back; the cache is ours alone and its key
# includes the interpreter version, whose marshal format it is.
_PY = sys.version


def _next(glob: dict[str, Any], opts: dict[str, Any]) -> None:
    import marshal

    from .clock import today
    from .paths import home_str

    when = today().isoformat()
    state_path = os.path.join(home_str(glob["home"]), "state.json")
    state_key = _stat_key(state_path)
    cache = _cache_path(state_path) if state_key is not None else None
    if cache is not None:
        try:
            with open(cache, "rb") as fh:
                entry = marshal.load(fh)
            if (
                entry["version"] == __version__
                and entry["python"] == _PY
                and entry["state_path"] == state_path
                and entry["today"] == when
                and entry["state"] == state_key
                and entry["roadmap"] == _stat_key(entry["roadmap_path"])
            ):
                _warn(entry["warnings"])
                _print_view(entry["view"], opts["json"], glob["no_color"])
                return
        except (OSError, ValueError, KeyError, TypeError, EOFError):
            pass  # no usable entry: compute it
    from .session import load_active
    from .storage import store_for
    from .views import next_view

    store = store_for(glob["home"])
    active = load_active(store, today())
    view = next_view(active.progress)
    _warn(active.warnings)
    _print_view(view, opts["json"], glob["no_color"])
    if cache is not None and active.roadmap.path:
        entry = {
            "version": __version__,
            "python": _PY,
            "state_path": state_path,
            "today": when,
            "state": state_key,
            "roadmap_path": active.roadmap.path,
            "roadmap": _stat_key(active.roadmap.path),
            "warnings": active.warnings,
            "view": view,
        }
        if _stat_key(state_path) != state_key:
            return  # the state changed while we read it: do not cache a mix
        try:
            from pathlib import Path

            from .storage import atomic_write_bytes

            os.makedirs(os.path.dirname(cache), exist_ok=True)
            atomic_write_bytes(Path(cache), marshal.dumps(entry), durable=False)
        except (OSError, ValueError):
            pass  # a cache that cannot be written only costs speed


# --- done, log, undo ------------------------------------------------------------------------


def _change(glob: dict[str, Any], command: str, args: list[str], opts: dict[str, Any]) -> None:
    from .clock import today
    from .storage import store_for

    store = store_for(glob["home"])
    when = today()
    from . import actions

    if command == "done":
        result = actions.mark_done(
            store,
            when,
            args,
            on=opts.get("on"),
            note=opts.get("note"),
            evidence=opts.get("evidence"),
        )
    elif command == "log":
        result = actions.log_time(store, when, args[0], on=opts.get("on"), note=opts.get("note"))
    else:
        result = actions.undo_last(store, when)
    _warn(result.warnings)
    if opts["json"]:
        _emit_json(result.view)
        return
    from .term import write

    write("".join(line + "\n" for line in result.lines))
