"""The declaration (cli/spec.py) and the Typer app built from it hold the same
commands, options and arguments, so the fast parser accepts exactly what Typer
accepts: an option dropped from one is dropped from both."""

from __future__ import annotations

from typing import Any

import pytest
import typer

from mlpath.cli import spec
from mlpath.cli.helptext import bounded_help
from mlpath.cli.main import app


def _tree() -> dict[tuple[str, ...], Any]:
    """Every command in the built Typer app, by its words."""
    found: dict[tuple[str, ...], Any] = {}

    def walk(cmd: Any, path: tuple[str, ...]) -> None:
        found[path] = cmd
        if hasattr(cmd, "list_commands"):
            ctx = cmd.context_class(cmd)
            for name in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, name), (*path, name))

    walk(typer.main.get_command(app), ())
    return found


TREE = _tree()
TYPER_ONLY = {"--install-completion", "--show-completion", "--help", "-h"}


def test_the_same_commands_exist_in_both() -> None:
    assert set(TREE) == {(), *spec.BY_PATH}


@pytest.mark.parametrize("cmd", [spec.ROOT, *spec.COMMANDS], ids=lambda c: " ".join(c.path))
def test_each_command_has_the_declared_options_and_arguments(cmd: spec.Cmd) -> None:
    built = TREE[cmd.path]
    options = {
        tuple(p.opts + p.secondary_opts): p
        for p in built.params
        if p.param_type_name == "option" and not set(p.opts) & TYPER_ONLY
    }
    declared = {o.names: o for o in cmd.opts}
    assert set(options) == set(declared)
    for names, o in declared.items():
        p = options[names]
        assert p.name == o.dest
        assert p.help == bounded_help(o)  # an INT's bounds, checked by mlpath, in its help
        assert p.is_flag == (o.kind == spec.FLAG), names
        assert p.multiple == (o.kind == spec.MULTI), names
        if o.kind != spec.FLAG:
            assert p.metavar == o.metavar, names
    arguments = [p for p in built.params if p.param_type_name == "argument"]
    assert [(a.name, a.required, a.nargs == -1) for a in arguments] == [
        (a.dest, a.required, a.many) for a in cmd.args
    ]
    assert [a.metavar for a in arguments] == [a.metavar for a in cmd.args]
    assert (built.help or "").strip() == cmd.help.strip()


def test_every_body_and_completer_exists() -> None:
    import importlib

    from mlpath.cli import completion

    for cmd in spec.COMMANDS:
        if cmd.body is not None:
            module, func = cmd.body.split(":")
            assert callable(getattr(importlib.import_module(f"mlpath.cli.{module}"), func))
        for p in (*cmd.args, *cmd.opts):
            if p.complete is not None:
                assert callable(getattr(completion, p.complete)), p.complete


def test_dropping_an_option_from_the_declaration_drops_it_everywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check above can fail: without --note, neither route accepts it."""
    from mlpath.cli import fastpath
    from mlpath.cli.main import build_app

    done = spec.BY_PATH[("done",)]
    monkeypatch.setattr(done, "opts", tuple(o for o in done.opts if o.dest != "note"))
    assert fastpath.main(["done", "x", "--note", "n"]) is None  # left to Typer...
    built = typer.main.get_command(build_app("done"))
    ctx = built.context_class(built)
    names = {n for p in built.get_command(ctx, "done").params for n in p.opts}
    assert "--note" not in names  # ...which does not know it either
