"""The timer and the habits: `mlpath start`, `stop`, `cancel`, `did` (one command run
each, printing nothing).

A session is a `start` event and the `stop` or `cancel` naming it (core/timer.py
says how its minutes count). `start` while a session runs switches: the running one
is stopped and the new one started in one batch, so one `undo` reverts both. A
habit's session (`start HABIT`) records a `did` with the timed minutes when stopped.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from fractions import Fraction

from mlpath.app.actions import Change, after_change, before_start, parse_on
from mlpath.app.session import Active, load_active
from mlpath.core import ledger as sm
from mlpath.core.method import Habit, method_of
from mlpath.core.timer import (
    DEFAULT_CAP_MINUTES,
    capped_end,
    minutes_between,
    moment,
    overlap_minutes,
    stamp,
)
from mlpath.errors import MlpathError, UsageError
from mlpath.render.text import number
from mlpath.store.state import Store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from mlpath.core.ledger import Timer
    from mlpath.core.schedule import PlannedItem

    Step = tuple[str, dict[str, Any]]  # a kind and its figures, worded by render/method.py

MAX_DAY = Fraction(24)


def cap_minutes() -> int:
    """config `timer_cap` (default 4 h), in minutes."""
    from mlpath.store.config import load_config

    value = load_config().values.get("timer_cap")
    if not value:
        return DEFAULT_CAP_MINUTES
    from mlpath.core.dates import parse_duration_hours

    # the form config.yaml keeps it in (normalize): "4h", "1.5h", "20m", "1h20"
    return max(int(parse_duration_hours(str(value), what="a timer cap") * 60), 1)


def at_time(text: str | None, now: datetime) -> datetime:
    """`--at HH:MM`: that time today, or yesterday when it is later than now (a stop
    after midnight for a session begun the evening before)."""
    if text is None:
        return now
    t = text.strip()
    try:
        hh, mm = t.split(":")
        if not (hh.isdigit() and mm.isdigit() and len(mm) == 2 and len(hh) <= 2):
            raise ValueError(t)
        when = now.replace(hour=int(hh), minute=int(mm))
    except ValueError:
        raise UsageError(
            f"--at {t}: not a time of day.", "Give it as HH:MM, e.g. --at 09:30."
        ) from None
    return when if when <= now else when - timedelta(days=1)


def find_habit(active: Active, query: str) -> Habit | None:
    """The roadmap's habit named by id or a unique id prefix, or None."""
    habits = method_of(active.roadmap).habits
    q = query.strip().lower()
    exact = [h for h in habits if h.id == q]
    if exact:
        return exact[0]
    found = [h for h in habits if q and h.id.startswith(q)]
    return found[0] if len(found) == 1 else None


def _item(active: Active, query: str) -> PlannedItem:
    from mlpath.core.resolve import resolve

    found = resolve(query, active.schedule)
    if len(found) != 1 or found[0].kind == "milestone":
        ph = f"phase {found[0].phase}" + ("" if len(found) > 1 else f"'s milestone {found[0].id}")
        raise UsageError(
            f"'{query}' names {ph}, not one topic or project to time.",
            "Name a topic or project by id (`mlpath next` shows ids), or a habit.",
        )
    if found[0].skipped:
        raise UsageError(
            f"{found[0].title} ({found[0].id}) is skipped in your plan.",
            "Time an item of your plan, or start without one.",
        )
    return found[0]


def _what(t: Timer | dict[str, Any], active: Active) -> dict[str, Any]:
    """What a session is on, as figures for render/method.py to word."""
    item = t.item if not isinstance(t, dict) else t.get("item")
    habit = t.habit if not isinstance(t, dict) else t.get("habit")
    it = active.schedule.items.get(item) if item else None
    return {"item": item, "title": it.title if it else None, "habit": habit}


def _change(view: dict[str, Any], steps: list[Step]) -> Change:
    """A Change whose steps (kind, figures) render/method.py words (TIMER_WORDS)."""
    return Change(view, steps)


