"""`mlpath merge`: two machines' progress, found beside state.json, merged into one.

Each test makes a real learner's state with the CLI, copies it as a second
machine would have it, lets both change it, and merges. Expected figures by
hand: the plan is practical at 15 h/week from 2027-01-04.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gitenv import write_git_conflict
from mlpath.app.merge import merge_copies, waiting
from mlpath.core import ledger as sm
from mlpath.core.merge import MergeError
from mlpath.errors import MlpathError, StateError
from mlpath.store import copies as cp
from mlpath.store.state import Store

TODAY = "2027-01-12"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", TODAY)


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "MLPATH_HOME": str(home), "MLPATH_TODAY": TODAY}
    result = subprocess.run(
        [sys.executable, "-m", "mlpath", *args], env=env, capture_output=True, text=True
    )
    assert "Traceback" not in result.stderr
    return result


def events(home: Path, name: str = "state.json") -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((home / name).read_text())["events"]
    return data


@pytest.fixture
def two_machines(tmp_path: Path) -> tuple[Path, Path]:
    """A desktop and a laptop that share a plan and one done item."""
    desk, laptop = tmp_path / "desk", tmp_path / "laptop"
    plan = ["plan", "-r", "practical", "--hours", "15", "--start", "2027-01-04"]
    assert run(desk, *plan).returncode == 0
    assert run(desk, "done", "python-libraries", "--on", "2027-01-06").returncode == 0
    shutil.copytree(desk, laptop)
    return desk, laptop


def _diverge(desk: Path, laptop: Path) -> None:
    assert run(laptop, "done", "statistics", "--on", "2027-01-10").returncode == 0
    assert run(laptop, "log", "2", "--on", "2027-01-10").returncode == 0
    assert run(desk, "log", "3", "--on", "2027-01-11").returncode == 0


def _logged(home: Path) -> tuple[set[str], str]:
    led = sm.fold_state(Store(home).read())
    return set(led.done), sm.fraction_text(led.logged_total)


def test_a_dropbox_conflict_copy_is_merged_and_kept_aside(two_machines: tuple[Path, Path]) -> None:
    desk, laptop = two_machines
    _diverge(desk, laptop)
    copy_name = "state (Laptop's conflicted copy 2027-01-10).json"
    shutil.copy(laptop / "state.json", desk / copy_name)
    assert waiting(desk) == "another copy of your progress is waiting: `mlpath merge`"
    before = (desk / "state.json").read_bytes()
    result = merge_copies(Store(desk))
    assert result.lines[0] == f"From Laptop's copy ({copy_name}): done statistics; 2 h logged."
    # both machines' progress, once: 2 h (laptop) + 3 h (desk)
    assert _logged(desk) == ({"python-libraries", "statistics"}, "5")
    assert (desk / "state.json.bak").read_bytes() == before
    assert not (desk / copy_name).exists()
    assert (desk / "merged" / copy_name).read_bytes() == (laptop / "state.json").read_bytes()
    assert waiting(desk) is None
    # every event is there once, numbered again
    assert [e["seq"] for e in events(desk)] == list(range(1, 6))
    # again: nothing more to merge, nothing changed
    after = (desk / "state.json").read_bytes()
    assert merge_copies(Store(desk)).lines[0].startswith("Nothing to merge")
    assert (desk / "state.json").read_bytes() == after


def test_a_syncthing_copy_and_an_explicit_file_from_elsewhere(
    two_machines: tuple[Path, Path], tmp_path: Path
) -> None:
    desk, laptop = two_machines
    _diverge(desk, laptop)
    name = "state.sync-conflict-20270110-101010-ABCDEFG.json"
    shutil.copy(laptop / "state.json", desk / name)
    result = merge_copies(Store(desk))
    assert result.lines[0] == (
        f"From the copy from device ABCDEFG ({name}): done statistics; 2 h logged."
    )
    # the laptop merges the desk's state given as a FILE: it stays where it is
    result = merge_copies(Store(laptop), [desk / "state.json"])
    assert result.lines[0] == f"From {desk / 'state.json'}: 3 h logged."
    assert (desk / "state.json").exists()
    # both machines now hold the same events in the same order
    assert events(desk) == events(laptop)


def test_merging_the_state_into_itself_changes_nothing(two_machines: tuple[Path, Path]) -> None:
    desk, _ = two_machines
    before = (desk / "state.json").read_bytes()
    result = merge_copies(Store(desk), [desk / "state.json"])
    assert result.lines[0].startswith("Nothing to merge")
    assert (desk / "state.json").read_bytes() == before
    # a copy identical to the state: merged, moved aside, the state unchanged
    shutil.copy(desk / "state.json", desk / "state-LAPTOP.json")
    result = merge_copies(Store(desk))
    assert result.lines[0] == "Nothing new: every event of those copies was already here."
    assert (desk / "state.json").read_bytes() == before
    assert (desk / "merged" / "state-LAPTOP.json").exists()


def test_bad_copies_are_refused_with_one_sentence(
    two_machines: tuple[Path, Path], tmp_path: Path
) -> None:
    desk, laptop = two_machines
    before = (desk / "state.json").read_bytes()
    bad = tmp_path / "bad.json"
    cases = {
        "not a state": b'{"hello": 1}',
        "damaged": b'{"format": "mlpath-state", "version": 2, "events": [',
        "newer": b'{"format": "mlpath-state", "version": 9, "events": []}',
    }
    for text in cases.values():
        bad.write_bytes(text)
        with pytest.raises(StateError) as err:
            merge_copies(Store(desk), [bad])
        assert err.value.message.startswith(f"Cannot merge {bad}: {bad}")
    with pytest.raises(MlpathError):
        merge_copies(Store(desk), [tmp_path / "missing.json"])
    # another learner's file: the same plan, made separately
    other = tmp_path / "other"
    assert run(other, "plan", "-r", "practical", "--start", "2027-01-04").returncode == 0
    with pytest.raises(MergeError) as err:
        merge_copies(Store(desk), [other / "state.json"])
    assert "shares no event with state.json" in err.value.message
    # one id, two contents (edited by hand)
    data = json.loads((laptop / "state.json").read_text())
    data["events"][1]["on"] = "2027-01-07"
    (laptop / "state.json").write_text(json.dumps(data))
    with pytest.raises(MergeError) as err:
        merge_copies(Store(desk), [laptop / "state.json"])
    assert f"differs between state.json and {laptop / 'state.json'}" in err.value.message
    assert (desk / "state.json").read_bytes() == before
    assert not (desk / "merged").exists()


def test_two_plans_made_apart_the_later_wins(two_machines: tuple[Path, Path]) -> None:
    desk, laptop = two_machines
    assert run(desk, "replan", "--hours", "10").returncode == 0
    assert run(laptop, "replan", "--hours", "20").returncode == 0  # later
    shutil.copy(laptop / "state.json", desk / "state-LAPTOP.json")
    result = merge_copies(Store(desk))
    assert result.lines[0] == "From LAPTOP's copy (state-LAPTOP.json): 1 replan."
    assert (
        "the later one wins (replan from 2027-01-12 at 20 h/week, from LAPTOP's copy"
        in (result.lines[1])
    )
    led = sm.fold_state(Store(desk).read())
    assert led.plan is not None and led.plan["hours_per_week"] == "20"
    assert [p["hours_per_week"] for p in led.history] == ["15", "10"]
    assert run(desk, "undo").returncode == 0
    led = sm.fold_state(Store(desk).read())
    assert led.plan is not None and led.plan["hours_per_week"] == "10"


def test_a_git_conflict_in_state_json_is_merged(
    two_machines: tuple[Path, Path], tmp_path: Path
) -> None:
    """Both sides of a plain `git pull` conflict (see test_sync for real git)."""
    desk, laptop = two_machines
    _diverge(desk, laptop)
    conflicted = write_git_conflict(desk, laptop)
    result = run(desk, "next")
    assert result.returncode == 1
    assert "holds a git merge conflict" in result.stderr and "`mlpath merge`" in result.stderr
    sides = cp.git_conflict_sides(conflicted.encode())
    assert sides is not None and sides[2] == "origin/main"
    merged = merge_copies(Store(desk))
    assert merged.lines[0] == (
        "From the other side of the git conflict (origin/main): done statistics; 2 h logged."
    )
    assert _logged(desk) == ({"python-libraries", "statistics"}, "5")
    kept = list((desk / "merged").glob("state.git-conflict-*.json"))
    assert len(kept) == 1 and kept[0].read_text() == conflicted
    assert run(desk, "next").returncode == 0


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("state.sync-conflict-20270110-101010-ABCDEFG.json", "the copy from device ABCDEFG"),
        ("state (Laptop's conflicted copy 2027-01-10).json", "Laptop's copy"),
        ("state (Laptop's conflicted copy 2027-01-10 (1)).json", "Laptop's copy"),
        ("state (conflicted copy 2027-01-10 101010).json", "the conflicted copy of 2027-01-10"),
        ("state_conflict-20270110-101010.json", "the conflicted copy of 2027-01-10"),
        ("state-DESKTOP-1A2B3C.json", "DESKTOP-1A2B3C's copy"),
        ("state.json", None),
        ("state.json.bak", None),
        ("state.json.sync-conflict-20270110-101010-ABCDEFG.bak", None),
        ("notes.json", None),
    ],
)
def test_conflict_copy_names(name: str, label: str | None) -> None:
    assert cp.copy_label(name) == label


def test_the_cli_notices_merges_and_doctor_recommends_merge(cli: Any, isolated: Path) -> None:
    assert cli("plan", "-r", "practical", "--hours", "15", "--start", "2027-01-04").exit_code == 0
    laptop = isolated.parent / "laptop"
    shutil.copytree(isolated, laptop)
    assert run(laptop, "log", "2", "--on", "2027-01-10").returncode == 0
    shutil.copy(laptop / "state.json", isolated / "state-LAPTOP.json")
    notice = "Note: another copy of your progress is waiting: `mlpath merge`.\n"
    for args in (["next"], ["status"], ["log", "1"]):
        result = cli(*args)
        assert result.exit_code == 0
        assert result.stderr == notice
    assert run(isolated, "next").stderr == notice  # the fast path too
    doctor = cli("doctor", "--json")
    copies = [c for c in json.loads(doctor.stdout)["checks"] if c["name"] == "copies"]
    assert copies[0]["status"] == "warning"
    assert copies[0]["fix"].startswith("`mlpath merge` folds them in")
    result = cli("merge")
    assert result.exit_code == 0 and result.stderr == ""
    assert "From LAPTOP's copy (state-LAPTOP.json): 2 h logged." in result.stdout.replace("\n", " ")
    assert cli("next").stderr == ""
    # both the desk's 1 h and the laptop's 2 h
    assert sm.fold_state(Store(isolated).read()).logged_total == 3


def test_the_cli_refuses_a_bad_file_in_one_sentence(
    cli: Any, isolated: Path, tmp_path: Path
) -> None:
    assert cli("plan", "-r", "practical", "--start", "2027-01-04").exit_code == 0
    before = (isolated / "state.json").read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    for route in ("in-process", "subprocess"):
        if route == "in-process":
            result = cli("merge", str(bad))
            code, err, out = result.exit_code, result.stderr, result.stdout
        else:
            proc = run(isolated, "merge", str(bad))
            code, err, out = proc.returncode, proc.stderr, proc.stdout
        assert code == 1 and out == ""
        assert err.startswith(f"Error: Cannot merge {bad}: {bad} is not valid JSON")
        assert err.count("\n") == 1 and "Traceback" not in err
    assert (isolated / "state.json").read_bytes() == before
    result = cli("merge", "--json", str(isolated / "state.json"))
    assert result.exit_code == 0 and json.loads(result.stdout)["merged"] == []


def test_a_plan_on_your_own_roadmap_works_on_the_other_machine(tmp_path: Path) -> None:
    """The plan keeps a copy of the user's roadmap beside the state, by content hash."""
    desk, laptop = tmp_path / "desk", tmp_path / "laptop"
    mine = tmp_path / "my-roadmaps" / "mine.yaml"
    mine.parent.mkdir()
    text = (Path(__file__).parent.parent / "data" / "roadmaps" / "practical.yaml").read_text()
    mine.write_text(text.replace("id: practical", "id: mine", 1))
    assert run(desk, "plan", "-r", str(mine), "--start", "2027-01-04").returncode == 0
    plan = events(desk)[0]["plan"]
    kept = desk / "roadmaps" / f"{plan['roadmap_hash']}.yaml"
    assert kept.read_bytes() == mine.read_bytes()
    shutil.copytree(desk, laptop)
    mine.unlink()  # the laptop never had the file
    result = run(laptop, "next")
    assert result.returncode == 0, result.stderr
    assert run(laptop, "done", "python-libraries").returncode == 0
    assert run(laptop, "replan", "--hours", "12").returncode == 0


