"""Placement check: a roadmap's prerequisites and self-check questions -> a level
and the phases a learner may skip or compress, each with its reason.

Pure: answers in, recommendation out. The rules (docs/plan.md, "Placement"):
- a phase whose self-checks are all "yes" is skipped; one with at least half
  "yes" is compressed (half its effort); otherwise it is kept;
- a "no" to any prerequisite makes the level beginner and skips nothing (the
  documents build every phase on them); phases may still be compressed;
- the level: beginner with a missing prerequisite or under a third of all
  phase checks "yes"; advanced with two thirds or more; intermediate between;
- a phase the recommended level already shortens (the document's own
  override) is not compressed again (one it lengthens is);
- at least one phase stays: if every phase could be skipped, the last is
  compressed instead;
- one question per background the roadmap's document describes (who the
  learner is: "Are you an experienced software engineer?"); a yes applies it
  like `plan --background ID`, and a phase it already leaves out or shortens
  is not skipped or compressed again.
"""

from __future__ import annotations

import shlex
from fractions import Fraction

from mlpath.core.record import Record
from mlpath.core.roadmap import Roadmap
from mlpath.core.schedule import phase_weeks

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SKIP_SHARE = Fraction(1)  # all of a phase's checks
COMPRESS_SHARE = Fraction(1, 2)  # at least half of them
BEGINNER_BELOW = Fraction(1, 3)  # of all phase checks answered yes
ADVANCED_FROM = Fraction(2, 3)


class Question(Record):
    __slots__ = ("id", "text", "kind", "phase", "basis")

    def __init__(
        self, id: str, text: str, kind: str, phase: int | None = None, basis: str | None = None
    ) -> None:
        self.id = id
        self.text = text
        self.kind = kind  # prerequisite | background | phase
        self.phase = phase
        self.basis = basis


class PhaseVerdict(Record):
    __slots__ = ("number", "id", "title", "action", "yes", "total", "missing", "reason")

    def __init__(
        self,
        number: int,
        id: str,
        title: str,
        action: str,  # skip | compress | keep
        yes: int,
        total: int,
        missing: list[str],
        reason: str,
    ) -> None:
        self.number = number
        self.id = id
        self.title = title
        self.action = action
        self.yes = yes
        self.total = total
        self.missing = missing
        self.reason = reason


class Assessment(Record):
    __slots__ = (
        "roadmap",
        "level",
        "level_reason",
        "missing_prerequisites",
        "phases",
        "answers",
        "backgrounds",
    )

    def __init__(
        self,
        roadmap: str,
        level: str,
        level_reason: str,
        missing_prerequisites: list[str],
        phases: list[PhaseVerdict],
        answers: dict[str, bool],
        backgrounds: list[str] | None = None,
    ) -> None:
        self.roadmap = roadmap
        self.level = level
        self.level_reason = level_reason
        self.missing_prerequisites = missing_prerequisites
        self.phases = phases
        self.answers = answers
        self.backgrounds = backgrounds or []  # the ids answered yes, in roadmap order

    @property
    def skip(self) -> list[int]:
        return [p.number for p in self.phases if p.action == "skip"]

    @property
    def compress(self) -> list[int]:
        return [p.number for p in self.phases if p.action == "compress"]


def questions(rm: Roadmap) -> list[Question]:
    """The roadmap's prerequisites, its backgrounds, then each phase's
    self-checks, with stable ids."""
    out = [
        Question(f"pre-{i}", f"Do you already have this? {text}", "prerequisite")
        for i, text in enumerate(rm.meta.get("prerequisites") or (), start=1)
    ]
    out += [Question(f"bg-{b.id}", b.ask, "background", basis=b.source) for b in rm.backgrounds]
    for phase in rm.phases:
        for k, q in enumerate(phase.self_check, start=1):
            out.append(Question(f"p{phase.number}-{k}", q.ask, "phase", phase.number, q.basis))
    return out


def _share(yes: int, total: int) -> Fraction:
    return Fraction(yes, total) if total else Fraction(0)


def _checks(n: int) -> str:
    return f"{n} check" if n == 1 else f"{n} checks"