def _stop_fields(
    active: Active, t: Timer, end: datetime, note: str | None, cap: int
) -> tuple[list[tuple[str, dict[str, Any]]], int, bool]:
    """The events that stop session `t` at `end`: a `stop` (and a `did` for a habit),
    the minutes it counts and whether the cap cut it."""
    begin = moment(t.begin)
    if end < begin:
        raise UsageError(
            f"The timer started at {t.begin.replace('T', ' ')}; it cannot stop before that.",
            "Give a later --at, or `mlpath cancel` it.",
        )
    end, capped = capped_end(begin, end, cap)
    minutes = minutes_between(begin, end)
    todo: list[tuple[str, dict[str, Any]]] = [
        ("stop", {"start": t.id, "end": stamp(end), "capped": capped or None, "note": note})
    ]
    if t.habit is not None:
        _check_habit_day(active, begin.date(), minutes)
        todo.append(
            ("did", {"habit": t.habit, "count": 1, "minutes": min(minutes, 24 * 60),
                     "on": begin.date().isoformat(), "note": t.note})
        )  # fmt: skip
    else:
        _check_day_limit(active, t, begin, end)
    return todo, minutes, capped


def _check_day_limit(active: Active, t: Timer, begin: datetime, end: datetime) -> None:
    """The same per-day limit as `log`: a day holds 24 h of study."""
    from mlpath.core.timer import by_day

    for day, m in by_day(begin, end):
        total = active.ledger.study_on(day) + Fraction(m, 60)  # logs, sessions, habits
        if total > MAX_DAY:
            raise UsageError(
                f"That would make {number(total)} h on {day.isoformat()}, more than a day holds.",
                "Stop it at the time you really stopped with --at, or `mlpath cancel` it.",
            )


def _check_habit_day(active: Active, day: date, minutes: int) -> None:
    """A habit's session is one `did` on the day it began: that day holds 24 h of study."""
    total = active.ledger.study_on(day) + Fraction(min(minutes, 24 * 60), 60)
    if total > MAX_DAY:
        raise UsageError(
            f"That would make {number(total)} h on {day.isoformat()}, more than a day holds.",
            "Stop it at the time you really stopped with --at, or `mlpath cancel` it.",
        )


def _batch(store: Store, state: dict[str, Any], todo: list[tuple[str, dict[str, Any]]]) -> None:
    """One command's events share a `batch`, so one `undo` reverts them all."""
    batch = sm.next_seq(state.get("events", []), state) if len(todo) > 1 else None
    for kind, fields in todo:
        store.append(state, kind, batch=batch, **fields)


def start_timer(
    store: Store,
    now: datetime,
    query: str | None,
    *,
    note: str | None,
    at: str | None,
    mode: str | None,
) -> Change:
    when = at_time(at, now)
    steps: list[Step] = []
    with store.transaction() as state:
        active = load_active(store, now.date(), state=state)
        habit = find_habit(active, query) if query else None
        item = _item(active, query) if query and habit is None else None
        if habit is not None and mode is not None:
            raise UsageError(
                f"A habit's time is its own kind ({habit.mode}); --{mode} does not apply.",
                f"Start it without --{mode}.",
            )
        todo: list[tuple[str, dict[str, Any]]] = []
        stopped: list[dict[str, Any]] = []  # as `stop --json` lists them
        from mlpath.core.timer import running

        for t in running(active.ledger):
            if when < moment(t.begin):
                raise UsageError(
                    f"The running timer started at {t.begin.replace('T', ' ')}, after "
                    f"{stamp(when).replace('T', ' ')}.",
                    "Give a later --at.",
                )
            stop, minutes, capped = _stop_fields(active, t, when, None, cap_minutes())
            todo += stop
            stopped.append({"id": t.id, "minutes": minutes, "capped": capped, "item": t.item,
                            "habit": t.habit})  # fmt: skip
            steps.append(("timer_stopped", {**_what(t, active), "minutes": minutes,
                                            "capped": capped, "cap": None}))  # fmt: skip
        fields = {
            "begin": stamp(when),
            "item": item.id if item else None,
            "habit": habit.id if habit else None,
            "mode": mode,
            "note": note,
        }
        todo.append(("start", fields))
        _batch(store, state, todo)
    # `--at` later than now is yesterday's: said, so 13:00 at noon is not read as today's
    at = f"{when:%H:%M}" + (" yesterday" if when.date() < now.date() else "")
    steps.append(("timer_started", {**_what(fields, active), "at": at}))
    if stopped:
        steps.append(("switch_undo", {}))
    view = {"started": {k: v for k, v in fields.items() if v is not None}, "stopped": stopped}
    return _change(view, steps)


def _running_here(active: Active, verb: str) -> list[Timer]:
    """The timers running in this copy, or why there is none to `verb`."""
    from mlpath.core.timer import running

    live = running(active.ledger)
    if not live:
        raise MlpathError(
            "No timer is running here.",
            "If you started it on another machine, sync first (`mlpath sync`, or "
            f"`mlpath merge FILE`), then {verb} it.",
        )
    return live


