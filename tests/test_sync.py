"""`mlpath sync` with real git: a bare remote and two clones, each a machine.

git runs with no global or system config; the identity comes from the test's
environment (GIT_AUTHOR_NAME and friends), as the issue asks. The merge driver
that sync installs runs this interpreter, as it would from a venv.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gitenv import IDENTITY, isolate_git
from mlpath.app.merge import merge_copies
from mlpath.app.sync import sync
from mlpath.core import ledger as sm
from mlpath.errors import MlpathError
from mlpath.store.state import Store

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

TODAY = "2027-01-12"


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate_git(monkeypatch, tmp_path, TODAY)


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)


def mlpath(home: Path, *args: str) -> None:
    env = {**os.environ, "MLPATH_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "mlpath", *args], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def events(home: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((home / "state.json").read_text())["events"]
    return data


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    return bare


def clone(remote: Path, where: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(remote), str(where)], check=True, capture_output=True)
    git(where, "checkout", "-q", "-B", "main")
    return where


def test_two_clones_sync_to_the_same_state(remote: Path, tmp_path: Path) -> None:
    desk = clone(remote, tmp_path / "desk")
    mlpath(desk, "plan", "-r", "practical", "--hours", "15", "--start", "2027-01-04")
    mlpath(desk, "done", "python-libraries", "--on", "2027-01-06")
    first = sync(Store(desk))
    assert first.lines[0] == "Installed mlpath's merge driver for state.json in this repository."
    assert first.lines[1] == "Committed 2 new events: done python-libraries; 1 new plan."
    assert first.view["pushed"] is True
    assert (desk / ".gitattributes").read_text() == "state.json merge=mlpath\n"
    laptop = clone(remote, tmp_path / "laptop")
    # offline, both machines study
    mlpath(laptop, "done", "statistics", "--on", "2027-01-10")
    mlpath(laptop, "log", "2", "--on", "2027-01-10")
    mlpath(desk, "log", "3", "--on", "2027-01-11")
    out = sync(Store(desk))
    assert "Went out to origin/main: 3 h logged." in out.lines
    out = sync(Store(laptop))  # pulls the desk's log: the driver merges state.json
    assert "Came in from origin/main: 3 h logged." in out.lines
    assert "Went out to origin/main: done statistics; 2 h logged." in out.lines
    out = sync(Store(desk))
    assert "Came in from origin/main: done statistics; 2 h logged." in out.lines
    assert events(desk) == events(laptop)
    led = sm.fold_state(Store(desk).read())
    assert set(led.done) == {"python-libraries", "statistics"}
    assert led.logged_total == 5  # 3 h + 2 h, each once
    # the commit message lists the new events
    log = git(laptop, "log", "--format=%B", "-n", "3").stdout
    assert "mlpath: done statistics; 2 h logged" in log
    assert "- done statistics (on 2027-01-10)" in log
    # a sync with nothing new changes nothing
    head = git(desk, "rev-parse", "HEAD").stdout
    out = sync(Store(desk))
    assert "Came in from origin/main: nothing new." in out.lines
    assert git(desk, "rev-parse", "HEAD").stdout == head
    assert git(desk, "status", "--porcelain").stdout == ""


def test_a_plain_git_pull_conflict_then_mlpath_merge(remote: Path, tmp_path: Path) -> None:
    desk = clone(remote, tmp_path / "desk")
    mlpath(desk, "plan", "-r", "practical", "--hours", "15", "--start", "2027-01-04")
    git(desk, "add", "state.json")
    git(desk, "commit", "-q", "-m", "plan")
    git(desk, "push", "-q", "-u", "origin", "main")
    laptop = clone(remote, tmp_path / "laptop")
    mlpath(laptop, "log", "2", "--on", "2027-01-10")
    git(laptop, "commit", "-q", "-am", "laptop")
    git(laptop, "push", "-q")
    mlpath(desk, "log", "3", "--on", "2027-01-11")
    git(desk, "commit", "-q", "-am", "desk")
    pulled = subprocess.run(
        ["git", "pull", "--no-rebase", "-q"], cwd=desk, capture_output=True, text=True
    )
    assert pulled.returncode != 0  # a conflict in state.json, without mlpath's driver
    assert "<<<<<<<" in (desk / "state.json").read_text()
    result = merge_copies(Store(desk))
    assert result.lines[0].endswith(": 2 h logged.")
    assert sm.fold_state(Store(desk).read()).logged_total == 5
    git(desk, "add", "state.json")
    git(desk, "commit", "-q", "--no-edit")


def test_no_identity_no_repository_no_git(
    remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "plain"
    mlpath(home, "plan", "-r", "practical", "--start", "2027-01-04")
    with pytest.raises(MlpathError) as err:
        sync(Store(home))
    assert err.value.message == f"{home} is not in a git repository."
    assert f"`git init {home}`" in str(err.value.hint)
    assert f"`git -C {home} remote add origin URL`" in str(err.value.hint)
    desk = clone(remote, tmp_path / "desk")
    mlpath(desk, "plan", "-r", "practical", "--start", "2027-01-04")
    for k in IDENTITY:
        monkeypatch.delenv(k)
    with pytest.raises(MlpathError) as err:
        sync(Store(desk))
    assert err.value.message.startswith("git has no user identity here")
    # nothing was committed under a made-up identity
    assert subprocess.run(["git", "rev-parse", "HEAD"], cwd=desk, capture_output=True).returncode
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(MlpathError) as err:
        sync(Store(desk))
    assert err.value.message == "mlpath sync needs git, which is not installed."


def test_a_repository_without_a_remote_commits_only(tmp_path: Path) -> None:
    home = tmp_path / "home"
    subprocess.run(["git", "init", "-q", "-b", "main", str(home)], check=True)
    mlpath(home, "plan", "-r", "practical", "--start", "2027-01-04")
    out = sync(Store(home))
    assert out.lines[-1] == "No remote to pull from or push to: committed here only."
    assert "state.json" in git(home, "ls-files").stdout


def test_sync_concludes_a_git_pull_that_mlpath_merge_repaired(remote: Path, tmp_path: Path) -> None:
    # docs/machines.md: a plain `git pull` that left conflict markers is repaired by
    # `mlpath merge`; the sync after it must finish that merge, not fail on git's
    # "cannot do a partial commit during a merge"
    desk = clone(remote, tmp_path / "desk")
    mlpath(desk, "plan", "-r", "practical", "--hours", "15", "--start", "2027-01-04")
    sync(Store(desk))
    laptop = clone(remote, tmp_path / "laptop")  # a clone without mlpath's driver
    mlpath(laptop, "log", "2", "--on", "2027-01-10")
    git(laptop, "commit", "-q", "-am", "laptop")
    mlpath(desk, "log", "3", "--on", "2027-01-11")
    sync(Store(desk))
    pulled = subprocess.run(
        ["git", "pull", "--no-rebase", "-q"], cwd=laptop, capture_output=True, text=True
    )
    assert pulled.returncode != 0
    merge_copies(Store(laptop))
    out = sync(Store(laptop))
    assert out.view["pushed"] is True
    assert git(laptop, "status", "--porcelain").stdout == ""
    parents = git(laptop, "rev-list", "--parents", "-n", "1", "HEAD").stdout.split()
    assert len(parents) == 3  # the pull's merge, concluded
    sync(Store(desk))
    assert events(desk) == events(laptop)
    assert sm.fold_state(Store(desk).read()).logged_total == 5


def test_sync_stops_on_a_git_merge_with_other_conflicts(remote: Path, tmp_path: Path) -> None:
    desk = clone(remote, tmp_path / "desk")
    mlpath(desk, "plan", "-r", "practical", "--hours", "15", "--start", "2027-01-04")
    (desk / "notes.txt").write_text("desk\n")
    git(desk, "add", "notes.txt")
    git(desk, "commit", "-q", "-m", "notes")
    sync(Store(desk))
    laptop = clone(remote, tmp_path / "laptop")
    (laptop / "notes.txt").write_text("laptop\n")
    git(laptop, "commit", "-q", "-am", "laptop")
    (desk / "notes.txt").write_text("desk again\n")
    git(desk, "commit", "-q", "-am", "desk")
    git(desk, "push", "-q")
    pulled = subprocess.run(
        ["git", "pull", "--no-rebase", "-q"], cwd=laptop, capture_output=True, text=True
    )
    assert pulled.returncode != 0
    head = git(laptop, "rev-parse", "HEAD").stdout
    with pytest.raises(MlpathError) as err:
        sync(Store(laptop))
    assert "notes.txt" in err.value.message
    assert "partial commit" not in err.value.message
    assert git(laptop, "rev-parse", "HEAD").stdout == head
    assert "UU notes.txt" in git(laptop, "status", "--porcelain").stdout