def test_a_copy_from_a_usb_stick_brings_its_kept_roadmap(tmp_path: Path) -> None:
    """The laptop planned on its own roadmap file, which the desk never had; its home
    comes on a stick. `merge FILE` takes the roadmap the copy kept beside it
    (roadmaps/<hash>.yaml) into the desk's home, so the later plan lays here. Without
    that folder the merge is refused, changing nothing, and says what to bring."""
    desk, laptop, stick = tmp_path / "desk", tmp_path / "laptop", tmp_path / "stick"
    assert run(desk, "plan", "-r", "practical", "--start", "2027-01-04").returncode == 0
    shutil.copytree(desk, laptop)
    mine = tmp_path / "mine.yaml"
    text = (Path(__file__).parent.parent / "data" / "roadmaps" / "practical.yaml").read_text()
    mine.write_text(text.replace("id: practical", "id: mine", 1))
    assert run(laptop, "plan", "-r", str(mine), "--start", "2027-01-04", "--force").returncode == 0
    assert run(laptop, "done", "python-libraries").returncode == 0
    digest = events(laptop)[-2]["plan"]["roadmap_hash"]
    mine.unlink()  # only the laptop's home has it now, as roadmaps/<hash>.yaml
    stick.mkdir()
    shutil.copy(laptop / "state.json", stick / "state.json")
    before = (desk / "state.json").read_bytes()
    refused = run(desk, "merge", str(stick / "state.json"))
    assert refused.returncode == 1
    assert "bring that machine's roadmaps/ folder beside the copy" in refused.stderr
    assert (desk / "state.json").read_bytes() == before
    assert not (desk / "roadmaps").exists()

    shutil.copytree(laptop / "roadmaps", stick / "roadmaps")
    merged = run(desk, "merge", str(stick / "state.json"))
    assert merged.returncode == 0, merged.stderr
    kept = desk / "roadmaps" / f"{digest}.yaml"
    assert kept.read_bytes() == (laptop / "roadmaps" / f"{digest}.yaml").read_bytes()
    shown = json.loads(run(desk, "next", "--json").stdout)
    assert shown["roadmap"] == "mine"
    assert shown["items"]["done"] == 1  # the laptop's tick came in with the plan


