"""4. Hostile and broken state files: refused, never overwritten, never a traceback.

Every truncated prefix of a real state file, 2,000 Hypothesis mutations of it
(bytes and JSON), and a gallery of hand-made cases (empty, 100 MB, 10,000-deep
nesting, wrong types, a newer version, symlinks, a pipe, a folder, a read-only
folder). A changing command (`log`) and a reading one (`next`) run on each:
a refused file keeps its sha256 and mtime, the message names the file and the
way back (`state.json.bak`), and nothing crashes.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import (
    TODAY,
    Figures,
    crashed,
    invoke,
    make_real_state,
    mlpath_env,
    snapshot,
    temps,
)

import mlpath.store.state as storage
from mlpath.errors import StateError

MUTATIONS = 2000


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", TODAY)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """(state.json, state.json.bak) of a learner a few days in."""
    home = tmp_path_factory.mktemp("real")
    os.environ["MLPATH_TODAY"] = TODAY
    try:
        state = make_real_state(home)
    finally:
        del os.environ["MLPATH_TODAY"]
    return state.read_bytes(), (home / "state.json.bak").read_bytes()


def accepted(raw: bytes, path: Path) -> bool:
    try:
        storage.parse_state(raw, path)
    except StateError:
        return False
    return True


class Tally:
    """Counts what the commands did with bad files."""

    def __init__(self) -> None:
        self.c: Counter[str] = Counter()
        self.problems: list[str] = []

    def check(self, home: Path, args: list[str], *, bad: bool, label: str) -> None:
        state, bak = home / "state.json", home / "state.json.bak"
        before, bak_before = snapshot(state), snapshot(bak)
        result = invoke(["--home", str(home), *args])
        self.c["runs"] += 1
        if crashed(result):
            self.c["tracebacks"] += 1
            self.problems.append(f"{label}: {args[0]} crashed: {result.stderr.strip()[:300]}")
        if result.exit_code != 0 and snapshot(state) != before:
            self.problems.append(f"{label}: {args[0]} failed but changed the file")
        if not bad:
            return
        self.c["bad"] += 1
        if snapshot(state) != before or snapshot(bak) != bak_before:
            self.c["overwritten"] += 1
            self.problems.append(f"{label}: {args[0]} overwrote a bad file")
        err = result.stderr
        if result.exit_code != 1 or str(state) not in err or "state.json.bak" not in err:
            self.c["unclear"] += 1
            self.problems.append(f"{label}: {args[0]} exit {result.exit_code}: {err.strip()}")
        if len(err.strip().splitlines()) != 1:
            self.problems.append(f"{label}: {args[0]} said more than one line: {err!r}")

    def record(self, figures: Figures, what: str) -> None:
        figures.add("overwritten bad files", self.c["overwritten"], self.c["bad"])
        figures.add("tracebacks", self.c["tracebacks"], self.c["runs"])
        figures.note(
            f"hostile state: {what}: {self.c['bad']} refusals, {self.c['overwritten']} "
            f"overwritten, {self.c['unclear']} unclear, {self.c['tracebacks']} tracebacks "
            f"in {self.c['runs']} runs"
        )


def _put(home: Path, raw: bytes, bak: bytes) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "state.json").write_bytes(raw)
    (home / "state.json.bak").write_bytes(bak)


def test_every_truncated_prefix(
    real: tuple[bytes, bytes], tmp_path: Path, figures: Figures
) -> None:
    raw, bak = real
    home = tmp_path / "home"
    tally = Tally()
    for n in range(len(raw)):
        prefix = raw[:n]
        _put(home, prefix, bak)
        bad = not accepted(prefix, home / "state.json")
        tally.check(home, ["log", "0.5"], bad=bad, label=f"prefix {n}")
        if n % 8 == 0:
            tally.check(home, ["next"], bad=bad, label=f"prefix {n}")
    tally.record(figures, f"{len(raw)} truncated prefixes")
    assert tally.problems == []
    assert tally.c["bad"] >= len(raw)  # all but the file minus its final newline, by 2 commands


# --- Hypothesis mutations -----------------------------------------------------------------

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        ["2027-02-30", "9999-12-31", "0001-01-01", "2027-W01-1", "1e9", "-1", "1/0", "nan"]
    ),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _mutate_json(doc: Any, data: st.DataObject) -> Any:
    paths = _paths(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths[1:]))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        action = data.draw(st.sampled_from(["replace", "delete", "duplicate", "swap", "add"]))
        try:
            if action == "replace":
                parent[key] = data.draw(json_values)
            elif action == "delete":
                del parent[key]
            elif action == "duplicate" and isinstance(parent, list):
                parent.insert(key, json.loads(json.dumps(parent[key])))
            elif action == "swap" and isinstance(parent, list) and len(parent) > 1:
                j = data.draw(st.integers(0, len(parent) - 1))
                parent[key], parent[j] = parent[j], parent[key]
            elif action == "add" and isinstance(parent[key], dict):
                parent[key][data.draw(st.text(max_size=8))] = data.draw(json_values)
        except (KeyError, IndexError, TypeError):
            pass
        paths = _paths(doc)
    return doc


def _mutate_bytes(raw: bytes, data: st.DataObject) -> bytes:
    buf = bytearray(raw)
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, max(0, len(buf) - 1)))
        action = data.draw(st.sampled_from(["flip", "insert", "delete", "duplicate"]))
        if action == "flip" and buf:
            buf[pos] ^= 1 << data.draw(st.integers(0, 7))
        elif action == "insert":
            buf[pos:pos] = data.draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del buf[pos : pos + data.draw(st.integers(1, 16))]
        elif action == "duplicate":
            buf[pos:pos] = buf[pos : pos + data.draw(st.integers(1, 64))]
    return bytes(buf)


@pytest.mark.parametrize("kind", ["bytes", "json"])
def test_hypothesis_mutations(
    kind: str, real: tuple[bytes, bytes], tmp_path: Path, figures: Figures
) -> None:
    raw, bak = real
    home = tmp_path / "home"
    tally = Tally()
    accepted_count = Counter[str]()

    @settings(
        max_examples=MUTATIONS // 2,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def check(data: st.DataObject) -> None:
        if kind == "bytes":
            mutated = _mutate_bytes(raw, data)
        else:
            doc = _mutate_json(json.loads(raw), data)
            mutated = json.dumps(doc, allow_nan=True).encode("utf-8", "surrogatepass")
        _put(home, mutated, bak)
        good = accepted(mutated, home / "state.json")
        accepted_count["accepted" if good else "refused"] += 1
        tally.check(home, ["log", "0.5"], bad=not good, label=f"{kind} mutation")
        tally.check(home, ["next"], bad=not good, label=f"{kind} mutation")

    check()
    tally.record(
        figures,
        f"{MUTATIONS // 2} {kind} mutations ({accepted_count['refused']} refused, "
        f"{accepted_count['accepted']} still valid and used)",
    )
    assert tally.problems == []


# --- the gallery -----------------------------------------------------------------------------


def _deep(n: int) -> bytes:
    return b'{"format": "mlpath-state", "version": 1, "events": ' + b"[" * n + b"]" * n + b"}"


def _with(raw: bytes, change: Callable[[dict[str, Any]], None]) -> bytes:
    doc = json.loads(raw)
    change(doc)
    return json.dumps(doc).encode()


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d.__setitem__(key, value)


def _event(i: int, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["events"][i].__setitem__(key, value)


def _plan(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["events"][0]["plan"].__setitem__(key, value)


GALLERY: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda r: b"",
    "whitespace": lambda r: b" \n\t\n",
    "nul bytes": lambda r: b"\0" * 4096,
    "not utf-8": lambda r: r.replace(b"practical", b"pr\xe1ctical"),
    "utf-16": lambda r: r.decode().encode("utf-16"),
    "json array": lambda r: b"[]",
    "json string": lambda r: b'"mlpath-state"',
    "10,000-deep nesting": lambda r: _deep(10_000),
    "100,000-deep nesting": lambda r: _deep(100_000),
    "huge integer": lambda r: r.replace(b'"version": 3', b'"version": 3' + b"0" * 5000),
    "NaN version": lambda r: r.replace(b'"version": 3', b'"version": NaN'),
    "version as text": lambda r: _with(r, _set("version", "1")),
    "version true": lambda r: _with(r, _set("version", True)),
    "version 0": lambda r: _with(r, _set("version", 0)),
    "format missing": lambda r: _with(r, lambda d: d.pop("format")),
    "format wrong": lambda r: _with(r, _set("format", "taskwarrior")),
    "events a mapping": lambda r: _with(r, _set("events", {})),
    "events missing": lambda r: _with(r, lambda d: d.pop("events")),
    "event a list": lambda r: _with(r, lambda d: d["events"].__setitem__(1, [])),
    "seq as text": lambda r: _with(r, _event(1, "seq", "2")),
    "seq out of order": lambda r: _with(r, _event(2, "seq", 1)),
    "unknown event type": lambda r: _with(r, _event(1, "type", "delete-everything")),
    "hours negative": lambda r: _with(r, _event(2, "hours", "-5")),
    "hours a number": lambda r: _with(r, _event(2, "hours", 1.5)),
    "date impossible": lambda r: _with(r, _event(1, "on", "2027-02-30")),
    "date year 9999": lambda r: _with(r, _plan("start", "9999-12-31")),
    "date week form": lambda r: _with(r, _plan("start", "2027-W01-1")),
    "hours per week tiny": lambda r: _with(r, _plan("hours_per_week", "1/1000000")),
    "hours per week huge": lambda r: _with(r, _plan("hours_per_week", "1e9")),
    "no study days": lambda r: _with(r, _plan("days", [])),
    "days not hashable": lambda r: _with(r, _plan("days", [["mon"]])),
    "break backwards": lambda r: _with(r, _plan("breaks", [["2027-03-01", "2027-02-01"]])),
    "level unknown": lambda r: _with(r, _plan("level", "expert")),
    "plan a list": lambda r: _with(r, _event(0, "plan", [])),
    "note a mapping": lambda r: _with(r, _event(1, "note", {"a": 1})),
    "undo of nothing": lambda r: _with(r, _event(4, "undoes", None)),
    "undo by seq in version 2": lambda r: _with(r, _event(4, "undoes", 3)),
    "event id missing": lambda r: _with(r, lambda d: d["events"][1].pop("id")),
    "event id not hex": lambda r: _with(r, _event(1, "id", "not-an-id-at-all")),
    "event id upper case": lambda r: _with(r, _event(1, "id", "ABCDEF0123456789")),
    "event ids repeated": lambda r: _with(
        r, lambda d: d["events"][2].__setitem__("id", d["events"][1]["id"])
    ),
    "absorbed not ids": lambda r: _with(r, _set("snapshot", {"upto": 1, "absorbed": ["x"]})),
}
NEWER = {
    "version 4": lambda r: _with(r, _set("version", 4)),
    "version 10**30": lambda r: _with(r, _set("version", 10**30)),
}


@pytest.mark.parametrize("name", list(GALLERY))
def test_gallery(name: str, real: tuple[bytes, bytes], tmp_path: Path, figures: Figures) -> None:
    raw, bak = real
    home = tmp_path / "home"
    bad = GALLERY[name](raw)
    _put(home, bad, bak)
    assert not accepted(bad, home / "state.json")
    tally = Tally()
    for args in (["log", "0.5"], ["next"], ["done", "regression"], ["undo"], ["replan"]):
        tally.check(home, args, bad=True, label=name)
    figures.add("overwritten bad files", tally.c["overwritten"], tally.c["bad"])
    figures.add("tracebacks", tally.c["tracebacks"], tally.c["runs"])
    assert tally.problems == []


def test_gallery_figures(figures: Figures) -> None:
    # The gallery holds what its figure line claims: each kind of file is in it.
    claimed = ("empty", "10,000-deep nesting", "100,000-deep nesting", "seq as text")
    for kind in claimed:
        assert kind in GALLERY, kind
    assert NEWER and all(k.startswith("version") for k in NEWER)
    assert len(GALLERY) >= 30, len(GALLERY)
    figures.note(
        f"hostile state: gallery of {len(GALLERY) + len(NEWER)} hand-made files "
        "(empty, 100 MB, 10,000- and 100,000-deep nesting, wrong types, newer versions...), "
        "5 commands each"
    )


@pytest.mark.parametrize("name", list(NEWER))
def test_newer_version_is_refused(
    name: str, real: tuple[bytes, bytes], tmp_path: Path, figures: Figures
) -> None:
    raw, bak = real
    home = tmp_path / "home"
    _put(home, NEWER[name](raw), bak)
    before = snapshot(home / "state.json")
    for args in (["log", "0.5"], ["next"]):
        result = invoke(["--home", str(home), *args])
        assert result.exit_code == 1
        assert not crashed(result)
        assert "written by a newer mlpath" in result.stderr
        assert str(home / "state.json") in result.stderr and "Upgrade mlpath" in result.stderr
    assert snapshot(home / "state.json") == before
    figures.add("overwritten bad files", 0, 2)


def test_100_mb_file(real: tuple[bytes, bytes], tmp_path: Path, figures: Figures) -> None:
    home = tmp_path / "home"
    _put(home, b"", real[1])
    with open(home / "state.json", "r+b") as fh:  # sparse: 100 MB without writing them
        fh.write(real[0][:-3])
        fh.truncate(100 * 1024 * 1024)
    tally = Tally()
    for args in (["log", "0.5"], ["next"]):
        tally.check(home, args, bad=True, label="100 MB")
    tally.record(figures, "a 100 MB file")
    assert tally.problems == []


# --- not a plain file --------------------------------------------------------------------


def test_symlink_to_a_valid_state_is_written_through(
    real: tuple[bytes, bytes], tmp_path: Path
) -> None:
    """Decision: a symlinked state.json (say into a synced folder) is followed, and kept."""
    home, synced = tmp_path / "home", tmp_path / "synced"
    home.mkdir()
    synced.mkdir()
    (synced / "mlpath-state.json").write_bytes(real[0])
    (home / "state.json").symlink_to(synced / "mlpath-state.json")
    result = invoke(["--home", str(home), "log", "0.5", "--note", "through the link"])
    assert result.exit_code == 0, result.stderr
    assert (home / "state.json").is_symlink()  # the link survives
    assert b"through the link" in (synced / "mlpath-state.json").read_bytes()
    assert (home / "state.json.bak").read_bytes() == real[0]  # the backup stays beside the link
    assert temps(home) == [] and temps(synced) == []


def test_symlink_to_something_else_is_refused(tmp_path: Path, figures: Figures) -> None:
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    precious = elsewhere / "notes.txt"
    precious.write_text("my notes, not an mlpath state\n")
    (home / "state.json").symlink_to(precious)
    (home / "state.json.bak").write_text("{}")
    tally = Tally()
    before = snapshot(precious)
    for args in (["log", "0.5"], ["plan", "--force"], ["next"]):
        tally.check(home, args, bad=True, label="symlink to a text file")
    assert snapshot(precious) == before and (home / "state.json").is_symlink()
    tally.record(figures, "a symlink to someone else's file")
    assert tally.problems == []


@pytest.mark.parametrize("kind", ["folder", "fifo", "/dev/zero", "symlink loop"])
def test_not_a_regular_file(kind: str, tmp_path: Path, figures: Figures) -> None:
    home = tmp_path / "home"
    home.mkdir()
    state = home / "state.json"
    if kind == "folder":
        state.mkdir()
    elif kind == "fifo":
        os.mkfifo(state)
    elif kind == "/dev/zero":
        state.symlink_to("/dev/zero")
    else:
        state.symlink_to(home / "loop")
        (home / "loop").symlink_to(state)
    for args in (["log", "0.5"], ["next"], ["plan", "--force"]):
        result = invoke(["--home", str(home), *args])
        assert result.exit_code == 1, (kind, args, result.stdout)
        assert not crashed(result)
        assert str(state) in result.stderr
    assert os.path.lexists(state)
    if kind == "folder":
        assert state.is_dir()
    elif kind == "fifo":
        assert stat.S_ISFIFO(os.lstat(state).st_mode)
    else:
        assert state.is_symlink()
    figures.add("overwritten bad files", 0, 3)
    figures.add("tracebacks", 0, 3)


def _without_root_powers() -> list[str]:
    """A command prefix that makes root obey file permissions (or [] when not root)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    caps = "-dac_override,-dac_read_search,-fowner"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", "--"]


