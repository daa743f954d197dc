"""The documents' method as text: the timer, today's habits, the practice target,
the warnings, and the one-line summary for prompts (`next --line`).

Built only from the view dicts of core/coach.py and core/balance.py; the timer's
running minutes are counted from `now` here, so a kept screen never shows stale ones.
"""

from __future__ import annotations

from datetime import datetime

from mlpath.render import safe
from mlpath.render.term import Style
from mlpath.render.text import hours, long_date, plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def duration(minutes: int) -> str:
    h, m = divmod(max(minutes, 0), 60)
    if not h:
        return f"{m} min"
    return f"{h} h {m:02d} min" if m else f"{h} h"


def _elapsed(begin: str, now: datetime) -> int:
    return int((now - datetime.strptime(begin, "%Y-%m-%dT%H:%M")).total_seconds() // 60)


def _on(t: dict[str, Any], plain: str = "your plan") -> str:
    """What a timer session is on: a habit, an item, or `plain` (no item named)."""
    if t.get("habit"):
        return f"habit {t['habit']}"
    if t.get("item"):
        return f"{t.get('title') or t['item']} ({t['item']})"
    return plain


def timer_lines(m: dict[str, Any] | None, now: datetime, s: Style, cap: int) -> list[str]:
    """What runs now and for how long; a session the cap cut, the morning after."""
    if not m:
        return []
    m = safe.view(m)  # titles and ids are data (render/safe.py)
    t = m.get("timer") or {}
    out: list[str] = []
    live = t.get("running") or []
    for r in live:
        since = r["begin"][11:] if r["begin"][:10] == now.date().isoformat() else r["begin"]
        took = _elapsed(r["begin"], now)
        mode = f" · {r['mode']}" if r.get("mode") else ""
        line = (
            s("Timer ", "bold")
            + f"{duration(took)} on {_on(r)}"
            + s(f"  since {since.replace('T', ' ')}{mode}", "dim")
        )
        out.append(line)
        if took > cap:
            out.append(
                s(
                    f"  Past the {duration(cap)} cap: it counts {duration(cap)} unless you "
                    "`mlpath stop --at HH:MM` when you really stopped.",
                    "yellow",
                )
            )
    if len(live) > 1:
        out.append(
            s(
                f"  {len(live)} timers run at once (two machines): the overlap counts once.",
                "yellow",
            )
        )
    capped = t.get("capped")
    if capped:
        out.append(
            s(
                f"A timer left running from {capped['begin'].replace('T', ' ')} was cut at the "
                f"cap ({capped['end'][11:]}); `mlpath log` adds any time it missed.",
                "yellow",
            )
        )
    return out


def habit_lines(m: dict[str, Any] | None, s: Style) -> list[str]:
    if not m or not m.get("habits"):
        return []
    m = safe.view(m)
    out = [s("Habits ", "bold") + s("(mlpath did ID)", "dim")]
    for h in m["habits"]:
        if h["per"] == "day":
            each = h["count"] * h["minutes"]
            tick = "  ✓" if h["done"] >= h["count"] else ""
            out.append(f"  • {h['title']} — {duration(each)}{tick}  " + s(h["id"], "dim"))
        else:
            out.append(
                f"  • {h['title']} — this week: {h['done']} of {h['count_text']}  "
                + s(f"{h['id']} · {duration(h['minutes'])} each", "dim")
            )
    return out


def practice_lines(m: dict[str, Any] | None, s: Style) -> list[str]:
    """Today's practice target, and the interviews ahead (deadlines)."""
    if not m:
        return []
    out: list[str] = []
    t = m.get("practice_target")
    if t and t["hours"]:
        out.append(
            s("Practice today ", "bold")
            + f"{hours(t['hours'])} of your time ({round(t['share'] * 100)}%)"
            + s("  (log --practice)", "dim")
        )
    for iv in m.get("interviews") or ():
        left = iv["days_left"]
        when = "today" if left == 0 else f"in {plural(left, 'day')}"
        out.append(s("Interview ", "bold") + f"{long_date(iv['date'])}, {when}")
    return out


def warning_lines(m: dict[str, Any] | None, s: Style) -> list[str]:
    """At most one line each: practice below the target, a phase ending unpractised."""
    if not m:
        return []
    m = safe.view(m)
    out: list[str] = []
    low = m.get("practice_low")
    if low:
        out.append(
            s("Practice is below the target: ", "bold", "yellow")
            + f"{hours(low['practice_hours'])} of {hours(low['target_hours'])} over the last "
            f"{plural(low['days'], 'day')}; log project work with --practice."
        )
    a = m.get("avoidance")
    if a:
        if a["first_day"]:
            out.append(s(f"“{a['source']}”", "yellow"))
        left = a["days_left"]
        when = (
            f"is {plural(-left, 'day')} overdue"
            if left < 0
            else "ends today"
            if left == 0
            else f"ends in {plural(left, 'day')}"
        )
        out.append(
            s(f"Phase {a['phase']} {when} ", "bold", "yellow")
            + "with no practice time: build something (`mlpath start ITEM --practice`)."
        )
    return out


def _percent(row: dict[str, Any]) -> int | None:
    """A row's practice share in whole percent, from its hours (the view's share is kept
    to 3 decimals: rounding that again could make 45.45% read 46%)."""
    total = row["theory_hours"] + row["practice_hours"]
    return round(row["practice_hours"] / total * 100) if total else None


def balance_lines(b: dict[str, Any] | None, s: Style, weeks: int = 4) -> list[str]:
    """The dashboard's split: in total, the last weeks, and per phase against the target."""
    if not b:
        return []
    b = safe.view(b)
    th, pr = b["theory_hours"], b["practice_hours"]
    total = th + pr
    out = [s("Theory and practice", "bold")]
    share = f" ({round(pr / total * 100)}% practice)" if total else ""
    target = b.get("target_practice_share")
    aim = f"; target {round(target * 100)}% now" if target is not None else ""
    out.append(f"  {hours(pr)} practice, {hours(th)} theory{share}{aim}")
    for w in b["weeks"][-weeks:]:
        ws = _percent(w)
        out.append(
            f"  week {w['week']}: {hours(w['practice_hours'])} practice, "
            f"{hours(w['theory_hours'])} theory" + (f" ({ws}%)" if ws is not None else "")
        )
    for ph in b["phases"]:
        if ph["phase"] is None:
            continue
        ps = _percent(ph)
        tgt = ph["target_practice_share"]
        out.append(
            f"  phase {ph['phase']}: "
            + (f"{ps}% practice" if ps is not None else "no time yet")
            + (f" (target {round(tgt * 100)}%)" if tgt is not None else "")
        )
    if b.get("target_source"):
        out.append(s(f"  “{b['target_source']}”", "dim"))
    if b.get("tip"):
        out.append(s(f"  Tip: “{b['tip']}”", "dim"))
    return out


def habits_status_lines(habits: list[dict[str, Any]] | None, weeks: int = 4) -> list[str]:
    """Each habit's streak and its count in the last weeks (the dashboard)."""
    if not habits:
        return []
    habits = safe.view(habits)
    out = ["Habits"]
    for h in habits:
        if h["opted_out"]:
            out.append(f"  {h['id']}: left out of your plan (--no-habit)")
            continue
        if h.get("no_interview"):
            out.append(
                f"  {h['id']}: for the {h['interview_weeks']} weeks before an interview "
                "(plan --interview DATE)"
            )
            continue
        streak = plural(h["streak"], h["streak_unit"])
        recent = ", ".join(f"wk {w['week']}: {w['count']}" for w in h["weeks"][-weeks:])
        per = "a day" if h["per"] == "day" else "a week"
        if h.get("phases") and not h["weeks"]:
            where = ", ".join(str(n) for n in h["phases"])
            out.append(f"  {h['id']} ({h['count_text']} {per}): in phase {where}")
            continue
        out.append(
            f"  {h['id']} ({h['count_text']} {per}): streak {streak}"
            + (f"; {recent}" if recent else "; not done yet")
        )
    return out


def running_lines(timer: dict[str, Any] | None) -> list[str]:
    """The dashboard's word on a running timer: since when, never a count (the
    dashboard is kept as drawn; `mlpath next` counts the minutes)."""
    out = []
    for r in safe.view((timer or {}).get("running") or []):
        out.append(f"Timer running since {r['begin'].replace('T', ' ')} on {_on(r)} (mlpath stop)")
    return out


_PLAN_ORDER = "study (credited in plan order)"


def _stopped(s: dict[str, Any]) -> str:
    line = f"Stopped {_on(s, _PLAN_ORDER)} after {duration(s['minutes'])}"
    if s["capped"]:
        line += (
            f", cut at the timer cap ({duration(s['cap'])}; config timer_cap)"
            if s.get("cap")
            else " (cut at the timer cap)"
        )
    return line + "."


def _tally(s: dict[str, Any]) -> str:
    when = "this week" if s["per"] == "week" else f"on {s['on']}"
    return f"{s['habit']}: {s['done']} of {s['of']} {when}. `mlpath undo` removes it."


# The timer's and the habits' steps (app/timer.py) and done's reminder: a kind and its
# figures, worded here; render/change.py words them with the other changes' steps.
TIMER_WORDS: dict[str, Callable[[dict[str, Any]], str]] = {
    "timer_started": lambda s: f"Started {_on(s, _PLAN_ORDER)} at {s['at']}.",
    "timer_stopped": _stopped,
    "switch_undo": lambda s: "`mlpath undo` reverts the switch.",
    "overlap": lambda s: (
        f"{s['count']} sessions ran at once (two machines): their "
        f"{duration(s['minutes'])} of overlap counts once."
    ),
    "overlap_timed": lambda s: (
        f"{duration(s['minutes'])} of it ran over time already timed, and counts once."
    ),
    "timer_cancelled": lambda s: (
        f"Cancelled {_on(s, _PLAN_ORDER)} (started {s['begin'].replace('T', ' ')}); nothing is counted."
    ),
    "did": lambda s: (
        f"Did: {s['title']} ×{s['count']} ({duration(s['minutes'])} of study time) on {s['on']}."
    ),
    "did_tally": _tally,
    "unpractised": lambda s: (
        f"No practice time is logged for {s['id']}; `mlpath done {s['id']} --evidence "
        "URL|PATH` records a link to the work."
    ),
}
