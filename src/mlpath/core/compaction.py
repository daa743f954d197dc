"""Compaction: a snapshot of the ledger as of an older event, plus the events after it.

Pure. A state that has seen many events keeps a snapshot and only the events
after it; the older events go to an archive file beside the state (store/state.py
writes it). Everything derived is the same, but `next` after a change no longer
replays years of history, and `undo` reaches back through the last KEEP_TAIL
changes. What a snapshot absorbed is a version vector (the highest counter per
writer) plus version 2's legacy ids, so it does not grow with every event.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from mlpath.core.ledger import Ledger, Log, fold, same_command, split_id
from mlpath.core.shape import MAX_COUNTER, fraction_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

# --- compaction: snapshot + tail -------------------------------------------------------------
# A state that has seen many events keeps a snapshot of the ledger as of an
# older event, and only the events after it; the older events go to an archive
# file beside the state (store/state.py writes it). Everything derived is the same,
# but `next` after a change no longer replays years of history, and `undo`
# reaches back through the last KEEP_TAIL changes.

COMPACT_AT = 5000  # events in the file before it is compacted
KEEP_TAIL = 1000  # events kept after a compaction (how far `undo` reaches back)


def snapshot_of(
    led: Ledger,
    upto: int,
    vv: dict[str, int] | None = None,
    legacy: list[str] | None = None,
    learner: str | None = None,
) -> dict[str, Any]:
    """The ledger as a snapshot. `vv` (writer -> highest counter) and `legacy` (the
    version-2 ids) say which events it absorbed, so a merge with an uncompacted
    copy counts none of them twice. `learner` is the id of the history's first
    `plan` event (the learner id of export schema 3), kept since the event goes."""
    # Study time is kept per day, item (`log --item`) and mode, so the credit and the
    # theory/practice split derived from it are the same as from the events: within
    # a day, credit depends only on these totals.
    by_day: dict[tuple[date, str, str], list[Log]] = {}
    for g in led.logs:
        by_day.setdefault((g.on, g.item or "", g.mode or ""), []).append(g)
    return {
        "upto": upto,
        "plan": led.plan,
        "plan_seq": led.plan_seq,
        "history": led.history,
        "done": [
            {
                k: v
                for k, v in (
                    ("item", d.item),
                    ("on", d.on.isoformat()),
                    ("seq", d.seq),
                    ("note", d.note),
                    ("evidence", d.evidence),
                )
                if v is not None
            }
            for d in led.done.values()
            if d.by is None
        ],
        # study time is kept per day, item and mode (the notes stay in the archive)
        "logs": [
            {
                "on": day.isoformat(),
                "hours": fraction_text(_total(g.hours for g in logs)),
                "seq": max(g.seq for g in logs),
            }
            | ({"item": item} if item else {})
            | ({"mode": mode} if mode else {})
            for (day, item, mode), logs in sorted(by_day.items())
        ],
        # every review is kept: a card's schedule is its whole history. One recorded
        # before its item was ticked stays pending, as folding the events leaves it
        # (complete_phases decides it), so a snapshot never changes what is derived.
        "reviews": [
            {"item": r.item, "on": r.on.isoformat(), "rating": r.rating, "seq": r.seq}
            | ({"pending": True} if pending else {})
            | ({"v3": True} if r.v3 else {})  # its date is fuzzed (core/reviewload.py)
            for pending, group in ((False, led.reviews), (True, led.pending_reviews))
            for rs in group.values()
            for r in rs
        ],
        "skips": [
            {"item": k.item, "on": k.on.isoformat(), "seq": k.seq}
            | ({"reason": k.reason} if k.reason is not None else {})
            for k in led.skips.values()
        ],
        "dids": [
            {
                "habit": d.habit,
                "on": d.on.isoformat(),
                "count": d.count,
                "minutes": d.minutes,
                "seq": d.seq,
            }
            for d in led.dids
        ],
        "timers": [
            {
                k: v
                for k, v in (
                    ("id", t.id),
                    ("begin", t.begin),
                    ("seq", t.seq),
                    ("item", t.item),
                    ("habit", t.habit),
                    ("mode", t.mode),
                    ("end", t.end),
                    ("capped", t.capped or None),
                    ("cancelled", t.cancelled or None),
                )
                if v is not None
            }
            for t in led.timers.values()
            if not t.cancelled  # a cancelled session counts nothing; a late stop finds none
        ],
        "vv": dict(sorted((vv or {}).items())),
        "legacy": sorted(legacy or ()),
    } | ({"learner": learner} if learner else {})


def _total(hours: Iterable[Fraction]) -> Fraction:
    """The exact sum of many hours, each distinct object added once times its count: a
    history repeats a few figures (`fraction_of` hands out one object per text), and a
    Fraction addition costs more than counting (a compaction after a merge of two long
    histories sums 100,000 of them). Keyed by identity: Fraction's hash is slow too."""
    counts: dict[int, list[Any]] = {}
    for h in hours:
        seen = counts.get(id(h))  # the first of each is kept: its id is not reused
        if seen is None:
            counts[id(h)] = [h, 1]
        else:
            seen[1] += 1
    return sum((h * n for h, n in counts.values()), Fraction(0))


