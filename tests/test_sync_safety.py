"""`mlpath sync` against a hostile or odd other machine, with real git.

A bare remote and clones, each a machine; the "other machine" is a clone where
the test commits by hand what a careless or hostile machine could push. Every
refusal must leave this machine as it was: the same HEAD, the same state.json,
a clean `git status`.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gitenv import isolate_git
from mlpath.app.sync import sync
from mlpath.core import ledger as sm
from mlpath.errors import MlpathError
from mlpath.store.state import Store

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

TODAY = "2027-01-12"


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate_git(monkeypatch, tmp_path, TODAY)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def mlpath(home: Path, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MLPATH_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "mlpath", *args], env=env, capture_output=True, text=True
    )
    assert result.returncode == code, result.stderr
    return result


def make_remote(tmp_path: Path, branch: str = "main") -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", branch, str(bare)], check=True)
    return bare


def clone(remote: Path, where: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(remote), str(where)], check=True, capture_output=True)
    return where


def picture(home: Path) -> tuple[str, bytes, str]:
    """What must not change when sync refuses: HEAD, state.json, the work tree."""
    return (
        git(home, "rev-parse", "HEAD"),
        (home / "state.json").read_bytes(),
        git(home, "status", "--porcelain", "--ignored"),
    )


@pytest.fixture
def machines(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(remote, desk, laptop): the desk planned and synced; the laptop cloned it."""
    remote = make_remote(tmp_path)
    desk = clone(remote, tmp_path / "desk")
    mlpath(desk, "plan", "-r", "practical", "--hours", "15", "--start", "2027-01-04")
    sync(Store(desk))
    laptop = clone(remote, tmp_path / "laptop")
    mlpath(laptop, "log", "1", "--on", "2027-01-10")
    sync(Store(laptop))
    mlpath(desk, "log", "2", "--on", "2027-01-11")
    git(desk, "commit", "-q", "-am", "mlpath: 2 h logged")  # so a refusal must change nothing
    return remote, desk, laptop


def push_from(laptop: Path, message: str, *paths: str) -> str:
    git(laptop, "add", "-f", "--", *(paths or ("state.json",)))
    git(laptop, "commit", "-q", "-m", message)
    git(laptop, "push", "-q")
    return git(laptop, "rev-parse", "HEAD")


def refused(desk: Path) -> MlpathError:
    before = picture(desk)
    with pytest.raises(MlpathError) as err:
        sync(Store(desk))
    assert picture(desk) == before
    assert not (desk / ".git" / "MERGE_HEAD").exists()
    return err.value


@pytest.mark.parametrize(
    "name",
    ["state.json.lock", "state.json.bak", ".state.json.1.abcdef01.tmp", "merged/x.json", "a.lock"],
)
def test_an_upstream_bringing_a_local_file_is_refused(
    machines: tuple[Path, Path, Path], name: str
) -> None:
    _remote, desk, laptop = machines
    (laptop / name).parent.mkdir(exist_ok=True)
    (laptop / name).write_text("12345\n")
    sha = push_from(laptop, "sneak a local file in", name)
    err = refused(desk)
    assert err.message == (
        f"The incoming commit {sha[:12]} adds {name}, a file mlpath keeps on this machine "
        "only, so mlpath did not merge it."
    )
    assert not (desk / name).exists() or (desk / name).read_text() != "12345\n"


