"""`mlpath status` on a plan of many phases: a window around the learner, the rest counted.

The plans are laid from real roadmap YAML files written to the config dir's roadmaps/
folder (where a learner's own roadmaps live) and driven through the CLI. Each phase of
the synthetic roadmap lasts one week at its nominal 10 h/week and the plan runs at
10 h/week on every day, so, worked out by hand:

    phase p (1-based) effort 1 week x 10 h = 10 h, laid at 10/7 h a day = 7 days
    phase p runs from START + 7(p-1) days and is due on START + 7p - 1 days

START is Monday 4 January 2027, so phase 1 is due Sun 10 Jan, phase 12 Sun 28 Mar,
phase 13 Sun 4 Apr (while nothing is done: a done item brings reviews, which take
some of the days' time and move later dates). The window (core/window.py) shows 2 phases before the first one
not done and 3 after it, and, when the calendar's phase lies beyond that, the phase
before the calendar's and 3 after it.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from clirun import Cli
from mlpath.core.window import BEFORE, WINDOW_FROM, hidden_runs, learner_at, shown
from synthetic import roadmap_yaml

START = date(2027, 1, 4)  # a Monday
ROW = re.compile(r"^(\d+) Phase (\d+)\b")
MILESTONE = re.compile(r"^  \S \s*Milestone (\d+)\b")


def due(p: int) -> date:
    return START + timedelta(days=7 * p - 1)


def write_roadmap(folder: Path, phases: int) -> str:
    """A roadmap of `phases` one-week phases, two topics and a milestone each."""
    rid = f"many-{phases}"
    folder.mkdir(parents=True, exist_ok=True)
    text = roadmap_yaml(rid, phases, topics=2, weeks=(1, 1))
    (folder / f"{rid}.yaml").write_text(text, encoding="utf-8")
    return rid


@pytest.fixture
def roadmaps(isolated: Path) -> Path:
    return isolated.parent / "config" / "roadmaps"


def plan(cli: Cli, roadmaps: Path, phases: int) -> None:
    rid = write_roadmap(roadmaps, phases)
    args = ("plan", "-r", rid, "-H", "10", "--start", START.isoformat())
    result = cli(*args, today=START)
    assert result.exit_code == 0, result.output


def done(cli: Cli, *phases: int, on: date | None = None) -> None:
    """Each phase's milestone ticked (a milestone completes its phase): on its due day,
    or on `on`."""
    for p in phases:
        day = on or due(p)
        result = cli("done", f"m-{p}", "--on", day.isoformat(), today=day)
        assert result.exit_code == 0, result.output


def dashboard(cli: Cli, today: date, width: int) -> list[str]:
    result = cli("status", "--width", str(width), "--no-color", today=today)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for line in lines:  # every line fits, and no word is cut by the window's lines
        assert len(line) <= width, line
    return lines


def rows(lines: list[str]) -> list[int]:
    """The phase numbers with a row of their own, in order."""
    return [int(m.group(1)) for line in lines if (m := ROW.match(line))]


def milestones(lines: list[str]) -> list[int]:
    return [int(m.group(1)) for line in lines if (m := MILESTONE.match(line))]


def counted(lines: list[str]) -> list[str]:
    """The lines that count what the window leaves out, as written (without the hint
    that follows the last of the phases', on its line when it fits)."""
    return [line.strip().split(" · ")[0] for line in lines if line.lstrip().startswith("…")]


@pytest.mark.parametrize("width", [80, 60])
def test_at_the_start_the_first_phases_show_and_the_rest_are_counted(
    cli: Cli, roadmaps: Path, width: int
) -> None:
    plan(cli, roadmaps, 20)
    lines = dashboard(cli, START, width)
    # here = phase 1 (nothing done), the calendar in phase 1: phases 1..1+3
    assert rows(lines) == [1, 2, 3, 4]
    assert milestones(lines) == [1, 2, 3, 4]
    assert counted(lines) == [
        "… 16 more phases (16 to come)",
        "… 16 more milestones (16 to come)",
    ]
    assert "`mlpath status --json` lists every one" in " ".join(lines)


@pytest.mark.parametrize("width", [80, 60])
def test_in_the_middle_the_phases_around_the_learner_show(
    cli: Cli, roadmaps: Path, width: int
) -> None:
    plan(cli, roadmaps, 20)
    done(cli, *range(1, 10))
    # Wednesday of phase 10's week (START + 63 + 2 days): on track, phases 1-9 done
    today = START + timedelta(days=7 * 9 + 2)
    lines = dashboard(cli, today, width)
    # here = phase 10: phases 10-2 .. 10+3
    assert rows(lines) == [8, 9, 10, 11, 12, 13]
    assert milestones(lines) == [8, 9, 10, 11, 12, 13]
    assert counted(lines) == [
        "… 7 more phases (7 done)",  # phases 1-7
        "… 7 more phases (7 to come)",  # phases 14-20
        "… 7 more milestones (7 done)",
        "… 7 more milestones (7 to come)",
    ]
    assert re.search(r"^8 Phase 8 .*done 28 Feb 2027", "\n".join(lines), re.M)  # due(8)


@pytest.mark.parametrize("width", [80, 60])
def test_behind_the_oldest_and_newest_overdue_phases_show(
    cli: Cli, roadmaps: Path, width: int
) -> None:
    plan(cli, roadmaps, 20)
    # day 87 (Thu 1 Apr 2027), in phase 13's week, nothing done: phases 1-12 are overdue
    # (phase 12 was due on day 83), phase 13 in progress
    today = START + timedelta(days=87)
    assert due(12) < today <= due(13)
    lines = dashboard(cli, today, width)
    # here = phase 1: phases 1..4; the calendar in phase 13: phases 12..16
    assert rows(lines) == [1, 2, 3, 4, 12, 13, 14, 15, 16]
    assert milestones(lines) == [1, 2, 3, 4, 12, 13, 14, 15, 16]
    assert counted(lines) == [
        "… 7 more phases (7 overdue)",  # phases 5-11
        "… 4 more phases (4 to come)",  # phases 17-20
        "… 7 more milestones (7 overdue)",
        "… 4 more milestones (4 to come)",
    ]
    text = "\n".join(lines)
    # phase 1 was due on day 6 (Sun 10 Jan): 81 days before day 87
    assert re.search(r"^1 Phase 1 .*81 d", text, re.M)
    assert re.search(r"^12 Phase 12 .*4 d", text, re.M)  # due day 83
    assert re.search(r"^  ! Milestone 12 .*4 days overdue", text, re.M)


@pytest.mark.parametrize("width", [80, 60])
def test_at_the_end_the_last_phases_show(cli: Cli, roadmaps: Path, width: int) -> None:
    plan(cli, roadmaps, 20)
    done(cli, *range(1, 21))
    lines = dashboard(cli, due(20) + timedelta(days=1), width)
    assert rows(lines) == [18, 19, 20]  # here: the last phase, all done
    assert milestones(lines) == [18, 19, 20]
    assert counted(lines)[:1] == ["… 17 more phases (17 done)"]
    assert counted(lines)[-1] == "… 17 more milestones (17 done)"
    # the only run of phases left out is before the rows: it says where they all are
    assert "`mlpath status --json` lists every one" in " ".join(lines)


def test_ahead_of_the_calendar_the_window_follows_the_learner(cli: Cli, roadmaps: Path) -> None:
    plan(cli, roadmaps, 20)
    done(cli, *range(1, 12), on=date(2027, 1, 6))  # eleven phases in the first week
    lines = dashboard(cli, date(2027, 1, 6), 80)
    # here = phase 12 (1-11 done), the calendar in phase 1, behind the learner
    assert rows(lines) == [10, 11, 12, 13, 14, 15]


def test_json_lists_every_phase_and_milestone(cli: Cli, roadmaps: Path) -> None:
    plan(cli, roadmaps, 20)
    today = START + timedelta(days=87)
    shown_first = dashboard(cli, today, 80)  # the dashboard's view is kept first
    assert len(rows(shown_first)) < 20
    result = cli("status", "--json", today=today)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    assert [p["number"] for p in data["phases"]] == list(range(1, 21))
    assert [m["id"] for m in data["milestones"]] == [f"m-{p}" for p in range(1, 21)]
    assert "window" not in data
    states = [p["state"] for p in data["phases"]]
    assert states == ["overdue"] * 12 + ["in-progress"] + ["upcoming"] * 7


def test_up_to_twelve_phases_show_every_one(cli: Cli, roadmaps: Path) -> None:
    plan(cli, roadmaps, WINDOW_FROM)
    today = START + timedelta(days=7 * 8)  # in phase 9: a window would leave 1-6 out
    lines = dashboard(cli, today, 80)
    assert rows(lines) == list(range(1, WINDOW_FROM + 1))
    assert counted(lines) == []


def test_thirteen_phases_make_a_window(cli: Cli, roadmaps: Path) -> None:
    plan(cli, roadmaps, WINDOW_FROM + 1)
    lines = dashboard(cli, START, 80)
    assert rows(lines) == [1, 2, 3, 4]
    assert counted(lines)[0] == "… 9 more phases (9 to come)"  # phases 5-13


def test_the_kept_screen_after_a_change_is_the_window(cli: Cli, roadmaps: Path) -> None:
    """`log` draws the dashboard ahead for the read after it: the same window."""
    plan(cli, roadmaps, 20)
    today = START + timedelta(days=87)
    result = cli("log", "2", today=today)
    assert result.exit_code == 0, result.output
    after = dashboard(cli, today, 100)
    assert rows(after) == [1, 2, 3, 4, 12, 13, 14, 15, 16]


@pytest.mark.parametrize(
    "roadmap", ["beginner", "intermediate", "job-ready", "complete", "practical"]
)
def test_bundled_dashboards_show_every_phase(cli: Cli, isolated: Path, roadmap: str) -> None:
    """The bundled roadmaps (8 phases at most) are under the window's threshold: the
    dashboard's view is the whole view, so their dashboards are drawn as before."""
    from mlpath.app.session import load_active
    from mlpath.core.dashboard import status_view
    from mlpath.render.status import build_lines
    from mlpath.store.state import store_for

    result = cli("plan", "-r", roadmap, "-H", "10", "--start", "2027-01-04", today="2027-01-04")
    assert result.exit_code == 0, result.output
    assert cli("log", "3", today="2027-03-01").exit_code == 0
    assert cli("done", "1", today="2027-03-02").exit_code == 0
    prog = load_active(store_for(isolated), date(2027, 6, 1)).progress
    assert len(prog.schedule.phases) <= WINDOW_FROM
    whole = status_view(prog)
    assert status_view(prog, every=False) == whole
    drawn = [line.plain for line in build_lines(whole, 80)]
    for ph in prog.schedule.phases:  # a row each (labels cut to the label column)
        assert any(line.startswith(f"{ph.number} {ph.title}"[:8]) for line in drawn), ph.title
    assert counted(drawn) == []


# --- the window itself (pure) -----------------------------------------------------------


def test_small_plans_show_everything() -> None:
    assert shown(WINDOW_FROM, 5, 9) == list(range(WINDOW_FROM))
    assert hidden_runs(list(range(WINDOW_FROM)), WINDOW_FROM) == []


def test_window_positions_and_runs() -> None:
    # 1,000 phases, the learner at 500 and the calendar there too
    assert shown(1000, 500, 500) == [498, 499, 500, 501, 502, 503]
    assert hidden_runs([498, 499, 500, 501, 502, 503], 1000) == [(0, 0, 497), (6, 504, 999)]
    # behind: the calendar at 700, the learner at 500
    at = shown(1000, 500, 700)
    assert at == [498, 499, 500, 501, 502, 503, 699, 700, 701, 702, 703]
    assert hidden_runs(at, 1000) == [(0, 0, 497), (6, 504, 698), (11, 704, 999)]
    # the last phase
    assert shown(1000, 999, 999) == [997, 998, 999]
    assert hidden_runs([997, 998, 999], 1000) == [(0, 0, 996)]
    assert shown(1000, 0, 0) == [0, 1, 2, 3]


def test_the_learner_is_at_the_first_phase_not_done() -> None:
    assert learner_at(["done", "skipped", "overdue", "done", "upcoming"]) == 2
    assert learner_at(["done"] * 3) == 2
    assert BEFORE == 2


def test_a_long_count_wraps_between_words(cli: Cli, roadmaps: Path) -> None:
    """A run with three kinds of phases, at the narrowest layout (40 columns)."""
    plan(cli, roadmaps, 20)
    done(cli, 18, on=START)  # phase 18 done on day 0, far ahead
    tick = cli("done", "t-16-1", "--on", START.isoformat(), today=START)  # phase 16 begun
    assert tick.exit_code == 0, tick.output
    lines = dashboard(cli, START, 40)
    # phases 5-20 left out: 18 done, 16 in progress, the other 14 to come
    said = "… 16 more phases (1 done, 1 in progress, 14 to come)"
    start = next(i for i, line in enumerate(lines) if line.startswith("…"))
    joined = lines[start]
    for line in lines[start + 1 :]:
        if not line.startswith("  ") or line.lstrip().startswith("`"):
            break
        joined += " " + line.strip()
    assert joined == said  # wrapped between words, nothing cut
    assert len(lines[start]) < len(said)
