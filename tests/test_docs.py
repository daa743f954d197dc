"""Docs that cannot drift: help and examples on every command, the generated command
reference (docs/commands.md), --version, and shell completion (functions and the real
protocol)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from mlpath import __version__
from mlpath.cli.completion import complete_config_key, complete_item, complete_roadmap
from mlpath.cli.main import app

REPO = Path(__file__).resolve().parent.parent
REFERENCE_FILE = REPO / "docs" / "commands.md"
REFERENCE = REFERENCE_FILE.read_text(encoding="utf-8")
BUNDLED = ["beginner", "intermediate", "job-ready", "complete", "practical"]


def commands() -> Iterator[tuple[str, Any]]:
    # Duck-typed: Typer 0.26+ runs on its own copy of click, not the click package.
    def walk(cmd: Any, path: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
        yield " ".join(("mlpath", *path)), cmd
        if hasattr(cmd, "list_commands"):
            ctx = cmd.context_class(cmd)
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    yield from walk(sub, (*path, name))

    yield from walk(typer.main.get_command(app), ())


ALL = list(commands())
SUBCOMMANDS = [(name, cmd) for name, cmd in ALL if name != "mlpath"]


def test_the_tree_has_every_command_users_learn() -> None:
    names = {name for name, _ in ALL}
    expected = ["plan", "next", "done", "undo", "log", "replan", "export", "roadmaps", "config"]
    for name in expected:
        assert f"mlpath {name}" in names
    for sub in ("roadmaps show", "roadmaps validate", "config set", "config show"):
        assert f"mlpath {sub}" in names


@pytest.mark.parametrize(("name", "cmd"), ALL, ids=[n for n, _ in ALL])
def test_every_command_has_help_text(name: str, cmd: Any) -> None:
    assert (cmd.help or "").strip(), f"`{name}` has no help text"
    for param in cmd.params:
        if param.param_type_name == "option" and not getattr(param, "hidden", False):
            assert (param.help or "").strip(), f"`{name} {param.opts[0]}` has no help text"


@pytest.mark.parametrize(("name", "cmd"), SUBCOMMANDS, ids=[n for n, _ in SUBCOMMANDS])
def test_every_command_help_shows_an_example(name: str, cmd: Any) -> None:
    assert "Example" in (cmd.help or ""), f"`{name} --help` has no example"


@pytest.mark.parametrize(("name", "cmd"), ALL, ids=[n for n, _ in ALL])
def test_every_command_is_in_the_reference(name: str, cmd: Any) -> None:
    assert f"\n## `{name}`\n" in REFERENCE, (
        f"docs/commands.md has no entry for `{name}`; run: python scripts/gen_cli_docs.py"
    )


def test_the_readme_links_the_reference_and_every_doc() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    assert "](docs/commands.md)" in readme and "](docs/dashboard.svg)" in readme
    for doc in sorted((REPO / "docs").glob("*.md")):
        assert f"](docs/{doc.name})" in readme, f"README.md does not link docs/{doc.name}"


@pytest.mark.picture
def test_the_generated_reference_is_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "gen_cli_docs.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout


@pytest.mark.picture
def test_check_mode_fails_on_a_stale_reference(tmp_path: Path) -> None:
    stale = tmp_path / "commands.md"
    stale.write_text(REFERENCE.replace("Show the version.", "Shows it."), encoding="utf-8")
    argv = [sys.executable, str(REPO / "scripts" / "gen_cli_docs.py"), "--file", str(stale)]
    proc = subprocess.run([*argv, "--check"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "gen_cli_docs.py" in proc.stderr
    before = stale.read_text(encoding="utf-8")
    assert subprocess.run(argv, capture_output=True, timeout=120).returncode == 0
    assert stale.read_text(encoding="utf-8") == REFERENCE  # regenerated whole
    assert before != REFERENCE


# --- --version ------------------------------------------------------------------------


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"mlpath {__version__}"
    proc = subprocess.run(
        [sys.executable, "-m", "mlpath", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.strip() == f"mlpath {__version__}"


# --- completion -------------------------------------------------------------------------


def test_roadmap_completion_lists_bundled_and_own_roadmaps(isolated: Path) -> None:
    assert [i for i, _ in complete_roadmap("")][: len(BUNDLED)] == BUNDLED
    assert [i for i, _ in complete_roadmap("pr")] == ["practical"]
    own = isolated.parent / "config" / "roadmaps"
    own.mkdir(parents=True)
    (own / "my-path.yaml").write_bytes((REPO / "data/roadmaps/practical.yaml").read_bytes())
    assert "my-path" in [i for i, _ in complete_roadmap("my")]


def test_item_completion_lists_unfinished_ids(runner: CliRunner) -> None:
    assert complete_item("") == []  # no plan: nothing, and no error
    env = {"MLPATH_TODAY": "2027-01-04"}
    result = runner.invoke(app, ["plan", "-r", "practical", "--json"], env=env)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(runner.invoke(app, ["roadmaps", "show", "practical", "--json"]).stdout)
    ids = [
        it["id"]
        for ph in shown["phases"]
        for it in [*ph["topics"], *ph["projects"], *([ph["milestone"]] if ph["milestone"] else [])]
    ]
    assert [i for i, _ in complete_item("")] == ids
    assert all(i.startswith("st") for i, _ in complete_item("st")) and complete_item("st")
    done = ids[0]
    assert runner.invoke(app, ["done", done], env=env).exit_code == 0
    assert done not in [i for i, _ in complete_item("")]


def test_config_key_completion() -> None:
    assert [k for k, _ in complete_config_key("h")] == ["hours"]
    from mlpath.store.config import KEYS

    assert [k for k, _ in complete_config_key("")] == list(KEYS)
    assert [k for k, _ in complete_config_key("review_m")] == ["review_minutes"]


def _complete(words: str, cword: int) -> list[str]:
    """Run the real bash completion protocol against `python -m mlpath`."""
    env = {
        **os.environ,
        "_MLPATH_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
        "MLPATH_TODAY": "2027-01-04",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "mlpath"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_real_completion_protocol_completes_commands_ids_and_options(
    runner: CliRunner,
) -> None:
    assert "export" in _complete("mlpath ex", 1)
    assert _complete("mlpath roadmaps show c", 3) == ["complete"]
    assert _complete("mlpath export ics --al", 3) == ["--alarm"]
    result = runner.invoke(app, ["plan", "-r", "practical"], env={"MLPATH_TODAY": "2027-01-04"})
    assert result.exit_code == 0, result.stderr
    assert _complete("mlpath done stat", 2) == ["statistics"]


def test_completion_scripts_for_zsh_and_fish() -> None:
    # (bash is exercised above; the README shows how to get the script for another shell)
    for shell, marker in (("zsh", "#compdef mlpath"), ("fish", "complete --command mlpath")):
        proc = subprocess.run(
            [sys.executable, "-m", "mlpath"],
            capture_output=True,
            text=True,
            env={**os.environ, "_MLPATH_COMPLETE": f"source_{shell}"},
            timeout=60,
            check=False,
        )
        assert proc.returncode == 0 and marker in proc.stdout, (shell, proc.stdout[:200])


def test_contributing_maps_every_module() -> None:
    """CONTRIBUTING.md's map names every module, in its layer (`cmd_*.py` stands for
    the command bodies), so a newcomer finds where a change belongs."""
    import fnmatch
    import re

    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = text.split("```\nsrc/mlpath/\n", 1)[1].split("```", 1)[0]
    sections: dict[str, set[str]] = {}
    layer = ""
    for line in block.splitlines():
        head = re.match(r"^  (\w+)/\s", line + " ")
        if head:
            layer = head.group(1)
        names = set(re.findall(r"[\w*]+\.py", line))
        sections.setdefault(layer if line.startswith("    ") or head else "", set()).update(names)
    src = REPO / "src" / "mlpath"
    missing = []
    for path in sorted(src.rglob("*.py")):
        if path.name == "__init__.py":
            continue
        rel = path.relative_to(src)
        layer = rel.parts[0] if len(rel.parts) > 1 else ""
        listed = sections.get(layer, set())
        if not any(fnmatch.fnmatch(path.name, pattern) for pattern in listed):
            missing.append(str(rel))
    assert missing == []


def test_the_readme_test_command_is_what_ci_runs_first() -> None:
    """The README's two first-screen commands make the venv with `--upgrade-deps` (pip
    25 and newer write a launcher that does not import `re`: docs/performance.md), and
    its test command is `.ci/run`'s first stage and CONTRIBUTING's first check,
    verbatim."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    firsts = [
        block.split("\n", 1)[0]
        for block in readme.split("## Your first day", 1)[1].split("```sh\n")[1:3]
    ]
    assert len(firsts) == 2
    assert all(c.startswith("python3 -m venv --upgrade-deps .venv && ") for c in firsts)
    assert firsts[0].endswith(" && .venv/bin/mlpath plan")
    test_command = firsts[1]
    assert test_command.endswith(" && .venv/bin/python -m pytest -q")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    stage_one = ci.split('stage "everyday suite"\n', 1)[1].split("\n", 1)[0]
    assert stage_one == test_command
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert contributing.split("## Checks\n\n```sh\n", 1)[1].split("\n", 1)[0] == test_command
