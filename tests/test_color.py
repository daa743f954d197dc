"""One colour rule for every command (render/term.py `use_color`).

First match wins: --no-color or --color always|auto|never (this run), then
NO_COLOR, then `color` in config.yaml (auto, always, never), then: only on a
terminal, or with FORCE_COLOR. CliRunner's stdout is not a terminal, so "auto"
means no colour here: exactly the case of a pager.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import Cli

TODAY = "2027-02-20"
PLAN = ("plan", "-r", "practical", "-H", "15", "-s", "2027-01-04")


def coloured(cli: Cli, *args: str, **env: str) -> bool:
    r = cli(*args, today=TODAY, env=env)
    assert r.exit_code == 0, r.stderr
    return "\x1b[" in r.stdout


@pytest.fixture
def planned(cli: Cli) -> None:
    assert cli(*PLAN, today=TODAY).exit_code == 0


@pytest.mark.parametrize("command", [("next",), ("status",), ("roadmaps",), ("doctor",)])
def test_color_always_through_a_pipe(cli: Cli, planned: None, command: tuple[str, ...]) -> None:
    assert not coloured(cli, *command)
    assert coloured(cli, "--color", "always", *command)
    assert coloured(cli, *command, "--color=always")  # after the command too
    assert not coloured(cli, "--color", "never", *command, FORCE_COLOR="1")


def test_the_order_of_the_rule(cli: Cli, planned: None) -> None:
    assert cli("config", "set", "color", "always").exit_code == 0
    assert coloured(cli, "next")  # the file's choice
    assert not coloured(cli, "next", NO_COLOR="1")  # the environment wins over the file
    assert coloured(cli, "--color", "always", "next", NO_COLOR="1")  # the flag wins over both
    assert not coloured(cli, "--color", "auto", "next")  # auto: not a terminal here
    assert not coloured(cli, "--no-color", "next")
    assert cli("config", "set", "color", "never").exit_code == 0
    assert not coloured(cli, "next", FORCE_COLOR="1")
    assert coloured(cli, "--color", "always", "next")


def test_a_bad_choice_is_a_usage_error(cli: Cli, planned: None) -> None:
    r = cli("--color", "sometimes", "next", today=TODAY)
    assert r.exit_code == 2
    assert (
        r.stderr
        == "Error: --color sometimes: not a colour choice. Use --color always, auto or never.\n"
    )
    assert r.stdout == ""


def test_the_fast_path_and_typer_agree(tmp_path: Path) -> None:
    """`python -m mlpath` (the fast path) and MLPATH_NO_FASTPATH=1 (Typer) colour alike."""
    env = {
        **os.environ,
        "MLPATH_HOME": str(tmp_path / "home"),
        "MLPATH_CONFIG_DIR": str(tmp_path / "config"),
        "MLPATH_CACHE_DIR": str(tmp_path / "cache"),
        "MLPATH_TODAY": TODAY,
    }
    env.pop("NO_COLOR", None)

    def run(*args: str, **extra: str) -> str:
        r = subprocess.run(
            [sys.executable, "-m", "mlpath", *args],
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert r.returncode == 0, r.stderr
        return r.stdout

    run(*PLAN)
    for extra in ({}, {"MLPATH_NO_FASTPATH": "1"}):
        assert "\x1b[" in run("next", "--color", "always", **extra)
        assert "\x1b[" not in run("next", **extra)
