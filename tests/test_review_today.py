"""Today's share of the reviews, as `review`, `next` and a rating say it.

The plan: complete at 6 h/week on Mondays and Thursdays from Mon 2027-01-04, so a
study day has 6 / 2 = 3 h, and reviews take 5 minutes each (the default). Ten topics
are done on Sat 2027-01-02 (a head start): each card falls due two days later, on
Mon 01-04, and is left there. On Mon 01-11 the ten are carried reviews: the daily cap
on carried reviews (30 minutes, config review_cap_minutes) gives six of them to
today, 6 x 5 = 30 min, and four wait for the next study days. complete lays its
five-minute arXiv habit on every study day.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from clirun import Cli

TOPICS = (
    "programming-fundamentals math-check statistical-thinking linear-algebra "
    "multivariable-calculus probability-statistics numpy pandas data-visualisation "
    "jupyter-notebooks"
).split()
DAY = "2027-01-11"


@pytest.fixture
def carried(cli: Cli, isolated: Path) -> None:
    plan = cli("plan", "-r", "complete", "--hours", "6", "--days", "mon,thu",
               "--start", "2027-01-04", today="2027-01-04")  # fmt: skip
    assert plan.exit_code == 0, plan.output
    for item in TOPICS:
        assert cli("done", item, "--on", "2027-01-02", today="2027-01-04").exit_code == 0


def as_json(cli: Cli, *args: str) -> dict[str, Any]:
    result = cli(*args, "--json", today=DAY)
    assert result.exit_code == 0, result.output
    view: dict[str, Any] = json.loads(result.stdout)
    return view


def test_review_says_how_many_of_the_due_are_todays(cli: Cli, carried: None) -> None:
    """Ten are due, six of them today: the 30 minutes are those six, not the ten."""
    listed = as_json(cli, "review")
    assert (len(listed["due"]), listed["today_count"], listed["waiting"]) == (10, 6, 4)
    assert listed["minutes"] == 30
    # today's come first, the ones `next` gives
    nxt = as_json(cli, "next")["reviews"]
    assert [c["id"] for c in listed["due"][:6]] == [c["id"] for c in nxt["due"]]
    text = cli("review", today=DAY).stdout
    assert "10 reviews due, 6 of them today, ~30 min of today's 3 h" in text
    assert "4 more reviews waiting for the next study days" in text
    assert f"mlpath review {nxt['due'][0]['id']} again|hard|good|easy" in text


def test_the_cap_holds_once_todays_reviews_are_done(cli: Cli, carried: None) -> None:
    """Rating today's six leaves none for today and four waiting: the cap is the day's,
    not made anew by every rating."""
    todays = [c["id"] for c in as_json(cli, "next")["reviews"]["due"]]
    said = []
    for item in todays:
        result = cli("review", item, "good", today=DAY)
        assert result.exit_code == 0, result.output
        said.append(result.stdout)
    assert "5 more reviews due today." in said[0]
    assert "No more reviews due today." in said[-1]
    nxt = as_json(cli, "next")
    assert (nxt["reviews"]["count"], nxt["reviews"]["waiting"]) == (0, 4)
    # the day's planned time still holds the 30 minutes of reviews it laid (done now)
    assert Fraction(nxt["day"]["reviews"]).limit_denominator(60) == Fraction(1, 2)
    assert Fraction(nxt["day"]["new"]).limit_denominator(60) == Fraction(145, 60)
    assert "Review today none; 4 reviews waiting for the next study days" in (
        cli("next", today=DAY).stdout
    )
    listed = as_json(cli, "review")
    assert (len(listed["due"]), listed["today_count"], listed["waiting"]) == (4, 0, 4)
    assert "4 reviews due, none of them today: they wait for the next study days" in (
        cli("review", today=DAY).stdout
    )


def test_new_work_left_after_reviews_counts_the_habits_too(cli: Cli, carried: None) -> None:
    """3 h - 30 min of reviews - 5 min of the arXiv habit = 2 h 25 min of new work, as
    the day's own split (`day`) says; `next` shows the habit's minutes beside them."""
    nxt = as_json(cli, "next")
    day, reviews = nxt["day"], nxt["reviews"]
    assert Fraction(day["habits"]).limit_denominator(60) == Fraction(5, 60)
    assert reviews["new_work_hours"] == day["new"]
    assert Fraction(day["new"]).limit_denominator(60) == Fraction(145, 60)
    assert "Today's 3 h: ~30 min reviewing, 5 min of habits, 2.4 h for new work" in (
        cli("next", today=DAY).stdout
    )


def test_the_split_keeps_the_reviews_rated_today(cli: Cli, isolated: Path) -> None:
    """complete at 14 h/week, every day: 2 h a day. Two topics done on Mon 01-04 fall
    due on Wed 01-06, 2 x 5 = 10 min. Rating one of them leaves the day's split as
    `day` gives it (10 min reviewing, 5 min of arXiv, 1 h 45 min new): the line said
    ~5 min reviewing (what is still due), so its parts no longer made the day's 2 h."""
    assert cli("plan", "-r", "complete", "--hours", "14", "--start", "2027-01-04",
               today="2027-01-04").exit_code == 0  # fmt: skip
    for item in ("programming-fundamentals", "math-check"):
        assert cli("done", item, today="2027-01-04").exit_code == 0
    day = "2027-01-06"
    assert cli("review", "programming-fundamentals", "good", today=day).exit_code == 0
    nxt = cli("next", "--json", today=day)
    split = json.loads(nxt.stdout)["day"]
    assert Fraction(split["reviews"]).limit_denominator(60) == Fraction(10, 60)
    assert Fraction(split["new"]).limit_denominator(60) == Fraction(105, 60)
    assert "Today's 2 h: ~10 min reviewing, 5 min of habits, 1.8 h for new work" in (
        cli("next", today=day).stdout
    )


