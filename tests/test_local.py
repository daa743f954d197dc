"""store/local.py: this machine's id and counter live outside MLPATH_HOME, and new
events are numbered per machine (state version 3)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from clirun import Cli
from mlpath.store import local


def _events(home: Path) -> list[dict[str, object]]:
    data = json.loads((home / "state.json").read_bytes())
    events: list[dict[str, object]] = data["events"]
    return events


def test_new_events_are_numbered_by_this_machine(cli: Cli, isolated: Path) -> None:
    assert (
        cli("plan", "-r", "practical", "--start", "2027-01-04", today="2027-01-04").exit_code == 0
    )
    assert cli("log", "1", today="2027-01-05").exit_code == 0
    assert cli("done", "python-libraries", today="2027-01-06").exit_code == 0
    ids = [str(e["id"]) for e in _events(isolated)]
    machine = local.machine_id(isolated)
    assert ids == [f"{machine}-1", f"{machine}-2", f"{machine}-3"]
    # the machine's id and counter are not inside MLPATH_HOME: a sync engine would carry them
    assert not any(machine in p.read_text() for p in isolated.iterdir() if p.name != "state.json"
                   and p.is_file() and not p.name.startswith("state.json"))  # fmt: skip
    assert all(p.name not in ("machine", "counter") for p in isolated.rglob("*"))
    folder = Path(local.local_dir(isolated))
    assert folder.is_dir() and isolated not in folder.parents
    assert (folder / "machine").read_text() == f"{machine} {local.host_name()}\n"


def test_two_homes_on_one_machine_are_two_writers(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    assert local.machine_id(a) == local.machine_id(a)
    assert local.machine_id(a) != local.machine_id(b)


def test_a_cache_copied_to_another_computer_gives_it_an_id_of_its_own(
    cli: Cli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole home folder, cache included, copied to a new computer (a migration, a
    restored backup): the two computers must not write events under one id, or every
    later merge of their copies is refused as damaged."""
    monkeypatch.setattr(local, "host_name", lambda: "old-laptop")
    assert (
        cli("plan", "-r", "practical", "--start", "2027-01-04", today="2027-01-04").exit_code == 0
    )
    laptop = local.machine_id(isolated)
    monkeypatch.setattr(local, "host_name", lambda: "new-desktop")
    assert cli("log", "1", today="2027-01-05").exit_code == 0
    desktop = local.machine_id(isolated)
    assert desktop != laptop and local.is_machine_id(desktop)
    assert [str(e["id"]).split("-")[0] for e in _events(isolated)] == [laptop, desktop]
    monkeypatch.setattr(local, "host_name", lambda: "old-laptop")  # back: its own id again
    assert local.machine_id(isolated) == laptop


def test_an_earlier_mlpaths_machine_file_is_kept_as_this_hosts_id(isolated: Path) -> None:
    folder = Path(local.local_dir(isolated, create=True))
    (folder / "machine").write_text("0123abcd\n")
    assert local.machine_id(isolated) == "0123abcd"
    assert (folder / "machine").read_text() == f"0123abcd {local.host_name()}\n"


def test_a_symlinked_state_is_keyed_by_the_file_it_points_to(tmp_path: Path) -> None:
    real, link = tmp_path / "real", tmp_path / "link"
    real.mkdir()
    link.mkdir()
    (real / "state.json").write_text("{}")
    os.symlink(real / "state.json", link / "state.json")
    assert local.state_key(link) == local.state_key(real)


def test_a_restored_backup_never_hands_out_an_id_twice(cli: Cli, isolated: Path) -> None:
    assert (
        cli("plan", "-r", "practical", "--start", "2027-01-04", today="2027-01-04").exit_code == 0
    )
    assert cli("log", "1", today="2027-01-05").exit_code == 0
    shutil.copy(isolated / "state.json.bak", isolated / "state.json")  # back to the plan alone
    assert cli("log", "2", today="2027-01-05").exit_code == 0
    machine = local.machine_id(isolated)
    # the lost `log 1` was event 2; the new `log 2` is event 3, not a second event 2
    assert [e["id"] for e in _events(isolated)] == [f"{machine}-1", f"{machine}-3"]


def test_a_planted_link_in_the_local_folder_is_not_followed(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "notes.txt"
    victim.write_text("my notes\n")
    folder = Path(local.local_dir(isolated, create=True))
    os.symlink(victim, folder / "machine")
    assert (
        cli("plan", "-r", "practical", "--start", "2027-01-04", today="2027-01-04").exit_code == 0
    )
    assert victim.read_text() == "my notes\n"
    machine = local.machine_id(isolated)
    assert local.is_machine_id(machine)
    assert str(_events(isolated)[0]["id"]).startswith(machine + "-")


def test_an_unwritable_cache_still_gives_a_stable_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated: Path
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("MLPATH_CACHE_DIR", str(blocked))
    first = local.machine_id(isolated)
    assert local.is_machine_id(first) and local.machine_id(isolated) == first


@pytest.mark.parametrize(
    "data", [b"", b"state.json", "/home/ada/état/state.json".encode(), bytes(range(256)) * 9]
)
def test_the_state_key_is_the_sha256_of_the_real_path_as_before(
    tmp_path: Path, data: bytes
) -> None:
    """Without hashlib, the same digest: the lock of a state written by an older mlpath
    is the lock a newer one takes."""
    assert local.sha256_hex(data) == hashlib.sha256(data).hexdigest()
    real = os.path.realpath(tmp_path / "state.json")
    assert local.state_key(tmp_path) == hashlib.sha256(real.encode()).hexdigest()[:16]


def test_the_counter_is_rewritten_in_place_and_never_through_a_second_link(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    assert (
        cli("plan", "-r", "practical", "--start", "2027-01-04", today="2027-01-04").exit_code == 0
    )
    counter = Path(local.local_dir(isolated)) / "counter"
    inode = counter.stat().st_ino
    assert cli("log", "1", today="2027-01-05").exit_code == 0
    assert counter.stat().st_ino == inode  # the same file, written over
    assert local.high_water(isolated) == 2
    # a counter of an older mlpath (a shorter number, no padding) is read and written over
    counter.write_text("7")
    assert cli("log", "1", today="2027-01-06").exit_code == 0
    assert local.high_water(isolated) == 8
    assert str(_events(isolated)[-1]["id"]).endswith("-8")
    # a second name for the file (a hard link planted there) is left as it is
    other = tmp_path / "other"
    counter.unlink()
    other.write_text("my notes\n")
    os.link(other, counter)
    assert cli("log", "1", today="2027-01-07").exit_code == 0
    assert other.read_text() == "my notes\n"
    assert str(_events(isolated)[-1]["id"]).endswith("-9")  # the state tells the counter
