"""View models: the figures each command shows, as plain JSON-able dicts.

One view feeds both `--json` and the terminal rendering, so the two never
disagree. Dates are ISO strings, hours are JSON numbers.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from mlpath.core.daterange import LAST_DAY
from mlpath.core.dates import MAX_DAILY_HOURS, format_days
from mlpath.core.progress import Progress
from mlpath.core.review import Card
from mlpath.core.roadmap import Item, Phase, Resource, Roadmap, fraction_json
from mlpath.core.schedule import PlannedItem, Schedule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def num(value: Fraction) -> int | float:
    return fraction_json(value)


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _item(it: PlannedItem, hours: Fraction | None = None) -> dict[str, Any]:
    return {
        "id": it.id,
        "kind": it.kind,
        "title": it.title,
        "phase": it.phase,
        "hours": num(it.effort if hours is None else hours),
    }


def plan_view(schedule: Schedule, *, defaults: list[str] | None = None) -> dict[str, Any]:
    s = schedule.settings
    rm = schedule.roadmap
    items = schedule.items
    weeks = []
    for wk in schedule.weeks:
        entries = [_item(items[i], h) for i, h in wk.items.items()]
        entries += [_item(items[m], Fraction(0)) for m in wk.milestones]
        week_days = [wk.start + timedelta(days=k) for k in range(7)]
        weeks.append(
            {
                "number": wk.number,
                "start": iso(wk.start),
                "end": iso(wk.end),
                "hours": num(wk.hours),
                "review_hours": num(wk.review_hours),
                "items": entries,
                "break_days": sum(1 for d in week_days if any(a <= d <= b for a, b in s.breaks)),
            }
        )
    return {
        "roadmap": rm.id,
        "roadmap_title": rm.title,
        "level": s.level,
        "hours_per_week": num(s.hours_per_week),
        "start": iso(s.start),
        "from": iso(s.lay_from),
        "finish": iso(schedule.finish),
        "total_hours": num(schedule.total_effort),
        "total_weeks": schedule.total_weeks,
        "days": format_days(s.days),
        "breaks": [[iso(a), iso(b)] for a, b in s.breaks],
        "skip": sorted(s.skip),
        "compress": sorted(s.compress),
        "review_minutes": s.review_minutes,
        "review_hours": num(sum((wk.review_hours for wk in schedule.weeks), Fraction(0))),
        "backgrounds": [
            {"id": b.id, "label": b.label} for b in rm.backgrounds if b.id in s.backgrounds
        ],
        "picks": [
            {"id": o.id, "title": o.title, "phase": p.number, "choice": c.id}
            for p, c, o in rm.picked(s.picks)
        ],
        "defaults_used": defaults or [],
        "weeks": weeks,
        "phases": [
            {
                "number": p.number,
                "id": p.id,
                "title": p.title,
                "start": iso(p.start),
                "due": iso(p.due),
                "weeks": num(p.weeks),
                "hours": num(p.effort),
                "skipped": p.skipped,
                "override": p.override,
                "choice": p.choice,
                "backgrounds": list(p.backgrounds),
            }
            for p in schedule.phases
        ],
        "milestones": [
            {"id": it.id, "title": it.title, "phase": it.phase, "due": iso(it.due)}
            for it in items.values()
            if it.kind == "milestone" and not it.skipped
        ],
    }


def pace_view(prog: Progress) -> dict[str, Any]:
    from mlpath.core.outlook import outlook

    ahead = outlook(prog)
    return {
        "status": prog.pace.status,
        "days": abs(prog.pace.days),
        "label": prog.pace.label,
        "planned_hours_to_date": num(prog.pace.planned_to_date),
        "completed_hours": num(prog.pace.completed),
        "credited_hours": num(prog.pace.credited),
        "planned_finish": iso(prog.schedule.finish),
        "projected_finish": iso(prog.projected_finish),
        # what it takes from today (core/outlook.py)
        "required_hours_per_week": None if ahead.required is None else num(ahead.required),
        # whether the study days can hold it (at most 24 h each): a learner far behind
        # near the planned finish would need more than a day has
        "required_reachable": (
            None
            if ahead.required is None
            else ahead.required <= MAX_DAILY_HOURS * len(prog.schedule.settings.days)
        ),
        "tspi": None if ahead.tspi is None else round(float(ahead.tspi), 3),
        "finish_range": {"slowest": iso(ahead.slowest), "fastest": iso(ahead.fastest)},
    }


def deadlines_view(prog: Progress) -> list[dict[str, Any]]:
    """Each deadline with the plan's day for it, the projected one and the margin."""
    if not (prog.schedule.settings.deadlines or prog.schedule.settings.interviews):
        return []
    from mlpath.core.deadlines import deadlines

    return [
        {
            "target": d.target,
            "title": d.title,
            "date": iso(d.date),
            "planned": iso(d.planned),
            "projected": iso(d.projected),
            "margin_days": d.margin_days,
            "done_on": iso(d.done_on),
        }
        for d in deadlines(prog)
    ]


