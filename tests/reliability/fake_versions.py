"""A simulated state version 2, to exercise the migration machinery for real.

mlpath's state is at version 1 and has no migration yet; these tests install
this one (in-process with monkeypatch, or in a driver child through
MLPATH_DRIVER_SETUP=fake_versions:install_v2) to show that an older file is
upgraded on the first write, survives a crash mid-upgrade, and that the
version-1 mlpath then refuses the newer file.
"""

from __future__ import annotations

from typing import Any

import mlpath.store.state as storage


def migrate_1_to_2(state: dict[str, Any]) -> dict[str, Any]:
    """v2 records where the history began: the first event's timestamp."""
    events = state["events"]
    state["began"] = events[0]["at"] if events else None
    return state


def install_v2() -> None:
    storage.VERSION = 2
    storage.MIGRATIONS[1] = migrate_1_to_2
