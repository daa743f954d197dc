"""What the state file means: plan settings, events, and the ledger they fold into.

Pure: works on the parsed JSON (dicts), never on files. The state holds only
what cannot be derived: settings and an append-only list of events
(plan, replan, done, log, review, reopen, annotate, undone). Everything shown
is recomputed from them. `reopen` un-ticks one done item; `annotate` sets the
note and/or evidence of an item already done (the latest one given wins).

Every event carries an `id` (16 lowercase hex digits, random when written), so
two copies of one history can be merged by union (core/merge.py); `seq` is only
this copy's ordinal. An `undone` event names the event it reverts by id. `at`
is written to the microsecond, so events of separate commands keep their order
when copies are merged (merge orders by time, then id).
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timezone
from fractions import Fraction
from functools import lru_cache

from mlpath.core.daterange import MAX_YEAR, MIN_YEAR
from mlpath.core.dates import WEEKDAYS
from mlpath.core.numbers import number
from mlpath.core.record import Record
from mlpath.core.review import MAX_MINUTES, RATINGS, Review
from mlpath.core.roadmap import LEVELS
from mlpath.core.schedule import Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any


EVENT_TYPES = (
    "plan",
    "replan",
    "done",
    "log",
    "review",
    "reopen",
    "annotate",
    "undone",
    "drop",
)


def now_stamp(now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_id() -> str:
    """A fresh event id: 64 random bits, so two machines never pick the same one."""
    return os.urandom(8).hex()


_ID_RE = re.compile(r"\A[0-9a-f]{16}\Z")


def is_event_id(v: Any) -> bool:
    return v.__class__ is str and len(v) == 16 and _ID_RE.match(v) is not None


def fraction_text(value: Fraction) -> str:
    """Exact and readable: 7.5 stays '7.5', a third stays '10/3'."""
    if value.denominator == 1:
        return str(value.numerator)
    for places in range(1, 7):
        scaled = value * 10**places
        if scaled.denominator == 1:
            return f"{value.numerator / value.denominator:.{places}f}"
    return f"{value.numerator}/{value.denominator}"


# --- plan settings ----------------------------------------------------------------


def plan_record(
    *,
    roadmap_id: str,
    roadmap_hash: str,
    roadmap_path: str | None,
    settings: Settings,
    finish: date | None = None,
) -> dict[str, Any]:
    """The settings a plan is laid from; `finish` is kept as it was then (derived,
    but the roadmap may change under the plan, and replan reports the old one)."""
    record: dict[str, Any] = {
        "roadmap": roadmap_id,
        "roadmap_hash": roadmap_hash,
        "roadmap_path": roadmap_path,
        "level": settings.level,
        "hours_per_week": fraction_text(settings.hours_per_week),
        "start": settings.start.isoformat(),
        "days": [WEEKDAYS[d] for d in settings.days],
        "breaks": [[a.isoformat(), b.isoformat()] for a, b in settings.breaks],
        "from": settings.lay_from.isoformat() if settings.lay_from else None,
        "completed": sorted(settings.completed),
    }
    # Written only when set, so plans without them read (and hash) as before.
    if settings.skip:
        record["skip"] = sorted(settings.skip)
    if settings.compress:
        record["compress"] = sorted(settings.compress)
    if settings.review_minutes:
        record["review_minutes"] = settings.review_minutes
    if settings.credit is not None:  # a replan: the credit it settled (maybe none)
        record["credit"] = {k: fraction_text(v) for k, v in settings.credit}
        before = settings.credit_before or settings.lay_from or settings.start
        record["credit_before"] = before.isoformat()
    if settings.backgrounds:
        record["backgrounds"] = sorted(settings.backgrounds)
    if settings.picks:
        record["picks"] = sorted(settings.picks)
    if finish is not None:
        record["finish"] = finish.isoformat()
    return record


def settings_of(plan: dict[str, Any]) -> Settings:
    return Settings(
        level=plan["level"],
        hours_per_week=Fraction(plan["hours_per_week"]),
        start=date.fromisoformat(plan["start"]),
        days=tuple(WEEKDAYS.index(d) for d in plan["days"]),
        breaks=tuple(
            (date.fromisoformat(a), date.fromisoformat(b)) for a, b in plan.get("breaks") or ()
        ),
        lay_from=date.fromisoformat(plan["from"]) if plan.get("from") else None,
        completed=frozenset(plan.get("completed") or ()),
        skip=frozenset(plan.get("skip") or ()),
        compress=frozenset(plan.get("compress") or ()),
        # plans made before reviews existed keep their dates: no review time in them
        review_minutes=plan.get("review_minutes", 0),
        credit=(
            tuple((k, Fraction(v)) for k, v in plan["credit"].items())
            if isinstance(plan.get("credit"), dict)
            else None
        ),
        credit_before=(
            date.fromisoformat(plan["credit_before"]) if plan.get("credit_before") else None
        ),
        backgrounds=frozenset(plan.get("backgrounds") or ()),
        picks=frozenset(plan.get("picks") or ()),
    )


# --- shape check (a hostile file must fail here, not deep inside a command) --------

# Bounds a state file must respect, so that no value read from disk can make a
# command overflow a date, loop for ages or build an enormous schedule. They are
# looser than what the commands accept from a user (0.5-100 h/week), and the
# dates are the very range the commands accept (core/dates.py), so nothing
# mlpath writes is ever refused.
MIN_WEEKLY, MAX_WEEKLY = Fraction(1, 2), Fraction(168)
MAX_DAILY = Fraction(24)
MAX_DAY_TOTAL = Fraction(24 * 1000)
MAX_CREDIT = Fraction(24 * 366 * 1000)  # hours credited to one item: a thousand years of days
_DATE_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")


def _is_date(v: Any) -> bool:
    return isinstance(v, str) and _date_text_ok(v)


@lru_cache(maxsize=4096)  # a state repeats the same few dates; 100,000 events stay cheap
def _date_text_ok(v: str) -> bool:
    if not _DATE_RE.match(v):
        return False
    try:
        d = date.fromisoformat(v)
    except ValueError:
        return False
    return MIN_YEAR <= d.year <= MAX_YEAR


_ZERO = Fraction(0)


def _is_fraction_text(v: Any, lo: Fraction, hi: Fraction, *, open_low: bool = True) -> bool:
    if not isinstance(v, str) or len(v) > 40:
        return False
    return _fraction_ok(v, (lo, hi, open_low))


# Keyed by the text and the bounds' identity: a 100,000-event state repeats a few
# dozen hour figures, and parsing, hashing and comparing Fractions per event cost
# more than the rest of the check (`mlpath merge` of two such states).
_OK: dict[tuple[str, int, int, bool], bool] = {}


def _fraction_ok(v: str, bounds: tuple[Fraction, Fraction, bool]) -> bool:
    key = (v, id(bounds[0]), id(bounds[1]), bounds[2])  # the bounds are module constants
    found = _OK.get(key)
    if found is None:
        lo, hi, open_low = bounds
        f = fraction_of(v)
        found = f is not None and (lo < f if open_low else lo <= f) and f <= hi
        if len(_OK) < 4096:
            _OK[key] = found
    return found


@lru_cache(maxsize=4096)
def fraction_of(v: str) -> Fraction | None:
    """`v` as an exact number, or None; cached (states repeat the same figures)."""
    try:
        return Fraction(v)
    except (ValueError, ZeroDivisionError):
        return None


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _check_plan(p: Any) -> str | None:
    if not isinstance(p, dict):
        return "a plan is not a mapping"
    if not isinstance(p.get("roadmap"), str) or not isinstance(p.get("roadmap_hash"), str):
        return "a plan has no roadmap"
    if p.get("roadmap_path") is not None and not isinstance(p["roadmap_path"], str):
        return "a plan's roadmap_path is not text"
    if p.get("level") not in LEVELS:
        return "a plan's level is not beginner, intermediate or advanced"
    if not _is_fraction_text(p.get("hours_per_week"), MIN_WEEKLY, MAX_WEEKLY, open_low=False):
        return "a plan's hours_per_week is not a number of hours between 0.5 and 168"
    if not _is_date(p.get("start")):
        return "a plan's start is not a date"
    days = p.get("days")
    if (
        not isinstance(days, list)
        or not days
        or any(not isinstance(d, str) or d not in WEEKDAYS for d in days)
        or len(set(days)) != len(days)
    ):
        return "a plan's days are not weekdays"
    breaks = p.get("breaks", [])
    if not isinstance(breaks, list) or any(
        not isinstance(b, list) or len(b) != 2 or not all(_is_date(x) for x in b) or b[0] > b[1]
        for b in breaks
    ):
        return "a plan's breaks are not pairs of dates, first to last"
    if p.get("from") is not None and not _is_date(p["from"]):
        return "a plan's from is not a date"
    if p.get("finish") is not None and not _is_date(p["finish"]):
        return "a plan's finish is not a date"
    completed = p.get("completed", [])
    if not isinstance(completed, list) or any(not isinstance(c, str) for c in completed):
        return "a plan's completed list is not a list of ids"
    for key in ("skip", "compress"):
        phases = p.get(key, [])
        if (
            not isinstance(phases, list)
            or len(phases) > 10_000
            or any(not _is_int(n) or not 0 <= n <= 10_000 for n in phases)
        ):
            return f"a plan's {key} list is not a list of phase numbers"
    for key in ("backgrounds", "picks"):
        ids = p.get(key, [])
        if (
            not isinstance(ids, list)
            or len(ids) > 10_000
            or any(not isinstance(i, str) or not 0 < len(i) <= 60 for i in ids)
        ):
            return f"a plan's {key} list is not a list of ids"
    minutes = p.get("review_minutes", 0)
    if not _is_int(minutes) or not 0 <= minutes <= MAX_MINUTES:
        return f"a plan's review_minutes is not a whole number of minutes from 0 to {MAX_MINUTES}"
    credit = p.get("credit", {})
    if not isinstance(credit, dict) or any(
        not isinstance(k, str) or not _is_fraction_text(v, _ZERO, MAX_CREDIT)
        for k, v in credit.items()
    ):
        return "a plan's credit is not a mapping of item ids to hours"
    if p.get("credit_before") is not None and not _is_date(p["credit_before"]):
        return "a plan's credit_before is not a date"
    return None


_OPTIONAL_TEXT = ("note", "evidence")


def _check_event(e: Any) -> str | None:
    """What is wrong with one event, to follow "event N", or None."""
    if not isinstance(e, dict):
        return " is not a mapping"
    kind = e.get("type")
    if kind.__class__ is not str or kind not in EVENT_TYPES:
        return " has an unknown type"
    if e.get("seq").__class__ is not int:
        return " has no sequence number"
    if not is_event_id(e.get("id")):
        return " has no id (16 hex digits)"
    if not isinstance(e.get("at"), str):
        return " has no timestamp"
    for opt in _OPTIONAL_TEXT:
        value = e.get(opt)
        if value is not None and not isinstance(value, str):
            return f" has a {opt} that is not text"
    if kind == "done":
        if not isinstance(e.get("item"), str) or not _is_date(e.get("on")):
            return " lacks an item or a date"
    elif kind == "log":
        if not _is_fraction_text(e.get("hours"), _ZERO, MAX_DAILY) or not _is_date(e.get("on")):
            return " lacks valid hours or a date"
        if e.get("item") is not None and not isinstance(e["item"], str):
            return " names an item that is not an id"
    elif kind == "review":
        if (
            not isinstance(e.get("item"), str)
            or not _is_date(e.get("on"))
            or e.get("rating") not in RATINGS
        ):
            return " lacks an item, a date or a rating (again, hard, good or easy)"
    elif kind == "reopen":
        if not isinstance(e.get("item"), str) or not _is_date(e.get("on")):
            return " lacks an item or a date"
    elif kind == "annotate":
        if not isinstance(e.get("item"), str):
            return " lacks an item"
        if e.get("note") is None and e.get("evidence") is None:
            return " has neither a note nor evidence"
    elif kind == "undone":
        if not is_event_id(e.get("undoes")):
            return " does not say what it undoes"
    elif kind == "drop":  # `doctor --drop EVENT`: any event, removed as an undo would
        if not is_event_id(e.get("drops")):
            return " does not say which event it drops"
    elif kind in ("plan", "replan"):
        problem = _check_plan(e.get("plan"))
        return f": {problem}" if problem else None
    return None


def _check_snapshot(snap: Any) -> str | None:
    """The compaction snapshot (see `compact`), checked as strictly as events."""
    if not isinstance(snap, dict):
        return "is not a mapping"
    if not _is_int(snap.get("upto")) or snap["upto"] < 1:
        return "has no sequence number"
    if snap.get("plan") is not None:
        problem = _check_plan(snap["plan"])
        if problem:
            return f"holds {problem}"
    if snap.get("plan_seq") is not None and not _is_int(snap["plan_seq"]):
        return "has a plan_seq that is not a number"
    history = snap.get("history", [])
    if not isinstance(history, list) or any(_check_plan(p) for p in history):
        return "has a history that is not a list of plans"
    done = snap.get("done", [])
    if not isinstance(done, list) or any(
        not isinstance(d, dict)
        or not isinstance(d.get("item"), str)
        or not _is_date(d.get("on"))
        or not _is_int(d.get("seq"))
        or any(d.get(k) is not None and not isinstance(d[k], str) for k in _OPTIONAL_TEXT)
        for d in done
    ):
        return "has done items without an id, a date or a sequence number"
    logs = snap.get("logs", [])
    if not isinstance(logs, list) or any(
        not isinstance(g, dict)
        or not _is_date(g.get("on"))
        # a day's total: the sum of its events (each checked against MAX_DAILY)
        or not _is_fraction_text(g.get("hours"), _ZERO, MAX_DAY_TOTAL)
        or not _is_int(g.get("seq"))
        or (g.get("item") is not None and not isinstance(g["item"], str))
        for g in logs
    ):
        return "has study time without a date, hours or a sequence number"
    reviews = snap.get("reviews", [])
    if not isinstance(reviews, list) or any(
        not isinstance(r, dict)
        or not isinstance(r.get("item"), str)
        or not _is_date(r.get("on"))
        or r.get("rating") not in RATINGS
        or not _is_int(r.get("seq"))
        or r.get("pending", False) not in (True, False)
        for r in reviews
    ):
        return "has reviews without an id, a date, a rating or a sequence number"
    absorbed = snap.get("absorbed", [])
    if not isinstance(absorbed, list) or not all(is_event_id(a) for a in absorbed):
        return "has absorbed event ids that are not ids"
    return None


def check_state(data: dict[str, Any]) -> str | None:
    """None when the state has the shape mlpath writes, else what is wrong.

    Only the shape: types, dates, bounds and order. Whether the ids exist in
    the roadmap is for the commands to say (a roadmap may change under a plan).
    """
    events = data.get("events")
    if not isinstance(events, list):
        return "its events are not a list"
    last = 0
    snap = data.get("snapshot")
    if snap is not None:
        problem = _check_snapshot(snap)
        if problem:
            return f"its snapshot {problem}"
        last = snap["upto"]
    seen: set[str] = set()
    for i, e in enumerate(events):
        problem = _check_event(e)
        if problem:
            return f"event {i + 1}{problem}"
        if e["seq"] <= last:
            return f"event {i + 1} is out of order"
        last = e["seq"]
        seen.add(e["id"])
    if len(seen) != len(events):
        return "two of its events have the same id"
    return None


# --- the ledger ------------------------------------------------------------------------


class Done(Record):
    """An item done on a day: ticked itself, or `by` its phase's milestone."""

    __slots__ = ("item", "on", "seq", "note", "evidence", "by")

    def __init__(
        self,
        item: str,
        on: date,
        seq: int,
        note: str | None = None,
        evidence: str | None = None,
        by: str | None = None,
    ) -> None:
        self.item = item
        self.on = on
        self.seq = seq
        self.note = note
        self.evidence = evidence
        self.by = by