def score(rm: Roadmap, answers: dict[str, bool]) -> Assessment:
    """The recommendation for these answers (every question of `questions(rm)`)."""
    qs = questions(rm)
    prereq = [q for q in qs if q.kind == "prerequisite"]
    missing_pre = [
        q.text.removeprefix("Do you already have this? ") for q in prereq if not answers[q.id]
    ]
    phase_qs = [q for q in qs if q.kind == "phase"]
    yes_all = sum(1 for q in phase_qs if answers[q.id])
    share = _share(yes_all, len(phase_qs))
    pct = round(share * 100)
    if missing_pre:
        level = "beginner"
        level_reason = (
            f"You said no to {len(missing_pre)} of the {len(prereq)} prerequisites, "
            "so the plan starts at the beginner pace and skips nothing."
        )
    else:
        have = "every prerequisite" if prereq else "no prerequisites to check"
        level = (
            "beginner"
            if share < BEGINNER_BELOW
            else "advanced"
            if share >= ADVANCED_FROM
            else "intermediate"
        )
        pace = {
            "beginner": "the longest end of each range",
            "intermediate": "the middle of each range",
            "advanced": "the shortest end of each range",
        }[level]
        level_reason = (
            f"You have {have} and can already do {yes_all} of {_checks(len(phase_qs))} "
            f"across the phases ({pct}%): {level}, {pace}."
        )
    backgrounds = [b.id for b in rm.backgrounds if answers.get(f"bg-{b.id}")]
    by_background: dict[int, list[str]] = {}
    at_level = phase_weeks(rm, level, backgrounds=frozenset(backgrounds), changed_by=by_background)
    verdicts: list[PhaseVerdict] = []
    for phase in rm.phases:
        mine = [q for q in phase_qs if q.phase == phase.number]
        yes = sum(1 for q in mine if answers[q.id])
        missing = [q.text for q in mine if not answers[q.id]]
        frac = _share(yes, len(mine))
        weeks, level_skips, source = at_level[phase.number]
        if weeks >= phase.weeks.for_level(level):
            source = None  # an override or background that lengthens it shortens nothing
        tally = f"{yes} of {_checks(len(mine))}"
        if not mine:
            action, reason = "keep", "it has no self-checks, so it is kept"
        elif level_skips:
            who = "your background" if phase.number in by_background else f"the {level} level"
            action, reason = "keep", f"{who} already leaves it out: “{source}”"
        elif frac >= SKIP_SHARE and not missing_pre:
            action, reason = "skip", f"{tally}: you can already do what its end asks for"
        elif frac >= COMPRESS_SHARE:
            if source:
                action = "keep"
                who = "your background" if phase.number in by_background else f"the {level} level"
                reason = f"{tally}, and {who} already shortens it: “{source}”"
            else:
                action = "compress"
                reason = f"{tally}: half its effort, for the rest"
                if frac >= SKIP_SHARE:
                    reason = f"{tally}, but a prerequisite is missing: half its effort, not skipped"
        else:
            action, reason = "keep", f"{tally}: the whole phase"
        verdicts.append(
            PhaseVerdict(
                phase.number, phase.id, phase.title, action, yes, len(mine), missing, reason
            )
        )
    planned = [v for v in verdicts if v.action != "skip" and not at_level[v.number][1]]
    if not planned and verdicts:
        last = next(v for v in reversed(verdicts) if not at_level[v.number][1])
        last.action = "compress"
        last.reason = (
            f"{last.yes} of {_checks(last.total)}: compressed rather than skipped, so the plan "
            "has work in it; you may be ready for a more advanced roadmap"
        )
    return Assessment(rm.id, level, level_reason, missing_pre, verdicts, dict(answers), backgrounds)


def plan_args(
    result: Assessment, *, roadmap_arg: str, hours: str | None = None, start: str | None = None
) -> list[str]:
    """The `mlpath plan` arguments that adopt the recommendation."""
    args = ["--roadmap", roadmap_arg, "--level", result.level]
    if hours is not None:
        args += ["--hours", hours]
    if start is not None:
        args += ["--start", start]
    for b in result.backgrounds:
        args += ["--background", b]
    for n in result.skip:
        args += ["--skip", str(n)]
    for n in result.compress:
        args += ["--compress", str(n)]
    return args


def plan_command(args: list[str]) -> str:
    return shlex.join(["mlpath", "plan", *args])


def parse_answer(value: Any) -> bool | None:
    """yes/no in the forms people write them (YAML already turns yes/no into bools)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("y", "yes", "true", "1"):
            return True
        if text in ("n", "no", "false", "0"):
            return False
    return None


def assessment_view(
    result: Assessment, qs: list[Question], command: str, rm_title: str
) -> dict[str, Any]:
    return {
        "roadmap": result.roadmap,
        "roadmap_title": rm_title,
        "level": result.level,
        "level_reason": result.level_reason,
        "prerequisites": [
            {"id": q.id, "text": q.text, "answer": result.answers[q.id]}
            for q in qs
            if q.kind == "prerequisite"
        ],
        "missing_prerequisites": result.missing_prerequisites,
        "backgrounds": [
            {"id": q.id.removeprefix("bg-"), "text": q.text, "answer": result.answers[q.id]}
            for q in qs
            if q.kind == "background"
        ],
        "applied_backgrounds": result.backgrounds,
        "phases": [
            {
                "number": v.number,
                "id": v.id,
                "title": v.title,
                "action": v.action,
                "yes": v.yes,
                "checks": v.total,
                "reason": v.reason,
                "still_to_learn": v.missing,
            }
            for v in result.phases
        ],
        "skip": result.skip,
        "compress": result.compress,
        "command": command,
        # every answer by question id: this output answers `assess --answers FILE` again
        "answers": {q.id: result.answers[q.id] for q in qs},
    }


def questions_view(rm: Roadmap, qs: list[Question]) -> dict[str, Any]:
    return {
        "roadmap": rm.id,
        "questions": [
            # "answer": for the learner to fill in (yes or no), then `assess --answers FILE`
            {
                "id": q.id,
                "kind": q.kind,
                "phase": q.phase,
                "text": q.text,
                "basis": q.basis,
                "answer": None,
            }
            for q in qs
        ],
    }