class Absorbed:
    """What a snapshot folded in: `event_id in Absorbed(snap)`."""

    __slots__ = ("vv", "legacy")

    def __init__(self, snap: dict[str, Any] | None) -> None:
        self.vv: dict[str, int] = dict((snap or {}).get("vv") or {})
        self.legacy: frozenset[str] = frozenset((snap or {}).get("legacy") or ())

    def __contains__(self, event_id: str) -> bool:
        parts = split_id(event_id)
        if parts is None:
            return event_id in self.legacy
        return parts[1] <= self.vv.get(parts[0], 0)

    def __bool__(self) -> bool:
        return bool(self.vv or self.legacy)

    def covers(self, other: Absorbed) -> bool:
        """Everything `other` absorbed, this absorbed too."""
        return other.legacy <= self.legacy and all(
            n <= self.vv.get(w, 0) for w, n in other.vv.items()
        )

    def meets(self, other: Absorbed) -> bool:
        """The two absorbed at least one event in common."""
        return not self.legacy.isdisjoint(other.legacy) or any(
            w in self.vv for w in other.vv
        )  # counters start at 1: both hold that writer's first event


def compact(state: dict[str, Any], keep: int = KEEP_TAIL) -> list[dict[str, Any]]:
    """Fold all but the last `keep` events into the snapshot; return the events moved out.

    The cut never separates an `undone` or `drop` from the event it removes, and
    never leaves in the tail an event of a writer whose later event it absorbs (the
    version vector must stand for a prefix of every writer's events).
    """
    events: list[dict[str, Any]] = state.get("events", [])
    cut = len(events) - keep
    if cut <= 0:
        return []
    cut = undo_safe_cut(events, cut)
    top, new_legacy = _counters(events[:cut])
    while cut > 0:  # a writer's events out of counter order (a hand edit): cut before
        lowest = _lowest(events[cut:])
        if all(top.get(w, 0) <= n for w, n in lowest.items()):
            break
        cut = undo_safe_cut(events, _first_above(events, cut, lowest))
        top, new_legacy = _counters(events[:cut])
    if cut <= 0:
        return []
    moved = events[:cut]
    base = state.get("snapshot")
    led = fold(moved, base)
    vv: dict[str, int] = dict((base or {}).get("vv") or {})
    for writer, counter in top.items():
        if counter > vv.get(writer, 0):
            vv[writer] = counter
    legacy: list[str] = [*((base or {}).get("legacy") or []), *new_legacy]
    learner = (base or {}).get("learner") or next(
        (e["id"] for e in moved if e["type"] == "plan"), None
    )
    if base and base.get("plan") is not None and not base.get("learner"):
        learner = None  # compacted before the id was kept: which plan came first is lost
    state["snapshot"] = snapshot_of(
        led, upto=moved[-1]["seq"], vv=vv, legacy=legacy, learner=learner
    )
    state["events"] = events[cut:]
    return moved


def _removes(e: dict[str, Any]) -> str | None:
    """The id an `undone` or a `drop` takes away (None for any other event)."""
    kind = e["type"]
    if kind == "undone":
        return e.get("undoes")
    return e.get("drops") if kind == "drop" else None


def undo_safe_cut(events: list[dict[str, Any]], cut: int) -> int:
    """`cut` moved back until no `undone` or `drop` after it names an event before it,
    and no command (a `batch`) has events on both sides.

    Moving the cut back brings more events into the tail, and one of them may be an
    undo of an event further back still (two machines' histories interleave: a tick
    and its undo on one, another tick and its undo on the other), so the new part of
    the tail is looked at again until it names nothing before the cut. (These scans
    run over every event of a long history: no index of all ids.)"""
    seen = len(events)  # events[seen:] were looked at already
    while cut > 0:
        cut = _command_start(events, cut)
        targets = {_removes(e) for e in events[cut:seen]}
        targets.discard(None)
        seen = cut
        if not targets:
            return cut
        first = next((i for i in range(cut) if events[i]["id"] in targets), None)
        if first is None:
            return cut
        cut = first
    return cut


