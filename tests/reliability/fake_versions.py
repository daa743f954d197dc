"""A simulated next state version (4), to exercise the migration machinery for real.

mlpath's state is at version 3; these tests install this version 4 (in-process
with monkeypatch, or in a driver child through
MLPATH_DRIVER_SETUP=fake_versions:install_next) to show that an older file is
upgraded on the first write, survives a crash mid-upgrade, and that the
version-3 mlpath then refuses the newer file.
"""

from __future__ import annotations

from typing import Any

import mlpath.store.state as storage

NEXT = 4


def migrate_3_to_4(state: dict[str, Any]) -> dict[str, Any]:
    """v4 records where the history began: the first event's timestamp."""
    events = state["events"]
    state["began"] = events[0]["at"] if events else None
    return state


def install_next() -> None:
    storage.VERSION = NEXT
    storage.MIGRATIONS[3] = migrate_3_to_4
    # A real newer mlpath is other code: its cached views never match this one's.
    from mlpath.store import cache

    cache._stamp = f"simulated state version {NEXT}"
