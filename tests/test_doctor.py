"""`mlpath doctor`: what it finds, what it advises, and `--restore`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlpath.cli.main import app

ROADMAPS = Path(__file__).resolve().parent.parent / "data" / "roadmaps"

TODAY = "2027-02-15"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", TODAY)


def _ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def _checks(runner: CliRunner) -> tuple[int, dict[str, dict[str, Any]]]:
    result = runner.invoke(app, ["doctor", "--json"])
    view = json.loads(result.stdout)
    assert view["ok"] == (result.exit_code == 0)
    return result.exit_code, {c["name"]: c for c in view["checks"]}


def _with_progress(runner: CliRunner) -> None:
    _ok(runner, "plan", "-r", "practical", "--start", "2027-01-04")
    _ok(runner, "done", "python-libraries")
    _ok(runner, "log", "2")


def test_a_fresh_install_is_healthy(runner: CliRunner) -> None:
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0
    assert "does not exist yet: no plan made" in result.stdout
    assert result.stdout.rstrip().endswith("All good.")


def test_a_healthy_plan(runner: CliRunner, isolated: Path) -> None:
    _with_progress(runner)
    code, checks = _checks(runner)
    assert code == 0
    assert {c["status"] for c in checks.values()} == {"ok"}
    assert checks["state file"]["message"] == (
        f"{isolated / 'state.json'}: 3 events; plan: practical, beginner, 10 h/week from "
        "2027-01-04, 1 item done."
    )
    assert "2 events" in checks["backup"]["message"]
    assert "'practical' is unchanged since the plan was made" in checks["roadmap"]["message"]


def test_a_damaged_state_is_diagnosed_and_restored(runner: CliRunner, isolated: Path) -> None:
    _with_progress(runner)
    good_backup = (isolated / "state.json.bak").read_bytes()
    damaged = (isolated / "state.json").read_bytes()[:-40]
    (isolated / "state.json").write_bytes(damaged)

    code, checks = _checks(runner)
    assert code == 1
    assert checks["state file"]["status"] == "problem"
    assert "is not valid JSON" in checks["state file"]["message"]
    assert "`mlpath doctor --restore`" in checks["state file"]["fix"]
    assert checks["backup"]["status"] == "ok"

    result = runner.invoke(app, ["doctor", "--restore", "--yes"])
    assert result.exit_code == 0, result.stderr
    kept = sorted(isolated.glob("state.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert (isolated / "state.json").read_bytes() == good_backup
    assert f"Restored {isolated / 'state.json'}" in result.stdout
    assert _checks(runner)[0] == 0
    _ok(runner, "log", "1")  # and mlpath works again


def test_restore_asks_first(runner: CliRunner, isolated: Path) -> None:
    _with_progress(runner)
    (isolated / "state.json").write_text("{")
    declined = runner.invoke(app, ["doctor", "--restore"], input="n\n")
    assert declined.exit_code == 1
    assert "state.json is damaged. Put back" in declined.stderr
    assert "Nothing was changed." in declined.stderr
    assert (isolated / "state.json").read_text() == "{"
    assert not list(isolated.glob("state.json.damaged-*"))
    accepted = runner.invoke(app, ["doctor", "--restore"], input="y\n")
    assert accepted.exit_code == 0
    assert json.loads((isolated / "state.json").read_bytes())["version"] == 3


def test_restore_with_json_says_everything_as_json(runner: CliRunner, isolated: Path) -> None:
    """`echo n | mlpath doctor --restore --json`: no question text on stderr, the refusal
    as a JSON error; with --yes, what was restored as JSON on stdout."""
    _with_progress(runner)
    (isolated / "state.json").write_text("{")
    declined = runner.invoke(app, ["doctor", "--restore", "--json"], input="n\n")
    assert declined.exit_code == 1 and declined.stdout == ""
    (error,) = [json.loads(line) for line in declined.stderr.splitlines()]
    assert error["exit"] == 1 and "--yes" in error["hint"]
    assert (isolated / "state.json").read_text() == "{"
    restored = runner.invoke(app, ["doctor", "--restore", "--yes", "--json"])
    assert restored.exit_code == 0 and restored.stderr == ""
    (kept,) = isolated.glob("state.json.damaged-*")
    assert json.loads(restored.stdout) == {
        "restored": str(isolated / "state.json"),
        "from": str(isolated / "state.json.bak"),
        "events": 2,
        "kept_as": str(kept),
    }


def test_restore_of_a_healthy_state_goes_back_one_change(runner: CliRunner, isolated: Path) -> None:
    _with_progress(runner)
    result = runner.invoke(app, ["doctor", "--restore"], input="y\n")
    assert "state.json (3 events) is readable; restoring goes back one change" in result.stderr
    assert "(2 events)" in result.stderr and "(2 events)" in result.stdout  # asked, then done
    assert result.exit_code == 0
    assert len(json.loads((isolated / "state.json").read_bytes())["events"]) == 2


def test_restore_without_a_usable_backup_is_refused(runner: CliRunner, isolated: Path) -> None:
    _ok(runner, "plan", "-r", "practical", "--start", "2027-01-04")
    result = runner.invoke(app, ["doctor", "--restore", "--yes"])
    assert result.exit_code == 1
    assert "There is no backup to restore" in result.stderr
    _ok(runner, "log", "1")
    (isolated / "state.json.bak").write_text("not json")
    before = (isolated / "state.json").read_bytes()
    result = runner.invoke(app, ["doctor", "--restore", "--yes"])
    assert result.exit_code == 1
    assert "The backup cannot be restored" in result.stderr
    assert (isolated / "state.json").read_bytes() == before


def test_a_damaged_backup_is_a_warning_while_the_state_is_fine(
    runner: CliRunner, isolated: Path
) -> None:
    _with_progress(runner)
    (isolated / "state.json.bak").write_text("[]")
    code, checks = _checks(runner)
    assert code == 0
    assert checks["backup"]["status"] == "warning"
    assert "next change replaces it" in checks["backup"]["fix"]


def test_a_newer_state_says_upgrade(runner: CliRunner, isolated: Path) -> None:
    isolated.mkdir(parents=True)
    (isolated / "state.json").write_text('{"format": "mlpath-state", "version": 7, "events": []}')
    code, checks = _checks(runner)
    assert code == 1
    assert "written by a newer mlpath" in checks["state file"]["message"]
    assert "Upgrade mlpath" in checks["state file"]["fix"]


def test_a_held_lock_names_its_holder(runner: CliRunner, isolated: Path) -> None:
    _ok(runner, "plan", "-r", "practical", "--start", "2027-01-04")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from mlpath.store.state import store_for\n"
            "with store_for()._locked():\n    print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        code, checks = _checks(runner)
    finally:
        holder.kill()
        holder.wait()
    assert code == 0
    assert checks["lock"]["status"] == "warning"
    assert f"Held by process {holder.pid}" in checks["lock"]["message"]
    assert _checks(runner)[1]["lock"]["status"] == "ok"


def test_a_changed_or_missing_roadmap(runner: CliRunner, tmp_path: Path, isolated: Path) -> None:
    mine = tmp_path / "mine.yaml"
    shutil.copy(ROADMAPS / "practical.yaml", mine)
    _ok(runner, "plan", "-r", str(mine), "--start", "2027-01-04")
    text = mine.read_text(encoding="utf-8")
    mine.write_text(text.replace("A Practical Learning Path", "A Practical Path, revised", 1))
    code, checks = _checks(runner)
    assert code == 0
    assert checks["roadmap"]["status"] == "warning"
    assert "has changed since the plan was made" in checks["roadmap"]["message"]
    mine.unlink()
    # the plan kept a copy of the file as it was planned: a warning, the plan still works
    code, checks = _checks(runner)
    assert code == 0
    assert checks["roadmap"]["status"] == "warning"
    assert f"{mine} is gone from this machine" in checks["roadmap"]["message"]
    shutil.rmtree(isolated / "roadmaps")
    code, checks = _checks(runner)
    assert code == 1
    assert checks["roadmap"]["status"] == "problem"
    assert str(mine) in checks["roadmap"]["message"] + checks["roadmap"]["fix"]


def test_a_changed_bundled_hash_is_a_warning(runner: CliRunner, isolated: Path) -> None:
    _ok(runner, "plan", "-r", "practical", "--start", "2027-01-04")
    state = json.loads((isolated / "state.json").read_bytes())
    state["events"][0]["plan"]["roadmap_hash"] = "0123456789abcdef"
    (isolated / "state.json").write_text(json.dumps(state))
    code, checks = _checks(runner)
    assert code == 0
    assert checks["roadmap"]["status"] == "warning"
    assert (
        "has changed since the plan was made (hash 0123456789abcdef then"
        in (checks["roadmap"]["message"])
    )
    assert "mlpath replan" in checks["roadmap"]["fix"]


def test_a_broken_config_is_a_problem(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "config" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text("hours: lots\n")
    code, checks = _checks(runner)
    assert code == 1
    assert checks["config"]["status"] == "problem"
    assert "config.yaml" in checks["config"]["message"]


def test_temp_files_and_kept_files_are_noted(runner: CliRunner, isolated: Path) -> None:
    _ok(runner, "plan", "-r", "practical", "--start", "2027-01-04")
    (isolated / ".state.json.99999999.0badc0de.tmp").write_text("half")
    (isolated / "state.json.damaged-20270101T000000Z").write_text("old")
    code, checks = _checks(runner)
    assert code == 0
    assert checks["temp files"]["status"] == "note"
    assert ".state.json.99999999.0badc0de.tmp" in checks["temp files"]["message"]
    assert checks["kept files"]["status"] == "note"
    _ok(runner, "log", "1")  # the next change removes the temp file
    assert _checks(runner)[1]["temp files"]["status"] == "ok"


def test_a_read_only_folder_is_a_problem(runner: CliRunner, isolated: Path) -> None:
    _ok(runner, "plan", "-r", "practical", "--start", "2027-01-04")
    prefix: list[str] = []
    if os.geteuid() == 0:  # root writes anywhere unless it drops these capabilities
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv")
        caps = "-dac_override,-dac_read_search,-fowner"
        prefix = [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", "--"]
    isolated.chmod(0o555)
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "mlpath", "doctor", "--json"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        isolated.chmod(0o755)
    assert result.returncode == 1, result.stderr
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["folder"]["status"] == "problem"
    assert "chmod u+w" in checks["folder"]["fix"]


def test_doctor_writes_nothing(runner: CliRunner, isolated: Path) -> None:
    _with_progress(runner)
    (isolated / "state.json").write_text("{")
    before = {p.name: p.read_bytes() for p in isolated.iterdir()}
    runner.invoke(app, ["doctor"])
    runner.invoke(app, ["doctor", "--json"])
    assert {p.name: p.read_bytes() for p in isolated.iterdir()} == before
