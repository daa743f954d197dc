"""Daily use: `next`, `done`, `undo`, `log`, `replan`, with a fixed today.

Every figure below is worked out by hand in a comment from the plan's numbers,
never read back from mlpath. The bundled `practical` roadmap at the
intermediate level (its 26 weeks), 15 h/week, every day, from Monday
2027-01-04 is the usual plan:

- daily capacity 15/7 h; phases 6, 8, 6, 6 weeks x 15 h = 90, 120, 90, 90 h
  (390 h, 182 days: finish 2027-07-04, 26 weeks);
- phase 1's three topics are 30 h each (14 days of work each);
- phase 2's milestone `supervised-baseline` is due when 210 h are laid:
  day 98, 2027-04-11;
- L(d), the effort laid on the days before day d, is 15/7 h x (d - 2027-01-04)
  in days: 30 h on 2027-01-18, 60 h on 02-01, 90 h on 02-15.

Pace (PRODUCT.md): C = credited effort; on track while L(today) - 15 min <= C
<= L(today + 1); behind by today - (the latest d with L(d) <= C); ahead by (the
earliest d with L(d) >= C) - (today + 1). Calendar days.

Terminal output is checked on key phrases only; figures are checked on --json.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clirun import invoke
from mlpath.core import ledger as sm
from mlpath.core.progress import Progress, compute
from mlpath.core.schedule import Settings, build
from mlpath.store.catalog import resolve as load_roadmap

# Hand-computed figures below follow PRODUCT.md's model, with no review time
# taken from study days (tests/test_review.py covers plans with reviews).
NO_REVIEWS = ("--review-minutes", "0")

START = "2027-01-04"  # a Monday
CHANGED = "has changed since this plan was made"

# The real Typer app, turned into its click command once for the whole module.


def cli(runner: CliRunner, *args: str, today: str) -> Any:
    return invoke(args, today=today)


def ok(runner: CliRunner, *args: str, today: str) -> Any:
    r = cli(runner, *args, today=today)
    assert r.exit_code == 0, (args, r.stdout, r.stderr)
    return r


def as_json(runner: CliRunner, *args: str, today: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(runner, *args, "--json", today=today).stdout)
    return data


def nxt(runner: CliRunner, today: str) -> dict[str, Any]:
    return as_json(runner, "next", today=today)


def signed(pace: dict[str, Any]) -> int:
    """The pace as one number: +N ahead, -N behind, 0 on track."""
    return {"ahead": 1, "behind": -1}.get(pace["status"], 0) * pace["days"]


def plan_practical(runner: CliRunner, today: str = START) -> None:
    ok(runner, "plan", "-r", "practical", "-l", "intermediate", "-H", "15", "--start", START,
       *NO_REVIEWS, today=today)  # fmt: skip


def weekly_roadmap(rid: str, weeks: int, *, names: tuple[str, ...] = ("a", "b")) -> str:
    """A user roadmap: `weeks` phases of one week at 7 h/week, each with topics
    w<N>-<name> and a milestone m<N>."""
    lines = [
        "schema: 1",
        f"id: {rid}",
        f"title: {rid} roadmap",
        "source: {document: written for the tests}",
        "summary: One week per phase.",
        f"duration: {{text: {weeks} weeks}}",
        "hours_per_week: {value: 7}",
        "phases:",
    ]
    for n in range(1, weeks + 1):
        lines += [
            f"  - number: {n}",
            f"    id: week-{n}",
            f"    title: Week {n} work",
            "    weeks: {min: 1, max: 1}",
            f"    summary: Phase {n}.",
            "    topics:",
            *(f"      - {{id: w{n}-{x}, title: Topic {x.upper()} of week {n}}}" for x in names),
            f"    milestone: {{id: m{n}, title: Checkpoint {n}}}",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def roadmaps_dir(isolated: Path) -> Path:
    folder = isolated.parent / "config" / "roadmaps"
    folder.mkdir(parents=True)
    return folder


# --- no plan -----------------------------------------------------------------------------


def test_next_without_a_plan_says_how_to_make_one(runner: CliRunner) -> None:
    for args in (["next"], ["done", "statistics"], ["log", "1"], ["replan"]):
        r = cli(runner, *args, today=START)
        assert r.exit_code == 1, args
        assert r.stderr == (
            "Error: There is no active plan yet. Make one with `mlpath plan` "
            "(see `mlpath plan --help`).\n"
        )
        assert r.stdout == ""
    r = cli(runner, "next", "--json", today=START)  # with --json, the error is JSON too
    assert r.exit_code == 1 and r.stdout == ""
    assert json.loads(r.stderr) == {
        "error": "There is no active plan yet.",
        "hint": "Make one with `mlpath plan` (see `mlpath plan --help`).",
        "exit": 1,
    }
    r = cli(runner, "undo", today=START)
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: There is nothing to undo. Undo reverts done, log, review, reopen, notes, "
        "skip, did, the timer, replan and plan.\n"
    )


# --- pace scenarios ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "status", "days", "phrase"),
    [
        # 2027-01-18 is 14 days in: L(today) = 30 h, L(tomorrow) = 30 + 15/7 h.
        # on track: python-libraries (30 h) done -> C = 30 = L(today).
        (["python-libraries"], "on-track", 0, "Pace on track"),
        # ahead: two topics, C = 60 h = L(02-01) -> 02-01 - 01-19 = 13 days.
        (["python-libraries", "statistics"], "ahead", 13, "ahead by 13 days"),
        # behind: nothing done, C = 0 = L(01-04) -> 01-18 - 01-04 = 14 days.
        ([], "behind", 14, "behind by 14 days — run `mlpath replan`"),
    ],
)
def test_pace(runner: CliRunner, done: list[str], status: str, days: int, phrase: str) -> None:
    plan_practical(runner)
    for item in done:
        ok(runner, "done", item, "--on", "2027-01-10", today="2027-01-18")
    view = nxt(runner, "2027-01-18")
    assert view["today"] == "2027-01-18"
    assert view["week"] == {"number": 3, "of": 26, "start": "2027-01-18", "end": "2027-01-24"}
    assert view["pace"]["status"] == status
    assert view["pace"]["days"] == days
    assert view["pace"]["planned_hours_to_date"] == 30
    assert view["pace"]["completed_hours"] == 30 * len(done)
    assert view["pace"]["planned_finish"] == "2027-07-04"
    text = ok(runner, "next", today="2027-01-18").stdout
    assert "Week 3 of 26" in text
    assert phrase in text
    assert "Monday 18 January 2027" in text


def test_behind_by_one_day_on_day_two(runner: CliRunner) -> None:
    """2027-01-05: planned 15/7 h (one day's capacity), nothing done -> behind by 1 day."""
    plan_practical(runner)
    assert signed(nxt(runner, "2027-01-04")["pace"]) == 0
    view = nxt(runner, "2027-01-05")
    assert (view["pace"]["status"], view["pace"]["days"]) == ("behind", 1)
    assert "behind by 1 day " in ok(runner, "next", today="2027-01-05").stdout


def test_logged_hours_are_credited_to_the_current_item(runner: CliRunner) -> None:
    """20 h logged on 01-15 and 3 h today go to python-libraries (30 h), the first
    unfinished item: C = 23 h. L(01-14) = 10 x 15/7 = 150/7 h <= 23 < L(01-15) =
    165/7 h, so behind by 01-18 - 01-14 = 4 days (not 14: the time counts)."""
    plan_practical(runner)
    ok(runner, "log", "20", "--on", "2027-01-15", today="2027-01-18")
    ok(runner, "log", "3h", today="2027-01-18")
    view = nxt(runner, "2027-01-18")
    assert signed(view["pace"]) == -4
    assert view["pace"]["completed_hours"] == 0
    assert view["pace"]["credited_hours"] == 23
    assert [(it["id"], it["hours_left"]) for it in view["now"]][:1] == [("python-libraries", 7)]
    assert (
        "python-libraries · topic · phase 1 · 7 h left"
        in ok(runner, "next", today="2027-01-18").stdout
    )
    # Week 3 is 2027-01-18..24: only today's 3 h count; its target is 7 x 15/7 = 15 h.
    assert view["hours"]["week_logged"] == 3
    assert view["hours"]["week_target"] == 15
    assert view["hours"]["total_logged"] == 23


def test_overdue_milestone(runner: CliRunner) -> None:
    """2027-04-20 is day 106 (week 16). Phase 1 done (90 h); planned 106 x 15/7 =
    1590/7 h -> (90 - 1590/7) / (15/7) = (630 - 1590) / 15 = -64 days. The
    milestone due 2027-04-11 is 9 days overdue."""
    plan_practical(runner)
    ok(runner, "done", "1", "--on", "2027-03-01", today="2027-04-20")
    view = nxt(runner, "2027-04-20")
    assert view["week"]["number"] == 16
    assert view["next_milestone"] == {
        "id": "supervised-baseline",
        "title": "Clean a dataset, train and compare three model types, explain the choice",
        "phase": 2,
        "due": "2027-04-11",
        "days_left": -9,
        "overdue": True,
    }
    assert (view["pace"]["status"], view["pace"]["days"]) == ("behind", 64)
    assert [it["id"] for it in view["now"]][:1] == ["regression"]
    text = ok(runner, "next", today="2027-04-20").stdout
    assert "overdue by 9 days" in text
    assert "behind by 64 days" in text
    due_today = nxt(runner, "2027-04-11")["next_milestone"]
    assert (due_today["days_left"], due_today["overdue"]) == (0, False)
    assert "due today" in ok(runner, "next", today="2027-04-11").stdout


def test_before_start_counts_down(runner: CliRunner) -> None:
    plan_practical(runner, today="2027-01-01")
    view = nxt(runner, "2027-01-01")
    assert view["before_start"] is True
    assert view["days_to_start"] == 3
    # The week shown is the plan's first one, with its target (7 x 15/7 h).
    assert view["week"] == {"number": 1, "of": 26, "start": "2027-01-04", "end": "2027-01-10"}
    assert view["hours"]["week_target"] == 15
    assert view["pace"]["status"] == "not-started"
    assert view["now"][0]["id"] == "python-libraries"
    assert view["next_milestone"]["days_left"] == 100  # 2027-04-11 - 2027-01-01
    text = ok(runner, "next", today="2027-01-01").stdout
    assert "starts in 3 days" in text
    assert "Week 1 of" not in text
    # A head start before day one is ahead: L reaches 30 h on 01-18, and
    # 01-18 - 01-03 (tomorrow) = 15 days.
    ok(runner, "done", "python-libraries", today="2027-01-01")
    assert signed(nxt(runner, "2027-01-02")["pace"]) == 15
    # One day before the start, one day to go.
    assert "starts in 1 day," in ok(runner, "next", today="2027-01-03").stdout


def test_all_done_congratulates_with_totals(runner: CliRunner) -> None:
    plan_practical(runner)
    ok(runner, "log", "1h30", today="2027-01-05")
    ok(runner, "log", "90m", today="2027-06-29")
    done = as_json(runner, "done", "1", "2", "3", "4", today="2027-06-30")
    assert done["pace"]["status"] == "finished"
    assert "Pace: finished" in ok(runner, "done", "p4", today="2027-06-30").stdout
    view = nxt(runner, "2027-07-02")
    assert view["finished"] is True
    assert view["now"] == []
    assert view["next_milestone"] is None
    assert view["pace"]["status"] == "finished"
    assert view["finished_on"] == "2027-06-30"
    # 3 + 5 + 4 + 5 items (topics, projects, milestones of phases 1-4)
    assert view["items"] == {"done": 17, "total": 17}
    assert view["hours"]["completed"] == 390
    assert view["hours"]["total_logged"] == 3
    text = ok(runner, "next", today="2027-07-02").stdout
    assert "Congratulations" in text
    assert "390 h" in text
    r = cli(runner, "replan", today="2027-07-02")
    assert r.exit_code == 1
    assert r.stderr == "Error: Everything in your plan is done; there is nothing to replan.\n"


# --- replan ------------------------------------------------------------------------------


def test_replan_after_falling_behind(runner: CliRunner, isolated: Path) -> None:
    """python-libraries done (30 h). 2027-02-15 is day 42: planned 42 x 15/7 = 90 h,
    behind (30 - 90) / (15/7) = 28 days. Replan lays the other 360 h from today at
    15/7 h/day: 168 days, the last 2027-08-01 (week 30: 209 days after the start).
    Milestone supervised-baseline then needs 60 + 120 = 180 h: 84 days -> 2027-05-09."""
    plan_practical(runner)
    ok(runner, "done", "python-libraries", "--on", "2027-01-10", today="2027-01-20")
    before = nxt(runner, "2027-02-15")
    assert (before["pace"]["status"], before["pace"]["days"]) == ("behind", 28)
    text = ok(runner, "replan", today="2027-02-15").stdout
    assert "Finish: 2027-07-04 → 2027-08-01 (28 days later)" in text
    assert "360 h of work left at 15 h/week" in text
    assert "Pace: on track" in text
    view = nxt(runner, "2027-02-15")
    assert view["pace"]["status"] == "on-track"
    assert view["pace"]["days"] == 0
    assert view["pace"]["planned_finish"] == "2027-08-01"
    assert view["week"] == {"number": 7, "of": 30, "start": "2027-02-15", "end": "2027-02-21"}
    assert view["now"][0]["id"] == "statistics"
    assert view["next_milestone"]["due"] == "2027-05-09"
    again = ok(runner, "done", "python-libraries", today="2027-02-15").stdout
    assert "Already done: Python libraries (python-libraries) on 2027-01-10" in again
    # The next day, one day's work is due again: behind by 1 day.
    assert signed(nxt(runner, "2027-02-16")["pace"]) == -1
    # Replanning again the same day with the same settings changes nothing.
    state = (isolated / "state.json").read_bytes()
    same = as_json(runner, "replan", today="2027-02-15")
    assert same["changed"] is False
    assert (isolated / "state.json").read_bytes() == state


def test_replan_with_new_hours_and_from(runner: CliRunner) -> None:
    """Nothing done; replan from Monday 2027-01-25 at 21 h/week (3 h/day): 390 h ->
    130 days from 2027-01-25, the last 2027-06-03. Until then nothing is due: the
    pace stays on track (not 'not started': the plan began on 2027-01-04)."""
    plan_practical(runner)
    view = as_json(runner, "replan", "--hours", "21", "--from", "2027-01-25", today="2027-01-20")
    assert (view["old_finish"], view["new_finish"]) == ("2027-07-04", "2027-06-03")
    assert view["from"] == "2027-01-25"
    assert view["pace"]["status"] == "on-track"
    assert nxt(runner, "2027-01-22")["pace"]["status"] == "on-track"
    # 2027-01-27: two days of 3 h due -> behind by 2 days.
    assert signed(nxt(runner, "2027-01-27")["pace"]) == -2


# --- undo --------------------------------------------------------------------------------


def test_undo_each_kind_of_change(runner: CliRunner) -> None:
    today = "2027-01-18"
    plan_practical(runner)
    ok(runner, "done", "statistics", today=today)
    ok(runner, "log", "2.5", today=today)
    ok(runner, "replan", "--hours", "10", today=today)
    assert nxt(runner, today)["pace"]["planned_finish"] != "2027-07-04"

    # replan: the old plan (15 h/week, finish 2027-07-04) is back.
    r = ok(runner, "undo", today=today).stdout
    assert "Undid: replan from 2027-01-18 at 10 h/week." in r
    view = nxt(runner, today)
    assert view["pace"]["planned_finish"] == "2027-07-04"
    # statistics (30 h, ticked today) + the 2.5 h logged today, credited to
    # python-libraries: C = 32.5 h > L(01-19) = 225/7 h. L(d) >= 32.5 h from day
    # 16 (240/7 h), 01-20: ahead by 01-20 - 01-19 = 1 day.
    assert signed(view["pace"]) == 1

    # log
    r = ok(runner, "undo", today=today).stdout
    assert "Undid: log 2.5 h on 2027-01-18." in r
    assert nxt(runner, today)["hours"]["total_logged"] == 0

    # done
    undid = as_json(runner, "undo", today=today)
    assert undid["undid"]["type"] == "done"
    assert undid["undid"]["what"] == "done statistics (on 2027-01-18)"
    assert (undid["pace"]["status"], undid["pace"]["days"]) == ("behind", 14)
    assert "statistics" in [it["id"] for it in nxt(runner, today)["now"]]

    # plan: a plan that replaced one with progress gives the old one back.
    ok(runner, "done", "python-libraries", today=today)
    ok(runner, "plan", "-r", "beginner", "--force", today=today)
    assert nxt(runner, today)["roadmap"] == "beginner"
    r = ok(runner, "undo", today=today).stdout
    assert "Undid: plan beginner (beginner, 10 h/week from 2027-01-18)." in r
    view = nxt(runner, today)
    assert view["roadmap"] == "practical"
    assert view["pace"]["completed_hours"] == 30  # python-libraries is still done

    # ...back to the very first plan, and then nothing.
    ok(runner, "undo", today=today)  # the done
    r = ok(runner, "undo", today=today).stdout
    assert "Undid: plan practical (intermediate, 15 h/week from 2027-01-04)." in r
    assert "There is no active plan now; `mlpath plan` makes one." in r
    assert cli(runner, "next", today=today).exit_code == 1
    last = cli(runner, "undo", today=today)
    assert last.exit_code == 1
    assert "There is nothing to undo." in last.stderr


# --- log ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1.5", "90m", "1h30", "1h 30m", "1:30", " 1.50 ", "1h30m"])
def test_log_reads_durations(runner: CliRunner, isolated: Path, text: str) -> None:
    plan_practical(runner)
    view = as_json(runner, "log", text, today="2027-01-06")
    assert view["logged"] == {"hours": 1.5, "on": "2027-01-06", "note": None}
    assert view["hours"]["week_logged"] == 1.5
    events = json.loads((isolated / "state.json").read_text())["events"]
    assert events[-1]["hours"] == "1.5"


@pytest.mark.parametrize(
    ("text", "hours"), [("2h", 2), ("45m", 0.75), ("24", 24), ("0.25", 0.25), ("2:05", 125 / 60)]
)
def test_log_exact_hours(runner: CliRunner, text: str, hours: float) -> None:
    plan_practical(runner)
    assert as_json(runner, "log", text, today="2027-01-06")["logged"]["hours"] == hours


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "Hours must be more than zero, not '0'."),
        ("0m", "Hours must be more than zero, not '0m'."),
        (
            "-1",
            "Hours must be more than zero, not '-1'. Log the time you studied, like 1.5, "
            "90m or 1h30; `mlpath undo` removes a wrong entry.",
        ),
        (
            "-90m",
            "Hours must be more than zero, not '-90m'. Log the time you studied, like 1.5, "
            "90m or 1h30; `mlpath undo` removes a wrong entry.",
        ),
        ("abc", "Cannot read 'abc' as hours. Use a number of hours like 1.5, or 90m, or 1h30."),
        (
            "1:75",
            "Cannot read '1:75' as hours: minutes must be below 60. Write 2:15 rather than 1:75.",
        ),
        (
            "25",
            "25 is more hours than fit (24 at most). "
            "Check the number; split long sessions over several days.",
        ),
    ],
)
def test_log_refuses(runner: CliRunner, isolated: Path, text: str, message: str) -> None:
    plan_practical(runner)
    before = (isolated / "state.json").read_bytes()
    r = cli(runner, "log", text, today="2027-01-06")
    assert r.exit_code == 2
    assert r.stderr == f"Error: {message}\n"
    assert (isolated / "state.json").read_bytes() == before


