"""Each phase's weeks at a level: the level's overrides, the learner's backgrounds
and their own skips and compressions (core/schedule.py lays the effort they give).

Pure, exact (Fraction). Also how a phase's effort is shared by its items
(and by the ideas the learner picked).
"""

from __future__ import annotations

from fractions import Fraction

from mlpath.core.roadmap import Effect, Item, Phase, Roadmap
from mlpath.core.roadmap import Weeks as WeeksRange

COMPRESS_FACTOR = Fraction(1, 2)  # `--compress N`: the phase gets half its effort

PhaseWeeks = dict[int, tuple[Fraction, bool, str | None]]


def _apply(out: PhaseWeeks, effect: Effect, level: str, source: str) -> list[int]:
    """Apply one effect to the phases' weeks; the phases it changed."""
    # dict.fromkeys: a phase listed twice is still changed once
    listed = [n for n in dict.fromkeys(effect.phases) if n in out and not out[n][1]]
    action = effect.action
    if action == "skip":
        for n in listed:
            out[n] = (Fraction(0), True, source)
        return listed
    if effect.factor is not None:
        for n in listed:
            out[n] = (out[n][0] * effect.factor, False, source)
        return listed
    if effect.weeks is None:
        return []
    target = effect.weeks.for_level(level)
    total = sum((out[n][0] for n in listed), Fraction(0))
    if action == "add":
        # in proportion to the phases' weeks (evenly if they have none)
        for n in listed:
            more = target * out[n][0] / total if total else target / len(listed)
            out[n] = (out[n][0] + more, False, source)
        return listed
    # compress never lengthens, extend never shortens: both to `target` combined
    if total and (total > target if action == "compress" else total < target):
        for n in listed:
            out[n] = (out[n][0] * target / total, False, source)
        return listed
    return []


def phase_weeks(
    roadmap: Roadmap,
    level: str,
    skip: frozenset[int] = frozenset(),
    compress: frozenset[int] = frozenset(),
    backgrounds: frozenset[str] = frozenset(),
    changed_by: dict[int, list[str]] | None = None,
) -> PhaseWeeks:
    """Each phase's weeks at this level, after overrides, the learner's
    backgrounds and their own skips and compressions: number -> (weeks,
    skipped, source of an override or background). `changed_by` collects the
    background ids that changed each phase."""
    out: PhaseWeeks = {p.number: (p.weeks.for_level(level), False, None) for p in roadmap.phases}
    for o in roadmap.overrides:
        if o.level == level:
            span = None if o.weeks is None else WeeksRange(o.weeks, o.weeks)
            _apply(out, Effect(o.phases, o.action, span, o.factor), level, o.source)
    # Skips last: time one background adds to a phase another skips goes with it.
    chosen = [b for b in roadmap.backgrounds if b.id in backgrounds]
    effects = [(b, e) for b in chosen for e in b.effects if e.action != "skip"]
    effects += [(b, e) for b in chosen for e in b.effects if e.action == "skip"]
    for bg, effect in effects:
        for n in _apply(out, effect, level, bg.source):
            if changed_by is not None and bg.id not in changed_by.setdefault(n, []):
                changed_by[n].append(bg.id)
    for n, (weeks, skipped, source) in out.items():
        if n in skip:
            out[n] = (Fraction(0), True, source)
        elif n in compress and not skipped:
            out[n] = (weeks * COMPRESS_FACTOR, False, source)
    return out


def item_shares(items: tuple[Item, ...], level: str, effort: Fraction) -> list[Fraction]:
    """Split a phase's effort over its work items (by their weeks, else evenly)."""
    given = [it.weeks.for_level(level) if it.weeks else None for it in items]
    known = [w for w in given if w is not None]
    if not known:
        even = effort / len(items)  # one division, shared: roadmaps may hold thousands
        return [even] * len(items)
    else:
        mean = sum(known, Fraction(0)) / len(known)
        weights = [w if w is not None else mean for w in given]
    total = sum(weights, Fraction(0))
    return [effort * w / total for w in weights]


def with_picks(
    phase: Phase, shares: list[Fraction], picks: frozenset[str]
) -> list[tuple[Item, Fraction]]:
    """The phase's work items with their shares, each item that stands for a
    choice replaced by the learner's picks (sharing its effort evenly)."""
    out = list(zip(phase.work_items, shares, strict=True))
    for choice in phase.choices:
        picked = [o for o in choice.options if o.id in picks]
        if not picked:
            continue
        at = next((i for i, (it, _) in enumerate(out) if it.id == choice.item), None)
        if at is None:
            continue
        stand_in, share = out[at]
        each = share / len(picked)
        out[at : at + 1] = [
            (Item(o.id, o.title, stand_in.kind, o.details, o.weeks, o.optional), each)
            for o in picked
        ]
    return out