def skipped_view(prog: Progress) -> list[dict[str, Any]]:
    """The topics and projects the learner took out (`skip ITEM`, `plan --skip ITEM`),
    each with its day and reason: skipped by them, not done."""
    skips = prog.ledger.skips
    out = []
    for it in prog.schedule.items.values():
        if not it.left_out:
            continue
        k = skips.get(it.id)
        out.append(
            {
                "id": it.id,
                "title": it.title,
                "kind": it.kind,
                "phase": it.phase,
                "on": iso(k.on) if k else None,
                "reason": k.reason if k else None,
            }
        )
    return out


def milestone_view(prog: Progress, ms: PlannedItem) -> dict[str, Any]:
    """A milestone with its due date and the days left (negative: overdue)."""
    left = prog.days_left(ms)
    return {
        "id": ms.id,
        "title": ms.title,
        "phase": ms.phase,
        "due": iso(ms.due),
        "days_left": left,
        "overdue": (left or 0) < 0,
    }


DAY_KINDS = ("study", "rest", "break", "before-start", "past-end", "finished")


def day_view(prog: Progress) -> dict[str, Any]:
    """What today is on the plan's calendar. Precedence: finished > before-start >
    break > rest > past-end > study; `hours` is today's planned study capacity."""
    s = prog.schedule.settings
    today = prog.today
    on_break = next(((a, b) for a, b in s.breaks if a <= today <= b), None)
    if prog.finished:
        kind = "finished"
    elif prog.before_start:
        kind = "before-start"
    elif on_break is not None:
        kind = "break"
    elif today.weekday() not in s.days:
        kind = "rest"
    elif today > prog.schedule.finish:
        kind = "past-end"
    else:
        kind = "study"
    hours = s.capacity_on(today) if kind in ("study", "past-end") else Fraction(0)
    reviews, habits, new = day_split(prog, hours)
    view: dict[str, Any] = {
        "kind": kind,
        "hours": num(hours),
        "reviews": num(reviews),
        "habits": num(habits),
        "new": num(new),
    }
    if kind == "break" and on_break is not None:
        view["until"] = iso(on_break[1])
    if kind in ("rest", "break", "before-start"):
        view["next_study_day"] = iso(next_study_day(prog))
    return view


def day_split(prog: Progress, hours: Fraction) -> tuple[Fraction, Fraction, Fraction]:
    """Today's `hours` as reviews, habits and new work (PRODUCT.md, "A day's planned
    time"): today's reviews first (those still due and those already rated today, so
    the split holds through the day), then the habits the plan lays today, shrunk to
    what is left, then new work; the three add up to `hours`."""
    if not hours:
        return Fraction(0), Fraction(0), Fraction(0)
    count = len(prog.reviews_for_today()[0]) + prog.reviewed_today()
    due = Fraction(count * prog.schedule.settings.review_minutes, 60)
    reviews = min(due, hours)
    habits = min(prog.schedule.habit_hours_on(prog.today), hours - reviews)
    return reviews, habits, hours - reviews - habits


def next_study_day(prog: Progress) -> date | None:
    """The first day after today (or the plan's start) with study capacity."""
    s = prog.schedule.settings
    day = max(prog.today + timedelta(days=1), s.start)
    for _ in range(366 * 3):
        if day > LAST_DAY:  # past the one range of dates mlpath reads or writes
            return None
        if s.capacity_on(day):
            return day
        day += timedelta(days=1)
    return None