def test_a_kept_roadmap_that_is_not_what_its_name_says_is_left(tmp_path: Path) -> None:
    """A file beside the copy named by a hash it does not have is data, not trusted: it
    is not brought in, and the merge that needs it is refused."""
    desk, stick = tmp_path / "desk", tmp_path / "stick"
    assert run(desk, "plan", "-r", "practical", "--start", "2027-01-04").returncode == 0
    shutil.copytree(desk, stick)
    mine = tmp_path / "mine.yaml"
    text = (Path(__file__).parent.parent / "data" / "roadmaps" / "practical.yaml").read_text()
    mine.write_text(text.replace("id: practical", "id: mine", 1))
    assert run(stick, "plan", "-r", str(mine), "--start", "2027-01-04", "--force").returncode == 0
    digest = events(stick)[-1]["plan"]["roadmap_hash"]
    mine.unlink()
    (stick / "roadmaps" / f"{digest}.yaml").write_text(text)  # another roadmap's text
    assert run(desk, "merge", str(stick / "state.json")).returncode == 1
    assert not (desk / "roadmaps").exists()


def test_conflict_copies_beside_a_linked_states_file_are_found_and_merged(
    tmp_path: Path,
) -> None:
    """state.json is a link into a synced folder, where the sync tool leaves its
    conflict copies (beside the real file, not beside the link): every command notices
    one, `doctor` lists it, `merge` folds it in and keeps it in MLPATH_HOME's merged/."""
    home, synced, laptop = tmp_path / "home", tmp_path / "synced", tmp_path / "laptop"
    synced.mkdir()
    assert run(synced, "plan", "-r", "practical", "--start", "2027-01-04").returncode == 0
    shutil.copytree(synced, laptop)
    assert run(laptop, "log", "2").returncode == 0
    copy = synced / "state.sync-conflict-20270106-101010-ABCDEFG.json"
    shutil.copy(laptop / "state.json", copy)
    home.mkdir()
    (home / "state.json").symlink_to(synced / "state.json")
    assert "another copy of your progress is waiting" in run(home, "next").stderr
    assert copy.name in run(home, "doctor").stdout
    merged = run(home, "merge")
    assert merged.returncode == 0, merged.stderr
    assert "2 h logged" in merged.stdout
    assert (home / "state.json").is_symlink()
    assert not copy.exists()
    assert (home / "merged" / copy.name).read_bytes() == (laptop / "state.json").read_bytes()
    status = json.loads(run(home, "status", "--json").stdout)
    assert status["study"]["total_logged"] == 2
    assert "waiting" not in run(home, "next").stderr