def _command_start(events: list[dict[str, Any]], cut: int) -> int:
    """`cut` moved back to the start of the command its event is part of: one `undo`
    takes a whole command back, and it sees only the tail (its events are adjacent)."""
    while 0 < cut < len(events) and events[cut].get("batch") is not None:
        if not same_command(events[cut - 1], events[cut]):
            break
        cut -= 1
    return cut


def _counters(events: list[dict[str, Any]]) -> tuple[dict[str, int], list[str]]:
    """The highest counter of each writer among `events`, and their legacy ids in order
    (one scan of what a compaction absorbs; split_id inlined)."""
    top: dict[str, int] = {}
    legacy: list[str] = []
    for e in events:
        eid = e["id"]
        if len(eid) > 9 and eid[8] == "-":  # writer-counter
            writer, counter = eid[:8], int(eid[9:])
            if counter > top.get(writer, 0):
                top[writer] = counter
        else:
            legacy.append(eid)
    return top, legacy


def _lowest(tail: list[dict[str, Any]]) -> dict[str, int]:
    """The lowest counter of each writer among `tail` (the events a cut keeps)."""
    lowest: dict[str, int] = {}
    for e in tail:
        parts = split_id(e["id"])
        if parts is not None and parts[1] < lowest.get(parts[0], MAX_COUNTER + 1):
            lowest[parts[0]] = parts[1]
    return lowest


def _first_above(events: list[dict[str, Any]], cut: int, lowest: dict[str, int]) -> int:
    """The first of events[:cut] whose counter is above its writer's `lowest` (there is
    one: the caller found a writer's highest counter there above it)."""
    for i in range(cut):
        eid = events[i]["id"]
        floor = lowest.get(eid[:8])
        if floor is not None and len(eid) > 9 and eid[8] == "-" and int(eid[9:]) > floor:
            return i
    raise AssertionError("no event above the tail's lowest counter")  # pragma: no cover


class Unusual(Exception):
    """A history the streaming merge does not handle exactly as the whole one would (an
    undo reaching far back, a hand-edited order): the caller merges it whole."""


