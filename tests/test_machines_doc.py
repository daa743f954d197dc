"""docs/machines.md, run as written: its `sh` blocks on two fresh machines.

Each machine is its own HOME (so `~/mlpath`, `~/.gitconfig` and the cache are
its own), with no MLPATH_* folders and no git identity but the one the doc's
steps set; the remote is an empty bare repository. Both orders of first syncs:
the machine with the plan first, and the other one first.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "machines.md"
TODAY = "2027-01-12"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def blocks() -> dict[str, str]:
    """Each `###` section's `sh` blocks, joined."""
    out: dict[str, str] = {}
    section = ""
    for m in re.finditer(r"^### ([^\n]+)$|^```sh\n(.*?)^```$", DOC.read_text(), re.M | re.S):
        if m.group(1):
            section = m.group(1).strip()
        else:
            out[section] = out.get(section, "") + m.group(2)
    return out


def machine_env(home: Path, shims: Path, remote: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MLPATH_", "GIT_", "XDG_")) and k != "EMAIL"
    }
    env.update(
        HOME=str(home),
        PATH=f"{shims}{os.pathsep}{env.get('PATH', '')}",
        REMOTE=str(remote),
        MLPATH_TODAY=TODAY,
        GIT_CONFIG_NOSYSTEM="1",
        COLUMNS="200",
    )
    return env


def run(script: str, env: dict[str, str], home: Path) -> str:
    result = subprocess.run(
        ["sh", "-e", "-c", script], env=env, cwd=home, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, (script, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture
def world(tmp_path: Path) -> tuple[Path, Path, Path]:
    shims = tmp_path / "bin"
    shims.mkdir()
    shim = shims / "mlpath"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m mlpath "$@"\n')
    shim.chmod(0o755)
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    return shims, remote, tmp_path


def events(home: Path) -> list[str]:
    data = json.loads((home / "mlpath" / "state.json").read_text())
    return [e["id"] for e in data["events"]]


@pytest.mark.parametrize("first_to_sync", ["planner", "other"])
def test_the_documented_steps_work_in_either_order(
    world: tuple[Path, Path, Path], first_to_sync: str
) -> None:
    shims, remote, tmp = world
    steps = blocks()
    once = steps["Once on each machine"]
    planner_steps = steps["On the first machine"]
    other_steps = steps["On each other machine"]
    daily = steps["Every day, on any machine"]
    assert "export MLPATH_HOME=~/mlpath" in planner_steps
    desk, laptop = tmp / "desk", tmp / "laptop"
    for home in (desk, laptop):
        home.mkdir()
    env = {home: machine_env(home, shims, remote) for home in (desk, laptop)}
    if first_to_sync == "planner":
        run(once + planner_steps, env[desk], desk)
        out = run(once + other_steps, env[laptop], laptop)
        assert "This machine had no progress yet: took origin/main as it is." in out
        assert "Came in from origin/main: 1 new plan." in out
    else:
        out = run(once + other_steps, env[laptop], laptop)
        assert "origin was empty: pushed main there" in out
        out = run(once + planner_steps, env[desk], desk)
        assert "Went out to origin/main: 1 new plan." in out
    # from then on, every day: each machine studies and syncs
    day = {home: {**env[home], "MLPATH_HOME": str(home / "mlpath")} for home in (desk, laptop)}
    run(daily + "mlpath log 2\n" + daily, day[laptop], laptop)
    run(daily + "mlpath log 1\n" + daily, day[desk], desk)
    run(daily, day[laptop], laptop)
    assert events(desk) == events(laptop)
    assert len(events(desk)) == 3  # the plan, 2 h, 1 h: each once
    status = subprocess.run(
        ["git", "-C", str(laptop / "mlpath"), "status", "--porcelain"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""
