"""The roadmap model: what a roadmap holds, independent of how it was stored.

Everything here is plain data. `roadmap_yaml` builds it from YAML (with
file:line errors); `catalog` finds roadmap files and caches them.
"""

from __future__ import annotations

import json
from fractions import Fraction

from mlpath.core.phases import Phases
from mlpath.core.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
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


class Weeks(Record):
    __slots__ = ("min", "max", "text", "converted", "assumed", "note")

    def __init__(
        self,
        min: Fraction,
        max: Fraction,
        text: str | None = None,
        converted: str | None = None,
        assumed: bool = False,
        note: str | None = None,
    ) -> None:
        self.min = min
        self.max = max
        self.text = text
        self.converted = converted
        self.assumed = assumed
        self.note = note

    def for_level(self, level: str) -> Fraction:
        """Level picks the weeks inside a range: longest / midpoint / shortest."""
        if level == "beginner":
            return self.max
        if level == "advanced":
            return self.min
        return (self.min + self.max) / 2


class Hours(Record):
    __slots__ = ("value", "min", "max", "assumed", "source", "note")

    def __init__(
        self,
        value: Fraction,
        min: Fraction | None = None,
        max: Fraction | None = None,
        assumed: bool = False,
        source: str | None = None,
        note: str | None = None,
    ) -> None:
        self.value = value
        self.min = min
        self.max = max
        self.assumed = assumed
        self.source = source
        self.note = note


class Item(Record):
    """A topic or project: tickable, and it carries a share of its phase's effort."""

    __slots__ = ("id", "title", "kind", "details", "weeks", "optional")

    def __init__(
        self,
        id: str,
        title: str,
        kind: str,  # "topic" | "project"
        details: str | None = None,
        weeks: Weeks | None = None,
        optional: bool = False,
    ) -> None:
        self.id = id
        self.title = title
        self.kind = kind
        self.details = details
        self.weeks = weeks
        self.optional = optional


class Milestone(Record):
    __slots__ = ("id", "title", "description")

    def __init__(self, id: str, title: str, description: str | None = None) -> None:
        self.id = id
        self.title = title
        self.description = description


class SelfCheck(Record):
    """A yes/no placement question for a phase, and the document's words behind it."""

    __slots__ = ("ask", "basis")

    def __init__(self, ask: str, basis: str) -> None:
        self.ask = ask
        self.basis = basis


class Resource(Record):
    __slots__ = ("title", "kind", "by", "url", "note", "topic", "general")

    def __init__(
        self,
        title: str,
        kind: str | None = None,
        by: str | None = None,
        url: str | None = None,
        note: str | None = None,
        topic: str | None = None,
        general: bool = False,  # from the document's general list, placed here by mlpath
    ) -> None:
        self.title = title
        self.kind = kind
        self.by = by
        self.url = url
        self.note = note
        self.topic = topic
        self.general = general

    def as_dict(self) -> dict[str, str | bool]:
        """The fields that are set, for JSON views (`general` only when true)."""
        return {n: v for n in self.__slots__ if (v := getattr(self, n)) not in (None, False)}


class Choice(Record):
    """Ideas a phase offers to choose from, rather than requiring them all.

    `item` is the phase's topic or project that stands for the choice until the
    learner picks (`plan --pick ID`); the picks then share that item's effort.
    `max` is how many may be picked, only where the document gives a count.
    """

    __slots__ = ("id", "title", "item", "source", "options", "max")

    def __init__(
        self,
        id: str,
        title: str,
        item: str,
        source: str,
        options: tuple[Item, ...],
        max: int | None = None,
    ) -> None:
        self.id = id
        self.title = title
        self.item = item
        self.source = source
        self.options = options
        self.max = max


class Effect(Record):
    """What a background or a level override does to phases.

    skip: drop them; compress: `factor` x their weeks, or `weeks` combined
    (never lengthens); extend: `factor` x, or `weeks` combined (never
    shortens); add: `weeks` more, split over them in proportion to their
    weeks. `weeks` is a range: the level picks inside it like a phase's weeks.
    """

    __slots__ = ("phases", "action", "weeks", "factor", "assumed", "note")

    def __init__(
        self,
        phases: tuple[int, ...],
        action: str,
        weeks: Weeks | None = None,
        factor: Fraction | None = None,
        assumed: bool = False,
        note: str | None = None,
    ) -> None:
        self.phases = phases
        self.action = action
        self.weeks = weeks
        self.factor = factor
        self.assumed = assumed
        self.note = note