def test_log_at_most_24_hours_a_day(runner: CliRunner, isolated: Path) -> None:
    plan_practical(runner)
    ok(runner, "log", "20", today="2027-01-06")
    before = (isolated / "state.json").read_bytes()
    r = cli(runner, "log", "4h30", today="2027-01-06")
    assert r.exit_code == 2
    assert r.stderr == (
        "Error: That would make 24.5 h on 2027-01-06, more than a day holds. "
        "Check the number, or log it on another day with --on.\n"
    )
    assert (isolated / "state.json").read_bytes() == before
    ok(runner, "log", "4h30", "--on", "yesterday", "--note", "catching up", today="2027-01-06")
    ok(runner, "log", "4", today="2027-01-06")  # exactly 24 h is allowed
    future = cli(runner, "log", "1", "--on", "2027-01-07", today="2027-01-06")
    assert future.exit_code == 2
    assert "2027-01-07 is in the future." in future.stderr
    events = json.loads((isolated / "state.json").read_text())["events"]
    assert [(e["on"], e["hours"], e.get("note")) for e in events if e["type"] == "log"] == [
        ("2027-01-06", "20", None),
        ("2027-01-05", "4.5", "catching up"),
        ("2027-01-06", "4", None),
    ]


# --- the roadmap changed under the plan ----------------------------------------------------


