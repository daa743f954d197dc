"""`mlpath plan` through the real CLI: CliRunner and `python -m mlpath`.

Dates are worked out by hand in the comments; MLPATH_TODAY pins "today" to
Monday 2027-01-04 unless a test says otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlpath.cli.main import app

TODAY = "2027-01-04"  # a Monday


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", TODAY)


def run(runner: CliRunner, *args: str, code: int = 0, **env: str) -> Any:
    result = runner.invoke(app, list(args), env=env or None)
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def plan_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run(runner, "plan", "--json", *args).stdout)
    return data


def mlpath(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mlpath", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env=dict(os.environ),
    )


def state_file(home: Path) -> Path:
    return home / "state.json"


# --- defaults ---------------------------------------------------------------------------


def test_defaults_are_used_and_said(runner: CliRunner) -> None:
    out = run(runner, "plan", "--dry-run").stdout
    said = " ".join(out.split())  # the line may wrap
    assert (
        "Defaults used: level beginner, roadmap beginner (matches the level), 10 h/week, " in said
    )
    assert f"start today ({TODAY})" in said and "every day" in said
    data = plan_json(runner, "--dry-run")
    assert (data["roadmap"], data["level"], data["hours_per_week"]) == ("beginner", "beginner", 10)
    assert data["start"] == TODAY
    # beginner: 4 stages of 8, 8, 8, 12 weeks at 17.5 h/week = 36 x 17.5 = 630 h.
    # 630 h at 10 h/week every day = 10/7 h a day -> 441 days: day 362 = Dec 31 2027,
    # +31 (Jan) = day 393, +29 (Feb 2028, a leap year) = day 422, +19 = day 441 = Mar 19 2028.
    assert data["total_hours"] == 630
    assert data["finish"] == "2028-03-19"
    assert [w["hours"] for w in data["weeks"]] == [10] * 63  # every day: 10 h every week


@pytest.mark.parametrize(
    ("level", "roadmap"), [("intermediate", "intermediate"), ("advanced", "intermediate")]
)
def test_the_default_roadmap_matches_the_level(runner: CliRunner, level: str, roadmap: str) -> None:
    data = plan_json(runner, "--dry-run", "--level", level)
    assert (data["level"], data["roadmap"]) == (level, roadmap)


def test_given_options_are_not_listed_as_defaults(runner: CliRunner) -> None:
    args = ("-r", "practical", "-l", "beginner", "-H", "15", "--start", TODAY, "--days", "all")
    out = run(runner, "plan", "--dry-run", *args).stdout
    assert "Defaults used" not in out
    assert plan_json(runner, "--dry-run", *args)["defaults_used"] == []


# --- --json -----------------------------------------------------------------------------

TOP = {"roadmap", "level", "hours_per_week", "start", "finish", "total_hours", "weeks"}
TOP |= {"phases", "milestones"}
WEEK = {"number", "start", "end", "hours", "items"}
ITEM = {"id", "kind", "title", "phase", "hours"}
PHASE = {"number", "id", "title", "start", "due"}
MILESTONE = {"id", "title", "phase", "due"}


def test_json_shape(runner: CliRunner) -> None:
    data = plan_json(
        runner, "--dry-run", "-r", "practical", "-l", "intermediate", "-H", "15", "--start", TODAY
    )
    assert TOP <= data.keys()
    assert (data["roadmap"], data["level"], data["hours_per_week"]) == (
        "practical",
        "intermediate",
        15,
    )
    # the worked example: 390 h, 26 weeks, Jul 4 (see test_schedule.py for the arithmetic)
    assert (data["start"], data["finish"], data["total_hours"]) == (TODAY, "2027-07-04", 390)
    assert len(data["weeks"]) == 26
    for n, w in enumerate(data["weeks"], 1):
        assert WEEK <= w.keys() and w["number"] == n
        assert (date.fromisoformat(w["end"]) - date.fromisoformat(w["start"])).days == 6
        for it in w["items"]:
            assert ITEM <= it.keys()
            assert it["kind"] in ("topic", "project", "milestone")
            assert isinstance(it["phase"], int) and isinstance(it["hours"], (int, float))
        assert w["hours"] == sum(i["hours"] for i in w["items"])
    assert sum(w["hours"] for w in data["weeks"]) == data["total_hours"]
    assert [p["number"] for p in data["phases"]] == [1, 2, 3, 4]
    for p in data["phases"]:
        assert PHASE <= p.keys()
        date.fromisoformat(p["start"]), date.fromisoformat(p["due"])
    assert data["phases"][1]["due"] == "2027-04-11"
    assert [m["id"] for m in data["milestones"]] == ["supervised-baseline"]
    for m in data["milestones"]:
        assert MILESTONE <= m.keys()
    assert {m["id"]: m["due"] for m in data["milestones"]} == {"supervised-baseline": "2027-04-11"}


def test_days_and_breaks_on_the_command_line(runner: CliRunner) -> None:
    # mon,wed,fri: the finish is Fri Jul 2 (test_schedule.py); a second break of two
    # whole weeks (Apr 19 - May 2, weeks 16 and 17) moves it 14 days to Jul 16;
    # the one-day break on Sun Jan 10 is not a study day and changes nothing.
    data = plan_json(
        runner, "--dry-run", "-r", "practical", "-l", "intermediate", "-H", "15", "--start", TODAY,
        "--days", "mon,wed,fri", "--break", "2027-04-19:2027-05-02", "--break", "2027-01-10",
    )  # fmt: skip
    assert data["finish"] == "2027-07-16"
    assert data["weeks"][15]["hours"] == data["weeks"][16]["hours"] == 0
    assert data["weeks"][15]["break_days"] == 7
    assert data["breaks"] == [["2027-01-10", "2027-01-10"], ["2027-04-19", "2027-05-02"]]


# --- saving -----------------------------------------------------------------------------


def test_dry_run_saves_nothing(runner: CliRunner, isolated: Path) -> None:
    out = run(runner, "plan", "--dry-run").stdout
    assert "nothing was saved" in out
    run(runner, "plan", "--dry-run", "--json")
    assert not state_file(isolated).exists()
    result = run(runner, "next", code=1)
    assert "no active plan" in result.stderr


def test_a_saved_plan_is_there_on_the_next_run(
    runner: CliRunner, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run(runner, "plan", "-r", "practical", "-l", "int", "-H", "15", "--start", TODAY).stdout
    assert "Saved as your plan" in out and state_file(isolated).exists()
    # a fresh process, one day later
    monkeypatch.setenv("MLPATH_TODAY", "2027-01-05")
    proc = mlpath("next", "--json")
    assert proc.returncode == 0, proc.stderr
    nxt = json.loads(proc.stdout)
    assert nxt["roadmap"] == "practical"
    assert nxt["week"]["number"] == 1 and nxt["week"]["start"] == TODAY
    assert nxt["now"][0]["id"] == "python-libraries"
    assert nxt["pace"]["planned_finish"] == "2027-07-04"


def test_replacing_a_plan_with_progress_needs_force(runner: CliRunner, isolated: Path) -> None:
    first = run(runner, "plan", "-r", "beginner", "--start", TODAY)
    assert "replaces" not in first.stderr
    # no progress: replaced freely, saying so
    second = run(runner, "plan", "-r", "intermediate", "--start", TODAY)
    assert "replaces your previous plan (beginner, beginner, 10 h/week" in second.stderr
    assert json.loads(run(runner, "next", "--json").stdout)["roadmap"] == "intermediate"
    run(runner, "log", "2")
    before = state_file(isolated).read_bytes()

    refused = run(runner, "plan", "-r", "practical", code=1)
    assert "has progress" in refused.stderr and "--force" in refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert state_file(isolated).read_bytes() == before  # untouched

    forced = run(runner, "plan", "-r", "practical", "--force")
    assert "(intermediate," in forced.stderr and "`mlpath undo` brings it back" in forced.stderr
    after = json.loads(run(runner, "next", "--json").stdout)
    assert after["roadmap"] == "practical" and after["hours"]["total_logged"] == 0
    undone = run(runner, "undo").stdout
    assert "plan practical" in undone
    back = json.loads(run(runner, "next", "--json").stdout)
    assert back["roadmap"] == "intermediate" and back["hours"]["total_logged"] == 2


def test_the_refusal_counts_timed_hours_and_names_habits_and_a_running_timer(
    runner: CliRunner, isolated: Path
) -> None:
    """Two hours timed (start 10:00, stop 12:00) are two hours logged, as `next` counts
    them; a habit recorded with `did`, or a timer still running, is the progress
    that stops the new plan, and the sentence names it (it said "0 item(s) done, 0 h
    logged")."""
    run(runner, "plan", "-r", "complete", "--start", TODAY)
    run(runner, "start", MLPATH_NOW=f"{TODAY}T10:00")
    run(runner, "stop", MLPATH_NOW=f"{TODAY}T12:00")
    refused = run(runner, "plan", "-r", "practical", code=1, MLPATH_NOW=f"{TODAY}T13:00")
    assert "0 items done, 2 h logged" in refused.stderr
    run(runner, "did", "arxiv-titles", MLPATH_NOW=f"{TODAY}T13:00")
    run(runner, "start", MLPATH_NOW=f"{TODAY}T14:00")
    refused = run(runner, "plan", "-r", "practical", code=1, MLPATH_NOW=f"{TODAY}T14:30")
    assert "2 h logged, 1 habit recorded, a timer running." in refused.stderr


def test_a_refused_plan_on_a_roadmap_file_keeps_no_copy(
    runner: CliRunner, tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy of a user's roadmap is kept for the plan made on it: a plan refused
    (the current one has progress) leaves MLPATH_HOME as it was, with no
    `roadmaps/<hash>.yaml` that a sync would then carry."""
    (tmp_path / "my.yaml").write_text(MY_YAML, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run(runner, "plan", "-r", "practical", "--start", TODAY)
    run(runner, "log", "2")
    before = sorted(p.name for p in isolated.rglob("*"))
    run(runner, "plan", "--roadmap", "./my.yaml", code=1)
    assert sorted(p.name for p in isolated.rglob("*")) == before
    run(runner, "plan", "--roadmap", "./my.yaml", "--force")
    assert [p.parent.name for p in isolated.rglob("*.yaml")] == ["roadmaps"]


# --- levels -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "level"),
    [("adv", "advanced"), ("a", "advanced"), ("Inter", "intermediate"), ("BEGINNER", "beginner")],
)
def test_a_level_prefix_is_accepted(runner: CliRunner, given: str, level: str) -> None:
    # Decision: any non-empty prefix, any case (the three levels start with different
    # letters, so a prefix is never ambiguous); `--help` says so.
    assert plan_json(runner, "--dry-run", "-r", "practical", "--level", given)["level"] == level


def test_the_help_documents_the_level_prefix(runner: CliRunner) -> None:
    help_text = " ".join(run(runner, "plan", "--help").stdout.split())
    level = help_text[help_text.index("--level") :]
    # the option's own line says a prefix will do and shows one, and that example works
    assert level.index("prefix") < level.index("-H, --hours")
    example = level[level.index("(-l ") + 1 : level.index(")", level.index("(-l "))]
    assert example == "-l adv"
    assert plan_json(runner, "--dry-run", "-r", "practical", *example.split())["level"] == (
        "advanced"
    )


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--start", "soon"], "soon"),
        (["--start", "2027-02-29"], "2027-02-29"),
        (["--start", "01/02/2027"], "01/02/2027"),
        (["--hours", "0"], "0"),
        (["--hours", "101"], "101"),
        (["--hours", "lots"], "lots"),
        # Fraction reads these; `log` does not, and no one writes hours so
        (["--hours", "1e1"], "1e1"),
        (["--hours", "1_0"], "1_0"),
        (["--hours", "+8"], "+8"),
        (["--roadmap", "nope"], "nope"),
        (["--roadmap", "./missing.yaml"], "./missing.yaml"),
        (["--days", "funday"], "funday"),
        (["--break", "2027-01-10:2027-01-01"], "2027-01-10:2027-01-01"),
        (["--level", "expert"], "expert"),
        (["--level", ""], "--level is empty"),
    ],
)
def test_bad_input_is_a_usage_error(
    runner: CliRunner, isolated: Path, args: list[str], names: str
) -> None:
    result = run(runner, "plan", *args, code=2)
    assert result.stderr.startswith("Error: ")
    assert result.stderr.count("\n") == 1  # one line
    assert names in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""
    assert not state_file(isolated).exists()


def test_bad_input_in_a_real_process() -> None:
    proc = mlpath("plan", "--start", "next blursday")
    assert proc.returncode == 2
    assert proc.stderr.startswith("Error: Cannot read 'next blursday' as a date.")
    assert proc.stderr.count("\n") == 1 and proc.stdout == ""


# --- the table at 80 columns ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["-r", "beginner"],
        ["-r", "intermediate", "-H", "7.5"],
        ["-r", "job-ready", "--days", "mon,wed,sat"],
        ["-r", "complete", "-l", "advanced", "-H", "25", "--break", "2027-03-01:2027-03-10"],
        ["-r", "practical", "-H", "10/3", "--start", "2027-12-20"],
    ],
)
def test_the_table_fits_80_columns(runner: CliRunner, args: list[str]) -> None:
    out = run(runner, "plan", "--dry-run", *args, COLUMNS="80").stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert max(len(line) for line in lines) >= 70  # it did use the width (not a narrow default)
    data = plan_json(runner, "--dry-run", *args)
    # every week has its row: the week number at the start of a table row
    numbers = [ln.split("│")[1].strip() for ln in lines if ln.startswith("│")]
    assert [int(n) for n in numbers if n] == list(range(1, len(data["weeks"]) + 1))
    header = " ".join(lines[:4])
    assert data["roadmap"] in header and f"{len(data['weeks'])} weeks" in header
    start, finish = (date.fromisoformat(data[k]) for k in ("start", "finish"))
    assert f"{start:%d %b %Y}" in header and f"{finish:%d %b %Y}" in header


def test_years_are_shown_where_they_change(runner: CliRunner) -> None:
    # from Mon 2027-12-20 the weeks start Dec 20, Dec 27, Jan 3 2028, ...
    out = run(runner, "plan", "--dry-run", "-r", "practical", "--start", "2027-12-20").stdout
    rows = [ln for ln in out.splitlines() if ln.startswith("│")]
    years = [r for r in rows if r.split("│")[2].strip() in ("2027", "2028")]
    assert len(years) == 2
    assert rows.index(years[1]) == rows.index(years[0]) + 3  # after Dec 20 and Dec 27


# --- a roadmap by path ---------------------------------------------------------------------

MY_YAML = """\
schema: 1
id: my-roadmap
title: My own roadmap
source: {document: notes.md}
summary: Fourteen weeks of my own material.
duration: {text: 14 weeks}
hours_per_week: {value: 10, assumed: true, note: my own figure}
phases:
  - number: 1
    id: basics
    title: Basics
    weeks: {min: 6, max: 6}
    summary: The basics.
    topics:
      - {id: numpy, title: NumPy}
      - {id: pandas, title: pandas}
    milestone: {id: basics-done, title: Load and plot a dataset}
  - number: 2
    id: models
    title: Models
    weeks: {min: 8, max: 8}
    summary: Models.
    projects:
      - {id: titanic, title: Kaggle Titanic}
"""


def test_a_roadmap_by_path_keeps_working(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "my.yaml").write_text(MY_YAML, encoding="utf-8")
    monkeypatch.chdir(work)
    # 14 weeks x 10 h = 140 h; 17.5 h/week = 2.5 h a day -> 56 days -> Feb 28.
    # basics: 60 h -> 24 days -> due day 24 = Jan 27.
    out = run(runner, "plan", "--roadmap", "./my.yaml", "-H", "17.5", "--json")
    data = json.loads(out.stdout)
    assert (data["roadmap"], data["finish"], data["total_hours"]) == (
        "my-roadmap",
        "2027-02-28",
        140,
    )
    assert data["milestones"] == [
        {"id": "basics-done", "title": "Load and plot a dataset", "phase": 1, "due": "2027-01-27"}
    ]
    # the next run, from another folder, in a fresh process
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = mlpath("next", "--json", cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr
    nxt = json.loads(proc.stdout)
    assert nxt["roadmap"] == "my-roadmap" and nxt["next_milestone"]["due"] == "2027-01-27"
    monkeypatch.chdir(elsewhere)
    run(runner, "done", "numpy")
    # the file gone: the copy the plan kept beside the state, with a warning naming it
    (work / "my.yaml").unlink()
    kept = run(runner, "next")
    assert "my.yaml is not here; using the copy kept beside the state" in kept.stderr
    # the copy gone too: a clear failure naming the file, not a traceback
    shutil.rmtree(Path(os.environ["MLPATH_HOME"]) / "roadmaps")
    gone = run(runner, "next", code=1)
    assert "my.yaml" in gone.stderr and "Traceback" not in gone.stderr


def test_exact_hours_through_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    # my.yaml at 10/3 h/week: 140 h / (10/21 h a day) = 294 days; day 294 from Jan 4 2027:
    # day 362 = Dec 31, so day 294 = Dec 31 - 68 days = Oct 24 (Dec 31 -> Oct 31 is 61, -7).
    f = tmp_path / "my.yaml"
    f.write_text(MY_YAML, encoding="utf-8")
    data = plan_json(runner, "--dry-run", "-r", str(f), "-H", "10/3")
    assert data["finish"] == "2027-10-24"
    assert data["total_hours"] == 140
