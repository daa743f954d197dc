"""The roadmap model: what a roadmap holds, independent of how it was stored.

Everything here is plain data. `roadmap_yaml` builds it from YAML (with
file:line errors); `catalog` finds roadmap files and caches them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

LEVELS = ("beginner", "intermediate", "advanced")
MAX_ROADMAP_BYTES = 4 * 1024 * 1024  # larger roadmap files are refused unread


def to_fraction(value: Any) -> Fraction:
    """Exact value of a YAML/JSON number (floats via their decimal text)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(str(value))


def fraction_json(value: Fraction) -> int | float:
    """A Fraction as the plainest JSON number (ints stay ints)."""
    if value.denominator == 1:
        return int(value)
    return float(value)


@dataclass(frozen=True)
class Weeks:
    min: Fraction
    max: Fraction
    text: str | None = None
    converted: str | None = None
    assumed: bool = False
    note: str | None = None

    def for_level(self, level: str) -> Fraction:
        """Level picks the weeks inside a range: longest / midpoint / shortest."""
        if level == "beginner":
            return self.max
        if level == "advanced":
            return self.min
        return (self.min + self.max) / 2


@dataclass(frozen=True)
class Hours:
    value: Fraction
    min: Fraction | None = None
    max: Fraction | None = None
    assumed: bool = False
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Item:
    """A topic or project: tickable, and it carries a share of its phase's effort."""

    id: str
    title: str
    kind: str  # "topic" | "project"
    details: str | None = None
    weeks: Weeks | None = None
    optional: bool = False


@dataclass(frozen=True)
class Milestone:
    id: str
    title: str
    description: str | None = None


@dataclass(frozen=True)
class Resource:
    title: str
    kind: str | None = None
    by: str | None = None
    url: str | None = None
    note: str | None = None
    topic: str | None = None


@dataclass(frozen=True)
class Phase:
    number: int
    id: str
    title: str
    weeks: Weeks
    summary: str
    hours_per_week: Hours | None
    topics: tuple[Item, ...]
    projects: tuple[Item, ...]
    resources: tuple[Resource, ...]
    milestone: Milestone | None
    ongoing: bool = False
    notes: tuple[str, ...] = ()

    @property
    def work_items(self) -> tuple[Item, ...]:
        """The items that carry the phase's effort, in schedule order."""
        return self.topics + self.projects


@dataclass(frozen=True)
class Override:
    level: str
    phases: tuple[int, ...]
    action: str  # "skip" | "compress"
    source: str
    weeks: Fraction | None = None
    factor: Fraction | None = None
    audience: str | None = None
    assumed: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Roadmap:
    id: str
    title: str
    summary: str
    hours_per_week: Hours
    phases: tuple[Phase, ...]
    duration_text: str
    raw: Mapping[str, Any] = field(repr=False, compare=False)
    overrides: tuple[Override, ...] = ()
    path: str | None = field(default=None, compare=False)
    bundled: bool = field(default=False, compare=False)

    @property
    def content_hash(self) -> str:
        """Hash of the roadmap's content (not its formatting): plans pin it."""
        canon = json.dumps(self.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16]

    def phase_hours(self, phase: Phase) -> Fraction:
        return (phase.hours_per_week or self.hours_per_week).value

    def items(self) -> Iterator[tuple[Phase, str, Item | Milestone]]:
        """Every tickable thing, in roadmap order: (phase, kind, item)."""
        for phase in self.phases:
            for topic in phase.topics:
                yield phase, "topic", topic
            for project in phase.projects:
                yield phase, "project", project
            if phase.milestone is not None:
                yield phase, "milestone", phase.milestone

    def nominal_weeks(self) -> tuple[Fraction, Fraction]:
        return (
            sum((p.weeks.min for p in self.phases), Fraction(0)),
            sum((p.weeks.max for p in self.phases), Fraction(0)),
        )


def _weeks(d: Mapping[str, Any]) -> Weeks:
    return Weeks(
        min=to_fraction(d["min"]),
        max=to_fraction(d["max"]),
        text=d.get("text"),
        converted=d.get("converted"),
        assumed=bool(d.get("assumed", False)),
        note=d.get("note"),
    )


def _hours(d: Mapping[str, Any]) -> Hours:
    return Hours(
        value=to_fraction(d["value"]),
        min=to_fraction(d["min"]) if "min" in d else None,
        max=to_fraction(d["max"]) if "max" in d else None,
        assumed=bool(d.get("assumed", False)),
        source=d.get("source"),
        note=d.get("note"),
    )


def _item(d: Mapping[str, Any], kind: str) -> Item:
    return Item(
        id=d["id"],
        title=d["title"],
        kind=kind,
        details=d.get("details"),
        weeks=_weeks(d["weeks"]) if d.get("weeks") else None,
        optional=bool(d.get("optional", False)),
    )


def roadmap_from_dict(
    raw: Mapping[str, Any], path: str | None = None, bundled: bool = False
) -> Roadmap:
    """Build the model from data that has already passed validation."""
    phases = []
    for p in raw["phases"]:
        ms = p.get("milestone")
        phases.append(
            Phase(
                number=p["number"],
                id=p["id"],
                title=p["title"],
                weeks=_weeks(p["weeks"]),
                summary=p["summary"],
                hours_per_week=_hours(p["hours_per_week"]) if p.get("hours_per_week") else None,
                topics=tuple(_item(t, "topic") for t in p.get("topics") or ()),
                projects=tuple(_item(t, "project") for t in p.get("projects") or ()),
                resources=tuple(
                    Resource(
                        title=r["title"],
                        kind=r.get("kind"),
                        by=r.get("by"),
                        url=r.get("url"),
                        note=r.get("note"),
                        topic=r.get("topic"),
                    )
                    for r in p.get("resources") or ()
                ),
                milestone=(
                    Milestone(id=ms["id"], title=ms["title"], description=ms.get("description"))
                    if ms
                    else None
                ),
                ongoing=bool(p.get("ongoing", False)),
                notes=tuple(p.get("notes") or ()),
            )
        )
    overrides = tuple(
        Override(
            level=o["level"],
            phases=tuple(o["phases"]),
            action=o["action"],
            source=o["source"],
            weeks=to_fraction(o["weeks"]) if "weeks" in o else None,
            factor=to_fraction(o["factor"]) if "factor" in o else None,
            audience=o.get("audience"),
            assumed=bool(o.get("assumed", False)),
            note=o.get("note"),
        )
        for o in raw.get("level_overrides") or ()
    )
    return Roadmap(
        id=raw["id"],
        title=raw["title"],
        summary=raw["summary"],
        hours_per_week=_hours(raw["hours_per_week"]),
        phases=tuple(phases),
        duration_text=raw["duration"]["text"],
        raw=raw,
        overrides=overrides,
        path=path,
        bundled=bundled,
    )
