"""How a roadmap's document says to study: its habits, its theory/practice target and
its rule (or tip) about projects, read from the roadmap's data.

Pure. The loader (store/roadmap_yaml.py) has checked the fields strictly; this
module only turns them into small records (data/roadmaps/README.md, "method").
Every rule keeps the document's words (`source`); a figure the document does not
give is `assumed` and says why (`note`), as the roadmaps' assumed hours do.
"""

from __future__ import annotations

from fractions import Fraction

from mlpath.core.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from mlpath.core.roadmap import Roadmap

MODES = ("practice", "theory")
# What a minute is by default, by the kind of item it went to (PRODUCT.md: project and
# milestone work is practice, topics and reviews theory).
KIND_MODE = {"project": "practice", "milestone": "practice", "topic": "theory"}


class Habit(Record):
    """A recurring practice the document states, with how often and how long.

    `per` is "day" or "week"; `count` the times per period the plan lays (a range's
    lower end unless the data says `use: max`), `count_text` the document's figure
    ("2–3"); `phases` the phase numbers it runs in (None: every phase);
    `interview_weeks` the weeks before each interview date the learner sets (None:
    not tied to interviews)."""

    __slots__ = (
        "id",
        "title",
        "source",
        "per",
        "count",
        "count_text",
        "minutes",
        "mode",
        "phases",
        "interview_weeks",
        "notes",
    )

    def __init__(
        self,
        id: str,
        title: str,
        source: str,
        per: str,
        count: int,
        count_text: str,
        minutes: int,
        mode: str,
        phases: frozenset[int] | None = None,
        interview_weeks: int | None = None,
        notes: tuple[str, ...] = (),
    ) -> None:
        self.id = id
        self.title = title
        self.source = source
        self.per = per
        self.count = count
        self.count_text = count_text
        self.minutes = minutes
        self.mode = mode
        self.phases = phases
        self.interview_weeks = interview_weeks
        self.notes = notes

    def runs_in(self, phase: int | None) -> bool:
        return self.phases is None or (phase is not None and phase in self.phases)


class Balance(Record):
    """The document's theory/practice target: the practice share per phase (phases
    left out, like an exempt one, have no target)."""

    __slots__ = ("source", "also", "note", "shares", "exempt", "target_notes")

    def __init__(
        self,
        source: str,
        shares: dict[int, Fraction],
        also: str | None = None,
        note: str | None = None,
        exempt: tuple[tuple[frozenset[int], str], ...] = (),
        target_notes: tuple[str, ...] = (),
    ) -> None:
        self.source = source
        self.shares = shares
        self.also = also
        self.note = note
        self.exempt = exempt
        self.target_notes = target_notes

    def share(self, phase: int | None) -> Fraction | None:
        return self.shares.get(phase) if phase is not None else None


class ProjectRule(Record):
    """practical's rule against project avoidance (`warn`), or the general tip of
    beginner and intermediate (`tip`: shown beside the split, never a warning)."""

    __slots__ = ("rule", "source", "also", "days_before", "note")

    def __init__(
        self,
        rule: str,
        source: str,
        also: str | None = None,
        days_before: int = 0,
        note: str | None = None,
    ) -> None:
        self.rule = rule
        self.source = source
        self.also = also
        self.days_before = days_before
        self.note = note


class Method(Record):
    __slots__ = ("habits", "balance", "projects")

    def __init__(
        self,
        habits: tuple[Habit, ...] = (),
        balance: Balance | None = None,
        projects: ProjectRule | None = None,
    ) -> None:
        self.habits = habits
        self.balance = balance
        self.projects = projects

    def habit(self, habit_id: str) -> Habit | None:
        return next((h for h in self.habits if h.id == habit_id), None)


def _percent(value: Any) -> Fraction:
    return Fraction(str(value)) / 100


def _habit(d: Mapping[str, Any]) -> Habit:
    count = d["count"]
    lo, hi = count["min"], count.get("max", count["min"])
    use = hi if count.get("use") == "max" else lo
    when = d.get("when") or {}
    phases = frozenset(when["phases"]) if "phases" in when else None
    minutes = d["minutes"]
    notes = tuple(
        n for n in (count.get("note"), when.get("note"), minutes.get("note"), d["kind"].get("note"))
        if n
    )  # fmt: skip
    return Habit(
        id=d["id"],
        title=d["title"],
        source=d["source"],
        per=count["per"],
        count=int(use),
        count_text=str(lo) if lo == hi else f"{lo}–{hi}",
        minutes=int(minutes["value"]),
        mode=d["kind"]["value"],
        phases=phases,
        interview_weeks=int(when["interview_weeks"]) if "interview_weeks" in when else None,
        notes=notes,
    )


def method_of(roadmap: Roadmap) -> Method:
    """The roadmap's method, from its checked data (empty where the document says none)."""
    raw = roadmap.meta  # the top-level fields: no phase is made
    habits = tuple(_habit(h) for h in raw.get("habits") or ())
    balance = None
    b = raw.get("balance")
    if b:
        shares: dict[int, Fraction] = {}
        for t in b["targets"]:
            for n in t["phases"]:
                shares[n] = _percent(t["practice_percent"])
        balance = Balance(
            source=b["source"],
            shares=shares,
            also=b.get("also"),
            note=b.get("note"),
            exempt=tuple((frozenset(e["phases"]), e["source"]) for e in b.get("exempt") or ()),
            target_notes=tuple(t["note"] for t in b["targets"] if t.get("note")),
        )
    projects = None
    p = raw.get("projects")
    if p:
        before = p.get("days_before") or {}
        projects = ProjectRule(
            rule=p["rule"],
            source=p["source"],
            also=p.get("also"),
            days_before=int(before.get("value", 0)),
            note=before.get("note"),
        )
    return Method(habits, balance, projects)
