"""Every failure path tells the truth (issue 23): `merged` as a file, a full disk
in a git-conflict merge, a copy too large or with a plan that cannot be laid, a
folder named like a copy, a closed stdin, Ctrl-C at any moment, and plan data
(roadmap hash and path) that would become a path.

Real states made with the CLI in tmp folders; real subprocesses where the
process itself is the subject (closed stdin, Ctrl-C).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import mlpath.store.state as storage
from clirun import Cli
from gitenv import write_git_conflict

TODAY = "2027-01-12"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", TODAY)


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MLPATH_HOME": str(home), "MLPATH_TODAY": TODAY}
    return subprocess.run(
        [sys.executable, "-m", "mlpath", *args], env=env, capture_output=True, text=True
    )


def ok(home: Path, *args: str) -> None:
    result = run(home, *args)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path]:
    """A desk and a laptop sharing a plan (practical, 15 h/week from 2027-01-04), then
    each logging on its own."""
    desk, laptop = tmp_path / "desk", tmp_path / "laptop"
    ok(desk, "plan", "-r", "practical", "--hours", "15", "--start", "2027-01-04")
    shutil.copytree(desk, laptop)
    ok(laptop, "log", "2", "--on", "2027-01-10")
    ok(desk, "log", "3", "--on", "2027-01-11")
    return desk, laptop


def snapshot(home: Path) -> dict[str, bytes | None]:
    return {
        p.relative_to(home).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(home.rglob("*"))
    }


# --- merge ---------------------------------------------------------------------------------


def test_merged_as_a_file_is_refused_before_anything_changes(two: tuple[Path, Path]) -> None:
    """Issue 23, case 8: it used to crash after changing state.json, saying "Nothing was
    changed"."""
    desk, laptop = two
    shutil.copy(laptop / "state.json", desk / "state-LAPTOP.json")
    (desk / "merged").write_text("my own file called merged\n")
    before = snapshot(desk)
    result = run(desk, "merge")
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {desk / 'merged'} is a file, not a folder, so mlpath cannot keep merged "
        f"copies there; nothing was changed. Move it aside (`mv {desk / 'merged'} "
        f"{desk / 'merged'}.old`), then run the command again.\n"
    )
    assert snapshot(desk) == before
    (desk / "merged").rename(desk / "merged.old")
    ok(desk, "merge")
    assert (desk / "merged" / "state-LAPTOP.json").is_file()


