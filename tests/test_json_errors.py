"""With `--json`, an error is one JSON object alone on stderr, for scripts.

`{"error": the sentence, "hint": what to do or null, "exit": the exit code}`,
usage errors included (PRODUCT.md), and nothing else on stderr or stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import Cli
from mlpath.errors import MlpathError, RoadmapError, UsageError, error_json, exc_json


def test_an_error_as_one_json_line() -> None:
    text = exc_json(UsageError("No item matches 'x'.", "Did you mean y?"))
    assert text.endswith("\n") and text.count("\n") == 1
    assert json.loads(text) == {
        "error": "No item matches 'x'.",
        "hint": "Did you mean y?",
        "exit": 2,
    }
    assert json.loads(exc_json(MlpathError("There is nothing to undo."))) == {
        "error": "There is nothing to undo.",
        "hint": None,
        "exit": 1,
    }


def test_a_roadmap_error_lists_its_problems() -> None:
    exc = RoadmapError(["a.yaml:3: phases[0].title: missing", "a.yaml:9: id: not kebab-case"])
    data = json.loads(exc_json(exc))
    assert data["error"] == "a.yaml:3: phases[0].title: missing (and 1 more)"
    assert data["problems"] == [
        "a.yaml:3: phases[0].title: missing",
        "a.yaml:9: id: not kebab-case",
    ]
    assert data["exit"] == 1


def test_non_ascii_survives() -> None:
    assert json.loads(error_json("“quoted” — café", None, 2))["error"] == "“quoted” — café"


# --- through the CLI -----------------------------------------------------------------------------

TODAY = "2027-02-20"


def json_error(r: object) -> dict[str, object]:
    """stderr is exactly one JSON object; stdout is empty."""
    assert r.stdout == "", r.stdout  # type: ignore[attr-defined]
    text: str = r.stderr  # type: ignore[attr-defined]
    assert text.count("\n") == 1, text
    data: dict[str, object] = json.loads(text)
    assert set(data) == {"error", "hint", "exit"}
    assert data["exit"] == r.exit_code  # type: ignore[attr-defined]
    return data


def test_an_mlpath_error_with_json(cli: Cli) -> None:
    data = json_error(cli("next", "--json", today=TODAY))
    assert data == {
        "error": "There is no active plan yet.",
        "hint": "Make one with `mlpath plan` (see `mlpath plan --help`).",
        "exit": 1,
    }


@pytest.mark.parametrize(
    "args",
    [
        ("log", "1", "--onn", "today", "--json"),  # an unknown option
        ("done", "--json"),  # a missing argument
        ("nxt", "--json"),  # an unknown command
        ("--bogus", "next", "--json"),  # an unknown global option
        ("status", "--width", "10", "--json"),  # a value out of range
    ],
)
def test_usage_errors_with_json(cli: Cli, args: tuple[str, ...]) -> None:
    r = cli(*args, today=TODAY)
    assert r.exit_code == 2
    data = json_error(r)
    assert isinstance(data["error"], str) and data["error"]
    assert isinstance(data["hint"], str) and "--help" in data["hint"]


def test_mlpath_usage_errors_with_json(cli: Cli) -> None:
    assert cli("plan", "-r", "practical", "-s", "2027-01-04", today=TODAY).exit_code == 0
    data = json_error(cli("done", "nosuchthing", "--json", today=TODAY))
    assert data["exit"] == 2
    assert data["error"] == "No item matches 'nosuchthing'."


def test_without_json_errors_stay_text(cli: Cli) -> None:
    r = cli("next", today=TODAY)
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: There is no active plan yet.")
    r = cli("log", "1", "--onn", "today", today=TODAY)
    assert r.exit_code == 2 and not r.stderr.startswith("{")


def test_a_text_error_wraps_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal an error wraps to its width; captured (a script, a log) it stays
    one line per message."""
    import io

    from mlpath.errors import show_exc

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    exc = MlpathError(
        "There is no active plan yet.", "Make one with `mlpath plan` (see `mlpath plan --help`)."
    )
    monkeypatch.setenv("COLUMNS", "40")
    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    show_exc(exc)
    assert tty.getvalue() == (
        "Error: There is no active plan yet. Make\n"  # 40 cells
        "  one with `mlpath plan` (see\n"  # an inline command is never split (issue 24)
        "  `mlpath plan --help`).\n"
    )
    captured = io.StringIO()
    monkeypatch.setattr(sys, "stderr", captured)
    show_exc(exc)
    assert captured.getvalue() == f"Error: {exc}\n"


def test_json_errors_through_the_fast_path_and_typer(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "MLPATH_HOME": str(tmp_path / "home"),
        "MLPATH_CONFIG_DIR": str(tmp_path / "config"),
        "MLPATH_TODAY": TODAY,
    }
    for extra in ({}, {"MLPATH_NO_FASTPATH": "1"}):
        for args, code in ((["next", "--json"], 1), (["log", "1", "--onn", "x", "--json"], 2)):
            r = subprocess.run(
                [sys.executable, "-m", "mlpath", *args],
                env={**env, **extra},
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert r.returncode == code, r.stderr
            assert r.stdout == ""
            assert json.loads(r.stderr)["exit"] == code


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "typer"])
def test_json_errors_follow_the_parsed_command_not_the_words(tmp_path: Path, fast: bool) -> None:
    """`--json` as the value of --note is a note: that command is in text mode, and so is
    its error (there is no plan yet: exit 1)."""
    env = {**os.environ, "MLPATH_HOME": str(tmp_path / "empty"), "MLPATH_TODAY": "2027-01-04"}
    if not fast:
        env["MLPATH_NO_FASTPATH"] = "1"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mlpath", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    noted = run("log", "1", "--note", "--json")
    assert noted.returncode == 1 and noted.stderr.startswith("Error: ")
    asked = run("log", "1", "--json", "--note", "x")
    assert asked.returncode == 1 and json.loads(asked.stderr)["exit"] == 1
    after_dashes = run("done", "--", "--json")
    assert after_dashes.returncode == 1 and after_dashes.stderr.startswith("Error: ")
