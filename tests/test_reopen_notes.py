"""`reopen` and notes after the fact: two changes that are events like any other.

The plan is the bundled `practical` roadmap, intermediate (its 26 weeks), at
15 h/week, every day, from Monday 2027-01-04, with no review time (figures by
hand):

- phase 1 (no milestone): python-libraries, statistics, linear-algebra, 30 h each;
- phase 2: regression, classification, model-evaluation (topics, 30 h each),
  supervised-tabular-project (project, 30 h) and the milestone
  supervised-baseline (0 h): the phase is 120 h.

Completed effort is read from `next --json` (`pace.completed_hours`).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from clirun import Cli
from mlpath.app.actions import mark_done, reopen_item, undo_last
from mlpath.app.export_markdown import export_portfolio
from mlpath.app.session import load_active
from mlpath.core import compaction
from mlpath.core import ledger as sm
from mlpath.render.change import change_lines
from mlpath.store.state import Store

TODAY = "2027-02-20"
WHEN = date(2027, 2, 20)


@pytest.fixture
def store(cli: Cli, isolated: Path) -> Store:
    r = cli(
        "plan", "-r", "practical", "-l", "intermediate", "-H", "15", "-s", "2027-01-04",
        "--review-minutes", "0",
        today=TODAY,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    return Store(isolated)


def done(store: Store, *items: str, on: str = "2027-02-01", **notes: str) -> list[str]:
    return change_lines(
        mark_done(
            store, WHEN, list(items), on=on, note=notes.get("note"), evidence=notes.get("evidence")
        ).steps
    )


def completed(cli: Cli) -> float:
    r = cli("next", "--json", today=TODAY)
    assert r.exit_code == 0, r.stderr
    value: float = json.loads(r.stdout)["pace"]["completed_hours"]
    return value


def done_items(store: Store) -> dict[str, str]:
    led = sm.fold_state(store.read())
    return {k: d.on.isoformat() for k, d in led.done.items()}


def events(store: Store) -> list[dict[str, Any]]:
    evs: list[dict[str, Any]] = store.read()["events"]
    return evs


# --- reopen ----------------------------------------------------------------------------------


def test_reopen_one_item_keeps_what_came_after(cli: Cli, store: Store) -> None:
    done(store, "python-libraries", on="2027-01-10")
    done(store, "statistics", on="2027-01-20")
    assert cli("log", "2", today=TODAY).exit_code == 0
    assert completed(cli) == 60  # 30 + 30
    result = reopen_item(store, WHEN, "python-libraries")
    assert result.view["reopened"][0]["id"] == "python-libraries"
    assert "Reopened: Python libraries" in change_lines(result.steps)[0]
    # statistics (done later) and the log (later still) are untouched
    assert done_items(store) == {"statistics": "2027-01-20"}
    assert sm.fold_state(store.read()).logged_total == 2
    assert completed(cli) == 30
    assert events(store)[-1]["type"] == "reopen"
    assert events(store)[-1]["on"] == TODAY
    # undo ticks it again, with its first date
    undid = undo_last(store, WHEN)
    assert undid.view["undid"]["what"] == f"reopen python-libraries (on {TODAY})"
    assert done_items(store) == {"python-libraries": "2027-01-10", "statistics": "2027-01-20"}
    assert completed(cli) == 60


def test_reopen_what_is_not_done_changes_nothing(cli: Cli, store: Store) -> None:
    before = store.path.read_bytes()
    result = reopen_item(store, WHEN, "statistics")
    assert change_lines(result.steps)[0] == "Not done: Statistics (statistics); nothing changed."
    assert result.view["reopened"] == []
    assert store.path.read_bytes() == before


def test_reopen_a_milestone_opens_what_it_completed(cli: Cli, store: Store) -> None:
    done(store, "regression", on="2027-01-25")  # ticked on its own
    done(store, "2", on="2027-02-10")  # the milestone completes the other three
    assert completed(cli) == 120
    result = reopen_item(store, WHEN, "supervised-baseline")
    text = "\n".join(change_lines(result.steps))
    assert "Phase 2 is open again." in text
    assert (
        "Open again with it: classification, model-evaluation, supervised-tabular-project." in text
    )
    assert "Still done (ticked on their own): regression." in text
    assert done_items(store) == {"regression": "2027-01-25"}
    assert completed(cli) == 30
    undo_last(store, WHEN)
    assert completed(cli) == 120


def test_reopen_an_item_its_milestone_completed_reopens_it_alone(cli: Cli, store: Store) -> None:
    done(store, "regression", on="2027-01-25")
    done(store, "2", on="2027-02-10")
    result = reopen_item(store, WHEN, "classification")
    assert "and with it the phase's milestone supervised-baseline" in change_lines(result.steps)[0]
    # the milestone is open; the phase's other items keep the milestone's day
    assert done_items(store) == {
        "regression": "2027-01-25",
        "model-evaluation": "2027-02-10",
        "supervised-tabular-project": "2027-02-10",
    }
    assert completed(cli) == 90  # 120 - classification's 30
    # one undo reverts the whole command
    undid = undo_last(store, WHEN)
    assert len(undid.view["undid"]["seqs"]) == 3  # reopen + two done events
    assert done_items(store) == {"regression": "2027-01-25", "supervised-baseline": "2027-02-10"}
    assert completed(cli) == 120


def test_reopen_then_done_again_starts_a_fresh_review_card(cli: Cli, store: Store) -> None:
    done(store, "python-libraries", on="2027-01-10")
    assert (
        cli("review", "python-libraries", "good", "--on", "2027-01-12", today=TODAY).exit_code == 0
    )
    reopen_item(store, WHEN, "python-libraries")
    assert sm.fold_state(store.read()).reviews == {}
    done(store, "python-libraries", on="2027-02-15")
    led = sm.fold_state(store.read())
    assert led.reviews == {}
    assert led.done["python-libraries"].on.isoformat() == "2027-02-15"


# --- notes and evidence after the fact -------------------------------------------------------


def test_notes_on_a_done_item_are_recorded_and_undone(cli: Cli, store: Store) -> None:
    project = "supervised-tabular-project"
    done(store, project, on="2027-02-01", note="first try")
    lines = done(store, project, note="AUC 0.91", evidence="https://github.com/me/tabular")
    assert lines[0].startswith("Recorded the note and evidence for ")
    assert lines[0].endswith(f"({project}).")
    assert events(store)[-1]["type"] == "annotate"
    active = load_active(store, WHEN)
    portfolio = export_portfolio(active)
    assert "> AUC 0.91" in portfolio
    assert "https://github.com/me/tabular" in portfolio
    assert "first try" not in portfolio
    # the date it was done does not move
    assert done_items(store) == {project: "2027-02-01"}
    undid = undo_last(store, WHEN)
    assert undid.view["undid"]["what"] == f"note and evidence for {project}"
    portfolio = export_portfolio(load_active(store, WHEN))
    assert "> first try" in portfolio
    assert "Evidence:" not in portfolio


def test_only_the_evidence_given_changes(cli: Cli, store: Store) -> None:
    done(store, "statistics", note="kept")
    done(store, "statistics", evidence="notes/stats.ipynb")
    led = sm.fold_state(store.read())
    assert (led.done["statistics"].note, led.done["statistics"].evidence) == (
        "kept",
        "notes/stats.ipynb",
    )
    # the same again changes nothing
    before = store.path.read_bytes()
    lines = done(store, "statistics", evidence="notes/stats.ipynb")
    assert lines[0].startswith("Already done: Statistics (statistics) on 2027-02-01")
    assert store.path.read_bytes() == before


def test_notes_on_an_item_its_milestone_completed(cli: Cli, store: Store) -> None:
    done(store, "2", on="2027-02-10")
    done(store, "supervised-tabular-project", note="shipped", evidence="https://x.example/p")
    led = sm.fold_state(store.read())
    d = led.done["supervised-tabular-project"]
    assert (d.on.isoformat(), d.note, d.evidence) == (
        "2027-02-10",
        "shipped",
        "https://x.example/p",
    )
    assert completed(cli) == 120  # nothing else moved


def test_status_json_shows_the_latest_milestone_note(cli: Cli, store: Store) -> None:
    done(store, "2", on="2027-02-10", note="baseline at 0.8")
    done(store, "2", note="baseline at 0.85")
    r = cli("status", "--json", today=TODAY)
    ms = {m["id"]: m for m in json.loads(r.stdout)["milestones"]}
    assert ms["supervised-baseline"]["note"] == "baseline at 0.85"
    assert ms["supervised-baseline"]["evidence"] is None


def test_export_json_shows_the_latest_note(cli: Cli, store: Store) -> None:
    done(store, "statistics", note="old")
    done(store, "statistics", note="new")
    r = cli("export", "json", today=TODAY)
    items = {i["id"]: i for i in json.loads(r.stdout)["items"]}
    assert items["statistics"]["note"] == "new"


# --- the events' shape, and compaction ----------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "problem"),
    [
        ({"type": "reopen", "item": "x"}, "event 1 lacks an item or a date"),
        ({"type": "reopen", "on": "2027-01-01"}, "event 1 lacks an item or a date"),
        ({"type": "annotate", "item": "x"}, "event 1 has neither a note nor evidence"),
        ({"type": "annotate", "note": "n"}, "event 1 lacks an item"),
        ({"type": "annotate", "item": "x", "note": 3}, "event 1 has a note that is not text"),
    ],
)
def test_malformed_reopen_and_annotate_events(event: dict[str, Any], problem: str) -> None:
    state = {
        "events": [{"seq": 1, "id": "0123456789abcdef", "at": "2027-01-01T00:00:00Z", **event}]
    }
    assert sm.check_state(state) == problem


def test_compaction_keeps_the_latest_note(cli: Cli, store: Store) -> None:
    done(store, "statistics", note="old", evidence="a")
    done(store, "statistics", note="new")
    done(store, "python-libraries")
    reopen_item(store, WHEN, "python-libraries")
    state = store.read()
    before = sm.fold_state(state)
    compaction.compact(state, keep=0)
    after = sm.fold_state(state)
    assert sm.check_state(state) is None
    assert after.done == before.done
    assert (after.done["statistics"].note, after.done["statistics"].evidence) == ("new", "a")
    assert "python-libraries" not in after.done


# --- through the CLI -----------------------------------------------------------------------------


def test_reopen_and_late_notes_on_the_command_line(cli: Cli, store: Store) -> None:
    """The issue's "done when": reopen and late evidence work, and undo reverts them."""
    assert cli("done", "statistics", "--on", "2027-02-01", today=TODAY).exit_code == 0
    assert cli("log", "2", today=TODAY).exit_code == 0
    r = cli("reopen", "stat", today=TODAY)  # a unique id prefix, as for done
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("Reopened: Statistics (topic statistics, phase 1).\n")
    assert "`mlpath undo` ticks it again." in r.stdout
    assert done_items(store) == {}
    assert sm.fold_state(store.read()).logged_total == 2  # the later log stays
    undo = json.loads(cli("undo", "--json", today=TODAY).stdout)
    assert undo["undid"]["what"] == f"reopen statistics (on {TODAY})"
    assert done_items(store) == {"statistics": "2027-02-01"}

    r = cli("done", "statistics", "--evidence", "https://x.example/stats", today=TODAY)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("Recorded the evidence for Statistics (statistics).\n")
    items = {i["id"]: i for i in json.loads(cli("export", "json", today=TODAY).stdout)["items"]}
    assert items["statistics"]["evidence"] == "https://x.example/stats"
    assert cli("undo", today=TODAY).stdout.startswith("Undid: evidence for statistics.")
    items = {i["id"]: i for i in json.loads(cli("export", "json", today=TODAY).stdout)["items"]}
    assert items["statistics"]["evidence"] is None


def test_reopen_json_and_errors(cli: Cli, store: Store) -> None:
    r = cli("reopen", "regression", "--json", today=TODAY)
    assert r.exit_code == 0
    assert json.loads(r.stdout)["reopened"] == []
    r = cli("reopen", "nosuchthing", today=TODAY)
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: No item matches 'nosuchthing'.")
    r = cli("reopen", today=TODAY)
    assert r.exit_code == 2  # ITEM is required


def test_reopen_through_the_fast_path(tmp_path: Path, isolated: Path, store: Store) -> None:
    import os
    import subprocess
    import sys

    done(store, "statistics")
    env = {**os.environ, "MLPATH_TODAY": TODAY}
    r = subprocess.run(
        [sys.executable, "-m", "mlpath", "reopen", "statistics"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Reopened: Statistics")
    assert done_items(store) == {}


def test_reopen_by_a_near_miss_asks_first(cli: Cli, store: Store) -> None:
    """The one resolver: a title or a near miss never acts off a terminal (exit 2)."""
    done(store, "statistics")
    before = store.path.read_bytes()
    r = cli("reopen", "statistcs", today=TODAY)
    assert r.exit_code == 2
    assert "statistics" in r.stderr
    assert store.path.read_bytes() == before
