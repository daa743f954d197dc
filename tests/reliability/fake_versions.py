"""A simulated next state version (3), to exercise the migration machinery for real.

mlpath's state is at version 2; these tests install this version 3 (in-process
with monkeypatch, or in a driver child through
MLPATH_DRIVER_SETUP=fake_versions:install_v3) to show that an older file is
upgraded on the first write, survives a crash mid-upgrade, and that the
version-2 mlpath then refuses the newer file.
"""

from __future__ import annotations

from typing import Any

import mlpath.store.state as storage

NEXT = 3


def migrate_2_to_3(state: dict[str, Any]) -> dict[str, Any]:
    """v3 records where the history began: the first event's timestamp."""
    events = state["events"]
    state["began"] = events[0]["at"] if events else None
    return state


def install_v3() -> None:
    storage.VERSION = NEXT
    storage.MIGRATIONS[2] = migrate_2_to_3
