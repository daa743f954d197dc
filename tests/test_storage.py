"""The state file (store/state.py): round trip, lock, atomic writes, refusing bad files.

The heavy versions of these checks (1,000 concurrent writers, 300 kills,
every k-th I/O error, thousands of hostile files) are in tests/reliability/.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import mlpath.store.state as storage
from mlpath.cli.main import app
from mlpath.errors import StateError
from mlpath.store.state import Store, atomic_write_bytes, empty_state, encode_state, parse_state

TODAY = "2027-02-15"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", TODAY)


def _plan(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plan", "-r", "practical", "--start", "2027-01-04"])
    assert result.exit_code == 0, result.output


def _log(store: Store, note: str) -> None:
    with store.transaction() as state:
        events = state["events"]
        events.append(
            {
                "seq": len(events) + 1,
                "id": os.urandom(8).hex(),
                "at": "2027-02-15T08:00:00Z",
                "type": "log",
                "hours": "0.5",
                "on": TODAY,
                "note": note,
            }
        )


# --- round trip ---------------------------------------------------------------------


def test_missing_file_is_an_empty_state(isolated: Path) -> None:
    assert Store(isolated).read() == empty_state()
    assert not isolated.exists()  # reading creates nothing


def test_round_trip(isolated: Path) -> None:
    store = Store(isolated)
    _log(store, "first")
    _log(store, "second ✓ é")
    state = Store(isolated).read()
    assert [e["note"] for e in state["events"]] == ["first", "second ✓ é"]
    assert state["format"] == "mlpath-state" and state["version"] == storage.VERSION
    raw = (isolated / "state.json").read_bytes()
    assert json.loads(raw) == state
    assert "second ✓ é" in raw.decode("utf-8")  # readable, not \\u-escaped
    assert raw.count(b"\n") == 4  # header, one line per event, footer
    assert json.loads((isolated / "state.json.bak").read_bytes())["events"][0]["note"] == "first"


def test_round_trip_through_the_cli(runner: CliRunner, isolated: Path) -> None:
    _plan(runner)
    assert runner.invoke(app, ["log", "1h30", "--note", "videos"]).exit_code == 0
    events = Store(isolated).read()["events"]
    assert [e["type"] for e in events] == ["plan", "log"]
    assert events[1]["hours"] == "1.5" and events[1]["note"] == "videos"
    assert events[0]["plan"]["start"] == "2027-01-04"


def test_an_unchanged_transaction_writes_nothing(isolated: Path) -> None:
    store = Store(isolated)
    _log(store, "x")
    before = os.stat(isolated / "state.json").st_mtime_ns
    with store.transaction():
        pass
    assert os.stat(isolated / "state.json").st_mtime_ns == before


def test_a_failing_transaction_writes_nothing(isolated: Path) -> None:
    store = Store(isolated)
    _log(store, "x")
    raw = (isolated / "state.json").read_bytes()
    with pytest.raises(RuntimeError), store.transaction() as state:
        state["events"].clear()
        raise RuntimeError("the command changed its mind")
    assert (isolated / "state.json").read_bytes() == raw


def test_a_lone_surrogate_is_written_escaped() -> None:
    state = {**empty_state(), "events": [{"seq": 1, "note": "bad byte \udcff"}]}
    raw = encode_state(state)
    raw.decode("utf-8")  # always valid UTF-8
    assert json.loads(raw) == state


# --- concurrency ----------------------------------------------------------------------


WRITER = """
import os
import sys
from mlpath.store.state import Store
from pathlib import Path
store = Store(Path(sys.argv[1]))
for i in range(int(sys.argv[3])):
    with store.transaction() as state:
        events = state["events"]
        events.append({"seq": len(events) + 1, "id": os.urandom(8).hex(), "at": "x", "type": "log", "hours": "0.1",
                       "on": "2027-02-15", "note": f"{sys.argv[2]}-{i}"})
