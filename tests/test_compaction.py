"""Compaction: a long history folds into a snapshot + tail, and nothing shown changes.

The state keeps a snapshot of the ledger as of an older event and only the
recent events; the older ones move to an archive file written first. These
tests check that the ledger (and so every figure derived from it) is the same
before and after, that no event is lost, and that undo and the shape check
understand the snapshot.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlpath.core import compaction
from mlpath.core import ledger as sm
from mlpath.core.progress import compute
from mlpath.core.schedule import Settings, build
from mlpath.core.views import next_view
from mlpath.store.catalog import resolve
from mlpath.store.state import Store

PLAN = sm.plan_record(
    roadmap_id="practical",
    roadmap_hash=resolve("practical").content_hash,  # a real one: a made-up hash is refused
    roadmap_path=None,
    settings=Settings("beginner", Fraction(15), date(2027, 1, 4)),
)
ITEMS = ["python-libraries", "statistics", "linear-algebra", "regression", "classification"]


def _event(state: dict[str, Any], kind: str, **fields: Any) -> dict[str, Any]:
    return sm.append(state, kind, "2027-01-01T00:00:00Z", writer="0000000a", **fields)


def _summary(led: sm.Ledger) -> tuple[Any, ...]:
    """What every view is computed from: plan, history, done items, study time per day."""
    per_day: dict[date, Fraction] = {}
    for g in led.logs:
        per_day[g.on] = per_day.get(g.on, Fraction(0)) + g.hours
    done = {k: (d.on, d.note, d.evidence) for k, d in led.done.items()}
    return led.plan, led.history, done, per_day


event_kinds = st.sampled_from(["log", "log", "done", "undo", "replan", "plan"])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(event_kinds, st.integers(0, 30), st.integers(0, 4)), max_size=120),
    st.integers(0, 60),
)
def test_snapshot_plus_tail_folds_like_the_whole_history(
    steps: list[tuple[str, int, int]], keep: int
) -> None:
    state: dict[str, Any] = {"events": []}
    _event(state, "plan", plan=PLAN)
    for kind, day, item in steps:
        on = (date(2027, 1, 4) + timedelta(days=day)).isoformat()
        if kind == "log":
            _event(state, "log", hours="1.5", on=on, note=f"n{day}")
        elif kind == "done":
            _event(state, "done", item=ITEMS[item], on=on, note="why", evidence="url")
        elif kind == "undo":
            target = sm.fold_state(state).last_change
            if target is not None:
                _event(state, "undone", undoes=target["id"])
        else:
            _event(state, kind, plan={**PLAN, "hours_per_week": str(10 + day)})
    whole = sm.fold(state["events"])
    moved = compaction.compact(state, keep=keep)
    after = sm.fold_state(state)
    assert _summary(after) == _summary(whole)
    assert sm.check_state(state) is None
    # nothing lost: archive + tail = every event, in order
    seqs = [e["seq"] for e in moved] + [e["seq"] for e in state["events"]]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs))
    # the next event continues the numbering
    if moved:
        assert (
            sm.append(
                state, "log", "2027-01-01T00:00:00Z", writer="0000000a", hours="1", on="2027-01-05"
            )["seq"]
            == max(seqs) + 1
        )
    # compacting again (a snapshot over a snapshot) still agrees
    compaction.compact(state, keep=0)
    assert _summary(sm.fold_state(state)) == _summary(
        sm.fold(state["events"], state.get("snapshot"))
    )


def _long_history(home: Path, n: int) -> Store:
    store = Store(home)
    with store.transaction() as state:
        _event(state, "plan", plan=PLAN)
        for i in range(n):
            on = (date(2027, 1, 4) + timedelta(days=i % 40)).isoformat()
            if i % 97 == 0:
                _event(state, "done", item=ITEMS[(i // 97) % len(ITEMS)], on=on)
            else:
                _event(state, "log", hours="0.25", on=on)
    return store


def test_a_long_history_is_compacted_on_write_and_shows_the_same(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = _long_history(home, compaction.COMPACT_AT + 500)
    roadmap = resolve("practical")
    today = date(2027, 2, 20)
    state = store.read()
    assert len(state["events"]) == compaction.COMPACT_AT + 501 - (
        compaction.COMPACT_AT + 501 - compaction.KEEP_TAIL
    )
    assert state["snapshot"]["upto"] == compaction.COMPACT_AT + 501 - compaction.KEEP_TAIL
    archive = list((home / "state.json.history").glob("events-*.jsonl"))
    assert len(archive) == 1
    archived = [json.loads(line) for line in archive[0].read_text().splitlines()]
    assert [e["seq"] for e in archived] + [e["seq"] for e in state["events"]] == list(
        range(1, compaction.COMPACT_AT + 502)
    )
    # every figure `next` shows is the same as from the full history
    full = sm.fold(archived + state["events"])
    settings_ = sm.settings_of(PLAN)
    view_full = next_view(compute(build(roadmap, settings_), full, today))
    view_now = next_view(compute(build(roadmap, settings_), sm.fold_state(state), today))
    assert view_now == view_full


def test_undo_reaches_through_the_tail_then_says_why_it_stops(tmp_path: Path) -> None:
    from mlpath.app.actions import undo_last
    from mlpath.errors import MlpathError

    home = tmp_path / "home"
    store = _long_history(home, compaction.COMPACT_AT + 10)
    tail = store.read()["events"]
    assert len(tail) == compaction.KEEP_TAIL
    before = sm.fold_state(store.read()).logged_total
    undo_last(store, date(2027, 2, 20))
    assert sm.fold_state(store.read()).logged_total == before - Fraction(1, 4)
    with store.transaction() as state:  # undo every remaining tail change at once
        for e in list(state["events"]):
            if e["type"] != "undone":
                led = sm.fold_state(state)
                if led.last_change is not None:
                    _event(state, "undone", undoes=led.last_change["id"])
    with pytest.raises(MlpathError) as err:
        undo_last(store, date(2027, 2, 20))
    assert "archived" in str(err.value)


@pytest.mark.parametrize(
    ("snapshot", "problem"),
    [
        ("nope", "is not a mapping"),
        ({"upto": "1"}, "has no sequence number"),
        ({"upto": 3, "plan": {"roadmap": 1}}, "holds a plan has no roadmap"),
        ({"upto": 3, "done": [{"item": "x", "on": "2027-13-01", "seq": 1}]}, "done items"),
        ({"upto": 3, "logs": [{"on": "2027-01-01", "hours": "-1", "seq": 1}]}, "study time"),
        ({"upto": 3, "logs": [{"on": "2027-01-01", "hours": "2", "seq": "1"}]}, "study time"),
    ],
)
def test_a_damaged_snapshot_is_refused(snapshot: Any, problem: str) -> None:
    state = {"format": "mlpath-state", "version": 1, "events": [], "snapshot": snapshot}
    found = sm.check_state(state)
    assert found is not None and problem in found


def test_events_must_follow_the_snapshot() -> None:
    state: dict[str, Any] = {"events": [], "snapshot": {"upto": 10}}
    _event(state, "log", hours="1", on="2027-01-05")
    assert state["events"][0]["seq"] == 11 and sm.check_state(state) is None
    state["events"][0]["seq"] = 5
    assert sm.check_state(state) == "event 1 is out of order"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["log", "log", "item", "done"]), st.integers(0, 40), st.integers(0, 4)
        ),
        max_size=80,
    ),
    st.integers(0, 80),
)
def test_a_compacted_copy_gives_the_same_credit(
    steps: list[tuple[str, int, int]], keep: int
) -> None:
    """Study time is kept per day and per item (`log --item`) in the snapshot, so
    the credit of every item (core/progress.py) is the same as from all the events."""
    roadmap = resolve("practical")
    state: dict[str, Any] = {"events": []}
    _event(state, "plan", plan=PLAN)
    for kind, n, item in steps:
        on = (date(2027, 1, 4) + timedelta(days=n)).isoformat()
        if kind == "log":
            _event(state, "log", hours="2.5", on=on)
        elif kind == "item":
            _event(state, "log", hours="3", on=on, item=ITEMS[item])
        else:
            _event(state, "done", item=ITEMS[item], on=on)
    sched = build(roadmap, sm.settings_of(PLAN))
    today = date(2027, 2, 20)
    whole = compute(sched, sm.fold(state["events"]), today)
    compaction.compact(state, keep=keep)
    assert sm.check_state(state) is None
    after = compute(sched, sm.fold_state(state), today)
    assert after.credit == whole.credit
    assert after.credited_effort == whole.credited_effort
    assert after.pace == whole.pace


def test_log_items_are_checked_in_events_and_snapshots() -> None:
    state: dict[str, Any] = {"events": []}
    _event(state, "log", hours="1", on="2027-01-05", item=7)
    assert sm.check_state(state) == "event 1 names an item that is not an id"
    bad = {"upto": 3, "logs": [{"on": "2027-01-01", "hours": "2", "seq": 1, "item": []}]}
    found = sm.check_state({"events": [], "snapshot": bad})
    assert found is not None and "study time" in found


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ({"credit": {"statistics": "-1"}}, "a plan's credit is not a mapping of item ids to hours"),
        ({"credit": ["statistics"]}, "a plan's credit is not a mapping of item ids to hours"),
        ({"credit": {}, "credit_before": "soon"}, "a plan's credit_before is not a date"),
    ],
)
def test_a_replans_credit_is_checked(extra: dict[str, Any], problem: str) -> None:
    state: dict[str, Any] = {"events": []}
    _event(state, "replan", plan={**PLAN, **extra})
    assert sm.check_state(state) == f"event 1: {problem}"


def test_a_writers_counters_out_of_order_move_the_cut_before_the_higher_one() -> None:
    """Ids edited by hand so that writer a's counters run 1, 2, 3, 6, 4, 5, 7, 8. Keeping
    3 events would cut after a-4, leaving a-5 in the tail while a-6 is absorbed (a
    version vector of 6 would claim a-5 too), so the cut moves before a-6: the snapshot
    absorbs a-1..a-3 (vector {a: 3}) and the tail keeps a-6, a-4, a-5, a-7, a-8."""
    state: dict[str, Any] = {"format": "mlpath-state", "version": 3, "events": []}
    sm.append(state, "plan", "2027-01-04T08:00:00.000000Z", writer="0000000a", plan=PLAN)
    for i in range(7):
        stamp = f"2027-01-04T09:00:0{i}.000000Z"
        sm.append(state, "log", stamp, writer="0000000a", hours="1", on="2027-01-04")
    for e, n in zip(state["events"], [1, 2, 3, 6, 4, 5, 7, 8], strict=True):
        e["id"] = f"0000000a-{n}"
    moved = compaction.compact(state, keep=3)
    assert [e["id"][9:] for e in moved] == ["1", "2", "3"]
    assert [e["id"][9:] for e in state["events"]] == ["6", "4", "5", "7", "8"]
    assert state["snapshot"]["vv"] == {"0000000a": 3}
    assert state["snapshot"]["upto"] == 3


def test_an_undo_the_moved_cut_brings_into_the_tail_moves_it_again() -> None:
    """Two machines' histories interleaved by a merge: a ticks A and b ticks B, then a
    undoes A and b undoes B. Keeping 1 event leaves b's undo in the tail, so the cut
    moves back to B; that brings a's undo of A into the tail, so it moves back to A
    too. Cut only once, the snapshot would fold A as done while its undo stays in the
    tail naming an absorbed event, and A would come back ticked."""
    state: dict[str, Any] = {"format": "mlpath-state", "version": 3, "events": []}
    stamp = "2027-01-04T08:00:0{}.000000Z".format
    sm.append(state, "plan", stamp(0), writer="0000000a", plan=PLAN)
    a = sm.append(state, "done", stamp(1), writer="0000000a", item=ITEMS[0], on="2027-01-05")
    b = sm.append(state, "done", stamp(2), writer="0000000b", item=ITEMS[1], on="2027-01-05")
    sm.append(state, "undone", stamp(3), writer="0000000a", undoes=a["id"])
    sm.append(state, "undone", stamp(4), writer="0000000b", undoes=b["id"])
    whole = sm.fold(state["events"])
    assert not whole.done
    moved = compaction.compact(state, keep=1)
    assert [e["type"] for e in moved] == ["plan"]
    assert [e["id"] for e in state["events"][:1]] == [a["id"]]
    assert _summary(sm.fold_state(state)) == _summary(whole)
    assert sm.check_state(state) is None


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("ab"), st.sampled_from(["log", "done", "undo"]),
                       st.integers(0, 4)), max_size=60),
    st.integers(0, 20),
)  # fmt: skip
def test_interleaved_undos_of_two_machines_compact_like_the_whole_history(
    steps: list[tuple[str, str, int]], keep: int
) -> None:
    """Each machine undoes its own last change, as `mlpath undo` does; the merged
    history interleaves them, so an undo may name an event well before the ones
    around it."""
    state: dict[str, Any] = {"format": "mlpath-state", "version": 3, "events": []}
    sm.append(state, "plan", "2027-01-04T08:00:00.000000Z", writer="0000000a", plan=PLAN)
    mine: dict[str, list[str]] = {"a": [], "b": []}  # each machine's changes not undone
    for n, (who, kind, item) in enumerate(steps):
        writer, stamp = f"0000000{who}", f"2027-01-04T09:{n // 60:02d}:{n % 60:02d}.000000Z"
        if kind == "undo":
            if mine[who]:
                sm.append(state, "undone", stamp, writer=writer, undoes=mine[who].pop())
            continue
        fields = {"hours": "1", "on": "2027-01-05"} if kind == "log" else {
            "item": ITEMS[item], "on": "2027-01-05"}  # fmt: skip
        mine[who].append(sm.append(state, kind, stamp, writer=writer, **fields)["id"])
    whole = sm.fold(state["events"])
    compaction.compact(state, keep=keep)
    assert _summary(sm.fold_state(state)) == _summary(whole)
    assert sm.check_state(state) is None


def test_the_cut_never_splits_a_command_so_its_undo_takes_it_all_back(tmp_path: Path) -> None:
    """The cut fell between two ticks of one `done` command: undo, which sees only the
    tail, took back the second tick and left the first done."""
    from mlpath.app.actions import undo_last

    store = Store(tmp_path / "home")
    with store.transaction() as state:
        _event(state, "plan", plan=PLAN)
        for _ in range(compaction.COMPACT_AT - 900):
            _event(state, "log", hours="0.25", on="2027-01-05")
        batch = sm.next_seq(state["events"], state)
        for item in ("python-libraries", "statistics"):  # one command: the cut's place
            _event(state, "done", item=item, on="2027-01-06", batch=batch)
        later = [_event(state, "log", hours="0.25", on="2027-01-07") for _ in range(500)]
        for e in later[:-1]:  # changes taken back: the command is the one before the last
            _event(state, "undone", undoes=e["id"])
    tail = store.read()["events"]
    assert tail[0]["item"] == "python-libraries"  # the cut moved back to the command
    undo_last(store, date(2027, 1, 20))  # the last log
    undo_last(store, date(2027, 1, 20))
    assert sm.fold_state(store.read()).done == {}
