"""Merging copies of one learner's state (another machine's file, a conflict copy).

Pure: works on parsed states (dicts), never on files. The merged events are the
union of the copies' events by id, in one order that depends only on the events
(time to the microsecond, then id), numbered again after the snapshot. A union
in a total order makes merging idempotent, commutative and associative, and
since `undone` names its target by id, an undo means the same after a merge.

What a merge refuses (MergeError, exit 1):
- two events with one id but different content (the copies are named);
- a copy that shares no event with ours: another learner's file (a copy with no
  events at all merges: a new machine);
- two copies compacted at different points that neither covers (each snapshot
  says what it absorbed: a version vector, the highest counter per writer, plus
  version 2's legacy ids; the one that absorbed the others' is kept, and the
  events it absorbed are not counted again). A snapshot's events count as
  earlier than every event it did not absorb; compaction keeps the last 1,000
  events, so this matters only for copies kept apart for over 1,000 changes.

Two plans made apart: the later `plan` or `replan` wins, because it comes later
in the merged order; both stay in the history, and `undo` (once the later one is
the last change) brings the other back.
"""

from __future__ import annotations

from fractions import Fraction
from operator import itemgetter

from mlpath.core.compaction import Absorbed
from mlpath.core.shape import fraction_text
from mlpath.errors import MlpathError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any


class MergeError(MlpathError):
    """Two copies that cannot be merged; nothing was changed."""


class ForeignCopy(MergeError):
    """A copy that shares no event with ours: another learner's (`label` names it)."""

    def __init__(self, label: str, message: str, hint: str) -> None:
        super().__init__(message, hint)
        self.label = label


def at_key(at: str) -> str:
    """A timestamp as a sort key: `...T10:10:10Z` (version 1, whole seconds) sorts
    as `...T10:10:10.000000Z`, before the microsecond stamps of that second."""
    if len(at) == 27:  # what mlpath writes: `YYYY-MM-DDTHH:MM:SS.ffffffZ`, as it is
        return at
    head, _, frac = at.rstrip("Z").partition(".")
    return f"{head}.{frac.ljust(6, '0')}Z"


def order_key(event: dict[str, Any]) -> tuple[str, str]:
    return at_key(event["at"]), event["id"]


def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal apart from `seq` (each copy numbers its events itself)."""
    if a is b or a == b:  # in C: the shared history of two copies is mostly this
        return True
    if len(a) != len(b):
        return False
    missing = object()
    return all(k == "seq" or b.get(k, missing) == v for k, v in a.items())


def absorbed(state: dict[str, Any]) -> Absorbed:
    return Absorbed(state.get("snapshot"))


class Seen:
    """Every event a state has seen: its events and what its snapshot absorbed."""

    __slots__ = ("events", "absorbed")

    def __init__(self, state: dict[str, Any]) -> None:
        self.events: set[str] = {e["id"] for e in state.get("events", ())}
        self.absorbed = absorbed(state)

    def __contains__(self, event_id: str) -> bool:
        return event_id in self.events or event_id in self.absorbed

    def __bool__(self) -> bool:
        return bool(self.events) or bool(self.absorbed)

    def unseen(self, events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """The events whose id this has not seen, in their order."""
        mine = self.events
        if not self.absorbed:  # no snapshot: one set lookup per event
            return [e for e in events if e["id"] not in mine]
        return [e for e in events if e["id"] not in self]

    def meets(self, other: Seen) -> bool:
        small, big = (self, other) if len(self.events) <= len(other.events) else (other, self)
        return (
            any(e in big for e in small.events)
            or any(e in small for e in big.events)
            or self.absorbed.meets(other.absorbed)
        )


def ids(state: dict[str, Any]) -> Seen:
    """Every event id the state has seen, its snapshot's included (`id in ids(s)`)."""
    return Seen(state)


