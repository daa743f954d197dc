"""`mlpath status`: the dashboard as a learner sees it, at fixed widths.

Plans are made with the real commands (plan/done/log through the CLI, with
MLPATH_TODAY); the rendered text is checked against the figures of
`status --json` and `next --json` for the same state (one view model feeds
both, so what is drawn must be what is computed).
"""

from __future__ import annotations

import json
import math
import os
import re
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from clirun import invoke
from mlpath.cli.main import app
from mlpath.render.status import ascii_only, build_lines, chart_columns, column_of

START = date(2026, 1, 5)  # a Monday
BAR_CELLS = "█▏▎▍▌▋▊▉░"


def cli(runner: CliRunner, today: date | str, *args: str) -> Any:
    result = invoke(args, today=today)
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result


def weekly_logs(runner: CliRunner, weeks: range, hours: str = "10") -> None:
    """One log on the Wednesday of each of these plan weeks."""
    for n in weeks:
        day = START + timedelta(days=7 * (n - 1) + 2)
        cli(runner, day, "log", hours)


def make_state(runner: CliRunner, state: str, roadmap: str = "intermediate") -> date:
    """Build a plan in the given state; returns the day to look at it."""
    cli(runner, START, "plan", "-r", roadmap, "-H", "10", "--start", START.isoformat())
    if state == "fresh":
        return START
    if state == "mid-way":
        weekly_logs(runner, range(14, 19))
        cli(runner, "2026-04-01", "done", "1", "--on", "2026-03-27")
        cli(runner, "2026-04-30", "done", "nn-architecture", "--on", "2026-04-12")
        cli(runner, "2026-04-30", "done", "backpropagation", "--on", "2026-04-25")
        return date(2026, 5, 6)
    if state == "behind":
        weekly_logs(runner, range(10, 13), "4")
        cli(runner, "2026-04-10", "done", "1")
        return date(2026, 7, 6)
    if state == "finished":
        weekly_logs(runner, range(1, 4), "12")
        for n, on in enumerate(["2026-03-20", "2026-06-01", "2026-08-30", "2026-11-20"], 1):
            cli(runner, on, "done", str(n))
        cli(runner, "2027-02-10", "done", "5")
        return date(2027, 3, 15)
    raise AssertionError(state)


def render(runner: CliRunner, today: date, width: int, *extra: str) -> str:
    out: str = cli(runner, today, "status", "--width", str(width), *extra).output
    return out


def figures(runner: CliRunner, today: date) -> tuple[dict[str, Any], dict[str, Any]]:
    status = json.loads(cli(runner, today, "status", "--json").output)
    nxt = json.loads(cli(runner, today, "next", "--json").output)
    return status, nxt


