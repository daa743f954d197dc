"""End to end through the real command (`python -m mlpath` in subprocesses) in a
temporary MLPATH_HOME: plan -> done x3 -> log -> next -> undo -> replan -> next.

The plan: bundled `practical` at the intermediate level (its 26 weeks), 15
h/week every day from Monday 2027-01-04, i.e.
15/7 h a day; 390 h in 182 days (finish 2027-07-04); phase 1's three topics
are 30 h each. All the commands after `plan` run on 2027-01-20, day 16 of the
plan: 16 x 15/7 = 240/7 h planned before today.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

# Hand-computed figures below follow PRODUCT.md's model, with no review time
# taken from study days (tests/test_review.py covers plans with reviews).
NO_REVIEWS = ("--review-minutes", "0")

TODAY = "2027-01-20"

NEXT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["today", "week", "now", "next_milestone", "pace", "hours"],
    "properties": {
        "today": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "week": {
            "type": "object",
            "required": ["number", "of", "start", "end"],
            "properties": {
                "number": {"type": "integer"},
                "of": {"type": "integer"},
                "start": {"type": "string"},
                "end": {"type": "string"},
            },
        },
        "now": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "kind", "title", "phase", "hours_left"],
                "properties": {
                    "id": {"type": "string"},
                    "kind": {"enum": ["topic", "project"]},
                    "title": {"type": "string"},
                    "phase": {"type": "integer"},
                    "hours_left": {"type": "number"},
                },
            },
        },
        "next_milestone": {
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "required": ["id", "title", "due", "days_left"],
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "due": {"type": "string"},
                        "days_left": {"type": "integer"},
                    },
                },
            ]
        },
        "pace": {
            "type": "object",
            "required": ["status", "days"],
            "properties": {
                "status": {"enum": ["not-started", "on-track", "ahead", "behind", "finished"]},
                "days": {"type": "integer", "minimum": 0},
            },
        },
        "hours": {
            "type": "object",
            "required": ["week_logged", "week_target"],
            "properties": {"week_logged": {"type": "number"}, "week_target": {"type": "number"}},
        },
    },
}


def mlpath(*args: str, today: str = TODAY, command: list[str] | None = None) -> Any:
    env = {**os.environ, "MLPATH_TODAY": today}
    env.pop("COLUMNS", None)
    return subprocess.run(
        [*(command or [sys.executable, "-m", "mlpath"]), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def js(*args: str, today: str = TODAY) -> dict[str, Any]:
    r = mlpath(*args, "--json", today=today)
    assert r.returncode == 0, (args, r.stdout, r.stderr)
    assert r.stderr == ""
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def pace(view: dict[str, Any]) -> tuple[str, int]:
    return view["pace"]["status"], view["pace"]["days"]


def test_daily_flow_through_the_command(isolated: Path) -> None:
    none = mlpath("next")
    assert none.returncode == 1
    assert none.stdout == ""
    assert none.stderr == (
        "Error: There is no active plan yet. Make one with `mlpath plan` "
        "(see `mlpath plan --help`).\n"
    )
    assert not (isolated / "state.json").exists()

    plan = js(
        "plan",
        "-r",
        "practical",
        "-l",
        "intermediate",
        "-H",
        "15",
        "--start",
        "2027-01-04",
        *NO_REVIEWS,
        today="2027-01-04",
    )
    assert (plan["finish"], plan["total_hours"], plan["total_weeks"]) == ("2027-07-04", 390, 26)
    assert (isolated / "state.json").is_file()

    # done x3: credited 30, 60, 90 h on day 16; the plan lays 15/7 h a day, so L(d)
    # reaches 30 h on 01-18, 60 h on 02-01 and 90 h on 02-15 (14, 28, 42 days in).
    # 30 h: behind by 01-20 - 01-18 = 2 days; 60 h: ahead by 02-01 - 01-21 = 11;
    # 90 h: ahead by 02-15 - 01-21 = 25.
    d1 = js("done", "python-libraries", "--on", "2027-01-10")
    assert d1["changed"] == [
        {
            "id": "python-libraries",
            "kind": "topic",
            "title": "Python libraries",
            "phase": 1,
            "on": "2027-01-10",
        }
    ]
    assert pace(d1) == ("behind", 2)
    d2 = js("done", "stat")
    assert [c["id"] for c in d2["changed"]] == ["statistics"]
    assert pace(d2) == ("ahead", 11)
    d3 = js("done", "linear-algebra")
    assert [c["id"] for c in d3["changed"]] == ["linear-algebra"]
    assert pace(d3) == ("ahead", 25)
    assert d3["pace"]["completed_hours"] == 90

    logged = js("log", "1h30", "--note", "sklearn docs")
    assert logged["logged"] == {"hours": 1.5, "on": TODAY, "note": "sklearn docs"}
    assert logged["hours"]["week_logged"] == 1.5
    # The 1.5 h logged today go to statistics, the first item unfinished today (it
    # was ticked today): it already counts in full, so the pace does not move.
    assert pace(logged) == ("ahead", 25)
    assert logged["pace"]["credited_hours"] == 90

    view = js("next")
    jsonschema.validate(view, NEXT_SCHEMA)
    assert view["today"] == TODAY
    assert view["week"] == {"number": 3, "of": 26, "start": "2027-01-18", "end": "2027-01-24"}
    assert view["now"][0] == {
        "id": "regression",
        "kind": "topic",
        "title": "Regression",
        "phase": 2,
        "hours": 30,  # phase 2: 8 weeks x 15 h = 120 h over 4 items
        "hours_left": 30,
        "due": view["now"][0]["due"],
        "when": "ahead",  # laid from 02-15: pulled forward, as the learner is ahead
    }
    assert [it["id"] for it in view["now"]] == ["regression", "classification", "model-evaluation"]
    milestone = view["next_milestone"]
    # due when 210 h are laid: day 98, 2027-04-11; 81 days after 2027-01-20.
    assert (milestone["id"], milestone["due"], milestone["days_left"]) == (
        "supervised-baseline",
        "2027-04-11",
        81,
    )
    assert pace(view) == ("ahead", 25)
    assert view["hours"]["week_logged"] == 1.5
    assert view["hours"]["week_target"] == 15  # week 3: 7 x 15/7 h
    text = mlpath("next")
    assert text.returncode == 0
    assert "Week 3 of 26" in text.stdout
    assert "ahead by 25 days" in text.stdout
    assert "pulled forward" in text.stdout

    undo = js("undo")
    assert undo["undid"]["type"] == "log"
    assert undo["undid"]["what"] == "log 1.5 h on 2027-01-20"
    assert pace(undo) == ("ahead", 25)
    assert js("next")["hours"]["week_logged"] == 0

    # 300 h left from 2027-01-20 at 15/7 h a day: 140 days -> 2027-06-08 (26 days early).
    replan = js("replan")
    assert (replan["old_finish"], replan["new_finish"]) == ("2027-07-04", "2027-06-08")
    assert replan["vanished"] == []
    assert pace(replan) == ("on-track", 0)

    after = js("next")
    jsonschema.validate(after, NEXT_SCHEMA)
    assert pace(after) == ("on-track", 0)
    assert after["pace"]["planned_finish"] == "2027-06-08"
    # 2027-06-08 is 155 days after the start: week 23.
    assert after["week"] == {"number": 3, "of": 23, "start": "2027-01-18", "end": "2027-01-24"}
    assert after["now"][0]["id"] == "regression"
    # phase 2's 120 h from 2027-01-20: 56 days -> 2027-03-16, 55 days left.
    assert (after["next_milestone"]["due"], after["next_milestone"]["days_left"]) == (
        "2027-03-16",
        55,
    )
    # the next morning one day's work is due: behind by 1 day
    assert pace(js("next", today="2027-01-21")) == ("behind", 1)

    # The state file holds the whole history: plan, 3 done, log, undone, replan.
    events = json.loads((isolated / "state.json").read_text(encoding="utf-8"))["events"]
    assert " ".join(e["type"] for e in events) == "plan done done done log undone replan"


def test_installed_console_script(isolated: Path) -> None:
    """The `mlpath` entry point installed beside this interpreter runs the same code."""
    script = Path(sys.executable).with_name("mlpath")
    if not script.exists():  # pragma: no cover - a non-venv interpreter
        pytest.skip("no mlpath console script beside this interpreter")
    js(
        "plan",
        "-r",
        "practical",
        "-H",
        "15",
        "--start",
        "2027-01-04",
        *NO_REVIEWS,
        today="2027-01-04",
    )
    r = mlpath("next", "--json", command=[str(script)])
    assert r.returncode == 0, r.stderr
    # nothing done, 16 days x 15/7 h planned: behind by 16 days
    assert pace(json.loads(r.stdout)) == ("behind", 16)
