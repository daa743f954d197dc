"""The changing commands: plan, done, undo, log, replan.

Each runs its read-modify-write inside one locked transaction of the state
file, decides with the core, appends events, and returns a view (for --json)
plus what happened as steps (a kind and its figures) that render/change.py words.
Nothing here prints or touches the terminal.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from mlpath.app.planwarn import unrealistic
from mlpath.app.session import Active, load_active, progress_said, roadmap_for
from mlpath.app.views import write_through
from mlpath.core import ledger
from mlpath.core.coach import unpractised_steps
from mlpath.core.compaction import KEEP_TAIL
from mlpath.core.daterange import LAST_DAY
from mlpath.core.dates import (
    check_daily_hours,
    format_days,
    looks_negative,
    parse_date,
    parse_days,
    parse_duration_hours,
    parse_weekly_hours,
    read_as,
)
from mlpath.core.habits import habit_settings, with_habits
from mlpath.core.progress import skipped_on
from mlpath.core.record import Record
from mlpath.core.schedule import (
    ALL_DAYS,
    PlannedItem,
    Settings,
    build,
)
from mlpath.core.views import iso, num, pace_view, plan_view
from mlpath.errors import MlpathError, NoPlanError, UsageError
from mlpath.render.text import number
from mlpath.store.state import Store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from mlpath.app.views import KeptView
    from mlpath.core.roadmap import Roadmap

    Step = tuple[str, dict[str, Any]]


MAX_LOG_PER_DAY = Fraction(24)


class PlanResult(Record):
    __slots__ = ("view", "saved", "store_path", "warnings", "views")

    def __init__(self, view: dict[str, Any], saved: bool, store_path: str) -> None:
        self.view = view
        self.saved = saved
        self.store_path = store_path
        self.warnings: list[str] = []
        self.views: dict[str, KeptView] = {}  # the new plan's views, kept for the next read

    __hash__ = None  # type: ignore[assignment]


class Change(Record):
    """What a changing command did: the --json view, and the steps render/change.py
    words for the terminal (each a kind and its figures, in the order they are told)."""

    __slots__ = ("view", "steps", "warnings", "views")

    def __init__(
        self, view: dict[str, Any], steps: list[Step], warnings: list[str] | None = None
    ) -> None:
        self.view = view
        self.steps = steps
        self.warnings = warnings if warnings is not None else []
        self.views: dict[str, KeptView] = {}  # the new state's views, kept for the next read

    __hash__ = None  # type: ignore[assignment]


class HasProgress(MlpathError):
    """`plan` would replace a plan with progress, and was not told to (--force)."""


def make_plan(
    store: Store,
    when: date,
    *,
    roadmap: str | None,
    level: str | None,
    hours: str | None,
    start: str | None,
    days: str | None,
    breaks: tuple[tuple[date, date], ...],
    dry_run: bool,
    force: bool,
    config: dict[str, Any] | None = None,
    skip: tuple[str, ...] = (),
    compress: tuple[str, ...] = (),
    review_minutes: str | None = None,
    finish_by: str | None = None,
    backgrounds: tuple[str, ...] = (),
    picks: tuple[str, ...] = (),
    interviews: tuple[str, ...] = (),
    no_habits: tuple[str, ...] = (),
    deadlines: tuple[str, ...] = (),
) -> PlanResult:
    from mlpath.core.dates import parse_review_minutes
    from mlpath.core.review import DEFAULT_MINUTES, MAX_MINUTES
    from mlpath.store.catalog import DEFAULT_FOR_LEVEL, resolve
    from mlpath.store.config import DEFAULT_HOURS, DEFAULT_LEVEL

    cfg = config or {}
    defaults: list[str] = []
    if level is None:
        level = cfg.get("level") or DEFAULT_LEVEL
        defaults.append(f"level {level}" + (" (config)" if "level" in cfg else ""))
    if roadmap is None:
        roadmap = cfg.get("roadmap") or DEFAULT_FOR_LEVEL[level]
        defaults.append(
            f"roadmap {roadmap}" + (" (config)" if "roadmap" in cfg else " (matches the level)")
        )
    if finish_by is not None and hours is not None:
        raise UsageError(
            "--hours and --finish-by both set the hours per week.",
            "Give one of them: --finish-by chooses the hours that reach the date.",
        )
    if finish_by is not None:
        weekly = DEFAULT_HOURS  # chosen below, once the other settings are known
    elif hours is None:
        weekly = parse_weekly_hours(cfg["hours"]) if "hours" in cfg else DEFAULT_HOURS
        defaults.append(f"{number(weekly)} h/week")
    else:
        weekly = parse_weekly_hours(hours)
    if start is None:
        first = when
        defaults.append(f"start today ({when.isoformat()})")
    else:
        first = parse_date(start, when)
    if days is None:
        study_days = parse_days(cfg["days"]) if "days" in cfg else ALL_DAYS
        defaults.append(format_days(study_days))
    else:
        study_days = parse_days(days)
    if review_minutes is not None:
        minutes = parse_review_minutes(review_minutes, MAX_MINUTES)
    else:
        minutes = int(cfg.get("review_minutes", DEFAULT_MINUTES))
    if finish_by is None:  # --finish-by chooses hours within the bounds itself
        check_daily_hours(weekly, study_days)
    # what only plan and replan use: not imported by the daily changes
    from mlpath.app.deadlines import deadline_settings, deadline_warnings
    from mlpath.app.skipping import phase_numbers, skip_refs
    from mlpath.core.choices import background_ids, pick_ids
    from mlpath.core.finishby import least_hours_for

    rm = resolve(roadmap)
    shadow_warnings: list[str] = []
    if rm.bundled:
        from mlpath.store.catalog import id_line, shadowed, shell_word

        shadow_warnings = [
            f"{p}:{id_line(p)} also has the id '{rm.id}'; the bundled roadmap wins "
            f"(plan with `-r {shell_word(p)}` for yours)."
            for p in shadowed(rm.id)
        ]
    settings = Settings(
        level,
        weekly,
        first,
        study_days,
        breaks,
        skip=skip_refs(rm, skip, "--skip")[0],
        skip_items=skip_refs(rm, skip, "--skip")[1],
        compress=phase_numbers(rm, compress, "--compress"),
        review_minutes=minutes,
        backgrounds=background_ids(rm, backgrounds),
        picks=pick_ids(rm, picks),
        **habit_settings(rm, interviews, no_habits, when),
        deadlines=deadline_settings(rm, deadlines, when),
    )
    settings = with_habits(rm, settings)  # the documents' habits take their time
    if finish_by is not None:
        target = parse_date(finish_by, when)
        weekly, chosen = least_hours_for(rm, settings, target)
        settings = chosen.settings
    # laid as every later command lays it (reviews as their cards come), so the finish
    # shown here is the one `status` shows; --finish-by chose the hours with them all
    schedule = build(rm, settings)
    _check_finish(schedule.finish)
    view = plan_view(schedule, defaults=defaults)
    if finish_by is not None:
        view["finish_by"] = {"date": target.isoformat(), "hours_per_week": num(weekly)}
    result = PlanResult(view, saved=False, store_path=str(store.path))
    result.warnings.extend(shadow_warnings)
    result.warnings += unrealistic(schedule, when, breaks) + deadline_warnings(rm, schedule)
    if dry_run:
        return result
    record = ledger.plan_record(
        roadmap_id=rm.id,
        roadmap_hash=rm.content_hash,
        roadmap_path=None if rm.bundled or not rm.path else rm.path,
        settings=settings,
        finish=schedule.finish,
    )
    if rm.path and not rm.bundled:
        from mlpath.store.catalog import looks_like_path

        # A roadmap found by id in the config folder is found again by id.
        if not looks_like_path(roadmap):
            record["roadmap_path"] = None
    from mlpath.store.catalog import keep_roadmap_copy

    with store.transaction() as state:
        led = ledger.fold_state(state)
        progress = progress_said(led)
        if led.plan is not None and progress and not force:
            raise HasProgress(
                f"Your current plan ({led.plan['roadmap']}) has progress: {progress}.",
                "Use `mlpath replan` to re-lay it keeping that progress (`replan --level`, "
                "`--hours`, `--days` change those), or `mlpath plan --force` to replace it "
                "(the old plan stays in history; `mlpath undo` brings it back).",
            )
        keep_roadmap_copy(store.home, rm)  # before the plan: it works on every synced machine
        store.append(state, "plan", plan=record)
    # the views of the new plan, for the `next` that follows (its schedule is laid again
    # from the saved record, as every later read lays it)
    result.views = write_through(load_active(store, when, state=state))
    if led.plan is not None:
        old = led.plan
        result.warnings.append(
            f"This replaces your previous plan ({old['roadmap']}, {old['level']}, "
            f"{number(Fraction(old['hours_per_week']))} h/week from {old['start']}); "
            "`mlpath undo` brings it back."
        )
    result.saved = True
    return result


def _check_finish(finish: date, hint: str = "Start earlier or study more hours a week.") -> None:
    """A plan must end inside the dates mlpath reads back (core/dates.py)."""
    if finish > LAST_DAY:
        raise UsageError(
            f"This plan would finish on {finish.isoformat()}, after {LAST_DAY.isoformat()}, "
            "the last date mlpath handles.",
            hint,
        )


def parse_on(on: str | None, when: date) -> date:
    day = parse_date(on, when, past=True) if on is not None else when  # "": an error
    if day > when:
        raise UsageError(
            f"{day.isoformat()} is in the future.", "Record what you did today or earlier."
        )
    return day


def before_start(day: date, active: Active, on: str | None) -> str | None:
    """A warning when a day given with --on is before the plan's first day: it counts
    (a head start), but a wrong year or month is the likelier story."""
    start = active.schedule.settings.start
    if on is not None and day < start:
        return (
            f"--on {on} is {read_as(on, day)}before your plan starts ({start.isoformat()}); "
            "it counts as a head start. `mlpath undo` removes it if the date was a slip."
        )
    return None


def after_change(active: Active, steps: list[Step], extra: dict[str, Any]) -> Change:
    """A change's pace line and view, with the new state's views kept for the next read."""
    prog = active.progress
    pace = ("pace", {"label": prog.pace.label, "behind": prog.pace.status == "behind"})
    view = {**extra, "pace": pace_view(prog)}
    change = Change(view, [*steps, pace], active.warnings)
    change.views = write_through(active)
    return change


def mark_done(
    store: Store,
    when: date,
    queries: list[str],
    *,
    on: str | None,
    note: str | None,
    evidence: str | None,
) -> Change:
    """Mark items done. All the events one command appends share a `batch`
    (the first one's seq), so one `undo` reverts the whole command."""
    from mlpath.app.skipping import tickable

    day = parse_on(on, when)
    changed: list[dict[str, Any]] = []
    already: list[dict[str, Any]] = []
    steps: list[Step] = []
    with store.transaction() as state:
        active = load_active(store, when, state=state)
        early = before_start(day, active, on)
        targets: list[PlannedItem] = []
        for q in queries:
            found = tickable(q, active.schedule, active.ledger.done)
            if len(found) > 1:  # a phase number for a phase without a milestone
                steps.append(("no_milestone", {"phase": found[0].phase, "count": len(found)}))
            for it in found:
                if it not in targets:
                    targets.append(it)
        # What to append, decided first: all of one command's events share a batch.
        todo: list[tuple[str, dict[str, Any]]] = []
        annotated: list[dict[str, Any]] = []
        for it in targets:
            prev = active.ledger.done.get(it.id)
            if prev is not None:
                extra = _new_notes(prev.note, prev.evidence, note, evidence)
                if extra:  # notes and evidence after the fact
                    if prev.by is None:
                        todo.append(("annotate", {"item": it.id, **extra}))
                    else:
                        # Done through its milestone: its own done event, on the
                        # milestone's day (so nothing else moves), carries them.
                        todo.append(("done", {"item": it.id, "on": prev.on.isoformat(), **extra}))
                    annotated.append({"id": it.id, "title": it.title, **extra})
                    what = [k for k in ("note", "evidence") if k in extra]
                    steps.append(("noted", {"id": it.id, "title": it.title, "what": what}))
                    continue
                already.append({"id": it.id, "title": it.title, "on": iso(prev.on)})
                steps.append(("already", {**already[-1], "on": prev.on.isoformat(), "by": prev.by}))
                continue
            todo.append(
                (
                    "done",
                    {"item": it.id, "on": day.isoformat(), "note": note, "evidence": evidence},
                )
            )
            changed.append(
                {
                    "id": it.id,
                    "kind": it.kind,
                    "title": it.title,
                    "phase": it.phase,
                    "on": day.isoformat(),
                }
            )
            steps.append(("done", changed[-1]))
            if it.kind == "milestone":
                steps.append(("phase_complete", {"phase": it.phase}))
        _append_batch(store, state, todo)
    after = load_active(store, when, state=state, reuse=active)
    view = {"changed": changed, "already": already, "annotated": annotated}
    result = after_change(after, steps, view)
    result.steps += unpractised_steps(after.progress, [c["id"] for c in changed], evidence)
    if early and changed:
        result.warnings.append(early)
    return result


def _new_notes(
    note_was: str | None, evidence_was: str | None, note: str | None, evidence: str | None
) -> dict[str, str]:
    """The note and evidence given that differ from what the item already has."""
    out: dict[str, str] = {}
    if note is not None and note != note_was:
        out["note"] = note
    if evidence is not None and evidence != evidence_was:
        out["evidence"] = evidence
    return out


def _append_batch(
    store: Store, state: dict[str, Any], todo: list[tuple[str, dict[str, Any]]]
) -> None:
    """Append one command's events; several share a `batch` (the first one's seq),
    so one `undo` reverts the whole command."""
    batch = ledger.next_seq(state.get("events", []), state) if len(todo) > 1 else None
    for kind, fields in todo:
        store.append(state, kind, batch=batch, **fields)


def undo_last(store: Store, when: date) -> Change:
    """Revert the latest change still in effect (a whole `done` command at once)."""
    with store.transaction() as state:
        events: list[dict[str, Any]] = state.get("events", [])
        led = ledger.fold_state(state)
        target = led.last_change
        if target is None:
            archived = state.get("snapshot") is not None
            raise MlpathError(
                "There is nothing more to undo." if archived else "There is nothing to undo.",
                f"Undo reaches back through the last {KEEP_TAIL} changes; older history is "
                "archived beside the state file."
                if archived
                else "Undo reverts done, log, review, reopen, notes, skip, did, the timer, replan and plan.",
            )
        group = [target]
        if target.get("batch") is not None:
            undone = {e["undoes"] for e in events if e["type"] == "undone"}
            group = [
                e
                for e in events
                if ledger.same_command(e, target)
                and e["type"] != "undone"
                and e["id"] not in undone
            ]
        for e in reversed(group):
            store.append(state, "undone", undoes=e["id"])
    what = _describe_group(group)
    steps: list[Step] = [("undid", {"what": what})]
    view: dict[str, Any] = {
        "undid": {
            "seq": target["seq"],
            "seqs": [e["seq"] for e in group],
            "type": target["type"],
            "what": what,
        }
    }
    try:
        after = load_active(store, when, state=state)
    except NoPlanError:
        return Change({**view, "pace": None}, [*steps, ("no_plan", {})])
    return after_change(after, steps, view)


def _describe_group(group: list[dict[str, Any]]) -> str:
    if len(group) == 1:
        return ledger.describe(group[0])
    kinds, days = {e["type"] for e in group}, {e.get("on") for e in group}
    if len(kinds) == 1 and len(days) == 1 and kinds <= {"done", "reopen"}:
        ids = ", ".join(e["item"] for e in group)
        return f"{group[0]['type']} {ids} (on {group[0]['on']})"
    if len(group) == 2 and "reopen" not in kinds:  # a timer's switch, a habit's session
        return f"{ledger.describe(group[0])} and {ledger.describe(group[1])}"
    more = len(group) - 1  # a reopen and the ticks that keep its phase's other items done
    return f"{ledger.describe(group[0])} and {more} more change{'s' if more != 1 else ''}"


def log_time(
    store: Store,
    when: date,
    text: str,
    *,
    on: str | None,
    note: str | None,
    item: str | None = None,
    mode: str | None = None,
) -> Change:
    """Record study time; with `item` (`log --item`) it is credited to that item,
    else to what was unfinished on its date, in plan order (core/progress.py)."""
    if looks_negative(text):
        raise UsageError(
            f"Hours must be more than zero, not '{text.strip()}'.",
            "Log the time you studied, like 1.5, 90m or 1h30; `mlpath undo` removes a wrong entry.",
        )
    hours = parse_duration_hours(text, what="hours", maximum=MAX_LOG_PER_DAY)
    day = parse_on(on, when)
    with store.transaction() as state:
        active = load_active(store, when, state=state)
        early = before_start(day, active, on)
        target = _log_target(active, item) if item is not None else None
        that_day = active.ledger.study_on(day)  # its logs, sessions and habits
        if that_day + hours > MAX_LOG_PER_DAY:
            raise UsageError(
                f"That would make {number(that_day + hours)} h on {day.isoformat()}, "
                "more than a day holds.",
                "Check the number, or log it on another day with --on.",
            )
        store.append(
            state,
            "log",
            hours=ledger.fraction_text(hours),
            on=day.isoformat(),
            note=note,
            item=target.id if target is not None else None,
            mode=mode,  # `--practice`/`--theory`; none: from the item's kind
        )
    after = load_active(store, when, state=state, reuse=active)
    prog = after.progress
    item_id = target.id if target is not None else None
    steps: list[Step] = [("logged", {"hours": hours, "item": item_id, "on": day.isoformat()})]
    view = {
        "logged": {
            "hours": num(hours),
            "on": day.isoformat(),
            "note": note,
            **({"item": target.id} if target is not None else {}),
            **({"mode": mode} if mode is not None else {}),
        },
        "hours": {
            "week_logged": num(prog.week_logged()),
            "week_target": num(prog.week_target()),
            "total_logged": num(after.ledger.logged_total),
        },
    }
    if target is not None:
        left = prog.hours_left(target)
        steps.append(("item_left", {"id": target.id, "left": left, "effort": target.effort}))
        view["item"] = {"id": target.id, "hours": num(target.effort), "hours_left": num(left)}
    week = {"logged": prog.week_logged(), "target": prog.week_target()}
    steps.append(("week", {**week, "total": after.ledger.logged_total}))
    result = after_change(after, steps, view)
    if early:
        result.warnings.append(early)
    return result


def _log_target(active: Active, query: str) -> PlannedItem:
    """The one topic or project `log --item` names (the shared item resolver)."""
    from mlpath.core.resolve import resolve

    found = resolve(query, active.schedule)
    if len(found) != 1 or found[0].kind == "milestone":
        ph = f"phase {found[0].phase}" + ("" if len(found) > 1 else f"'s milestone {found[0].id}")
        raise UsageError(
            f"'{query}' names {ph}, not one topic or project to credit the time to.",
            "Name a topic or project by id (`mlpath next` shows ids).",
        )
    it = found[0]
    if it.skipped:
        raise UsageError(
            f"{it.title} ({it.id}) is skipped in your plan; time logged to it counts for nothing.",
            "Log it without --item, or to an item of your plan.",
        )
    return it


def _without_finish(plan: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in plan.items() if k != "finish"}


def settled_credit(
    active: Active, before: date, roadmap: Roadmap, picks: frozenset[str], done: frozenset[str]
) -> tuple[tuple[str, Fraction], ...]:
    """What a replan keeps of the time logged before `before`: each unfinished
    item's credit (it then lays only the rest of the item's effort)."""
    item_ids = roadmap.all_ids()
    from mlpath.core.choices import carried_credit
    from mlpath.core.progress import finished_dates, item_credit
    from mlpath.core.shape import keepable

    old = active.schedule
    credit = item_credit(old, active.ledger, finished_dates(old, active.ledger), before=before)
    credit = carried_credit(roadmap, credit, picks)  # the picks may have changed
    return tuple(
        (k, keepable(v)) for k, v in credit.items() if v and k in item_ids and k not in done
    )


def do_replan(
    store: Store,
    when: date,
    *,
    hours: str | None,
    from_: str | None,
    days: str | None,
    breaks: tuple[tuple[date, date], ...],
    review_minutes: str | None = None,
    finish_by: str | None = None,
    backgrounds: tuple[str, ...] | None = None,
    picks: tuple[str, ...] | None = None,
    interviews: tuple[str, ...] | None = None,
    no_habits: tuple[str, ...] | None = None,
    catch_up: str | None = None,
    dry_run: bool = False,
    max_hours_per_day: Fraction | None = None,
    deadlines: tuple[str, ...] = (),
    skip: tuple[str, ...] = (),
    level: str | None = None,
) -> Change:
    """Re-lay the unfinished work from today (or a later --from), keeping everything
    done and logged; with `level`, at that level's weeks (an item's credit above its new,
    smaller effort stays logged time but no longer counts). `dry_run` saves nothing."""
    from mlpath.app.session import review_due
    from mlpath.core.dates import parse_review_minutes
    from mlpath.core.review import MAX_MINUTES

    if finish_by is not None and hours is not None:
        raise UsageError(
            "--hours and --finish-by both set the hours per week.",
            "Give one of them: --finish-by chooses the hours that reach the date.",
        )
    target = parse_date(finish_by, when) if finish_by is not None else None
    lay_from = parse_date(from_, when) if from_ is not None else when
    if lay_from < when:
        # the days before today keep what the plan laid on them (PRODUCT.md)
        raise UsageError(
            f"--from {from_} is {read_as(from_ or '', lay_from)}before today ({when.isoformat()}): "
            "a replan lays the remaining work from today or later.",
            "Leave out --from to replan from today, or give a later date.",
        )
    # what only plan and replan use: not imported by the daily changes
    from mlpath.app.catchup import catch_up_view, spread, told
    from mlpath.app.deadlines import deadline_settings, deadline_warnings
    from mlpath.app.skipping import skip_refs
    from mlpath.core.choices import background_ids, pick_ids
    from mlpath.core.finishby import least_hours_for

    with store.transaction() as state:
        active = load_active(store, when, state=state)
        old = active.schedule
        old_settings = old.settings
        roadmap = roadmap_for(active.plan, store.home, adopt=True)  # as it is now
        item_ids = roadmap.all_ids()
        phase_set = {p.number for p in roadmap.phases}
        vanished = sorted(i for i in active.ledger.done if i not in item_ids)
        completed = frozenset(i for i in active.progress.complete if i in item_ids)
        skips = skip_refs(roadmap, skip, "--skip")
        kept = frozenset(i for i in old_settings.picks if i in roadmap.options())
        picked = pick_ids(roadmap, picks) if picks else kept  # given: they replace (none clears)
        credit = settled_credit(active, min(lay_from, when), roadmap, picked, completed)
        start = old_settings.start
        if lay_from <= start:
            start, lay = lay_from, None
        else:
            lay = lay_from
        settings = Settings(
            level=level or old_settings.level,
            hours_per_week=parse_weekly_hours(hours) if hours else old_settings.hours_per_week,
            start=start,
            days=parse_days(days) if days else old_settings.days,
            breaks=tuple(sorted(set(old_settings.breaks) | set(breaks))),
            lay_from=lay,
            completed=completed,
            # `--skip` adds phases, topics or projects to those skipped before
            skip=frozenset(n for n in old_settings.skip if n in phase_set) | skips[0],
            compress=frozenset(n for n in old_settings.compress if n in phase_set),
            review_minutes=(
                parse_review_minutes(review_minutes, MAX_MINUTES)
                if review_minutes is not None
                else old_settings.review_minutes
            ),
            credit=credit,
            credit_before=min(lay_from, when),
            # given: replace the old ones (`none` clears); else keep those still in the roadmap
            backgrounds=(
                background_ids(roadmap, backgrounds)
                if backgrounds
                else frozenset(
                    b.id for b in roadmap.backgrounds if b.id in old_settings.backgrounds
                )
            ),
            picks=picked,
            # state version 3's settings carry over a replan as they are
            skip_items=old_settings.skip_items | skips[1],
            deadlines=deadline_settings(roadmap, deadlines, when, old_settings.deadlines),
            **habit_settings(roadmap, interviews, no_habits, when, old_settings),
        )
        settings = with_habits(roadmap, settings)  # the documents' habits take their time
        due = review_due(roadmap, settings, active.ledger)
        left_out, cap = skipped_on(active.ledger), active.review_cap
        given = (hours, finish_by, from_)
        caught = spread(active, roadmap, settings, catch_up, due, max_hours_per_day, given)
        if caught is not None:
            new = caught.schedule
            settings = new.settings
        elif target is not None:
            _, chosen = least_hours_for(roadmap, settings, target, due, left_out)
            settings = chosen.settings
        if caught is None:  # laid as later commands lay it, with the learner's review cap
            check_daily_hours(settings.hours_per_week, settings.days)
            new = build(roadmap, settings, due, leave_out=left_out, review_cap=cap)
        _check_finish(new.finish, "Study more hours a week (--hours), or leave out what you know.")
        if not any(not it.credited and not it.skipped for it in new.items.values()):
            raise MlpathError("Everything in your plan is done; there is nothing to replan.")
        record = ledger.plan_record(
            roadmap_id=roadmap.id,
            roadmap_hash=roadmap.content_hash,
            roadmap_path=active.plan.get("roadmap_path"),
            settings=settings,
            finish=new.finish,
        )
        unchanged = _without_finish(record) == _without_finish(active.plan)
        # the finish as planned before: re-derived from an updated roadmap it would not be
        old_finish = old.finish
        if active.roadmap_changed and active.plan.get("finish"):
            old_finish = date.fromisoformat(active.plan["finish"])
        if not unchanged and not dry_run:
            from mlpath.store.catalog import keep_roadmap_copy

            keep_roadmap_copy(store.home, roadmap)
            store.append(state, "replan", plan=record)
    after = load_active(store, when, state=state)
    steps: list[Step] = []
    if active.roadmap_changed:
        steps.append(("adopted", {"roadmap": roadmap.id}))
    if target is not None:
        steps.append(
            ("chose_hours", {"hours_per_week": settings.hours_per_week, "date": iso(target)})
        )
    if unchanged:
        steps.append(("replan_unchanged", {"from": iso(lay_from), "finish": iso(new.finish)}))
    else:
        left = new.total_effort - new.credited_effort
        days_text = format_days(settings.days)
        weekly = settings.hours_per_week
        steps += [
            (
                "replanned",
                {"from": iso(lay_from), "left": left, "hours_per_week": weekly, "days": days_text},
            ),
            (
                "finish_moved",
                {
                    "old": iso(old_finish),
                    "new": iso(new.finish),
                    "shift": (new.finish - old_finish).days,
                },
            ),
        ]
    if vanished:
        steps.append(("vanished", {"ids": vanished}))
    steps = told(steps, caught, dry_run=dry_run and not unchanged)
    view = {
        "changed": not unchanged and not dry_run,  # a dry run saves nothing
        "old_finish": iso(old_finish),
        "new_finish": iso(new.finish),
        "from": lay_from.isoformat(),
        "vanished": vanished,
        "plan": plan_view(new),
        # where it was saved, as `plan --json` says; null when nothing was (dry run, no change)
        "saved": None if unchanged or dry_run else str(store.path),
    }
    if target is not None:
        view["finish_by"] = {
            "date": target.isoformat(),
            "hours_per_week": num(settings.hours_per_week),
        }
    if caught is not None:
        view["catch_up"] = catch_up_view(caught)
    change = after_change(after, steps, view)
    change.warnings += unrealistic(new, when, breaks, start=False)
    change.warnings += deadline_warnings(roadmap, new, due, left_out)  # as the replan lays it
    return change


def record_review(
    store: Store, when: date, query: str, rating_text: str, *, on: str | None
) -> Change:
    """Rate a review of a done item; its card is rescheduled by FSRS."""
    from mlpath.core.resolve import resolve
    from mlpath.core.review import parse_rating

    rating = parse_rating(rating_text)
    day = parse_on(on, when)
    with store.transaction() as state:
        active = load_active(store, when, state=state)
        found = resolve(query, active.schedule)
        if len(found) != 1:
            phase = found[0].phase
            raise UsageError(
                f"Phase {phase} has no milestone to review.",
                "Review one of its topics or projects by id (`mlpath review` lists the due ones).",
            )
        it = found[0]
        done = active.ledger.done.get(it.id)
        if done is None:
            raise MlpathError(
                f"{it.title} ({it.id}) is not done yet, so it has no review card.",
                f"Finish it first: `mlpath done {it.id}`.",
            )
        if day < done.on:
            raise UsageError(
                f"{it.id} was done on {done.on.isoformat()}; a review on {day.isoformat()} "
                "would come before it.",
                "Give the day you reviewed it with --on.",
            )
        store.append(state, "review", item=it.id, rating=rating, on=day.isoformat())
    after = load_active(store, when, state=state, reuse=active)
    card = after.progress.cards()[it.id]
    # today's share, as `next` gives it (carried reviews past the day's cap wait)
    left = len(after.progress.reviews_for_today()[0])
    steps: list[Step] = [
        ("reviewed", {"id": it.id, "title": it.title, "rating": rating, "on": iso(day)}),
        # from today, not from a past review's day
        ("next_review", {"due": iso(card.due), "wait": (card.due - when).days}),
        ("due_left", {"left": left}),
    ]
    view = {
        "reviewed": {
            "id": it.id,
            "title": it.title,
            "rating": rating,
            "on": day.isoformat(),
            "next_due": card.due.isoformat(),
            "reviews": card.reviews,
        },
        "due_today": left,
    }
    return after_change(after, steps, view)


def reopen_item(store: Store, when: date, query: str) -> Change:
    """Un-tick one done item without undoing anything recorded after it.

    A milestone reopens its phase: the items done only through it are open
    again, the ones ticked on their own stay done. An item done only through its
    milestone reopens alone: the milestone is reopened and the phase's other
    items it completed get their own done events on its day, so nothing else
    moves. Reopening an item that is not done changes nothing and says so.
    """
    from mlpath.app.skipping import bring_back
    from mlpath.core.resolve import resolve

    if (back := bring_back(store, when, query)) is not None:  # a skipped item
        return back
    todo: list[tuple[str, dict[str, Any]]] = []
    reopened: list[dict[str, Any]] = []
    steps: list[Step] = []
    with store.transaction() as state:
        active = load_active(store, when, state=state)
        found = resolve(query, active.schedule)
        on = when.isoformat()
        done = active.ledger.done
        for it in found:
            entry = {"id": it.id, "kind": it.kind, "title": it.title, "phase": it.phase}
            d = done.get(it.id)
            if d is None:
                steps.append(("not_done", entry))
                continue
            if d.by is None:
                todo.append(("reopen", {"item": it.id, "on": on}))
                reopened.append(entry)
                steps.append(("reopened", entry))
                if it.kind == "milestone":
                    steps += _phase_reopened(active, it)
                continue
            milestone = active.schedule.items[d.by]
            keep = [
                other
                for other in active.schedule.items.values()
                if other.id != it.id and (o := done.get(other.id)) is not None and o.by == d.by
            ]
            todo.append(("reopen", {"item": milestone.id, "on": on}))
            todo += [("done", {"item": o.id, "on": d.on.isoformat()}) for o in keep]
            reopened += [
                entry,
                {
                    "id": milestone.id,
                    "kind": milestone.kind,
                    "title": milestone.title,
                    "phase": milestone.phase,
                },
            ]
            steps.append(
                ("reopened_with_milestone", {**entry, "milestone": milestone.id, "on": iso(d.on)})
            )
        _append_batch(store, state, todo)
    after = load_active(store, when, state=state, reuse=active)
    if todo:
        steps.append(("reopen_undo", {}))
    return after_change(after, steps, {"reopened": reopened})


def _phase_reopened(active: Active, milestone: PlannedItem) -> list[Step]:
    """What reopening a milestone does to its phase."""
    done = active.ledger.done
    members = [
        it.id for it in active.schedule.items.values() if it.id != milestone.id and it.id in done
    ]
    opened = [i for i in members if done[i].by == milestone.id]
    own = [
        i
        for i in members
        if done[i].by is None and active.schedule.items[i].phase == milestone.phase
    ]
    out: list[Step] = [("phase_open", {"phase": milestone.phase})]
    if opened:
        out.append(("open_with_it", {"ids": opened}))
    if own:
        out.append(("still_done", {"ids": own}))
    return out
