"""The one copy of each small formatting rule every screen uses: hours (the number
rule of core/numbers.py), counts with their noun, and dates. Plain functions, no rich: the daily commands use them."""

from __future__ import annotations

from datetime import date

from mlpath.core.numbers import number

DATE_FORMAT = "%a %d %b %Y"  # Mon 04 Jan 2027


__all__ = ["number", "hours", "plural", "long_date"]  # number: core/numbers.py, the one rule


def hours(x: float | int | object) -> str:
    return f"{number(x)} h"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def long_date(iso: str | None) -> str:
    """`2027-01-04` -> `Mon 04 Jan 2027`; no date -> a dash."""
    if not iso:
        return "—"
    return date.fromisoformat(iso).strftime(DATE_FORMAT)