class Log(Record):
    __slots__ = ("on", "hours", "seq", "note", "item")

    def __init__(
        self,
        on: date,
        hours: Fraction,
        seq: int,
        note: str | None = None,
        item: str | None = None,  # `log --item`: the item the time went to
    ) -> None:
        self.on = on
        self.hours = hours
        self.seq = seq
        self.note = note
        self.item = item


class Ledger(Record):
    """What the events add up to: the active plan, its history, done items, logs
    and the reviews of done items."""

    __slots__ = (
        "plan",
        "plan_seq",
        "history",
        "done",
        "logs",
        "reviews",
        "last_change",
        "pending_reviews",
        "chain_start",
        "by_day",
    )
    _no_compare = ("by_day",)  # derived from logs

    def __init__(self) -> None:
        self.plan: dict[str, Any] | None = None
        self.plan_seq: int | None = None
        self.history: list[dict[str, Any]] = []  # earlier plans, oldest first
        self.done: dict[str, Done] = {}
        self.logs: list[Log] = []
        self.reviews: dict[str, list[Review]] = {}  # item id -> its reviews, oldest first
        self.last_change: dict[str, Any] | None = None  # what `undo` would revert
        # Reviews of items not ticked themselves: an item done through its milestone
        # has a card too, but only `complete_phases` (which knows the phases) can tell.
        self.pending_reviews: dict[str, list[Review]] = {}
        # history[chain_start:] are the plans the active one replanned, oldest first
        # (the plans in force before it since the last `plan`): the burndown's past.
        self.chain_start = 0
        # daily()'s sums and the number of logs they were made from
        self.by_day: tuple[int, dict[date, dict[str | None, Fraction]]] | None = None

    __hash__ = None  # type: ignore[assignment]

    def daily(self) -> dict[date, dict[str | None, Fraction]]:
        """The hours logged each day (in date order), per item they went to (None:
        plain time), in the order first logged that day: summed once per ledger,
        with integers, so a long history costs one pass and not one Fraction
        addition per event for every figure that reads it."""
        if self.by_day is None or self.by_day[0] != len(self.logs):
            sums: dict[date, dict[str | None, dict[int, int]]] = {}
            for g in self.logs:
                h = g.hours
                per = sums.setdefault(g.on, {}).setdefault(g.item, {})
                per[h.denominator] = per.get(h.denominator, 0) + h.numerator
            days = {
                day: {
                    item: sum((Fraction(n, d) for d, n in per.items()), Fraction(0))
                    for item, per in items.items()
                }
                for day, items in sorted(sums.items())
            }
            self.by_day = (len(self.logs), days)
        return self.by_day[1]

    @property
    def logged_total(self) -> Fraction:
        return sum((h for items in self.daily().values() for h in items.values()), Fraction(0))


