"""What a state file must look like: event types, event ids, numbers and bounds.

Pure. `check_state` is the one shape check every state passes when it is read,
so a hostile or damaged file fails here, in one sentence, never deep inside a
command. Ids: version 2's random 16 hex digits, or version 3's
`<writer>-<counter>` (see core/ledger.py).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from functools import lru_cache

from mlpath.core.daterange import MAX_YEAR, MIN_YEAR
from mlpath.core.dates import WEEKDAYS
from mlpath.core.review import MAX_MINUTES, RATINGS
from mlpath.core.roadmap import LEVELS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
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
    "skip",
    "did",
    "start",
    "stop",
    "cancel",
)
MODES = ("practice", "theory")  # `log/start --practice|--theory`

# The checks below are plain string tests, not regular expressions: compiling
# patterns cost every command ~2% of its start-up (tests/test_shape_text.py holds
# each one to the pattern it replaced).
_HEX = "0123456789abcdef"
_DIGITS = "0123456789"
MAX_COUNTER = 10**15 - 1
# `seq` becomes an .ics SEQUENCE, a signed 32-bit integer; no copy holds that many events
MAX_SEQ = 2**31 - 1


def _hex(v: str, n: int) -> bool:
    """Exactly n lowercase hex digits."""
    return len(v) == n and not v.strip(_HEX)


def is_event_id(v: Any) -> bool:
    """16 hex digits (version 2, random) or writer-counter (version 3): 8 hex digits,
    a dash and a counter of 1 to 15 digits without a leading zero."""
    if v.__class__ is not str or not 10 <= len(v) <= 24:
        return False
    if v[8] == "-":  # version 3 first (every new event), the tests inline: a long history
        # checks one id per event (the counter's 1 to 15 characters follow from the length)
        return v[9] != "0" and not v[:8].strip(_HEX) and not v[9:].strip(_DIGITS)
    return len(v) == 16 and not v.strip(_HEX)


def is_roadmap_hash(v: Any) -> bool:
    """A roadmap's content hash as plans record it: 16 lowercase hex digits. It
    becomes a file name (roadmaps/<hash>.yaml), so nothing else is ever used."""
    return v.__class__ is str and _hex(v, 16)


def is_legacy_id(v: Any) -> bool:
    return v.__class__ is str and _hex(v, 16)


def is_writer(v: Any) -> bool:
    return v.__class__ is str and _hex(v, 8)


def split_id(event_id: str) -> tuple[str, int] | None:
    """(writer, counter) of a version-3 id; None for a legacy one."""
    if len(event_id) > 9 and event_id[8] == "-":
        return event_id[:8], int(event_id[9:])
    return None


def keepable(value: Fraction) -> Fraction:
    """`value` as a figure the state can keep: itself when its exact text fits, else
    rounded down to a whole second (a sum of odd logs, like 1/7 h + 1/11 h + ..., has
    a denominator that grows with every term)."""
    if len(fraction_text(value)) <= MAX_FIGURE_TEXT:
        return value
    return Fraction(value.numerator * 3600 // value.denominator, 3600)


def fraction_text(value: Fraction) -> str:
    """Exact and readable: 7.5 stays '7.5', a third stays '10/3'."""
    if value.denominator == 1:
        return str(value.numerator)
    for places in range(1, 7):
        scaled = value * 10**places
        if scaled.denominator == 1:
            return f"{value.numerator / value.denominator:.{places}f}"
    return f"{value.numerator}/{value.denominator}"


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
MAX_FIGURE_TEXT = 40  # characters of an hour figure as written (`fraction_text`)


def _digits_at(v: str, *spans: tuple[int, int]) -> bool:
    """Every span of v holds decimal digits only (what `\\d` matches, Unicode too)."""
    return all(v[a:b].isdecimal() for a, b in spans)


def date_text_shape(v: str) -> bool:
    """`YYYY-MM-DD` in digits (not yet a real date)."""
    return len(v) == 10 and v[4] == "-" and v[7] == "-" and _digits_at(v, (0, 4), (5, 7), (8, 10))


def _is_date(v: Any) -> bool:
    return isinstance(v, str) and _date_text_ok(v)


@lru_cache(maxsize=4096)  # a state repeats the same few dates; 100,000 events stay cheap
def _date_text_ok(v: str) -> bool:
    if not date_text_shape(v):
        return False
    try:
        d = date.fromisoformat(v)
    except ValueError:
        return False
    return MIN_YEAR <= d.year <= MAX_YEAR


_ZERO = Fraction(0)


def _is_fraction_text(v: Any, lo: Fraction, hi: Fraction, *, open_low: bool = True) -> bool:
    if not isinstance(v, str) or len(v) > MAX_FIGURE_TEXT:
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
    for key in ("skip_items", "no_habits"):
        if not _is_id_list(p.get(key, [])):
            return f"a plan's {key} list is not a list of ids"
    deadlines = p.get("deadlines", {})
    if (
        not isinstance(deadlines, dict)
        or len(deadlines) > 1000
        or any(not _is_short_text(k) or not _is_date(v) for k, v in deadlines.items())
    ):
        return "a plan's deadlines are not a mapping of items or phases to dates"
    interviews = p.get("interviews", [])
    if (
        not isinstance(interviews, list)
        or len(interviews) > 1000
        or not all(_is_date(d) for d in interviews)
    ):
        return "a plan's interviews are not a list of dates"
    boost = p.get("boost")
    if boost is not None and (
        not isinstance(boost, dict)
        or not _is_date(boost.get("until"))
        or not _is_fraction_text(
            boost.get("hours_per_week"), MIN_WEEKLY, MAX_WEEKLY, open_low=False
        )
    ):
        return "a plan's boost is not a date and a number of hours between 0.5 and 168"
    return None


def _is_short_text(v: Any) -> bool:
    return isinstance(v, str) and 0 < len(v) <= 200


def _is_id_list(ids: Any) -> bool:
    return (
        isinstance(ids, list)
        and len(ids) <= 10_000
        and all(isinstance(i, str) and 0 < len(i) <= 60 for i in ids)
    )


def local_time_shape(v: str) -> bool:
    """`YYYY-MM-DDTHH:MM` in digits (not yet a real time)."""
    return (
        len(v) == 16
        and date_text_shape(v[:10])
        and v[10] == "T"
        and v[13] == ":"
        and _digits_at(v, (11, 13), (14, 16))
    )


def is_local_time(v: Any) -> bool:
    """A local date and time to the minute, `YYYY-MM-DDTHH:MM` (timer events)."""
    if not isinstance(v, str) or not local_time_shape(v) or not _date_text_ok(v[:10]):
        return False
    return int(v[11:13]) < 24 and int(v[14:16]) < 60


_OPTIONAL_TEXT = ("note", "evidence")
_EVENT_TYPE_SET = frozenset(EVENT_TYPES)


def _bounded_hours(lo: Fraction, hi: Fraction) -> Callable[[Any], bool]:
    """`_is_fraction_text(v, lo, hi)` with a cache of its own: a history repeats a few
    dozen figures, and the general cache's key costs more than the lookup."""
    cache: dict[str, bool] = {}

    def ok(v: Any) -> bool:
        if not isinstance(v, str) or len(v) > MAX_FIGURE_TEXT:
            return False
        found = cache.get(v)
        if found is None:
            found = _is_fraction_text(v, lo, hi)
            if len(cache) < 4096:
                cache[v] = found
        return found

    return ok


