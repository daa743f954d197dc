"""What the app shows: the CLI's own view models, read once per change of the state.

Nothing here imports Textual. `load()` reads the active plan through
`app.session.load_active` (as every command does) and builds the same view
dicts that `next`, `plan`, `status`, `review` and `roadmaps show` print (the
first two from app/views.py, as the CLI shows them), so the app and the shell
never disagree on a figure. What the app polls to notice a change made
elsewhere (another terminal, a sync, `mlpath config set`, an edited roadmap) is
app/views.py's `inputs`, the files every view is read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mlpath.app.session import load_active
from mlpath.app.views import compute
from mlpath.core.views import plan_view, review_list_view, roadmap_detail
from mlpath.render import safe
from mlpath.store.state import Store

DONE, OVERDUE, CURRENT, TODO = "✓", "!", "▶", "○"
MILESTONE = "◆"
IN_PROGRESS = "●"  # the phase being studied (the tree draws ▶/▼ itself)


@dataclass
class Snapshot:
    """Every view of one moment: the state as read, on one day."""

    today: date
    next: dict[str, Any]
    plan: dict[str, Any]
    status: dict[str, Any]
    reviews: dict[str, Any]
    roadmap: dict[str, Any]
    items: dict[str, dict[str, Any]]  # id -> id, kind, title, phase, due, skipped, done
    warnings: list[str] = field(default_factory=list)
    files: tuple[str, ...] = ()  # the roadmap files it was read from, for the app to watch

    def mark(self, item_id: str) -> str:
        """✓ done, ! overdue (its due day has passed), ○ still to do."""
        it = self.items.get(item_id)
        if it is None:
            return TODO
        if it["done"]:
            return DONE
        if it["due"] and date.fromisoformat(it["due"]) < self.today:
            return OVERDUE
        return TODO

    def week_mark(self, week: dict[str, Any]) -> str:
        """▶ this week, ✓ every item it holds is done, ! it ended with work left."""
        start, end = date.fromisoformat(week["start"]), date.fromisoformat(week["end"])
        ids = [i["id"] for i in week["items"]]
        done = bool(ids) and all(self.items.get(i, {}).get("done") for i in ids)
        if start <= self.today <= end:
            return CURRENT
        if done:
            return DONE
        if ids and end < self.today:
            return OVERDUE
        return " "

    def current_week(self) -> int:
        """The row of the plan's week holding today (the first or last outside the plan)."""
        weeks = self.plan["weeks"]
        for k, wk in enumerate(weeks):
            if date.fromisoformat(wk["start"]) <= self.today <= date.fromisoformat(wk["end"]):
                return k
        if weeks and self.today > date.fromisoformat(weeks[-1]["end"]):
            return len(weeks) - 1
        return 0


def load(store: Store, today: date) -> Snapshot:
    """The views of the active plan; MlpathError when there is none or the file is bad.
    Text from files is data: every string is made safe to show here (render/safe.py),
    as the CLI's renderers do, since Textual would send an ESC in a title raw."""
    active = load_active(store, today)
    prog = active.progress
    items: dict[str, dict[str, Any]] = {}
    for it in active.schedule.items.values():
        done_on = prog.done_on(it.id)
        items[it.id] = {
            "id": it.id,
            "kind": it.kind,
            "title": safe.line(it.title),
            "phase": it.phase,
            "due": it.due.isoformat() if it.due else None,
            "skipped": it.skipped,
            "done": prog.is_complete(it.id),
            "done_on": done_on.isoformat() if done_on else None,
        }
    return Snapshot(
        today=today,
        next=safe.view(compute(active, "next")),
        plan=safe.view(plan_view(active.schedule)),
        status=compute(active, "status"),  # the Dashboard makes its own text safe
        reviews=safe.view(review_list_view(prog)),
        roadmap=safe.view(roadmap_detail(active.roadmap)),
        items=items,
        warnings=[safe.text(w) for w in active.warnings],
        files=tuple(
            str(f)
            for f in dict.fromkeys((active.roadmap.path, active.plan.get("roadmap_path")))
            if f
        ),
    )


def phase_completion(snap: Snapshot, milestone_id: str) -> list[dict[str, Any]]:
    """The unfinished topics and projects a milestone would complete with its phase."""
    ms = snap.items[milestone_id]
    return [
        it
        for it in snap.items.values()
        if it["phase"] == ms["phase"]
        and it["kind"] != "milestone"
        and not it["done"]
        and not it["skipped"]
    ]


def search(snap: Snapshot, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Items whose id or title holds every word of the query (any case), in plan order."""
    words = query.lower().split()
    found = []
    for it in snap.items.values():
        if it["skipped"]:
            continue
        hay = f"{it['id']} {it['title']} {it['kind']} phase {it['phase']}".lower()
        if all(w in hay for w in words):
            found.append(it)
            if len(found) >= limit:
                break
    return found