def fold(events: list[dict[str, Any]], base: dict[str, Any] | None = None) -> Ledger:
    """Replay the events (skipping undone ones) into the current ledger, starting
    from a compaction snapshot `base` when the state has one."""
    undone = {e["undoes"] for e in events if e["type"] == "undone"}
    undone.update(e["drops"] for e in events if e["type"] == "drop")
    led = ledger_from_snapshot(base) if base else Ledger()
    for e in events:
        kind = e["type"]
        if kind in ("undone", "drop") or e["id"] in undone:
            continue
        led.last_change = e
        if kind in ("plan", "replan"):
            if led.plan is not None:
                led.history.append(led.plan)
            led.plan = e["plan"]
            led.plan_seq = e["seq"]
            if kind == "plan":  # a new plan starts from nothing; replan keeps progress
                led.chain_start = len(led.history)
                led.done = {}
                led.logs = []
                led.reviews = {}
                led.pending_reviews = {}
        elif kind == "done":
            if e["item"] not in led.done:
                led.done[e["item"]] = Done(
                    e["item"],
                    date.fromisoformat(e["on"]),
                    e["seq"],
                    e.get("note"),
                    e.get("evidence"),
                )
        elif kind == "reopen":  # open again: its review card goes too, a later done starts afresh
            led.done.pop(e["item"], None)
            led.reviews.pop(e["item"], None)
            led.pending_reviews.pop(e["item"], None)
        elif kind == "annotate":
            old = led.done.get(e["item"])
            if old is not None:  # only a done item carries notes; the latest given wins
                note, evidence = e.get("note"), e.get("evidence")
                led.done[old.item] = Done(
                    old.item,
                    old.on,
                    old.seq,
                    old.note if note is None else note,
                    old.evidence if evidence is None else evidence,
                )
        elif kind == "log":
            led.logs.append(
                Log(
                    date.fromisoformat(e["on"]),
                    fraction_of(e["hours"]) or Fraction(e["hours"]),
                    e["seq"],
                    e.get("note"),
                    e.get("item"),
                )
            )
        elif kind == "review":
            item = e["item"]
            review = Review(item, date.fromisoformat(e["on"]), e["rating"], e["seq"])
            if item in led.done:  # `review` only rates done items; an undo removes both
                led.reviews.setdefault(item, []).append(review)
            else:
                led.pending_reviews.setdefault(item, []).append(review)
    return led


