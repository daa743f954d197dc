"""`mlpath assess`: the scoring rules as a table, answers from a file, from a pipe
and from keys on a real terminal (tmux), and --apply."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clirun import invoke
from mlpath.core import assess
from mlpath.store.catalog import load_file
from mlpath.store.catalog import resolve as load_roadmap
from mlpath.store.state import store_for

TODAY = "2027-01-04"

# Three phases of two checks each, one prerequisite; advanced compresses phase 3.
ROADMAP = """\
schema: 1
id: three
title: Three phases
source: {document: test}
summary: A test roadmap.
prerequisites: [Python]
duration: {text: 12 weeks}
hours_per_week: {value: 10}
phases:
  - number: 1
    id: basics
    title: Basics
    weeks: {min: 4, max: 4}
    summary: s
    topics: [{id: b1, title: B1}]
    self_check:
      - {ask: "Can you b1?", basis: "b1"}
      - {ask: "Can you b2?", basis: "b2"}
  - number: 2
    id: models
    title: Models
    weeks: {min: 4, max: 4}
    summary: s
    topics: [{id: m1, title: M1}]
    self_check:
      - {ask: "Can you m1?", basis: "m1"}
      - {ask: "Can you m2?", basis: "m2"}
  - number: 3
    id: ship
    title: Ship
    weeks: {min: 4, max: 4}
    summary: s
    topics: [{id: s1, title: S1}]
    self_check:
      - {ask: "Can you s1?", basis: "s1"}
      - {ask: "Can you s2?", basis: "s2"}
level_overrides:
  - level: advanced
    phases: [3]
    action: compress
    factor: 0.5
    source: Advanced learners may halve phase 3.
