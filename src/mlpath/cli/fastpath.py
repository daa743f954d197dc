"""Argument parsing for the everyday commands without Typer: next, done, log, undo, status.

These run many times a day (shell prompts, tmux lines, login scripts), so
they skip Typer and click. After parsing they run the very same code as the
Typer commands in cli/main.py (cli/daily.py); anything this parser does not fully
understand (--help, an unknown option, shell completion) goes to Typer,
which owns usage errors. tests/test_fastpath.py checks both routes agree.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FAST_COMMANDS = ("next", "done", "log", "undo", "status")
# Each command's options, as cli/main.py declares them: those taking a value, and flags.
_VALUE_OPTS = {
    "next": (),
    "done": ("--on", "--note", "--evidence"),
    "log": ("--on", "--note"),
    "undo": (),
    "status": ("--width",),
}
_FLAGS = {
    "next": {"--json": "json"},
    "done": {"--json": "json"},
    "log": {"--json": "json"},
    "undo": {"--json": "json"},
    "status": {"--json": "json", "--watch": "watch", "-w": "watch", "--no-color": "no_color"},
}


GLOBAL_FLAGS = ("--no-color",)
GLOBAL_VALUES = ("--home",)


def hoist_globals(argv: list[str]) -> list[str]:
    """Let `--home X` and `--no-color` follow the command too (`mlpath next --home X`):
    move them in front of it, where the command line defines them. Stops at `--`."""
    out_front: list[str] = []
    rest: list[str] = []
    i = 0
    seen_command = False
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if not seen_command and not arg.startswith("-"):
            seen_command = True
        if seen_command and arg in GLOBAL_FLAGS:
            out_front.append(arg)
        elif seen_command and arg in GLOBAL_VALUES and i + 1 < len(argv):
            out_front += [arg, argv[i + 1]]
            i += 1
        elif seen_command and arg.split("=", 1)[0] in GLOBAL_VALUES and "=" in arg:
            out_front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return out_front + rest if out_front else argv


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
        elif arg in _FLAGS[command]:
            opts[_FLAGS[command][arg]] = True
        elif arg in values and j + 1 < len(rest):
            j += 1
            opts[arg[2:]] = rest[j]
        elif "=" in arg and arg.split("=", 1)[0] in values:
            name, value = arg.split("=", 1)
            opts[name[2:]] = value
        else:
            raise _Fallback  # --help, -h, unknown options: Typer explains
        j += 1
    if command == "status" and "width" in opts and not _width_ok(opts["width"]):
        raise _Fallback  # Typer gives the range error
    expected = {"next": (0, 0), "undo": (0, 0), "status": (0, 0), "log": (1, 1)}.get(
        command, (1, 10_000)
    )
    if not expected[0] <= len(args) <= expected[1]:
        raise _Fallback
    return glob, command, args, opts


def _width_ok(value: str) -> bool:
    return value.isdigit() and 40 <= int(value) <= 400


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
        glob, command, args, opts = _parse(hoist_globals(argv))
    except _Fallback:
        return None
    from mlpath.errors import MlpathError, error_text, internal_error_text

    try:
        _run(glob, command, args, opts)
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


def _run(glob: dict[str, Any], command: str, args: list[str], opts: dict[str, Any]) -> None:
    from mlpath.app.clock import today
    from mlpath.cli import daily

    no_color = daily.color_off(glob["no_color"] or opts.get("no_color", False))
    home = glob["home"]
    if command == "next":
        daily.show_next(home, today(), as_json=opts["json"], no_color=no_color)
        return
    if command == "status":
        width = opts.get("width")
        daily.show_status(
            home,
            today(),
            as_json=opts["json"],
            watch=opts.get("watch", False),
            no_color=no_color,
            width=int(width) if width is not None else None,
        )
        return
    from mlpath.app import actions
    from mlpath.store.state import store_for

    store = store_for(home)
    if command == "done":
        result = actions.mark_done(
            store,
            today(),
            args,
            on=opts.get("on"),
            note=opts.get("note"),
            evidence=opts.get("evidence"),
        )
    elif command == "log":
        result = actions.log_time(store, today(), args[0], on=opts.get("on"), note=opts.get("note"))
    else:
        result = actions.undo_last(store, today())
    daily.show_change(result, as_json=opts["json"])