def _pick_snapshot(copies: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, Any] | None:
    snaps: list[tuple[str, dict[str, Any], Absorbed]] = [
        (label, s["snapshot"], Absorbed(s["snapshot"])) for label, s in copies if s.get("snapshot")
    ]
    if not snaps:
        return None
    # A snapshot that absorbed nothing we can name was compacted before version 2: it
    # merges only with copies that have that very snapshot (nothing says what it holds).
    for label, snap, got in snaps:
        if not got:
            for other, s in copies:
                if s.get("snapshot") != snap:
                    raise MergeError(
                        f"{label} was compacted before events had ids (state version 1) "
                        f"and {other} was not compacted at the same point, so they cannot "
                        "be merged without counting events twice.",
                        "Keep one of them; the other is left untouched.",
                    )
            return snap
    best_label, best, mine = max(snaps, key=lambda s: (len(s[2].legacy), sum(s[2].vv.values())))
    for label, _snap, got in snaps:
        if not mine.covers(got):
            raise MergeError(
                f"{best_label} and {label} were compacted at different points, so "
                "merging them would count some events twice.",
                "Merge them before either reaches 5,000 events, or keep one of them.",
            )
    return best


def in_order(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events sorted in the merged order (`order_key`)."""
    out = list(events)
    stamps = {e["at"] for e in out}
    if set(map(len, stamps)) - {27}:
        out.sort(key=order_key)
    elif len(stamps) == len(out):  # what mlpath writes, each stamp once: at alone orders
        out.sort(key=itemgetter("at"))
    else:
        out.sort(key=itemgetter("at", "id"))
    return out


def merge_states(
    copies: Sequence[tuple[str, dict[str, Any]]],
    *,
    renumber_in_place: bool = False,
    seen: Sequence[Seen] | None = None,
) -> dict[str, Any]:
    """The union of the copies (label, state); the first copy gives the header.

    The labels name the copies in errors. The result is a new state; the copies
    are not changed (their event dicts are shared, except for `seq`), unless
    `renumber_in_place`: then the caller owns the copies' event dicts and reads
    their `seq` no more (`mlpath merge`, the git driver), and each merged event
    is renumbered in place instead of copied (a dict fewer per event of a long
    history). `seen`: each copy's `ids`, when the caller has them already.
    """
    if not copies:
        raise ValueError("nothing to merge")
    labels = [label for label, _ in copies]
    known = list(zip(labels, seen or [ids(s) for _, s in copies], strict=True))
    for i, (label, mine) in enumerate(known):
        for other, theirs in known[i + 1 :]:
            if mine and theirs and not mine.meets(theirs):
                raise ForeignCopy(
                    other,
                    f"{other} shares no event with {label}: it is another learner's "
                    "progress (or another plan's), not a copy of this one.",
                    "Nothing was merged; point MLPATH_HOME at that file's own folder instead.",
                )
    snap = _pick_snapshot(copies)
    skip = Absorbed(snap)
    union: dict[str, dict[str, Any]] = {}
    for label, state in copies:
        events = state.get("events", ())
        if skip:
            events = [e for e in events if e["id"] not in skip]
        if not union:
            union = {e["id"]: e for e in events}
            if len(union) == len(events):  # ids unique, as the shape check asks
                continue
            union = {}
        for e in events:
            had = union.setdefault(e["id"], e)
            if had is not e and not same_event(had, e):
                raise MergeError(
                    f"Event {e['id']} differs between {_first_with(copies, e['id'])} and "
                    f"{label}: the copies were edited by hand or damaged, so they cannot be "
                    "merged safely.",
                    "Nothing was merged; compare the two files, or keep one of them.",
                )
    if renumber_in_place:  # the copies hold the union's one dict of each event, and
        for _label, state in copies[1:]:  # their own copies of shared events are freed
            state["events"] = [union.get(e["id"], e) for e in state.get("events", ())]
    n = int(snap["upto"]) if snap else 0
    events = in_order(union.values())
    del union
    for i, e in enumerate(events):
        n += 1
        if e["seq"] != n:
            if renumber_in_place:
                e["seq"] = n
            else:
                events[i] = {**e, "seq": n}
    head = {k: v for k, v in copies[0][1].items() if k not in ("events", "snapshot")}
    merged: dict[str, Any] = dict(head)
    if snap is not None:
        merged["snapshot"] = snap
    merged["events"] = events
    return merged


def _first_with(copies: Sequence[tuple[str, dict[str, Any]]], event_id: str) -> str:
    """The label of the first copy that has the event (an error names it)."""
    return next(
        label
        for label, state in copies
        if any(e["id"] == event_id for e in state.get("events", ()))
    )


# --- what a merge brought in, in words ------------------------------------------------


def new_events(
    ours: dict[str, Any], theirs: dict[str, Any], known: Seen | None = None
) -> list[dict[str, Any]]:
    """The events of `theirs` that `ours` has not seen, in the merged order
    (`known`: `ids(ours)`, when the caller has it already)."""
    if known is None:
        known = ids(ours)
    return in_order(known.unseen(theirs.get("events", ())))


_WORDS = {
    "review": ("review", "reviews"),
    "start": ("timer started", "timers started"),
    "stop": ("timer stopped", "timers stopped"),
    "cancel": ("timer cancelled", "timers cancelled"),
    "skip": ("item skipped", "items skipped"),
    "reopen": ("item reopened", "items reopened"),
    "annotate": ("late note", "late notes"),
    "drop": ("event dropped", "events dropped"),
    "did": ("habit done", "habits done"),
    "undone": ("undo", "undos"),
    "plan": ("new plan", "new plans"),
    "replan": ("replan", "replans"),
    "other": ("other change", "other changes"),
}


class Tally:
    """Events counted as they come, for `summary` (a streaming merge never holds
    the events another copy brought)."""

    __slots__ = ("done", "hours_texts", "counts", "events")

    def __init__(self) -> None:
        self.done: list[str] = []
        self.hours_texts: dict[str, int] = {}  # a history repeats a few amounts
        self.counts = dict.fromkeys(_WORDS, 0)
        self.events = 0

    def add(self, e: dict[str, Any]) -> None:
        self.events += 1
        kind = e["type"]
        if kind == "done":
            self.done.append(e["item"])
        elif kind == "log":
            self.hours_texts[e["hours"]] = self.hours_texts.get(e["hours"], 0) + 1
        elif kind in self.counts:
            self.counts[kind] += 1
        else:
            self.counts["other"] += 1

    def text(self) -> str:
        """The events in a few words: "done statistics, regression; 2 h logged; 1 review"."""
        hours = sum((Fraction(h) * n for h, n in self.hours_texts.items()), Fraction(0))
        parts = []
        if self.done:
            unique = list(dict.fromkeys(self.done))
            more = f" and {len(unique) - 8} more" if len(unique) > 8 else ""
            parts.append("done " + ", ".join(unique[:8]) + more)
        if hours:
            parts.append(f"{fraction_text(hours)} h logged")
        for kind, n in self.counts.items():
            if n:
                one, many = _WORDS[kind]
                parts.append(f"{n} {one if n == 1 else many}")
        return "; ".join(parts) if parts else "nothing new"


def summary(events: Iterable[dict[str, Any]]) -> str:
    """Events in a few words: "done statistics, regression; 2 h logged; 1 review"."""
    tally = Tally()
    for e in events:
        tally.add(e)
    return tally.text()


def plan_clash(
    ours: dict[str, Any],
    theirs: dict[str, Any],
    merged: dict[str, Any],
    seen: tuple[Seen, Seen] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(winner, loser) when both copies made a plan or replan the other has not seen.

    The winner is the later one in the merged order (the last such event); the
    loser is the other side's last one. `seen`: (`ids(ours)`, `ids(theirs)`),
    when the caller has them already."""
    kinds = ("plan", "replan")
    mine = [e for e in ours.get("events", ()) if e["type"] in kinds]
    other = [e for e in theirs.get("events", ()) if e["type"] in kinds]
    if not mine or not other:
        return None
    ours_seen, theirs_seen = seen or (ids(ours), ids(theirs))
    mine, other = theirs_seen.unseen(mine), ours_seen.unseen(other)
    if not mine or not other:
        return None
    undone = {e["undoes"] for e in merged["events"] if e["type"] == "undone"}
    return clash(mine, other, undone)


def clash(
    mine: list[dict[str, Any]], other: list[dict[str, Any]], undone: set[str]
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(winner, loser) of two sides' plans and replans the other side has not seen,
    leaving out those `undone` names; None when one side has none left."""
    a = [e for e in mine if e["id"] not in undone]
    b = [e for e in other if e["id"] not in undone]
    if not a or not b:
        return None
    last_a, last_b = max(a, key=order_key), max(b, key=order_key)
    if order_key(last_a) > order_key(last_b):
        return last_a, last_b
    return last_b, last_a
