"""Past days keep their past (PRODUCT.md, third round): what the plan laid on the
days before today is never rewritten by a later skip, catch-up, deadline or
rating; the burndown's past weeks stay as they were.

A learner on `practical` (intermediate) at 14 h/week every day from Mon
2027-01-04, 5 minutes a review, logs 1.5 h a day (behind) and ticks
python-libraries on 01-18; its card is due 01-20 and is reviewed late, on 01-22.
Each action below is taken on 01-25; the plan's days before it, and the planned
line of the burndown's weeks before it, must read the same before and after.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from clirun import Cli
from mlpath.app import actions
from mlpath.app.session import load_active
from mlpath.app.skipping import skip_item
from mlpath.core.dashboard import status_view
from mlpath.store.state import Store
from planstore import START, day, planned_store

TODAY = date(2027, 1, 25)


@pytest.fixture
def store(isolated: Path) -> Store:
    s = planned_store(isolated, review_minutes="5")
    for n in range(21):
        actions.log_time(s, day(n), "1.5", on=None, note=None, item=None)
        if n == 14:
            actions.mark_done(s, day(n), ["python-libraries"], on=None, note=None, evidence=None)
    return s


def past(store: Store, today: date) -> tuple[list[Fraction], list[Fraction], list[Any]]:
    """L(d) and the review time of each day before today, and the burndown's
    planned line for the weeks before this one."""
    active = load_active(store, today)
    sched = active.schedule
    days = [START + timedelta(days=k) for k in range((today - START).days + 1)]
    week = active.progress.week_number
    points = [
        p["planned_remaining"]
        for p in status_view(active.progress)["burndown"]["points"]
        if p["week"] < week
    ]
    return (
        [sched.laid_before(d) for d in days],
        [sched.review_hours_on(d) for d in days[:-1]],
        points,
    )


def test_a_late_rating_leaves_the_past_as_it_was(store: Store) -> None:
    """The card fell due on 01-20 and its review time was laid there; rated on 01-22,
    the plan keeps it on 01-20 (it does not move to 01-22 and re-lay the days
    between)."""
    before = past(store, date(2027, 1, 22))
    actions.record_review(store, date(2027, 1, 22), "python-libraries", "good", on=None)
    assert past(store, date(2027, 1, 22)) == before


@pytest.mark.parametrize("action", ["skip", "catch-up", "deadline"])
def test_skip_catch_up_and_deadline_leave_the_past_as_it_was(store: Store, action: str) -> None:
    before = past(store, TODAY)
    if action == "skip":
        skip_item(store, TODAY, "linear-algebra")
    elif action == "catch-up":
        actions.do_replan(store, TODAY, hours=None, from_=None, days=None, breaks=(), catch_up="4")
    else:
        actions.do_replan(
            store, TODAY, hours=None, from_=None, days=None, breaks=(),
            deadlines=("supervised-baseline=2027-04-01",),
        )  # fmt: skip
    after = past(store, TODAY)
    if action == "skip":
        assert after == before
    else:  # a replan lays from today: the burndown's past weeks keep the old plan's line
        assert after[2] == before[2]


def test_a_replan_leaves_the_weeks_before_it_their_planned_hours(cli: Cli) -> None:
    """practical, intermediate, 14 h/week (2 h a day), no review time, from Mon
    2027-01-04; the learner logs the 2 h every day of weeks 1 and 2, then on Wed 01-20
    replans at 7 h/week (1 h a day). Weeks 1 and 2 were planned at 14 h and met, and
    stay so (a streak of 2); week 3 is planned 2 h on 01-18 and 01-19 by the old plan
    and 1 h on each of 01-20..01-24 by the new one: 9 h."""
    plan = ("plan", "-r", "practical", "-l", "intermediate", "-H", "14")
    got = cli(*plan, "-s", "2027-01-04", "--review-minutes", "0", today="2027-01-04")
    assert got.exit_code == 0, got.output
    for n in range(14):
        assert cli("log", "2", today=(START + timedelta(days=n)).isoformat()).exit_code == 0
    got = cli("replan", "--hours", "7", today="2027-01-20")
    assert got.exit_code == 0, got.output
    study = json.loads(cli("status", "--json", today="2027-01-20").output)["study"]
    weeks = [(w["week"], w["planned"], w["logged"], w["met"]) for w in study["weeks"]]
    assert weeks == [(1, 14, 14, True), (2, 14, 14, True), (3, 9, 0, False)]
    assert study["streak_weeks"] == 2
    assert study["week_target"] == 9
    assert "0 h logged of 9 h planned" in cli("next", today="2027-01-20").output


def test_a_replan_on_a_roadmap_with_habits_keeps_the_past_weeks(cli: Cli) -> None:
    """complete, intermediate, 14 h/week (2 h a day) from Mon 2027-01-04: its daily
    arXiv habit takes 5 min of each day, so week 1 lays 14 h - 35 min of new work
    and the burndown's week 1 ends at 1442.5 - 13 5/12 h left. The learner logs 2 h
    a day and on Wed 01-20 replans (nothing else changes): weeks 1 and 2 keep the
    plan of their time, its habit included."""
    got = cli("plan", "-r", "complete", "-l", "intermediate", "-H", "14", "-s", "2027-01-04",
              today="2027-01-04")  # fmt: skip
    assert got.exit_code == 0, got.output
    for n in range(17):
        assert cli("log", "2", today=(START + timedelta(days=n)).isoformat()).exit_code == 0

    def past() -> tuple[list[Any], list[Any]]:
        view = json.loads(cli("status", "--json", today="2027-01-20").output)
        points = [p["planned_remaining"] for p in view["burndown"]["points"][:3]]
        return points, [w["planned"] for w in view["study"]["weeks"][:2]]

    before = past()
    assert before[0][1] == pytest.approx(1442.5 - 14 + 35 / 60)
    assert before[1][0] == pytest.approx(14 - 35 / 60)
    assert cli("replan", today="2027-01-20").exit_code == 0
    assert past() == before


def test_a_replan_says_the_finish_the_plan_then_has_with_your_review_cap(cli: Cli) -> None:
    """practical, intermediate, 15 h/week on Mondays and Fridays, 30 min a review, a
    review cap of 5 min: five items ticked on Wed 01-06 bring reviews due on days
    without study time, carried 5 min a study day. The finish `replan` announces is
    the one `status` then shows (it was laid with the assumed 30 min cap)."""
    assert cli("config", "set", "review_cap_minutes", "5").exit_code == 0
    got = cli("plan", "-r", "practical", "-l", "intermediate", "-H", "15", "-s", "2027-01-04",
              "--days", "mon,fri", "--review-minutes", "30", today="2027-01-04")  # fmt: skip
    assert got.exit_code == 0, got.output
    ticked = ("python-libraries", "statistics", "linear-algebra", "regression", "classification")
    assert cli("done", *ticked, today="2027-01-06").exit_code == 0
    said = json.loads(cli("replan", "-H", "12", "--json", today="2027-01-20").output)
    shown = json.loads(cli("status", "--json", today="2027-01-20").output)
    assert said["new_finish"] == shown["pace"]["planned_finish"]


@pytest.mark.parametrize("replan", [("--hours", "7"), ("--catch-up", "4")])
def test_planned_to_date_beside_the_total_logged_keeps_the_days_before_a_replan(
    cli: Cli, replan: tuple[str, str]
) -> None:
    """The study line holds the total logged since the start against what the plans
    laid on the days before today, each day's by the plan in force on it. practical,
    intermediate, 14 h/week (2 h a day), no review time, from Mon 2027-01-04; 10 h
    logged by Wed 01-20: 16 days laid 32 h. A replan that day re-lays from today only,
    so the figure stays 32 h that day, and the next day it adds the new plan's day."""
    plan = ("plan", "-r", "practical", "-l", "intermediate", "-H", "14")
    got = cli(*plan, "-s", "2027-01-04", "--review-minutes", "0", today="2027-01-04")
    assert got.exit_code == 0, got.output
    assert cli("log", "10", today="2027-01-12").exit_code == 0

    def study(today: str) -> dict[str, Any]:
        got = cli("status", "--json", today=today)
        assert got.exit_code == 0, got.output
        return json.loads(got.output)["study"]

    assert (study("2027-01-20")["total_logged"], study("2027-01-20")["planned_to_date"]) == (10, 32)
    got = cli("replan", *replan, today="2027-01-20")
    assert got.exit_code == 0, got.output
    assert study("2027-01-20")["planned_to_date"] == 32
    new_day = 1 if replan[0] == "--hours" else None  # the new plan's hours on 01-20
    after = study("2027-01-21")["planned_to_date"]
    if new_day is not None:
        assert after == 32 + new_day
    else:  # a catch-up lays more than the old 2 h a day
        assert after > 34
    assert "32 h planned to date" in cli("status", today="2027-01-20").output