def study_now(prog: Progress, limit: int = 3) -> list[tuple[PlannedItem, str]]:
    """What to study now, in plan order, each with why: "overdue" (due before
    today), "this-week" (laid up to this week's end), "ahead" (laid later,
    pulled forward because the learner is ahead) or "next" (laid later, shown
    because nothing of this week is left)."""
    first, last = prog.week_bounds()
    out: list[tuple[PlannedItem, str]] = []
    later: list[PlannedItem] = []
    for it in prog.pending():
        if it.start is not None and it.start <= last:
            if len(out) < limit:
                why = "overdue" if it.due is not None and it.due < prog.today else "this-week"
                out.append((it, why))
        else:
            later.append(it)
            if len(later) >= limit:
                break
    if prog.pace.status == "ahead":  # pulled forward
        out += [(it, "ahead") for it in later[: max(limit - len(out), 1)]]
    elif not out and later:  # this week's work is done: what comes next
        out = [(later[0], "next")]
    return out


def _stands_for(rm: Roadmap, it: PlannedItem) -> dict[str, Any]:
    """The choice an item of the plan stands for until the learner picks (a pick
    replaces it in the plan), so a screen can say how to pick: nothing for other items."""
    phase = rm.phases.by_number(it.phase)
    for c in phase.choices if phase is not None else ():
        if c.item == it.id:
            ideas = [o.id for o in c.options]
            return {"choice": {"id": c.id, "title": c.title, "max": c.max, "options": ideas}}
    return {}


def next_view(prog: Progress) -> dict[str, Any]:
    sched = prog.schedule
    first, last = prog.week_bounds()
    ms = prog.next_milestone()
    picked = study_now(prog)
    now = [it for it, _ in picked]
    laid = done = 0  # one pass over a plan's items
    for it in sched.items.values():
        if not it.skipped:
            laid += 1
            done += it.id in prog.complete
    resources: list[dict[str, Any]] = []
    if now:
        phase = sched.roadmap.phases.by_number(now[0].phase)
        if phase is not None:
            # each item's own resources first, in the order of `now` (a pick's, then
            # those of the item it stands in for), then the phase's general ones
            stands = {o.id: c.item for c, o in phase.options()}
            wanted: list[str] = []
            for it in now:
                wanted += [it.id] + ([stands[it.id]] if it.id in stands else [])
            chosen = [r for t in dict.fromkeys(wanted) for r in phase.resources if r.topic == t]
            chosen += [r for r in phase.resources if r.topic is None]
            resources = [resource_view(r) for r in chosen[:5]]
    return {
        "today": iso(prog.today),
        "roadmap": sched.roadmap.id,
        "week": {
            "number": prog.shown_week,
            "of": prog.total_weeks,
            "start": iso(first),
            "end": iso(last),
        },
        "plan_start": iso(sched.settings.start),
        "before_start": prog.before_start,
        "days_to_start": max(prog.days_to_start, 0),
        "finished": prog.finished,
        "day": day_view(prog),
        "past_end": prog.week_number > prog.total_weeks and not prog.finished,
        "now": [
            {
                "id": it.id,
                "kind": it.kind,
                "title": it.title,
                "phase": it.phase,
                "hours": num(it.effort),
                "hours_left": num(prog.hours_left(it)),
                "due": iso(it.due),
                "when": why,
            }
            | _stands_for(sched.roadmap, it)
            for it, why in picked
        ],
        "resources": resources,
        "next_milestone": milestone_view(prog, ms) if ms else None,
        "deadlines": deadlines_view(prog),
        "pace": pace_view(prog),
        "hours": {
            "week_logged": num(prog.week_logged()),
            "week_target": num(prog.week_target()),
            "total_logged": num(prog.ledger.logged_total),
            "total_planned": num(sched.total_effort),
            "completed": num(prog.completed_effort),
            "credited": num(prog.credited_effort),
        },
        "never_logged": prog.never_logged,
        "items": {"done": done, "total": laid},
        "finished_on": iso(prog.projected_finish) if prog.finished else None,
        "reviews": reviews_today(prog),
        "method": coach_view(prog),
    }


def coach_view(prog: Progress) -> dict[str, Any]:
    """The documents' method (core/coach.py): timer, habits, practice target, warnings."""
    from mlpath.core.coach import coach_view as view

    return view(prog)


