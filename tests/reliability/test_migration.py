"""8. Schema migration: older files upgrade on the first write, safely.

tests/reliability/fixtures/ holds a state file of every version mlpath ever
wrote (state-vN*.json); each must read with today's mlpath and be written in
the current version by the first change, keeping every event, with the old
file kept as state.json.bak. mlpath is at state version 1 with no migration
yet, so the machinery is also exercised with a simulated version 2
(fake_versions.py): upgrade on the first write (reads leave the file alone),
a SIGKILL at every step of that first write leaves the version-1 file, and the
version-1 mlpath refuses the version-2 file instead of downgrading it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import fake_versions
import pytest
from reliability_support import FIXTURES, TODAY, Figures, invoke, snapshot, temps

import mlpath.store.state as storage

STEPS = ["locked", "bak:half-written", "bak:after-rename", "temp-created", "half-written"]
STEPS += ["fsynced", "before-rename", "after-rename"]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", TODAY)


def _fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("state-v*.json"))


def _version(path: Path) -> int:
    return int(path.name.split("-v")[1].split("-")[0].split(".")[0])


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_bytes())
    return data


def test_there_is_a_fixture_for_every_version() -> None:
    versions = {_version(p) for p in _fixtures()}
    assert versions == set(range(1, storage.VERSION + 1))


@pytest.mark.parametrize("fixture", _fixtures(), ids=lambda p: p.name)
def test_every_earlier_version_upgrades_on_first_write(
    fixture: Path, isolated: Path, figures: Figures
) -> None:
    isolated.mkdir(parents=True)
    shutil.copy(fixture, isolated / "state.json")
    state = isolated / "state.json"
    before = snapshot(state)
    assert invoke(["next", "--json"]).exit_code == 0  # reading leaves it alone
    assert snapshot(state) == before
    result = invoke(["log", "1", "--note", "first write"])
    assert result.exit_code == 0, result.stderr
    after = _load(state)
    old = _load(fixture)
    assert after["version"] == storage.VERSION
    assert after["events"][: len(old["events"])] == old["events"]
    assert after["events"][-1]["note"] == "first write"
    assert (isolated / "state.json.bak").read_bytes() == fixture.read_bytes()
    figures.add("failed upgrades", 0, 1)


def test_simulated_v2_upgrades_on_first_write_only(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, figures: Figures
) -> None:
    monkeypatch.setattr(storage, "VERSION", 2)
    monkeypatch.setitem(storage.MIGRATIONS, 1, fake_versions.migrate_1_to_2)
    v1 = FIXTURES / "state-v1.json"
    isolated.mkdir(parents=True)
    shutil.copy(v1, isolated / "state.json")
    state = isolated / "state.json"
    before = snapshot(state)
    assert invoke(["next", "--json"]).exit_code == 0  # reads see v2, and write nothing
    assert invoke(["status", "--json"]).exit_code in (0, 2)  # (2: no status command yet)
    assert invoke(["plan", "--force", "-n"]).exit_code == 0  # a dry run writes nothing
    assert snapshot(state) == before
    assert invoke(["log", "1"]).exit_code == 0
    upgraded = _load(state)
    assert upgraded["version"] == 2
    assert upgraded["began"] == _load(v1)["events"][0]["at"]  # the migration ran
    assert (isolated / "state.json.bak").read_bytes() == v1.read_bytes()
    figures.add("failed upgrades", 0, 1)


@pytest.mark.parametrize("step", STEPS)
def test_crash_mid_upgrade_leaves_the_old_version(
    step: str, driver: Any, isolated: Path, figures: Figures
) -> None:
    v1 = FIXTURES / "state-v1.json"
    isolated.mkdir(parents=True)
    shutil.copy(v1, isolated / "state.json")
    state = isolated / "state.json"
    v2 = {"MLPATH_DRIVER_SETUP": "fake_versions:install_v2"}
    status = driver.run(["log", "1"], {**v2, "MLPATH_TEST_CRASH_AT": step})
    assert status == -9
    if step == "after-rename":
        assert _load(state)["version"] == 2
    else:
        assert state.read_bytes() == v1.read_bytes()  # still version 1, byte for byte
    figures.add("torn files", 0, 1)
    figures.add("failed upgrades", 0, 1)
    assert driver.run(["log", "0.5"], v2) == 0  # the next run upgrades it
    assert _load(state)["version"] == 2
    assert temps(isolated) == []


def test_the_older_mlpath_refuses_the_upgraded_file(
    driver: Any, isolated: Path, figures: Figures
) -> None:
    isolated.mkdir(parents=True)
    shutil.copy(FIXTURES / "state-v1.json", isolated / "state.json")
    assert driver.run(["log", "1"], {"MLPATH_DRIVER_SETUP": "fake_versions:install_v2"}) == 0
    state = isolated / "state.json"
    before = snapshot(state)
    for args in (["log", "1"], ["next"]):  # this process is the version-1 mlpath
        result = invoke(args)
        assert result.exit_code == 1
        assert "written by a newer mlpath (state version 2; this one reads up to 1)" in (
            result.stderr
        )
    assert snapshot(state) == before
    figures.add("overwritten bad files", 0, 2)


def test_gaps_and_broken_old_files_are_refused(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated.mkdir(parents=True)
    shutil.copy(FIXTURES / "state-v1.json", isolated / "state.json")
    before = snapshot(isolated / "state.json")
    monkeypatch.setattr(storage, "VERSION", 3)  # v1 -> v2 known, v2 -> v3 missing
    monkeypatch.setitem(storage.MIGRATIONS, 1, fake_versions.migrate_1_to_2)
    result = invoke(["log", "1"])
    assert result.exit_code == 1
    assert "has state version 1, which this mlpath cannot upgrade to version 3" in result.stderr
    monkeypatch.setitem(storage.MIGRATIONS, 2, lambda s: s["no such key"])
    result = invoke(["log", "1"])
    assert result.exit_code == 1
    assert "(state version 1) is damaged and cannot be upgraded" in result.stderr
    assert snapshot(isolated / "state.json") == before


def test_catches_an_upgrade_that_skips_the_migration(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, figures: Figures
) -> None:
    """The checks above can fail: bumping the version without migrating is caught."""
    monkeypatch.setattr(storage, "VERSION", 2)
    monkeypatch.setattr(storage, "upgrade", lambda data, path: {**data, "version": 2})
    isolated.mkdir(parents=True)
    shutil.copy(FIXTURES / "state-v1.json", isolated / "state.json")
    assert invoke(["log", "1"]).exit_code == 0
    missing = "began" not in _load(isolated / "state.json")
    figures.note(f"self-check: an upgrade that skips its migration is caught: {missing}")
    assert missing
