"""`--help` drawn without Typer (cli/helptext.py) is Typer's own text, byte for byte.

The reference is what Typer prints through the app cli/main.py builds: `mlpath WORDS
--help` with COLUMNS set as a terminal sets it. Every command path of cli/spec.py (the
root, every command, the groups and their subcommands) is compared at several widths,
so a new option, a new layout rule or a Typer upgrade that changes the text fails
here. The wrapping rules themselves are compared with the click copy Typer runs on, on
random text, and a real `python -m mlpath plan --help` is shown to import neither Typer
nor rich.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import traced
from mlpath.cli import helptext, spec

REPO = Path(__file__).resolve().parent.parent
PATHS: list[tuple[str, ...]] = [(), *(c.path for c in spec.COMMANDS)]
COLUMNS = (40, 60, 80, 88, 100, 200)


def typer_help(words: tuple[str, ...]) -> str:
    """What Typer itself lays out for `mlpath WORDS --help`: the app cli/main.py builds,
    with its commands' help drawn by Typer's own get_help, not cli/helptext.py's."""
    from typer.core import TyperCommand, TyperGroup

    from mlpath.cli import main

    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(main.MlpathGroup, "get_help", TyperGroup.get_help)
        mp.setattr(main.MlpathCommand, "get_help", TyperCommand.get_help)
        with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as stop:
            main.build_app(words[0] if words else None)(
                args=[*words, "--help"], prog_name="mlpath", standalone_mode=True
            )
    assert stop.value.code in (0, None)
    return out.getvalue()


def typer_lays_out_arguments_as_0_29() -> bool:
    """Typer 0.29 writes a required argument `{KEY}` in the usage line and an argument
    row as `FILE <list[str]>`; 0.26 (the lowest mlpath declares) wrote `KEY` and
    `[FILE]`. mlpath's help is cli/helptext.py's on both routes whichever is installed,
    with 0.29's layout: the byte-for-byte comparison needs that Typer (the everyday and
    newest CI stages install it)."""
    return "{KEY}" in typer_help(("config", "set")).partition("\n")[0]


def routed_help(words: tuple[str, ...]) -> str:
    """What `mlpath WORDS --help` prints through Typer (MLPATH_NO_FASTPATH=1)."""
    from mlpath.cli.main import build_app

    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as stop:
        build_app(words[0] if words else None)(
            args=[*words, "--help"], prog_name="mlpath", standalone_mode=True
        )
    assert stop.value.code in (0, None)
    return out.getvalue()


def _name(path: tuple[str, ...]) -> str:
    return " ".join(path) or "mlpath"