def test_merged_as_a_link_is_refused_and_nothing_goes_through_it(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    desk, laptop = two
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (desk / "merged").symlink_to(elsewhere)
    shutil.copy(laptop / "state.json", desk / "state-LAPTOP.json")
    before = snapshot(desk)
    result = run(desk, "merge")
    assert result.returncode == 1
    assert "is a symbolic link, not a folder" in result.stderr
    assert snapshot(desk) == before
    assert list(elsewhere.iterdir()) == []


def test_a_git_conflict_merge_on_a_full_disk_says_so(
    two: tuple[Path, Path], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 23, case 9: it printed "internal error (OSError)"."""
    desk, laptop = two
    text = write_git_conflict(desk, laptop)
    monkeypatch.setenv("MLPATH_HOME", str(desk))

    def full(fd: int, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_write", full)
    result = cli("merge")
    assert result.exit_code == 1
    kept = result.stderr.split("Could not save ", 1)[1].split(":", 1)[0]
    assert result.stderr == (
        f"Error: Could not save {kept}: the disk is full; nothing was changed. Free some "
        "space, then run the command again.\n"
    )
    assert (desk / "state.json").read_text() == text  # truly unchanged
    assert list((desk / "merged").iterdir()) == []  # no temp file left either
    monkeypatch.undo()
    monkeypatch.setenv("MLPATH_HOME", str(desk))
    monkeypatch.setenv("MLPATH_TODAY", TODAY)
    assert cli("merge").exit_code == 0


def test_a_copy_over_64_mb_is_refused(two: tuple[Path, Path]) -> None:
    desk, _ = two
    big = desk.parent / "big.json"
    with big.open("wb") as fh:  # sparse: 65 MB that take no room
        fh.truncate(65 * 1024 * 1024)
    before = snapshot(desk)
    result = run(desk, "merge", str(big))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: Cannot merge {big}: {big} is 65 MB, far larger")
    assert result.stderr.count("\n") == 1
    assert snapshot(desk) == before


def _unlayable(home: Path) -> None:
    """A replan with a break until 2999, as another machine's file may carry it
    (`mlpath replan` itself refuses such a plan)."""
    state = json.loads((home / "state.json").read_text())
    plan = dict(state["events"][0]["plan"], breaks=[["2027-01-20", "2999-12-31"]])
    plan["from"] = TODAY
    state["events"].append(
        {
            "seq": len(state["events"]) + 1,
            "id": "00000000000000aa",
            "at": "2027-01-12T10:00:00.000000Z",
            "type": "replan",
            "plan": plan,
        }
    )
    (home / "state.json").write_text(json.dumps(state))


def test_a_copy_whose_plan_cannot_be_laid_is_refused_by_name(two: tuple[Path, Path]) -> None:
    """Issue 23, case 7: merge used to accept it; then next and status exited 2."""
    desk, laptop = two
    _unlayable(laptop)
    name = "state (Laptop's conflicted copy 2027-01-10).json"
    shutil.copy(laptop / "state.json", desk / name)
    before = snapshot(desk)
    result = run(desk, "merge")
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"Error: Cannot merge Laptop's copy ({name}): its plan cannot be laid (This plan "
        "would take more than 60 years"
    )
    assert "Traceback" not in result.stderr
    assert snapshot(desk) == before
    ok(desk, "next")


def test_a_folder_named_like_a_copy_is_skipped_and_real_copies_merge(
    two: tuple[Path, Path],
) -> None:
    desk, laptop = two
    (desk / "state-OLDBOX.json").mkdir()
    shutil.copy(laptop / "state.json", desk / "state-LAPTOP.json")
    result = run(desk, "merge")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "Skipped state-OLDBOX.json: it is named like a conflict copy but is a folder.",
        "From LAPTOP's copy (state-LAPTOP.json): 2 h logged.",
    ]
    assert (desk / "state-OLDBOX.json").is_dir()  # left where it is
    assert (desk / "merged" / "state-LAPTOP.json").is_file()


# --- closed stdin, Ctrl-C ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "start"),
    [
        ("assess", "Error: Standard input is closed (or /dev/null), so there is no one"),
        ("ui", "Error: `mlpath ui` needs a terminal"),
    ],
)
def test_a_closed_stdin_is_one_sentence_and_exit_2(
    isolated: Path, command: str, start: str
) -> None:
    """Issue 23, case 10: `mlpath assess <&-` (cron, systemd) raised AttributeError."""
    result = subprocess.run(
        ["sh", "-c", f'exec "$0" -m mlpath {command} <&-', sys.executable],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(start)
    assert result.stderr.count("\n") == 1
    assert "Error" not in result.stdout and "Traceback" not in result.stderr


INTERRUPT_AT = """
import builtins, runpy, sys
real = builtins.__import__
target = sys.argv.pop(1)

def interrupting(name, *args, **kwargs):
    if name == target:
        raise KeyboardInterrupt
    return real(name, *args, **kwargs)

builtins.__import__ = interrupting
sys.argv[0] = "mlpath"
runpy.run_module("mlpath", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize(
    ("module", "args"),
    [
        ("mlpath.cli.fastpath", ["next"]),
        ("mlpath.app.session", ["next"]),
        ("mlpath.cli.main", ["plan", "--bogus"]),  # the fast path hands it to Typer
        ("mlpath.cli.helptext", ["plan", "--help"]),
        ("typer", ["config", "--help"]),
        (
            "yaml",
            [
                "roadmaps",
                "validate",
                str(Path(__file__).parent.parent / "data" / "roadmaps" / "practical.yaml"),
            ],
        ),
    ],
)
def test_ctrl_c_during_start_up_imports_is_one_line_and_130(
    isolated: Path, module: str, args: list[str]
) -> None:
    """Ctrl-C arriving while `module` is being imported (deterministic: the import
    itself raises KeyboardInterrupt, as the signal would)."""
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPT_AT, module, *args],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "MLPATH_TODAY": TODAY,
            "MLPATH_NO_FASTPATH": "1" if module == "typer" else "",
        },
    )
    assert result.returncode == 130, result.stderr
    assert result.stderr == "Interrupted.\n"


