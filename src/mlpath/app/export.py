"""Exports of the active plan: iCalendar (.ics) and JSON (Markdown: app/export_markdown.py).

Each builder takes an `Active` session (session.load_active) and returns bytes,
text or a dict; none prints or reads the clock (the ICS time stamp is an
argument). Writing a file goes through `store/state.py`'s atomic_write_bytes.

Calendar identity (so that re-importing updates instead of duplicating):
- a milestone's UID is `<roadmap>-milestone-<item id>@mlpath`;
- a plan week's UID is `<roadmap>-week-<N>@mlpath` (week N of the plan);
- a deadline's UID is `<roadmap>-deadline-<target>@mlpath` (an all-day event;
  interviews after the first add their date, `interview-<date>`, one UID each).
None depends on dates or contents, so after `replan` the same UIDs carry
the new dates. SEQUENCE rises whenever what an event shows may have changed:
it is the sequence number of the latest state event that touched it (the
plan/replan in effect, or the item's done/undo), and events only ever get
appended, so it never goes down. Weeks take the latest done/undo too, since
finishing removes the weeks after the last item was done.
Removed events (weeks a replan, an undo, a reopen or finishing dropped,
milestones now skipped, deadlines left out, all of a plan on another roadmap)
are exported once more with STATUS:CANCELLED under their old UIDs, on the day
they had, with that higher SEQUENCE, so calendars drop them. Weeks that ended before a replan are
the plan of their time's (past days keep their past), never cancelled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

from mlpath import __version__
from mlpath.app.session import Active
from mlpath.core.coach import export_view
from mlpath.core.numbers import plural
from mlpath.core.schedule import PlannedItem, Week
from mlpath.core.views import deadlines_view, iso, milestone_view, num, pace_view, plan_view
from mlpath.errors import MlpathError, UsageError
from mlpath.render import safe
from mlpath.render.text import number

SCHEMA_VERSION = (
    3  # 3: learner id, name, share mode; theory/practice, habits, skips, deadlines, TSPI
)
# 2: pace in calendar days, credited hours, log items, backgrounds, picks
DONE_MARK = "✓ "


# --- shared ------------------------------------------------------------------------------


def _revision(events: list[dict[str, Any]]) -> int:
    """The SEQUENCE of every event: the state's latest change. Nearly any change can
    move what a calendar shows (a done item's reviews, a skip and a reopen shift the
    later dates; a late note shows in its milestone; a log moves a deadline's projected
    day), so every event rises with each one, and the calendar takes the update."""
    return max((e["seq"] for e in events), default=0)


def milestones_of(active: Active) -> list[PlannedItem]:
    return [
        it for it in active.schedule.items.values() if it.kind == "milestone" and not it.skipped
    ]


def work_of(items: Mapping[str, PlannedItem], wk: Week) -> list[tuple[PlannedItem, Fraction]]:
    return [(items[i], h) for i, h in wk.items.items() if h > 0]


def laid_weeks(active: Active) -> list[tuple[Week, Mapping[str, PlannedItem]]]:
    """Every week of the plan with the items its work names. Past days keep their past:
    a week that ended before the active plan was laid from (a replan) is the week as
    the plan in force then laid it; the others are the active plan's."""
    sched = active.schedule
    first_own = sched.week_number(sched.laid_from)  # weeks before it ended before
    out: list[tuple[Week, Mapping[str, PlannedItem]]] = []
    if first_own > 1:
        from mlpath.core.progress import plans_in_force

        numbers = list(range(1, first_own))
        ends = [sched.week_bounds(n)[1] for n in numbers]
        for n, then in zip(numbers, plans_in_force(active.progress, ends), strict=True):
            if then is sched or then.settings.start != sched.settings.start:
                continue  # (a plan of other weeks: nothing of it is this plan's past)
            wk = next((w for w in then.weeks if w.number == n), None)
            if wk is not None:
                out.append((wk, then.items))
    out += [(wk, sched.items) for wk in sched.weeks if wk.number >= first_own]
    return out


def _study_weeks(active: Active) -> list[tuple[Week, Mapping[str, PlannedItem]]]:
    """The weeks with study in them; once everything is done, none after the day the
    last item was done."""
    weeks = [(wk, items) for wk, items in laid_weeks(active) if wk.hours > 0]
    prog = active.progress
    if prog.finished and active.ledger.done:
        last = max(d.on for d in active.ledger.done.values())
        weeks = [(wk, items) for wk, items in weeks if wk.start <= last]
    return weeks