def complete_phases(led: Ledger, phases: Iterable[tuple[str, Iterable[str]]]) -> Ledger:
    """Every item a done milestone completes is done on the milestone's day, for
    every purpose (review cards, exports, status): `phases` gives each milestone
    id with the ids of its phase's other items. Changes `led` in place."""
    for milestone, members in phases:
        ticked = led.done.get(milestone)
        if ticked is None or ticked.by is not None:
            continue
        for item in members:
            if item not in led.done:
                led.done[item] = Done(item, ticked.on, ticked.seq, by=milestone)
    for item, reviews in led.pending_reviews.items():
        if item in led.done:
            led.reviews[item] = sorted([*led.reviews.get(item, ()), *reviews], key=lambda r: r.seq)
    return led


def fold_state(state: dict[str, Any]) -> Ledger:
    """The ledger of a whole state: its snapshot (if compacted) plus its events."""
    return fold(state.get("events", []), state.get("snapshot"))


def next_seq(events: list[dict[str, Any]], state: dict[str, Any] | None = None) -> int:
    if events:
        return int(events[-1]["seq"]) + 1
    snap = (state or {}).get("snapshot")
    return int(snap["upto"]) + 1 if snap else 1


# --- compaction: snapshot + tail -------------------------------------------------------------
# A state that has seen many events keeps a snapshot of the ledger as of an
# older event, and only the events after it; the older events go to an archive
# file beside the state (store/state.py writes it). Everything derived is the same,
# but `next` after a change no longer replays years of history, and `undo`
# reaches back through the last KEEP_TAIL changes.

