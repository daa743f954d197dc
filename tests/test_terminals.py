"""The terminals learners really have: a stdout whose encoding is not UTF-8
(PYTHONIOENCODING=ascii or latin-1, an old SSH session), a reader that leaves a
pipe early. Each case is the real command run as a process with that environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TODAY = "2027-02-15"


def mlpath(
    *args: str, home: Path, stdout: int | None = None, **env: str
) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, "MLPATH_HOME": str(home), "MLPATH_TODAY": TODAY, **env}
    full.pop("NO_COLOR", None)
    full.pop("FORCE_COLOR", None)
    full.pop("MLPATH_NOW", None)
    return subprocess.run(
        [sys.executable, "-m", "mlpath", *args],
        env=full,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    plan = ("plan", "-r", "complete", "-l", "intermediate", "-H", "10", "-s", "2027-01-04")
    r = mlpath(*plan, home=tmp_path, MLPATH_TODAY="2027-01-04")
    assert r.returncode == 0, r.stderr
    return tmp_path


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "command",
    [
        ("status", "--json"),
        ("roadmaps", "--json"),
        ("roadmaps", "show", "complete", "--json"),
        ("replan", "--dry-run", "--json"),
    ],
)
def test_json_reaches_a_stdout_that_cannot_show_its_text(
    home: Path, encoding: str, command: tuple[str, ...]
) -> None:
    # "2025–2026" in a title cannot be written in ASCII or Latin-1: the same document
    # comes out with \u escapes (still JSON), not an internal error
    utf8 = mlpath(*command, home=home, PYTHONIOENCODING="utf-8")
    assert utf8.returncode == 0, utf8.stderr
    r = mlpath(*command, home=home, PYTHONIOENCODING=encoding)
    assert r.returncode == 0, r.stderr
    assert r.stderr == b""
    assert json.loads(r.stdout.decode("ascii")) == json.loads(utf8.stdout.decode("utf-8"))


def test_next_line_on_an_ascii_stdout(home: Path) -> None:
    r = mlpath("next", "--line", home=home, PYTHONIOENCODING="ascii")
    assert r.returncode == 0, r.stderr
    line = r.stdout.decode("ascii")
    assert line.startswith("next programming-fundamentals ") and line.endswith(" behind 42d\n")
    assert "?" not in line  # the separators degrade to ASCII, not to question marks


def test_plain_screens_degrade_to_ascii_look_alikes_not_question_marks(home: Path) -> None:
    nxt = mlpath("next", home=home, PYTHONIOENCODING="ascii")
    assert nxt.returncode == 0, nxt.stderr
    text = nxt.stdout.decode("ascii")
    assert "\n  * Programming Fundamentals  programming-fundamentals . topic" in text
    assert "Pace behind by 42 days - run `mlpath replan`" in text
    assert "?" not in text
    table = mlpath("roadmaps", home=home, PYTHONIOENCODING="ascii")
    assert table.returncode == 0, table.stderr
    rows = table.stdout.decode("ascii").splitlines()
    assert "?" not in "".join(rows)
    assert any(row.startswith("| beginner ") for row in rows)  # the table's rules too
    latin = mlpath("next", home=home, PYTHONIOENCODING="latin-1")
    # a character Latin-1 has (the middle dot) stays; the dash it lacks degrades
    assert "programming-fundamentals · topic" in latin.stdout.decode("latin-1")
    assert "Pace behind by 42 days - run" in latin.stdout.decode("latin-1")


def test_status_watch_into_a_pipe_nobody_reads_exits_quietly(home: Path) -> None:
    # `mlpath status --watch | head -5`: once head leaves, the watch ends as every
    # other command does with a closed pipe: exit 0, nothing on stderr
    read, write = os.pipe()
    os.close(read)
    try:
        r = mlpath("status", "--watch", home=home, stdout=write)
    finally:
        os.close(write)
    assert (r.returncode, r.stderr) == (0, b"")


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "typer"])
def test_a_failure_keeps_its_exit_code_into_a_closed_pipe(tmp_path: Path, fast: bool) -> None:
    """`mlpath cohort EMPTY | head`: the reader leaving early is no success. A command
    that failed still exits 1 when its output pipe is closed; its error still shows."""
    empty = tmp_path / "empty"
    empty.mkdir()
    good = Path(__file__).resolve().parent.parent / "data" / "roadmaps" / "practical.yaml"
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\n")
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "state.json").write_text("{not json")
    env = {} if fast else {"MLPATH_NO_FASTPATH": "1"}
    cases = [
        (("cohort", str(empty)), tmp_path, 1),
        (("cohort", str(empty), "--json"), tmp_path, 1),
        (("roadmaps", "validate", str(good), str(broken)), tmp_path, 1),
        (("doctor",), damaged, 1),
        (("doctor", "--json"), damaged, 1),
        (("roadmaps", "validate", str(good)), tmp_path, 0),  # success stays quiet: exit 0
    ]
    for args, home, code in cases:
        read, write = os.pipe()
        os.close(read)
        try:
            r = mlpath(*args, home=home, stdout=write, MLPATH_CONFIG_DIR=str(tmp_path), **env)
        finally:
            os.close(write)
        assert r.returncode == code, (args, r.stderr)
        assert b"Traceback" not in r.stderr
        if code and args[0] != "doctor":  # doctor's report is its stdout
            assert r.stderr, args
        if "--json" in args:
            assert all(json.loads(line) for line in r.stderr.splitlines())