def test_read_only_folder(real: tuple[bytes, bytes], tmp_path: Path, figures: Figures) -> None:
    import sys

    home = tmp_path / "home"
    _put(home, *real)
    # the lock lives outside the home (store/local.py), so only the save itself is refused
    before, bak_before = snapshot(home / "state.json"), snapshot(home / "state.json.bak")
    home.chmod(0o555)
    try:
        env = mlpath_env(home)
        prefix = _without_root_powers()

        def run(args: list[str]) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [*prefix, sys.executable, "-m", "mlpath", *args],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )

        changing = run(["log", "0.5"])
        reading = run(["next"])
    finally:
        home.chmod(0o755)
    assert changing.returncode == 1, changing.stdout
    assert changing.stderr.strip() == (
        f"Error: Could not save {home / 'state.json'}: permission denied; nothing was changed. "
        "Free some space or fix the folder's permissions, then run the command again."
    )
    assert reading.returncode == 0, reading.stderr  # reading needs no write access
    assert snapshot(home / "state.json") == before
    assert snapshot(home / "state.json.bak") == bak_before
    assert temps(home) == []
    figures.add("overwritten bad files", 0, 1)
    figures.add("tracebacks", 0, 2)


def test_unreadable_file(real: tuple[bytes, bytes], tmp_path: Path) -> None:
    import sys

    home = tmp_path / "home"
    _put(home, *real)
    (home / "state.json").chmod(0)
    try:
        result = subprocess.run(
            [*_without_root_powers(), sys.executable, "-m", "mlpath", "next"],
            env=mlpath_env(home),
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        (home / "state.json").chmod(0o600)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: Cannot read {home / 'state.json'}: Permission denied.")
    assert (home / "state.json").read_bytes() == real[0]


def test_catches_a_store_that_overwrites_bad_files(
    real: tuple[bytes, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks above can fail: a store that starts afresh on a bad file is caught."""
    home = tmp_path / "home"
    _put(home, real[0][: len(real[0]) // 2], real[1])
    monkeypatch.setattr(
        storage.Store, "parse", lambda self, raw: storage.empty_state()
    )  # "forgiving": treats damage as a fresh start
    tally = Tally()
    tally.check(home, ["plan", "--force"], bad=True, label="forgiving store")
    assert tally.c["overwritten"] == 1