class Background(Record):
    """Who the learner is (a software engineer, a maths PhD), as the document
    says it, and what that does to the phases (`plan --background ID`)."""

    __slots__ = ("id", "label", "source", "ask", "effects")

    def __init__(
        self, id: str, label: str, source: str, ask: str, effects: tuple[Effect, ...]
    ) -> None:
        self.id = id
        self.label = label
        self.source = source
        self.ask = ask
        self.effects = effects


class Phase(Record):
    __slots__ = (
        "number",
        "id",
        "title",
        "weeks",
        "summary",
        "hours_per_week",
        "_topics",
        "_projects",
        "resources",
        "milestone",
        "ongoing",
        "notes",
        "self_check",
        "choices",
        "_pending",
    )
    _no_compare = ("_pending",)

    def __init__(
        self,
        number: int,
        id: str,
        title: str,
        weeks: Weeks,
        summary: str,
        hours_per_week: Hours | None,
        topics: tuple[Item, ...],
        projects: tuple[Item, ...],
        resources: tuple[Resource, ...],
        milestone: Milestone | None,
        ongoing: bool = False,
        notes: tuple[str, ...] = (),
        self_check: tuple[SelfCheck, ...] = (),
        choices: tuple[Choice, ...] = (),
        pending: tuple[Sequence[Mapping[str, Any]], Sequence[Mapping[str, Any]]] | None = None,
    ) -> None:
        self.number = number
        self.id = id
        self.title = title
        self.weeks = weeks
        self.summary = summary
        self.hours_per_week = hours_per_week
        self._topics = topics
        self._projects = projects
        # The checked data of the topics and projects, made into Items when first read:
        # a read of a kept schedule needs only their ids (`work_ids`), and a roadmap of
        # 1,000 phases has ten thousand of them.
        self._pending = pending
        self.resources = resources
        self.milestone = milestone
        self.ongoing = ongoing
        self.notes = notes
        self.self_check = self_check
        self.choices = choices

    def _build(self) -> None:
        if self._pending is not None:
            topics, projects = self._pending
            self._topics = tuple(_item(t, "topic") for t in topics)
            self._projects = tuple(_item(t, "project") for t in projects)
            self._pending = None

    @property
    def topics(self) -> tuple[Item, ...]:
        self._build()
        return self._topics

    @property
    def projects(self) -> tuple[Item, ...]:
        self._build()
        return self._projects

    def work_ids(self) -> list[str]:
        """The ids of the topics and projects, in order (without making their Items)."""
        if self._pending is not None:
            return [t["id"] for part in self._pending for t in part]
        return [it.id for it in self._topics + self._projects]

    def _values(self) -> tuple[object, ...]:
        self._build()
        return super()._values()

    def __repr__(self) -> str:
        self._build()
        return super().__repr__()

    @property
    def work_items(self) -> tuple[Item, ...]:
        """The items that carry the phase's effort, in schedule order."""
        return self.topics + self.projects

    def options(self) -> Iterator[tuple[Choice, Item]]:
        for choice in self.choices:
            for option in choice.options:
                yield choice, option


class Override(Record):
    __slots__ = (
        "level",
        "phases",
        "action",
        "source",
        "weeks",
        "factor",
        "audience",
        "assumed",
        "note",
    )

    def __init__(
        self,
        level: str,
        phases: tuple[int, ...],
        action: str,  # "skip" | "compress" | "extend"
        source: str,
        weeks: Fraction | None = None,
        factor: Fraction | None = None,
        audience: str | None = None,
        assumed: bool = False,
        note: str | None = None,
    ) -> None:
        self.level = level
        self.phases = phases
        self.action = action
        self.source = source
        self.weeks = weeks
        self.factor = factor
        self.audience = audience
        self.assumed = assumed
        self.note = note


