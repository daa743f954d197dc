"""State over time (fourth round): what a compaction, a migration or a killed save
leaves must read exactly as the history it stands for."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from clirun import Cli
from mlpath.core.compaction import compact
from mlpath.store.state import Store

START = date(2027, 1, 4)


def _compact(home: Path, keep: int) -> None:
    """What a write past COMPACT_AT events does, on a short history: all but the last
    `keep` events fold into the snapshot, archived first."""
    store = Store(home)
    with store.transaction() as state:
        moved = compact(state, keep=keep)
        assert moved and store.archive(moved)


def test_a_compacted_replan_keeps_the_weeks_before_it_their_planned_hours(
    cli: Cli, isolated: Path
) -> None:
    """practical, intermediate, 14 h/week (2 h a day) from Mon 2027-01-04, logged in
    full for two weeks, replanned on Wed 01-20 at 7 h/week: weeks 1 and 2 stay planned
    at 14 h and week 3 at 9 h (test_past_days). Once the replan is folded into the
    snapshot, `status --json` must read the same ("Nothing you see changes",
    docs/data.md): it said weeks 1 and 2 were planned at 0 h and week 3 at 5 h."""
    plan = ("plan", "-r", "practical", "-l", "intermediate", "-H", "14")
    got = cli(*plan, "-s", "2027-01-04", "--review-minutes", "0", today="2027-01-04")
    assert got.exit_code == 0, got.output
    for n in range(14):
        assert cli("log", "2", today=(START + timedelta(days=n)).isoformat()).exit_code == 0
    assert cli("replan", "--hours", "7", today="2027-01-20").exit_code == 0
    assert cli("log", "1", today="2027-01-20").exit_code == 0
    before = {
        args: cli(*args, today="2027-01-22").output
        for args in (("status", "--json"), ("next", "--json"), ("export", "json"))
    }
    _compact(isolated, keep=1)
    assert "snapshot" in json.loads((isolated / "state.json").read_text())
    for args, shown in before.items():
        assert cli(*args, today="2027-01-22").output == shown, args
    study = json.loads(before[("status", "--json")])["study"]
    assert [w["planned"] for w in study["weeks"]] == [14, 14, 9]


def test_doctor_on_a_home_that_is_a_file_says_to_point_it_at_a_folder(
    cli: Cli, tmp_path: Path
) -> None:
    """MLPATH_HOME naming a file: every command says to point it at a folder, and so
    must doctor's fix; it said to move `FILE/state.json` aside, a file that cannot
    exist, or to repair it by hand."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine\n")
    got = cli("doctor", "--json", env={"MLPATH_HOME": str(blocker)})
    assert got.exit_code == 1
    check = next(c for c in json.loads(got.stdout)["checks"] if c["name"] == "state file")
    assert check["status"] == "problem"
    assert "MLPATH_HOME" in check["fix"] and "aside" not in check["fix"]
    assert blocker.read_text() == "mine\n"
