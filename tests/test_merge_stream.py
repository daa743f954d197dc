"""The streaming merge writes what the whole merge writes, and leaves it the rest.

`mlpath merge` of one long copy (and the git driver on two long sides) reads the
files as lines, merges them a batch at a time and compacts as it goes
(app/merge_stream.py). Here every merge is sent down that path (no size floor,
batches of a line or two, merged 50 at a time) and compared, file for file and
line for line, with the whole merge (app/merge.py with the stream turned off) and
with the simple merge written out in tests/test_merge_lean.py. What the stream
does not handle exactly (a damaged or another learner's copy, an undo reaching
back past what it folded, an archive it cannot write) must leave the whole merge
to do it: the same files, the same sentence.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mlpath.app import merge_stream
from mlpath.app.merge import merge_copies
from mlpath.app.merge_driver import merge_sides
from mlpath.core import ledger
from mlpath.core import merge_stream as core_stream
from mlpath.core.compaction import Compactor, Unusual, compact
from mlpath.core.shape import split_id
from mlpath.errors import MlpathError
from mlpath.store import state_lines
from mlpath.store.state import Store, encode_state
from test_merge_lean import (
    ITEMS,
    STEPS,
    _home,
    _long_copies,
    _plan,
    _stamp,
    file_bytes,
    simple_merge,
    two_machines,
)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", "2027-02-15")


class Paths:
    """Which path each merge took: True streamed, False left to the whole merge."""

    def __init__(self) -> None:
        self.took: list[bool] = []


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setattr(merge_stream, "STREAM_BYTES", 0)
    monkeypatch.setattr(state_lines, "BATCH_BYTES", 300)  # a line or two a batch
    monkeypatch.setattr(core_stream, "BATCH", 50)  # merged events handed on at a time
    paths = Paths()
    long_merge, long_sides = merge_stream.merge_long, merge_stream.merge_sides_long

    def merge_long(*args: Any) -> Any:
        out = long_merge(*args)
        paths.took.append(out is not None)
        return out

    def merge_sides_long(*args: Any) -> bool:
        out = long_sides(*args)
        paths.took.append(out)
        return out

    monkeypatch.setattr(merge_stream, "merge_long", merge_long)
    monkeypatch.setattr(merge_stream, "merge_sides_long", merge_sides_long)
    monkeypatch.setattr(sys.modules[__name__], "_PATHS", paths)
    return paths


_PATHS = Paths()


def whole(fn: Any, *args: Any) -> Any:
    """`fn` run with the stream turned off (the whole merge, as for short histories);
    not counted in the paths taken."""
    floor, taken = merge_stream.STREAM_BYTES, len(_PATHS.took)
    merge_stream.STREAM_BYTES = 1 << 62
    try:
        return fn(*args)
    finally:
        merge_stream.STREAM_BYTES = floor
        del _PATHS.took[taken:]


def files(home: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()
    }


def both(tmp: Path, ours: bytes, theirs: bytes) -> tuple[Any, Any, Path, Path]:
    """The stream's merge and the whole merge of the same two files, in two homes
    named alike (the --json view names the folder)."""
    a = _home(tmp / "stream" / "home", ours, theirs)
    b = _home(tmp / "whole" / "home", ours, theirs)
    got = merge_copies(Store(a))
    want = whole(merge_copies, Store(b))
    return got, want, a, b


def same_result(got: Any, want: Any, a: Path, b: Path) -> None:
    assert files(a) == files(b)
    swap = str(b.parent), str(a.parent)
    assert json.loads(json.dumps(got.view)) == json.loads(json.dumps(want.view).replace(*swap))
    assert got.lines == [line.replace(*swap) for line in want.lines]


def assert_compacted_as_simple(home: Path, ours_raw: bytes, theirs_raw: bytes, moved: int) -> None:
    """state.json and its archive are what compacting the simple merge leaves: the
    first `moved` events in the archive, the rest in the state."""
    simple = simple_merge(ours_raw, theirs_raw)
    out = compact(simple)
    assert len(out) == moved
    assert (home / "state.json").read_bytes() == file_bytes(simple)
    archive = home / "state.json.history" / f"events-000000001-{moved:09d}.jsonl"
    assert archive.read_bytes() == "".join(json.dumps(e) + "\n" for e in out).encode("ascii")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(STEPS, STEPS, STEPS)
def test_the_stream_writes_what_the_whole_merge_and_the_simple_one_write(
    tmp_path: Path, streamed: Paths, common: list[Any], mine: list[Any], theirs: list[Any]
) -> None:
    streamed.took.clear()
    a, b = two_machines(common, mine, theirs)
    ours_raw, theirs_raw = encode_state(a), encode_state(b)
    got, want, home, other = both(tmp_path, ours_raw, theirs_raw)
    same_result(got, want, home, other)
    assert (home / "state.json").read_bytes() == file_bytes(simple_merge(ours_raw, theirs_raw))

    side = _home(tmp_path / "git", ours_raw, theirs_raw)
    merge_sides(side / "state.json", side / "state-LAPTOP.json")
    assert (side / "state.json").read_bytes() == file_bytes(simple_merge(ours_raw, theirs_raw))
    assert streamed.took == [True, True]  # both went down the stream


def test_a_long_merge_folded_as_it_goes_is_the_whole_merge_compacted(
    tmp_path: Path, streamed: Paths
) -> None:
    """5,700 merged events (3,000 shared, 1,500 and 1,200 each machine's own), folded a
    batch at a time past the 5,000 a window holds: the archive holds the first 4,700 and
    state.json the last 1,000, as compacting the simple merge leaves them."""
    a, b = _long_copies()
    ours_raw, theirs_raw = encode_state(a), encode_state(b)
    got, want, home, other = both(tmp_path, ours_raw, theirs_raw)
    assert streamed.took == [True]
    same_result(got, want, home, other)
    assert_compacted_as_simple(home, ours_raw, theirs_raw, moved=4700)


def test_an_undo_in_the_tail_of_an_event_already_folded_leaves_it_to_the_whole_merge(
    tmp_path: Path, streamed: Paths
) -> None:
    """A drop, last of all, of the second event: compaction keeps everything from that
    event on, but the stream folded it already; the whole merge does it (one plan
    archived, 5,700 events kept), and the stream wrote nothing first."""
    a, b = _long_copies(tail_drop=True)
    ours_raw, theirs_raw = encode_state(a), encode_state(b)
    got, want, home, other = both(tmp_path, ours_raw, theirs_raw)
    assert streamed.took == [False]
    same_result(got, want, home, other)
    simple = simple_merge(ours_raw, theirs_raw)
    assert [e["type"] for e in compact(simple)] == ["plan"]
    assert (home / "state.json").read_bytes() == file_bytes(simple)


def test_an_archive_the_stream_cannot_write_leaves_every_event_in_the_state(
    tmp_path: Path, streamed: Paths
) -> None:
    """state.json.history is a link: nothing is written through it, and the state keeps
    all 5,700 events, as the whole merge keeps them."""
    a, b = _long_copies()
    ours_raw, theirs_raw = encode_state(a), encode_state(b)
    home = _home(tmp_path / "home", ours_raw, theirs_raw)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (home / "state.json.history").symlink_to(elsewhere)
    merge_copies(Store(home))
    assert streamed.took == [False]
    assert list(elsewhere.iterdir()) == []
    assert (home / "state.json").read_bytes() == file_bytes(simple_merge(ours_raw, theirs_raw))


def test_a_hand_edited_line_is_written_as_mlpath_writes_it(tmp_path: Path, streamed: Paths) -> None:
    """One event of the other copy respaced and escaped by hand (`{"seq":...`, `\\u00e9`):
    it reads the same, so the stream takes it, and writes it as the whole merge does,
    in mlpath's own spacing."""
    a, b = _long_copies()
    raw = encode_state(b).decode()
    line = raw.split(",\n")[-2]
    edited = json.dumps({**json.loads(line), "note": "caf\u00e9"}, separators=(",", ":"))
    ours_raw, theirs_raw = encode_state(a), raw.replace(line, edited).encode()
    got, want, home, other = both(tmp_path, ours_raw, theirs_raw)
    assert streamed.took == [True]
    same_result(got, want, home, other)
    written = (home / "state.json").read_text(encoding="utf-8")
    assert '"note": "café"' in written and ',"id":' not in written


def test_compacted_copies_are_left_to_the_whole_merge(tmp_path: Path, streamed: Paths) -> None:
    """Copies with a snapshot (what a save keeps past 5,000 events) are short: the whole
    merge takes them, with what each snapshot absorbed."""
    a, _ = _long_copies()
    compact(a)
    b = copy.deepcopy(a)
    for i in range(3):
        ledger.append(
            b, "log", _stamp(10**6 + i, False), writer="0000000c", hours="1", on="2027-01-06"
        )
    ours_raw, theirs_raw = encode_state(a), encode_state(b)
    got, want, home, other = both(tmp_path, ours_raw, theirs_raw)
    assert streamed.took == [False]
    same_result(got, want, home, other)


def test_a_long_copy_into_a_home_with_no_state_yet_is_left_to_the_whole_merge(
    tmp_path: Path, streamed: Paths
) -> None:
    """No state.json: there is nothing to stream against, and the whole merge takes the
    copy in (compacted, as a save keeps it)."""
    _, b = _long_copies()
    homes = [tmp_path / side / "home" for side in ("stream", "whole")]
    for home in homes:
        home.mkdir(parents=True)
        (home / "state-LAPTOP.json").write_bytes(encode_state(b))
    got = merge_copies(Store(homes[0]))
    want = whole(merge_copies, Store(homes[1]))
    assert streamed.took == [False]
    same_result(got, want, *homes)
    assert (homes[0] / "state.json").exists()


def _refused(home: Path) -> str:
    with pytest.raises(MlpathError) as caught:
        merge_copies(Store(home))
    return caught.value.message


def _damaged(b: dict[str, Any], how: str) -> bytes:
    """The other copy, damaged in its own part (after the lines both begin with)."""
    raw = encode_state(b).decode()
    if how == "hours":
        at = raw.rindex('"hours": "0.5"')
        return (raw[:at] + '"hours": "lots"' + raw[at + 14 :]).encode()
    if how == "truncated":
        return raw[: len(raw) // 2].encode()
    if how == "twice":  # one of its events written again further on, with another stamp
        lines = raw.split(",\n")
        copy = json.loads(lines[-2])
        copy["at"] = lines[-1][lines[-1].index('"at": "') + 7 :][:27]
        return (",\n".join(lines[:-1]) + ",\n" + json.dumps(copy) + ",\n" + lines[-1]).encode()
    if how == "utf8":
        return raw.encode().replace(b'"0000000c-', b'"0000000c-\xff', 1)
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["hours", "truncated", "twice", "utf8"])
def test_a_damaged_copy_is_refused_in_the_whole_merges_words_and_nothing_changes(
    tmp_path: Path, streamed: Paths, how: str
) -> None:
    a, b = _long_copies()
    ours_raw, theirs_raw = encode_state(a), _damaged(b, how)
    home = _home(tmp_path / "stream" / "home", ours_raw, theirs_raw)
    said = _refused(home)
    assert streamed.took == [False]
    other = _home(tmp_path / "whole" / "home", ours_raw, theirs_raw)
    assert said == whole(_refused, other).replace(str(other.parent), str(home.parent))
    assert said.startswith("Cannot merge LAPTOP's copy: ")
    assert files(home) == {"state.json": ours_raw, "state-LAPTOP.json": theirs_raw}


def test_another_learners_copy_is_refused_as_the_whole_merge_refuses_it(
    tmp_path: Path, streamed: Paths
) -> None:
    """Two histories with no event in common (each its own plan, by its own machine)."""
    a, _ = _long_copies()
    other: dict[str, Any] = {"format": "mlpath-state", "version": 3, "events": []}
    ledger.append(other, "plan", _stamp(5, False), writer="0000000d", plan=_plan(15))
    for i in range(50):
        on, item = "2027-01-05", ITEMS[i % 4]
        ledger.append(other, "done", _stamp(100 + i, False), writer="0000000d", item=item, on=on)
    ours_raw, theirs_raw = encode_state(a), encode_state(other)
    home = _home(tmp_path / "stream" / "home", ours_raw, theirs_raw)
    said = _refused(home)
    assert streamed.took == [False]
    assert "shares no event with" in said
    other = _home(tmp_path / "whole" / "home", ours_raw, theirs_raw)
    assert said == whole(_refused, other).replace(str(other.parent), str(home.parent))
    assert files(home) == {"state.json": ours_raw, "state-LAPTOP.json": theirs_raw}


def test_the_driver_leaves_a_lone_surrogate_to_the_whole_merge(
    tmp_path: Path, streamed: Paths
) -> None:
    """A note with a lone surrogate (from undecodable argv bytes) is written escaped, and
    the whole file with it, in ASCII: what encode_state does, so the stream leaves it."""
    a, b = two_machines([("log", 1, 0, 0, False)], [("log", 2, 0, 0, False)], [])
    ledger.append(
        b, "log", _stamp(10**6, False), writer="0000000c", hours="1", on="2027-01-05", note="\udcff"
    )
    ours_raw, theirs_raw = encode_state(a), encode_state(b)
    side = _home(tmp_path / "git", ours_raw, theirs_raw)
    merge_sides(side / "state.json", side / "state-LAPTOP.json")
    assert streamed.took == [False]
    assert (side / "state.json").read_bytes() == encode_state(simple_merge(ours_raw, theirs_raw))


def test_the_command_streams_a_long_copy_with_no_floor_lowered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m mlpath merge` of two copies of 16,001 events (over STREAM_BYTES
    together, so streamed: shown in this process first): the files are those of the
    simple merge, compacted (the plan, 1,000 shared logs and 15,000 events of each
    machine: 31,001 events, less the 1,000 kept, are 30,001 archived), and the copy is
    moved into merged/."""
    steps = [("log", i % 20, i % 4, 1, False) for i in range(1000)]
    mine = [("done" if i % 9 == 0 else "log", i % 20, i % 4, 1, False) for i in range(15000)]
    theirs = [("log", i % 20, i % 4, 2, False) for i in range(15000)]
    a, b = two_machines(steps, mine, theirs)
    ours_raw, theirs_raw = encode_state(a), encode_state(b)
    assert len(ours_raw) + len(theirs_raw) >= merge_stream.STREAM_BYTES
    here = _home(tmp_path / "here", ours_raw, theirs_raw)
    took = []
    long_merge = merge_stream.merge_long
    monkeypatch.setattr(merge_stream, "merge_long", lambda *a: took.append(long_merge(*a)))
    merge_copies(Store(here))
    assert took and took[0] is not None
    home = _home(tmp_path / "home", ours_raw, theirs_raw)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLPATH_")}
    env.update(MLPATH_HOME=str(home), MLPATH_TODAY="2027-02-15")
    env.update(MLPATH_CONFIG_DIR=str(tmp_path / "c"), MLPATH_CACHE_DIR=str(tmp_path / "k"))
    done = subprocess.run(
        [sys.executable, "-m", "mlpath", "merge"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert_compacted_as_simple(home, ours_raw, theirs_raw, moved=30001)
    assert (home / "merged" / "state-LAPTOP.json").read_bytes() == theirs_raw
    assert (home / "state.json.bak").read_bytes() == ours_raw
    assert (here / "state.json").read_bytes() == (home / "state.json").read_bytes()


# --- the Compactor alone: compact() of the whole list, or Unusual when it cannot be ----------

HISTORY = st.lists(
    st.tuples(
        st.sampled_from(["log", "log", "done", "phase", "undo", "drop", "plan"]),
        st.sampled_from(["0000000a", "0000000b"]),
        st.integers(0, 20),
    ),
    min_size=8,
    max_size=60,
)


def _history(steps: list[Any], swap: int) -> list[dict[str, Any]]:
    """Events of two writers; `swap`: two of writer a's ids exchanged (a hand edit that
    puts its counters out of order, which compaction must not cut across)."""
    state: dict[str, Any] = {"format": "mlpath-state", "version": 3, "events": []}
    ledger.append(state, "plan", _stamp(0, False), writer="0000000a", plan=_plan(15))
    for i, (kind, writer, n) in enumerate(steps):
        at, w, on = _stamp(10 + i, False), {"writer": writer}, "2027-01-05"
        events = state["events"]
        if kind == "log":
            ledger.append(state, "log", at, **w, hours=str(1 + n % 3), on=on, item=ITEMS[n % 4])
        elif kind == "done":
            ledger.append(state, "done", at, **w, item=ITEMS[n % 4], on=on)
        elif kind == "plan":
            ledger.append(state, "plan", at, **w, plan=_plan(10 + n))
        elif kind == "phase":  # one command's two events (one undo takes both back)
            batch = ledger.next_seq(events, state)
            for item in (ITEMS[n % 4], ITEMS[(n + 1) % 4]):
                ledger.append(state, "done", at, **w, item=item, on=on, batch=batch)
        else:
            target = events[n % len(events)]["id"]
            key = "undoes" if kind == "undo" else "drops"
            ledger.append(state, "undone" if kind == "undo" else "drop", at, **w, **{key: target})
    events = state["events"]
    mine = [i for i, e in enumerate(events) if e["id"].startswith("0000000a")]
    if swap and len(mine) > 2:
        i, j = mine[swap % len(mine)], mine[(swap * 7) % len(mine)]
        events[i]["id"], events[j]["id"] = events[j]["id"], events[i]["id"]
    return events


@settings(max_examples=300, deadline=None)
@given(HISTORY, st.integers(0, 30), st.integers(1, 9), st.integers(0, 6), st.integers(1, 7))
def test_the_compactor_cuts_where_compact_cuts_or_says_it_cannot(
    steps: list[Any], swap: int, keep: int, extra: int, size: int
) -> None:
    """Compaction past `at` = keep + 3 events, keeping `keep`, with the window holding
    `extra` events more than `at` and batches of `size`: the snapshot, the tail and the
    events moved out are compact()'s, or it raises Unusual, only where compact's cut
    differs from what it had already folded."""
    events = _history(steps, swap)
    at = keep + 3
    whole_state = {"format": "mlpath-state", "version": 3, "events": copy.deepcopy(events)}
    moved = compact(whole_state, keep=keep) if len(events) > at else []
    if not moved or len(whole_state["events"]) > at:
        want = None, events, []
    else:
        want = whole_state["snapshot"], whole_state["events"], moved
    named = {e.get("undoes") or e.get("drops") for e in events} - {None}
    compactor = Compactor(None, named, keep=keep, hold=at + extra, at=at)
    top: dict[str, int] = {}
    folded: list[dict[str, Any]] = []
    for i in range(0, len(events), size):
        batch = copy.deepcopy(events[i : i + size])
        legacy = []
        for e in batch:
            parts = split_id(e["id"])
            if parts is None:
                legacy.append(e["id"])
            else:
                top[parts[0]] = max(top.get(parts[0], 0), parts[1])
        folded += compactor.add(batch, dict(top), legacy)
    try:
        snap, tail, last = compactor.finish()
    except Unusual:  # refused only when compact cuts among the events already folded,
        # or folds one as done that was folded here as undone (its undo stays in the tail)
        hit = {e["id"] for e in folded} & named
        moved_named = {e.get("undoes") or e.get("drops") for e in want[2]} - {None}
        assert folded
        assert len(want[2]) < len(folded) or want[0] is None or not hit <= moved_named
        event("left to the whole merge")
        return
    assert (snap, tail, folded + last) == want
    event("compacted, some folded early" if folded else "compacted at the end" if snap else "short")