def test_an_upstream_adding_a_symlink_is_refused(
    machines: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _remote, desk, laptop = machines
    (laptop / "roadmaps").mkdir(exist_ok=True)
    (laptop / "roadmaps" / "x.yaml").symlink_to("/etc/passwd")
    sha = push_from(laptop, "a link", "roadmaps/x.yaml")
    err = refused(desk)
    assert err.message == (
        f"The incoming commit {sha[:12]} adds a symbolic link (roadmaps/x.yaml), so mlpath "
        "did not merge it."
    )


def test_an_upstream_overriding_the_merge_attribute_is_refused(
    machines: tuple[Path, Path, Path],
) -> None:
    """Issue 23, case 2: a later `state.json merge=union` wins in git's rules."""
    _remote, desk, laptop = machines
    with (laptop / ".gitattributes").open("a") as fh:
        fh.write("state.json merge=union\n")
    sha = push_from(laptop, "union", ".gitattributes")
    err = refused(desk)
    assert err.message == (
        f"The incoming commit {sha[:12]} changes .gitattributes, which could switch off "
        "mlpath's merge driver, so mlpath did not merge it."
    )
    assert f"`git show {sha[:12]}`" in str(err.hint)


def test_a_local_override_of_the_attribute_stops_sync_and_doctor_names_it(
    machines: tuple[Path, Path, Path],
) -> None:
    _remote, desk, _laptop = machines
    info = desk / ".git" / "info"
    info.mkdir(exist_ok=True)
    (info / "attributes").write_text("state.json merge=union\n")
    head = git(desk, "rev-parse", "HEAD")
    with pytest.raises(MlpathError) as err:
        sync(Store(desk))
    assert err.value.message.startswith("git would merge state.json with `merge=union`")
    assert git(desk, "rev-parse", "HEAD") == head
    result = mlpath(desk, "doctor", "--json", code=1)
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["merge driver"]["status"] == "problem"
    assert "`git check-attr -a state.json`" in checks["merge driver"]["fix"]
    (info / "attributes").unlink()
    assert sync(Store(desk)).view["pushed"] is True


def _unlayable(laptop: Path) -> None:
    """A replan with a break until 2999 (the CLI refuses it; another machine's file may not)."""
    state = json.loads((laptop / "state.json").read_text())
    plan = dict(state["events"][0]["plan"], breaks=[["2027-01-20", "2999-12-31"]])
    plan["from"] = TODAY
    seq = len(state["events"]) + 1
    state["events"].append(
        {
            "seq": seq,
            "id": "00000000000000aa",
            "at": "2027-01-12T10:00:00.000000Z",
            "type": "replan",
            "plan": plan,
        }
    )
    (laptop / "state.json").write_text(json.dumps(state))


def test_a_merge_whose_plan_cannot_be_laid_is_undone(machines: tuple[Path, Path, Path]) -> None:
    _remote, desk, laptop = machines
    _unlayable(laptop)
    push_from(laptop, "a plan of a thousand years")
    before = picture(desk)
    with pytest.raises(MlpathError) as err:
        sync(Store(desk))
    assert err.value.message.startswith("The merge with origin/main gives a state mlpath cannot")
    assert "60 years" in err.value.message
    assert picture(desk) == before  # HEAD and the work tree as they were
    assert not (desk / ".git" / "MERGE_HEAD").exists()
    mlpath(desk, "next")  # every command still works here


def test_a_newer_mlpaths_state_says_why_it_was_not_merged(
    machines: tuple[Path, Path, Path],
) -> None:
    """The laptop's state.json was written by a newer mlpath (state version 4): the
    merge driver refuses it, and sync says the driver's reason (upgrade) rather than
    git's first line ("Auto-merging state.json")."""
    _remote, desk, laptop = machines
    path = laptop / "state.json"
    path.write_text(path.read_text().replace('"version": 3', '"version": 4', 1))
    push_from(laptop, "a newer mlpath's state")
    err = refused(desk)
    assert err.message.startswith("origin/main's state.json could not be merged:")
    assert "newer mlpath (state version 4" in err.message
    assert "Auto-merging" not in err.message


def test_a_fast_forward_to_an_unlayable_plan_is_undone(
    machines: tuple[Path, Path, Path],
) -> None:
    _remote, desk, laptop = machines
    sync(Store(desk))
    sync(Store(laptop))
    head = git(laptop, "rev-parse", "HEAD")
    # the desk is now behind the remote only
    _unlayable(desk)  # committed by hand: the desk's own sync would refuse to lay it
    git(desk, "commit", "-q", "-am", "a plan of a thousand years")
    git(desk, "push", "-q")
    with pytest.raises(MlpathError) as err:
        sync(Store(laptop))
    assert err.value.message.startswith("The incoming state cannot be used")
    assert git(laptop, "rev-parse", "HEAD") == head
    mlpath(laptop, "next")


def test_a_local_master_tracking_origin_main_pushes_to_main(tmp_path: Path) -> None:
    """Issue 23, case 5: sync said "origin/main" but pushed to origin/master."""
    remote = make_remote(tmp_path)
    desk = clone(remote, tmp_path / "desk")
    mlpath(desk, "plan", "-r", "practical", "--start", "2027-01-04")
    sync(Store(desk))
    laptop = clone(remote, tmp_path / "laptop")
    git(laptop, "branch", "-q", "-m", "main", "master")  # still tracks origin/main
    assert git(laptop, "config", "branch.master.merge") == "refs/heads/main"
    mlpath(laptop, "log", "2", "--on", "2027-01-10")
    out = sync(Store(laptop))
    assert "Went out to origin/main: 2 h logged." in out.lines
    heads = git(remote, "for-each-ref", "--format=%(refname)", "refs/heads/")
    assert heads.split() == ["refs/heads/main"]  # no second branch
    assert sync(Store(desk)).lines[-2] == "Came in from origin/main: 2 h logged."


def test_no_upstream_takes_the_remotes_default_branch(tmp_path: Path) -> None:
    remote = make_remote(tmp_path)
    desk = tmp_path / "desk"
    subprocess.run(["git", "init", "-q", "-b", "main", str(desk)], check=True)
    git(desk, "remote", "add", "origin", str(remote))
    mlpath(desk, "plan", "-r", "practical", "--start", "2027-01-04")
    first = sync(Store(desk))
    assert first.lines[-3] == (
        "origin was empty: pushed main there and set it as this branch's upstream."
    )
    assert git(desk, "config", "branch.main.merge") == "refs/heads/main"
    # a second machine on a branch of another name, with no upstream
    laptop = tmp_path / "laptop"
    subprocess.run(["git", "init", "-q", "-b", "trunk", str(laptop)], check=True)
    git(laptop, "remote", "add", "origin", str(remote))
    out = sync(Store(laptop))
    assert (
        "trunk had no upstream: it now tracks origin/main, the remote's default branch."
        in out.lines
    )
    assert git(laptop, "config", "branch.trunk.merge") == "refs/heads/main"
    mlpath(laptop, "log", "1", "--on", "2027-01-10")
    sync(Store(laptop))
    heads = git(remote, "for-each-ref", "--format=%(refname)", "refs/heads/")
    assert heads.split() == ["refs/heads/main"]  # never a second branch
    assert sm.fold_state(Store(laptop).read()).logged_total == 1


def test_a_push_that_loses_the_race_says_so(machines: tuple[Path, Path, Path]) -> None:
    _remote, desk, laptop = machines
    sync(Store(desk))
    sync(Store(laptop))
    mlpath(laptop, "log", "1", "--on", "2027-01-12")
    # the desk pushes between the laptop's fetch and its push: a pre-push hook
    hook = laptop / ".git" / "hooks" / "pre-push"
    mlpath(desk, "log", "3", "--on", "2027-01-12")
    env = f"MLPATH_HOME={desk} MLPATH_TODAY={TODAY}"
    hook.write_text(
        "#!/bin/sh\n"
        f'[ -e "{hook}.ran" ] && exit 0\n'
        f'touch "{hook}.ran"\n'
        f"{env} {sys.executable} -m mlpath sync >/dev/null 2>&1\n"
    )
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(MlpathError) as err:
        sync(Store(laptop))
    assert err.value.message == (
        "Your changes are committed here, but the push to origin/main was rejected: another "
        "machine pushed first; run `mlpath sync` again."
    )
    out = sync(Store(laptop))
    assert "Came in from origin/main: 3 h logged." in out.lines
    assert out.view["pushed"] is True


def events_of(home: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((home / "state.json").read_text())["events"]
    return data


def test_two_machines_with_their_own_plans_stop_then_adopt(tmp_path: Path) -> None:
    remote = make_remote(tmp_path)
    desk = clone(remote, tmp_path / "desk")
    mlpath(desk, "plan", "-r", "practical", "--start", "2027-01-04")
    sync(Store(desk))
    laptop = tmp_path / "laptop"
    subprocess.run(["git", "init", "-q", "-b", "main", str(laptop)], check=True)
    git(laptop, "remote", "add", "origin", str(remote))
    mlpath(laptop, "plan", "-r", "beginner", "--start", "2027-01-04")
    own = (laptop / "state.json").read_bytes()
    result = mlpath(laptop, "sync", code=1)
    assert result.stderr.startswith(
        "Error: This machine has its own plan, which shares no event with origin/main's:"
    )
    assert "`mlpath sync --adopt-remote`" in result.stderr
    assert "Traceback" not in result.stderr
    assert (laptop / "state.json").read_bytes() == own
    assert not (laptop / ".git" / "MERGE_HEAD").exists()
    result = mlpath(laptop, "sync", "--adopt-remote")
    assert "this machine's own is kept as" in result.stdout
    kept = list((laptop / "merged").glob("state.this-machine-*.json"))
    assert [k.read_bytes() for k in kept] == [own]
    assert events_of(laptop) == events_of(desk)
    assert git(laptop, "status", "--porcelain") == ""
    # from now on the two machines sync as one
    mlpath(laptop, "log", "1", "--on", "2027-01-10")
    sync(Store(laptop))
    assert "Came in from origin/main: 1 h logged." in sync(Store(desk)).lines


@pytest.mark.parametrize("prune", [False, True])
def test_an_upstream_gone_from_the_remote_is_not_made_again(
    machines: tuple[Path, Path, Path], prune: bool
) -> None:
    """The remote's main was renamed trunk: the desk's upstream (origin/main) is gone,
    and a push would make it again beside trunk, a second branch made silently."""
    remote, desk, _laptop = machines
    git(remote, "branch", "-m", "main", "trunk")
    git(remote, "symbolic-ref", "HEAD", "refs/heads/trunk")
    if prune:  # the stale origin/main gone too
        git(desk, "fetch", "-q", "--prune", "origin")
    with pytest.raises(MlpathError) as err:
        sync(Store(desk))
    assert "origin/main" in err.value.message
    assert "trunk" in err.value.message
    heads = git(remote, "for-each-ref", "--format=%(refname)", "refs/heads/")
    assert heads.split() == ["refs/heads/trunk"]
    # once the learner points the branch at trunk, sync works
    git(desk, "branch", "-q", "--set-upstream-to=origin/trunk")
    out = sync(Store(desk))
    assert "Went out to origin/trunk: 2 h logged." in out.lines
    assert git(remote, "for-each-ref", "--format=%(refname)", "refs/heads/").split() == [
        "refs/heads/trunk"
    ]


@pytest.mark.parametrize("desk_ahead", [False, True])
def test_an_upstream_deleting_the_state_is_refused(
    machines: tuple[Path, Path, Path], desk_ahead: bool
) -> None:
    """A careless machine's `git rm state.json` must not wipe this one's progress (a
    fast-forward took it silently: "Came in from origin/main: nothing new")."""
    _remote, desk, laptop = machines
    if not desk_ahead:
        sync(Store(desk))
        sync(Store(laptop))
    git(laptop, "rm", "-q", "state.json")
    git(laptop, "commit", "-q", "-m", "gone")
    git(laptop, "push", "-q")
    sha = git(laptop, "rev-parse", "HEAD")
    err = refused(desk)
    assert err.message == (
        f"The incoming commit {sha[:12]} deletes state.json, so mlpath did not merge it."
    )
    assert sm.fold_state(Store(desk).read()).logged_total == (2 if desk_ahead else 3)


def test_a_detached_head_is_refused_before_anything_is_committed(
    machines: tuple[Path, Path, Path],
) -> None:
    """sync committed the new events on the detached HEAD and only then refused; the
    `git switch main` it advised left that commit behind, and state.json on main
    lacked the progress. Now it stops first: the change stays in the work tree."""
    _remote, desk, _laptop = machines
    git(desk, "checkout", "-q", "--detach", "HEAD")
    mlpath(desk, "log", "1", "--on", "2027-01-12")
    before = picture(desk)
    with pytest.raises(MlpathError) as err:
        sync(Store(desk))
    assert "detached HEAD" in err.value.message
    assert picture(desk) == before  # nothing committed on the detached HEAD
    git(desk, "switch", "-q", "main")  # what the error advises
    assert sm.fold_state(Store(desk).read()).logged_total == 3  # 2 h + the new 1 h
    out = sync(Store(desk))
    assert "Went out to origin/main: 3 h logged." in out.lines


@pytest.mark.parametrize("name", ["state.json.lock", "merged/x.json"])
def test_a_local_file_taken_back_upstream_no_longer_stops_sync(
    machines: tuple[Path, Path, Path], name: str
) -> None:
    """The refusal says: undo the commit where it was made, then sync again. Once the
    upstream no longer brings the file, the commit that once added it is history, not
    something this merge takes in (it stopped every later sync)."""
    _remote, desk, laptop = machines
    (laptop / name).parent.mkdir(exist_ok=True)
    (laptop / name).write_text("12345\n")
    sha = push_from(laptop, "sneak a local file in", name)
    refused(desk)
    git(laptop, "revert", "--no-edit", sha)  # what the refusal advises
    git(laptop, "push", "-q")
    out = sync(Store(desk))
    assert "Came in from origin/main: 1 h logged." in out.lines  # the laptop's
    assert not (desk / name).exists()
    assert sm.fold_state(Store(desk).read()).logged_total == 3


def test_a_commit_message_shows_text_from_elsewhere_escaped(
    machines: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """The commit message lists the new events, some from a copy merged from elsewhere:
    `git log` prints it on a terminal, so an escape sequence or a bidi override in an
    item id is written escaped, as every mlpath screen shows it, never raw."""
    from mlpath.app.merge import merge_copies

    _remote, _desk, laptop = machines
    data = json.loads((laptop / "state.json").read_text())
    last = data["events"][-1]
    data["events"].append(
        {
            "seq": last["seq"] + 1,
            "id": "deadbeef-1",
            "at": "2030-01-01T00:00:00.000000Z",
            "type": "done",
            "item": "regression\x1b[2J\u202etxt",
            "on": "2027-01-12",
        }
    )
    stick = tmp_path / "stick.json"
    stick.write_text(json.dumps(data))
    merge_copies(Store(laptop), [stick])
    sync(Store(laptop))
    message = git(laptop, "log", "-1", "--format=%B")
    assert "\x1b" not in message and "\u202e" not in message
    assert "regression\\x1b[2J\\u202etxt" in message


@pytest.mark.parametrize("name", ["state.json.bak/x", "state.json.lock/x", "a.tmp/b/c.json"])
def test_an_upstream_bringing_a_folder_named_as_a_local_file_is_refused(
    machines: tuple[Path, Path, Path], name: str
) -> None:
    """A folder named state.json.bak (or any local file's name) came in: git put it in
    place of this machine's backup, and every change then failed to save."""
    _remote, desk, laptop = machines
    top = laptop / name.split("/")[0]
    if top.is_file():
        top.unlink()
    (laptop / name).parent.mkdir(parents=True)
    (laptop / name).write_text("12345\n")
    sha = push_from(laptop, "a folder named as a local file", name)
    err = refused(desk)
    assert err.message.startswith(f"The incoming commit {sha[:12]} adds {name}, a file mlpath")
    mlpath(desk, "log", "1", "--on", "2027-01-12")  # this machine still saves
