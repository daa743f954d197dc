"""A value given blank (an empty shell variable: `--hours "$H"`) is a usage error that
names it: it was read as "not given" (`replan -H ""` replanned, `start ""` timed the
plan, `done X --evidence ""` recorded nothing as evidence) or as the current folder
(`merge ""`, `cohort ""`, `roadmaps validate ""`). Both parsers: Typer's (CliRunner)
and the fast path (`python -m mlpath`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import Cli

TODAY = "2027-01-06"
BLANK = [
    (("replan", "-H", ""), "--hours"),
    (("replan", "--pick", ""), "--pick"),
    (("replan", "--no-habit", " "), "--no-habit"),
    (("start", ""), "ITEM|HABIT"),
    (("done", "p1", "--evidence", ""), "--evidence"),
    (("log", "1", "--note", ""), "--note"),
    (("merge", ""), "FILE"),
    (("cohort", ""), "FILE|DIR"),
    (("roadmaps", "validate", ""), "FILE"),
    (("plan", "-r", "", "--force"), "--roadmap"),
    (("export", "ics", "-a", "1d", "-a", ""), "--alarm"),
    (("--home", "", "log", "1"), "--home"),
    (("status", "--home", " "), "--home"),
]


@pytest.fixture
def home(cli: Cli, isolated: Path) -> Path:
    assert cli("plan", "-s", "2027-01-04", today=TODAY).exit_code == 0
    return isolated


@pytest.mark.parametrize(("args", "named"), BLANK, ids=lambda a: " ".join(a))
def test_a_blank_value_is_named_and_changes_nothing(
    cli: Cli, home: Path, args: tuple[str, ...], named: str
) -> None:
    state = home / "state.json"
    before = state.read_bytes()
    result = cli(*args, today=TODAY)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    (line,) = result.stderr.strip().splitlines()
    assert named in line and "empty" in line
    assert "--help" in line or "MLPATH_HOME" in line  # where to read what it takes
    assert state.read_bytes() == before


def test_the_fast_path_says_the_same(home: Path) -> None:
    env = {**os.environ, "MLPATH_TODAY": TODAY}
    for args, named in BLANK:
        ran = subprocess.run(
            [sys.executable, "-m", "mlpath", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert ran.returncode == 2, (args, ran.stderr)
        assert named in ran.stderr and "Traceback" not in ran.stderr
    ran = subprocess.run(
        [sys.executable, "-m", "mlpath", "log", "1", "--note", "", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ran.returncode == 2 and json.loads(ran.stderr)["error"] == "--note is empty."
