"""Turning what a learner types into plan items: ids, phase numbers, prefixes, titles.

Pure: works on a Schedule. Ambiguity and unknown input are UsageErrors (exit 2)
that list candidates or the nearest ids. The rules, first match wins:

1. an item id, exactly (any case);
2. a phase: `3`, `p3`, `phase 3`, `stage 3`, or the phase's own id
   (`foundations`) -> its milestone; a phase without a milestone -> all its
   topics and projects;
3. a unique id prefix (`lin` -> `linear-algebra`); several -> ambiguous;
4. a piece of one item's title (`algebra`); several -> ambiguous, unless one
   title is exactly the text;
5. a title close enough to one item's (`Linear algebar`), clearly closer
   than to any other;
6. otherwise unknown, suggesting the nearest ids.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher, get_close_matches

from mlpath.core.schedule import PlannedItem, Schedule
from mlpath.errors import UsageError

_PHASE_RE = re.compile(r"^(?:p|phase|stage)?\s*-?\s*(\d{1,4})$")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _candidates_text(items: list[PlannedItem]) -> str:
    shown = ", ".join(f"{it.id} ({it.title})" for it in items[:6])
    more = f" and {len(items) - 6} more" if len(items) > 6 else ""
    return shown + more


def phase_items(schedule: Schedule, number: int) -> list[PlannedItem]:
    return [it for it in schedule.items.values() if it.phase == number]


def resolve(query: str, schedule: Schedule) -> list[PlannedItem]:
    """The item(s) QUERY names: one item, or a whole phase's work for a phase
    number whose phase has no milestone."""
    items = schedule.items
    q = query.strip()
    if not q:
        raise UsageError(
            "An empty item was given.",
            "Name an id, a phase number or part of a title (`mlpath next` shows ids).",
        )
    if q in items:
        return [items[q]]
    lower = q.lower()
    if lower in items:
        return [items[lower]]
    m = _PHASE_RE.match(lower)
    phase_by_id = {p.id: p.number for p in schedule.phases}
    if m or lower in phase_by_id:
        number = int(m[1]) if m else phase_by_id[lower]
        in_phase = phase_items(schedule, number)
        if not in_phase:
            known = ", ".join(str(p.number) for p in schedule.phases)
            raise UsageError(f"There is no phase {number} in this roadmap.", f"Phases: {known}.")
        milestone = [it for it in in_phase if it.kind == "milestone"]
        return milestone or [it for it in in_phase if it.kind != "milestone"]
    prefixed = [it for it in items.values() if it.id.startswith(lower)]
    if len(prefixed) == 1:
        return prefixed
    if len(prefixed) > 1:
        raise UsageError(
            f"'{q}' matches {len(prefixed)} items: {_candidates_text(prefixed)}.",
            "Type more of the id.",
        )
    nq = _norm(q)
    by_title = [it for it in items.values() if nq and nq in _norm(it.title)]
    if len(by_title) == 1:
        return by_title
    if len(by_title) > 1:
        exact = [it for it in by_title if _norm(it.title) == nq]
        if len(exact) == 1:
            return exact
        raise UsageError(
            f"'{q}' matches {len(by_title)} items: {_candidates_text(by_title)}.",
            "Use one of these ids.",
        )
    scored = sorted(
        ((SequenceMatcher(None, nq, _norm(it.title)).ratio(), it) for it in items.values()),
        key=lambda pair: -pair[0],
    )
    if scored and scored[0][0] >= 0.8 and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.1):
        return [scored[0][1]]
    near = get_close_matches(lower, list(items), n=3, cutoff=0.6)
    near += [it.id for score, it in scored[:3] if score >= 0.5 and it.id not in near]
    rm = schedule.roadmap
    where = rm.path if rm.path and not rm.bundled else rm.id
    hint = (
        f"Did you mean {', '.join(near[:3])}?"
        if near
        else f"`mlpath roadmaps show {where}` lists every id."
    )
    raise UsageError(f"No item matches '{q}'.", hint)
