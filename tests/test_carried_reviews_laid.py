"""The plan lays reviews carried from days without study time under the daily cap,
as `next` gives them (PRODUCT.md: "reviews due on days without study time spread
under a daily cap"; docs/plans.md, "A level review load").

practical, intermediate, 14 h/week on weekdays from Mon 2027-01-04: 2.8 h a study
day, 5 minutes a review. Eight topics are ticked on Thu 01-07: their cards fall due
on Sat 01-09, the first day of a weekend, so all eight are done on Mon 01-11, the
first study day after it, and as carried reviews they take at most 30 minutes a day:
six on Monday (30 min) and two on Tuesday (10 min). A learner who does what `next`
says and logs the day's 2.8 h did 2.3 h of new work on Monday and 2 h 38 on Tuesday;
what they log covers the day's planned review time first, so that is what they are
credited.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

from clirun import Cli

TOPICS = (
    "python-libraries statistics linear-algebra regression classification "
    "model-evaluation clustering dimensionality-reduction"
).split()


def view(cli: Cli, today: str, *args: str) -> dict[str, Any]:
    got = cli(*args, "--json", today=today)
    assert got.exit_code == 0, got.output
    out: dict[str, Any] = json.loads(got.stdout)
    return out


def credited(cli: Cli, today: str) -> Fraction:
    hours = view(cli, today, "status")["pace"]["credited_hours"]
    return Fraction(hours).limit_denominator(600)


def test_weekend_reviews_are_laid_under_the_cap_as_next_gives_them(
    cli: Cli, isolated: Path
) -> None:
    plan = cli("plan", "-r", "practical", "-l", "intermediate", "-H", "14", "--days",
               "weekdays", "--start", "2027-01-04", today="2027-01-04")  # fmt: skip
    assert plan.exit_code == 0, plan.output
    assert cli("done", *TOPICS, today="2027-01-07").exit_code == 0
    for today, (count, waiting), new in (
        ("2027-01-11", (6, 2), Fraction(23, 10)),
        ("2027-01-12", (2, 0), Fraction(14, 5) - Fraction(1, 6)),
    ):
        reviews = view(cli, today, "next")["reviews"]
        assert (reviews["count"], reviews["waiting"]) == (count, waiting)
        for card in reviews["due"]:
            assert cli("review", card["id"], "good", today=today).exit_code == 0
        before = credited(cli, today)
        assert cli("log", "2.8", today=today).exit_code == 0
        assert credited(cli, today) - before == new
