"""The dashboard's figures as data: burndown series, phase states, milestones, streak.

States are made with the real commands (`plan`, `done`, `log` through the CLI,
MLPATH_TODAY for the date); the expected values are worked out by hand from a
tiny roadmap: 2 phases x 2 weeks x 5 h/week = 20 h, at 5 h/week every day.
"""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clirun import invoke
from mlpath.app.session import load_active
from mlpath.core.dashboard import (
    burndown,
    completed_by,
    completion_dates,
    milestone_rows,
    phase_rows,
    status_view,
    streak,
    weekly_hours,
)
from mlpath.core.progress import Progress
from mlpath.core.views import pace_view
from mlpath.store.state import store_for

# Hand-computed figures below follow PRODUCT.md's model, with no review time
# taken from study days (tests/test_review.py covers plans with reviews).
NO_REVIEWS = ("--review-minutes", "0")


TINY = """\
schema: 1
id: tiny
title: Tiny roadmap
source: {document: "notes.md"}
summary: Two phases of two weeks.
duration: {text: "4 weeks", weeks: {min: 4, max: 4}}
hours_per_week: {value: 5}
phases:
  - number: 1
    id: basics
    title: Basics
    weeks: {min: 2, max: 2, text: "Weeks 1-2"}
    summary: NumPy and pandas.
    topics:
      - {id: numpy, title: NumPy}
      - {id: pandas, title: pandas}
    milestone: {id: basics-done, title: Load and plot a dataset}
  - number: 2
    id: models
    title: Models
    weeks: {min: 2, max: 2, text: "Weeks 3-4"}
    summary: Fit models.
    topics:
      - {id: regression, title: Regression}
    projects:
      - {id: titanic, title: Kaggle Titanic}
    milestone: {id: models-done, title: Ship a model}
"""

START = "2026-01-05"  # a Monday; week N runs Mon..Sun


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return path


def cli(runner: CliRunner, today: str, *args: str) -> str:
    result = invoke(args, today=today)
    assert result.exit_code == 0, (result.output, result.stderr)
    return result.output


def plan(runner: CliRunner, roadmap: Path, *extra: str, today: str = START) -> None:
    cli(runner, today, "plan", "-r", str(roadmap), "-H", "5", "--start", START, *NO_REVIEWS, *extra)


def progress(today: str) -> Progress:
    return load_active(store_for(None), date.fromisoformat(today)).progress


def H(*values: int | None) -> list[Fraction | None]:
    return [None if v is None else Fraction(v) for v in values]


# --- burndown ------------------------------------------------------------------------------


def test_planned_series_is_total_minus_planned_through_each_week_end(
    runner: CliRunner, tiny: Path
) -> None:
    plan(runner, tiny)
    points = burndown(progress(START))
    assert [p.week for p in points] == [0, 1, 2, 3, 4]
    assert [p.through.isoformat() for p in points] == [
        "2026-01-04",
        "2026-01-11",
        "2026-01-18",
        "2026-01-25",
        "2026-02-01",
    ]
    assert [p.planned for p in points] == H(20, 15, 10, 5, 0)
    # Today is the first day: the start point and week 1 have begun, nothing more.
    assert [p.actual for p in points] == H(20, 20, None, None, None)


def test_no_actual_points_before_the_start(runner: CliRunner, tiny: Path) -> None:
    plan(runner, tiny, today="2026-01-01")
    points = burndown(progress("2026-01-01"))
    assert [p.planned for p in points] == H(20, 15, 10, 5, 0)
    assert all(p.actual is None for p in points)


def test_actual_series_counts_items_on_their_done_dates(runner: CliRunner, tiny: Path) -> None:
    plan(runner, tiny)
    cli(runner, "2026-01-09", "done", "numpy")  # week 1: 5 h
    cli(runner, "2026-01-16", "done", "basics-done")  # week 2: the milestone completes phase 1
    prog = progress("2026-01-20")  # week 3
    points = burndown(prog)
    # end of week 0: 20; week 1: 20-5; week 2: 20-10 (pandas comes with the milestone);
    # week 3 has started, nothing more done; week 4 has not started.
    assert [p.actual for p in points] == H(20, 15, 10, 10, None)
    assert [p.planned for p in points] == H(20, 15, 10, 5, 0)
    # The last actual point is exactly what `Progress` (and so `next`) counts as done.
    assert points[3].actual == prog.schedule.total_effort - prog.completed_effort


