"""The one copy of each small formatting rule every screen uses: hours (the number
rule of core/numbers.py), counts with their noun, and dates. Plain functions, no rich: the daily commands use them."""

from __future__ import annotations

from datetime import date

from mlpath.core.numbers import number, plural

DATE_FORMAT = "%a %d %b %Y"  # Mon 04 Jan 2027


__all__ = [
    "number",
    "hours",
    "plural",
    "long_date",
    "chosen_hours",
]  # number, plural: core/numbers.py


def hours(x: float | int | object) -> str:
    return f"{number(x)} h"


def chosen_hours(x: float | int | object) -> str:
    """A figure mlpath chose in steps finer than a tenth (--finish-by's quarter hours),
    exactly as chosen: 20.25 stays 20.25, where the one number rule would say 20.3 and
    contradict "in quarter hours". Anything not a whole number of hundredths: `number`."""
    from fractions import Fraction

    from mlpath.core.shape import fraction_text  # the state's own exact decimals

    exact = Fraction(str(x)) if isinstance(x, float) else Fraction(x)  # type: ignore[call-overload]
    return fraction_text(exact) if (exact * 100).denominator == 1 else number(x)


def long_date(iso: str | None) -> str:
    """`2027-01-04` -> `Mon 04 Jan 2027`; no date -> a dash."""
    if not iso:
        return "—"
    return date.fromisoformat(iso).strftime(DATE_FORMAT)


def pick_count(most: int | None) -> str:
    """How many of a choice's ideas a learner picks, as `roadmaps show`, `next` and the
    app say it: "pick one", "pick up to 2", or "pick any" where the document sets no
    count."""
    if not most:
        return "pick any"
    return "pick one" if most == 1 else f"pick up to {most}"
