"""The one copy of each small formatting rule every screen uses: hours (the number
rule of core/numbers.py), counts with their noun, and dates. Plain functions, no rich: the daily commands use them."""

from __future__ import annotations

from datetime import date

from mlpath.core.numbers import number, plural

DATE_FORMAT = "%a %d %b %Y"  # Mon 04 Jan 2027


__all__ = ["number", "hours", "plural", "long_date"]  # number, plural: core/numbers.py


def hours(x: float | int | object) -> str:
    return f"{number(x)} h"


def long_date(iso: str | None) -> str:
    """`2027-01-04` -> `Mon 04 Jan 2027`; no date -> a dash."""
    if not iso:
        return "—"
    return date.fromisoformat(iso).strftime(DATE_FORMAT)