COMPACT_AT = 5000  # events in the file before it is compacted
KEEP_TAIL = 1000  # events kept after a compaction (how far `undo` reaches back)


def snapshot_of(led: Ledger, upto: int, absorbed: list[str] | None = None) -> dict[str, Any]:
    """The ledger as a snapshot; `absorbed` lists the ids of every event folded into it
    (so a merge with an uncompacted copy counts none of them twice)."""
    # Study time is kept per day and per item it was logged to (`log --item`), so
    # the credit derived from it (core/progress.py) is the same as from the events:
    # within a day, credit depends only on these totals.
    by_day: dict[tuple[date, str], list[Log]] = {}
    for g in led.logs:
        by_day.setdefault((g.on, g.item or ""), []).append(g)
    return {
        "upto": upto,
        "plan": led.plan,
        "plan_seq": led.plan_seq,
        "history": led.history,
        "done": [
            {
                k: v
                for k, v in (
                    ("item", d.item),
                    ("on", d.on.isoformat()),
                    ("seq", d.seq),
                    ("note", d.note),
                    ("evidence", d.evidence),
                )
                if v is not None
            }
            for d in led.done.values()
            if d.by is None
        ],
        # study time is kept per day and item (the notes stay in the archive)
        "logs": [
            {
                "on": day.isoformat(),
                "hours": fraction_text(sum((g.hours for g in logs), Fraction(0))),
                "seq": max(g.seq for g in logs),
            }
            | ({"item": item} if item else {})
            for (day, item), logs in sorted(by_day.items())
        ],
        # every review is kept: a card's schedule is its whole history. One recorded
        # before its item was ticked stays pending, as folding the events leaves it
        # (complete_phases decides it), so a snapshot never changes what is derived.
        "reviews": [
            {"item": r.item, "on": r.on.isoformat(), "rating": r.rating, "seq": r.seq}
            | ({"pending": True} if pending else {})
            for pending, group in ((False, led.reviews), (True, led.pending_reviews))
            for rs in group.values()
            for r in rs
        ],
        "absorbed": absorbed or [],
    }


