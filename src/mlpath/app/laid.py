"""A plan's schedule, laid once and kept in the cache between runs.

Laying walks the plan's calendar day by day (core/schedule.py): on a 1,000-phase
roadmap that is most of a new day's `next` and of every `log`, though neither
changes what the schedule is laid from. So the laid schedule is kept in the cache
(store/cache.py, as core/schedule_data.py's plain data) under everything it is laid
from (`inputs_key`: the roadmap's content, the plan's settings, the reviews due, the
items left out, the review cap) and mlpath's own code: an entry is served exactly
while those are unchanged, whichever command or day asks. One entry per state file:
the next lay replaces it.
"""

from __future__ import annotations

from mlpath.store import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from typing import Any

    from mlpath.core.roadmap import Roadmap
    from mlpath.core.schedule import Schedule, Settings

_AREA = "schedules"


def laid_schedule(
    roadmap: Roadmap,
    plan: dict[str, Any],
    settings: Settings,
    review_due: dict[date, int] | None,
    leave_out: dict[str, date] | None,
    review_cap: int,
    where: str | None = None,
) -> Schedule:
    """`build(roadmap, settings, review_due, leave_out=..., review_cap=...)`, from the
    cache when the same inputs were laid before. `settings` are the plan's own
    (`plan`) with the roadmap's habits; `where` names the state file (the slot)."""
    from mlpath.core.schedule import build
    from mlpath.core.schedule_data import inputs_key, schedule_from_data, schedule_to_data

    key = inputs_key(roadmap, plan, review_due, leave_out, review_cap)
    name = cache.slot(where or roadmap.content_hash, "schedule")
    data = cache.get(_AREA, name, key)
    if isinstance(data, dict):
        try:
            return schedule_from_data(data, roadmap, settings)
        except (ValueError, TypeError, KeyError, IndexError):  # a damaged entry: lay it
            pass
    sched = build(roadmap, settings, review_due, leave_out=leave_out, review_cap=review_cap)
    cache.put(_AREA, name, key, schedule_to_data(sched))
    return sched
