"""What it takes to get back: the required pace, TSPI, the range of recent weeks,
and `replan --catch-up` (PRODUCT.md, "Plans that hold their dates").

The usual plan of tests/test_pace.py at 14 h/week: the bundled `practical`
roadmap (390 h; phase 1 three 30 h topics, ...), level intermediate, every day
from Mon 2027-01-04, no review time: 2 h a day, 195 study days, planned finish
day 194 = 2027-07-17. Expected figures are worked out by hand in each docstring.
"""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from mlpath.app import actions
from mlpath.app.session import load_active
from mlpath.core.views import next_view
from mlpath.errors import UsageError
from mlpath.render.change import change_lines
from mlpath.render.next import next_text
from mlpath.render.term import Style
from mlpath.store.state import Store
from planstore import day, planned_store


@pytest.fixture
def store(isolated: Path) -> Store:
    s = planned_store(isolated)
    return s


def log(store: Store, today: date, hours: str) -> None:
    actions.log_time(store, today, hours, on=None, note=None, item=None)


def view(store: Store, today: date) -> dict[str, Any]:
    return next_view(load_active(store, today).progress)


def catch_up(store: Store, today: date, weeks: str, **kw: Any) -> actions.Change:
    return actions.do_replan(
        store, today, hours=None, from_=None, days=None, breaks=(), catch_up=weeks, **kw
    )


def half_hours_for_two_weeks(store: Store) -> None:
    for n in range(14):
        log(store, day(n), "1")


def test_behind_shows_the_hours_a_week_that_keep_the_planned_finish(store: Store) -> None:
    """1 h a day for 14 days: on day 14 (Mon 01-18) L = 28 h, C = 14 h: behind by
    14 - 7 = 7 days (L(day 7) = 14). Left: 390 - 14 = 376 h over the 181 study
    days from 01-18 to 07-17: 376 x 7 / 181 = 14.54 h/week, 14.75 up to the
    quarter hour. TSPI: PD = 195 days, AT = 14, ES = 7: (195 - 7) / (195 - 14)
    = 188/181 = 1.039. Both full weeks ran at half the plan's speed (7 h of
    14): the rest, 376 h, at 1 h a day takes 376 days from 01-18 (its 376th is
    01-18 + 365 + 10): 2028-01-28 at
    both ends of the range."""
    half_hours_for_two_weeks(store)
    v = view(store, day(14))
    p = v["pace"]
    assert (p["status"], p["days"]) == ("behind", 7)
    assert p["required_hours_per_week"] == 14.75
    assert p["tspi"] == round(188 / 181, 3)
    assert p["finish_range"] == {"slowest": "2028-01-28", "fastest": "2028-01-28"}
    shown = next_text(v, Style(False))
    assert "14.8 h/week from today finishes on Sat 17 Jul 2027" in shown
    assert "recent weeks point to Fri 28 Jan 2028." in shown


def test_a_pace_no_study_day_holds_is_not_offered_as_one(store: Store) -> None:
    """5 h logged on day 1, then nothing until the planned finish (07-17, day 194):
    385 h left on its one study day is 385 x 7 = 2695 h/week, more than 7 days of
    24 h hold. The figure stays in --json; the text does not offer it as a pace."""
    log(store, day(1), "5")
    v = view(store, day(194))
    p = v["pace"]
    assert p["required_hours_per_week"] == 2695
    assert p["required_reachable"] is False
    shown = next_text(v, Style(False))
    assert "finishes on Sat 17 Jul 2027" not in shown
    assert "no pace reaches Sat 17 Jul 2027 now (2695 h/week)" in shown
    # a pace the days hold is still offered, and said to be reachable
    assert view(store, day(14))["pace"]["required_reachable"] is True


def test_on_track_has_no_required_pace(store: Store) -> None:
    """2 h a day: on track; TSPI (195 - 14) / (195 - 14) = 1."""
    for n in range(14):
        log(store, day(n), "2")
    p = view(store, day(14))["pace"]
    assert p["status"] == "on-track"
    assert p["required_hours_per_week"] is None and p["required_reachable"] is None
    assert p["tspi"] == 1
    assert p["finish_range"] == {"slowest": "2027-07-17", "fastest": "2027-07-17"}