def ledger_from_snapshot(snap: dict[str, Any]) -> Ledger:
    led = Ledger()
    led.plan = snap.get("plan")
    led.plan_seq = snap.get("plan_seq")
    led.history = list(snap.get("history") or [])
    led.chain_start = len(led.history)  # a snapshot keeps no chain: the plan alone
    for d in snap.get("done") or []:
        led.done[d["item"]] = Done(
            d["item"], date.fromisoformat(d["on"]), d["seq"], d.get("note"), d.get("evidence")
        )
    led.logs = [
        Log(
            date.fromisoformat(g["on"]),
            fraction_of(g["hours"]) or Fraction(g["hours"]),
            g["seq"],
            None,
            g.get("item"),
        )
        for g in snap.get("logs") or []
    ]
    for r in snap.get("reviews") or []:
        review = Review(r["item"], date.fromisoformat(r["on"]), r["rating"], r["seq"])
        if r["item"] in led.done and not r.get("pending"):
            led.reviews.setdefault(r["item"], []).append(review)
        else:
            led.pending_reviews.setdefault(r["item"], []).append(review)
    return led


def compact(state: dict[str, Any], keep: int = KEEP_TAIL) -> list[dict[str, Any]]:
    """Fold all but the last `keep` events into the snapshot; return the events moved out.

    The cut never separates an `undone` marker from the change it reverts.
    """
    events: list[dict[str, Any]] = state.get("events", [])
    cut = len(events) - keep
    if cut <= 0:
        return []
    index = {e["id"]: i for i, e in enumerate(events)}
    for e in events[cut:]:
        if e["type"] == "undone" and e["undoes"] in index:
            cut = min(cut, index[e["undoes"]])
    if cut <= 0:
        return []
    moved = events[:cut]
    base = state.get("snapshot")
    led = fold(moved, base)
    absorbed = list((base or {}).get("absorbed") or []) + [e["id"] for e in moved]
    state["snapshot"] = snapshot_of(led, upto=moved[-1]["seq"], absorbed=absorbed)
    state["events"] = events[cut:]
    return moved


