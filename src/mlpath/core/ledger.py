"""What the state file means: plan settings, events, and the ledger they fold into.

Pure: works on the parsed JSON (dicts), never on files, and reads neither the
clock nor randomness (the time and the writer's id are passed in by the store).
The state holds only what cannot be derived: settings and an append-only list
of events (plan, replan, done, log, review, reopen, annotate, undone, drop,
skip, did, start, stop, cancel). Everything shown is recomputed from them.
`reopen` un-ticks one done item (or brings back a skipped one); `annotate` sets
the note and/or evidence of an item already done (the latest one given wins).

Every event carries an `id`, so two copies of one history merge by union
(core/merge.py). Since state version 3 an id is `<writer>-<counter>`: the
writing machine's id (8 hex digits, kept outside MLPATH_HOME by store/local.py)
and that machine's own count of events. A compaction snapshot then records what
it absorbed as a version vector (the highest counter per writer), which does not
grow with every event written; version 2's random 16-hex ids stay valid as a
frozen legacy set. `seq` is only this copy's ordinal. `undone` and `drop` name
their target by id. `at` is written to the microsecond and strictly increases
within one copy, so one writer's events sort in counter order everywhere (merge
orders by time, then id) and compaction absorbs a prefix of every writer's events.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from math import lcm

from mlpath.core.dates import WEEKDAYS
from mlpath.core.numbers import number
from mlpath.core.record import Record
from mlpath.core.review import Review
from mlpath.core.schedule import Settings

# The shape of a state (core/shape.py), read through this module by the commands.
from mlpath.core.shape import EVENT_TYPES as EVENT_TYPES
from mlpath.core.shape import MAX_CREDIT as MAX_CREDIT
from mlpath.core.shape import MAX_DAILY as MAX_DAILY
from mlpath.core.shape import MODES as MODES
from mlpath.core.shape import check_state as check_state
from mlpath.core.shape import fraction_of as fraction_of
from mlpath.core.shape import fraction_text as fraction_text
from mlpath.core.shape import is_event_id as is_event_id
from mlpath.core.shape import split_id as split_id

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any


def writer_counter(state: dict[str, Any], writer: str) -> int:
    """The highest counter `writer` has used in this state (0 if none): its events
    are in counter order, so the last one found from the end is the highest."""
    prefix = writer + "-"
    for e in reversed(state.get("events", ())):
        if e["id"].startswith(prefix):
            return int(e["id"][9:])
    snap = state.get("snapshot") or {}
    return int((snap.get("vv") or {}).get(writer, 0))


def later_stamp(state: dict[str, Any], now: str) -> str:
    """`now`, or one microsecond after this copy's latest event if the clock went
    back: within a copy `at` strictly increases (see the module docstring)."""
    events = state.get("events")
    if not events:
        return now
    last = events[-1]["at"]
    if _stamp_key(now) > _stamp_key(last):
        return now
    from datetime import datetime, timedelta, timezone

    head, _, frac = last.rstrip("Z").partition(".")
    try:
        t = datetime.fromisoformat(head).replace(tzinfo=timezone.utc)
        t += timedelta(microseconds=int(frac.ljust(6, "0")[:6]) + 1)
    except (ValueError, OverflowError):  # a stamp edited by hand: ours is as good as any
        return now
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _stamp_key(at: str) -> tuple[str, str]:
    head, _, frac = at.rstrip("Z").partition(".")
    return head, frac.ljust(6, "0")


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
    if settings.skip_items:
        record["skip_items"] = sorted(settings.skip_items)
    if settings.deadlines:
        record["deadlines"] = {k: d.isoformat() for k, d in sorted(settings.deadlines)}
    if settings.interviews:
        record["interviews"] = sorted(d.isoformat() for d in settings.interviews)
    if settings.no_habits:
        record["no_habits"] = sorted(settings.no_habits)
    if settings.boost is not None:
        until, hours = settings.boost
        record["boost"] = {"until": until.isoformat(), "hours_per_week": fraction_text(hours)}
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
        skip_items=frozenset(plan.get("skip_items") or ()),
        deadlines=tuple(
            sorted((k, date.fromisoformat(v)) for k, v in (plan.get("deadlines") or {}).items())
        ),
        interviews=tuple(sorted(date.fromisoformat(d) for d in plan.get("interviews") or ())),
        no_habits=frozenset(plan.get("no_habits") or ()),
        boost=(
            (
                date.fromisoformat(plan["boost"]["until"]),
                Fraction(plan["boost"]["hours_per_week"]),
            )
            if plan.get("boost")
            else None
        ),
    )


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
    __slots__ = ("on", "hours", "seq", "note", "item", "mode")

    def __init__(
        self,
        on: date,
        hours: Fraction,
        seq: int,
        note: str | None = None,
        item: str | None = None,  # `log --item`: the item the time went to
        mode: str | None = None,  # `--practice`/`--theory`; None: from the item's kind
    ) -> None:
        self.on = on
        self.hours = hours
        self.seq = seq
        self.note = note
        self.item = item
        self.mode = mode


class Skip(Record):
    """A topic or project the learner took out of the plan (`mlpath skip ITEM`)."""

    __slots__ = ("item", "on", "seq", "reason")

    def __init__(self, item: str, on: date, seq: int, reason: str | None = None) -> None:
        self.item = item
        self.on = on
        self.seq = seq
        self.reason = reason


class Did(Record):
    """A habit done `count` times on a day (`mlpath did HABIT [N]`), taking `minutes`
    of study time in all: never credited effort, never logged again."""

    __slots__ = ("habit", "on", "count", "minutes", "seq", "note")

    def __init__(
        self, habit: str, on: date, count: int, minutes: int, seq: int, note: str | None = None
    ) -> None:
        self.habit = habit
        self.on = on
        self.count = count
        self.minutes = minutes
        self.seq = seq
        self.note = note


class Timer(Record):
    """One timer session: a `start` event and, once seen, its `stop` or `cancel`.

    Times are local, to the minute (`YYYY-MM-DDTHH:MM`); `end` is None while it
    runs. `id` is the start event's id: a stop names it, so a timer started on one
    machine and stopped on another is one session after a merge."""

    __slots__ = (
        "id",
        "begin",
        "seq",
        "item",
        "habit",
        "mode",
        "note",
        "end",
        "capped",
        "stop_note",
        "cancelled",
    )

    def __init__(
        self,
        id: str,
        begin: str,
        seq: int,
        item: str | None = None,
        habit: str | None = None,
        mode: str | None = None,
        note: str | None = None,
        end: str | None = None,
        capped: bool = False,
        stop_note: str | None = None,
        cancelled: bool = False,
    ) -> None:
        self.id = id
        self.begin = begin
        self.seq = seq
        self.item = item
        self.habit = habit
        self.mode = mode
        self.note = note
        self.end = end
        self.capped = capped
        self.stop_note = stop_note
        self.cancelled = cancelled

    @property
    def running(self) -> bool:
        return self.end is None and not self.cancelled


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
        "skips",
        "dids",
        "timers",
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
        self.by_day: tuple[int, dict[date, dict[str | None, Fraction]], Fraction] | None = None
        self.skips: dict[str, Skip] = {}  # item id -> how it was skipped
        self.dids: list[Did] = []
        self.timers: dict[str, Timer] = {}  # start event id -> its session, in start order

    __hash__ = None  # type: ignore[assignment]

    def study_on(self, day: date) -> Fraction:
        """The study time of `day`: its logs (timer sessions among them, when added) and
        its habits (`did`). A day holds 24 h of it."""
        logged = sum(self.daily().get(day, {}).values(), Fraction(0))
        return logged + Fraction(sum(d.minutes for d in self.dids if d.on == day), 60)

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
                day: {item: _exact(per) for item, per in items.items()}
                for day, items in sorted(sums.items())
            }
            total: dict[int, int] = {}
            for items in sums.values():
                for per in items.values():
                    for d, n in per.items():
                        total[d] = total.get(d, 0) + n
            self.by_day = (len(self.logs), days, _exact(total))
        return self.by_day[1]

    @property
    def logged_total(self) -> Fraction:
        self.daily()
        assert self.by_day is not None
        return self.by_day[2]


def _exact(sums: dict[int, int]) -> Fraction:
    """Numerators summed per denominator, as one Fraction (one made, every day)."""
    if len(sums) == 1:
        ((d, n),) = sums.items()
        return Fraction(n, d)
    common = lcm(*sums) if sums else 1
    return Fraction(sum(n * (common // d) for d, n in sums.items()), common)


def fold(events: list[dict[str, Any]], base: dict[str, Any] | None = None) -> Ledger:
    """Replay the events (skipping undone ones) into the current ledger, starting
    from a compaction snapshot `base` when the state has one."""
    undone = {e["undoes"] for e in events if e["type"] == "undone"}
    undone.update(e["drops"] for e in events if e["type"] == "drop")
    folder = Folder(base, undone)
    folder.feed(events)
    return folder.result()


class Folder:
    """`fold` a batch of events at a time (a merge of two long histories compacts
    them as they come, never holding them all): the events that are undone or
    dropped are known up front. With `sums`, study time is added up per day, item
    and mode instead of kept a `Log` per event: all a snapshot keeps of it."""

    __slots__ = ("led", "undone", "ends", "sums")

    def __init__(self, base: dict[str, Any] | None, undone: set[str], *, sums: bool = False):
        self.led = ledger_from_snapshot(base) if base else Ledger()
        self.undone = undone
        self.ends: dict[str, dict[str, Any]] = {}
        # (on, item, mode) -> [{hours text: count}, highest seq]
        self.sums: dict[tuple[str, Any, Any], list[Any]] | None = {} if sums else None

    def feed(self, events: Iterable[dict[str, Any]]) -> None:
        led, undone, ends, sums = self.led, self.undone, self.ends, self.sums
        for e in events:
            kind = e["type"]
            if kind in ("undone", "drop") or e["id"] in undone:
                continue
            led.last_change = e
            if kind == "log":  # (most events: tested first)
                if sums is not None:
                    key = (e["on"], e.get("item"), e.get("mode"))
                    got = sums.get(key)
                    if got is None:
                        sums[key] = got = [{}, 0]
                    counts = got[0]
                    counts[e["hours"]] = counts.get(e["hours"], 0) + 1
                    if e["seq"] > got[1]:
                        got[1] = e["seq"]
                    continue
                led.logs.append(
                    Log(
                        date.fromisoformat(e["on"]),
                        fraction_of(e["hours"]) or Fraction(e["hours"]),
                        e["seq"],
                        e.get("note"),
                        e.get("item"),
                        e.get("mode"),
                    )
                )
            elif kind in ("plan", "replan"):
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
                    led.skips = {}
                    led.dids = []
                    led.timers = {}
                    ends.clear()
                    if sums is not None:
                        sums.clear()
            elif kind == "done":
                if e["item"] not in led.done:
                    led.done[e["item"]] = Done(
                        e["item"],
                        date.fromisoformat(e["on"]),
                        e["seq"],
                        e.get("note"),
                        e.get("evidence"),
                    )
            elif (
                kind == "reopen"
            ):  # open again: its review card goes too, a later done starts afresh
                led.skips.pop(e["item"], None)  # a skipped item comes back into the plan
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
            elif kind == "skip":
                if e["item"] not in led.skips:
                    led.skips[e["item"]] = Skip(
                        e["item"], date.fromisoformat(e["on"]), e["seq"], e.get("reason")
                    )
            elif kind == "did":
                led.dids.append(
                    Did(
                        e["habit"],
                        date.fromisoformat(e["on"]),
                        e["count"],
                        e["minutes"],
                        e["seq"],
                        e.get("note"),
                    )
                )
            elif kind == "start":
                led.timers[e["id"]] = Timer(
                    e["id"], e["begin"], e["seq"], e.get("item"), e.get("habit"), e.get("mode"),
                    e.get("note"),
                )  # fmt: skip
            elif kind in ("stop", "cancel"):
                # the first stop or cancel of a session wins; one merged from a machine whose
                # clock ran behind may come before its start in the merged order
                ends.setdefault(e["start"], e)
            elif kind == "review":
                item = e["item"]
                on = date.fromisoformat(e["on"])
                review = Review(item, on, e["rating"], e["seq"], split_id(e["id"]) is not None)
                if item in led.done:  # `review` only rates done items; an undo removes both
                    led.reviews.setdefault(item, []).append(review)
                else:
                    led.pending_reviews.setdefault(item, []).append(review)

    def result(self) -> Ledger:
        """The ledger of every event fed (the timers' ends applied)."""
        led, ends = self.led, self.ends
        if self.sums:
            for (on, item, mode), (counts, seq) in self.sums.items():
                hours = sum((_hours(h) * n for h, n in counts.items()), Fraction(0))
                led.logs.append(Log(date.fromisoformat(on), hours, seq, None, item, mode))
        for start_id, end in ends.items():
            t = led.timers.get(start_id)
            if t is None or not t.running:
                continue
            if end["type"] == "cancel":
                t.cancelled = True
            else:
                t.end = max(end["end"], t.begin)  # never a negative session
                t.capped = bool(end.get("capped"))
                t.stop_note = end.get("note")
        return led


def _hours(text: str) -> Fraction:
    return fraction_of(text) or Fraction(text)


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


def chain_start(plan: dict[str, Any] | None, history: list[dict[str, Any]]) -> int:
    """Where the plans the active one replanned begin in `history`, for a snapshot
    (which keeps the plans, not the events that made them): a replan lays from its
    `from` day, a plan (or a replan from the start) from none, so the chain is the
    last record without one and the replans after it. The weeks before a replan keep
    the hours those plans laid (progress.py's `_chain`), compacted or not."""
    if plan is None or not plan.get("from"):
        return len(history)
    i = len(history)
    while i > 0 and history[i - 1].get("from"):
        i -= 1
    return max(i - 1, 0)


def ledger_from_snapshot(snap: dict[str, Any]) -> Ledger:
    led = Ledger()
    led.plan = snap.get("plan")
    led.plan_seq = snap.get("plan_seq")
    led.history = list(snap.get("history") or [])
    led.chain_start = chain_start(led.plan, led.history)
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
            g.get("mode"),
        )
        for g in snap.get("logs") or []
    ]
    for r in snap.get("reviews") or []:
        on = date.fromisoformat(r["on"])
        review = Review(r["item"], on, r["rating"], r["seq"], r.get("v3") is True)
        if r["item"] in led.done and not r.get("pending"):
            led.reviews.setdefault(r["item"], []).append(review)
        else:
            led.pending_reviews.setdefault(r["item"], []).append(review)
    for k in snap.get("skips") or []:
        led.skips[k["item"]] = Skip(
            k["item"], date.fromisoformat(k["on"]), k["seq"], k.get("reason")
        )
    led.dids = [
        Did(d["habit"], date.fromisoformat(d["on"]), d["count"], d["minutes"], d["seq"])
        for d in snap.get("dids") or []
    ]
    for t in snap.get("timers") or []:
        led.timers[t["id"]] = Timer(
            t["id"], t["begin"], t["seq"], t.get("item"), t.get("habit"), t.get("mode"),
            end=t.get("end"), capped=bool(t.get("capped")),
        )  # fmt: skip
    return led


