"""Parsing every command line it fully understands without Typer.

mlpath runs many times a day (shell prompts, tmux lines, scripts); importing
Typer and preparing its commands costs more than most commands' own work. So
this parser reads the same declarations Typer is built from (cli/spec.py) and
calls the same command bodies inside the same error guard. Anything it does not
fully understand — an unknown option, a missing argument, a value out of range,
shell completion — goes to Typer, which owns usage errors. `--help` is drawn by
cli/helptext.py, as Typer draws it, when the command line asks for nothing Typer
would refuse first. tests/test_fastpath.py, tests/test_cli_spec.py and
tests/test_helptext.py hold both routes together.
"""

from __future__ import annotations

import os
import sys

from mlpath.cli.spec import GLOBAL_VALUES, help_words, hoist_globals

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from mlpath.cli.spec import Cmd

HELP = ("--help", "-h")


class _Fallback(Exception):
    """This command line is for Typer to handle."""


class _Help(Exception):
    """The command line asks for help on the command named by `words`."""

    def __init__(self, words: tuple[str, ...]) -> None:
        super().__init__(words)
        self.words = words


def _is_number(arg: str) -> bool:
    try:
        float(arg)
    except ValueError:
        return False
    return True


def _parse(argv: list[str]) -> tuple[dict[str, Any], Cmd, dict[str, Any]]:
    """argv -> (global options, command, the body's keyword arguments)."""
    from mlpath.cli import spec

    glob: dict[str, Any] = {"home": None, "no_color": False, "color": None, "version": False}
    first_eager: str | None = None  # --help or --version: whichever comes first answers
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if arg == "--no-color":
            glob["no_color"] = True
        elif arg == "--version":
            glob["version"] = True
            first_eager = first_eager or arg
        elif name in GLOBAL_VALUES and eq:
            glob[name[2:]] = value
        elif arg in GLOBAL_VALUES and i + 1 < len(argv):
            i += 1
            glob[arg[2:]] = argv[i]
        elif arg in HELP:
            first_eager = first_eager or "--help"
        else:
            raise _Fallback  # an unknown option is an error even beside --help
        i += 1
    if first_eager == "--help":
        raise _Help(())  # before any command is looked at, as Typer does
    if glob["version"]:
        return glob, spec.ROOT, {}
    found = spec.find(argv[i : i + 2])
    if found is None:
        raise _Fallback  # bare `mlpath` (Typer's usage), an unknown command
    cmd, n = found
    kwargs = _parse_command(cmd, argv[i + n :])
    if cmd.body is None:
        raise _Fallback  # a bare group (`mlpath config`): Typer's usage
    return glob, cmd, kwargs


def _parse_command(cmd: Cmd, rest: list[str]) -> dict[str, Any]:
    from mlpath.cli import spec

    by_name = {name: o for o in cmd.opts for name in o.names}
    kwargs: dict[str, Any] = {}
    for o in cmd.opts:
        kwargs[o.dest] = False if o.kind == spec.FLAG else None
    positional: list[str] = []
    j = 0
    only_args = False
    helped = False
    while j < len(rest):
        arg = rest[j]
        if only_args or not arg.startswith("-") or arg == "-":
            if cmd.group:  # a group stops at its first argument: a subcommand find() did
                if helped:  # not know (Typer says which), or one after the group's options
                    raise _Help(cmd.path)
                raise _Fallback
            positional.append(arg)
        elif arg == "--":
            only_args = True
        elif cmd.numbers_are_args and _is_number(arg):
            positional.append(arg)
        elif arg in HELP and arg not in by_name:
            helped = True  # shown once the rest is read: a usage error there comes first
        else:
            name, eq, inline = arg.partition("=")
            opt = by_name.get(name)
            if opt is None or (eq and opt.kind == spec.FLAG):
                raise _Fallback  # unknown option, -abc bundles, --flag=x: Typer explains
            if opt.kind == spec.FLAG:
                kwargs[opt.dest] = True
            else:
                if eq:
                    value = inline
                elif j + 1 < len(rest):
                    j += 1
                    value = rest[j]
                else:
                    raise _Fallback  # an option missing its value
                if opt.kind == spec.MULTI:
                    kwargs[opt.dest] = [*(kwargs[opt.dest] or ()), value]
                else:  # an INT's text is checked once help is not asked for (refuse_empty)
                    kwargs[opt.dest] = value
        j += 1
    # Typer shows help before it checks values, missing and extra arguments
    if helped:
        raise _Help(cmd.path)
    for a in cmd.args:
        if a.many:
            if not positional and a.required:
                raise _Fallback
            kwargs[a.dest], positional = positional, []
        elif positional:
            kwargs[a.dest] = positional.pop(0)
        elif a.required:
            raise _Fallback  # a missing argument: Typer's usage error
        else:
            kwargs[a.dest] = None
    if positional:
        raise _Fallback  # extra arguments
    return kwargs


def main(argv: list[str]) -> int | None:
    """Run a command and return its exit code, or None to let Typer run it."""
    if "_MLPATH_COMPLETE" in os.environ:
        return None
    argv = hoist_globals(help_words(argv))
    from mlpath.cli.spec import wants_json
    from mlpath.errors import json_errors

    json_errors(argv, on=wants_json(argv))
    try:
        glob, cmd, kwargs = _parse(argv)
    except _Fallback:
        return None
    except _Help as h:
        from mlpath.cli.help import show_help

        return show_help(h.words)
    if glob["version"]:
        from mlpath import __version__

        sys.stdout.write(f"mlpath {__version__}\n")
        return 0
    from mlpath.errors import guard

    return guard(lambda: _run(glob, cmd, kwargs))


def refuse_empty(cmd: Cmd, kwargs: dict[str, Any]) -> None:
    """A blank value, or a number option's value that is not one, is a usage error
    (cli/specparts.py's `empty_given`, `whole_numbers`), in both parsers."""
    from mlpath.cli.specparts import empty_given, whole_numbers

    blank = empty_given(cmd, kwargs) or whole_numbers(cmd, kwargs)
    if blank is not None:
        from mlpath.errors import UsageError

        raise UsageError(*blank)


def _run(glob: dict[str, Any], cmd: Cmd, kwargs: dict[str, Any]) -> None:
    from mlpath.cli.common import set_globals
    from mlpath.cli.spec import top

    set_globals(
        glob["home"],
        glob["no_color"],
        color=glob["color"],
        check_config=top(cmd).reads_config,
        notice=top(cmd).notices_copies,
    )
    refuse_empty(cmd, kwargs)
    assert cmd.body is not None
    module, func = cmd.body.split(":")
    getattr(__import__(f"mlpath.cli.{module}", fromlist=[func]), func)(**kwargs)