def test_work_done_before_the_start_lowers_the_first_point(runner: CliRunner, tiny: Path) -> None:
    plan(runner, tiny, today="2026-01-02")
    cli(runner, "2026-01-02", "done", "numpy", "--on", "2026-01-01")
    points = burndown(progress("2026-01-06"))
    assert [p.actual for p in points] == H(15, 15, None, None, None)


def test_item_completed_by_its_own_date_or_its_milestones_whichever_first(
    runner: CliRunner, tiny: Path
) -> None:
    plan(runner, tiny)
    cli(runner, "2026-01-13", "done", "pandas", "--on", "2026-01-07")
    cli(runner, "2026-01-13", "done", "basics-done", "--on", "2026-01-12")
    prog = progress("2026-01-13")
    when = completion_dates(prog)
    assert when["pandas"] == date(2026, 1, 7)  # its own, earlier date
    assert when["numpy"] == date(2026, 1, 12)  # came with the milestone
    assert when["basics-done"] == date(2026, 1, 12)
    assert "regression" not in when
    assert completed_by(prog, date(2026, 1, 11)) == 5
    assert completed_by(prog, date(2026, 1, 12)) == 10


def test_axis_extends_to_today_when_late_and_to_the_finish_when_done(
    runner: CliRunner, tiny: Path
) -> None:
    plan(runner, tiny)
    cli(runner, "2026-01-09", "done", "numpy")
    late = burndown(progress("2026-02-10"))  # week 6 of a 4-week plan
    assert [p.week for p in late] == [0, 1, 2, 3, 4, 5, 6]
    assert [p.planned for p in late] == H(20, 15, 10, 5, 0, 0, 0)
    assert [p.actual for p in late] == H(20, 15, 15, 15, 15, 15, 15)
    cli(runner, "2026-02-20", "done", "1", "2")  # finished in week 7
    done = burndown(progress("2026-03-30"))  # today is long after
    assert [p.week for p in done] == list(range(8))
    assert done[-1].actual == 0 and done[-2].actual == 15


def test_replan_keeps_the_series_consistent_with_the_new_plan(
    runner: CliRunner, tiny: Path
) -> None:
    plan(runner, tiny)
    cli(runner, "2026-01-12", "done", "numpy", "--on", "2026-01-11")
    cli(runner, "2026-01-19", "replan", "--hours", "10")
    prog = progress("2026-01-19")
    points = burndown(prog)
    # Before Mon 19 Jan the original plan was in force: 20 h at 5 h/week (issue 16).
    # Then 15 h left at 10 h/week from Mon 19 Jan: 5 h by the end of week 3, done in week 4.
    assert [p.planned for p in points] == [
        Fraction(20),
        Fraction(15),
        Fraction(10),
        Fraction(5),
        Fraction(0),
    ]
    assert [p.actual for p in points][:4] == H(20, 15, 15, 15)


@pytest.mark.parametrize(
    "roadmap", ["beginner", "intermediate", "job-ready", "complete", "practical"]
)
def test_bundled_plans_burn_down_from_total_to_zero(runner: CliRunner, roadmap: str) -> None:
    cli(runner, START, "plan", "-r", roadmap, "-H", "12", "--start", START, *NO_REVIEWS)
    prog = progress("2026-03-01")
    points = burndown(prog)
    planned = [p.planned for p in points]
    assert planned[0] == prog.schedule.total_effort
    assert planned == sorted(planned, reverse=True)
    assert planned[prog.total_weeks] == 0
    assert len(points) == prog.total_weeks + 1


# --- phases and milestones -----------------------------------------------------------------