def stop_timer(store: Store, now: datetime, *, note: str | None, at: str | None) -> Change:
    when = at_time(at, now)
    with store.transaction() as state:
        active = load_active(store, now.date(), state=state)
        live = _running_here(active, "stop")
        todo: list[tuple[str, dict[str, Any]]] = []
        done: list[tuple[Timer, int, bool]] = []
        cap = cap_minutes()
        for t in live:
            stop, minutes, capped = _stop_fields(active, t, when, note, cap)
            todo += stop
            done.append((t, minutes, capped))
        overlap_before = overlap_minutes(active.ledger)
        _batch(store, state, todo)
    after = load_active(store, now.date(), state=state)
    steps: list[Step] = [
        ("timer_stopped", {**_what(t, after), "minutes": m, "capped": c, "cap": cap})
        for t, m, c in done
    ]
    overlap = overlap_minutes(after.ledger) - overlap_before  # what this stop ran over
    if len(done) > 1:
        steps.append(("overlap", {"count": len(done), "minutes": overlap}))
    elif overlap > 0:  # a session started back (`start --at`) over time already timed
        steps.append(("overlap_timed", {"minutes": overlap}))
    prog = after.progress
    items = {t.item for t, _, _ in done if t.item is not None and t.item in prog.schedule.items}
    if len(items) == 1:  # as `log --item` says it
        target = prog.schedule.items[items.pop()]
        left = prog.hours_left(target)
        steps.append(("item_left", {"id": target.id, "left": left, "effort": target.effort}))
    steps.append(
        ("week", {"logged": prog.week_logged(), "target": prog.week_target(),
                  "total": after.ledger.logged_total})
    )  # fmt: skip
    view = {
        "stopped": [
            {"id": t.id, "minutes": m, "capped": c, "item": t.item, "habit": t.habit}
            for t, m, c in done
        ],
        "overlap_minutes": overlap,
    }
    return after_change(after, steps, view)


def cancel_timer(store: Store, now: datetime) -> Change:
    with store.transaction() as state:
        active = load_active(store, now.date(), state=state)
        live = _running_here(active, "cancel")
        _batch(store, state, [("cancel", {"start": t.id}) for t in live])
    steps: list[Step] = [("timer_cancelled", {**_what(t, active), "begin": t.begin}) for t in live]
    return _change({"cancelled": [t.id for t in live]}, steps)


def did_habit(
    store: Store, when: date, query: str, count: int, *, on: str | None, note: str | None
) -> Change:
    from mlpath.core.habits import done_between

    day = parse_on(on, when)  # a day already gone, read as `log --on` reads it
    with store.transaction() as state:
        active = load_active(store, when, state=state)
        early = before_start(day, active, on)
        habit = find_habit(active, query)
        if habit is None:
            habits = method_of(active.roadmap).habits
            raise UsageError(
                f"'{query}' is not a habit of the roadmap '{active.roadmap.id}'.",
                f"Its habits are {', '.join(h.id for h in habits)}."
                if habits
                else "Its document states no habits; `mlpath log` records study time.",
            )
        minutes = count * habit.minutes
        if minutes > 24 * 60:
            raise UsageError(
                f"{count} × {habit.minutes} min is more than a day holds.", "Check the number."
            )
        total = active.ledger.study_on(day) + Fraction(minutes, 60)  # logs, sessions, habits
        if total > MAX_DAY:
            raise UsageError(
                f"That would make {number(total)} h on {day.isoformat()}, more than a day holds.",
                "Check the number, or record it on another day with --on.",
            )
        store.append(
            state, "did", habit=habit.id, count=count, minutes=minutes, on=day.isoformat(),
            note=note,
        )  # fmt: skip
    after = load_active(store, when, state=state, reuse=active)
    if habit.per == "week":
        first, last = after.schedule.week_bounds(max(after.schedule.week_number(day), 1))
    else:
        first = last = day
    so_far = done_between(after.ledger, habit.id, first, last)
    figures = {"habit": habit.id, "count": count, "minutes": minutes, "on": day.isoformat()}
    steps: list[Step] = [
        ("did", {**figures, "title": habit.title}),
        ("did_tally", {**figures, "done": so_far, "of": habit.count_text, "per": habit.per}),
    ]
    return Change({"did": figures, "done": so_far}, steps, [early] if early else [])
