"""A day's planned time (PRODUCT.md): reviews first, then habits, then new work.

The bundled `practical` roadmap at level intermediate (phase 1: three 30 h
topics), 14 h/week every day from Mon 2027-01-04: 2 h a study day. Reviews take
30 minutes each here. Expected figures are worked out by hand below.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from fractions import Fraction as F
from pathlib import Path
from typing import Any

from mlpath.core.schedule import HabitLoad, Settings, build
from mlpath.store.catalog import resolve

START = date(2027, 1, 4)


def day(n: int) -> date:
    return START + timedelta(days=n)


def settings(**kw: object) -> Settings:
    return Settings("intermediate", F(14), START, review_minutes=30, **kw)  # type: ignore[arg-type]


ARXIV = HabitLoad("arxiv", None, None, F(5))  # 5 minutes every study day
PAPERS = HabitLoad("papers", None, (day(5), day(6)), F(30))  # only on days 5 and 6


def test_reviews_then_habits_then_new_work() -> None:
    """Day 0: no review, the 5-minute habit (1/12 h), new 2 - 1/12 = 23/12 h.
    Day 1: two reviews (1 h), the habit, new 11/12 h. Day 2: five reviews (2.5 h)
    fill the day: the habit shrinks to nothing and new work is 0; the half hour
    left is reviewed on day 3 first: 1/2 + 1/12 + 17/12 = 2. Days 5 and 6 add
    the papers' half hour: 1/12 + 1/2 + 17/12."""
    sched = build(resolve("practical"), settings(habits=(ARXIV, PAPERS)), {day(1): 2, day(2): 5})
    plans = [sched.day_plan(day(n)) for n in range(7)]
    assert [(p.reviews, p.habits, p.new) for p in plans] == [
        (0, F(1, 12), F(23, 12)),
        (1, F(1, 12), F(11, 12)),
        (2, 0, 0),
        (F(1, 2), F(1, 12), F(17, 12)),
        (0, F(1, 12), F(23, 12)),
        (0, F(7, 12), F(17, 12)),
        (0, F(7, 12), F(17, 12)),
    ]
    assert all(p.hours == 2 for p in plans)
    # L(d) counts new work only: by day 3, 23/12 + 11/12 + 0 = 34/12 h
    assert sched.laid_before(day(3)) == F(34, 12)
    # the week never exceeds the learner's 14 h: reviews 1 + 2 + 1/2; habits six
    # days of 5 minutes (none on day 2) and two half hours, 1/2 + 1; new the rest
    wk = sched.weeks[0]
    assert (wk.review_hours, wk.habit_hours) == (F(7, 2), F(3, 2))
    assert wk.hours + wk.review_hours + wk.habit_hours == 14


def test_habits_move_the_finish() -> None:
    """390 h at 2 h a day end on day 194 (2027-07-17). With 5 minutes of habit a
    day, 23/12 h of new work a day: 390 x 12 / 23 = 203.5 days, so day 203
    (2027-07-26) is the last."""
    rm = resolve("practical")
    assert build(rm, settings()).finish == date(2027, 7, 17)
    assert build(rm, settings(habits=(ARXIV,))).finish == date(2027, 7, 26)


def test_a_habit_only_in_its_phases() -> None:
    """A habit of phase 2 only: phase 1's 90 h take days 0-44 at 2 h a day, so the
    habit starts on day 45, the first day of phase 2."""
    only2 = HabitLoad("only2", frozenset({2}), None, F(60))
    sched = build(resolve("practical"), settings(habits=(only2,)))
    assert sched.day_plan(day(44)).habits == 0
    assert sched.day_plan(day(45)).habits == 1


def test_next_json_breaks_the_day_down(cli: Any, isolated: Path) -> None:
    """14 h/week with 6-minute reviews: python-libraries done on Mon 01-04, its first
    review is due Wed 01-06. That day's 2 h: 6 min (0.1 h) of review, no habit, 1.9 h
    of new work."""
    cli("plan", "-r", "practical", "-l", "intermediate", "--hours", "14",
        "--start", "2027-01-04", "--review-minutes", "6", today="2027-01-04")  # fmt: skip
    cli("done", "python-libraries", today="2027-01-04")
    v = json.loads(cli("next", "--json", today="2027-01-06").stdout)
    assert v["day"] == {"kind": "study", "hours": 2, "reviews": 0.1, "habits": 0, "new": 1.9}