PRACTICAL_TEN = (
    "python-libraries statistics linear-algebra regression classification "
    "model-evaluation supervised-tabular-project supervised-baseline clustering "
    "dimensionality-reduction"
).split()


def test_reviews_past_the_day_fill_it_and_say_so(cli: Cli, isolated: Path) -> None:
    """practical at 1.5 h/week on Mon, Wed and Fri: 30 min a study day. Ten items done
    on Mon 01-04 fall due on Wed 01-06, 50 min: the day is all reviewing (`day`:
    reviews 0.5, new 0) and the rest is carried. `next` said "Today's 0.5 h: ~50 min
    reviewing" and `review` "~50 min of today's 0.5 h"."""
    assert cli("plan", "-r", "practical", "--hours", "1.5", "--days", "mon,wed,fri",
               "--start", "2027-01-04", today="2027-01-04").exit_code == 0  # fmt: skip
    for item in PRACTICAL_TEN:
        assert cli("done", item, today="2027-01-04").exit_code == 0
    day = "2027-01-06"
    nxt = as_json_on(cli, day, "next")
    assert nxt["reviews"]["minutes"] == 50
    assert (Fraction(nxt["day"]["reviews"]), nxt["day"]["new"]) == (Fraction(1, 2), 0)
    text = cli("next", today=day).stdout
    assert "Today's 0.5 h: ~30 min reviewing, 0 h for new work" in text
    assert "~50 min reviewing" not in text
    head = cli("review", today=day).stdout
    assert "10 reviews due, ~50 min, more than today's 0.5 h" in head


def as_json_on(cli: Cli, today: str, *args: str) -> dict[str, Any]:
    result = cli(*args, "--json", today=today)
    assert result.exit_code == 0, result.output
    view: dict[str, Any] = json.loads(result.stdout)
    return view


def test_a_day_without_study_time_says_where_its_reviews_go(cli: Cli, carried: None) -> None:
    """Tue 01-05 is a rest day (the plan studies Mondays and Thursdays): the ten due
    move to Thu 01-07, under the 30-minute cap on carried reviews; inside a break
    (01-07 to 01-10) to Mon 01-11, the first study day after it; on a study day
    nothing moves."""
    rest = cli("review", today="2027-01-05")
    assert rest.exit_code == 0, rest.output
    assert "No study time today" in rest.stdout and "Thu 07 Jan 2027" in rest.stdout
    assert "30 min a day" in rest.stdout
    shown = json.loads(cli("review", "--json", today="2027-01-05").stdout)
    assert shown["moves_to"] == {"day": "2027-01-07", "cap_minutes": 30}
    made = cli("replan", "--break", "2027-01-07:2027-01-10", today="2027-01-05")
    assert made.exit_code == 0, made.output
    away = cli("review", today="2027-01-08").stdout
    assert "No study time today" in away and "Mon 11 Jan 2027" in away
    study = json.loads(cli("review", "--json", today=DAY).stdout)
    assert study["moves_to"] is None
    assert "No study time" not in cli("review", today=DAY).stdout


def test_reviews_longer_than_the_cap_are_still_carried(cli: Cli, isolated: Path) -> None:
    """`--review-minutes 45` is past the 30-minute cap on carried reviews: a study day
    still takes one carried review (the cap holds at least one), so none waits for ever."""
    plan = cli("plan", "-r", "complete", "--hours", "6", "--days", "mon,thu",
               "--start", "2027-01-04", "--review-minutes", "45", today="2027-01-04")  # fmt: skip
    assert plan.exit_code == 0, plan.output
    for item in TOPICS[:2]:
        assert cli("done", item, "--on", "2027-01-02", today="2027-01-04").exit_code == 0
    listed = as_json(cli, "review")  # Mon 01-11: both carried from Mon 01-04
    assert (listed["today_count"], listed["waiting"]) == (1, 1)
    first = listed["due"][0]["id"]
    assert cli("review", first, "good", today=DAY).exit_code == 0
    later = json.loads(cli("review", "--json", today="2027-01-14").stdout)
    assert later["due"][0]["id"] != first and later["today_count"] >= 1
