"""Two copies of one long history merged as their events come (core/merge.py's
union, for `mlpath merge` and the git driver at 100,000 events and more).

Pure. Each copy gives its events a batch at a time, in its own order; a copy
mlpath wrote is sorted by time, then id (each copy's stamps increase, and a merge
writes the merged order), so the union is one pass over both, like the merge
step of a merge sort: nothing is held but a batch of each. The events both copies
begin with, byte for byte (`shared`), come once. Every event is checked as it
passes; what the whole merge would refuse, or could order otherwise, raises
Unusual, and the caller merges the copies whole (core/merge.py), which then says
exactly what is wrong. So this never decides anything the whole merge would not:

- each copy's events must be in the merged order (time to the microsecond, then
  id), with increasing `seq`;
- an id met in both copies at one place must be one event (`same_event`); met anywhere
  else, or twice in one copy, it stops the stream (each writer's counters must
  rise along the merged history, version 2's ids must not repeat), so two events
  with one id never both pass;
- the copies must share an event (the first shared one settles it).

Copies with a snapshot are left to the whole merge: a save compacts a history
past 5,000 events, so such a copy is short, and what its snapshot absorbed is for
core/merge.py to weigh.
"""

from __future__ import annotations

from itertools import islice
from operator import add, itemgetter, lt

from mlpath.core.compaction import Unusual
from mlpath.core.merge import Tally, at_key, same_event

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any

BATCH = 2048  # merged events handed on at a time

__all__ = ["Merge", "Unusual"]


class _Side:
    """One copy's events as they come, with the checks of its own order."""

    __slots__ = ("batches", "events", "keys", "i", "seq", "key")

    def __init__(self, batches: Iterable[list[dict[str, Any]]], seq: int, key: str) -> None:
        self.batches = iter(batches)
        self.events: list[dict[str, Any]] = []
        self.keys: list[str] = []
        self.i = 0
        self.seq = seq  # the last seq and order key seen: each next one must be above
        self.key = key

    def fill(self) -> bool:
        """The next batch read and checked; False when the copy is done."""
        for events in self.batches:
            if not events:
                continue
            if events[0]["seq"] <= self.seq:
                raise Unusual("seq goes back")  # (within a batch the shape check holds it)
            self.seq = events[-1]["seq"]
            self.events, self.keys, self.i = events, keys_of(events, self.key), 0
            self.key = self.keys[-1]
            return True
        self.events, self.keys, self.i = [], [], 0
        return False


def keys_of(events: list[dict[str, Any]], after: str) -> list[str]:
    """Each event's place in the merged order as one string (a stamp is 27 characters,
    so its text and the id side by side sort as core/merge.py's `order_key`), checked
    to rise from `after` (in C: maps over the batch, no loop here)."""
    ats = list(map(_AT, events))
    if set(map(len, ats)) != {27}:  # whole seconds (version 1), padded as order_key does
        ats = [at_key(at) for at in ats]
        if set(map(len, ats)) != {27}:
            raise Unusual("a stamp mlpath did not write")
    keys = list(map(add, ats, map(_ID, events)))
    if not after < keys[0] or not all(map(lt, keys, islice(keys, 1, None))):
        raise Unusual("events out of the merged order")
    return keys


_AT, _ID = itemgetter("at"), itemgetter("id")


