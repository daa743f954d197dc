"""`mlpath assess` as a learner meets it: a level override or background that
lengthens a phase, bad option values, stopping, a plan whose roadmap file is gone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clirun import invoke
from mlpath.core import assess
from mlpath.store.catalog import resolve as load_roadmap
from mlpath.store.state import store_for

TODAY = "2027-01-04"


def run(*args: str, stdin: str | None = None) -> Any:
    return invoke(args, today=TODAY, input=stdin)


def lines(rid: str, yes: set[str]) -> str:
    """One piped answer per question of `rid`: yes for the ids in `yes`."""
    return "".join("y\n" if q.id in yes else "n\n" for q in assess.questions(load_roadmap(rid)))


def test_a_level_that_lengthens_a_phase_does_not_stop_its_compression() -> None:
    """practical's beginner override lengthens every phase (twice the weeks): a phase the
    learner half knows is still compressed, not kept as "already shortened"."""
    r = run(
        "assess", "-r", "practical", "--json", stdin=lines("practical", {"pre-1", "p1-1", "p1-2"})
    )
    assert r.exit_code == 0, r.stderr
    view = json.loads(r.stdout)
    assert view["level"] == "beginner"  # 2 of 14 checks
    assert view["compress"] == [1] and view["skip"] == []
    assert "shortens" not in view["phases"][0]["reason"]
    assert view["command"].endswith("--level beginner --compress 1")
    # all of a phase known but a prerequisite missing: half its effort, at any level
    missing = {"p3-1", "p3-2", "p3-3"}
    view = json.loads(
        run("assess", "-r", "practical", "--json", stdin=lines("practical", missing)).stdout
    )
    assert view["level"] == "beginner" and view["compress"] == [3]


def test_a_background_that_adds_weeks_does_not_stop_compression() -> None:
    """complete's non-stem adds weeks to Phases 0 and 1: a half-known Phase 1 is compressed."""
    rm = load_roadmap("complete")
    yes = {q.id for q in assess.questions(rm) if q.kind == "prerequisite"}
    yes |= {"bg-non-stem", "p1-1", "p1-2"}
    view = json.loads(
        run("assess", "-r", "complete", "--json", stdin=lines("complete", yes)).stdout
    )
    assert view["applied_backgrounds"] == ["non-stem"]
    assert view["compress"] == [1]
    assert "shortens" not in view["phases"][1]["reason"]


def test_bad_hours_or_start_are_refused_before_any_question() -> None:
    """--hours and --start go into the printed `mlpath plan` command and --apply: a value
    plan refuses is refused first, before the learner answers every question, and never
    printed as a command that would fail."""
    every = lines("practical", {"pre-1"})
    for option in (
        ("--hours", "-5"),
        ("--hours", "abc"),
        ("--hours", "9999"),
        ("--start", "01/02/2027"),
        ("--start", "someday"),
    ):
        for extra in ((), ("--apply",)):
            r = run("assess", "-r", "practical", *option, *extra, stdin=every)
            assert r.exit_code == 2, (option, r.stdout)
            assert "[1/" not in r.stderr, "no question was asked"
            assert "mlpath plan" not in r.stdout
            assert len(r.stderr.strip().splitlines()) == 1
    assert not Path(store_for(None).path).exists()
    good = run("assess", "-r", "practical", "--hours", "12", "--start", "2027-02-01", stdin=every)
    assert good.exit_code == 0, good.stderr
    assert "--hours 12 --start 2027-02-01" in " ".join(good.stdout.replace("\\\n", " ").split())


def _on_a_terminal(home: Path, keys: list[bytes], *args: str) -> tuple[int, str]:
    """`python -m mlpath assess ARGS` on a pseudo-terminal, typing `keys` one at a time
    as each question shows: (its exit code, what it showed)."""
    import os
    import select
    import subprocess
    import sys
    import time

    env = {
        **os.environ,
        "MLPATH_TODAY": TODAY,
        "MLPATH_HOME": str(home),
        "NO_COLOR": "1",
        "COLUMNS": "100",
    }
    # The command on the terminal as its controlling one (so Ctrl-C is a signal), made
    # by a small starter after the fork: forking this test's process itself (pty.fork)
    # is unsafe in a multi-threaded pytest worker.
    fd, tty = os.openpty()
    starter = (
        "import fcntl, os, sys, termios; os.setsid(); fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
        "os.execv(sys.executable, [sys.executable, '-m', 'mlpath', 'assess', *sys.argv[1:]])"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", starter, *args],
        stdin=tty,
        stdout=tty,
        stderr=tty,
        env=env,
        close_fds=True,
    )
    os.close(tty)
    seen = b""
    pending = list(keys)
    end = time.monotonic() + 60
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        if pending and seen.count(b"y/n, ") > len(keys) - len(pending):
            os.write(fd, pending.pop(0))
    code = proc.wait(timeout=60)
    os.close(fd)
    return code, seen.decode("utf-8", "replace")


def test_stopping_on_a_terminal_is_exit_2_and_changes_nothing(tmp_path: Path) -> None:
    """Ctrl-C or q halfway through the questions: one line, exit 2 (as any question
    mlpath asks and gets no answer to), no state written, even with --apply."""
    for key in (b"\x03", b"q"):
        home = tmp_path / f"home{key[0]}"
        code, shown = _on_a_terminal(home, [b"y", b"n", key], "-r", "practical", "--apply")
        assert code == 2, shown
        assert "Assessment stopped" in shown and "Traceback" not in shown
        assert not (home / "state.json").exists()


def test_the_json_result_holds_every_answer_is_documented_and_answers_again(
    tmp_path: Path,
) -> None:
    """`assess --json` keeps the answers themselves (by question id), so the file it
    writes answers `assess --answers FILE` again; docs/plan.md names every key."""
    given = lines("complete", {"pre-1", "pre-2", "pre-3", "bg-math-phd", "p0-1", "p2-1"})
    r = run("assess", "-r", "complete", "--json", stdin=given)
    assert r.exit_code == 0, r.stderr
    view = json.loads(r.stdout)
    qs = assess.questions(load_roadmap("complete"))
    assert [view["answers"][q.id] for q in qs] == [a == "y" for a in given.split()]
    saved = tmp_path / "result.json"
    saved.write_text(r.stdout, "utf-8")
    again = run("assess", "-r", "complete", "--answers", str(saved), "--json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout) == view
    doc = (Path(__file__).resolve().parents[1] / "docs" / "plan.md").read_text("utf-8")
    part = doc.split("## Placement")[1]
    for key in [*view, *view["phases"][0]]:
        assert f"`{key}`" in part, key
