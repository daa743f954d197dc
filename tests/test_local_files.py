"""Files mlpath keeps on this machine are never read or written through a link.

The lock lives outside MLPATH_HOME (store/local.py), so a `state.json.lock`
that a sync brings into the home is ignored, never opened; a link planted at
the lock's real place or at `state.json.bak` is refused or replaced, and the
file it points to is never touched. A `state.json` that is itself a link stays
supported (tests/test_storage.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from clirun import Cli
from mlpath.store.state import Store

TODAY = "2027-02-15"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", TODAY)


def _ok(cli: Cli, *args: str) -> Any:
    result = cli(*args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result


def _checks(cli: Cli) -> tuple[int, dict[str, dict[str, Any]]]:
    result = cli("doctor", "--json")
    view = json.loads(result.stdout)
    return result.exit_code, {c["name"]: c for c in view["checks"]}


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "notes.txt"
    victim.write_text("my notes, not mlpath's\n")
    return victim


def _events(home: Path) -> int:
    return len(json.loads((home / "state.json").read_text())["events"])


def test_the_lock_lives_outside_the_home(cli: Cli, isolated: Path, tmp_path: Path) -> None:
    _ok(cli, "plan", "-r", "practical", "--start", "2027-01-04")
    lock = Store(isolated).lock_path
    assert lock.is_file()
    assert isolated not in lock.parents
    assert tmp_path / "cache" in lock.parents  # MLPATH_CACHE_DIR (tests/conftest.py)
    assert sorted(p.name for p in isolated.iterdir()) == ["state.json"]


def test_a_pushed_old_lock_link_is_never_opened(cli: Cli, isolated: Path, tmp_path: Path) -> None:
    """Issue 23, case 1: `ln -s ~/notes.txt $MLPATH_HOME/state.json.lock; mlpath log 1`."""
    _ok(cli, "plan", "-r", "practical", "--start", "2027-01-04")
    victim = _victim(tmp_path)
    (isolated / "state.json.lock").symlink_to(victim)
    _ok(cli, "log", "1")
    assert victim.read_text() == "my notes, not mlpath's\n"
    assert _events(isolated) == 2
    # doctor mentions it as harmless and safe to delete (it opens nothing)
    code, checks = _checks(cli)
    assert code == 0
    assert checks["old lock"]["status"] == "note"
    assert "safe to delete" in checks["old lock"]["fix"]
    assert victim.read_text() == "my notes, not mlpath's\n"
    # the link pointing at state.json itself cannot empty the progress either
    (isolated / "state.json.lock").unlink()
    (isolated / "state.json.lock").symlink_to(isolated / "state.json")
    _ok(cli, "log", "1")
    assert _events(isolated) == 3


def test_a_link_at_the_lock_is_refused(cli: Cli, isolated: Path, tmp_path: Path) -> None:
    _ok(cli, "plan", "-r", "practical", "--start", "2027-01-04")
    victim = _victim(tmp_path)
    lock = Store(isolated).lock_path
    lock.unlink()
    lock.symlink_to(victim)
    before = (isolated / "state.json").read_bytes()
    result = cli("log", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {lock} is a symbolic link;")
    assert "Traceback" not in result.stderr
    assert victim.read_text() == "my notes, not mlpath's\n"
    assert (isolated / "state.json").read_bytes() == before
    code, checks = _checks(cli)
    assert code == 1
    assert checks["lock"]["status"] == "problem"
    assert checks["lock"]["fix"] == f"Delete it: `rm {lock}` (mlpath makes a new one)."
    lock.unlink()
    _ok(cli, "log", "1")
    assert victim.read_text() == "my notes, not mlpath's\n"


def test_a_lock_file_mlpath_did_not_make_is_never_truncated(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    _ok(cli, "plan", "-r", "practical", "--start", "2027-01-04")
    victim = _victim(tmp_path)
    lock = Store(isolated).lock_path
    lock.unlink()
    os.link(victim, lock)  # a hard link: the same file under the lock's name
    _ok(cli, "log", "1")
    assert victim.read_text() == "my notes, not mlpath's\n"
    assert _events(isolated) == 2


def test_a_linked_backup_is_replaced_never_written_through(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    _ok(cli, "plan", "-r", "practical", "--start", "2027-01-04")
    victim = _victim(tmp_path)
    (isolated / "state.json.bak").symlink_to(victim)
    # doctor names it, with the command that fixes it
    code, checks = _checks(cli)
    assert checks["backup"]["status"] == "warning"
    assert "is a symbolic link" in checks["backup"]["message"]
    bak = isolated / "state.json.bak"
    assert checks["backup"]["fix"] == (
        f"Delete the link (`rm {bak}`); the next change writes a real file."
    )
    # restoring from it is refused: it is never read
    result = cli("doctor", "--restore", "--yes")
    assert result.exit_code == 1
    assert "is a symbolic link" in result.stderr
    # the next change writes a real backup beside it, leaving the target alone
    _ok(cli, "log", "1")
    assert victim.read_text() == "my notes, not mlpath's\n"
    assert not (isolated / "state.json.bak").is_symlink()
    assert len(json.loads((isolated / "state.json.bak").read_text())["events"]) == 1


def test_a_linked_history_folder_is_never_written_into(isolated: Path, tmp_path: Path) -> None:
    from mlpath.core.compaction import COMPACT_AT

    outside = tmp_path / "outside"
    outside.mkdir()
    isolated.mkdir()
    (isolated / "state.json.history").symlink_to(outside)
    store = Store(isolated)
    with store.transaction() as state:
        for n in range(COMPACT_AT + 5):
            state["events"].append(
                {
                    "seq": n + 1,
                    "id": f"{n:016x}",
                    "at": "2027-02-15T08:00:00.000000Z",
                    "type": "log",
                    "hours": "0.5",
                    "on": TODAY,
                }
            )
    assert list(outside.iterdir()) == []
    assert len(store.read()["events"]) == COMPACT_AT + 5  # every event kept in the state


def test_a_linked_roadmap_cache_entry_is_never_read(tmp_path: Path) -> None:
    """A link in the cache to a well-formed entry elsewhere (its title changed) is not
    followed: the roadmap is parsed again from its YAML."""
    from mlpath.store import cache, catalog

    path = catalog.bundled_path("practical")
    title = catalog.load_file(path, bundled=True).title  # parsed, and cached
    (entry,) = (tmp_path / "cache" / "roadmaps").glob("*.cache")
    name = entry.stem
    kept = cache.get("roadmaps", name, name)
    meta = kept[2]  # the roadmap's top-level fields (store/catalog.py's layout)
    # a well-formed entry for the same key, made by store/cache.py in another folder
    forged = (*kept[:2], {**meta, "title": "Planted title"}, *kept[3:])
    assert cache.put("forged", name, name, forged)
    outside = tmp_path / "forged.cache"
    os.replace(tmp_path / "cache" / "forged" / entry.name, outside)
    entry.unlink()
    entry.symlink_to(outside)
    assert catalog.load_file(path, bundled=True).title == title
    entry.unlink()
    os.replace(outside, entry)  # the same bytes as a real entry are used: the test can fail
    assert catalog.load_file(path, bundled=True).title == "Planted title"


def test_an_unusable_cache_folder_is_named(cli: Cli, isolated: Path, tmp_path: Path) -> None:
    _ok(cli, "plan", "-r", "practical", "--start", "2027-01-04")
    before = (isolated / "state.json").read_bytes()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be\n")
    result = cli("log", "1", env={"MLPATH_CACHE_DIR": str(blocked)})
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Cannot make mlpath's lock folder ")
    assert "MLPATH_CACHE_DIR" in result.stderr
    assert (isolated / "state.json").read_bytes() == before
