"""Backgrounds and picks named on the command line -> the roadmap's ids.

Pure: a Roadmap in, ids out; an unknown id is a UsageError (exit 2) that lists
what the roadmap offers (`plan --background ID`, `plan --pick ID`).
"""

from __future__ import annotations

from fractions import Fraction

from mlpath.core.roadmap import Roadmap
from mlpath.errors import UsageError


def refs(given: tuple[str, ...]) -> list[str]:
    """`--x a --x b,c` -> [a, b, c]; `none` alone clears (for replan)."""
    out = [part.strip().lower() for text in given for part in text.split(",") if part.strip()]
    return [] if out == ["none"] else out


def background_ids(rm: Roadmap, given: tuple[str, ...]) -> frozenset[str]:
    """The roadmap's backgrounds named by id (`--background software-engineer`)."""
    known = {b.id for b in rm.backgrounds}
    for ref in refs(given):
        if ref not in known:
            listing = (
                "Its backgrounds are "
                + "; ".join(f"{b.id} ({b.label})" for b in rm.backgrounds)
                + "."
                if rm.backgrounds
                else "Its document describes no backgrounds that change the plan."
            )
            raise UsageError(
                f"--background {ref}: the roadmap '{rm.id}' has no such background.", listing
            )
    return frozenset(refs(given))


def pick_ids(rm: Roadmap, given: tuple[str, ...]) -> frozenset[str]:
    """The roadmap's choosable ideas named by id (`--pick nlp-project`), at most
    as many per choice as its document allows."""
    options = rm.options()
    picked = refs(given)
    for ref in picked:
        if ref not in options:
            listing = "; ".join(
                f"{c.title}: " + ", ".join(o.id for o in c.options)
                for p in rm.phases
                for c in p.choices
            )
            raise UsageError(
                f"--pick {ref}: the roadmap '{rm.id}' offers no such idea to choose.",
                f"Its ideas are {listing}." if listing else "It offers no ideas to choose from.",
            )
    per_choice: dict[str, list[str]] = {}
    for ref in dict.fromkeys(picked):
        per_choice.setdefault(options[ref][1].id, []).append(ref)
    for ids in per_choice.values():
        phase, choice, _ = options[ids[0]]
        if choice.max is not None and len(ids) > choice.max:
            raise UsageError(
                f"--pick {', '.join(ids)}: phase {phase.number}'s {choice.title.lower()} "
                f"takes at most {choice.max}, as its document says: “{choice.source.strip()}”",
                "Pick fewer.",
            )
    return frozenset(picked)


def carried_credit(
    rm: Roadmap, credit: dict[str, Fraction], picks: frozenset[str]
) -> dict[str, Fraction]:
    """`credit` with the hours on a choice's stand-in or on ideas no longer picked
    moved, evenly, to what now stands for that choice (the picks, else the stand-in):
    the picks share the stand-in's effort, so time spent on the choice stays counted
    when a replan changes the picks."""
    out = dict(credit)
    for phase in rm.phases:
        for choice in phase.choices:
            planned = [o.id for o in choice.options if o.id in picks] or [choice.item]
            members = (choice.item, *(o.id for o in choice.options))
            moved = sum((out.pop(m) for m in members if m not in planned and m in out), Fraction(0))
            for m in planned if moved else ():
                out[m] = out.get(m, Fraction(0)) + moved / len(planned)
    return out