_daily_hours_ok = _bounded_hours(_ZERO, MAX_DAILY)
MAX_DID_COUNT = 1000


def _check_event(e: Any) -> str | None:
    """What is wrong with one event, to follow "event N", or None."""
    if not isinstance(e, dict):
        return " is not a mapping"
    get = e.get  # (every event of a long history passes here: kept lean)
    kind = get("type")
    if kind.__class__ is not str or kind not in _EVENT_TYPE_SET:
        return " has an unknown type"
    seq = get("seq")
    if seq.__class__ is not int or seq > MAX_SEQ:
        return " has no sequence number"
    if not is_event_id(get("id")):
        return " has no id (16 hex digits)"
    if not isinstance(get("at"), str):
        return " has no timestamp"
    for opt in _OPTIONAL_TEXT:
        value = get(opt)
        if value is not None and not isinstance(value, str):
            return f" has a {opt} that is not text"
    if kind == "log":
        if not _daily_hours_ok(get("hours")) or not _is_date(get("on")):
            return " lacks valid hours or a date"
        if get("item") is not None and not isinstance(e["item"], str):
            return " names an item that is not an id"
        if get("mode") is not None and e["mode"] not in MODES:
            return " has a mode that is not practice or theory"
    elif kind == "done":
        if not isinstance(get("item"), str) or not _is_date(get("on")):
            return " lacks an item or a date"
    elif kind == "skip":
        if not isinstance(e.get("item"), str) or not _is_date(e.get("on")):
            return " lacks an item or a date"
        if e.get("reason") is not None and not isinstance(e["reason"], str):
            return " has a reason that is not text"
    elif kind == "did":
        if not _is_short_text(e.get("habit")) or not _is_date(e.get("on")):
            return " lacks a habit or a date"
        count: Any = e.get("count")
        minutes: Any = e.get("minutes")
        if not _is_int(count) or not 1 <= count <= MAX_DID_COUNT:
            return f" has a count that is not a whole number from 1 to {MAX_DID_COUNT}"
        if not _is_int(minutes) or not 0 <= minutes <= 24 * 60:
            return " has minutes that are not a whole number from 0 to 1440"
    elif kind == "start":
        if not is_local_time(e.get("begin")):
            return " lacks a start time (YYYY-MM-DDTHH:MM)"
        for key in ("item", "habit"):
            if e.get(key) is not None and not _is_short_text(e[key]):
                return f" names a {key} that is not an id"
        if e.get("mode") is not None and e["mode"] not in MODES:
            return " has a mode that is not practice or theory"
    elif kind == "stop":
        if not is_event_id(e.get("start")) or not is_local_time(e.get("end")):
            return " does not say which timer it stops, or when"
        if e.get("capped", False) not in (True, False):
            return " has a capped flag that is not true or false"
    elif kind == "cancel":
        if not is_event_id(e.get("start")):
            return " does not say which timer it cancels"
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
    if not _is_int(snap.get("upto")) or not 1 <= snap["upto"] <= MAX_SEQ:
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
        or r.get("v3", False) not in (True, False)
        for r in reviews
    ):
        return "has reviews without an id, a date, a rating or a sequence number"
    if snap.get("learner") is not None and not is_event_id(snap["learner"]):
        return "has a learner id that is not an event id"
    vv = snap.get("vv", {})
    if not isinstance(vv, dict) or any(
        not is_writer(w) or not _is_int(n) or not 1 <= n <= MAX_COUNTER for w, n in vv.items()
    ):
        return "has a version vector that is not machine ids with event counters"
    legacy = snap.get("legacy", [])
    if not isinstance(legacy, list) or not all(is_legacy_id(a) for a in legacy):
        return "has legacy event ids that are not ids"
    skips = snap.get("skips", [])
    if not isinstance(skips, list) or any(
        not isinstance(k, dict)
        or not isinstance(k.get("item"), str)
        or not _is_date(k.get("on"))
        or not _is_int(k.get("seq"))
        or (k.get("reason") is not None and not isinstance(k["reason"], str))
        for k in skips
    ):
        return "has skipped items without an id, a date or a sequence number"
    dids = snap.get("dids", [])
    if not isinstance(dids, list) or any(
        not isinstance(d, dict)
        or not _is_short_text(d.get("habit"))
        or not _is_date(d.get("on"))
        or not _is_int(d.get("count"))
        or not 1 <= d["count"] <= MAX_DID_COUNT
        or not _is_int(d.get("minutes"))
        or not 0 <= d["minutes"] <= 24 * 60
        or not _is_int(d.get("seq"))
        for d in dids
    ):
        return "has habits done without a habit, a date, a count or minutes"
    timers = snap.get("timers", [])
    if not isinstance(timers, list) or any(
        not isinstance(t, dict)
        or not is_event_id(t.get("id"))
        or not is_local_time(t.get("begin"))
        or not _is_int(t.get("seq"))
        or (t.get("end") is not None and not is_local_time(t["end"]))
        or any(t.get(k) is not None and not _is_short_text(t[k]) for k in ("item", "habit"))
        or t.get("mode", "practice") not in MODES
        or t.get("capped", False) not in (True, False)
        for t in timers
    ):
        return "has timer sessions without an id or a start time"
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
