"""`--finish-by` keeps its date (PRODUCT.md, "Plans that hold their dates").

A learner simulated day by day: each morning the plan is laid as mlpath lays it
(the reviews of what they finished so far take their time first), they log
exactly the day's hours, every review due is answered "good" that day (so each
card follows core/review.py's ladder: 2, 13, 59, ... days after it was
finished) and each item is ticked on its due date. They must finish on or
before the date `--finish-by` was given, and be on track every morning.

Before this round the hours were chosen without the reviews the plan's own
items create: job-ready advanced from 2027-03-01 on weekdays by 2027-09-30
chose 14.75 h/week and finished on 2027-10-05.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from mlpath.core.finishby import least_hours_for
from mlpath.core.ledger import Done, Ledger, Log
from mlpath.core.progress import compute
from mlpath.core.review import review_load
from mlpath.core.roadmap import Roadmap
from mlpath.core.schedule import Settings, build
from mlpath.store.catalog import BUNDLED_ORDER, resolve

WEEKDAYS = (0, 1, 2, 3, 4)


def follow(roadmap: Roadmap, settings: Settings, *, pace: bool = False) -> date:
    """The day the learner who follows the plan exactly ticks its last item."""
    done: dict[str, date] = {}
    led = Ledger()
    horizon = date(2040, 1, 1)
    sched = build(roadmap, settings)
    day = settings.start
    seq = 0
    while True:
        if pace and day > settings.start:
            # every morning (before the day's work): on track
            status = compute(sched, led, day).pace.status
            assert status == "on-track", (roadmap.id, day, status)
        hours = sched.day_plan(day).hours
        if hours:
            seq += 1
            led.logs.append(Log(day, hours, seq))
        ticked = [
            it.id
            for it in sched.items.values()
            if not it.skipped and it.due == day and it.id not in done
        ]
        for item in ticked:
            seq += 1
            done[item] = day
            led.done[item] = Done(item, day, seq)
        if all(it.id in done for it in sched.items.values() if not it.skipped):
            return max(done.values())
        if ticked:  # what they finished brings reviews: the plan is laid again
            sched = build(roadmap, settings, review_load(done, {}, horizon))
        day += timedelta(days=1)
        assert day < horizon


def test_the_job_ready_case_of_the_issue_finishes_by_its_date() -> None:
    """job-ready advanced, weekdays from Mon 2027-03-01, 5 min a review, by
    2027-09-30. Without reviews 14.75 h/week was the least; the reviews its items
    bring (each item: one 5-minute review 2 days after, one 13 days after, ...)
    need a quarter hour more: 15 h/week, and the follower finishes on 09-30."""
    rm = resolve("job-ready")
    settings = Settings("advanced", Fraction(10), date(2027, 3, 1), WEEKDAYS, review_minutes=5)
    weekly, plan = least_hours_for(rm, settings, date(2027, 9, 30))
    assert weekly == 15
    assert plan.finish <= date(2027, 9, 30)
    assert follow(rm, plan.settings, pace=True) <= date(2027, 9, 30)
    # and a quarter hour less would not have made it, reviews counted
    slower = Settings(
        "advanced", weekly - Fraction(1, 4), date(2027, 3, 1), WEEKDAYS, review_minutes=5
    )
    assert follow(rm, slower) > date(2027, 9, 30)


def targets(rm: Roadmap, level: str) -> list[date]:
    """Three dates per roadmap and level: where plans at 8, 12 and 20 h/week
    without review time would end (the reviews then need more hours)."""
    start = date(2027, 3, 1)
    out = []
    for hours in (8, 12, 20):
        s = Settings(level, Fraction(hours), start, WEEKDAYS)
        out.append(build(rm, s).finish)
    return out


# Every roadmap, level and date: the whole grid runs in a few seconds.
GRID = [
    pytest.param(rid, level, n, id=f"{rid}-{level}-{n}")
    for rid in BUNDLED_ORDER
    for level in ("beginner", "intermediate", "advanced")
    for n in range(3)
]


@pytest.mark.parametrize(("rid", "level", "n"), GRID)
def test_a_follower_finishes_by_the_date(rid: str, level: str, n: int) -> None:
    rm = resolve(rid)
    by = targets(rm, level)[n]
    settings = Settings(level, Fraction(10), date(2027, 3, 1), WEEKDAYS, review_minutes=5)
    _, plan = least_hours_for(rm, settings, by)
    assert plan.finish <= by
    assert follow(rm, plan.settings) <= by


def test_plan_finish_by_through_the_cli(cli: Any, isolated: Path) -> None:
    """The same case typed: 15 h/week, and the plan it saves ends by 09-30."""
    import json

    out = cli(
        "plan", "-r", "job-ready", "-l", "advanced", "--finish-by", "2027-09-30",
        "--days", "weekdays", "--start", "2027-03-01", "--json", today="2027-02-20",
    )  # fmt: skip
    view = json.loads(out.stdout)
    assert view["finish_by"] == {"date": "2027-09-30", "hours_per_week": 15}
    assert view["finish"] <= "2027-09-30"


def test_one_finish_date_for_a_finish_by_plan_everywhere(cli: Any, isolated: Path) -> None:
    """The finish `plan --finish-by` shows is the one `status` and `next` show (the plan
    as every command lays it), and so is the one `replan --finish-by` says."""
    import json

    def said(*args: str, today: str = "2027-02-10") -> dict[str, Any]:
        out = cli(*args, "--json", today=today)
        assert out.exit_code == 0, out.output
        view: dict[str, Any] = json.loads(out.stdout)
        return view

    plan = said("plan", "-r", "practical", "-l", "advanced", "--finish-by", "2027-09-30")
    assert plan["finish"] <= "2027-09-30"
    assert said("status")["pace"]["planned_finish"] == plan["finish"]
    assert said("next")["pace"]["planned_finish"] == plan["finish"]
    text = cli("plan", "-r", "practical", "-l", "advanced", "--finish-by", "2027-09-30",
               "--dry-run", today="2027-02-10").stdout  # fmt: skip
    assert f"→ {date.fromisoformat(plan['finish']).strftime('%a %d %b %Y')}" in text
    replanned = cli("replan", "--finish-by", "2027-08-31", today="2027-02-10")
    assert replanned.exit_code == 0, replanned.output
    finish = said("status")["pace"]["planned_finish"]
    assert finish <= "2027-08-31"
    assert f"→ {finish} " in replanned.stdout


def test_the_hours_chosen_in_quarter_hours_are_said_exactly(cli: Any, isolated: Path) -> None:
    """practical at 10 h/week from Mon 2027-01-04: finishing by 2027-10-01 takes
    20.25 h/week and by 2027-07-01 30.75. The sentence says "in quarter hours", so it
    shows the quarter (20.25), not the one number rule's 20.3; measured figures (the
    replanned line's h/week) keep that rule."""
    import json

    day = "2027-01-04"
    made = cli("plan", "-r", "practical", "-H", "10", "-s", day, today=day)
    assert made.exit_code == 0, made.output
    for by, figure in (("2027-10-01", "20.25"), ("2027-07-01", "30.75")):
        out = cli("replan", "--dry-run", "--finish-by", by, "--json", today=day)
        assert json.loads(out.stdout)["finish_by"]["hours_per_week"] == float(figure)
        said = cli("replan", "--dry-run", "--finish-by", by, today=day).stdout
        assert f"Chose {figure} h/week: the least, in quarter hours" in said
        shown = cli("plan", "-r", "practical", "--dry-run", "--finish-by", by, today=day)
        assert f"Chose {figure} h/week" in shown.stdout
    assert "at 30.8 h/week" in said  # the plan's figure, as every screen shows it