@pytest.mark.slow  # real signals against a loaded machine's start-up: seconds each
def test_ctrl_c_at_any_moment_never_shows_a_traceback(isolated: Path) -> None:
    """A real SIGINT at several moments of a command that ends up waiting on the lock:
    each run exits 130 with one line. A signal that lands before Python itself is up
    (its `site` or `runpy` import, before any mlpath code runs) is the interpreter's: it
    dies of the signal or says so in its own words; that case is told apart, not hidden."""
    ok(isolated, "plan", "-r", "practical", "--start", "2027-01-04")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time\nfrom mlpath.store.state import store_for\n"
            "with store_for().transaction():\n    print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        outcomes = set()
        for delay in (0.05, 0.2, 0.5, 1.5):
            proc = subprocess.Popen(
                [sys.executable, "-m", "mlpath", "log", "1"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            time.sleep(delay)  # when the signal lands, not how long anything takes
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
            if err.startswith(("Fatal Python error:", "Could not import runpy")) and (
                "mlpath" not in err.split("Current thread", 1)[0]
            ):
                continue  # Python's own start-up (site, runpy): no mlpath code had run yet
            assert (proc.returncode, err) in ((130, "Interrupted.\n"), (-signal.SIGINT, ""))
            outcomes.add(proc.returncode)
        assert 130 in outcomes  # the later ones land inside mlpath, waiting on the lock
    finally:
        holder.kill()
        holder.wait()
    assert len(json.loads((isolated / "state.json").read_text())["events"]) == 1


# --- plan data that becomes a path ---------------------------------------------------------


def _set_plan(home: Path, **fields: Any) -> str:
    """Write `fields` into the plan event, as a merged copy could bring them; its id."""
    state = json.loads((home / "state.json").read_text())
    state["events"][0]["plan"].update(fields)
    (home / "state.json").write_text(json.dumps(state))
    return str(state["events"][0]["id"])


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"roadmap_hash": "a" * 300}, "is not a roadmap hash (16 lowercase hex digits)"),
        ({"roadmap_hash": "/etc/passwd"}, "is not a roadmap hash"),
        # the rest (real processes, seconds each) with the slow tests: one per check here
        *(
            pytest.param(fields, says, marks=pytest.mark.slow)
            for fields, says in (
                ({"roadmap_hash": "ABCDEF0123456789"}, "is not a roadmap hash"),
                ({"roadmap_path": "/dev/zero"}, "a system file, not a roadmap"),
                ({"roadmap_path": "LINK"}, "a system file, not a roadmap"),
            )
        ),
        ({"roadmap_path": "/proc/self/environ"}, "a system file, not a roadmap"),
        ({"roadmap_path": "FIFO"}, "it is not a regular file"),
        ({"roadmap_path": "BIG"}, "it is larger than 4 MB"),
    ],
)
def test_hostile_plan_paths_are_refused_and_doctor_drops_them(
    isolated: Path, tmp_path: Path, fields: dict[str, str], says: str
) -> None:
    ok(isolated, "plan", "-r", "practical", "--start", "2027-01-04")
    ok(isolated, "replan", "--hours", "12")
    special = {
        "FIFO": lambda p: os.mkfifo(p),
        "LINK": lambda p: os.symlink("/proc/self/environ", p),
        "BIG": lambda p: open(p, "wb").truncate(5 * 1024 * 1024),  # noqa: SIM115
    }
    for key, value in list(fields.items()):
        if value in special:
            path = tmp_path / f"roadmap-{value.lower()}.yaml"
            special[value](path)
            fields[key] = str(path)
    # the hostile value arrives in the latest replan (as a merge would bring it)
    state = json.loads((isolated / "state.json").read_text())
    state["events"][-1]["plan"].update(fields)
    bad = state["events"][-1]["id"]
    (isolated / "state.json").write_text(json.dumps(state))
    for command in ("next", "status"):
        result = run(isolated, command)
        assert result.returncode == 1, result.stderr
        assert says in result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert result.stderr.count("\n") == 1
    doctor = run(isolated, "doctor", "--json")
    assert doctor.returncode == 1
    check = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}["roadmap"]
    assert check["status"] == "problem"
    assert says in check["message"] and f"(brought by event {bad})" in check["message"]
    assert check["fix"].startswith(f"`mlpath doctor --drop {bad}`")
    dropped = run(isolated, "doctor", "--drop", bad)
    assert dropped.returncode == 0, dropped.stderr
    assert dropped.stdout.startswith(f"Dropped event {bad} (replan")
    ok(isolated, "next")  # the plan before it is back
    assert run(isolated, "doctor").returncode == 0
    events = json.loads((isolated / "state.json").read_text())["events"]
    assert events[-1]["type"] == "drop" and events[-1]["drops"] == bad


