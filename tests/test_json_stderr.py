"""With `--json`, every line on stderr is JSON: an error's `{"error", "hint", "exit"}`,
and each warning or note `{"warning": ...}` (docs/scripting.md). Scripts read stdout as
data and may read stderr line by line as data too; text mode is unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import Cli

TODAY = "2026-03-01"


def run(tmp_path: Path, *args: str, fast: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "MLPATH_HOME": str(tmp_path / "home"),
        "MLPATH_CONFIG_DIR": str(tmp_path / "config"),
        "MLPATH_CACHE_DIR": str(tmp_path / "cache"),
        "MLPATH_TODAY": TODAY,
    }
    if not fast:
        env["MLPATH_NO_FASTPATH"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "mlpath", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def json_lines(text: str) -> list[dict[str, object]]:
    """Each line of stderr as the JSON object it must be."""
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "typer"])
def test_warnings_and_notes_are_json_with_json(tmp_path: Path, fast: bool) -> None:
    r = run(tmp_path, "plan", "-r", "practical", "--start", "2026-01-01", "--json", fast=fast)
    assert r.returncode == 0, r.stderr
    json.loads(r.stdout)
    warnings = json_lines(r.stderr)
    assert warnings and all(set(w) == {"warning"} for w in warnings)
    assert any("weeks ago" in str(w["warning"]) for w in warnings)
    # a retired config key's notice, and a conflict copy waiting beside the state
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.yaml").write_text("week_start: monday\n")
    state = tmp_path / "home" / "state.json"
    (tmp_path / "home" / "state (conflicted copy).json").write_bytes(state.read_bytes())
    for args in (("next", "--json"), ("status", "--json")):
        r = run(tmp_path, *args, fast=fast)
        assert r.returncode == 0, r.stderr
        json.loads(r.stdout)
        notes = [str(w["warning"]) for w in json_lines(r.stderr)]
        assert any("week_start" in n for n in notes), notes
        assert any("mlpath merge" in n for n in notes), notes


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "typer"])
def test_warnings_stay_text_without_json(tmp_path: Path, fast: bool) -> None:
    r = run(tmp_path, "plan", "-r", "practical", "--start", "2026-01-01", fast=fast)
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith("Warning: This plan starts ")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.yaml").write_text("week_start: monday\n")
    r = run(tmp_path, "next", fast=fast)
    assert r.returncode == 0 and r.stderr.startswith("Note: ")


def test_an_ambiguous_item_lists_its_candidates_as_data(cli: Cli) -> None:
    """A title, a near miss or a shared id prefix names several items: off a terminal
    the error exits 2 with them, as `candidates` ({"id", "title"}, best first)."""
    today = "2027-01-04"
    assert cli("plan", "-r", "practical", "-s", today, today=today).exit_code == 0
    for args in (
        ("done", "project"),  # in three titles
        ("done", "deplyment"),  # a near miss of two
        ("done", "s"),  # the start of five ids
        ("skip", "project"),
        ("log", "1", "--item", "project"),
    ):
        r = cli(*args, "--json", today=today)
        assert r.exit_code == 2 and r.stdout == ""
        (data,) = json_lines(r.stderr)
        assert set(data) == {"error", "hint", "exit", "candidates"}
        candidates = data["candidates"]
        assert isinstance(candidates, list) and len(candidates) >= 2
        for c in candidates:
            assert set(c) == {"id", "title"}
            assert c["id"] in str(data["error"])  # the ones the sentence names
        text = cli(*args, today=today)  # text mode: the sentence as it was
        assert text.exit_code == 2 and text.stderr.startswith(f"Error: {data['error']}")
    r = cli("done", "project", "--json", today=today)
    ids = [c["id"] for c in json_lines(r.stderr)[0]["candidates"]]  # type: ignore[union-attr]
    assert ids == ["supervised-tabular-project", "specialization-project", "deployment-project"]
