"""Skipping what the learner already knows: `mlpath skip ITEM` and `plan --skip`.

One resolver for every skip (`skip_refs`): a phase (number or id) is skipped as a
phase; a topic or project is left out on its own; a milestone alone is refused
(skip its phase). `skip ITEM` takes one topic or project out of the plan from
today: what the plan laid of it before stays laid (core/schedule.py,
`leave_out`), the rest of its effort is no longer laid, and it has no review
card. `reopen` or `undo` brings it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from mlpath.app.session import load_active
from mlpath.core.roadmap import Roadmap
from mlpath.core.schedule import PlannedItem, Schedule
from mlpath.errors import UsageError
from mlpath.store.state import Store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from mlpath.app.actions import Change

MAX_REASON = 500


def phase_numbers(rm: Roadmap, refs: tuple[str, ...], option: str) -> frozenset[int]:
    """Phases named by number or id (`--skip 1`, `--skip foundations`, `--skip 1,2`)."""
    by_id = {p.id: p.number for p in rm.phases}
    numbers = {p.number for p in rm.phases}
    out: set[int] = set()
    for ref in (part.strip() for given in refs for part in given.split(",")):
        if ref.isdigit() and int(ref) in numbers:
            out.add(int(ref))
        elif ref.lower() in by_id:
            out.add(by_id[ref.lower()])
        else:
            listing = ", ".join(f"{p.number} ({p.id})" for p in rm.phases)
            raise UsageError(
                f"{option} {ref}: the roadmap '{rm.id}' has no such phase.",
                f"Its phases are {listing}.",
            )
    return frozenset(out)


def skip_refs(
    rm: Roadmap, refs: tuple[str, ...], option: str
) -> tuple[frozenset[int], frozenset[str]]:
    """`--skip 1`, `--skip foundations`, `--skip 1,2`, `--skip linear-algebra`:
    (phase numbers, topic and project ids)."""
    by_id = {p.id: p.number for p in rm.phases}
    numbers = {p.number for p in rm.phases}
    kinds = {it.id: (phase, kind) for phase, kind, it in rm.items()}
    phases: set[int] = set()
    items: set[str] = set()
    for ref in (part.strip() for given in refs for part in given.split(",")):
        low = ref.lower()
        if ref.isdigit() and int(ref) in numbers:
            phases.add(int(ref))
        elif low in by_id:
            phases.add(by_id[low])
        elif low in kinds and kinds[low][1] == "milestone":
            phase = kinds[low][0]
            raise UsageError(
                f"{option} {ref}: a milestone is not skipped alone.",
                f"Skip its phase instead ({option} {phase.number}).",
            )
        elif low in kinds:
            items.add(low)
        else:
            listing = ", ".join(f"{p.number} ({p.id})" for p in rm.phases)
            raise UsageError(
                f"{option} {ref}: the roadmap '{rm.id}' has no such phase, topic or project.",
                f"Its phases are {listing}; `mlpath roadmaps show {rm.id}` lists the items.",
            )
    return frozenset(phases), frozenset(items)


def skip_item(store: Store, when: date, query: str, reason: str | None = None) -> Change:
    """Take one topic or project out of the plan from today (see the module)."""
    from mlpath.app.actions import Change
    from mlpath.app.views import write_through
    from mlpath.core.resolve import resolve
    from mlpath.core.views import iso, pace_view

    if reason is not None and (len(reason) > MAX_REASON or not reason.strip()):
        raise UsageError(
            f"--reason must be some text of at most {MAX_REASON} characters.",
            "Say briefly why, e.g. --reason 'did it at work'.",
        )
    with store.transaction() as state:
        active = load_active(store, when, state=state)
        found = resolve(query, active.schedule)
        if len(found) != 1 or found[0].kind not in ("topic", "project"):
            it = found[0]
            number_of = it.phase
            what = "a milestone" if query.strip().lower() == it.id else "a phase"
            raise UsageError(
                f"`mlpath skip` takes one topic or project; {query} names {what}.",
                f"Skip the whole phase with `mlpath replan --skip {number_of}`.",
            )
        it = found[0]
        if it.id in active.progress.complete:
            raise UsageError(
                f"{it.title} ({it.id}) is already done; there is nothing to skip.",
                f"`mlpath reopen {it.id}` first if it was ticked by mistake.",
            )
        if it.id in active.ledger.skips:
            raise UsageError(
                f"{it.title} ({it.id}) is already skipped.",
                f"`mlpath reopen {it.id}` brings it back into the plan.",
            )
        if it.skipped:
            ph = next(p for p in active.schedule.phases if p.number == it.phase)
            why = f"you skipped phase {it.phase}" if ph.choice == "skip" else "at this level"
            raise UsageError(
                f"{it.title} ({it.id}) is already left out of your plan ({why}).",
                "Nothing to skip.",
            )
        effort = it.effort
        old_finish = active.schedule.finish
        store.append(state, "skip", item=it.id, on=when.isoformat(), reason=reason)
    after = load_active(store, when, state=state)
    new_finish = after.schedule.finish
    # what leaves the plan is what it had not laid of the item before today (the laid
    # part stays: past days keep their past), not its effort less the time logged to it
    left = effort - after.schedule.items[it.id].effort
    entry = {"id": it.id, "kind": it.kind, "title": it.title, "phase": it.phase}
    steps: list[tuple[str, dict[str, Any]]] = [
        ("skipped_item", {**entry, "reason": reason}),
        ("skip_moved", {"id": it.id, "left": left, "old": iso(old_finish), "new": iso(new_finish)}),
        ("pace", {"label": after.progress.pace.label, "behind": False}),
    ]
    view: dict[str, Any] = {
        "skipped": {"id": it.id, "kind": it.kind, "title": it.title, "phase": it.phase},
        "reason": reason,
        "hours": float(left),
        "old_finish": old_finish.isoformat(),
        "new_finish": new_finish.isoformat(),
        "pace": pace_view(after.progress),
    }
    change = Change(view, steps, after.warnings)
    change.views = write_through(after)
    return change


def bring_back(store: Store, when: date, query: str) -> Change | None:
    """`reopen` of an item the learner skipped: back in the plan from today (None:
    the query names no such item, and reopen goes on as usual)."""
    from mlpath.app.actions import Change
    from mlpath.app.views import write_through
    from mlpath.core.resolve import resolve
    from mlpath.core.views import iso, pace_view

    with store.transaction() as state:
        active = load_active(store, when, state=state)
        found = resolve(query, active.schedule)
        if len(found) != 1 or found[0].id not in active.ledger.skips:
            return None
        it = found[0]
        store.append(state, "reopen", item=it.id, on=when.isoformat())
    after = load_active(store, when, state=state)
    entry = {"id": it.id, "kind": it.kind, "title": it.title, "phase": it.phase}
    steps: list[tuple[str, dict[str, Any]]] = [
        ("brought_back", {**entry, "finish": iso(after.schedule.finish)}),
        ("pace", {"label": after.progress.pace.label, "behind": False}),
    ]
    view = {"reopened": [entry], "pace": pace_view(after.progress)}
    change = Change(view, steps, after.warnings)
    change.views = write_through(after)
    return change


def tickable(query: str, schedule: Schedule, done: Mapping[str, object]) -> list[PlannedItem]:
    """What `done QUERY` may tick (the shared item resolver): a skipped item is out of
    the plan, so naming one is refused (a tick would count for nothing, yet make a
    review card); a phase without a milestone ticks only what is still in its plan.
    Items already done pass (their notes can still come later)."""
    from mlpath.core.resolve import resolve

    found = resolve(query, schedule)
    kept = [it for it in found if not it.skipped or it.id in done]
    if kept:
        return kept
    it = found[0]
    if len(found) > 1 or not it.left_out:  # its phase is left out of the plan
        raise UsageError(
            f"Phase {it.phase} is skipped in your plan; there is nothing in it to mark done.",
            "Tick an item of your plan (`mlpath next` shows ids).",
        )
    raise UsageError(
        f"{it.title} ({it.id}) is skipped in your plan; there is nothing to mark done.",
        f"`mlpath reopen {it.id}` brings it back into the plan; then tick it.",
    )