class Compactor:
    """`compact` of a merged history as its events come, never holding them all.

    The last `hold` events wait in a window, in the batches they came in; older
    batches are folded into the snapshot as they leave it (and handed back, for the
    archive). `finish` then cuts the window exactly where `compact` would cut the whole
    list, or raises Unusual when that cut lies among events already folded. `undone`:
    the ids every `undone` and `drop` of the history names (the caller checks them
    against the events it saw)."""

    __slots__ = (
        "base",
        "folder",
        "window",
        "held",
        "hold",
        "keep",
        "at",
        "moved",
        "top",
        "legacy",
        "learner",
        "first_seq",
        "last_seq",
        "undone",
        "hit",
        "named",
        "last",
    )

    def __init__(
        self,
        base: dict[str, Any] | None,
        undone: set[str],
        *,
        keep: int = KEEP_TAIL,
        hold: int = COMPACT_AT,
        at: int = COMPACT_AT,
    ) -> None:
        from mlpath.core.ledger import Folder

        self.base = base
        self.folder = Folder(base, undone, sums=True)
        # batches waiting: (events, each writer's highest counter up to them, their
        # version-2 ids), and how many events they hold
        self.window: list[tuple[list[dict[str, Any]], dict[str, int], list[str]]] = []
        self.held = 0
        self.hold = max(hold, keep, at)  # (a short history is never folded)
        self.keep = keep
        self.at = at  # events past which a save compacts
        self.moved = 0  # events folded so far
        self.top: dict[str, int] = {}  # the highest counter of each writer folded
        self.legacy: list[str] = []
        self.learner: str | None = None  # the first plan folded
        self.first_seq = self.last_seq = 0
        self.undone = undone
        self.hit: set[str] = set()  # folded events some undo or drop names
        self.named: set[str] = set()  # what the undos and drops folded name
        self.last: dict[str, Any] | None = None  # the last event folded

    def add(
        self, events: list[dict[str, Any]], top: dict[str, int], legacy: list[str]
    ) -> list[dict[str, Any]]:
        """Take the next merged events, with each writer's highest counter up to and
        with them and their version-2 ids (core/merge_stream.py keeps both as it
        checks the ids); return the events folded now, in order."""
        self.window.append((events, top, legacy))
        self.held += len(events)
        out: list[dict[str, Any]] = []
        while self.held - len(self.window[0][0]) >= self.hold:
            batch, top, legacy = self.window.pop(0)
            self.held -= len(batch)
            self._fold(batch, top, legacy)
            out += batch
        return out

    def _fold(self, batch: list[dict[str, Any]], top: dict[str, int], legacy: list[str]) -> None:
        if not batch:
            return
        self.folder.feed(batch)
        self.top = top
        self.legacy += legacy
        if self.learner is None:
            self.learner = next((e["id"] for e in batch if e["type"] == "plan"), None)
        if self.undone:
            self.hit.update(e["id"] for e in batch if e["id"] in self.undone)
            self.named.update(_named(batch))
        if not self.moved:
            self.first_seq = batch[0]["seq"]
        self.moved += len(batch)
        self.last_seq = batch[-1]["seq"]
        self.last = batch[-1]

    def finish(self) -> tuple[dict[str, Any] | None, list[dict[str, Any]], list[dict[str, Any]]]:
        """(the snapshot, the events left, the last events folded), as `compact` and a
        save would leave them: no snapshot when the history is short, or when it keeps
        a long tail (then every event is left, and none was folded before)."""
        events = [e for batch, _top, _legacy in self.window for e in batch]
        if self.moved + len(events) <= self.at:
            return None, events, []
        cut = self._undo_safe(events, len(events) - self.keep)
        top = self._top(events[:cut])
        while cut + self.moved > 0:
            lowest = _lowest(events[cut:])
            if all(top.get(w, 0) <= n for w, n in lowest.items()):
                break
            if any(self.top.get(w, 0) > n for w, n in lowest.items()):
                raise Unusual("a writer's events out of counter order, across the fold")
            cut = self._undo_safe(events, _first_above(events, cut, lowest))
            top = self._top(events[:cut])
        if cut + self.moved <= 0 or len(events) - cut > self.at:
            if self.moved:
                raise Unusual("the history keeps a long tail")
            return None, events, []
        last = events[:cut]
        # `compact` folds what it moves out with the undos among those only: an event
        # undone from the tail stays in the snapshot (it was folded as undone here)
        moved_named = self.named | _named(last)
        if not self.hit <= moved_named:
            raise Unusual("an event folded as undone is undone from the tail")
        self.folder.undone = moved_named
        self._fold(last, top, _counters(last)[1])
        base = self.base or {}
        vv: dict[str, int] = dict(base.get("vv") or {})
        for writer, counter in self.top.items():
            if counter > vv.get(writer, 0):
                vv[writer] = counter
        learner = base.get("learner") or self.learner
        if base and base.get("plan") is not None and not base.get("learner"):
            learner = None  # compacted before the id was kept (as `compact`)
        snap = snapshot_of(
            self.folder.result(),
            upto=self.last_seq,
            vv=vv,
            legacy=[*(base.get("legacy") or []), *self.legacy],
            learner=learner,
        )
        return snap, events[cut:], last

    def _undo_safe(self, events: list[dict[str, Any]], cut: int) -> int:
        """`undo_safe_cut` in the window; an undo in the tail of an event already
        folded is a cut `compact` would make among the folded events."""
        cut = undo_safe_cut(events, cut)
        first = events[0] if cut == 0 and events else None  # is it in a folded command?
        if (
            first
            and first.get("batch") is not None
            and self.last
            and same_command(self.last, first)
        ):
            raise Unusual("a command's events on both sides of the fold")
        if self.hit and not self.hit.isdisjoint({_removes(e) for e in events[cut:]}):
            raise Unusual("an undo in the tail names an event already folded")
        return cut

    def _top(self, events: list[dict[str, Any]]) -> dict[str, int]:
        """Each writer's highest counter among those folded and `events`."""
        top = dict(self.top)
        for writer, counter in _counters(events)[0].items():
            if counter > top.get(writer, 0):
                top[writer] = counter
        return top


def _named(events: list[dict[str, Any]]) -> set[str]:
    """The ids the undos and drops among `events` name."""
    return {
        e["undoes"] if e["type"] == "undone" else e["drops"]
        for e in events
        if e["type"] in ("undone", "drop")
    }