def test_phase_states_done_overdue_in_progress_upcoming(runner: CliRunner, tiny: Path) -> None:
    plan(runner, tiny)
    rows = phase_rows(progress("2026-01-05"))
    assert [r.state for r in rows] == ["in-progress", "upcoming"]
    cli(runner, "2026-01-14", "done", "numpy")
    rows = phase_rows(progress("2026-01-20"))  # phase 1 was due Sun 18 Jan
    assert [r.state for r in rows] == ["overdue", "in-progress"]
    assert rows[0].days_overdue == 2
    assert rows[0].completed == 5 and rows[0].effort == 10
    assert rows[0].due == date(2026, 1, 18) and rows[1].start == date(2026, 1, 19)
    cli(runner, "2026-01-21", "done", "basics-done")
    rows = phase_rows(progress("2026-01-21"))
    assert [r.state for r in rows] == ["done", "in-progress"]
    assert rows[0].done_on == date(2026, 1, 21)
    assert rows[0].completed == rows[0].effort == 10


def test_phase_done_item_by_item_takes_its_last_items_date(runner: CliRunner, tiny: Path) -> None:
    plan(runner, tiny)
    cli(runner, "2026-01-10", "done", "numpy", "--on", "2026-01-08")
    cli(runner, "2026-01-10", "done", "pandas", "--on", "2026-01-09")
    cli(runner, "2026-01-10", "done", "basics-done", "--on", "2026-01-07")
    row = phase_rows(progress("2026-01-10"))[0]
    assert row.state == "done"
    assert row.done_on == date(2026, 1, 7)  # its milestone's date wins
    # Without the milestone ticked, the phase is not done yet.
    cli(runner, "2026-01-10", "undo")
    row = phase_rows(progress("2026-01-10"))[0]
    assert row.state == "in-progress" and row.completed == 10


def test_milestone_rows(runner: CliRunner, tiny: Path) -> None:
    plan(runner, tiny)
    cli(runner, "2026-01-25", "done", "basics-done", "--on", "2026-01-20")
    rows = milestone_rows(progress("2026-02-04"))
    assert [(m.id, m.state) for m in rows] == [("basics-done", "done"), ("models-done", "overdue")]
    assert rows[0].done_on == date(2026, 1, 20) and rows[0].days_left is None
    assert rows[1].due == date(2026, 2, 1) and rows[1].days_left == -3
    assert rows[1].is_next and not rows[0].is_next
    rows = milestone_rows(progress("2026-01-25"))
    assert rows[1].state == "due" and rows[1].days_left == 7


