"""State over time (fourth round): what a compaction, a migration or a killed save
leaves must read exactly as the history it stands for."""

from __future__ import annotations

import errno
import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    ("code", "told", "not_told"),
    [
        (errno.EROFS, "Remount the folder writable", "Free some space"),
        (errno.ENOSPC, "Free some space", "permissions"),
    ],
)
def test_a_failed_save_says_what_to_do_about_its_cause(
    cli: Cli, isolated: Path, monkeypatch: pytest.MonkeyPatch, code: int, told: str, not_told: str
) -> None:
    """A save refused by a read-only file system said "Free some space or fix the
    folder's permissions", neither of which helps there; a full disk is told to free
    space only. The state stays as it was."""
    import mlpath.store.state as storage

    assert cli("plan", "-r", "practical", "-s", "2027-01-04", today="2027-01-10").exit_code == 0
    before = (isolated / "state.json").read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage, "atomic_write_bytes", refuse)
    got = cli("log", "1", today="2027-01-10")
    assert got.exit_code == 1
    assert told in got.stderr and not_told not in got.stderr
    assert len(got.stderr.strip().splitlines()) == 1
    assert (isolated / "state.json").read_bytes() == before


def test_a_restore_the_disk_refuses_leaves_no_damaged_copy(
    cli: Cli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`doctor --restore` on a full disk says "nothing was changed": it left a
    state.json.damaged-<time> beside the untouched state, a copy of a file that was
    neither damaged nor replaced."""
    import mlpath.store.state as storage

    assert cli("plan", "-r", "practical", "-s", "2027-01-04", today="2027-01-10").exit_code == 0
    assert cli("log", "1", today="2027-01-10").exit_code == 0
    before = sorted((p.name, p.read_bytes()) for p in isolated.iterdir())

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage, "atomic_write_bytes", refuse)
    got = cli("doctor", "--restore", "--yes", today="2027-01-10")
    assert got.exit_code == 1
    assert "nothing was changed" in got.stderr
    assert sorted((p.name, p.read_bytes()) for p in isolated.iterdir()) == before


def test_next_line_and_json_together_are_a_usage_error(cli: Cli) -> None:
    """`next --line --json` printed the prompt line, not JSON, to a script that asked
    for JSON (as `status --watch --json` is, it is a usage error, in JSON)."""
    assert cli("plan", "-r", "practical", "-s", "2027-01-04", today="2027-01-10").exit_code == 0
    got = cli("next", "--line", "--json", today="2027-01-10")
    assert got.exit_code == 2
    assert got.stdout == ""
    error = json.loads(got.stderr)
    assert "--line" in error["error"] and error["exit"] == 2
