"""The one copy of each small formatting rule every screen uses: hours, counts
with their noun, and dates. Plain functions, no rich: the daily commands use them."""

from __future__ import annotations

import math
from datetime import date

DATE_FORMAT = "%a %d %b %Y"  # Mon 04 Jan 2027


def number(x: float | int | object) -> str:
    """Hours as people read them: one decimal at most, rounded half up, so 1091.25
    reads 1091.3 and 7.0 reads 7. The one rounding rule for every figure shown."""
    value = float(x)  # type: ignore[arg-type]
    tenths = math.floor(abs(value) * 10 + 0.5 + 1e-9)  # 1e-9: 0.15 is 0.1499.. in binary
    whole, frac = divmod(tenths, 10)
    sign = "-" if value < 0 and tenths else ""
    return f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}"


def hours(x: float | int | object) -> str:
    return f"{number(x)} h"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def long_date(iso: str | None) -> str:
    """`2027-01-04` -> `Mon 04 Jan 2027`; no date -> a dash."""
    if not iso:
        return "—"
    return date.fromisoformat(iso).strftime(DATE_FORMAT)
