"""The timer: `mlpath start`, `stop`, `cancel` (issue 22), through the real CLI.

Every run fakes the clock with MLPATH_NOW (local YYYY-MM-DDTHH:MM). The plan is
complete at 14 h/week from Mon 2027-01-04, every day: 2 h a study day. Its first
topic, programming-fundamentals, has 10 h of effort (phase 0's 40 h shared evenly by
its three topics and one project).

Expected hours by hand in each test: a session's minutes are its end less its start,
cut at the cap (4 h by default), split at local midnight, and two sessions that
overlap count the union of their intervals.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clirun import Cli

START = "2027-01-04"


def at(moment: str) -> dict[str, str]:
    return {"MLPATH_NOW": moment}


@pytest.fixture
def plan(cli: Cli) -> None:
    r = cli("plan", "-r", "complete", "--hours", "14", "--start", START, today=START)
    assert r.exit_code == 0, r.output


def status(cli: Cli, moment: str, home: Path | None = None) -> dict[str, Any]:
    args = ("--home", str(home)) if home else ()
    r = cli(*args, "status", "--json", env=at(moment))
    assert r.exit_code == 0, r.output
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def next_view(cli: Cli, moment: str, home: Path | None = None) -> dict[str, Any]:
    args = ("--home", str(home)) if home else ()
    r = cli(*args, "next", "--json", env=at(moment))
    assert r.exit_code == 0, r.output
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def test_a_stopped_session_is_credited_as_the_same_log_would_be(
    cli: Cli, plan: None, tmp_path: Path
) -> None:
    assert cli("start", "programming-fundamentals", env=at("2027-01-04T09:00")).exit_code == 0
    r = cli("stop", env=at("2027-01-04T10:30"))
    assert r.exit_code == 0, r.output
    assert "after 1 h 30 min" in r.stdout
    timed = next_view(cli, "2027-01-04T11:00")
    # a second learner logs the same 1.5 h to the same item
    other = tmp_path / "other"
    for args in (
        ("plan", "-r", "complete", "--hours", "14", "--start", START),
        ("log", "1.5", "--item", "programming-fundamentals"),
    ):
        assert cli("--home", str(other), *args, today=START).exit_code == 0
    logged = next_view(cli, "2027-01-04T11:00", other)
    assert timed["hours"] == logged["hours"]
    assert timed["hours"]["week_logged"] == 1.5
    item = next(i for i in timed["now"] if i["id"] == "programming-fundamentals")
    assert item["hours_left"] == 8.5  # 10 h - 1.5 h


def test_stop_says_what_log_says_and_when_it_ran_over_timed_time(cli: Cli, plan: None) -> None:
    # credited as `log` is, so it says what `log --item` says: the item's hours left and
    # the pace; a session started back (--at) over one already stopped counts once
    assert cli("start", "programming-fundamentals", env=at("2027-01-04T09:00")).exit_code == 0
    said = cli("stop", env=at("2027-01-04T10:30")).stdout
    assert "programming-fundamentals: 8.5 h left of 10 h." in said
    assert "Pace: " in said and "ran over" not in said
    assert cli("start", "--at", "10:00", "programming-fundamentals",
               env=at("2027-01-04T11:00")).exit_code == 0  # fmt: skip
    said = " ".join(cli("stop", env=at("2027-01-04T12:00")).stdout.split())
    assert "after 2 h. 30 min of it ran over time already timed, and counts once." in said
    assert next_view(cli, "2027-01-04T12:00")["hours"]["week_logged"] == 3  # 1.5 + 2 - 0.5
    assert cli("start", "--at", "11:30", "programming-fundamentals",
               env=at("2027-01-04T12:00")).exit_code == 0  # fmt: skip
    r = cli("stop", "--json", env=at("2027-01-04T12:30"))
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["overlap_minutes"] == 30


def test_next_shows_what_runs_and_for_how_long(cli: Cli, plan: None) -> None:
    assert cli("start", "math-check", "--theory", env=at("2027-01-04T09:00")).exit_code == 0
    text = cli("next", env={**at("2027-01-04T10:10"), "COLUMNS": "60"}).stdout
    assert "Timer 1 h 10 min on Basic Mathematics Check (math-check)" in text
    # the same kept screen, ten minutes later, counts from the new now
    later = cli("next", env={**at("2027-01-04T10:20"), "COLUMNS": "60"}).stdout
    assert "Timer 1 h 20 min" in later
    assert all(len(line) <= 60 for line in later.splitlines())
    view = next_view(cli, "2027-01-04T10:20")
    assert view["method"]["timer"]["running"][0]["begin"] == "2027-01-04T09:00"


def test_a_session_is_split_at_local_midnight(cli: Cli, plan: None) -> None:
    assert cli("start", env=at("2027-01-04T23:00")).exit_code == 0
    assert cli("stop", env=at("2027-01-05T01:30")).exit_code == 0
    exported = json.loads(cli("export", "json", env=at("2027-01-05T02:00")).stdout)
    # 23:00-24:00 on the 4th, 00:00-01:30 on the 5th
    assert [(g["on"], g["hours"]) for g in exported["logs"]] == [
        ("2027-01-04", 1),
        ("2027-01-05", 1.5),
    ]


def test_a_forgotten_timer_is_capped_and_next_says_so_the_next_morning(
    cli: Cli, plan: None
) -> None:
    assert cli("start", env=at("2027-01-04T09:00")).exit_code == 0
    evening = cli("next", env={**at("2027-01-04T14:00"), "COLUMNS": "80"}).stdout
    assert "Past the 4 h cap" in evening
    r = cli("stop", env=at("2027-01-05T08:00"))
    assert r.exit_code == 0, r.output
    assert "cut at the timer cap (4 h" in r.stdout  # 09:00 + 4 h = 13:00, not 23 h
    assert status(cli, "2027-01-05T08:00")["study"]["total_logged"] == 4
    morning = cli("next", env={**at("2027-01-05T08:05"), "COLUMNS": "80"}).stdout
    assert "was cut at the cap (13:00)" in morning
    # two mornings later it is old news
    assert "cut at the cap" not in cli("next", env=at("2027-01-07T08:00")).stdout


def test_the_cap_comes_from_config(cli: Cli, plan: None) -> None:
    assert cli("config", "set", "timer_cap", "90m").exit_code == 0
    assert cli("start", env=at("2027-01-04T09:00")).exit_code == 0
    assert "cut at the timer cap (1 h 30 min" in cli("stop", env=at("2027-01-04T12:00")).stdout
    assert status(cli, "2027-01-04T12:00")["study"]["total_logged"] == 1.5


def test_start_while_running_switches_in_one_undo(cli: Cli, plan: None) -> None:
    assert cli("start", "programming-fundamentals", env=at("2027-01-04T09:00")).exit_code == 0
    r = cli("start", "math-check", env=at("2027-01-04T10:00"))
    assert "Stopped Programming Fundamentals (programming-fundamentals) after 1 h." in r.stdout
    assert "Started Basic Mathematics Check (math-check) at 10:00." in r.stdout
    assert status(cli, "2027-01-04T10:30")["study"]["total_logged"] == 1
    undo = cli("undo", env=at("2027-01-04T10:30"))
    assert undo.exit_code == 0, undo.output
    running = next_view(cli, "2027-01-04T10:30")["method"]["timer"]["running"]
    assert [t["item"] for t in running] == ["programming-fundamentals"]
    assert status(cli, "2027-01-04T10:30")["study"]["total_logged"] == 0


def test_start_and_stop_json_list_the_sessions_they_stopped_alike(cli: Cli, plan: None) -> None:
    first = cli("start", "programming-fundamentals", "--json", env=at("2027-01-04T09:00"))
    assert json.loads(first.stdout)["stopped"] == []
    switched = json.loads(cli("start", "math-check", "--json", env=at("2027-01-04T10:00")).stdout)
    stopped = json.loads(cli("stop", "--json", env=at("2027-01-04T10:30")).stdout)
    assert [s["item"] for s in switched["stopped"]] == ["programming-fundamentals"]
    assert switched["stopped"][0]["minutes"] == 60
    assert set(switched["stopped"][0]) == set(stopped["stopped"][0])
    assert stopped["stopped"][0]["minutes"] == 30


def test_a_start_at_a_later_clock_time_says_it_was_yesterday(cli: Cli, plan: None) -> None:
    r = cli("start", "math-check", "--at", "13:00", env=at("2027-01-05T12:00"))
    assert r.exit_code == 0, r.output
    assert "at 13:00 yesterday." in r.stdout
    assert cli("stop", env=at("2027-01-05T12:30")).exit_code == 0
    r = cli("start", "math-check", "--at", "11:00", env=at("2027-01-05T12:40"))
    assert "at 11:00." in r.stdout and "yesterday" not in r.stdout


def test_undo_names_the_timer_s_moments_as_people_write_them(cli: Cli, plan: None) -> None:
    assert cli("start", "programming-fundamentals", env=at("2027-01-04T09:00")).exit_code == 0
    assert cli("stop", env=at("2027-01-04T10:30")).exit_code == 0
    undo = cli("undo", env=at("2027-01-04T10:45"))
    assert undo.exit_code == 0, undo.output
    assert "2027-01-04 10:30" in undo.stdout and "T10" not in undo.stdout
    undo = cli("undo", env=at("2027-01-04T10:45"))
    assert "2027-01-04 09:00" in undo.stdout and "T09" not in undo.stdout


def test_cancel_counts_nothing_and_stop_with_nothing_running_says_to_sync(
    cli: Cli, plan: None
) -> None:
    assert cli("start", env=at("2027-01-04T09:00")).exit_code == 0
    assert "nothing is counted" in cli("cancel", env=at("2027-01-04T10:00")).stdout
    r = cli("stop", env=at("2027-01-04T10:00"))
    assert r.exit_code == 1
    assert "No timer is running here." in r.output and "sync first" in r.output
    assert status(cli, "2027-01-04T10:00")["study"]["total_logged"] == 0


def test_stop_before_start_and_a_bad_time_are_refused(cli: Cli, plan: None) -> None:
    assert cli("start", env=at("2027-01-04T09:00")).exit_code == 0
    r = cli("stop", "--at", "8h", env=at("2027-01-04T10:00"))
    assert r.exit_code == 2 and "not a time of day" in r.output and "Traceback" not in r.output
    r = cli("stop", "--at", "08:30", env=at("2027-01-04T10:00"))
    assert r.exit_code == 2 and "cannot stop before that" in r.output
    r = cli("start", "--practice", "--theory", env=at("2027-01-04T10:00"))
    assert r.exit_code == 2 and "contradict" in r.output


def test_mlpath_now_sets_today_and_must_agree_with_mlpath_today(cli: Cli, plan: None) -> None:
    assert next_view(cli, "2027-01-06T07:00")["today"] == "2027-01-06"
    r = cli("next", env={"MLPATH_NOW": "2027-01-06T07:00", "MLPATH_TODAY": "2027-01-07"})
    assert r.exit_code == 2 and "name different days" in r.output
    r = cli("next", env={"MLPATH_NOW": "2027-01-06 07:00"})
    assert r.exit_code == 2 and "YYYY-MM-DDTHH:MM" in r.output


# --- two machines ---------------------------------------------------------------------------


def run(home: Path, moment: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MLPATH_HOME": str(home), "MLPATH_NOW": moment}
    env.pop("MLPATH_TODAY", None)
    r = subprocess.run(
        [sys.executable, "-m", "mlpath", *args], env=env, capture_output=True, text=True
    )
    assert "Traceback" not in r.stderr
    return r


@pytest.fixture
def two_homes(tmp_path: Path) -> tuple[Path, Path]:
    laptop, desk = tmp_path / "laptop", tmp_path / "desk"
    r = run(laptop, "2027-01-04T08:00", "plan", "-r", "complete", "--hours", "14", "--start", START)
    assert r.returncode == 0, r.stderr
    shutil.copytree(laptop, desk)
    return laptop, desk


def logged(home: Path, moment: str) -> float:
    r = run(home, moment, "status", "--json")
    assert r.returncode == 0, r.stderr
    total: float = json.loads(r.stdout)["study"]["total_logged"]
    return total


def test_started_on_one_home_and_stopped_on_another_is_one_session(
    two_homes: tuple[Path, Path],
) -> None:
    laptop, desk = two_homes
    assert run(laptop, "2027-01-04T09:00", "start", "programming-fundamentals").returncode == 0
    early = run(desk, "2027-01-04T11:15", "stop")
    assert early.returncode == 1 and "sync first" in early.stderr
    merged = run(desk, "2027-01-04T11:15", "merge", str(laptop / "state.json"))
    assert merged.returncode == 0 and "1 timer started" in " ".join(merged.stdout.split())
    assert run(desk, "2027-01-04T11:15", "stop").returncode == 0
    assert logged(desk, "2027-01-04T12:00") == 2.25  # 09:00-11:15
    # the laptop still shows it running until it merges the desk's stop
    assert "Timer" in run(laptop, "2027-01-04T12:00", "next").stdout
    assert run(laptop, "2027-01-04T12:00", "merge", str(desk / "state.json")).returncode == 0
    assert logged(laptop, "2027-01-04T12:00") == 2.25
    assert "Timer" not in run(laptop, "2027-01-04T12:00", "next").stdout


def test_two_machines_at_once_overlap_and_count_the_union(two_homes: tuple[Path, Path]) -> None:
    laptop, desk = two_homes
    assert run(laptop, "2027-01-04T09:00", "start").returncode == 0
    assert run(desk, "2027-01-04T10:00", "start").returncode == 0
    assert run(desk, "2027-01-04T10:30", "merge", str(laptop / "state.json")).returncode == 0
    shown = run(desk, "2027-01-04T10:30", "next").stdout
    assert "2 timers run at once (two machines): the overlap counts once." in shown
    assert run(laptop, "2027-01-04T11:00", "stop").returncode == 0  # its own, 09:00-11:00
    assert run(desk, "2027-01-04T12:00", "merge", str(laptop / "state.json")).returncode == 0
    assert run(desk, "2027-01-04T12:00", "stop").returncode == 0  # its own, 10:00-12:00
    # 09:00-12:00 once: 3 h, never 2 h + 2 h
    assert logged(desk, "2027-01-04T12:00") == 3
    assert run(laptop, "2027-01-04T12:05", "merge", str(desk / "state.json")).returncode == 0
    assert logged(laptop, "2027-01-04T12:05") == 3


@pytest.mark.parametrize("count", ["-1", "-2.5"])
def test_a_negative_count_for_did_is_refused_as_a_count(cli: Cli, plan: None, count: str) -> None:
    # as `log -1` is: the count's own check, not "No such option"
    before = cli("status", "--json", today=START).stdout
    r = cli("did", "arxiv-titles", count, today=START)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"Error: '{count}' is not a number of times.")
    assert cli("status", "--json", today=START).stdout == before