def test_roadmap_changed_under_a_plan(runner: CliRunner, roadmaps_dir: Path) -> None:
    """A user roadmap by id: plan, tick w1-a and w1-b, then the file is edited (w1-b
    removed, w1-c added). Every command warns once on stderr; replan adopts it."""
    f = roadmaps_dir / "mine.yaml"
    f.write_text(weekly_roadmap("mine", 2), encoding="utf-8")
    today = "2027-01-06"
    ok(runner, "plan", "-r", "mine", "-H", "7", "--start", START, today=today)
    ok(runner, "done", "w1-a", "w1-b", today=today)
    assert ok(runner, "next", today=today).stderr == ""
    f.write_text(weekly_roadmap("mine", 2, names=("a", "c")), encoding="utf-8")

    for args in (["next"], ["next", "--json"], ["log", "1"], ["undo"], ["done", "w2-a"]):
        r = ok(runner, *args, today=today)
        assert r.stderr.count(CHANGED) == 1, args
        said = (
            "The roadmap 'mine' has changed since this plan was made; run "
            "`mlpath replan` to adopt it (progress on items that still exist is kept)."
        )
        if "--json" in args:  # one JSON object a line, as errors are
            assert [json.loads(line) for line in r.stderr.splitlines()] == [{"warning": said}]
        else:
            assert r.stderr == f"Warning: {said}\n"
    r = ok(runner, "replan", "--json", today=today)
    assert CHANGED not in r.stderr
    view = json.loads(r.stdout)
    assert view["vanished"] == ["w1-b"]
    text = ok(runner, "undo", today=today)
    assert CHANGED in text.stderr  # undoing the replan brings the old hash back
    text = ok(runner, "replan", today=today).stdout
    assert "Adopted the updated roadmap 'mine'." in text
    assert "No longer in the roadmap (progress dropped): w1-b" in text

    after = ok(runner, "next", "--json", today=today)
    assert after.stderr == ""
    view = json.loads(after.stdout)
    ids = [it["id"] for it in view["now"]]
    assert ids[0] == "w1-c"  # the new topic is to do; w1-a kept its progress
    assert "w1-a" not in ids and "w2-a" not in ids
    # Kept: w1-a (3.5 h) and w2-a (3.5 h), credited at the replan; nothing due since.
    assert view["pace"]["completed_hours"] == 7
    assert view["pace"]["status"] == "on-track"
    assert "Already done" in ok(runner, "done", "w1-a", today=today).stdout


