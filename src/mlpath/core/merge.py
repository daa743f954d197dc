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

from mlpath.core.compaction import Absorbed
from mlpath.core.shape import fraction_text
from mlpath.errors import MlpathError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any


class MergeError(MlpathError):
    """Two copies that cannot be merged; nothing was changed."""


def at_key(at: str) -> str:
    """A timestamp as a sort key: `...T10:10:10Z` (version 1, whole seconds) sorts
    as `...T10:10:10.000000Z`, before the microsecond stamps of that second."""
    if len(at) == 27:  # what mlpath writes: `YYYY-MM-DDTHH:MM:SS.ffffffZ`, as it is
        return at
    head, _, frac = at.rstrip("Z").partition(".")
    return f"{head}.{frac.ljust(6, '0')}Z"


def order_key(event: dict[str, Any]) -> tuple[str, str]:
    return at_key(event["at"]), event["id"]


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal apart from `seq` (each copy numbers its events itself)."""
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


def merge_states(copies: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """The union of the copies (label, state); the first copy gives the header.

    The labels name the copies in errors. The result is a new state; the copies
    are not changed (their event dicts are shared, except for `seq`).
    """
    if not copies:
        raise ValueError("nothing to merge")
    seen = [(label, ids(state)) for label, state in copies]
    for i, (label, mine) in enumerate(seen):
        for other, theirs in seen[i + 1 :]:
            if mine and theirs and not mine.meets(theirs):
                raise MergeError(
                    f"{other} shares no event with {label}: it is another learner's "
                    "progress (or another plan's), not a copy of this one.",
                    "Nothing was merged; point MLPATH_HOME at that file's own folder instead.",
                )
    snap = _pick_snapshot(copies)
    skip = Absorbed(snap)
    union: dict[str, dict[str, Any]] = {}
    origin: dict[str, str] = {}
    for label, state in copies:
        for e in state.get("events", ()):
            eid = e["id"]
            if eid in skip:
                continue
            had = union.get(eid)
            if had is None:
                union[eid] = e
                origin[eid] = label
            elif not _same(had, e):
                raise MergeError(
                    f"Event {eid} differs between {origin[eid]} and {label}: the copies "
                    "were edited by hand or damaged, so they cannot be merged safely.",
                    "Nothing was merged; compare the two files, or keep one of them.",
                )
    start = int(snap["upto"]) if snap else 0
    events = []
    for n, e in enumerate(sorted(union.values(), key=order_key), start=start + 1):
        events.append(e if e["seq"] == n else {**e, "seq": n})
    head = {k: v for k, v in copies[0][1].items() if k not in ("events", "snapshot")}
    merged: dict[str, Any] = dict(head)
    if snap is not None:
        merged["snapshot"] = snap
    merged["events"] = events
    return merged


# --- what a merge brought in, in words ------------------------------------------------


def new_events(ours: dict[str, Any], theirs: dict[str, Any]) -> list[dict[str, Any]]:
    """The events of `theirs` that `ours` has not seen, in the merged order."""
    known = ids(ours)
    return sorted((e for e in theirs.get("events", ()) if e["id"] not in known), key=order_key)


def summary(events: Iterable[dict[str, Any]]) -> str:
    """Events in a few words: "done statistics, regression; 2 h logged; 1 review"."""
    done: list[str] = []
    hours_texts: dict[str, int] = {}  # a history repeats a few amounts: parse each once
    counts = {"review": 0, "undone": 0, "plan": 0, "replan": 0, "other": 0}
    for e in events:
        kind = e["type"]
        if kind == "done":
            done.append(e["item"])
        elif kind == "log":
            hours_texts[e["hours"]] = hours_texts.get(e["hours"], 0) + 1
        elif kind in counts:
            counts[kind] += 1
        else:
            counts["other"] += 1
    hours = sum((Fraction(h) * n for h, n in hours_texts.items()), Fraction(0))
    parts = []
    if done:
        unique = list(dict.fromkeys(done))
        shown = ", ".join(unique[:8]) + (f" and {len(unique) - 8} more" if len(unique) > 8 else "")
        parts.append("done " + shown)
    if hours:
        parts.append(f"{fraction_text(hours)} h logged")
    words = {
        "review": ("review", "reviews"),
        "undone": ("undo", "undos"),
        "plan": ("new plan", "new plans"),
        "replan": ("replan", "replans"),
        "other": ("other change", "other changes"),
    }
    for kind, n in counts.items():
        if n:
            one, many = words[kind]
            parts.append(f"{n} {one if n == 1 else many}")
    return "; ".join(parts) if parts else "nothing new"


def plan_clash(
    ours: dict[str, Any], theirs: dict[str, Any], merged: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(winner, loser) when both copies made a plan or replan the other has not seen.

    The winner is the later one in the merged order (the last such event); the
    loser is the other side's last one."""
    mine_new = new_events(theirs, ours)
    theirs_new = new_events(ours, theirs)
    undone = {e["undoes"] for e in merged["events"] if e["type"] == "undone"}

    def plans(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [e for e in events if e["type"] in ("plan", "replan") and e["id"] not in undone]

    a, b = plans(mine_new), plans(theirs_new)
    if not a or not b:
        return None
    last_a, last_b = a[-1], b[-1]
    if order_key(last_a) > order_key(last_b):
        return last_a, last_b
    return last_b, last_a
