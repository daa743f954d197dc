"""One day's planned time (PRODUCT.md, "A day's planned time"): what
`Schedule.day_plan` gives and `next --json`'s `day` shows."""

from __future__ import annotations

from fractions import Fraction

from mlpath.core.record import Record


class DayPlan(Record):
    """One day's planned time, in hours: `hours` = reviews + habits + new."""

    __slots__ = ("reviews", "habits", "new")

    def __init__(self, reviews: Fraction, habits: Fraction, new: Fraction) -> None:
        self.reviews = reviews
        self.habits = habits
        self.new = new

    @property
    def hours(self) -> Fraction:
        return self.reviews + self.habits + self.new
