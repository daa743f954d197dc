"""The one rounding rule for every figure a learner reads (hours, weeks, h/week):
one decimal at most, rounded half up, and a count with its noun. render/text.py shows
figures with them; they live in core so that core's own sentences (its errors) follow
them too."""

from __future__ import annotations

import math


def plural(n: int, word: str) -> str:
    """A count with its noun: "1 week", "3 weeks" (core's sentences and every screen)."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def number(x: float | int | object) -> str:
    """Hours as people read them: one decimal at most, rounded half up, so 1091.25
    reads 1091.3 and 7.0 reads 7."""
    value = float(x)  # type: ignore[arg-type]
    tenths = math.floor(abs(value) * 10 + 0.5 + 1e-9)  # 1e-9: 0.15 is 0.1499.. in binary
    whole, frac = divmod(tenths, 10)
    sign = "-" if value < 0 and tenths else ""
    return f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}"