"""


@pytest.fixture
def three(tmp_path: Path) -> Path:
    path = tmp_path / "three.yaml"
    path.write_text(ROADMAP, "utf-8")
    return path


def answers(pre: bool, *phase_yes: str) -> dict[str, bool]:
    """pre: the prerequisite; phase_yes: per phase, 'yy', 'yn', 'nn'..."""
    out = {"pre-1": pre}
    for n, yes in enumerate(phase_yes, start=1):
        for k, ch in enumerate(yes, start=1):
            out[f"p{n}-{k}"] = ch == "y"
    return out


# share = yes answers of the 6 phase checks: < 1/3 beginner, >= 2/3 advanced
@pytest.mark.parametrize(
    ("given", "level", "skip", "compress"),
    [
        (answers(True, "nn", "nn", "nn"), "beginner", [], []),
        (answers(True, "yn", "nn", "nn"), "beginner", [], [1]),  # 1/6; half of phase 1
        (answers(True, "yy", "nn", "nn"), "intermediate", [1], []),  # 2/6 = 1/3
        (answers(True, "yy", "yn", "nn"), "intermediate", [1], [2]),  # 3/6
        (answers(True, "yy", "yy", "nn"), "advanced", [1, 2], []),  # 4/6
        # advanced already halves phase 3: not compressed twice
        (answers(True, "yy", "yy", "yn"), "advanced", [1, 2], []),
        # everything known: the last phase stays (compressed), so there is a plan
        (answers(True, "yy", "yy", "yy"), "advanced", [1, 2], [3]),
        # a missing prerequisite: beginner, nothing skipped, known phases compressed
        (answers(False, "yy", "yy", "yy"), "beginner", [], [1, 2, 3]),
        (answers(False, "nn", "yn", "nn"), "beginner", [], [2]),
    ],
)
def test_scoring_table(
    three: Path, given: dict[str, bool], level: str, skip: list[int], compress: list[int]
) -> None:
    result = assess.score(load_file(three), given)
    assert (result.level, result.skip, result.compress) == (level, skip, compress)
    assert all(v.reason for v in result.phases)


def test_reasons_say_why(three: Path) -> None:
    result = assess.score(load_file(three), answers(True, "yy", "yy", "yn"))
    by = {v.number: v for v in result.phases}
    assert "2 of 2 checks" in by[1].reason
    assert "already shortens it" in by[3].reason and "halve phase 3" in by[3].reason
    assert "4 of 6" not in result.level_reason and "5 of 6 checks" in result.level_reason
    assert by[3].missing == ["Can you s2?"]
    missing = assess.score(load_file(three), answers(False, "yy", "nn", "nn"))
    assert missing.missing_prerequisites == ["Python"]
    assert "prerequisite is missing" in missing.phases[0].reason


def test_every_bundled_roadmap_has_questions_with_stable_ids() -> None:
    for rid in ("beginner", "intermediate", "job-ready", "complete", "practical"):
        rm = load_roadmap(rid)
        qs = assess.questions(rm)
        ids = [q.id for q in qs]
        assert len(ids) == len(set(ids))
        assert sum(q.kind == "prerequisite" for q in qs) == len(rm.raw.get("prerequisites", []))
        assert {q.phase for q in qs if q.kind == "phase"} == {p.number for p in rm.phases}


# --- the command -------------------------------------------------------------------------------


def run(runner: CliRunner, *args: str, stdin: str | None = None) -> Any:
    return invoke(args, today=TODAY, input=stdin)


def software_engineer(rid: str = "practical") -> dict[str, bool]:
    """A software engineer: prerequisites and phase 1 known, half of phase 2,
    nothing after; yes to every background question (practical has one)."""
    rm = load_roadmap(rid)
    out: dict[str, bool] = {}
    for q in assess.questions(rm):
        if q.phase is None:
            out[q.id] = True
        elif q.phase == rm.phases[0].number:
            out[q.id] = True
        elif q.phase == rm.phases[1].number:
            out[q.id] = q.id.endswith(("-1", "-3"))
        else:
            out[q.id] = False
    return out


def write_answers(tmp_path: Path, given: dict[str, bool], **extra: Any) -> Path:
    path = tmp_path / "answers.yaml"
    body = {"answers": given, **extra} if extra else given
    path.write_text(
        json.dumps(body)
        if extra
        else "\n".join(f"{k}: {'yes' if v else 'no'}" for k, v in given.items()),
        "utf-8",
    )
    return path


def test_answers_file_gives_the_plan_command_and_apply_makes_a_shorter_plan(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = write_answers(tmp_path, software_engineer())
    r = run(runner, "assess", "-r", "practical", "--answers", str(path))
    assert r.exit_code == 0, r.stderr
    # 5 of 14 phase checks (36%): intermediate; the document's software engineer
    # does phases 1-2 in 8 weeks, so phase 2 (half known) is not compressed again
    assert (
        "mlpath plan --roadmap practical --level intermediate "
        "--background software-engineer --skip 1" in r.stdout
    )
    assert "Foundations" in r.stdout and "3 of 3 checks" in r.stdout
    assert "your background already shortens it" in " ".join(r.stdout.split())  # wrapped
    assert not Path(store_for(None).path).exists(), "without --apply nothing is saved"
    view = json.loads(
        run(runner, "assess", "-r", "practical", "--answers", str(path), "--json").stdout
    )
    assert view["skip"] == [1] and view["compress"] == [] and view["applied"] is False
    assert view["applied_backgrounds"] == ["software-engineer"]
    # --apply: the same plan the command would make, and shorter than the full roadmap
    full = json.loads(run(runner, "plan", "-r", "practical", "--dry-run", "--json").stdout)
    applied = json.loads(
        run(runner, "assess", "-r", "practical", "--answers", str(path), "--apply", "--json").stdout
    )
    assert applied["applied"] is True
    assert applied["plan"]["total_hours"] < full["total_hours"]
    assert applied["plan"]["finish"] < full["finish"]
    state = json.loads(Path(store_for(None).path).read_text("utf-8"))
    plan = state["events"][-1]["plan"]
    assert plan["skip"] == [1] and "compress" not in plan and plan["level"] == "intermediate"
    assert plan["backgrounds"] == ["software-engineer"]


def test_apply_asks_before_replacing_progress(runner: CliRunner, tmp_path: Path) -> None:
    path = write_answers(tmp_path, software_engineer())
    assert run(runner, "plan", "-r", "practical").exit_code == 0
    assert run(runner, "done", "python-libraries").exit_code == 0
    before = Path(store_for(None).path).read_bytes()
    r = run(runner, "assess", "-r", "practical", "--answers", str(path), "--apply")
    assert r.exit_code == 1 and "has progress" in r.stderr and "--force" in r.stderr
    assert Path(store_for(None).path).read_bytes() == before
    r = run(runner, "assess", "-r", "practical", "--answers", str(path), "--force")
    assert r.exit_code == 2 and "--force goes with --apply" in r.stderr
    r = run(runner, "assess", "-r", "practical", "--answers", str(path), "--apply", "--force")
    assert r.exit_code == 0, r.stderr
    assert "Planned:" in r.stdout
    # and `undo` brings the old plan (with its progress) back
    assert run(runner, "undo").exit_code == 0
    assert json.loads(run(runner, "next", "--json").stdout)["items"]["done"] == 1


def test_answers_from_a_pipe(runner: CliRunner) -> None:
    qs = assess.questions(load_roadmap("practical"))
    lines = "".join("y\n" if q.phase in (None, 1) else "n\n" for q in qs)
    r = run(runner, "assess", "-r", "practical", "--json", stdin=lines)
    assert r.exit_code == 0, r.stderr
    view = json.loads(r.stdout)  # the questions went to stderr: stdout is clean JSON
    assert view["skip"] == [1] and view["compress"] == []
    short = run(runner, "assess", "-r", "practical", stdin="y\ny\n")
    assert short.exit_code == 2 and "ran out after 2 of" in short.stderr
    bad = run(runner, "assess", "-r", "practical", stdin="y\nmaybe\n")
    assert bad.exit_code == 2 and "Answer 2 ('maybe') is not y or n" in bad.stderr


def test_answers_from_a_pipe_with_json_leave_stderr_json_only(runner: CliRunner) -> None:
    """With --json the piped answers come unasked: stderr holds JSON only (nothing on a
    success, one error object when the answers run out)."""
    qs = assess.questions(load_roadmap("practical"))
    lines = "".join("y\n" if q.phase in (None, 1) else "n\n" for q in qs)
    r = run(runner, "assess", "-r", "practical", "--json", stdin=lines)
    assert r.exit_code == 0 and r.stderr == ""
    assert json.loads(r.stdout)["skip"] == [1]
    short = run(runner, "assess", "-r", "practical", "--json", stdin="y\ny\n")
    assert short.exit_code == 2 and short.stdout == ""
    (error,) = [json.loads(line) for line in short.stderr.splitlines()]
    assert error["exit"] == 2


@pytest.mark.parametrize("width", [60, 80])
def test_piped_questions_fit_the_width_and_name_a_background(width: int) -> None:
    """Each question, its `[y/n]` and the echoed answer fit the width (practical's
    background question is 79 characters on its own); a background question is
    headed as one, not as a prerequisite."""
    qs = assess.questions(load_roadmap("practical"))
    r = invoke(["assess", "-r", "practical"], today=TODAY, input="y\n" * len(qs),
               env={"COLUMNS": str(width)})  # fmt: skip
    assert r.exit_code == 0, r.stderr
    lines = r.stderr.splitlines()
    assert [x for x in lines if len(x) > width] == []
    asked = "\n".join(lines)
    background = next(i for i, q in enumerate(qs, start=1) if q.kind == "background")
    assert f"[{background}/{len(qs)}] Background\nAre you a software engineer" in asked
    assert f"[1/{len(qs)}] Prerequisite\n" in asked


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("p1-1: yes\n", "has no answer for"),
        ("nope-9: yes\n", "'nope-9' is not a question"),
        ("[unclosed\n", "not valid YAML or JSON"),
        ("- a list\n", "must map question ids"),
        ('{"roadmap": "complete", "answers": {"pre-1": true}}', "answers the 'complete' roadmap"),
    ],
)
def test_bad_answer_files(runner: CliRunner, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(content, "utf-8")
    r = run(runner, "assess", "-r", "practical", "--answers", str(path))
    assert r.exit_code == 2, r.stdout
    assert message in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_bad_answer_value(runner: CliRunner, tmp_path: Path) -> None:
    given: dict[str, Any] = dict(software_engineer())
    given["p1-1"] = "perhaps"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(given), "utf-8")
    r = run(runner, "assess", "-r", "practical", "--answers", str(path))
    assert r.exit_code == 2 and "the answer to p1-1 is not yes or no" in r.stderr


def test_questions_listing(runner: CliRunner) -> None:
    view = json.loads(run(runner, "assess", "-r", "complete", "--questions", "--json").stdout)
    assert view["roadmap"] == "complete"
    assert all(q["basis"] for q in view["questions"] if q["kind"] == "phase")
    text = run(runner, "assess", "-r", "complete", "--questions").stdout
    assert "p0-1  (phase 0)" in text


# --- a real terminal -------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_interactive_keys_in_a_real_terminal(tmp_path: Path) -> None:
    """y, the arrows + Enter, b (back) and n, typed into `python -m mlpath assess`
    running in tmux; the screen must show the recommendation they add up to."""
    socket = str(tmp_path / "tmux.sock")
    env = {
        **os.environ,
        "MLPATH_TODAY": TODAY,
        "NO_COLOR": "1",
        "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
    }
    cmd = f"{sys.executable} -m mlpath assess -r practical; echo EXIT=$?; sleep 30"

    def tmux(*args: str) -> str:
        return subprocess.run(
            ["tmux", "-S", socket, *args], env=env, capture_output=True, text=True, check=True
        ).stdout

    tmux("new-session", "-d", "-s", "t", "-x", "140", "-y", "60", cmd)
    try:

        def wait_for(text: str, timeout: float = 20) -> str:
            end = time.monotonic() + timeout
            while time.monotonic() < end:
                screen = tmux("capture-pane", "-t", "t", "-p", "-S", "-200")
                if text in screen:
                    return screen
                time.sleep(0.1)
            raise AssertionError(f"{text!r} never appeared:\n{screen}")

        wait_for("[1/")
        tmux("send-keys", "-t", "t", "y")  # the prerequisite
        wait_for("[2/")
        tmux("send-keys", "-t", "t", "n")  # the background: not a software engineer
        wait_for("[3/")
        tmux("send-keys", "-t", "t", "Right")  # No -> Yes
        tmux("send-keys", "-t", "t", "Enter")
        wait_for("[4/")
        tmux("send-keys", "-t", "t", "b")  # back to question 3
        wait_for("(back)")
        for key in ("y", "y", "y"):  # phase 1: all three
            tmux("send-keys", "-t", "t", key)
        wait_for("[6/")
        total = len(assess.questions(load_roadmap("practical")))
        for _ in range(total - 5):
            tmux("send-keys", "-t", "t", "n")
        screen = wait_for("EXIT=")
        assert "EXIT=0" in screen
        assert "mlpath plan --roadmap practical --level beginner --skip 1" in screen
        assert "--compress" not in screen.split("To adopt it:")[1]
    finally:
        subprocess.run(["tmux", "-S", socket, "kill-server"], env=env, capture_output=True)


def test_done_when_a_software_engineer_assesses_then_reviews_a_month_later(
    tmp_path: Path,
) -> None:
    """The issue's "done when", through `python -m mlpath` as a user runs it: a
    learner with a software background gets a shorter plan with reasons, and a
    month later `next` reminds them to revisit what they finished, inside their hours."""
    env = {**os.environ, "MLPATH_TODAY": TODAY, "NO_COLOR": "1"}

    def mlpath(*args: str, today: str = TODAY) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mlpath", *args],
            env={**env, "MLPATH_TODAY": today},
            capture_output=True,
            text=True,
            timeout=60,
        )

    path = write_answers(tmp_path, software_engineer())
    full = json.loads(mlpath("plan", "-r", "practical", "-H", "10", "--dry-run", "--json").stdout)
    r = mlpath("assess", "-r", "practical", "--answers", str(path), "--apply", "-H", "10")
    assert r.returncode == 0, r.stderr
    said = " ".join(r.stdout.split())  # the reasons wrap at the terminal's width
    assert "skip" in said and "you can already do what its end asks for" in said
    assert "your background already shortens it" in said
    plan = json.loads(mlpath("export", "json").stdout)["plan"]
    assert plan["finish"] < full["finish"] and plan["skip"] == [1]
    assert [b["id"] for b in plan["backgrounds"]] == ["software-engineer"]
    markdown = mlpath("export", "markdown").stdout
    assert "Skipped: you already know it" in markdown
    # the first topic of the plan (phase 2), finished in week 2
    first = next(i for w in plan["weeks"] for i in w["items"] if i["kind"] == "topic")
    assert mlpath("done", first["id"], "--on", "2027-01-12", today="2027-01-12").returncode == 0
    # a month later its first review (due two days after it was done) is still waiting
    month = "2027-02-12"
    shown = mlpath("next", today=month).stdout
    assert "Review today 1 review due" in shown and first["title"] in shown
    view = json.loads(mlpath("next", "--json", today=month).stdout)["reviews"]
    assert view["count"] == 1 and view["due"][0]["id"] == first["id"]
    # inside the hours they said they have: today's 10/7 h, 5 min of it reviewing
    assert view["minutes"] == 5
    assert abs(view["today_hours"] - 10 / 7) < 1e-9
    assert abs(view["new_work_hours"] - (10 / 7 - 5 / 60)) < 1e-9
