"""Item resolution, dates and the everyday write commands: defects found by an audit.

Expected answers are worked out from PRODUCT.md: "ambiguous or invalid dates are a
clear error" (exit 2), "`--on` in the future refused, before plan start warned",
"shell completion (typer) including item ids". The bundled `practical` roadmap from
Mon 2027-01-04; `complete` for the habits (arxiv-titles is one of its ids).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from clirun import Cli


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def plan(cli: Cli, roadmap: str = "practical", *extra: str) -> None:
    ok(cli("plan", "-r", roadmap, "-H", "15", "--start", "2027-01-04", *extra, today="2027-01-04"))


def events(cli: Cli, today: str) -> list[str]:
    data = json.loads(ok(cli("export", "json", today=today)).stdout)
    return [h.get("type", "") for h in data["history"]]


# --- an empty date is no date: never today, never "no interview" ---------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("done", "statistics", "--on", ""),
        ("log", "1", "--on", " "),
        ("review", "statistics", "good", "--on", ""),
        ("replan", "--from", ""),
    ],
)
def test_an_empty_date_is_refused_not_read_as_today(cli: Cli, args: tuple[str, ...]) -> None:
    # `mlpath log 1 --on "$DAY"` with DAY unset: recording it on today would be a quiet
    # wrong date; `--start ""` already says "An empty date was given." (exit 2).
    plan(cli)
    if args[0] == "review":
        ok(cli("done", "statistics", today="2027-01-10"))
    before = ok(cli("export", "json", today="2027-01-12")).stdout
    result = cli(*args, today="2027-01-12")
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "empty date" in result.stderr
    assert ok(cli("export", "json", today="2027-01-12")).stdout == before


def test_replan_with_an_empty_interview_keeps_the_interview(cli: Cli) -> None:
    # `replan --interview ""` cleared the interview silently; `none` is the way to clear.
    plan(cli, "complete", "--interview", "2027-06-01")
    result = cli("replan", "--interview", "", today="2027-01-06")
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "empty date" in result.stderr
    shown = ok(cli("next", today="2027-01-06")).stdout
    assert "Interview Tue 01 Jun 2027" in shown


def test_did_on_a_day_before_the_plan_starts_is_warned(cli: Cli) -> None:
    # `log` and `done` warn that a day before the plan's first day is a head start
    # (likely a slip); `did` recorded it without a word.
    plan(cli, "complete")
    result = ok(cli("did", "arxiv-titles", "--on", "2026-12-01", today="2027-01-06"))
    assert "before your plan starts (2027-01-04)" in result.stderr
    quiet = ok(cli("did", "arxiv-titles", "--on", "2027-01-05", today="2027-01-06"))
    assert "before your plan starts" not in quiet.stderr


def test_did_in_the_future_is_refused_as_log_is(cli: Cli) -> None:
    plan(cli, "complete")
    result = cli("did", "arxiv-titles", "--on", "tomorrow", today="2027-01-06")
    assert result.exit_code == 2
    assert "2027-01-07 is in the future" in result.stderr


# --- hours: `.5` is a number of hours, as `--hours .5` already reads it ------------------


@pytest.mark.parametrize(("typed", "minutes"), [(".5", 30), ("0.5", 30), (".25h", 15), ("5.", 300)])
def test_log_reads_a_decimal_without_a_leading_digit(cli: Cli, typed: str, minutes: int) -> None:
    plan(cli)
    ok(cli("log", typed, today="2027-01-05"))
    logs = json.loads(ok(cli("export", "json", today="2027-01-05")).stdout)["logs"]
    assert [round(entry["hours"] * 60) for entry in logs] == [minutes]


# --- a break written with another separator is not "a time of day" -----------------------


@pytest.mark.parametrize("typed", ["2027-04-01..2027-04-05", "2027-04-01/2027-04-05"])
def test_a_break_with_the_wrong_separator_says_how_to_write_one(cli: Cli, typed: str) -> None:
    result = cli("plan", "-r", "practical", "--dry-run", "--break", typed, today="2027-01-04")
    assert result.exit_code == 2
    assert "time of day" not in result.stderr
    assert "FIRST:LAST" in result.stderr


# --- completion: habit ids are ids the CLI takes ------------------------------------------


def _complete(words: str, cword: int) -> list[str]:
    """The real bash completion protocol against `python -m mlpath`."""
    env = {
        **os.environ,
        "_MLPATH_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
        "MLPATH_TODAY": "2027-01-06",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "mlpath"], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_did_and_start_complete_habit_ids(cli: Cli) -> None:
    plan(cli, "complete")
    assert _complete("mlpath did ", 2) == [
        "foundational-papers",
        "arxiv-titles",
        "leetcode-mediums",
    ]
    assert _complete("mlpath did arx", 2) == ["arxiv-titles"]
    assert _complete("mlpath start arx", 2) == ["arxiv-titles"]
    started = _complete("mlpath start ", 2)
    assert started[0] == "programming-fundamentals" and "arxiv-titles" in started
    assert _complete("mlpath replan --no-habit arx", 3) == ["arxiv-titles"]
