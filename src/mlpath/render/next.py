"""The `next` screen as plain text: built only from `views.next_view`'s dict."""

from __future__ import annotations

from datetime import date

from mlpath.render import safe
from mlpath.render.method import habit_lines, practice_lines, warning_lines
from mlpath.render.term import Style
from mlpath.render.text import hours, long_date, pick_count, plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _short(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%a %d %b") if iso else "—"


def day_line(day: dict[str, Any] | None) -> str | None:
    """One line saying what today is when it is not a study day."""
    if not day:
        return None
    if day["kind"] == "rest":
        return f"Rest day — next study day {_short(day.get('next_study_day'))}"
    if day["kind"] == "break":
        return f"On break until {_short(day.get('until'))}"
    return None


ITEM_WHEN = {"overdue": " · overdue", "ahead": " · pulled forward"}


def _span(a: str, b: str) -> str:
    da, db = date.fromisoformat(a), date.fromisoformat(b)
    if da.year == db.year:
        return f"{da:%d %b}–{db:%d %b %Y}"
    return f"{da:%d %b %Y}–{db:%d %b %Y}"


def pace_text(p: dict[str, Any], s: Style) -> str:
    colour = {"ahead": "green", "behind": "red", "on-track": "green", "finished": "green"}
    text = s(p["label"], "bold", colour.get(p["status"], "bold"))
    if p["status"] == "behind":
        text += s(" — run `mlpath replan`", "yellow")
    return text


def required_text(p: dict[str, Any]) -> str | None:
    """The hours per week from today that finish on the planned date (behind or ahead)."""
    need = p.get("required_hours_per_week")
    if need is None:
        return None
    if p.get("required_reachable") is False:
        # more than the study days hold (24 h each): no figure to aim at
        return f"no pace reaches {long_date(p['planned_finish'])} now ({hours(need)}/week)"
    return f"{hours(need)}/week from today finishes on {long_date(p['planned_finish'])}"


def range_text(p: dict[str, Any]) -> str | None:
    """The finishes the slowest and fastest of the last four full weeks point to."""
    r = p.get("finish_range") or {}
    slow, fast = r.get("slowest"), r.get("fastest")
    if not fast or p["status"] == "finished":
        return None
    if slow == fast:
        return f"recent weeks point to {long_date(fast)}"
    last = long_date(slow) if slow else "never at the slowest"
    return f"recent weeks point to {long_date(fast)} – {last}"


def deadline_parts(d: dict[str, Any], credited: bool = False) -> tuple[list[str], bool]:
    """A deadline in words, in parts (its title and date first), and whether it is
    at risk. `credited`: the learner has credited time, so a deadline with no
    projected day is one the pace shown will not reach."""
    parts = [f"{d['title']} by {long_date(d['date'])}"]
    margin = d["margin_days"]
    if d.get("done_on"):
        late = margin is not None and margin < 0
        parts += [
            f"done {long_date(d['done_on'])}",
            f"{plural(-margin, 'day')} late" if late else "in time",
        ]
        return parts, False
    if margin is None and credited:
        return [*parts, "at risk", "not in sight at this pace"], True
    if margin is None:
        return [*parts, "no progress yet to project from"], False
    if margin < 0:
        return [
            *parts,
            "at risk",
            f"projected {long_date(d['projected'])}",
            f"{plural(-margin, 'day')} late",
        ], True
    return [
        *parts,
        f"projected {long_date(d['projected'])}",
        f"{plural(margin, 'day')} of margin",
    ], False


def deadline_text(d: dict[str, Any], credited: bool = False) -> tuple[str, bool]:
    parts, risk = deadline_parts(d, credited)
    return parts[0] + ": " + ", ".join(parts[1:]), risk


def minutes(m: int) -> str:
    return f"{m} min" if m < 60 else f"{m // 60} h {m % 60:02d} min"


def review_lines(r: dict[str, Any] | None, s: Style, limit: int = 5) -> list[str]:
    """`next`'s review section: what is due today and what it leaves for new work."""
    if not r or not (r["count"] or r.get("waiting")):
        return []
    if not r["count"]:  # none for today (today's share is rated): carried ones wait
        return [
            s("Review today ", "bold")
            + f"none; {plural(r['waiting'], 'review')} waiting for the next study days"
        ]
    head = f"{plural(r['count'], 'review')} due"
    if r["minutes"]:
        head += f", ~{minutes(r['minutes'])}"
    lines = [s("Review today ", "bold") + head + s("  (mlpath review)", "dim")]
    for c in r["due"][:limit]:
        late = f" · {plural(c['overdue_days'], 'day')} overdue" if c["overdue_days"] else ""
        lines.append(f"  • {c['title']}  " + s(f"{c['id']} · phase {c['phase']}{late}", "dim"))
    if r["count"] > limit:
        lines.append(s(f"  … and {r['count'] - limit} more", "dim"))
    if r.get("waiting"):
        lines.append(
            s(f"  {plural(r['waiting'], 'more review')} waiting for the next study days", "dim")
        )
    if r["minutes"] and r["today_hours"]:
        # the day's own split (next --json `day`): reviews, then habits, then new work
        habits = round(float(r.get("habit_hours") or 0) * 60)
        # the day's review part, not what is still due: ratings done today stay in it,
        # and it never exceeds the day
        reviewing = round(float(r.get("review_hours", r["minutes"] / 60)) * 60)
        lines.append(
            s(
                f"  Today's {hours(r['today_hours'])}: ~{minutes(reviewing)} reviewing, "
                + (f"{minutes(habits)} of habits, " if habits else "")
                + f"{hours(r['new_work_hours'])} for new work",
                "dim",
            )
        )
    return lines


def _pick_lines(choice: dict[str, Any] | None, roadmap: str, s: Style) -> list[str]:
    """Under an item that stands for ideas to choose from (complete's portfolio project),
    how to pick one: mlpath's hint, said from the item being a choice."""
    if not choice:
        return []
    count = pick_count(choice.get("max"))
    return [
        "    " + s(f"ideas to choose from ({count}): mlpath replan --pick ID", "dim"),
        "    " + s(f"mlpath roadmaps show {roadmap} lists them", "dim"),
    ]


def next_text(v: dict[str, Any], s: Style) -> str:
    v = safe.view(v)  # text from data, shown escaped (render/safe.py)
    lines: list[str] = []
    today = date.fromisoformat(v["today"])
    wk = v["week"]
    lines.append(s(f"{today:%A %d %B %Y}", "bold"))
    if v["finished"]:
        h = v["hours"]
        lines.append(s("Congratulations — every item of your plan is done!", "bold", "green"))
        lines.append(
            f"{hours(h['completed'])} of study completed, {hours(h['total_logged'])} logged, "
            f"in {plural(wk['of'], 'week')} planned."
        )
        lines += review_lines(v.get("reviews"), s)
        return "\n".join(lines) + "\n"
    if v["before_start"]:
        n = v["days_to_start"]
        lines.append(f"Your plan starts in {plural(n, 'day')}, on {long_date(v['plan_start'])}.")
    elif v.get("past_end"):
        lines.append(
            f"Week {wk['number']}, past the plan's {wk['of']}  ({_span(wk['start'], wk['end'])})"
        )
    else:
        lines.append(f"Week {wk['number']} of {wk['of']}  ({_span(wk['start'], wk['end'])})")
    day = v.get("day")
    told = day_line(day)
    if told:
        lines.append(told)
    lines.append("")
    studying = not day or day["kind"] in ("study", "past-end")
    lines.append(s("Study now" if studying else "Up next", "bold"))
    for it in v["now"]:
        left = f"{hours(it['hours_left'])} left" if it["hours_left"] else "all hours in, tick it"
        meta = (
            f"{it['id']} · {it['kind']} · phase {it['phase']} · "
            f"{left}{ITEM_WHEN.get(it.get('when') or '', '')}"
        )
        lines.append(f"  • {it['title']}  " + s(meta, "dim"))
        lines += _pick_lines(it.get("choice"), v["roadmap"], s)
    if v["resources"]:
        lines.append(s("Resources", "bold"))
        for r in v["resources"]:
            by = f" — {r['by']}" if r.get("by") else ""
            lines.append(f"  • {r['title']}{by}")
            if r.get("url") and r["url"] != r["title"]:  # where to find it, as `roadmaps show`
                lines.append("    " + s(r["url"], "dim"))
    lines += review_lines(v.get("reviews"), s)
    lines += practice_lines(v.get("method"), s) + habit_lines(v.get("method"), s)
    ms = v["next_milestone"]
    if ms:
        left = ms["days_left"]
        if left is None:
            when = ""
        elif left < 0:
            when = s(f"overdue by {plural(-left, 'day')}", "bold", "red")
        elif left == 0:
            when = s("due today", "bold", "yellow")
        else:
            when = f"{plural(left, 'day')} left"
        lines.append(
            s("Next milestone ", "bold")
            + f"{ms['title']} ({ms['id']}) — due {long_date(ms['due'])}, {when}"
        )
    for d in v.get("deadlines") or ():
        said, risk = deadline_text(d, bool(v["pace"]["credited_hours"]))
        lines.append(s("Deadline ", "bold") + (s(said, "yellow") if risk else said))
    h = v["hours"]
    lines.append(
        s("This week ", "bold")
        + f"{hours(h['week_logged'])} logged of {hours(h['week_target'])} planned"
    )
    p = v["pace"]
    line = s("Pace ", "bold") + pace_text(p, s)
    if p["projected_finish"] and p["projected_finish"] != p["planned_finish"]:
        line += s(
            f"  (finish {long_date(p['projected_finish'])} at this pace; "
            f"planned {long_date(p['planned_finish'])})",
            "dim",
        )
    elif not p["projected_finish"] and p["status"] == "behind":
        # credited time too slow (or none since a replan) for a finish to be in sight
        said = (
            "no finish in sight at this pace"
            if p["credited_hours"]
            else ("no progress yet to project a finish from")
        )
        line += s(f"  ({said})", "dim")
    lines.append(line)
    extra = [t for t in (required_text(p), range_text(p)) if t]
    if extra:
        lines.append(s("  " + "; ".join(extra) + ".", "dim"))
    if v.get("never_logged") and p["status"] == "behind":
        lines.append(s("  Nothing logged yet, so only finished items count:", "dim"))
        lines.append(s("  `mlpath log 1.5` after a session credits your time.", "dim"))
    lines += warning_lines(v.get("method"), s)
    return "\n".join(lines) + "\n"