def test_merge_names_every_kind_of_change_that_came_in(two_machines: tuple[Path, Path]) -> None:
    """A cancelled timer, a skip, a reopen and a late note are named, not "other changes"."""
    desk, laptop = two_machines
    for args in (
        ["start"],
        ["cancel"],
        ["skip", "statistics"],
        ["done", "python-libraries", "--note", "late"],
        ["reopen", "python-libraries"],
    ):
        assert run(laptop, *args).returncode == 0, args
    result = merge_copies(Store(desk), [laptop / "state.json"])
    said = result.view["merged"][0]["summary"]
    assert "other" not in said
    for words in ("timer started", "timer cancelled", "skipped", "reopened", "late note"):
        assert words in said


def test_another_learners_conflict_copy_says_to_move_it_away(
    two_machines: tuple[Path, Path], tmp_path: Path
) -> None:
    """A sync tool left another learner's state beside ours (a shared folder): merge
    refuses it, and says what to do here: move it out of this folder (its "own
    folder" is this one, so pointing MLPATH_HOME there was no way out). Once it is
    moved, the real copy beside it merges."""
    desk, laptop = two_machines
    _diverge(desk, laptop)
    other = tmp_path / "other"
    assert run(other, "plan", "-r", "practical", "--start", "2027-01-04").returncode == 0
    foreign = "state (Bob's conflicted copy 2027-01-10).json"
    shutil.copy(other / "state.json", desk / foreign)
    shutil.copy(laptop / "state.json", desk / "state (Laptop's conflicted copy 2027-01-10).json")
    before = (desk / "state.json").read_bytes()
    refused = run(desk, "merge")
    assert refused.returncode == 1
    assert foreign in refused.stderr
    assert "MLPATH_HOME" not in refused.stderr
    assert "move it out of" in " ".join(refused.stderr.split())
    assert (desk / "state.json").read_bytes() == before
    (tmp_path / "elsewhere").mkdir()
    shutil.move(desk / foreign, tmp_path / "elsewhere" / foreign)  # what it advises
    assert run(desk, "merge").returncode == 0
    assert _logged(desk) == ({"python-libraries", "statistics"}, "5")
    # a file named on the command line keeps the hint about its own folder
    named = run(desk, "merge", str(tmp_path / "elsewhere" / foreign))
    assert named.returncode == 1
    assert "MLPATH_HOME" in named.stderr