def hours_text(x: float) -> str:
    """One decimal, rounded half up (the rule mlpath shows every figure by)."""
    tenths = int(x * 10 + 0.5 + 1e-9)
    return f"{tenths // 10}.{tenths % 10}" if tenths % 10 else str(tenths // 10)


def dmy(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d %b %Y")


def bar_of(line: str) -> str:
    match = re.search(f"[{BAR_CELLS}]+", line)
    assert match, line
    return match.group(0)


def assert_bar(line: str, ratio: float) -> None:
    bar = bar_of(line)
    full = bar.count("█")
    # The filled cells are the ratio of the bar, cut down to whole cells.
    assert full <= ratio * len(bar) < full + 1 or (ratio == 1 and full == len(bar)), (
        line,
        ratio,
    )
    assert len(bar) >= 8


def check_dashboard(text: str, width: int, view: dict[str, Any], nxt: dict[str, Any]) -> None:
    lines = text.splitlines()
    assert lines and all(cell_len(line) <= width for line in lines), max(lines, key=cell_len)
    assert "\x1b[" not in text  # not a terminal: no escape codes
    plan, ov = view["plan"], view["overall"]
    # Header: title (possibly cut), week, finish dates, pace as `next` words it.
    assert lines[0].startswith(plan["title"][: width - 30])
    if not plan["before_start"] and plan["week"]["number"] <= plan["week"]["of"]:
        assert f"week {plan['week']['number']} of {plan['week']['of']}" in text
    assert f"planned finish {dmy(plan['planned_finish'])}" in text
    assert view["pace"] == nxt["pace"]
    if plan["finished"]:
        assert f"finished {dmy(plan['projected_finish'])}" in text
    else:
        assert nxt["pace"]["label"] in text
        assert f"projected finish {dmy(nxt['pace']['projected_finish'])}" in text
    # Overall bar, percent and hours.
    overall = next(line for line in lines if line.startswith("Overall"))
    assert f" {math.floor(ov['percent'])}% " in overall
    assert f"{hours_text(ov['completed_hours'])} of {hours_text(ov['total_hours'])} h" in overall
    assert_bar(overall, ov["ratio"])
    # One bar per phase, in order, with its percent and state.
    start = lines.index(overall)
    rows = lines[start + 1 : start + 1 + len(view["phases"])]
    for ph, line in zip(view["phases"], rows, strict=True):
        assert line.startswith(f"{ph['number']} "), line
        assert f" {math.floor(ph['percent'])}% " in line
        assert_bar(line, ph["ratio"])
        if ph["state"] == "done":
            assert f"done {dmy(ph['done_on'])}" in line
        elif ph["state"] == "overdue":
            assert (
                f"{ph['days_overdue']} d overdue" in line
                or f"overdue {ph['days_overdue']} d" in line
            )
        elif ph["state"] == "upcoming":
            assert f"from {dmy(ph['start'])}" in line
        elif ph["state"] == "in-progress":
            assert f"due {dmy(ph['due'])}" in line
    # Milestones in order with their dates.
    at = next(i for i, line in enumerate(lines) if line.startswith("Milestones"))
    for m, line in zip(view["milestones"], lines[at + 1 :], strict=False):
        assert f"due {dmy(m['due'])}" in line
        if m["state"] == "done":
            assert f"done {dmy(m['done_on'])}" in line
        elif m["state"] == "overdue":
            n = -m["days_left"]
            assert f"{n} day{'s' if n != 1 else ''} overdue" in line
        elif m["days_left"]:
            assert f"in {m['days_left']} day" in line
    # The burndown: a chart of 8 rows (6 when narrow) and a date axis.
    top = next(i for i, line in enumerate(lines) if line.startswith("Burndown"))
    axis = next(i for i in range(top, len(lines)) if "└" in lines[i])
    rows_drawn = axis - top - 1 - (0 if "actual" in lines[top] else 1)
    assert rows_drawn == (8 if width >= 70 else 6)
    assert re.search(r"\d{2} \w{3}|\w{3} \d{4}", lines[axis + 1])
    if not plan["before_start"] and view["burndown"]["today_week"] < len(
        view["burndown"]["points"]
    ):
        assert "▲" in lines[axis]
    # Study time.
    study = view["study"]
    assert f"{hours_text(study['week_logged'])} of {hours_text(study['week_target'])} h" in text
    assert f"total {hours_text(study['total_logged'])} h logged" in text
    streak = study["streak_weeks"]
    if streak:
        assert f"streak {streak} week" in text
    elif any(w["met"] for w in study["weeks"]):
        assert "streak: 0 weeks" in text
    else:
        assert "streak: none yet" in text


def test_a_broken_streak_reads_0_weeks_not_none_yet(runner: CliRunner) -> None:
    # "none yet" is for a learner who never met a week; two met weeks, then a week
    # missed, read "0 weeks"
    cli(runner, START, "plan", "-r", "intermediate", "-H", "10", "--start", START.isoformat())
    weekly_logs(runner, range(1, 3))
    view = json.loads(cli(runner, START + timedelta(days=22), "status", "--json").stdout)
    assert view["study"]["streak_weeks"] == 0
    assert [w["met"] for w in view["study"]["weeks"]][:3] == [True, True, False]
    text = " ".join(cli(runner, START + timedelta(days=22), "status").stdout.split())
    assert "streak: 0 weeks" in text and "none yet" not in text


STATES = ["fresh", "mid-way", "behind", "finished"]


@pytest.mark.parametrize("state", STATES)
def test_dashboard_at_60_80_120(runner: CliRunner, state: str) -> None:
    today = make_state(runner, state)
    view, nxt = figures(runner, today)
    for width in (60, 80, 120):
        check_dashboard(render(runner, today, width), width, view, nxt)


def test_states_look_like_their_names(runner: CliRunner) -> None:
    today = make_state(runner, "behind")
    view, _ = figures(runner, today)
    assert view["pace"]["status"] == "behind"
    assert [p["state"] for p in view["phases"]] == [
        "done",
        "overdue",
        "in-progress",
        "upcoming",
        "upcoming",
    ]
    assert [m["state"] for m in view["milestones"]][:2] == ["done", "overdue"]
    text = render(runner, today, 80)
    assert "mlpath replan" in text
    assert f"behind by {view['pace']['days']} days" in text
    # A milestone done late says so at widths that have room.
    assert "12 d late" in render(runner, today, 120)


def test_finished_plan_shows_every_bar_full(runner: CliRunner) -> None:
    today = make_state(runner, "finished")
    text = render(runner, today, 80)
    view, _ = figures(runner, today)
    assert view["overall"]["percent"] == 100.0
    bars = [bar_of(line) for line in text.splitlines() if re.match(r"(Overall|\d )", line)]
    assert len(bars) == 1 + len(view["phases"])
    assert all(set(bar) == {"█"} for bar in bars)
    assert "finished 10 Feb 2027" in text


def test_learner_mid_way_through_complete_at_80_columns(runner: CliRunner) -> None:
    """The issue's "done when": where they are, how far behind or ahead, when they finish."""
    cli(runner, START, "plan", "-r", "complete", "-H", "20", "--start", START.isoformat())
    weekly_logs(runner, range(28, 32), "20")
    cli(runner, "2026-02-02", "done", "0")
    cli(runner, "2026-07-20", "done", "1")
    today = date(2026, 8, 10)
    view, nxt = figures(runner, today)
    text = render(runner, today, 80)
    check_dashboard(text, 80, view, nxt)
    head = "\n".join(text.splitlines()[:4])
    assert f"week {nxt['week']['number']} of {nxt['week']['of']}" in head
    assert nxt["pace"]["label"] in head
    assert dmy(nxt["pace"]["projected_finish"]) in head
    assert "none in this roadmap" in text  # `complete` names no milestones


def test_status_json_and_next_json_agree(runner: CliRunner) -> None:
    today = make_state(runner, "mid-way")
    view, nxt = figures(runner, today)
    assert view["pace"] == nxt["pace"]
    assert view["plan"]["projected_finish"] == nxt["pace"]["projected_finish"]
    assert view["overall"]["completed_hours"] == nxt["hours"]["completed"]
    assert view["study"]["week_logged"] == nxt["hours"]["week_logged"]
    assert view["study"]["total_logged"] == nxt["hours"]["total_logged"]
    assert view["plan"]["week"]["number"] == nxt["week"]["number"]


def test_before_the_start(runner: CliRunner) -> None:
    cli(runner, "2026-01-01", "plan", "-r", "practical", "-l", "int", "-H", "15", "--start",
        "2026-01-05")  # fmt: skip
    text = render(runner, date(2026, 1, 1), 80)
    assert "starts in 4 days, on 05 Jan 2026" in text
    assert "not started yet" in text
    axis = next(line for line in text.splitlines() if "└" in line)
    assert "▲" not in axis  # no "today" on the time axis yet


def test_no_plan_is_a_clear_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 1
    assert "no active plan" in result.stderr and "mlpath plan" in result.stderr
    assert runner.invoke(app, ["status", "--width", "10"]).exit_code == 2


# --- the chart's geometry ------------------------------------------------------------------------


@pytest.mark.parametrize(("weeks", "width"), [(10, 75), (80, 75), (80, 115), (164, 57), (3, 20)])
def test_chart_columns_cover_every_week_in_order(weeks: int, width: int) -> None:
    n = weeks + 1
    cols = chart_columns(n, width)
    assert 0 < len(cols) <= width
    shown = [p for col in cols for p in col]
    assert sorted(set(shown)) == list(range(n))  # no week lost, none out of order
    assert shown == sorted(shown)
    for p in range(n):
        x = column_of(p, n, width)
        assert p in cols[x] and (x + 1 == len(cols) or p not in cols[x + 1])


def test_short_and_long_plans_both_read(runner: CliRunner, tmp_path: Path) -> None:
    # A 10-week plan gets several columns a week; an 80-week one is downsampled.
    cli(runner, START, "plan", "-r", "practical", "-l", "int", "-H", "40", "--start",
        START.isoformat())  # fmt: skip
    view, _ = figures(runner, START + timedelta(days=20))
    short = len(view["burndown"]["points"])
    cli(
        runner, START, "plan", "-r", "complete", "-H", "20", "--start", START.isoformat(), "--force"
    )
    view2, _ = figures(runner, START + timedelta(days=20))
    long = len(view2["burndown"]["points"])
    assert short < 20 < 80 < long
    for v in (view, view2):
        lines = [line.plain for line in build_lines(v, 80)]
        axis = next(line for line in lines if "└" in line)
        labels = next(lines[i + 1] for i, line in enumerate(lines) if line is axis)
        dates = re.findall(r"\d{2} \w{3}|\w{3} \d{4}", labels)
        assert len(dates) >= 3, labels  # dated ticks along the axis
        assert all(len(line) <= 80 for line in lines)


# --- colour, encodings, terminals --------------------------------------------------------------


def test_ascii_fallback_when_the_encoding_cannot_show_blocks(runner: CliRunner) -> None:
    today = make_state(runner, "fresh")
    view, _ = figures(runner, today)
    lines = [line.plain for line in build_lines(view, 80, unicode=False)]
    assert all(line.isascii() for line in lines)
    assert any("#" in line for line in lines)
    assert ascii_only("Roadmap 2025–2026 …") == "Roadmap 2025-2026 ."


def mlpath(*args: str, env: dict[str, str], **kw: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "mlpath", *args], env=env, capture_output=True, timeout=60, **kw
    )


def test_piped_ascii_and_no_color_output_have_no_escapes(runner: CliRunner) -> None:
    today = make_state(runner, "fresh")
    env = {**os.environ, "MLPATH_TODAY": today.isoformat()}
    piped = mlpath("status", env=env)
    assert piped.returncode == 0, piped.stderr
    assert b"\x1b[" not in piped.stdout and b"Overall" in piped.stdout
    plain = mlpath("status", env={**env, "PYTHONIOENCODING": "ascii"})
    assert plain.returncode == 0, plain.stderr
    plain.stdout.decode("ascii")  # nothing outside ASCII
    assert b"#" in plain.stdout and b"Overall" in plain.stdout


pty = pytest.importorskip("pty") if sys.platform != "win32" else None


def run_in_pty(
    args: list[str], env: dict[str, str], stop_after: str | None = None
) -> tuple[int, str]:
    """Run mlpath on a pseudo-terminal (100x50); SIGINT it once `stop_after` shows."""
    import fcntl
    import select
    import struct
    import termios

    assert pty is not None
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 100, 0, 0))
    env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mlpath", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**env, "TERM": "xterm-256color"},
        close_fds=True,
    )
    os.close(slave)
    out = b""
    deadline = time.monotonic() + 30
    sent = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        if stop_after and not sent and stop_after.encode() in out:
            proc.send_signal(signal.SIGINT)
            sent = True
        if proc.poll() is not None and not ready:
            break
    os.close(master)
    code = proc.wait(timeout=10)
    return code, out.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_colour_on_a_terminal_only_without_no_color(runner: CliRunner) -> None:
    today = make_state(runner, "fresh")
    env = {**os.environ, "MLPATH_TODAY": today.isoformat()}
    code, out = run_in_pty(["status"], env)
    assert code == 0 and "\x1b[" in out and "Overall" in out  # a terminal: colour
    for args, extra in ((["status"], {"NO_COLOR": "1"}), (["status", "--no-color"], {})):
        code, out = run_in_pty(args, {**env, **extra})
        assert code == 0 and "Overall" in out
        assert "\x1b[" not in out, args


