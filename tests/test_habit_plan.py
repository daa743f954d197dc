"""The habits' time on the plan (needs the scheduler's `_lay`): inside the weekly hours,
before new work, so they move the finish date; `--no-habit` gives the time back.

complete at 14 h/week from Mon 2027-01-04, every day (2 h a day); its effort is
1632.5 h (40 + 292.5 + 150 + 200 + 300 + 240 + 150 + 260 over Phases 0-7):
- no habits: 1632.5 / 2 = 816.25 days -> the 817th day, 2027-01-04 + 816 = 2029-03-30;
- arXiv alone (5 min a day): 115 min of new work a day, 1632.5 x 60 / 115 = 851.7
  days -> the 852nd day, 2027-01-04 + 851 = 2029-05-04.
"""

from __future__ import annotations

import json
from typing import Any

from clirun import Cli

START = "2027-01-04"


def finish(cli: Cli, *extra: str) -> str:
    r = cli("plan", "-r", "complete", "--hours", "14", "--start", START, "--dry-run", "--json",
            *extra, today=START)  # fmt: skip
    assert r.exit_code == 0, r.output
    data: dict[str, Any] = json.loads(r.stdout)
    return str(data["finish"])


def test_habits_take_their_time_before_new_work_and_move_the_finish(cli: Cli) -> None:
    none = ("--no-habit", "arxiv-titles", "--no-habit", "foundational-papers")
    assert finish(cli, *none) == "2029-03-30"
    assert finish(cli, "--no-habit", "foundational-papers") == "2029-05-04"
    # Phase 5's papers take their time too: later still
    assert finish(cli) > "2029-05-04"
    r = cli("plan", "-r", "complete", "--hours", "14", "--start", START,
            "--no-habit", "foundational-papers", today=START)  # fmt: skip
    assert r.exit_code == 0, r.output
    day = json.loads(cli("next", "--json", today=START).stdout)["day"]
    assert (day["hours"], day["habits"]) == (2, 5 / 60)
    assert abs(day["new"] - 115 / 60) < 1e-9


def test_habits_that_take_every_hour_are_named_in_the_refusal(cli: Cli) -> None:
    # At 3 h/week, Phase 5's papers (2 x 120 min a week) and arXiv (5 min a day,
    # 35 a week) want 275 of its 180 minutes: no new work is ever laid there.
    plan = ("plan", "-r", "complete", "--hours", "3", "--start", START, "--dry-run")
    r = cli(*plan, today=START)
    assert r.exit_code == 2
    said = " ".join(r.stderr.split())
    assert "phase 5" in said and "foundational-papers" in said and "--no-habit" in said
    assert "Traceback" not in r.output + r.stderr
    # leaving the papers out gives the week back to new work: the plan is laid
    assert cli(*plan, "--no-habit", "foundational-papers", today=START).exit_code == 0
