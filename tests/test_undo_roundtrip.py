"""`mlpath undo` takes every kind of change back exactly: from a home with a few weeks
of history, each change and then `undo` leave `status`, `next`, `review` and
`export json` as they were (docs/daily.md: "reverts the most recent change; repeat
it to go further back")."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from clirun import invoke

TODAY = "2027-01-20"


def run(home: Path, *args: str, today: str = TODAY, now: str | None = None) -> Any:
    env = {
        "MLPATH_HOME": str(home / "home"),
        "MLPATH_CONFIG_DIR": str(home / "config"),
        "MLPATH_CACHE_DIR": str(home / "cache"),
        "MLPATH_TODAY": today,
        "MLPATH_NOW": now or f"{today}T20:00",
    }
    r = invoke(args, env=env)
    assert r.exit_code == 0, (args, r.output)
    return r


def seen(home: Path, today: str = TODAY) -> dict[str, Any]:
    """Everything a learner or a script reads, as JSON."""
    views = (("status", "--json"), ("next", "--json"), ("review", "--json"), ("export", "json"))
    return {" ".join(v): json.loads(run(home, *v, today=today).stdout) for v in views}


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two weeks on the complete roadmap: logs, ticks, reviews, a timed session, a habit,
    a skip, a note, two replans (one with a deadline)."""
    home = tmp_path_factory.mktemp("history")
    steps: list[tuple[int, tuple[str, ...]]] = [
        (4, ("plan", "--roadmap", "complete", "--hours", "10", "--start", "2027-01-04")),
        (4, ("log", "1.5")),
        (5, ("log", "2")),
        (6, ("done", "programming-fundamentals")),
        (6, ("did", "arxiv-titles")),
        (8, ("review", "programming-fundamentals", "good")),
        (10, ("skip", "statistical-thinking")),
        (11, ("log", "1", "--on", "2027-01-10")),
        (12, ("done", "math-check", "--note", "ok")),
        (13, ("replan", "--hours", "12")),
        (14, ("replan", "--deadline", "csv-stats-assessment=2027-03-01")),
        (16, ("review", "math-check", "hard")),
    ]
    for day, args in steps:
        run(home, *args, today=f"2027-01-{day:02d}")
    run(home, "start", "math-check", today="2027-01-09", now="2027-01-09T10:00")
    run(home, "stop", today="2027-01-09", now="2027-01-09T11:30")
    return home


def copy_of(history: Path, tmp_path: Path) -> Path:
    home = tmp_path / "copy"
    shutil.copytree(history, home)
    return home


