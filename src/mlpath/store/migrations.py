"""Upgrades of a parsed state from version N to N + 1, applied in order on read
(store/state.py's `upgrade`). A file of the current version never loads this module.

When the format changes: bump store/state.py's VERSION, add MIGRATIONS[VERSION - 1],
keep a fixture of the old version in tests/reliability/fixtures/, never edit an old
entry.
"""

from __future__ import annotations

import json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Migration = Callable[[dict[str, Any]], dict[str, Any]]


def migrate_1_to_2(state: dict[str, Any]) -> dict[str, Any]:
    """Version 2 gives every event an id and makes `undone` name its target by id.

    A version-1 event's id comes from its position and content: its seq as 8 hex
    digits, then 8 of the sha256 of the event as written (canonical JSON), so two
    copies of one old history agree on every id, and old events that share a
    timestamp still sort in their old order when copies are merged. A compaction
    snapshot records no absorbed ids (version 1 kept none).
    """
    import hashlib

    events = state["events"]
    if not isinstance(events, list):
        return state  # refused by the shape check, with its reason
    by_seq: dict[int, str] = {}
    for e in events:
        if not isinstance(e, dict) or e.get("seq").__class__ is not int:
            continue  # a damaged event: the shape check names it
        canonical = json.dumps(e, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        digest = hashlib.sha256(canonical.encode("ascii")).hexdigest()[:8]
        by_seq[e["seq"]] = f"{e['seq'] % 2**32:08x}{digest}"
    upgraded = []
    for e in events:
        if not isinstance(e, dict) or e.get("seq").__class__ is not int:
            upgraded.append(e)
            continue
        new = {"seq": e["seq"], "id": by_seq[e["seq"]]}
        new.update((k, v) for k, v in e.items() if k not in ("seq", "id"))
        if new.get("type") == "undone" and isinstance(new.get("undoes"), int):
            target = new["undoes"]
            new["undoes"] = by_seq.get(target, f"{target % 2**32:08x}00000000")
        upgraded.append(new)
    state["events"] = upgraded
    snap = state.get("snapshot")
    if isinstance(snap, dict):
        snap.setdefault("absorbed", [])
    return state


def migrate_2_to_3(state: dict[str, Any]) -> dict[str, Any]:
    """Version 3 keeps what a compaction absorbed as a version vector (the highest
    counter per writer, for the `<writer>-<counter>` ids new events get) beside a
    frozen list of version 2's random ids, instead of a list that grew with every
    event. Events keep their ids; a snapshot's `absorbed` list becomes `legacy`,
    so copies migrated on two machines still merge exactly. The new event types
    (skip, did, start, stop, cancel, drop) and plan fields are all optional."""
    snap = state.get("snapshot")
    if isinstance(snap, dict) and "absorbed" in snap:
        absorbed = snap.pop("absorbed")
        snap["legacy"] = sorted(absorbed) if isinstance(absorbed, list) else absorbed
        snap.setdefault("vv", {})
    return state


MIGRATIONS: dict[int, Migration] = {1: migrate_1_to_2, 2: migrate_2_to_3}