def read_until(proc: subprocess.Popen[bytes], needle: bytes, count: int, got: bytearray) -> None:
    import select

    assert proc.stdout is not None
    deadline = time.monotonic() + 30
    while got.count(needle) < count and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            got += chunk
    assert got.count(needle) >= count, got.decode()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT and select on pipes are POSIX")
def test_watch_redraws_on_change_and_stops_cleanly_on_ctrl_c(runner: CliRunner) -> None:
    today = make_state(runner, "mid-way")
    env = {**os.environ, "MLPATH_TODAY": today.isoformat()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mlpath", "status", "--watch", "--width", "80"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    got = bytearray()
    try:
        read_until(proc, b"Study time", 1, got)
        before = json.loads(cli(runner, today, "status", "--json").output)["study"]
        cli(runner, today, "log", "2")  # another process changes the state file
        read_until(proc, b"Study time", 2, got)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert b"Traceback" not in err
    text = got.decode()
    frames = text.split("Study time")
    assert f"total {hours_text(before['total_logged'])} h logged" in frames[1]
    assert f"total {hours_text(before['total_logged'] + 2)} h logged" in frames[2]


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_watch_on_a_terminal_uses_the_alternate_screen(runner: CliRunner) -> None:
    today = make_state(runner, "fresh")
    env = {**os.environ, "MLPATH_TODAY": today.isoformat()}
    code, out = run_in_pty(["status", "--watch"], env, stop_after="Study time")
    assert code == 0, out
    assert "\x1b[?1049h" in out and "\x1b[?1049l" in out  # entered and left it
    assert "Traceback" not in out
    # The last frame stays on the normal screen after Ctrl-C.
    assert "Study time" in out.split("\x1b[?1049l")[-1]


# --- the README's picture ------------------------------------------------------------------------


@pytest.mark.picture
@pytest.mark.slow  # CI also runs the script's --check on its own, as a static check
def test_svg_script_writes_and_checks_the_picture(tmp_path: Path) -> None:
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "scripts" / "render_dashboard.py"
    spec = importlib.util.spec_from_file_location("render_dashboard", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "dashboard.svg"
    assert module.main(["--out", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<!-- mlpath dashboard text sha256: ") and "<svg" in svg
    assert "Milestones" in svg and "Burndown" in svg
    assert module.main(["--check", "--out", str(out)]) == 0
    out.write_text(svg.replace(svg[35:45], "0" * 10), encoding="utf-8")
    assert module.main(["--check", "--out", str(out)]) == 1
