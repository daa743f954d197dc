"""Exports kept in the cache: `export json`, `export ics` and `export markdown` of one
state on one day, drawn once and then served as they were drawn.

An export depends only on the state file, the plan's roadmap file, config.yaml (the
review cap), the day, its options and mlpath itself, exactly as a view does
(app/views.py `deps_of`), so it is kept in the cache (store/cache.py) under the same
dependencies and a key naming the day and the options. A calendar's DTSTAMP is the
one part that is not: it says when the file was written, so the calendar is kept
with a placeholder stamp and each run puts its own time there.
"""

from __future__ import annotations

import os

from mlpath.store import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from mlpath.app.session import Active

_AREA = "exports"
# A stamp no calendar is written at (icalendar writes DTSTAMP:20000101T000000Z, or
# DTSTAMP;VALUE=DATE-TIME:... before version 6);
# each run replaces it with its own time, where it starts a content line.
PLACEHOLDER_STAMP = (2000, 1, 1)
_PLACEHOLDER = b"20000101T000000Z\r\n"
_STAMP_LINES = (b"\r\nDTSTAMP:", b"\r\nDTSTAMP;VALUE=DATE-TIME:")  # icalendar 6, 5


def exported(
    home: str | os.PathLike[str] | None,
    today: str,
    what: str,
    make: Callable[[Active], bytes],
) -> tuple[bytes, list[str]]:
    """The export `what` (its format and options) of this home on `today`, and the
    warnings that go with it: kept, or made from the state by `make` and kept."""
    from mlpath.app.views import deps_of, frozen, keepable, mark, state_file, view_key

    path = state_file(home)
    key = view_key(path, today, what)
    name = cache.slot(path, "export", what)
    entry = cache.get(_AREA, name, key)
    if isinstance(entry, dict):
        return entry["data"], entry["warnings"]
    from datetime import date

    from mlpath.app.session import load_active
    from mlpath.store.state import store_for

    before = mark(home)  # taken before reading: a write meanwhile makes the entry stale
    active = load_active(store_for(home), date.fromisoformat(today))
    data = make(active)
    warnings = list(active.warnings)
    deps = deps_of(active, before)
    if before is not None and keepable(deps):
        entry = {"data": data, "warnings": warnings}
        cache.put(_AREA, name, key, entry, frozen(deps))
    return data, warnings


def stamped(calendar: bytes, when: str) -> bytes:
    """The calendar with this run's DTSTAMP (YYYYMMDDTHHMMSSZ) for the placeholder."""
    stamp = when.encode("ascii") + b"\r\n"
    for line in _STAMP_LINES:
        calendar = calendar.replace(line + _PLACEHOLDER, line + stamp)
    return calendar