def _resources(phase: Phase | None, item: str, limit: int = 3) -> list[dict[str, Any]]:
    """The phase's resources for an item: its topic's own first, then the phase's general ones."""
    if phase is None:
        return []
    stands = {c.item for c, o in phase.options() if o.id == item}
    own = [r for r in phase.resources if r.topic == item or r.topic in stands]
    general = [r for r in phase.resources if r.topic is None]
    chosen = (own + general) or list(phase.resources)
    return [resource_view(r) for r in chosen[:limit]]


def resource_view(r: Resource) -> dict[str, Any]:
    """A resource as `next` and `review` show it: the fields it has."""
    return {
        k: v for k, v in (("title", r.title), ("kind", r.kind), ("by", r.by), ("url", r.url)) if v
    }


def card_view(prog: Progress, card: Card, *, resources: bool = False) -> dict[str, Any]:
    it = prog.schedule.items.get(card.item)
    view: dict[str, Any] = {
        "id": card.item,
        "title": it.title if it else card.item,
        "kind": it.kind if it else None,
        "phase": it.phase if it else None,
        "learned": iso(card.learned),
        "due": iso(card.due),
        "overdue_days": card.overdue_days(prog.today),
        "reviews": card.reviews,
        "last_review": iso(card.last_review),
        "last_rating": card.last_rating,
    }
    if resources:
        phase = prog.schedule.roadmap.phases.by_number(it.phase) if it else None
        view["resources"] = _resources(phase, card.item)
    return view


def reviews_today(prog: Progress) -> dict[str, Any]:
    """Reviews due today and the time they take out of today's study time."""
    due, waiting = prog.reviews_for_today()
    minutes = prog.schedule.settings.review_minutes
    capacity = prog.day_capacity()
    # the day's own split (reviews, then habits, then new work), as `day` in next --json
    review_hours, habit_hours, new_hours = day_split(prog, capacity)
    return {
        "due": [card_view(prog, c) for c in due],
        "count": len(due),
        # carried reviews past today's cap: spread over the next study days
        "waiting": len(waiting),
        "cards": len(prog.cards()),
        "minutes_each": minutes,
        "minutes": len(due) * minutes,
        "today_hours": num(capacity),
        # the day's own review part (`day.reviews`): rated ones included, at most the day
        "review_hours": num(review_hours),
        "habit_hours": num(habit_hours),
        "new_work_hours": num(new_hours),
    }


def review_forecast(prog: Progress) -> list[dict[str, Any]]:
    """Review minutes for each of the next 8 weeks from today (core/reviewload.py):
    the cards made, and those of the items still to finish on their due dates."""
    from mlpath.core.daterange import LAST_DAY
    from mlpath.core.reviewload import FORECAST_WEEKS, forecast_minutes

    minutes = prog.schedule.settings.review_minutes
    if not minutes:
        return []
    today = prog.today
    # an item due after the last day forecast brings no review within it: left out
    last = today + timedelta(days=7 * FORECAST_WEEKS - 1)
    planned = [
        it.due if it.due > today else today
        for it in prog.pending(("topic", "project", "milestone"))
        if it.due is not None and it.due <= last
    ]
    return [
        {"week_start": iso(first), "minutes": m}
        for first, m in forecast_minutes(prog.cards().values(), planned, prog.today, minutes)
        if first <= LAST_DAY  # (dates are 1900-2999: no week that starts past them)
    ]


def review_list_view(prog: Progress, *, every: bool = False) -> dict[str, Any]:
    """`mlpath review`: what is due today with its phase's resources (every card with --all)."""
    cards = prog.cards()
    later = sorted(
        (c for c in cards.values() if not c.is_due(prog.today)), key=lambda c: (c.due, c.item)
    )
    # today's reviews first (those `next` gives), then those carried past today's cap
    today_due, waiting = prog.reviews_for_today()
    today = reviews_today(prog)
    return {
        "today": iso(prog.today),
        "roadmap": prog.schedule.roadmap.id,
        "due": [card_view(prog, c, resources=True) for c in (*today_due, *waiting)],
        "today_count": len(today_due),
        "waiting": len(waiting),
        "upcoming": [card_view(prog, c) for c in (later if every else later[:5])],
        "cards": len(cards),
        "minutes_each": today["minutes_each"],
        "minutes": today["minutes"],
        "today_hours": today["today_hours"],
        "forecast": review_forecast(prog),
        # a day without study time (rest, break, before the start): where its reviews go
        "moves_to": moves_to(prog) if today_due and not prog.day_capacity() else None,
    }


