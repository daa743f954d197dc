"""Who a state belongs to, for exports that leave the machine (export schema 3).

A learner's id is the id of the first `plan` event in the state's history: the
event that started this learner's plans. Every copy of one history (another
machine's, a merged one) holds that same event, and merge orders a history by
time then id (core/merge.py), so the copies agree on it; a file from another
learner shares no events, so its id differs.

Compaction (core/compaction.py) folds old events into a snapshot that keeps the
plan records but not their event ids, and records what it absorbed as a version
vector, which does not say which event came first. So a snapshot can carry the id
itself (`learner`); one that does not gives None rather than a different id: an
export then says null, and `cohort` shows that file as its own learner.
Pure: works on the parsed state dict.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def learner_id(state: dict[str, Any]) -> str | None:
    """The first plan event's id; None for a state with no plan yet, or a compacted
    state whose snapshot absorbed that event without naming it."""
    snap = state.get("snapshot")
    if isinstance(snap, dict):
        kept = snap.get("learner")
        if isinstance(kept, str) and kept:
            return kept
        if snap.get("plan") is not None:  # the first plan is inside the snapshot
            return None
    for event in state.get("events") or ():
        if event.get("type") == "plan" and isinstance(event.get("id"), str):
            return str(event["id"])
    return None
