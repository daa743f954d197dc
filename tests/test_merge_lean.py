"""The lean merge path gives the file the simple one would.

`mlpath merge` (and the git merge driver) renumber the merged events in place,
share one dict per event between the copies, sort by the stamp alone when every
stamp differs, lay the plan from the compacted state and write the archive and
state.json through one encoder. None of that may change a byte of what is
written: here random histories of two machines, saved as real state files, are
merged by the app and by the driver, and compared with the simple merge written
out in this file (json.loads, a union by id, sorted by time then id, numbered
again, one json.dumps a line).
"""

from __future__ import annotations

import copy
import gc
import json
import shutil
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlpath.app.merge import merge_copies, no_gc
from mlpath.app.merge_driver import merge_sides
from mlpath.core import ledger
from mlpath.core.compaction import COMPACT_AT, compact
from mlpath.core.merge import merge_states
from mlpath.core.schedule import Settings
from mlpath.store.catalog import resolve
from mlpath.store.state import Store, encode_state

ITEMS = ["python-libraries", "statistics", "linear-algebra", "regression"]
NOTES = ["", "practice", "Übung — café", "tab\there", "\x1b[31mred", "\u202eevil"]
# a step: kind, day offset, item, note, and whether the stamp is whole seconds (version 1)
STEP = st.tuples(
    st.sampled_from(["log", "log", "done", "review", "undo", "replan"]),
    st.integers(0, 20),
    st.integers(0, 3),
    st.integers(0, len(NOTES) - 1),
    st.booleans(),
)
STEPS = st.lists(STEP, max_size=30)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", "2027-02-15")


def _plan(hours: int) -> dict[str, Any]:
    return ledger.plan_record(
        roadmap_id="practical",
        roadmap_hash=resolve("practical").content_hash,  # a plan that lays
        roadmap_path=None,
        settings=Settings("beginner", Fraction(hours), date(2027, 1, 4)),
    )


def _stamp(t: int, whole: bool) -> str:
    """Microseconds after 10:00 as a stamp; `whole`: version 1's whole seconds, which
    sort before the microsecond stamps of their second."""
    s, us = divmod(t, 1_000_000)
    head = f"2027-01-05T{10 + s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{head}Z" if whole else f"{head}.{us:06d}Z"


def grow(state: dict[str, Any], steps: list[Any], t: int, writer: str) -> None:
    """Append one machine's events; `t` steps by 3 µs, so the two machines' stamps
    interleave, and whole-second stamps tie with the other machine's now and then."""
    own: list[dict[str, Any]] = []
    for i, (kind, day, item, note, whole) in enumerate(steps):
        at = _stamp(t + 3 * i, whole)
        on = (date(2027, 1, 4) + timedelta(days=day)).isoformat()
        extra = {"note": NOTES[note]} if NOTES[note] else {}
        if kind == "log":
            own.append(ledger.append(state, "log", at, writer=writer, hours="0.5", on=on, **extra))
        elif kind == "done":
            own.append(ledger.append(state, "done", at, writer=writer, item=ITEMS[item], on=on))
        elif kind == "review":
            own.append(
                ledger.append(
                    state, "review", at, writer=writer, item=ITEMS[item], on=on, rating="good"
                )
            )
        elif kind == "undo":
            if own:
                ledger.append(state, "undone", at, writer=writer, undoes=own.pop()["id"])
        else:
            own.append(ledger.append(state, "replan", at, writer=writer, plan=_plan(10 + day)))