def append(
    state: dict[str, Any], kind: str, stamp: str, *, writer: str, **fields: Any
) -> dict[str, Any]:
    """Append one event to the state (the only way the state changes), written by
    `writer` (a machine id) at `stamp` (UTC, to the microsecond). Its id is the
    writer's next counter unless `counter` is given (the store passes one at least
    as high as any it handed out before, so a restored backup never repeats an id)."""
    events: list[dict[str, Any]] = state.setdefault("events", [])
    counter = max(fields.pop("counter", 0) or 0, writer_counter(state, writer) + 1)
    event = {"seq": next_seq(events, state), "id": f"{writer}-{counter}"}
    event.update({"at": later_stamp(state, stamp), "type": kind})
    event.update({k: v for k, v in fields.items() if v is not None})
    events.append(event)
    return event


def plan_event_id(events: list[dict[str, Any]], seq: int | None) -> str | None:
    """The id of the plan or replan event numbered `seq` (a ledger's plan_seq)."""
    for e in reversed(events):
        if e.get("seq") == seq and e.get("type") in ("plan", "replan"):
            return str(e["id"])
    return None


def same_command(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two events one command appended: one `batch` and one writer. A batch is the seq
    its first event had in its own copy, so two machines' batches may share it."""
    wa, wb = split_id(a["id"]), split_id(b["id"])
    return a.get("batch") == b.get("batch") and (wa and wa[0]) == (wb and wb[0])


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
    if kind == "skip":
        return f"skip {event['item']} (on {event['on']})"
    if kind == "did":
        return f"did {event['habit']} x{event['count']} (on {event['on']})"
    if kind == "start":
        what = event.get("item") or event.get("habit")
        at = str(event["begin"]).replace("T", " ")  # the stamp as people write it
        return f"start the timer{' on ' + what if what else ''} at {at}"
    if kind == "stop":
        return f"stop the timer at {str(event['end']).replace('T', ' ')}"
    if kind == "cancel":
        return "cancel the timer"
    if kind == "plan":
        p = event["plan"]
        weekly = number(Fraction(p["hours_per_week"]))
        return f"plan {p['roadmap']} ({p['level']}, {weekly} h/week from {p['start']})"
    return str(kind)
