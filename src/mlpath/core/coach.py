"""What `next` adds from the documents' method: the timer, today's habits, today's
practice target, the interviews ahead, and the warnings the documents justify.

Pure (today is the Progress's). The warnings, each at most one line a day:
- practice below the target over the last 14 days (core/balance.py), only where
  the document states a ratio (complete);
- project avoidance, only where the document states it as a rule (practical): from
  `days_before` days (assumed) before a phase is due to end, while no practice
  time has been credited in that phase; the document's words on the first day,
  one line after. A phase ends when its milestone is due (or its last item, for a
  phase without one).
"""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

from mlpath.core.balance import below_target, split, today_target
from mlpath.core.habits import today_view
from mlpath.core.method import Method, method_of
from mlpath.core.timer import last_capped, running

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from mlpath.core.balance import Minutes
    from mlpath.core.progress import Progress


def avoidance(prog: Progress, rows: list[Minutes], method: Method) -> dict[str, Any] | None:
    rule = method.projects
    if rule is None or rule.rule != "warn" or prog.finished:
        return None
    sched = prog.schedule
    for phase in sched.phases:
        if phase.skipped:
            continue
        members = [it for it in sched.items.values() if it.phase == phase.number and not it.skipped]
        if not members or all(prog.is_complete(it.id) for it in members):
            continue
        ends = [it.due for it in members if it.due is not None]
        milestone = next((it for it in members if it.kind == "milestone"), None)
        end = milestone.due if milestone is not None and milestone.due else max(ends, default=None)
        if end is None:
            continue
        first = end - timedelta(days=rule.days_before)
        if prog.today < first:
            return None  # later phases end later still
        if any(m.phase == phase.number and m.mode == "practice" and m.hours for m in rows):
            continue
        return {
            "phase": phase.number,
            "title": phase.title,
            "due": end.isoformat(),
            "days_left": (end - prog.today).days,
            "first_day": prog.today == max(first, sched.laid_from),
            "source": rule.source,
            "also": rule.also,
        }
    return None


def timer_view(prog: Progress) -> dict[str, Any]:
    """The sessions running (their start: the renderer counts the minutes from now)
    and a capped one to mention the next morning."""
    items = prog.schedule.items
    out = []
    for t in running(prog.ledger):
        it = items.get(t.item) if t.item else None
        out.append(
            {
                "id": t.id,
                "begin": t.begin,
                "item": t.item,
                "title": it.title if it else None,
                "habit": t.habit,
                "mode": t.mode,
            }
        )
    capped = last_capped(prog.ledger, prog.today)
    return {
        "running": out,
        "capped": {"begin": capped.begin, "end": capped.end} if capped and capped.end else None,
    }


def coach_view(prog: Progress) -> dict[str, Any]:
    from mlpath.core.views import num

    method = method_of(prog.schedule.roadmap)
    rows = split(prog, method) if (method.balance or method.projects) else []
    target = today_target(prog, method)
    low = below_target(prog, rows, method)
    interviews = [
        {"date": d.isoformat(), "days_left": (d - prog.today).days}
        for d in prog.schedule.settings.interviews
        if d >= prog.today
    ]
    return {
        "timer": timer_view(prog),
        "habits": today_view(method, prog.schedule, prog.ledger, prog.today),
        "practice_target": (
            {"share": float(target[0]), "hours": num(target[1])} if target else None
        ),
        "practice_low": (
            {
                "days": low["days"],
                "practice_hours": num(low["practice_hours"]),
                "target_hours": num(low["target_hours"]),
                "source": method.balance.source if method.balance else None,
            }
            if low
            else None
        ),
        "avoidance": avoidance(prog, rows, method),
        "interviews": interviews,
        "logged_today": num(
            sum((g.hours for g in prog.ledger.logs if g.on == prog.today), Fraction(0))
            + sum(
                (Fraction(d.minutes, 60) for d in prog.ledger.dids if d.on == prog.today),
                Fraction(0),
            )
        ),
    }


def habits_status(prog: Progress) -> list[dict[str, Any]]:
    """Each habit's streak and count per plan week, for the dashboard and exports."""
    from mlpath.core.habits import habit_fields, streak, weekly_counts

    method = method_of(prog.schedule.roadmap)
    opted = prog.schedule.settings.no_habits
    out = []
    for h in method.habits:
        counts = weekly_counts(h.id, prog.schedule, prog.ledger)
        out.append(
            {
                **habit_fields(h),
                "source": h.source,
                "opted_out": h.id in opted,
                "interview_weeks": h.interview_weeks,
                "phases": sorted(h.phases) if h.phases is not None else None,
                "no_interview": h.interview_weeks is not None
                and not prog.schedule.settings.interviews,
                "streak": 0 if h.id in opted else streak(h, prog.schedule, prog.ledger, prog.today),
                "streak_unit": "week" if h.per == "week" else "day",
                "weeks": [{"week": n, "count": c} for n, c in sorted(counts.items())],
            }
        )
    return out


def export_view(prog: Progress) -> dict[str, Any]:
    """`export json`'s method keys (schema 3): the split, the habits, the interviews."""
    from mlpath.core.balance import balance_view
    from mlpath.core.habits import done_between

    split_view = balance_view(prog)
    first, last = prog.schedule.week_bounds(max(prog.week_number, 1))
    days = len(prog.schedule.settings.days)
    habits = [
        {
            "id": h["id"],
            "title": h["title"],
            "per_week": h["count"] * (days if h["per"] == "day" else 1),
            "done_this_week": done_between(prog.ledger, h["id"], first, last),
            "streak": h["streak"],
            "streak_unit": h["streak_unit"],
            "opted_out": h["opted_out"],
        }
        for h in habits_status(prog)
    ]
    return {
        "theory_practice": {
            **{k: split_view[k] for k in ("theory_hours", "practice_hours", "weeks")},
            "target_practice_share": split_view["target_practice_share"],
            "phases": [p for p in split_view["phases"] if p["phase"] is not None],
        },
        "habits": habits,
        "interviews": [
            {"target": "interview", "date": d.isoformat(), "projected": None, "margin_days": None}
            for d in prog.schedule.settings.interviews
        ],
    }


def unpractised(prog: Progress, ids: list[str], evidence: str | None = None) -> list[str]:
    """`done` on a phase's proof (its milestone, or a project of a phase the document
    gives a milestone) with no practice time on it and no `--evidence`: the first such
    id, for one reminder that `--evidence` records the work. Nothing is refused."""
    if evidence is not None or not ids:
        return []
    sched = prog.schedule
    proof = {it.phase for it in sched.items.values() if it.kind == "milestone"}
    rows = split(prog)
    for i in ids:
        it = sched.items.get(i)
        if it is None or it.phase not in proof or it.kind not in ("milestone", "project"):
            continue
        practised = any(
            m.mode == "practice"
            and m.hours
            and (m.item == i if it.kind == "project" else m.phase == it.phase)
            for m in rows
        )
        if not practised:
            return [i]  # once
    return []


def unpractised_steps(
    prog: Progress, ids: list[str], evidence: str | None
) -> list[tuple[str, dict[str, Any]]]:
    """`done`'s reminder as a step for render/ to word (`unpractised`)."""
    return [("unpractised", {"id": i}) for i in unpractised(prog, ids, evidence)]