@pytest.mark.parametrize("columns", COLUMNS)
@pytest.mark.parametrize("path", PATHS, ids=[_name(p) for p in PATHS])
def test_the_help_is_typers_own(
    path: tuple[str, ...], columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    if not typer_lays_out_arguments_as_0_29():
        pytest.skip("this Typer lays out arguments as 0.26 did; helptext follows 0.29")
    expected = typer_help(path)
    assert expected.startswith(f"Usage: {' '.join(('mlpath', *path))} ")
    assert helptext.render(path, hyphens=True) == expected
    shown = helptext.render(path)
    assert routed_help(path) == shown  # and Typer's route prints mlpath's


@pytest.mark.parametrize("columns", (*COLUMNS, 50, 66, 72, 79))
@pytest.mark.parametrize("path", PATHS, ids=[_name(p) for p in PATHS])
def test_no_word_is_cut_at_its_hyphen(
    path: tuple[str, ...], columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every word of the help is a whole word of the declarations: an id such as
    `supervised-baseline` is never shown as `supervised-` and `baseline`."""
    monkeypatch.setenv("COLUMNS", str(columns))
    cmd = spec.ROOT if not path else spec.BY_PATH[path]
    declared = " ".join(
        [cmd.help, spec.EPILOG, *(o.help for o in cmd.opts), *(a.help for a in cmd.args)]
        + [c.help for c in spec.COMMANDS]
    ).split()
    shown = helptext.render(path)
    assert shown is not None
    for word in shown.split():
        if word.endswith("-") and word[-2:-1].isalpha():
            assert word in declared, (word, columns)


@pytest.mark.parametrize("path", PATHS, ids=[_name(p) for p in PATHS])
def test_every_example_is_shown_as_written_at_60_columns(
    path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An example wrapped by the paragraph filler pastes as a cut-off command: each
    example line of the declarations (`\\`-continued where long) is a whole line of
    the help at 60 columns, and no line is wider."""
    monkeypatch.setenv("COLUMNS", "60")
    cmd = spec.ROOT if not path else spec.BY_PATH[path]
    shown = helptext.render(path)
    assert shown is not None
    lines = [line.strip() for line in shown.splitlines()]
    for line in cmd.help.splitlines():
        if line.strip().startswith("mlpath ") or line.startswith("    --"):
            assert line.strip() in lines, line
    assert max(len(line) for line in shown.splitlines()) <= 60


def test_the_walk_covers_every_command_typer_has() -> None:
    # the paths above come from spec.py; Typer's tree must hold no other command
    import typer

    from mlpath.cli.main import app

    def walk(cmd: Any, path: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = [path]
        if hasattr(cmd, "list_commands"):
            ctx = cmd.context_class(cmd)
            for name in cmd.list_commands(ctx):
                found += walk(cmd.get_command(ctx, name), (*path, name))
        return found

    assert sorted(walk(typer.main.get_command(app), ())) == sorted(PATHS)


def _click_modules() -> tuple[ModuleType, ModuleType]:
    """The formatting and utils modules of the click copy Typer runs on, reached
    through a command's context (Typer 0.26+ carries its own click)."""
    import typer

    from mlpath.cli.main import app

    root = typer.main.get_command(app)
    formatter = root.context_class(root).make_formatter()
    formatting = sys.modules[type(formatter).__module__]
    package = formatting.__name__.rpartition(".")[0]
    return formatting, sys.modules[f"{package}.utils"]


def test_wider_layouts_equal_clicks_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond 80 columns (what docs/commands.md is laid out in, 88): the same text as
    scripts/gen_cli_docs.py gets from Typer at that width."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import gen_cli_docs
    finally:
        sys.path.remove(str(REPO / "scripts"))
    root = gen_cli_docs.root_command()
    for width in (gen_cli_docs.WIDTH, 120):
        monkeypatch.setattr(gen_cli_docs, "WIDTH", width)
        for path in PATHS:
            mine = helptext.render(path, width)
            assert mine is not None
            # the script strips the spaces click leaves at the end of a blank row line
            assert "\n".join(line.rstrip() for line in mine.splitlines()) == (
                gen_cli_docs.help_text(root, path)
            ), (width, path)


TEXT = st.text(alphabet="ab-c _1.,?!'\"\t\n\bé٣\u00a0-", max_size=60)


@settings(max_examples=150, deadline=None)
@given(
    text=TEXT,
    width=st.integers(min_value=12, max_value=40),
    initial=st.integers(min_value=0, max_value=3),
    subsequent=st.integers(min_value=0, max_value=3),
    paragraphs=st.booleans(),
)
def test_wrapping_is_clicks(
    text: str, width: int, initial: int, subsequent: int, paragraphs: bool
) -> None:
    """Hyphens (`week-by-` / `week`), em-dashes, words longer than the line, paragraphs,
    tabs, other scripts' letters and digits: wrapped as click's wrap_text wraps them."""
    # click loops forever when an indent leaves no room on a line; help never does that
    lead = max((len(ln) - len(ln.lstrip()) for ln in text.expandtabs().splitlines()), default=0)
    if max(initial, subsequent) + lead + 1 >= width:
        return
    formatting, _ = _click_modules()
    args = (text, width, " " * initial, " " * subsequent, paragraphs)
    assert helptext.wrap_text(*args) == formatting.wrap_text(*args)


@settings(max_examples=150, deadline=None)
@given(text=TEXT, limit=st.integers(min_value=1, max_value=60))
def test_a_commands_summary_is_shortened_as_clicks(text: str, limit: int) -> None:
    _, utils = _click_modules()
    assert helptext.short_help(text, limit) == utils.make_default_short_help(text, limit)


@pytest.mark.parametrize("value", [None, "", "0", "-3", "wide", "57", "300"])
def test_the_width_is_shutils(value: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if value is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", value)
    assert helptext.terminal_columns() == shutil.get_terminal_size().columns


def test_cleandoc_is_inspects() -> None:
    import inspect

    for doc in ("  one\n    two\n\n      three\n", "\n\nx\n\t y\n  z\n\n", "", "a\n \n b"):
        assert helptext.cleandoc(doc) == inspect.cleandoc(doc)


@pytest.mark.parametrize("columns", [80, 60])
def test_every_help_fits_the_terminal(columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    for path in PATHS:
        text = helptext.render(path)
        assert text is not None
        for line in text.splitlines():
            assert len(line) <= columns, (path, line)


def test_an_unknown_command_has_no_help_here() -> None:
    assert helptext.render(("nosuch",)) is None
    assert helptext.render(("roadmaps", "nosuch")) is None


def _run(*args: str, columns: int = 70) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    return traced(args, {"MLPATH_NO_FASTPATH": None, "COLUMNS": str(columns)})


@pytest.mark.parametrize("words", [("plan",), (), ("roadmaps",), ("config", "set")], ids=_name)
def test_help_imports_neither_typer_nor_rich(
    words: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    r, modules = _run(*words, "--help")
    assert r.returncode == 0, r.stderr
    assert "mlpath.cli.helptext" in modules  # the measurement saw the help drawn
    heavy = {m for m in modules if m.split(".")[0] in ("typer", "rich", "click")}
    assert not heavy
    # nor the standard modules the renderer does by hand (each a few ms of start-up)
    assert not modules & {"textwrap", "inspect", "shutil"}
    monkeypatch.setenv("COLUMNS", "70")
    assert r.stdout == routed_help(words)  # the text Typer's route prints too


def test_help_with_a_usage_error_is_typers_to_report() -> None:
    # Typer reads the whole command line before it shows help: an unknown option after
    # --help is still an error (exit 2), and an unknown subcommand is one
    for argv in (["plan", "--help", "--bogus"], ["roadmaps", "nosuch", "--help"]):
        r, modules = _run(*argv)
        assert r.returncode == 2, argv
        assert r.stdout == ""
        assert "typer" in modules, argv


@pytest.mark.parametrize("columns", [80, 60])
def test_every_command_is_listed_with_its_whole_summary(
    columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mlpath --help` lists each command with a phrase of its own, whole: click cut the
    help's first sentence ("Lay a roadmap on your calendar, week by week, and save it
    as...") at every width a terminal has."""
    monkeypatch.setenv("COLUMNS", str(columns))
    groups = [c for c in spec.COMMANDS if c.group] + [spec.ROOT]
    for group in groups:
        text = helptext.render(group.path)
        assert text is not None
        listed = text.split("Commands:\n", 1)[1]
        subs = [c for c in spec.COMMANDS if c.path[:-1] == group.path]
        for c in subs:
            assert c.summary and c.summary.endswith(".") and "..." not in c.summary
            row = [ln for ln in listed.splitlines() if ln.split()[:1] == [c.path[-1]]]
            assert row and row[0].split(None, 1)[1] == c.summary, (c.path, listed)


@pytest.mark.parametrize(
    ("argv", "same_as"),
    [
        (["help"], ["--help"]),
        (["help", "roadmaps", "show"], ["roadmaps", "show", "--help"]),
        (["--no-color", "help", "log"], ["--no-color", "log", "--help"]),
        (["--home", "/tmp/h", "help", "config"], ["--home", "/tmp/h", "config", "--help"]),
        (["log", "1", "--note", "help"], ["log", "1", "--note", "help"]),  # a value, kept
        (["--", "help"], ["--", "help"]),
        (["help", "help"], ["--help"]),  # was "No such command 'help'"
    ],
)
def test_help_as_a_command_is_help(argv: list[str], same_as: list[str]) -> None:
    # `mlpath help plan`, as git and cargo read it, was "No such command 'help'"
    assert spec.help_words(argv) == same_as


def test_the_root_help_says_how_to_get_one_commands_help() -> None:
    assert "mlpath help COMMAND" in " ".join(helptext.render(()).split())


def test_help_as_a_command_prints_the_help_on_both_paths() -> None:
    env = {**os.environ, "COLUMNS": "80"}
    for fast in ("", "1"):
        run = {**env, "MLPATH_NO_FASTPATH": fast} if fast else env
        ran = subprocess.run(
            [sys.executable, "-m", "mlpath", "help", "log"],
            capture_output=True,
            text=True,
            env=run,
            check=False,
        )
        assert ran.returncode == 0 and ran.stdout == helptext.render(("log",)), ran.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["done", "--help"],
        ["roadmaps", "show", "-h"],
        ["config", "set", "--help"],
        ["--home", "/tmp/h", "log", "--on", "-h", "--help"],  # (-h: the value of --on)
    ],
)
def test_help_needs_no_good_config_or_date_on_typers_path_either(
    argv: list[str], isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`COMMAND --help` prints the help with a broken config.yaml or MLPATH_TODAY, as the
    fast path does: the checks before a command are for running it. A `-h` that is an
    option's value asks for nothing: the command is still checked (and refused)."""
    from clirun import invoke

    config = isolated.parent / "config" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("hours: [\n", encoding="utf-8")
    monkeypatch.setenv("MLPATH_TODAY", "not-a-date")
    result = invoke(argv)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Usage: mlpath"), result.stdout
    refused = invoke(["log", "1", "--note", "-h"])
    assert refused.exit_code != 0 and "Usage: mlpath" not in refused.stdout
