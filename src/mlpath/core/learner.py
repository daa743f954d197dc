"""Who a state belongs to, for exports that leave the machine (schema 3).

A learner's id is the id of the first `plan` event in the state's history: the
event that started this learner's plans. Every copy of one history (another
machine's, a merged one) holds that same event, and the history is ordered by
time then id (core/merge.py), so the copies agree on it; a file from another
learner shares no events, so its id differs.

Compaction (core/ledger.py) folds old events into a snapshot that keeps plan
records, not their event ids. It does keep the ids it absorbed, oldest first
(`absorbed`), and nothing can be recorded before a plan exists, so the first id
absorbed is that first plan event: a compacted copy keeps the id it had before.
Pure: works on the parsed state dict.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def learner_id(state: dict[str, Any]) -> str | None:
    """The first plan event's id; None for a state with no plan yet."""
    snap = state.get("snapshot")
    if isinstance(snap, dict):
        kept = snap.get("learner")  # a snapshot that names it (state version 3) wins
        if isinstance(kept, str) and kept:
            return kept
        absorbed = snap.get("absorbed")
        if isinstance(absorbed, list) and absorbed and isinstance(absorbed[0], str):
            return absorbed[0]
    for event in state.get("events") or ():
        if event.get("type") == "plan" and isinstance(event.get("id"), str):
            return str(event["id"])
    return None
