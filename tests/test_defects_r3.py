"""Issue 24, "A newcomer's first hour, and defects from months of simulated use": one test
(or a few) per numbered reproduction, and the first hour's line-breaking defects.

Expected figures are worked out by hand in the comments. The bundled `practical`
roadmap at level intermediate: phases of 6, 8, 6 and 6 weeks at its nominal 15 h/week,
so 390 h in all; at 15 h/week every day the plan lays 15/7 h a day.
"""

from __future__ import annotations

import json
from typing import Any

from clirun import Cli


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def plan_practical(cli: Cli, *extra: str, today: str = "2027-01-04") -> None:
    ok(cli("plan", "-r", "practical", "-l", "intermediate", "-H", "15", *extra, today=today))


# --- 1. replan rewrites the burndown's past ----------------------------------------------


def burndown(cli: Cli, today: str) -> list[Any]:
    points = json.loads(ok(cli("status", "--json", today=today)).stdout)["burndown"]["points"]
    return [(p["week"], p["planned_remaining"], p["actual_remaining"]) for p in points]


def test_a_replan_leaves_past_weeks_of_the_burndown_as_they_were(cli: Cli) -> None:
    # Plan from Mon 2027-01-04 (390 h); 5 h logged on 01-12 (week 2: 01-11..01-17).
    # Week 0 ends 01-03, week 1 01-10: nothing was logged by then, so 390 left at both;
    # week 2 ends 01-17: 385 left. A replan on 01-20 settles the 5 h into its credit,
    # which must not reach back before the 12th.
    plan_practical(cli)
    ok(cli("log", "5", today="2027-01-12"))
    before = burndown(cli, "2027-01-20")
    assert [a for _, _, a in before[:3]] == [390, 390, 385]
    ok(cli("replan", today="2027-01-20"))
    after = burndown(cli, "2027-01-20")
    assert after[:3] == before[:3]  # weeks 0-2 end before the replan: planned and actual
    ok(cli("replan", "-H", "10", today="2027-01-27"))
    assert burndown(cli, "2027-01-27")[:4] == after[:4]  # week 3 ended on 01-24


# --- 2. a review dated in the past counts "in N days" from today ---------------------------


def test_a_past_review_says_when_the_next_one_is_from_today(cli: Cli) -> None:
    # The reproduction: done 01-08, a "good" review dated 01-10 while today is
    # 01-20. The card's next review is 01-21 (the pinned FSRS model's interval from 01-10,
    # as the issue reports it): tomorrow, not "in 11 days" (counted from 01-10).
    plan_practical(cli)
    ok(cli("done", "python-libraries", today="2027-01-08"))
    out = ok(cli("review", "python-libraries", "good", "--on", "2027-01-10", today="2027-01-20"))
    assert "Next review: 2027-01-21 (tomorrow)." in out.stdout.splitlines()