def test_a_phase_skipped_at_the_level_is_left_out(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "skip.yaml"
    path.write_text(
        TINY
        + "level_overrides:\n"
        + '  - {level: advanced, phases: [1], action: skip, source: "Skip the basics."}\n',
        encoding="utf-8",
    )
    cli(
        runner,
        START,
        "plan",
        "-r",
        str(path),
        "-l",
        "advanced",
        "-H",
        "5",
        "--start",
        START,
        *NO_REVIEWS,
    )
    prog = progress("2026-01-08")
    assert [p.planned for p in burndown(prog)] == H(10, 5, 0)
    assert [(r.state, r.effort) for r in phase_rows(prog)] == [("skipped", 0), ("in-progress", 10)]
    assert [m.id for m in milestone_rows(prog)] == ["models-done"]
    view = status_view(prog)
    assert [(p["percent"], p["ratio"]) for p in view["phases"]] == [(0.0, 0.0), (0.0, 0.0)]
    from mlpath.render.status import build_lines

    text = "\n".join(line.plain for line in build_lines(view, 80))
    assert "skipped at this level" in text


# --- study time ------------------------------------------------------------------------------


def test_weekly_hours_and_streak(runner: CliRunner, tiny: Path) -> None:
    plan(runner, tiny)
    cli(runner, "2026-01-11", "log", "5", "--on", "2026-01-07")  # week 1: 5 of 5
    cli(runner, "2026-01-14", "log", "2")  # week 2: 2 of 5
    cli(runner, "2026-01-22", "log", "3", "--on", "2026-01-19")  # week 3: 3 ...
    cli(runner, "2026-01-22", "log", "2.5")  # ... + 2.5 = 5.5 of 5
    prog = progress("2026-01-27")  # week 4, nothing logged yet
    weeks = weekly_hours(prog)
    assert [(w.week, w.planned, w.logged) for w in weeks] == [
        (1, 5, 5),
        (2, 5, 2),
        (3, 5, Fraction(11, 2)),
        (4, 5, 0),
    ]
    # Week 4 is not over: it does not break the streak; week 2 does.
    assert streak(prog) == 1
    cli(runner, "2026-01-28", "log", "5")  # the current week meets its target: it counts
    assert streak(progress("2026-01-28")) == 2
    cli(runner, "2026-01-28", "log", "3", "--on", "2026-01-13")  # week 2 now 5 of 5
    assert streak(progress("2026-01-28")) == 4


def test_break_weeks_neither_break_nor_extend_the_streak(runner: CliRunner, tiny: Path) -> None:
    plan(runner, tiny, "--break", "2026-01-12:2026-01-18")
    prog = progress("2026-01-05")
    assert [wk.hours for wk in prog.schedule.weeks][:3] == [5, 0, 5]
    cli(runner, "2026-01-11", "log", "5")
    cli(runner, "2026-01-25", "log", "6")
    prog = progress("2026-01-27")  # week 4 under way
    assert [w.met for w in weekly_hours(prog)] == [True, None, True, False]
    assert streak(prog) == 2


def test_no_streak_before_the_start(runner: CliRunner, tiny: Path) -> None:
    plan(runner, tiny, today="2026-01-01")
    prog = progress("2026-01-01")
    assert weekly_hours(prog) == []
    assert streak(prog) == 0


# --- the view ----------------------------------------------------------------------------------


def test_status_view_agrees_with_progress_and_next(runner: CliRunner, tiny: Path) -> None:
    plan(runner, tiny)
    cli(runner, "2026-01-09", "done", "numpy")
    cli(runner, "2026-01-10", "log", "4")
    prog = progress("2026-01-16")
    view = status_view(prog)
    json.dumps(view)  # JSON-able as it is
    assert view["pace"] == pace_view(prog)
    # numpy (5 h) done on 01-09; the 4 h logged on 01-10 go to pandas, the first
    # item unfinished that day: credited 5 + 4 = 9 h, remaining 20 - 9 = 11 h.
    assert view["overall"] == {
        "completed_hours": 5,
        "credited_hours": 9,
        "total_hours": 20,
        "remaining_hours": 11,
        "percent": 25.0,
        "ratio": 0.25,
    }
    assert view["plan"]["week"] == {
        "number": 2,
        "of": 4,
        "start": "2026-01-12",
        "end": "2026-01-18",
    }
    assert [p["planned_remaining"] for p in view["burndown"]["points"]] == [20, 15, 10, 5, 0]
    # numpy done 01-09 and 4 h logged 01-10, both in week 1 (01-05..01-11): 20 - 9 = 11
    assert [p["actual_remaining"] for p in view["burndown"]["points"]] == [20, 11, 11, None, None]
    study = view["study"]
    assert (study["week_logged"], study["week_target"], study["total_logged"]) == (0, 5, 4)
    assert study["streak_weeks"] == 0
    nxt = json.loads(cli(runner, "2026-01-16", "next", "--json"))
    assert nxt["pace"] == view["pace"]
    assert nxt["hours"]["week_target"] == study["week_target"]


def test_percent_never_rounds_up_to_complete(runner: CliRunner, tiny: Path) -> None:
    from mlpath.core.dashboard import percent

    assert percent(Fraction(1999, 100), Fraction(20)) == 99.9
    assert percent(Fraction(19999, 1000), Fraction(20)) == 99.9
    assert percent(Fraction(20), Fraction(20)) == 100.0
    assert percent(Fraction(0), Fraction(20)) == 0.0


def test_the_burndown_counts_logged_time_as_pace_does(runner: CliRunner, tiny: Path) -> None:
    """3 h logged on 01-06 (week 1) go to numpy (5 h): 17 h remain at the end of
    week 1. In week 2, 4 h more (2 to numpy, capped at 5, then 2 to pandas) and
    numpy ticked on 01-14: 20 - 5 - 2 = 13 h remain at the end of week 2."""
    plan(runner, tiny)
    cli(runner, "2026-01-06", "log", "3")
    cli(runner, "2026-01-13", "log", "4")
    cli(runner, "2026-01-14", "done", "numpy")
    points = burndown(progress("2026-01-19"))
    assert [p.actual for p in points] == H(20, 17, 13, 13, None)
    assert [p.planned for p in points] == H(20, 15, 10, 5, 0)