def test_catch_up_spreads_the_deficit_and_keeps_the_finish(store: Store) -> None:
    """Deficit 28 - 14 = 14 h over 2 weeks: at least 7 h a week more, 21 h/week
    (3 h a day) for days 14-27 (01-18 to 01-31). Then 376 - 42 = 334 h at 2 h a day
    take 167 days: the last is day 28 + 166 = day 194 = 07-17, the planned finish.
    20.75 h would lay 41.5 h in the two weeks and leave 334.5 h: 168 days, one late.
    The learner who then logs 3 h a day is on track each morning; on 02-01 the
    day has 2 h again."""
    half_hours_for_two_weeks(store)
    dry = catch_up(store, day(14), "2", dry_run=True)
    assert dry.view["changed"] is False
    assert "Dry run: nothing saved." in change_lines(dry.steps)
    assert any("weeks 3–4" in line and "21 h/week" in line for line in change_lines(dry.steps))
    assert "boost" not in load_active(store, day(14)).plan
    changed = catch_up(store, day(14), "2")
    assert changed.view["catch_up"] == {
        "deficit_hours": 14,
        "weeks": 2,
        "from": "2027-01-18",
        "until": "2027-01-31",
        "hours_per_week": 21,
        "then_hours_per_week": 14,
    }
    assert changed.view["new_finish"] == "2027-07-17"
    plan = load_active(store, day(14)).plan
    assert plan["boost"] == {"until": "2027-01-31", "hours_per_week": "21"}
    assert plan["hours_per_week"] == "14"
    for n in range(14, 28):
        v = view(store, day(n))
        assert v["pace"]["status"] == "on-track", day(n)
        assert v["day"]["hours"] == 3
        log(store, day(n), "3")
    assert view(store, day(28))["day"]["hours"] == 2


def test_catch_up_is_refused_when_not_behind(store: Store) -> None:
    for n in range(14):
        log(store, day(n), "2")
    with pytest.raises(UsageError, match="on track: there is no deficit"):
        catch_up(store, day(14), "2")


def test_catch_up_is_refused_over_the_learners_cap(store: Store) -> None:
    """21 h/week is 3 h a study day: over a cap of 2.5 h; a cap of 3 h allows it."""
    half_hours_for_two_weeks(store)
    with pytest.raises(UsageError, match="max_hours_per_day"):
        catch_up(store, day(14), "2", max_hours_per_day=Fraction(5, 2))
    changed = catch_up(store, day(14), "2", max_hours_per_day=Fraction(3))
    assert changed.view["catch_up"]["hours_per_week"] == 21


def test_a_refused_catch_up_says_its_figures_by_the_number_rule(store: Store) -> None:
    """Idle for 14 days at 1/3 h under 14 h/week: 28 h behind. Over one week that is
    14 + 28 = 42 h/week, 6 h a study day, over a cap of 2 h 20 min (7/3 h): the
    sentence says "1 week", "42 h/week", "6 h" and "2.3 h", never a fraction."""
    with pytest.raises(UsageError) as refused:
        catch_up(store, day(14), "1", max_hours_per_day=Fraction(7, 3))
    said = refused.value.message
    assert "over 1 week is not possible" in said
    assert "42 h/week, 6 h a study day" in said and "(2.3 h)" in said and "/3" not in said
    # 28 h over 3 weeks (9.33 h/week, 9.5 up to the quarter hour): 23.5 h/week, 3.36 h a day
    with pytest.raises(UsageError) as refused:
        catch_up(store, day(14), "3", max_hours_per_day=Fraction(7, 3))
    assert "23.5 h/week, 3.4 h a study day" in refused.value.message


def test_catch_up_past_24_hours_a_day_is_refused(store: Store) -> None:
    """Idle for 150 days: L = 300 h, a deficit of 300 h in one week would be
    14 + 300 = 314 h/week, 44.9 h a day."""
    with pytest.raises(UsageError, match="not possible"):
        catch_up(store, day(150), "1")


def test_catch_up_through_the_cli(cli: Any, isolated: Path) -> None:
    """The same plan typed; `config max_hours_per_day` caps it; a bad WEEKS is
    one sentence and exit 2."""
    cli("plan", "-r", "practical", "-l", "intermediate", "--hours", "14",
        "--start", "2027-01-04", "--review-minutes", "0", today="2027-01-04")  # fmt: skip
    for n in range(14):
        cli("log", "1", today=day(n).isoformat())
    out = cli("replan", "--catch-up", "2", "-n", "--json", today="2027-01-18")
    assert json.loads(out.stdout)["catch_up"]["hours_per_week"] == 21
    bad = cli("replan", "--catch-up", "zero", today="2027-01-18")
    assert bad.exit_code == 2
    assert "--catch-up zero" in bad.stderr and "Traceback" not in bad.stderr
    cli("config", "set", "max_hours_per_day", "2.5")
    capped = cli("replan", "--catch-up", "2", today="2027-01-18")
    assert capped.exit_code == 2
    assert "max_hours_per_day" in capped.stderr