def two_machines(
    common: list[Any], mine: list[Any], theirs: list[Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    base: dict[str, Any] = {"format": "mlpath-state", "version": 3, "events": []}
    ledger.append(base, "plan", _stamp(0, False), writer="0000000a", plan=_plan(15))
    grow(base, common, 10, "0000000a")
    a, b = copy.deepcopy(base), copy.deepcopy(base)
    start = 10 + 3 * len(common) + 1
    grow(a, mine, start, "0000000b")
    grow(b, theirs, start + 1, "0000000c")
    return a, b


# --- the simple merge, written out here ---------------------------------------------------


def simple_merge(ours_raw: bytes, theirs_raw: bytes) -> dict[str, Any]:
    ours, theirs = json.loads(ours_raw), json.loads(theirs_raw)
    union: dict[str, dict[str, Any]] = {}
    for e in ours["events"] + theirs["events"]:
        union.setdefault(e["id"], e)

    def key(e: dict[str, Any]) -> tuple[str, str]:
        head, _, frac = e["at"].rstrip("Z").partition(".")
        return f"{head}.{frac:0<6}Z", e["id"]  # whole seconds: .000000

    events = [{**e, "seq": n} for n, e in enumerate(sorted(union.values(), key=key), 1)]
    return {**{k: v for k, v in ours.items() if k != "events"}, "events": events}


def file_bytes(state: dict[str, Any]) -> bytes:
    """The state file's layout: the header on the first line, then one event a line."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    head = {k: v for k, v in state.items() if k != "events"}
    lines = [dump(e) for e in state["events"]]
    body = "\n" + ",\n".join(lines) + "\n" if lines else ""
    return (dump(head)[:-1] + ', "events": [' + body + "]}\n").encode("utf-8")


def _home(tmp: Path, ours: bytes, theirs: bytes) -> Path:
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    (tmp / "state.json").write_bytes(ours)
    (tmp / "state-LAPTOP.json").write_bytes(theirs)
    return tmp


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(STEPS, STEPS, STEPS)
def test_merge_and_the_driver_write_what_the_simple_merge_writes(
    tmp_path: Path, common: list[Any], mine: list[Any], theirs: list[Any]
) -> None:
    a, b = two_machines(common, mine, theirs)
    ours_raw, theirs_raw = encode_state(a), encode_state(b)
    expected = file_bytes(simple_merge(ours_raw, theirs_raw))

    home = _home(tmp_path / "home", ours_raw, theirs_raw)
    merge_copies(Store(home))
    assert (home / "state.json").read_bytes() == expected
    if expected != ours_raw:  # a change keeps the old file, as it was, as the .bak
        assert (home / "state.json.bak").read_bytes() == ours_raw

    side = _home(tmp_path / "git", ours_raw, theirs_raw)
    merge_sides(side / "state.json", side / "state-LAPTOP.json")
    assert (side / "state.json").read_bytes() == expected


def test_a_long_merge_compacts_as_a_save_would_and_archives_every_event(tmp_path: Path) -> None:
    """3,000 shared events and 1,500 + 1,200 of each machine's own: 5,700 merged, over
    COMPACT_AT (5,000), so the merge compacts before it lays the plan. The archive and
    state.json are those of compacting the simple merge's result: the last 1,000
    events stay (no undo, and every machine's counters in time order there), 4,700 go.
    (Whole-second stamps only in the shared part: they sort first, all archived.)"""
    steps = [("log", i % 20, i % 4, i % len(NOTES), i % 7 == 0) for i in range(2999)]
    mine = [("done" if i % 5 else "log", i % 20, i % 4, 0, False) for i in range(1500)]
    theirs = [("log", i % 20, i % 4, i % 3, False) for i in range(1200)]
    a, b = two_machines(steps, mine, theirs)
    ours_raw, theirs_raw = encode_state(a), encode_state(b)
    simple = simple_merge(ours_raw, theirs_raw)
    assert len(simple["events"]) == 3000 + 1500 + 1200 > COMPACT_AT
    moved = compact(simple)
    assert len(moved) == 4700 and len(simple["events"]) == 1000

    home = _home(tmp_path / "home", ours_raw, theirs_raw)
    merge_copies(Store(home))
    assert (home / "state.json").read_bytes() == file_bytes(simple)
    archive = home / "state.json.history" / "events-000000001-000004700.jsonl"
    assert archive.read_bytes() == "".join(json.dumps(e) + "\n" for e in moved).encode("ascii")

    # the git driver does not compact: every merged event stays in state.json
    side = _home(tmp_path / "git", ours_raw, theirs_raw)
    merge_sides(side / "state.json", side / "state-LAPTOP.json")
    assert (side / "state.json").read_bytes() == file_bytes(simple_merge(ours_raw, theirs_raw))


@settings(max_examples=50, deadline=None)
@given(STEPS, STEPS, STEPS)
def test_renumbering_in_place_gives_the_same_merge_and_only_it_changes_the_copies(
    common: list[Any], mine: list[Any], theirs: list[Any]
) -> None:
    a, b = two_machines(common, mine, theirs)
    before = copy.deepcopy((a, b))
    plain = merge_states([("A", a), ("B", b)])
    assert (a, b) == before  # the pure merge changes neither copy
    lean = merge_states([("A", a), ("B", b)], renumber_in_place=True)
    assert lean == plain
    # the copies now hold the merged dicts: the other copy's duplicates are gone
    merged_ids = {id(e) for e in lean["events"]}
    assert all(id(e) in merged_ids for e in b["events"])


def test_compaction_sums_a_days_hours_exactly(tmp_path: Path) -> None:
    """Three logs of 0.1 h and one of 1/3 h on one day fold into one snapshot line:
    0.3 + 1/3 = 9/30 + 10/30 = 19/30 h, which has no short decimal, so it stays 19/30."""
    state: dict[str, Any] = {"format": "mlpath-state", "version": 3, "events": []}
    ledger.append(state, "plan", _stamp(0, False), writer="0000000a", plan=_plan(15))
    for i, hours in enumerate(["0.1", "1/3", "0.1", "0.1"]):
        ledger.append(
            state, "log", _stamp(i + 1, False), writer="0000000a", hours=hours, on="2027-01-05"
        )
    ledger.append(
        state, "done", _stamp(9, False), writer="0000000a", item=ITEMS[0], on="2027-01-05"
    )
    compact(state, keep=1)
    assert [g["hours"] for g in state["snapshot"]["logs"]] == ["19/30"]


def test_the_collector_is_paused_for_a_merge_and_back_after_it_even_on_an_error() -> None:
    assert gc.isenabled()
    with no_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), no_gc():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with no_gc():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def _long_copies(
    tail_drop: bool = False,
) -> tuple[dict[str, Any], dict[str, Any]]:
    steps = [("log", i % 20, i % 4, 0, False) for i in range(2999)]
    mine = [("done", i % 20, i % 4, 0, False) for i in range(1500)]
    theirs = [("log", i % 20, i % 4, 0, False) for i in range(1200)]
    a, b = two_machines(steps, mine, theirs)
    if tail_drop:  # `doctor --drop` of the first log, on the other machine, last of all
        ledger.append(
            b, "drop", _stamp(10**6, False), writer="0000000c", drops=a["events"][1]["id"]
        )
    return a, b


def test_a_merge_whose_archive_cannot_be_written_keeps_every_event(tmp_path: Path) -> None:
    """state.json.history is a link: nothing is written through it, so the merged state
    keeps all 5,700 events (3,000 + 1,500 + 1,200) uncompacted, as any save would."""
    a, b = _long_copies()
    ours_raw, theirs_raw = encode_state(a), encode_state(b)
    home = _home(tmp_path / "home", ours_raw, theirs_raw)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (home / "state.json.history").symlink_to(elsewhere)
    merge_copies(Store(home))
    assert list(elsewhere.iterdir()) == []
    assert (home / "state.json").read_bytes() == file_bytes(simple_merge(ours_raw, theirs_raw))


def test_a_drop_of_an_old_event_keeps_the_tail_back_to_it_compacted_once(tmp_path: Path) -> None:
    """A drop in the tail may not be separated from the event it drops (the second
    event of 5,701), so only the plan before it is compacted away, as a save does."""
    a, b = _long_copies(tail_drop=True)
    ours_raw, theirs_raw = encode_state(a), encode_state(b)
    simple = simple_merge(ours_raw, theirs_raw)
    moved = compact(simple)
    assert [e["type"] for e in moved] == ["plan"] and len(simple["events"]) == 5700
    home = _home(tmp_path / "home", ours_raw, theirs_raw)
    merge_copies(Store(home))
    assert (home / "state.json").read_bytes() == file_bytes(simple)
    archive = home / "state.json.history" / "events-000000001-000000001.jsonl"
    assert archive.read_bytes() == (json.dumps(moved[0]) + "\n").encode("ascii")