def test_a_dry_run_replan_says_what_it_would_adopt(
    runner: CliRunner, roadmaps_dir: Path, isolated: Path
) -> None:
    """The same edit (w1-b removed): `replan --dry-run` adopts nothing and drops no
    progress, so it says both in the conditional."""
    f = roadmaps_dir / "mine.yaml"
    f.write_text(weekly_roadmap("mine", 2), encoding="utf-8")
    today = "2027-01-06"
    ok(runner, "plan", "-r", "mine", "-H", "7", "--start", START, today=today)
    ok(runner, "done", "w1-a", "w1-b", today=today)
    f.write_text(weekly_roadmap("mine", 2, names=("a", "c")), encoding="utf-8")
    before = (isolated / "state.json").read_bytes()
    text = ok(runner, "replan", "--dry-run", today=today).stdout
    assert "Would adopt the updated roadmap 'mine'." in text and "Adopted" not in text
    assert "No longer in the roadmap (progress would be dropped): w1-b" in text
    assert (isolated / "state.json").read_bytes() == before


def test_roadmap_file_by_path_changed(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "elsewhere" / "course.yaml"
    f.parent.mkdir()
    f.write_text(weekly_roadmap("course", 3), encoding="utf-8")
    ok(runner, "plan", "-r", str(f), "-H", "7", "--start", START, today=START)
    assert ok(runner, "next", today=START).stderr == ""
    f.write_text(weekly_roadmap("course", 4), encoding="utf-8")  # a fourth week added
    r = ok(runner, "next", "--json", today=START)
    assert r.stderr.count(CHANGED) == 1
    # the plan keeps the version it was laid from (kept beside the state) until a replan
    # adopts the edit: past days keep their past, and every machine lays the same plan
    assert json.loads(r.stdout)["week"]["of"] == 3
    said = " ".join(cli(runner, "doctor", today=START).stdout.split())  # as read, unwrapped
    assert "keeps the version it was laid from" in said and "is gone" not in said
    rp = as_json(runner, "replan", today=START)
    assert (rp["new_finish"], rp["vanished"]) == ("2027-01-31", [])
    # the old finish is the one planned on the old roadmap: 3 weeks of 7 h at 7 h/week
    # from Mon 2027-01-04 end on Sun 2027-01-24 (re-derived from the new one: Jan 31)
    assert rp["old_finish"] == "2027-01-24"
    adopted = ok(runner, "next", "--json", today=START)
    assert adopted.stderr == "" and json.loads(adopted.stdout)["week"]["of"] == 4


# --- the pure core with `today` passed in ----------------------------------------------------


def practical_progress(done: dict[str, str], today: date) -> Progress:
    settings = Settings("intermediate", Fraction(15), date(2027, 1, 4))
    roadmap = load_roadmap("practical")
    record = sm.plan_record(
        roadmap_id="practical", roadmap_hash=roadmap.content_hash, roadmap_path=None,
        settings=settings,
    )  # fmt: skip
    events = [
        {"seq": 1, "id": "0" * 16, "at": "2027-01-04T08:00:00Z", "type": "plan", "plan": record}
    ]
    for i, (item, on) in enumerate(done.items(), start=2):
        events.append(
            {"seq": i, "id": f"{i:016x}", "at": f"{on}T20:00:00Z", "type": "done", "item": item,
             "on": on}
        )  # fmt: skip
    return compute(build(roadmap, settings), sm.fold(events), today)


def test_pure_pace_and_projection() -> None:
    # Behind: 14 days in, nothing done: planned exactly 30 h; no speed, no projection.
    p = practical_progress({}, date(2027, 1, 18))
    assert (p.pace.planned_to_date, p.pace.completed, p.pace.days) == (30, 0, -14)
    assert p.projected_finish is None
    # On track: 30 h of 30 h -> speed 1 -> the planned finish.
    p = practical_progress({"python-libraries": "2027-01-10"}, date(2027, 1, 18))
    assert p.pace.days == 0
    assert p.projected_finish == date(2027, 7, 4)
    # Ahead: 60 h of 30 h -> speed 2: the other 330 h take 165 h of calendar,
    # i.e. 77 days of 15/7 h from 2027-01-18 -> 2027-04-04. L reaches 60 h on
    # 02-01: ahead by 02-01 - 01-19 = 13 days.
    p = practical_progress(
        {"python-libraries": "2027-01-10", "statistics": "2027-01-17"}, date(2027, 1, 18)
    )
    assert p.pace.days == 13
    assert p.projected_finish == date(2027, 4, 4)
    # Day one: nothing is due before today -> on track, and the plan is the projection.
    p = practical_progress({}, date(2027, 1, 4))
    assert (p.pace.status, p.pace.days, p.pace.planned_to_date) == ("on-track", 0, 0)
    assert p.projected_finish == date(2027, 7, 4)
    # Before the start with a head start: L reaches 30 h on 01-18, 14 days after
    # tomorrow (01-04); the finish moves 14 days earlier.
    p = practical_progress({"python-libraries": "2027-01-02"}, date(2027, 1, 3))
    assert (p.pace.status, p.pace.days) == ("ahead", 14)
    assert p.projected_finish == date(2027, 6, 20)


def test_projection_past_the_planned_finish_keeps_slipping() -> None:
    """Stalled after 30 h: on 2027-09-01 the planned 390 h plus the 58 days since the
    finish (2027-07-05..08-31, 870/7 h) make 3600/7 h of elapsed capacity; speed
    30 / (3600/7) = 7/120; the other 360 h take 360 x 120/7 h = 2880 days of 15/7 h,
    counted from today. Pace: L(d) <= 30 h up to 2027-01-18, so behind by
    2027-09-01 - 2027-01-18 = 226 calendar days."""
    p = practical_progress({"python-libraries": "2027-01-10"}, date(2027, 9, 1))
    assert p.pace.days == -226
    assert p.projected_finish == date(2027, 9, 1) + timedelta(days=2880 - 1)
    later = practical_progress({"python-libraries": "2027-01-10"}, date(2028, 1, 1))
    assert later.projected_finish is not None and p.projected_finish is not None
    assert later.projected_finish > p.projected_finish > date(2027, 9, 1)


# --- the "Done when" story ------------------------------------------------------------------


def test_a_learner_over_three_weeks(runner: CliRunner, roadmaps_dir: Path) -> None:
    """Plan on Monday 2027-01-04: four one-week phases of 7 h (two 3.5 h topics and a
    milestone each) at 7 h/week, every day: 1 h a day, 28 h, finish 2027-01-31.
    L(day n) = n h. Each morning: on track while n - 0.25 <= C <= n + 1; behind
    by n - (the latest day m with m <= C); ahead by (the first m >= C) - (n + 1).

    Week 1: w1-a done Wednesday, milestone 1 ("done 1") Sunday.
    Week 2: skipped entirely.
    Week 3: milestone 2 ticked Friday (completes w2-a and w2-b).
    Monday of week 4: behind by 7 days -> replan: 14 h left from 2027-01-25 ->
    finish 2027-02-07. Tuesday: a slip (`done 4`) and an `undo`.
    """
    (roadmaps_dir / "four-weeks.yaml").write_text(weekly_roadmap("four-weeks", 4), "utf-8")
    first = date(2027, 1, 4)

    def day(n: int) -> str:
        return (first + timedelta(days=n)).isoformat()

    ok(runner, "plan", "-r", "four-weeks", "-H", "7", *NO_REVIEWS, today=day(0))

    # day: (pace in the morning, first thing to study, next milestone, its days left)
    mornings: dict[int, tuple[int, str, str, int]] = {
        0: (0, "w1-a", "m1", 6),
        1: (-1, "w1-a", "m1", 5),  # C = 0 = L(day 0)
        2: (-1, "w1-a", "m1", 4),  # the 1 h logged yesterday: C = 1 = L(day 1)
        3: (0, "w1-b", "m1", 3),  # C = 3.5: 3 - 0.25 <= 3.5 <= 4
        4: (-1, "w1-b", "m1", 2),  # 3.5 < 3.75: the latest m <= 3.5 is day 3
        5: (-2, "w1-b", "m1", 1),
        6: (-3, "w1-b", "m1", 0),
        7: (0, "w2-a", "m2", 6),  # 7 - 7
        8: (-1, "w2-a", "m2", 5),
        9: (-2, "w2-a", "m2", 4),
        10: (-3, "w2-a", "m2", 3),
        11: (-4, "w2-a", "m2", 2),
        12: (-5, "w2-a", "m2", 1),
        13: (-6, "w2-a", "m2", 0),
        14: (-7, "w2-a", "m2", -1),  # m2 due 2027-01-17: overdue by 1 day
        15: (-8, "w2-a", "m2", -2),
        16: (-9, "w2-a", "m2", -3),
        17: (-10, "w2-a", "m2", -4),
        18: (-11, "w2-a", "m2", -5),
        19: (-5, "w3-a", "m3", 1),  # 14 - 19
        20: (-6, "w3-a", "m3", 0),
        21: (-7, "w3-a", "m3", -1),  # 14 - 21: time to replan
        22: (-1, "w3-a", "m3", 5),  # after the replan: 14 credited + 1 h due; m3 due 01-31
    }
    # day: (command, pace right after it)
    actions: dict[int, list[tuple[list[str], int]]] = {
        1: [(["log", "1"], 0)],  # credited to w1-a: C = 1 = L(day 1)
        2: [(["done", "w1-a"], 1)],  # C = 3.5 > L(day 3): first m >= 3.5 is day 4
        6: [(["done", "1"], 0)],  # milestone 1 completes phase 1: C = 7 = L(day 7)
        18: [(["done", "phase 2"], -4)],  # 14 - 18
        21: [(["replan"], 0)],
        # after the replan L(day n) = 14 + (n - 21): `done 4` makes C = 21 = L(day 28),
        # 28 - 23 = 5; undo: C = 14 = L(day 21), 22 - 21 = 1; w3-a: C = 17.5, the first
        # m with L(m) >= 17.5 is day 25, 25 - 23 = 2.
        22: [(["done", "4"], 5), (["undo"], -1), (["done", "w3-a"], 2)],
    }
    for n, (pace, first_item, milestone, left) in mornings.items():
        view = nxt(runner, day(n))
        assert signed(view["pace"]) == pace, day(n)
        assert view["week"]["number"] == n // 7 + 1
        assert view["now"][0]["id"] == first_item, day(n)
        assert view["next_milestone"]["id"] == milestone, day(n)
        assert view["next_milestone"]["days_left"] == left, day(n)
        if n in (14, 21):
            text = ok(runner, "next", today=day(n)).stdout
            assert "behind by 7 days — run `mlpath replan`" in text
            assert "overdue by 1 day" in text
        for args, after in actions.get(n, []):
            changed = as_json(runner, *args, today=day(n))
            assert signed(changed["pace"]) == after, (day(n), args)

    assert nxt(runner, day(1))["hours"]["week_logged"] == 1
    # The replan on day 21 gave a fair plan: 14 h left at 1 h/day, 2027-01-25..02-07.
    view = nxt(runner, day(22))
    assert view["pace"]["planned_finish"] == "2027-02-07"
    assert view["week"]["of"] == 5
    assert view["hours"]["completed"] == 17.5