class Merge:
    """The union of `ours` and `theirs` (batches of parsed, shape-checked events),
    after the events both begin with (`shared`, the same in both), numbered again
    from 1. Iterate for the merged events, a batch at a time; then `met` (the
    copies share an event), `new` (what theirs brought, counted), `plans` (each
    side's plans and replans the other had not seen) and `undone` (what every
    `undone` names) describe it. After each batch, `counters` holds each writer's
    highest counter so far and the batch's version-2 ids (what compaction needs)."""

    def __init__(
        self,
        shared: Iterable[list[dict[str, Any]]],
        ours: Iterable[list[dict[str, Any]]],
        theirs: Iterable[list[dict[str, Any]]],
    ) -> None:
        self.shared = shared
        self.ours = ours
        self.theirs = theirs
        self.met = False
        self.new = Tally()
        self.plans: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
        self.undone: set[str] = set()  # named by `undone` events
        self.targets: set[str] = set()  # named by `undone` and `drop` events
        self.n = 0
        self._top: dict[str, int] = {}  # each writer's last counter, along the merge
        self._legacy: set[str] = set()
        self.counters: tuple[dict[str, int], list[str]] = ({}, [])

    def __iter__(self) -> Iterator[list[dict[str, Any]]]:
        seq, key = 0, ""
        for events in self.shared:
            if not events:
                continue
            self.met = True
            if events[0]["seq"] <= seq:
                raise Unusual("seq goes back")
            seq = events[-1]["seq"]
            key = keys_of(events, key)[-1]
            yield self._pass(events)
        a, b = _Side(self.ours, seq, key), _Side(self.theirs, seq, key)
        yield from self._join(a, b)

    def _join(self, a: _Side, b: _Side) -> Iterator[list[dict[str, Any]]]:
        out: list[dict[str, Any]] = []
        new = self.new.add
        ours_plans, theirs_plans = self.plans
        plans = ("plan", "replan")
        more_a, more_b = a.fill(), b.fill()
        while more_a and more_b:
            ea, ka, i = a.events, a.keys, a.i
            eb, kb, j = b.events, b.keys, b.i
            na, nb = len(ka), len(kb)
            while i < na and j < nb:
                x, y = ka[i], kb[j]
                if x < y:
                    e = ea[i]
                    if e["type"] in plans:
                        ours_plans.append(e)
                    out.append(e)
                    i += 1
                elif y < x:
                    e = eb[j]
                    new(e)
                    if e["type"] in plans:
                        theirs_plans.append(e)
                    out.append(e)
                    j += 1
                else:  # one id, one place: it must be one event
                    if not same_event(ea[i], eb[j]):
                        raise Unusual("one id, two events")
                    self.met = True
                    out.append(ea[i])
                    i += 1
                    j += 1
            a.i, b.i = i, j
            if len(out) >= BATCH:
                yield self._pass(out)
                out = []
            if i == na:
                more_a = a.fill()
            if j == nb:
                more_b = b.fill()
        while more_a:  # the rest of one side
            rest = a.events[a.i :]
            ours_plans.extend(e for e in rest if e["type"] in plans)
            out.extend(rest)
            yield self._pass(out)
            out = []
            more_a = a.fill()
        while more_b:
            rest = b.events[b.i :]
            for e in rest:
                new(e)
                if e["type"] in plans:
                    theirs_plans.append(e)
            out.extend(rest)
            yield self._pass(out)
            out = []
            more_b = b.fill()
        if out:
            yield self._pass(out)

    def _pass(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Number the merged events, and hold each id to once in the merged history."""
        n, top, legacy = self.n, self._top, self._legacy
        new_legacy = []
        for e in events:
            n += 1
            if e["seq"] != n:
                e["seq"] = n
            eid = e["id"]
            if len(eid) > 9 and eid[8] == "-":
                writer, counter = eid[:8], int(eid[9:])
                if counter <= top.get(writer, 0):
                    raise Unusual("an id twice, or a writer's events out of order")
                top[writer] = counter
            elif eid in legacy:
                raise Unusual("an id twice")
            else:
                legacy.add(eid)
                new_legacy.append(eid)
            kind = e["type"]
            if kind == "log" or kind == "done":
                continue
            if kind == "undone":
                self.undone.add(e["undoes"])
                self.targets.add(e["undoes"])
            elif kind == "drop":
                self.targets.add(e["drops"])
        self.n = n
        self.counters = dict(top), new_legacy
        return events