CHANGES: dict[str, list[tuple[str, ...]]] = {
    "done": [("done", "csv-stats-assessment")],
    "done-phase": [("done", "1")],
    "note-and-evidence": [("done", "math-check", "--note", "n", "--evidence", "https://e.x")],
    "log-past-day": [("log", "2", "--on", "2027-01-07")],
    "review": [("review", "programming-fundamentals", "easy")],
    "reopen": [("reopen", "programming-fundamentals")],
    "skip": [("skip", "linear-algebra", "--reason", "knew it")],
    "did": [("did", "arxiv-titles", "2")],
    "timer": [("start", "numpy", "--at", "18:00"), ("stop",)],
    "timer-switch": [("start", "numpy", "--at", "18:00"), ("start", "pandas", "--at", "19:00")],
    "timer-cancel": [("start", "numpy", "--at", "18:00"), ("cancel",)],
    "catch-up": [("replan", "--catch-up", "4")],
    "deadline": [("replan", "--deadline", "linear-algebra=2027-02-15")],
    "finish-by": [("replan", "--finish-by", "2029-06-30")],
    "skip-phase": [("replan", "--skip", "2")],
    "new-plan": [("plan", "--roadmap", "practical", "--force")],
    "a-sequence": [("done", "csv-stats-assessment"), ("log", "2"), ("skip", "numpy")],
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_each_change_then_as_many_undos_give_back_what_was_seen(
    name: str, history: Path, tmp_path: Path
) -> None:
    home = copy_of(history, tmp_path)
    before = seen(home)
    changes = CHANGES[name]
    for args in changes:
        run(home, *args)
        if args == changes[0]:
            assert seen(home) != before  # the change was real
    # one undo each, a timer's switch too (`start --help`: "one undo")
    for _ in changes:
        run(home, "undo")
    assert seen(home) == before


def test_an_undo_the_next_day_takes_back_yesterdays_change(history: Path, tmp_path: Path) -> None:
    home = copy_of(history, tmp_path)
    before = seen(home, "2027-01-21")
    run(home, "start", "numpy", now="2027-01-20T23:50")
    assert "start the timer on numpy" in run(home, "undo", today="2027-01-21").stdout
    assert seen(home, "2027-01-21") == before


def test_a_config_change_is_not_what_undo_takes_back(history: Path, tmp_path: Path) -> None:
    home = copy_of(history, tmp_path)
    run(home, "config", "set", "hours", "5")
    assert "stop the timer at 2027-01-09 11:30" in run(home, "undo").stdout
    assert "hours: 5" in (home / "config" / "config.yaml").read_text()


def test_undo_of_a_timer_switch_names_both_halves(history: Path, tmp_path: Path) -> None:
    """Its message said "and 1 more change", leaving the learner guessing."""
    home = copy_of(history, tmp_path)
    run(home, "start", "numpy", now="2027-01-20T09:00")
    run(home, "start", "pandas", now="2027-01-20T10:00")
    out = json.loads(run(home, "undo", "--json").stdout)["undid"]["what"]
    assert "stop the timer at 2027-01-20 10:00" in out
    assert "start the timer on pandas at 2027-01-20 10:00" in out


def test_after_a_merge_undo_takes_the_latest_change_and_restore_the_merge(
    history: Path, tmp_path: Path
) -> None:
    """docs/machines.md: a merge is not a change undo takes back; `doctor --restore` is."""
    home = copy_of(history, tmp_path)
    other = tmp_path / "other"
    shutil.copytree(history, other)
    shutil.rmtree(other / "cache")  # another machine: its own id
    run(home, "log", "1")
    run(other, "done", "csv-stats-assessment")  # recorded after the log
    state = home / "home" / "state.json"
    before = state.read_bytes()
    run(home, "merge", str(other / "home" / "state.json"))
    # the other machine's tick is the latest change: undo reverts it, not the merge
    undone = tmp_path / "undone"
    shutil.copytree(home, undone)
    assert "done csv-stats-assessment" in run(undone, "undo").stdout
    assert "log 1 h" in run(undone, "undo").stdout
    # `doctor --restore` puts back the state from just before the merge
    run(home, "doctor", "--restore", "--yes")
    assert state.read_bytes() == before


def test_undo_after_a_merge_takes_back_one_machines_command_only(
    history: Path, tmp_path: Path
) -> None:
    """Both copies' next two-event commands got the same `batch` (the seq each would
    give its first event): one undo of the other machine's timer switch also un-ticked
    the phase ticked here."""
    home = copy_of(history, tmp_path)
    other = tmp_path / "other"
    shutil.copytree(history, other)
    shutil.rmtree(other / "cache")  # another machine: its own id
    run(home, "log", "1")
    run(home, "done", "1")  # three items ticked in one command
    run(other, "start", "numpy", "--at", "18:00")
    run(other, "start", "pandas", "--at", "19:00")  # a switch: stop + start
    run(home, "merge", str(other / "home" / "state.json"))
    undid = json.loads(run(home, "undo", "--json").stdout)["undid"]
    assert len(undid["seqs"]) == 2
    assert "start the timer on pandas" in undid["what"]
    items = {i["id"]: i["status"] for i in seen(home)["export json"]["items"]}
    assert items["linear-algebra"] == items["probability-statistics"] == "done"