"""


def test_concurrent_writers_in_real_processes_lose_nothing(isolated: Path) -> None:
    procs, per = 6, 15
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(isolated), f"w{n}", str(per)])
        for n in range(procs)
    ]
    assert [w.wait(timeout=120) for w in writers] == [0] * procs
    notes = [e["note"] for e in Store(isolated).read()["events"]]
    assert sorted(notes) == sorted(f"w{n}-{i}" for n in range(procs) for i in range(per))
    assert [e["seq"] for e in Store(isolated).read()["events"]] == list(range(1, 91))


def test_lock_wait_is_reported_only_when_asked(
    isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(isolated)
    _log(store, "a")
    assert store.lock_wait >= 0
    report = tmp_path / "waits.txt"
    assert not report.exists()  # inert by default
    monkeypatch.setattr(storage, "_report_wait_to", str(report))
    _log(store, "b")
    _log(store, "c")
    assert len(report.read_text().split()) == 2


def test_test_hooks_are_inert_in_normal_runs() -> None:
    code = (
        "import mlpath.store.state as s; "
        "print(s._crash_at == '' and not s._no_lock and not s._in_place and not s._report_wait_to)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLPATH_TEST_")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "True"


def test_lock_holder(isolated: Path) -> None:
    store = Store(isolated)
    assert store.lock_holder() is None  # no lock file yet
    with store._locked():
        code = "import sys; from mlpath.store.state import Store; from pathlib import Path; "
        code += "print(Store(Path(sys.argv[1])).lock_holder())"
        out = subprocess.run(
            [sys.executable, "-c", code, str(isolated)], capture_output=True, text=True
        )
        assert out.stdout.strip() == str(os.getpid())
    assert store.lock_holder() is None


# --- failures mid-write ---------------------------------------------------------------------


def test_a_write_that_fails_midway_leaves_the_old_file(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(isolated)
    _log(store, "kept")
    raw = (isolated / "state.json").read_bytes()
    bak = (isolated / "state.json.bak").read_bytes() if store.backup.exists() else None
    calls = {"n": 0}
    real_write = storage._write

    def full_disk(fd: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 3:  # writes 1-2: the backup; 3: the first half of state.json
            real_write(fd, bytes(data)[:7])  # a few bytes get through, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(storage, "_write", full_disk)
    with pytest.raises(StateError, match="the disk is full; nothing was changed"):
        _log(store, "lost")
    assert (isolated / "state.json").read_bytes() == raw
    assert sorted(p.name for p in isolated.iterdir()) == [
        "state.json",
        "state.json.bak",
    ]
    assert bak is None or (isolated / "state.json.bak").read_bytes() in (bak, raw)


def test_a_failed_folder_fsync_after_the_rename_is_rolled_back(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(isolated)
    _log(store, "kept")
    raw = (isolated / "state.json").read_bytes()
    real_fsync = storage._fsync

    def failing(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}") and os.path.exists("/proc/self/fd"):
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(storage, "_fsync", failing)
    if not os.path.exists("/proc/self/fd"):
        pytest.skip("needs /proc to tell a folder's fd")
    with pytest.raises(StateError, match="an I/O error occurred"):
        _log(store, "not durable")
    assert (isolated / "state.json").read_bytes() == raw


def test_a_folder_that_cannot_be_fsynced_is_not_an_error(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = storage._fsync

    def unsupported(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(storage, "_fsync", unsupported)
    _log(Store(isolated), "saved anyway")
    assert Store(isolated).read()["events"][0]["note"] == "saved anyway"


def test_atomic_write_leaves_no_temp_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.json"
    target.write_bytes(b"old")

    def no_rename(src: Any, dst: Any) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(storage, "_replace", no_rename)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]
    assert target.read_bytes() == b"old"


def test_stale_temp_files_are_removed_by_the_next_save(isolated: Path) -> None:
    store = Store(isolated)
    _log(store, "a")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], text=True, capture_output=True
    ).stdout.strip()
    stale = isolated / f".state.json.{dead}.0badc0de.tmp"
    stale.write_bytes(b"half a state")
    live = isolated / f".state.json.{os.getppid()}.0000beef.tmp"  # a live writer's: kept
    live.write_bytes(b"in progress")
    old_live = isolated / f".state.json.bak.{os.getppid()}.1111beef.tmp"  # but not forever
    old_live.write_bytes(b"abandoned")
    hours_ago = time.time() - 2 * storage.STALE_TEMP_SECONDS
    os.utime(old_live, (hours_ago, hours_ago))
    unrelated = isolated / ".notes.txt.123.abcdef12.tmp"
    unrelated.write_bytes(b"not ours")
    _log(store, "b")
    assert not stale.exists() and not old_live.exists()
    assert live.exists() and unrelated.exists()


# --- refusing bad files ---------------------------------------------------------------------


BAD = {
    "empty": (b"", "is empty"),
    "truncated": (b'{"format": "mlpath-state", "version": 1, "events": [', "not valid JSON"),
    "corrupt": (b"\x00\x01garbage", "not valid JSON"),
    "not utf-8": (b'{"format": "ml\xffpath"}', "not UTF-8"),
    "foreign": (b'{"name": "something else"}', "is not an mlpath state file"),
    "damaged": (
        b'{"format": "mlpath-state", "version": 1, "events": [{"seq": "one"}]}',
        "is damaged: event 1 has an unknown type",
    ),
    "newer": (
        b'{"format": "mlpath-state", "version": 99, "events": []}',
        "written by a newer mlpath (state version 99; this one reads up to 3)",
    ),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_files_are_refused_and_untouched(name: str, runner: CliRunner, isolated: Path) -> None:
    isolated.mkdir(parents=True)
    raw, message = BAD[name]
    state = isolated / "state.json"
    state.write_bytes(raw)
    (isolated / "state.json.bak").write_bytes(b"{}")
    stamp = os.stat(state).st_mtime_ns
    for args in (["log", "1"], ["next"], ["plan", "--force"], ["undo"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, (args, result.output)
        assert message in result.stderr
        assert str(state) in result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert state.read_bytes() == raw and os.stat(state).st_mtime_ns == stamp
    assert (isolated / "state.json.bak").read_bytes() == b"{}"


def test_the_refusal_says_how_to_recover(isolated: Path) -> None:
    isolated.mkdir(parents=True)
    path = isolated / "state.json"
    with pytest.raises(StateError) as without:
        parse_state(b"{", path)
    assert f"there is no backup ({path}.bak does not exist)" in str(without.value)
    (isolated / "state.json.bak").write_text("{}")
    with pytest.raises(StateError) as with_bak:
        parse_state(b"{", path)
    assert "`mlpath doctor --restore` puts back the previous version" in str(with_bak.value)


def test_a_pipe_is_refused_without_blocking(isolated: Path) -> None:
    isolated.mkdir(parents=True)
    os.mkfifo(isolated / "state.json")
    with pytest.raises(StateError, match="is not a regular file"):
        Store(isolated).read()


def test_a_symlinked_state_is_followed_and_kept(isolated: Path, tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    isolated.mkdir(parents=True)
    (isolated / "state.json").symlink_to(synced / "mlpath.json")  # dangling at first
    _log(Store(isolated), "one")
    _log(Store(isolated), "two")
    assert (isolated / "state.json").is_symlink()
    assert [e["note"] for e in json.loads((synced / "mlpath.json").read_bytes())["events"]] == [
        "one",
        "two",
    ]
    assert [p.name for p in synced.iterdir()] == ["mlpath.json"]  # no temp files left there


def test_restore_backup_keeps_the_damaged_file(isolated: Path) -> None:
    store = Store(isolated)
    _log(store, "a")
    _log(store, "b")
    good = store.backup.read_bytes()
    store.path.write_bytes(b"{ damaged")
    keep = isolated / "state.json.damaged-test"
    store.restore_backup(keep)
    assert store.path.read_bytes() == good
    assert keep.read_bytes() == b"{ damaged"
    assert [e["note"] for e in store.read()["events"]] == ["a"]


def test_restore_refuses_a_damaged_backup(isolated: Path) -> None:
    store = Store(isolated)
    _log(store, "a")
    store.backup.write_bytes(b"[]")
    before = store.path.read_bytes()
    with pytest.raises(StateError, match="is not an mlpath state file"):
        store.restore_backup(isolated / "keep")
    assert store.path.read_bytes() == before and not (isolated / "keep").exists()
