"""Turning what a learner types into plan items: ids, phase numbers, prefixes, titles.

Pure: works on a Schedule. The one resolver for `done`, `review`, `reopen` and
`log --item`. The rules, first match wins:

1. an item id, exactly (any case or character width);
2. a phase: `3`, `p3`, `phase 3`, `stage 3`, or the phase's own id
   (`foundations`) -> its milestone; a phase without a milestone -> all its
   topics and projects (`p-2` and `-2` are not phase numbers);
3. a unique id prefix (`lin` -> `linear-algebra`); several -> ambiguous;
4. a piece of a title (`algebra`), or a title close to the text
   (`Linear algebar`): never acted on directly. `Unconfirmed` (exit 2) lists
   the candidates; on a terminal the CLI asks which one was meant;
5. otherwise unknown, suggesting the nearest ids.

Rules 1-3 act directly; a typo must never tick the wrong item silently.
"""

from __future__ import annotations

import re

from mlpath.core.schedule import PlannedItem, Schedule
from mlpath.errors import UsageError

PHASE = r"^(?:p|phase|stage)?\s*(\d{1,4})$"  # compiled by `re` on first use


class Ambiguous(UsageError):
    """A name that could mean any of `candidates` (best first): with `--json` the error
    lists them as data, each `{"id", "title"}`."""

    def __init__(self, message: str, hint: str, candidates: list[PlannedItem]) -> None:
        super().__init__(message, hint)
        self.candidates = candidates

    def json_fields(self) -> dict[str, object]:
        return {"candidates": [{"id": it.id, "title": it.title} for it in self.candidates]}


class Unconfirmed(Ambiguous):
    """QUERY (as typed) matched titles, not an id: nothing may change until the
    learner picks one of `candidates` (best first)."""

    def __init__(self, query: str, candidates: list[PlannedItem], message: str) -> None:
        super().__init__(
            message,
            "Nothing was changed; use the exact id."
            if len(candidates) == 1
            else "Nothing was changed; use one of these ids.",
            candidates,
        )
        self.query = query


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
    if not query.isascii():  # full-width `ｌｉｎ` is `lin`
        from unicodedata import normalize

        query = normalize("NFKC", query)
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
    idea = schedule.roadmap.options().get(lower)
    if idea is not None:
        phase, choice, option = idea
        raise UsageError(
            f"{option.title} ({option.id}) is one of phase {phase.number}'s ideas to choose "
            f"from, and your plan has not picked it.",
            f"Pick it with `mlpath replan --pick {option.id}` (your progress is kept), "
            f"or tick {choice.item} itself.",
        )
    m = re.match(PHASE, lower)
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
        raise Ambiguous(
            f"'{q}' matches {len(prefixed)} items: {_candidates_text(prefixed)}.",
            "Type more of the id.",
            prefixed,
        )
    nq = _norm(q)
    by_title = [it for it in items.values() if nq and nq in _norm(it.title)]
    if by_title:
        exact = [it for it in by_title if _norm(it.title) == nq]
        chosen = exact + [it for it in by_title if it not in exact]
        if len(chosen) == 1:
            message = f"'{q}' is not an id; did you mean {_candidates_text(chosen)}?"
        else:
            message = f"'{q}' is in {len(chosen)} titles: {_candidates_text(chosen)}."
        raise Unconfirmed(query, chosen, message)
    from difflib import SequenceMatcher, get_close_matches  # only for a near miss

    scored = sorted(
        ((SequenceMatcher(None, nq, _norm(it.title)).ratio(), it) for it in items.values()),
        key=lambda pair: -pair[0],
    )
    near = get_close_matches(lower, list(items), n=3, cutoff=0.6)
    near += [it.id for score, it in scored[:3] if score >= 0.5 and it.id not in near]
    if scored and scored[0][0] >= 0.8:
        best = scored[0][1]
        chosen = [best] + [items[i] for i in near if i != best.id]
        raise Unconfirmed(
            query, chosen, f"'{q}' is not an id; did you mean {_candidates_text(chosen)}?"
        )
    rm = schedule.roadmap
    where = rm.path if rm.path and not rm.bundled else rm.id
    if not near:
        import shlex  # a file name is data: the command must run as shown

        where = shlex.quote(str(where))
    hint = (
        f"Did you mean {', '.join(near[:3])}?"
        if near
        else f"`mlpath roadmaps show {where}` lists every id."
    )
    raise UsageError(f"No item matches '{q}'.", hint)
