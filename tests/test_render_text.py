"""The one rounding rule and the other formatting helpers every screen shares."""

from __future__ import annotations

import pytest

from clirun import Cli
from mlpath.render.text import hours, long_date, number, plural


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1091.25, "1091.3"),  # the case: half up, not half to even
        (0.25, "0.3"),
        (0.15, "0.2"),  # 0.1499.. in binary still reads as a person would round it
        (2.142857, "2.1"),
        (7.0, "7"),
        (7, "7"),
        (39.75, "39.8"),
        (0.04, "0"),
        (0.05, "0.1"),
        (-1.25, "-1.3"),
        (-0.04, "0"),
    ],
)
def test_one_rounding_rule(value: float, shown: str) -> None:
    assert number(value) == shown
    assert hours(value) == f"{shown} h"


def test_plural_and_dates() -> None:
    assert (plural(1, "day"), plural(0, "day"), plural(3, "week")) == ("1 day", "0 days", "3 weeks")
    assert long_date("2027-01-04") == "Mon 04 Jan 2027"
    assert long_date(None) == "—"


# --- every figure through the one rule ---------------------------------------------------


def test_no_screen_formats_a_figure_its_own_way() -> None:
    """`:g` printed 7.25 where the rule prints 7.3; every figure goes through number()."""
    import re
    from pathlib import Path

    src = Path(__file__).resolve().parent.parent / "src" / "mlpath"
    offenders = [
        f"{p.relative_to(src)}:{n}"
        for p in sorted(src.rglob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\{[^{}]*:[.0-9]*g\}", line)
    ]
    assert offenders == []


def test_weekly_hours_follow_the_rule_in_plan_and_undo(cli: Cli) -> None:
    # 7.25 h/week rounds half up to one decimal: 7.3 (the plan header and the undo line)
    plan = cli("plan", "-r", "practical", "--hours", "7.25", "--start", "2027-01-04")
    assert plan.exit_code == 0, plan.stderr
    assert "7.3 h/week" in plan.stdout and "7.25" not in plan.stdout
    # 20 minutes are 1/3 h: stored exactly, shown as 0.3 h
    assert cli("log", "20m", "--on", "2027-01-05", today="2027-01-06").exit_code == 0
    undo = cli("undo", today="2027-01-06")
    assert "Undid: log 0.3 h on 2027-01-05." in undo.stdout
    undo = cli("undo", today="2027-01-06")
    assert "7.3 h/week" in undo.stdout and "29/4" not in undo.stdout