def _earlier_plans(active: Active) -> list[dict[str, Any]]:
    """The plan records an earlier export of this state may have shown, oldest first:
    the plans a later plan or replan replaced, the plans an undo took back (the fold
    passes over them, so the history has no record of them) and the active one's own
    record (a skip or a reopen ends it before the finish it was laid with)."""
    events = active.state.get("events", [])
    undone = {e["undoes"] for e in events if e["type"] == "undone"}
    taken = [e["plan"] for e in events if e["type"] in ("plan", "replan") and e["id"] in undone]
    return [*active.ledger.history, *taken, active.ledger.plan or {}]


def _undone_weeks(active: Active) -> dict[int, date]:
    """The study weeks (number: first day) the active plan laid while an item was done
    that is no longer: ticking one brings its reviews, which can push the plan past the
    finish its record keeps, and a `reopen`, an undo or a `skip` takes them away again.
    The state just before each such change is folded and laid again (rare changes, so
    few lays)."""
    from mlpath.app.session import milestone_phases, schedule_for
    from mlpath.core.ledger import complete_phases, fold
    from mlpath.core.timer import add_timed

    state, plan = active.state, active.plan
    events = state.get("events", [])
    by_id = {e["id"]: e for e in events}
    since = active.ledger.plan_seq or 0
    out: dict[int, date] = {}
    for i, e in enumerate(events):
        if e["seq"] <= since:
            continue
        took = e["type"] in ("reopen", "skip") or (
            e["type"] == "undone" and by_id.get(e["undoes"], {}).get("type") in ("done", "review")
        )
        if not took:
            continue
        led = add_timed(fold(events[:i], state.get("snapshot")))
        if led.plan != plan:
            continue  # (another plan's weeks: its record tells them)
        complete_phases(led, milestone_phases(active.roadmap, led.done))
        try:
            then = schedule_for(active.roadmap, plan, led, active.review_cap)
        except MlpathError:
            continue
        first = then.week_number(then.laid_from)
        out.update(
            (wk.number, wk.start) for wk in then.weeks if wk.hours > 0 and wk.number >= first
        )
    return out


