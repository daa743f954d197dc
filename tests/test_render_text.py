"""The one rounding rule and the other formatting helpers every screen shares."""

from __future__ import annotations

import pytest

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
