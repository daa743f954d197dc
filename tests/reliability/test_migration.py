"""8. Schema migration: older files upgrade on the first write, safely.

tests/reliability/fixtures/ holds a state file of every version mlpath ever
wrote (state-vN*.json); each must read with today's mlpath and be written in
the current version by the first change, keeping every event, with the old
file kept as state.json.bak. Version 2 gave every event an id (version-1
events get ids from their seq and content, the same on every copy) and made
`undone` name its target by id. Version 3 keeps what a compaction absorbed as
a version vector beside version 2's ids as a frozen legacy list. The machinery
is also exercised with a simulated version 4 (fake_versions.py): upgrade on the
first write (reads leave the file alone), a SIGKILL at every step of that first
write leaves the old file, and the version-3 mlpath refuses the version-4 file
instead of downgrading it.
"""

from __future__ import annotations

import hashlib
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


def _as_v1(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events with their ids taken out and undos naming seqs again (version 1's form)."""
    seq_of = {e["id"]: e["seq"] for e in events}
    out = []
    for e in events:
        e = {k: v for k, v in e.items() if k != "id"}
        if e["type"] == "undone":
            e["undoes"] = seq_of[e["undoes"]]
        out.append(e)
    return out


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
    n = len(old["events"])
    if old["version"] == 1:
        assert _as_v1(after["events"][:n]) == old["events"]
    else:
        assert after["events"][:n] == old["events"]
    assert len({e["id"] for e in after["events"]}) == n + 1
    assert after["events"][-1]["note"] == "first write"
    assert (isolated / "state.json.bak").read_bytes() == fixture.read_bytes()
    figures.add("failed upgrades", 0, 1)


def test_version_1_ids_come_from_seq_and_content(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The documented recipe: seq as 8 hex digits + 8 of sha256(canonical JSON)."""
    v1 = FIXTURES / "state-v1.json"
    old = _load(v1)["events"]
    isolated.mkdir(parents=True)
    shutil.copy(v1, isolated / "state.json")
    store = storage.Store(isolated)
    events = store.read()["events"]
    canonical = json.dumps(old[1], sort_keys=True, separators=(",", ":")).encode()
    assert events[1]["id"] == "00000002" + hashlib.sha256(canonical).hexdigest()[:8]
    assert [e["id"][:8] for e in events] == [f"{n:08x}" for n in range(1, 7)]
    # seq 5 undid seq 4 (the 2 h log): it now names that event's id
    assert events[4]["undoes"] == events[3]["id"]
    # a second copy of the same old history (indented, another machine) agrees
    (isolated / "state.json").write_bytes((FIXTURES / "state-v1-indented.json").read_bytes())
    assert [e["id"] for e in store.read()["events"]] == [e["id"] for e in events]
    # one changed event changes its own id only
    changed = _load(v1)
    changed["events"][2]["note"] = "other videos"
    (isolated / "state.json").write_text(json.dumps(changed))
    ids = [e["id"] for e in store.read()["events"]]
    assert [i == e["id"] for i, e in zip(ids, events, strict=True)] == [1, 1, 0, 1, 1, 1]


def test_simulated_next_version_upgrades_on_first_write_only(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, figures: Figures
) -> None:
    monkeypatch.setattr(storage, "VERSION", fake_versions.NEXT)
    monkeypatch.setitem(storage.MIGRATIONS, 3, fake_versions.migrate_3_to_4)
    v1 = FIXTURES / "state-v3.json"
    isolated.mkdir(parents=True)
    shutil.copy(v1, isolated / "state.json")
    state = isolated / "state.json"
    before = snapshot(state)
    assert invoke(["next", "--json"]).exit_code == 0  # reads see v3, and write nothing
    assert invoke(["status", "--json"]).exit_code in (0, 2)  # (2: no status command yet)
    assert invoke(["plan", "--force", "-n"]).exit_code == 0  # a dry run writes nothing
    assert snapshot(state) == before
    assert invoke(["log", "1"]).exit_code == 0
    upgraded = _load(state)
    assert upgraded["version"] == fake_versions.NEXT
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
    status = driver.run(["log", "1"], {"MLPATH_TEST_CRASH_AT": step})
    assert status == -9
    if step == "after-rename":
        assert _load(state)["version"] == storage.VERSION
    else:
        assert state.read_bytes() == v1.read_bytes()  # still version 1, byte for byte
    figures.add("torn files", 0, 1)
    figures.add("failed upgrades", 0, 1)
    assert driver.run(["log", "0.5"], {}) == 0  # the next run upgrades it
    assert _load(state)["version"] == storage.VERSION
    assert temps(isolated) == []


def test_the_older_mlpath_refuses_the_upgraded_file(
    driver: Any, isolated: Path, figures: Figures
) -> None:
    isolated.mkdir(parents=True)
    shutil.copy(FIXTURES / "state-v3.json", isolated / "state.json")
    assert driver.run(["log", "1"], {"MLPATH_DRIVER_SETUP": "fake_versions:install_next"}) == 0
    state = isolated / "state.json"
    before = snapshot(state)
    for args in (["log", "1"], ["next"]):  # this process is the version-3 mlpath
        result = invoke(args)
        assert result.exit_code == 1
        assert "written by a newer mlpath (state version 4; this one reads up to 3)" in (
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
    monkeypatch.setattr(storage, "VERSION", 5)  # v1 -> v4 known, v4 -> v5 missing
    monkeypatch.setitem(storage.MIGRATIONS, 3, fake_versions.migrate_3_to_4)
    result = invoke(["log", "1"])
    assert result.exit_code == 1
    assert "has state version 1, which this mlpath cannot upgrade to version 5" in result.stderr
    monkeypatch.setitem(storage.MIGRATIONS, 4, lambda s: s["no such key"])
    result = invoke(["log", "1"])
    assert result.exit_code == 1
    assert "(state version 1) is damaged and cannot be upgraded" in result.stderr
    assert snapshot(isolated / "state.json") == before


def test_catches_an_upgrade_that_skips_the_migration(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, figures: Figures
) -> None:
    """The checks above can fail: bumping the version without migrating is caught."""
    monkeypatch.setattr(storage, "VERSION", fake_versions.NEXT)
    monkeypatch.setattr(storage, "upgrade", lambda data, path: {**data, "version": 4})
    isolated.mkdir(parents=True)
    shutil.copy(FIXTURES / "state-v3.json", isolated / "state.json")
    assert invoke(["log", "1"]).exit_code == 0
    missing = "began" not in _load(isolated / "state.json")
    figures.note(f"self-check: an upgrade that skips its migration is caught: {missing}")
    assert missing
    # and a version-1 file read without the real migration is refused, not half-read
    shutil.copy(FIXTURES / "state-v1.json", isolated / "state.json")
    result = invoke(["log", "1"])
    assert result.exit_code == 1 and "has no id" in result.stderr