def append(state: dict[str, Any], kind: str, stamp: str, **fields: Any) -> dict[str, Any]:
    """Append one event to the state (the only way the state changes); it gets a
    fresh id unless `id` is given."""
    events: list[dict[str, Any]] = state.setdefault("events", [])
    event = {"seq": next_seq(events, state), "id": fields.pop("id", None) or new_id()}
    event.update({"at": stamp, "type": kind})
    event.update({k: v for k, v in fields.items() if v is not None})
    events.append(event)
    return event


def describe(event: dict[str, Any]) -> str:
    """A change in words, for `undo` and `done` output."""
    kind = event["type"]
    if kind == "done":
        return f"done {event['item']} (on {event['on']})"
    if kind == "log":
        to = f" to {event['item']}" if event.get("item") else ""
        return f"log {number(Fraction(event['hours']))} h{to} on {event['on']}"
    if kind == "review":
        return f"review {event['item']} {event['rating']} (on {event['on']})"
    if kind == "reopen":
        return f"reopen {event['item']} (on {event['on']})"
    if kind == "annotate":
        given = " and ".join(k for k in ("note", "evidence") if event.get(k) is not None)
        return f"{given} for {event['item']}"
    if kind == "replan":
        p = event["plan"]
        weekly = number(Fraction(p["hours_per_week"]))
        return f"replan from {p.get('from') or p['start']} at {weekly} h/week"
    if kind == "drop":
        return f"drop event {event['drops']}"
    if kind == "plan":
        p = event["plan"]
        weekly = number(Fraction(p["hours_per_week"]))
        return f"plan {p['roadmap']} ({p['level']}, {weekly} h/week from {p['start']})"
    return str(kind)