def moves_to(prog: Progress) -> dict[str, Any] | None:
    """Reviews due on a day without study time are done on the next study days, the
    carried ones under the daily cap (core/reviewload.py): the first such day and the cap."""
    day = None if prog.finished else next_study_day(prog)
    return {"day": iso(day), "cap_minutes": prog.review_cap} if day else None


def roadmap_summary(rm: Roadmap) -> dict[str, Any]:
    lo, hi = rm.nominal_weeks()
    h = rm.hours_per_week
    return {
        "id": rm.id,
        "title": rm.title,
        "phases": len(rm.phases),
        "duration": rm.duration_text,
        "weeks": {"min": num(lo), "max": num(hi)},
        "hours_per_week": num(h.value),
        "hours_assumed": h.assumed,
        "source": rm.meta["source"]["document"],
        "publisher": rm.meta["source"].get("publisher"),
        "backgrounds": [b.id for b in rm.backgrounds],
        "bundled": rm.bundled,
        "path": rm.path,
    }


def _item_detail(t: Item) -> dict[str, Any]:
    """A topic, project or idea as `roadmaps show --json` gives it: every field the format
    has (an idea the document marks "(Optional)" stays marked)."""
    return {"id": t.id, "title": t.title, "details": t.details, "optional": t.optional} | (
        {"weeks": {"min": num(t.weeks.min), "max": num(t.weeks.max)}} if t.weeks else {}
    )


def roadmap_detail(rm: Roadmap) -> dict[str, Any]:
    """`roadmaps show --json`: the whole roadmap in the documented shape."""
    raw = rm.meta  # its phases are drawn from the model below
    h = rm.hours_per_week
    phases = []
    for p in rm.phases:
        ph = p.hours_per_week or h
        phases.append(
            {
                "number": p.number,
                "id": p.id,
                "title": p.title,
                "weeks": {
                    "min": num(p.weeks.min),
                    "max": num(p.weeks.max),
                    "text": p.weeks.text,
                    "assumed": p.weeks.assumed,
                    "note": p.weeks.note,
                    "converted": p.weeks.converted,
                },
                "ongoing": p.ongoing,
                "hours_per_week": num(ph.value),
                "hours_assumed": ph.assumed,
                "hours_note": ph.note,
                "hours_source": ph.source,
                "hours_min": num(ph.min) if ph.min is not None else None,
                "hours_max": num(ph.max) if ph.max is not None else None,
                "summary": p.summary,
                "topics": [_item_detail(t) for t in p.topics],
                "resources": [r.as_dict() for r in p.resources],
                "projects": [_item_detail(t) for t in p.projects],
                "choices": [
                    {
                        "id": c.id,
                        "title": c.title,
                        "item": c.item,
                        "source": c.source,
                        "max": c.max,
                        "options": [_item_detail(o) for o in c.options],
                    }
                    for c in p.choices
                ],
                "milestone": (
                    {
                        "id": p.milestone.id,
                        "title": p.milestone.title,
                        "description": p.milestone.description,
                    }
                    if p.milestone
                    else None
                ),
                "notes": list(p.notes),
                "self_check": [{"ask": q.ask, "basis": q.basis} for q in p.self_check],
            }
        )
    return {
        "id": rm.id,
        "title": rm.title,
        "source": raw["source"],
        "summary": rm.summary,
        "audience": raw.get("audience", []),
        "duration": raw["duration"],
        "hours_per_week": {
            "value": num(h.value),
            "min": num(h.min) if h.min is not None else None,
            "max": num(h.max) if h.max is not None else None,
            "assumed": h.assumed,
            "source": h.source,
            "note": h.note,
        },
        "prerequisites": raw.get("prerequisites", []),
        "phases": phases,
        "level_overrides": raw.get("level_overrides", []),
        "backgrounds": raw.get("backgrounds", []),
        "career_paths": raw.get("career_paths", []),
        "tips": raw.get("tips", []),
        "faq": raw.get("faq", []),
        "guidance": raw.get("guidance", []),
        # how the document says to study (core/method.py), as the data has it
        "balance": raw.get("balance"),
        "projects": raw.get("projects"),
        "habits": raw.get("habits", []),
        "content_hash": rm.content_hash,
    }
