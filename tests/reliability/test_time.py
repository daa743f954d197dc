"""6. Time: the calendar is the same in every time zone, across DST changes.

Hypothesis draws start dates (often on a DST change of one of the zones),
study days, breaks and hours; the plan is made in one zone (TZ set, tzset) and
shown in others, and `next` runs after TZ changes between runs. Week N must
run from start + 7(N-1) days for seven calendar days, weekly hours must sum to
the total, due dates must not move, and the dates stored in state.json must be
exactly the dates given. A few runs in fresh interpreters with TZ=... confirm
that the in-process zone switching sees what a real process sees.
"""

from __future__ import annotations

import json
import math
import os
import time
import zoneinfo
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import Figures, invoke, mlpath_env, run_mlpath

ZONES = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "America/Santiago",  # DST changes at midnight: some days start at 01:00
    "America/Havana",  # the same, northern hemisphere
    "Australia/Lord_Howe",  # a 30-minute DST shift
    "Pacific/Chatham",  # UTC+12:45 / +13:45
    "Pacific/Kiritimati",  # UTC+14: the first to see a date
    "Etc/GMT+12",  # UTC-12: the last
    "Asia/Tehran",  # DST abolished in 2022
]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
EXAMPLES = 300


def _dst_changes(zone: str, first: int = 2024, last: int = 2032) -> list[date]:
    """The days on which zone's UTC offset changes (found by scanning, not typed in)."""
    tz = zoneinfo.ZoneInfo(zone)
    out = []
    day = date(first, 1, 1)
    prev = datetime(day.year, 1, 1, 12, tzinfo=tz).utcoffset()
    while day.year <= last:
        off = datetime(day.year, day.month, day.day, 12, tzinfo=tz).utcoffset()
        if off != prev:
            out.append(day)
        prev = off
        day += timedelta(days=1)
    return out


DST_DAYS = sorted({d for z in ZONES for d in _dst_changes(z)})


@pytest.fixture
def tz() -> Iterator[Any]:
    """set(zone): switch this process's local time zone (restored afterwards)."""
    old = os.environ.get("TZ")

    def switch(zone: str) -> None:
        os.environ["TZ"] = zone
        time.tzset()

    yield switch
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    near_dst = st.builds(
        lambda d, k: d + timedelta(days=k), st.sampled_from(DST_DAYS), st.integers(-8, 8)
    )
    start = draw(near_dst | st.dates(date(2020, 1, 1), date(2040, 12, 31)))
    days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True))
    breaks = []
    for _ in range(draw(st.integers(0, 2))):
        first = start + timedelta(days=draw(st.integers(-5, 150)))
        breaks.append((first, first + timedelta(days=draw(st.integers(0, 20)))))
    return {
        "roadmap": draw(st.sampled_from(["practical", "beginner"])),
        "start": start,
        "days": [d for d in WEEKDAYS if d in days],
        "breaks": breaks,
        "hours": draw(st.sampled_from(["6", "7.5", "10", "15", "40"])),
        "zones": draw(st.lists(st.sampled_from(ZONES), min_size=2, max_size=3, unique=True)),
        "today": start + timedelta(days=draw(st.integers(0, 120))),
    }


def _plan_args(p: dict[str, Any]) -> list[str]:
    args = ["plan", "-r", p["roadmap"], "--hours", p["hours"], "--start", p["start"].isoformat()]
    args += ["--days", ",".join(p["days"])]
    for a, b in p["breaks"]:
        args += ["--break", f"{a.isoformat()}:{b.isoformat()}"]
    return args


def calendar_problems(view: dict[str, Any], start: date) -> list[str]:
    """What breaks the calendar rules in a `plan --json` view (empty when all hold)."""
    problems = []
    for wk in view["weeks"]:
        n = wk["number"]
        first = start + timedelta(days=7 * (n - 1))
        if wk["start"] != first.isoformat() or wk["end"] != (first + timedelta(6)).isoformat():
            problems.append(f"week {n} runs {wk['start']}..{wk['end']}, not from {first}")
    total = sum(wk["hours"] for wk in view["weeks"])
    if not math.isclose(total, view["total_hours"], rel_tol=1e-9):
        problems.append(f"weekly hours sum to {total}, not {view['total_hours']}")
    return problems


