"""The lines a changing command prints (done, log, undo, review, reopen, replan).

app/actions.py decides and records what happened as steps, each a kind and its
figures, in the order they are told; this module words them. Every figure goes
through render/text.py's number rule; dates stay ISO, as the learner typed them.
"""

from __future__ import annotations

from mlpath.render.method import TIMER_WORDS
from mlpath.render.text import chosen_hours, long_date, number, plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Step = tuple[str, dict[str, Any]]


def _shift(days: int) -> str:
    """How far a replan moved the finish, in words: never "(-1 days)"."""
    if days == 0:
        return "no change"
    n = abs(days)
    return f"{plural(n, 'day')} {'later' if days > 0 else 'earlier'}"


def _until(wait: int) -> str:
    """Days from today to a review: "in 3 days", "tomorrow", "today", "2 days ago"."""
    if wait > 1:
        return f"in {wait} days"
    return {1: "tomorrow", 0: "today"}.get(wait, f"{plural(-wait, 'day')} ago")


def _item(s: dict[str, Any]) -> str:
    return f"{s['title']} ({s['kind']} {s['id']}, phase {s['phase']})"


_WORDS: dict[str, Callable[[dict[str, Any]], str]] = {
    # done
    "no_milestone": lambda s: (
        f"Phase {s['phase']} has no milestone: marking its {s['count']} topics and projects."
    ),
    "noted": lambda s: f"Recorded the {' and '.join(s['what'])} for {s['title']} ({s['id']}).",
    "already": lambda s: (
        f"Already done: {s['title']} ({s['id']}) on {s['on']}"
        + (f" (with its phase's milestone, {s['by']})" if s["by"] else "")
        + "; nothing changed."
    ),
    "done": lambda s: f"Done: {_item(s)} on {s['on']}.",
    "phase_complete": lambda s: f"Phase {s['phase']} is complete.",
    # undo
    "undid": lambda s: f"Undid: {s['what']}.",
    "no_plan": lambda s: "There is no active plan now; `mlpath plan` makes one.",
    # log
    "logged": lambda s: (
        f"Logged {number(s['hours'])} h"
        + (f" to {s['item']}" if s["item"] else "")
        + f" on {s['on']}."
    ),
    "item_left": lambda s: f"{s['id']}: {number(s['left'])} h left of {number(s['effort'])} h.",
    "week": lambda s: (
        f"This week: {number(s['logged'])} h of {number(s['target'])} h planned; "
        f"{number(s['total'])} h in total."
    ),
    # review
    "reviewed": lambda s: f"Reviewed: {s['title']} ({s['id']}) — {s['rating']}, on {s['on']}.",
    "next_review": lambda s: f"Next review: {s['due']} ({_until(s['wait'])}).",
    "due_left": lambda s: (
        f"{s['left']} more review{'s' if s['left'] != 1 else ''} due today."
        if s["left"]
        else "No more reviews due today."
    ),
    # reopen
    "not_done": lambda s: f"Not done: {s['title']} ({s['id']}); nothing changed.",
    "reopened": lambda s: f"Reopened: {_item(s)}.",
    "reopened_with_milestone": lambda s: (
        f"Reopened: {_item(s)}, and with it the phase's milestone {s['milestone']}; "
        f"the phase's other items stay done (on {s['on']})."
    ),
    "phase_open": lambda s: f"Phase {s['phase']} is open again.",
    "open_with_it": lambda s: "Open again with it: " + ", ".join(s["ids"]) + ".",
    "still_done": lambda s: "Still done (ticked on their own): " + ", ".join(s["ids"]) + ".",
    "reopen_undo": lambda s: "`mlpath undo` ticks it again.",
    # replan
    "adopted": lambda s: (
        f"{'Would adopt' if s.get('dry_run') else 'Adopted'} the updated roadmap '{s['roadmap']}'."
    ),
    "chose_hours": lambda s: (
        f"Chose {chosen_hours(s['hours_per_week'])} h/week: the least, in quarter hours, that "
        f"finishes by {s['date']} with the reviews its items will bring."
    ),
    "replan_unchanged": lambda s: (
        f"Your plan is already laid from {s['from']} with these settings; "
        f"nothing changed (finish {s['finish']})."
    ),
    "replanned": lambda s: (
        ("Would replan" if s.get("dry_run") else "Replanned")
        + f" from {s['from']}: {number(s['left'])} h of work left at "
        f"{number(s['hours_per_week'])} h/week ({s['days']})."
    ),
    "catching_up": lambda s: (
        f"Catching up {number(s['deficit'])} h over {plural(s['weeks'], 'week')} "
        + (
            f"(week {s['first_week']})"
            if s["first_week"] == s["last_week"]
            else f"(weeks {s['first_week']}–{s['last_week']})"
        )
        + f": {number(s['hours_per_week'])} h/week from {long_date(s['first'])} to "
        f"{long_date(s['last'])} (+{number(s['extra'])} h), then {number(s['usual'])} h/week "
        "again."
    ),
    "finish_moved": lambda s: (
        f"Finish: {s['old']} → {s['new']} ({_shift(s['shift'])})."
        + ("" if s.get("dry_run") else " `mlpath undo` restores the old plan.")
    ),
    "dry_run": lambda s: "Dry run: nothing saved.",
    # skip
    "skipped_item": lambda s: (
        f"Skipped: {_item(s)}" + (f" — {s['reason']}" if s["reason"] else "") + "."
    ),
    "skip_moved": lambda s: (
        f"{number(s['left'])} h taken out of your plan; finish {s['old']} → {s['new']}. "
        f"`mlpath reopen {s['id']}` or `mlpath undo` brings it back."
    ),
    "brought_back": lambda s: (
        f"Back in your plan: {_item(s)}; finish {s['finish']}. `mlpath undo` skips it again."
    ),
    "vanished": lambda s: (
        f"No longer in the roadmap (progress {'would be ' if s.get('dry_run') else ''}dropped): "
        + ", ".join(s["ids"])
    ),
    # after every change
    "pace": lambda s: (
        f"Pace: {s['label']}" + (" — run `mlpath replan` for a fresh plan" if s["behind"] else "")
    ),
    **TIMER_WORDS,  # the timer's, the habits' and done's reminder (render/method.py)
}


def change_lines(steps: list[Step]) -> list[str]:
    """The lines telling what a change did, one or more per step."""
    return [_WORDS[kind](figures) for kind, figures in steps]