def test_doctor_drop_refuses_what_is_not_there(isolated: Path) -> None:
    ok(isolated, "plan", "-r", "practical", "--start", "2027-01-04")
    before = (isolated / "state.json").read_bytes()
    result = run(isolated, "doctor", "--drop", "0123456789abcdef")
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"Error: There is no event '0123456789abcdef' in {isolated / 'state.json'}."
    )
    assert (isolated / "state.json").read_bytes() == before


def test_doctor_drop_refuses_an_undo_rather_than_saying_it_is_gone(isolated: Path) -> None:
    """Dropping the undo of `log 2` read "as if it never happened" yet the 2 h stayed
    undone (and the next `undo` went past them to `log 1`): an undo (or a drop) removes
    a change and cannot itself be dropped; nothing is recorded."""
    ok(isolated, "plan", "-r", "practical", "--start", "2027-01-04")
    ok(isolated, "log", "1")
    ok(isolated, "log", "2")
    ok(isolated, "undo")
    events = json.loads((isolated / "state.json").read_text())["events"]
    undo = events[-1]
    assert undo["type"] == "undone"
    before = (isolated / "state.json").read_bytes()
    result = run(isolated, "doctor", "--drop", undo["id"])
    assert result.returncode == 2
    assert f"Event {undo['id']} is an undo" in result.stderr
    assert (isolated / "state.json").read_bytes() == before


def test_a_drop_says_its_way_back_and_that_way_works(isolated: Path) -> None:
    # `undo` passes over a drop (it reverted the change before it instead) and the drop
    # said only "as if it never happened": the backup made before it is the way back
    ok(isolated, "plan", "-r", "practical", "--start", "2027-01-04")
    ok(isolated, "log", "1")
    ok(isolated, "log", "2")
    before = json.loads((isolated / "state.json").read_text())["events"]
    dropped = run(isolated, "doctor", "--drop", before[-1]["id"])
    assert dropped.returncode == 0 and "doctor --restore" in " ".join(dropped.stdout.split())
    ok(isolated, "doctor", "--restore", "--yes")
    assert json.loads((isolated / "state.json").read_text())["events"] == before


def test_doctor_names_an_unlayable_plan_with_undo_and_drop(isolated: Path) -> None:
    ok(isolated, "plan", "-r", "practical", "--start", "2027-01-04")
    _unlayable(isolated)
    doctor = run(isolated, "doctor", "--json")
    assert doctor.returncode == 1
    check = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}["plan"]
    assert check["message"].startswith(
        "The plan cannot be laid (brought by event 00000000000000aa): This plan would take"
    )
    assert check["fix"].startswith("`mlpath undo` if it was your last change; else `mlpath doctor")
    ok(isolated, "undo")
    assert run(isolated, "doctor").returncode == 0


def test_one_stray_conflict_marker_is_damage_not_a_git_conflict(isolated: Path) -> None:
    """A damaged file that happens to hold `<<<<<<< ` is not sent to `mlpath merge`:
    it gets the damaged-file message with its backup (found by the hostile-state suite)."""
    ok(isolated, "plan", "-r", "practical", "--start", "2027-01-04")
    ok(isolated, "log", "1")
    raw = (isolated / "state.json").read_bytes()
    (isolated / "state.json").write_bytes(b"<<<<<<< " + raw)
    result = run(isolated, "next")
    assert result.returncode == 1
    assert "is not valid JSON" in result.stderr and "state.json.bak" in result.stderr
    assert "git merge conflict" not in result.stderr