def test_calendar_is_the_same_in_every_zone(tz: Any, tmp_path: Path, figures: Figures) -> None:
    tally: Counter[str] = Counter()
    problems: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(plans())
    def check(p: dict[str, Any]) -> None:
        home = tmp_path / f"h{tally['examples']}"
        tally["examples"] += 1
        os.environ["MLPATH_TODAY"] = p["today"].isoformat()
        first, others = p["zones"][0], p["zones"][1:]
        tz(first)
        made = invoke(["--home", str(home), *_plan_args(p), "--json"])
        if made.exit_code != 0:  # e.g. a break covering every study day: a clean refusal
            # with --json the error is JSON on stderr
            assert made.exit_code == 2 and json.loads(made.stderr)["exit"] == 2, made.stderr
            tally["refused"] += 1
            return
        view = json.loads(made.stdout)
        assert view.pop("saved") == str(home / "state.json")  # the dry runs below: null
        next_first = invoke(["--home", str(home), "next", "--json"]).stdout
        problems.extend(calendar_problems(view, p["start"]))
        record = json.loads((home / "state.json").read_text())["events"][-1]
        stored = record["plan"]
        if stored["start"] != p["start"].isoformat() or stored["breaks"] != [
            [a.isoformat(), b.isoformat()] for a, b in sorted(p["breaks"])
        ]:
            problems.append(f"stored dates differ from the input: {stored}")
        if not record["at"].endswith("Z"):
            problems.append(f"timestamp {record['at']} is not UTC")
        for zone in others:  # TZ changes between runs
            tz(zone)
            again = json.loads(invoke(["--home", str(home), *_plan_args(p), "--json", "-n"]).stdout)
            assert again.pop("saved") is None
            tally["comparisons"] += 1
            if again != view:
                problems.append(f"plan differs between {first} and {zone} for {p}")
            if invoke(["--home", str(home), "next", "--json"]).stdout != next_first:
                problems.append(f"`next` differs between {first} and {zone} for {p}")
            relative = invoke(
                ["--home", str(home), "plan", "--start", "next monday", "-n", "--json"]
            )
            today = p["today"]
            monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
            if json.loads(relative.stdout)["start"] != monday.isoformat():
                problems.append(f"'next monday' from {today} in {zone} is not {monday}")
        tally["weeks"] += len(view["weeks"])

    try:
        check()
    finally:
        os.environ.pop("MLPATH_TODAY", None)
    figures.add("date mismatches", len(problems), tally["comparisons"] + tally["weeks"])
    figures.note(
        f"time: {tally['examples']} plans (start, days, breaks, hours) in {len(ZONES)} zones, "
        f"{tally['comparisons']} zone changes between runs, {tally['weeks']} weeks checked, "
        f"{len(problems)} mismatches ({tally['refused']} plans refused cleanly)"
    )
    assert problems == []


def test_fresh_interpreters_with_tz(isolated: Path, figures: Figures) -> None:
    """TZ set before Python starts (no tzset) gives the very same dates."""
    start = min(d for d in _dst_changes("America/Santiago") if d.year == 2027)
    args = ["plan", "-r", "practical", "--start", start.isoformat(), "--days", "mon,wed,sun"]
    outputs = {}
    for zone in ("America/Santiago", "Pacific/Kiritimati", "Etc/GMT+12"):
        env = mlpath_env(isolated, TZ=zone, MLPATH_TODAY=start.isoformat())
        result = run_mlpath([*args, "--json", "--force"], env)
        assert result.returncode == 0, result.stderr
        nxt = run_mlpath(["next", "--json"], env)
        assert nxt.returncode == 0, nxt.stderr
        outputs[zone] = (result.stdout, nxt.stdout)
    assert len(set(outputs.values())) == 1
    view = json.loads(outputs["Etc/GMT+12"][0])
    assert calendar_problems(view, start) == []
    figures.add("date mismatches", 0, 2 * len(outputs))


def test_catches_dates_computed_from_local_timestamps(
    tz: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The checks above can fail: week dates computed as 'midnight + N x 86,400 s' in local
    time slip by a day across a DST change, and calendar_problems sees it."""
    import mlpath.app.actions as actions

    real_view = actions.plan_view

    def timestamp_view(schedule: Any, **kw: Any) -> dict[str, Any]:
        view = real_view(schedule, **kw)
        midnight = time.mktime(schedule.settings.start.timetuple())
        for wk in view["weeks"]:
            seconds = midnight + (wk["number"] - 1) * 7 * 86400
            wk["start"] = date.fromtimestamp(seconds).isoformat()
        return view

    monkeypatch.setattr(actions, "plan_view", timestamp_view)
    fall_back = [d for d in _dst_changes("America/New_York") if d.month == 11][0]
    start = fall_back - timedelta(days=3)
    tz("America/New_York")
    result = invoke(["plan", "-r", "practical", "--start", start.isoformat(), "-n", "--json"])
    assert result.exit_code == 0, result.stderr
    assert calendar_problems(json.loads(result.stdout), start) != []