def _removed(active: Active, shown: set[str]) -> list[tuple[str, date, str]]:
    """(uid, first day, "week N" | "milestone" | "deadline") of the events an earlier
    export of this state may hold that this one (its UIDs `shown`) no longer has, each
    on the day the latest plan that had it gave it: the weeks of every earlier plan that
    plan laid study in (a plan's record keeps its finish; a week wholly inside its breaks,
    or before the day it was laid from, never had a block of its), the weeks an item done
    then added, the active plan's study weeks (finishing hides the later ones), every
    deadline an earlier plan set, the milestones of a roadmap planned before (laid again
    from its plan's record) and the milestones now skipped that an earlier plan had."""
    from mlpath.app.session import roadmap_for, schedule_for
    from mlpath.core.deadlines import targets
    from mlpath.core.ledger import settings_of

    sched = active.schedule
    rm_id = sched.roadmap.id
    found: dict[str, tuple[date, str]] = {}
    last_of: dict[str, dict[str, Any]] = {}  # another roadmap: its latest plan
    for plan in _earlier_plans(active):
        if not plan:
            continue
        then = settings_of(plan)
        if plan["roadmap"] != rm_id:
            last_of[plan["roadmap"]] = plan
        pairs = targets(then)
        for uid, (_, day) in zip(deadline_uids(plan["roadmap"], pairs), pairs, strict=True):
            found[uid] = (day, "deadline")
        if not plan.get("finish"):
            continue
        finish = date.fromisoformat(plan["finish"])
        first = ((then.lay_from or then.start) - then.start).days // 7 + 1
        for n in range(max(first, 1), (finish - then.start).days // 7 + 2):
            day = then.start + timedelta(weeks=n - 1)
            if not _broken(day, then.breaks):
                found[uid_week(plan["roadmap"], n)] = (day, f"week {n}")
    for n, day in _undone_weeks(active).items():
        found.setdefault(uid_week(rm_id, n), (day, f"week {n}"))
    # the active plan's own study weeks: finishing hides those after the last item done,
    # among them a week past its record's finish that done items' reviews added
    first_own = sched.week_number(sched.laid_from)
    for wk in sched.weeks:
        if wk.hours > 0 and wk.number >= first_own:
            found.setdefault(uid_week(rm_id, wk.number), (wk.start, f"week {wk.number}"))
    for roadmap_id, plan in last_of.items():
        try:  # laid from its record alone: the days its milestones were due
            old = schedule_for(roadmap_for(plan, active.store.folder), plan)
        except MlpathError:
            continue  # a roadmap no longer here: its milestones cannot be named
        for it in old.items.values():
            if it.kind == "milestone" and it.due is not None and not it.skipped:
                found[uid_milestone(roadmap_id, it.id)] = (it.due, "milestone")
    gone = {
        it.id
        for it in sched.items.values()
        if it.kind == "milestone" and (it.skipped or it.due is None)
        if active.progress.done_on(it.id) is None
    }
    # a milestone skipped now was on a calendar only if an earlier plan of this roadmap
    # laid it: on the day the latest such plan gave it (laid again from its record)
    for plan in reversed(_earlier_plans(active)[:-1]):
        if not gone or not plan or plan["roadmap"] != rm_id:
            continue
        try:
            old = schedule_for(roadmap_for(plan, active.store.folder), plan)
        except MlpathError:
            continue
        for it in old.items.values():
            if it.id in gone and it.kind == "milestone" and it.due and not it.skipped:
                found[uid_milestone(rm_id, it.id)] = (it.due, "milestone")
                gone.discard(it.id)
    return [(uid, day, what) for uid, (day, what) in found.items() if ics_text(uid) not in shown]


def _broken(first: date, breaks: Sequence[tuple[date, date]]) -> bool:
    """Whether each of the seven days from `first` lies in one of `breaks`."""
    return all(any(a <= first + timedelta(days=i) <= b for a, b in breaks) for i in range(7))


def _milestone_day(active: Active, ms: PlannedItem) -> date | None:
    """Done milestones sit on the day they were done; the others on their due day."""
    return active.progress.done_on(ms.id) or ms.due


def _what(titles: list[str], limit: int = 3) -> str:
    if len(titles) <= limit:
        return ", ".join(titles)
    return ", ".join(titles[:limit]) + f" +{len(titles) - limit} more"


# --- iCalendar ---------------------------------------------------------------------------


def uid_milestone(roadmap_id: str, item_id: str) -> str:
    return f"{roadmap_id}-milestone-{item_id}@mlpath"


def uid_deadline(roadmap_id: str, target: str) -> str:
    return f"{roadmap_id}-deadline-{target}@mlpath"


def deadline_uids(roadmap_id: str, pairs: Sequence[tuple[str, date]]) -> list[str]:
    """The UID of each (target, date) of `targets` (in its order): interviews share their
    target, so those after the first carry their date too (a calendar keeps one event per
    UID), and a single interview keeps the UID it always had."""
    from mlpath.core.deadlines import INTERVIEW

    out = []
    seen = False
    for target, day in pairs:
        if target == INTERVIEW and seen:
            target = f"{INTERVIEW}-{day.isoformat()}"
        seen = seen or target == INTERVIEW
        out.append(uid_deadline(roadmap_id, target))
    return out


def uid_week(roadmap_id: str, number: int) -> str:
    return f"{roadmap_id}-week-{number}@mlpath"


def ics_text(text: str, multi: bool = False) -> str:
    """A TEXT value as RFC 5545 allows it: no control character but HTAB (dropped,
    the format's rule, not shown escaped), C1 and bidi controls included. A line break stays in a
    `multi`-line value (the writer escapes it as `\\n`); in a one-line value, a space.
    The calendar shows no escape, so what it forbids is dropped, not escaped."""
    if text.isprintable():
        return text
    # every kind of line break as one "\n" (U+2028/2029 are line breaks too)
    for brk in ("\r\n", "\r", "\u2028", "\u2029"):
        text = text.replace(brk, "\n")
    if not multi:
        text = text.replace("\n", " ")
    return safe.drop_controls(text, keep="\t\n" if multi else "\t")


def export_ics(active: Active, *, stamp: datetime, alarms: Sequence[timedelta] = ()) -> bytes:
    """The plan as an RFC 5545 calendar: all-day milestones and weekly study blocks."""
    from icalendar import Alarm, Calendar, Event, vText

    sched = active.schedule
    rm = sched.roadmap
    revision = _revision(active.state.get("events", []))
    cal = Calendar()
    cal.add("prodid", f"-//mlpath//mlpath {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # X- properties are TEXT (RFC 5545 3.8.8.2), but icalendar writes a plain str given
    # for one raw: vText escapes its , ; and \\ (a raw comma splits the value in vobject)
    cal.add("x-wr-calname", vText(ics_text(f"mlpath: {rm.title}")))
    who = [b.label for b in rm.backgrounds if b.id in sched.settings.backgrounds]
    picked = [o.title for _, _, o in rm.picked(sched.settings.picks)]
    cal.add(
        "x-wr-caldesc",
        vText(
            ics_text(
                f"Study plan for the '{rm.id}' roadmap, made by mlpath."
                + (f" Background: {', '.join(who)}." if who else "")
                + (f" Picked: {', '.join(picked)}." if picked else "")
            )
        ),
    )

    entries: list[tuple[date, int, Any]] = []

    def event(
        uid: str,
        first: date,
        last: date,
        summary: str,
        description: str,
        sequence: int,
        categories: list[str],
        status: str,
        remind: bool,
    ) -> Any:
        summary, description = ics_text(summary), ics_text(description, multi=True)
        ev = Event()
        ev.add("uid", ics_text(uid))  # a deadline's target is data from the state
        ev.add("dtstamp", stamp)
        ev.add("dtstart", first)
        ev.add("dtend", last + timedelta(days=1))
        ev.add("summary", summary)
        ev.add("description", description)
        ev.add("sequence", sequence)
        ev.add("status", status)
        ev.add("transp", "TRANSPARENT")  # a study block should not mark you busy
        ev.add("categories", categories)
        for before in alarms if remind else ():
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", -before)
            ev.add_component(alarm)
        return ev

    total = sched.total_weeks
    due_in_week: dict[int, list[PlannedItem]] = {}
    for ms in milestones_of(active):
        if ms.due is not None:
            due_in_week.setdefault(sched.week_number(ms.due), []).append(ms)
    for wk, items in _study_weeks(active):
        work = work_of(items, wk)
        lines = [
            f"Week {wk.number} of {total} ({wk.start.isoformat()} to {wk.end.isoformat()}), "
            f"{rm.title} ({rm.id}).",
            f"Study {number(wk.hours)} h this week:",
        ]
        lines += [
            f"- {it.title}: {number(h)} h ({it.kind} {it.id}, phase {it.phase})" for it, h in work
        ]
        lines.append(f"Total: {number(wk.hours)} h")
        due = (
            due_in_week.get(wk.number, [])
            if items is sched.items
            else [  # a past week, as the plan in force then laid it
                it
                for it in items.values()
                if it.kind == "milestone" and not it.skipped and it.due
                if wk.start <= it.due <= wk.end
            ]
        )
        lines += [
            f"Milestone due {ms.due.isoformat()}: {ms.title} ({ms.id})"
            for ms in due
            if ms.due is not None
        ]
        lines.append("Tick items off with `mlpath done ITEM`; `mlpath next` shows your pace.")
        summary = f"mlpath week {wk.number}: {_what([it.title for it, _ in work])}"
        ev = event(
            uid_week(rm.id, wk.number),
            wk.start,
            wk.end,
            summary,
            "\n".join(lines),
            revision,
            ["mlpath", "study"],
            "CONFIRMED",
            remind=True,
        )
        entries.append((wk.start, 0, ev))

    phases = {p.number: p for p in sched.roadmap.phases}
    for ms in milestones_of(active):
        day = _milestone_day(active, ms)
        if day is None:
            continue
        done = active.ledger.done.get(ms.id)
        phase = phases[ms.phase]
        lines = [f"Milestone of phase {ms.phase}: {phase.title}, {rm.title} ({rm.id})."]
        if phase.milestone is not None and phase.milestone.description:
            lines.append(phase.milestone.description)
        if done is not None:
            planned = f" (planned for {ms.due.isoformat()})" if ms.due else ""
            lines.append(f"Done on {done.on.isoformat()}{planned}.")
            if done.note:
                lines.append(f"Note: {done.note}")
            if done.evidence:
                lines.append(f"Evidence: {done.evidence}")
        else:
            lines.append(f"Due {day.isoformat()}. When you reach it: mlpath done {ms.id}")
        ev = event(
            uid_milestone(rm.id, ms.id),
            day,
            day,
            (DONE_MARK if done else "") + f"mlpath milestone: {ms.title}",
            "\n".join(lines),
            revision,
            ["mlpath", "milestone", "done"] if done else ["mlpath", "milestone"],
            "CONFIRMED" if done else "TENTATIVE",
            remind=done is None,
        )
        entries.append((day, 1, ev))

    # Deadlines: all-day events on their dates, one UID per target (stable across replans).
    dated = deadlines_view(active.progress)
    pairs = [(d["target"], date.fromisoformat(d["date"])) for d in dated]
    for d, uid in zip(dated, deadline_uids(rm.id, pairs), strict=True):
        day = date.fromisoformat(d["date"])
        said = [f"Deadline: {d['title']} ({d['target']}) by {d['date']}, {rm.title} ({rm.id})."]
        if d["planned"]:
            said.append(f"Your plan reaches it on {d['planned']}.")
        if d["margin_days"] is not None and not d["done_on"]:
            margin = d["margin_days"]
            said.append(
                f"At your pace: {d['projected']}, "
                + (
                    f"{plural(margin, 'day')} of margin."
                    if margin >= 0
                    else f"at risk, {plural(-margin, 'day')} late."
                )
            )
        ev = event(
            uid,
            day,
            day,
            (DONE_MARK if d["done_on"] else "") + f"mlpath deadline: {d['title']}",
            "\n".join(said),
            revision,
            ["mlpath", "deadline"],
            "CONFIRMED",
            remind=not d["done_on"],
        )
        entries.append((day, 1, ev))

    # What a replan or finishing removed goes out once more, cancelled, under its old
    # UID with a higher SEQUENCE, so calendars drop it (RFC 5546) instead of keeping it.
    shown = {str(ev["uid"]) for _, _, ev in entries}
    for uid, first, what in _removed(active, shown):
        week = what.startswith("week")
        ev = event(
            uid,
            first,
            first + timedelta(days=6) if week else first,
            f"mlpath {what}: no longer in your plan",
            "Removed from your plan by a new plan, a replan, an undo or by finishing; "
            "calendars that follow RFC 5546 drop this event.",
            revision,
            ["mlpath", "study" if week else what],
            "CANCELLED",
            remind=False,
        )
        entries.append((first, 2, ev))

    for _, _, ev in sorted(entries, key=lambda e: (e[0], e[1], str(e[2]["uid"]))):
        cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data


def skipped_by(active: Active, it: PlannedItem) -> str | None:
    """Who left a skipped item out: "you" (`skip ITEM`, `--skip ITEM`), "choice" (its
    phase, `--skip N`) or "level" (the roadmap at this level); None: not skipped."""
    if not it.skipped:
        return None
    if it.left_out:
        return "you"
    ph = next((p for p in active.schedule.phases if p.number == it.phase), None)
    return "choice" if ph is not None and ph.choice == "skip" else "level"


def _item_status(active: Active, it: PlannedItem) -> str:
    if it.skipped:
        return "skipped"
    done = active.ledger.done.get(it.id)
    if done is not None and done.by is None:
        return "done"
    if active.progress.is_complete(it.id):  # with its phase's milestone (done_on: that day)
        return "complete"
    return "pending"


def export_json(active: Active, *, share: bool = False, name: str | None = None) -> dict[str, Any]:
    """The full plan and progress, versioned (schema/mlpath-export.schema.json).

    `share` leaves out what stays private (app/share.py): notes, logged notes,
    evidence that is not an http(s) link, paths."""
    from mlpath.core.dashboard import percent
    from mlpath.core.learner import learner_id

    sched = active.schedule
    prog = active.progress
    plan = plan_view(sched)
    plan.pop("defaults_used", None)
    plan["roadmap_hash"] = active.plan.get("roadmap_hash")
    plan["roadmap_changed"] = active.roadmap_changed
    items = []
    for it in sched.items.values():
        done = active.ledger.done.get(it.id)
        items.append(
            {
                "id": it.id,
                "kind": it.kind,
                "title": it.title,
                "phase": it.phase,
                "hours": num(it.effort),
                "hours_left": num(Fraction(0) if it.skipped else prog.hours_left(it)),
                "start": iso(it.start),
                "due": iso(it.due),
                "status": _item_status(active, it),
                "done_on": iso(done.on) if done else None,
                "note": done.note if done else None,
                "evidence": done.evidence if done else None,
                "skipped_by": skipped_by(active, it),
                "skip_reason": (k.reason if (k := active.ledger.skips.get(it.id)) else None),
            }
        )
    counted = [it for it in sched.items.values() if not it.skipped]
    shown = prog.shown_week  # before the start: week 1, as `mlpath next` shows
    first, last = prog.week_bounds()  # (its end no later than 2999-12-31)
    ms = prog.next_milestone()
    total = sched.total_effort
    method = export_view(prog)
    pace = pace_view(prog)
    doc: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "generator": f"mlpath {__version__}",
        "today": active.today.isoformat(),
        "learner": learner_id(active.state),
        **({"name": name} if name else {}),
        "shared": share,
        "plan": plan,
        "items": items,
        "progress": {
            "week": {
                "number": shown,
                "of": prog.total_weeks,
                "start": first.isoformat(),
                "end": last.isoformat(),
            },
            "before_start": prog.before_start,
            "finished": prog.finished,
            "items_complete": sum(1 for it in counted if prog.is_complete(it.id)),
            "items_total": len(counted),
            "completed_hours": num(prog.completed_effort),
            "credited_hours": num(prog.credited_effort),
            "remaining_hours": num(prog.remaining_effort),
            "percent": percent(prog.completed_effort, total),  # status's figure, rounded down
            "logged_hours": num(active.ledger.logged_total),
            "pace": pace,
            "next_milestone": (milestone_view(prog, ms) if ms else None),
        },
        "logs": [
            {"on": g.on.isoformat(), "hours": num(g.hours), "note": g.note, "item": g.item}
            for g in active.ledger.logs
        ],
        "history": [
            {
                "roadmap": p["roadmap"],
                "level": p["level"],
                "hours_per_week": num(Fraction(p["hours_per_week"])),
                "start": p["start"],
                "from": p.get("from"),
                "days": list(p["days"]),
                "backgrounds": list(p.get("backgrounds") or ()),
                "picks": list(p.get("picks") or ()),
            }
            for p in active.ledger.history
        ],
        # the documents' method (core/coach.py): the split and the habits
        "theory_practice": method["theory_practice"],
        "habits": method["habits"],
        "skips": [
            {"item": it.id, "reason": "learner" if skipped_by(active, it) != "level" else "level"}
            | ({"text": k.reason} if (k := active.ledger.skips.get(it.id)) and k.reason else {})
            for it in sched.items.values()
            if it.skipped
        ],
        "deadlines": [
            {k: d[k] for k in ("target", "date", "projected", "margin_days")}
            for d in deadlines_view(prog)
        ],
        "tspi": pace["tspi"],
    }
    if share:
        from mlpath.app.share import strip_private

        strip_private(doc, str(active.store.path.parent))
    return doc


# --- writing -----------------------------------------------------------------------------


def write_file(path: str, data: bytes) -> str:
    """Write an export to PATH atomically (a crash leaves the old file or the new one)."""
    import os
    from pathlib import Path

    from mlpath.store.state import atomic_write_bytes

    if not path.strip():  # `-o "$OUT"` with OUT unset: Path("") is the current folder
        raise UsageError("-o was given an empty file name.", "Give a file name, like -o plan.ics.")
    target = Path(os.path.expanduser(path))
    if target.is_dir():
        raise UsageError(f"{path} is a folder.", "Give a file name, like -o plan.ics.")
    if not target.parent.is_dir():
        raise MlpathError(
            f"Cannot write {path}: the folder {target.parent} does not exist.",
            "Create it first, or choose another place.",
        )
    try:
        atomic_write_bytes(target, data, public=True)
    except OSError as exc:
        raise MlpathError(
            f"Could not write {path}: {exc.strerror or exc}; nothing was written.",
            "Check the folder's permissions and free space.",
        ) from None
    return str(target)