class Roadmap(Record):
    __slots__ = (
        "id",
        "title",
        "summary",
        "hours_per_week",
        "phases",
        "duration_text",
        "_raw",
        "meta",
        "overrides",
        "backgrounds",
        "path",
        "bundled",
        "_hash",
        "_ids",
    )
    _no_compare = ("_raw", "meta", "path", "bundled", "_hash", "_ids")

    def __init__(
        self,
        id: str,
        title: str,
        summary: str,
        hours_per_week: Hours,
        phases: Phases | Iterable[Phase],
        duration_text: str,
        raw: Mapping[str, Any] | Callable[[], Mapping[str, Any]],
        overrides: tuple[Override, ...] = (),
        path: str | None = None,
        bundled: bool = False,
        backgrounds: tuple[Background, ...] = (),
        content_hash: str | None = None,
        meta: Mapping[str, Any] | None = None,
        ids: Callable[[], Sequence[str]] | None = None,
    ) -> None:
        self.id = id
        self.title = title
        self.summary = summary
        self.hours_per_week = hours_per_week
        self.phases = phases if isinstance(phases, Phases) else Phases.of(phases)
        self.duration_text = duration_text
        # A roadmap kept in the cache gives its whole data only when asked (it decodes
        # every phase); `meta`, its top-level fields but the phases, is always at hand.
        self._raw = raw
        if meta is None:
            meta = {k: v for k, v in self.raw.items() if k != "phases"}
        self.meta = meta
        self.overrides = overrides
        self.backgrounds = backgrounds
        self.path = path
        self.bundled = bundled
        self._hash = content_hash  # when known (a parsed roadmap kept in the cache)
        self._ids = ids  # every id (`all_ids`) sorted, kept beside the phases in the cache

    @property
    def raw(self) -> Mapping[str, Any]:
        """The whole checked data, as the YAML file gave it."""
        raw = self._raw
        if callable(raw):
            raw = self._raw = raw()
        return raw

    @property
    def content_hash(self) -> str:
        """Hash of the roadmap's content (not its formatting): plans pin it."""
        if self._hash is None:
            import hashlib

            canon = json.dumps(self.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            self._hash = hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16]
        return self._hash

    def phase_hours(self, phase: Phase) -> Fraction:
        return (phase.hours_per_week or self.hours_per_week).value

    def items(self) -> Iterator[tuple[Phase, str, Item | Milestone]]:
        """Every tickable thing of a plan without picks, in roadmap order:
        (phase, kind, item). The ideas of a choice are in `options()`."""
        for phase in self.phases:
            for topic in phase.topics:
                yield phase, "topic", topic
            for project in phase.projects:
                yield phase, "project", project
            if phase.milestone is not None:
                yield phase, "milestone", phase.milestone

    def all_ids(self) -> set[str]:
        """Every id a plan on this roadmap can tick, whatever was picked."""
        if self._ids is not None:
            return set(self._ids())
        ids = {i for phase in self.phases for i in phase.work_ids()}
        ids.update(p.milestone.id for p in self.phases if p.milestone is not None)
        return ids | set(self.options())

    def known(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` this roadmap has (`all_ids`): a kept roadmap looks each one up
        in its sorted ids, without making a set of them all."""
        if self._ids is None:
            every = self.all_ids()
            return {i for i in ids if i in every}
        from bisect import bisect_left

        kept = self._ids()
        end = len(kept)
        out = set()
        for i in ids:
            at = bisect_left(kept, i)
            if at < end and kept[at] == i:
                out.add(i)
        return out

    def options(self) -> dict[str, tuple[Phase, Choice, Item]]:
        """Every choosable idea by id: (its phase, its choice, the idea)."""
        return {o.id: (p, c, o) for p in self.phases for c, o in p.options()}

    def picked(self, picks: Collection[str]) -> list[tuple[Phase, Choice, Item]]:
        """The ideas among `picks`, in roadmap order: (phase, choice, idea). A plan
        without picks makes no phase to look (a kept roadmap makes them when asked)."""
        if not picks:
            return []
        return [(p, c, o) for p in self.phases for c, o in p.options() if o.id in picks]

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
    # a big roadmap has ten thousand: the common fields read once, passed in order
    get = d.get
    weeks = get("weeks")
    return Item(
        d["id"],
        d["title"],
        kind,
        get("details"),
        _weeks(weeks) if weeks else None,
        bool(get("optional", False)),
    )


def _range(value: Any) -> Weeks:
    """A number, or a {min, max, text} range, as Weeks."""
    if isinstance(value, dict):
        return _weeks(value)
    n = to_fraction(value)
    return Weeks(n, n)


def _effect(d: Mapping[str, Any]) -> Effect:
    return Effect(
        phases=tuple(d["phases"]),
        action=d["action"],
        weeks=_range(d["weeks"]) if "weeks" in d else None,
        factor=to_fraction(d["factor"]) if "factor" in d else None,
        assumed=bool(d.get("assumed", False)),
        note=d.get("note"),
    )


def _choice(d: Mapping[str, Any], kind: str) -> Choice:
    return Choice(
        id=d["id"],
        title=d["title"],
        item=d["item"],
        source=d["source"],
        options=tuple(_item(o, kind) for o in d["options"]),
        max=d.get("max"),
    )


def phase_from_dict(p: Mapping[str, Any]) -> Phase:
    """One phase of checked data (its topics and projects made when first read)."""
    ms = p.get("milestone")
    kind_of: dict[str, str] = {}
    if p.get("choices"):  # a choice's ideas are of the kind of the item they stand in for
        kind_of = {t["id"]: "topic" for t in p.get("topics") or ()}
        kind_of |= {t["id"]: "project" for t in p.get("projects") or ()}
    return Phase(
        number=p["number"],
        id=p["id"],
        title=p["title"],
        weeks=_weeks(p["weeks"]),
        summary=p["summary"],
        hours_per_week=_hours(p["hours_per_week"]) if p.get("hours_per_week") else None,
        topics=(),
        projects=(),
        pending=(p.get("topics") or (), p.get("projects") or ()),
        resources=tuple(
            Resource(
                title=r["title"],
                kind=r.get("kind"),
                by=r.get("by"),
                url=r.get("url"),
                note=r.get("note"),
                topic=r.get("topic"),
                general=bool(r.get("general", False)),
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
        self_check=tuple(SelfCheck(q["ask"], q["basis"]) for q in p.get("self_check") or ()),
        choices=tuple(_choice(c, kind_of.get(c["item"], "topic")) for c in p.get("choices") or ()),
    )


def roadmap_from_dict(
    raw: Mapping[str, Any],
    path: str | None = None,
    bundled: bool = False,
    content_hash: str | None = None,
) -> Roadmap:
    """Build the model from data that has already passed validation (`content_hash`:
    its hash when already known, else computed when first asked for)."""
    meta = {k: v for k, v in raw.items() if k != "phases"}
    phases = Phases.of(phase_from_dict(p) for p in raw["phases"])
    return roadmap_from_parts(meta, phases, raw, path, bundled, content_hash)


def roadmap_from_parts(
    meta: Mapping[str, Any],
    phases: Phases,
    raw: Mapping[str, Any] | Callable[[], Mapping[str, Any]],
    path: str | None = None,
    bundled: bool = False,
    content_hash: str | None = None,
    ids: Callable[[], Sequence[str]] | None = None,
) -> Roadmap:
    """The model from its top-level data (`meta`: all but the phases) and its phases;
    `raw` is the whole checked data, or what gives it when first asked for; `ids`,
    when given, gives every id (`Roadmap.all_ids`), sorted, without making the phases."""
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
        for o in meta.get("level_overrides") or ()
    )
    return Roadmap(
        id=meta["id"],
        title=meta["title"],
        summary=meta["summary"],
        hours_per_week=_hours(meta["hours_per_week"]),
        phases=phases,
        duration_text=meta["duration"]["text"],
        raw=raw,
        meta=meta,
        overrides=overrides,
        path=path,
        bundled=bundled,
        backgrounds=tuple(
            Background(
                id=b["id"],
                label=b["label"],
                source=b["source"],
                ask=b["ask"],
                effects=tuple(_effect(e) for e in b["effects"]),
            )
            for b in meta.get("backgrounds") or ()
        ),
        content_hash=content_hash if content_hash and len(content_hash) == 16 else None,
        ids=ids,
    )
