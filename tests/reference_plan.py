"""A second, independent reading of PRODUCT.md's "Scheduling model" and "Pace",
written from the brief and the roadmap format (data/roadmaps/README.md) alone, never
from mlpath's own scheduler: tests/test_reference_plan.py checks the real CLI against it.

It covers the bare model (no review time): levels, level overrides, --skip/--compress,
hours spread evenly over the study days, breaks with no capacity, work laid in roadmap
order with exact fractions, weeks counted from the start, daily habits laid before new
work, and the earned-schedule pace on a given day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path

import yaml

ROADMAPS = Path(__file__).resolve().parent.parent / "data" / "roadmaps"
DAY = dt.timedelta(days=1)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# the pace's tolerance: "L(today) − 15 min ≤ C"
QUARTER = Fraction(1, 4)


@cache
def roadmap(rid: str) -> dict:  # type: ignore[type-arg]
    with open(ROADMAPS / f"{rid}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)  # type: ignore[no-any-return]


def frac(x: object) -> Fraction:
    return Fraction(str(x))


def pick_weeks(span: dict, level: str) -> Fraction:  # type: ignore[type-arg]
    """beginner the longest, intermediate the midpoint, advanced the shortest."""
    lo, hi = frac(span["min"]), frac(span["max"])
    return {"beginner": hi, "intermediate": (lo + hi) / 2, "advanced": lo}[level]


@dataclass
class Item:
    id: str
    phase: int
    effort: Fraction
    start: dt.date | None = None
    due: dt.date | None = None


@dataclass
class Phase:
    number: int
    weeks: Fraction
    effort: Fraction
    items: list[Item]
    milestone: str | None


@dataclass
class Plan:
    start: dt.date
    phases: list[Phase]
    items: list[Item]
    # new work laid on each day, from the start to the finish (index = days since start)
    laid: list[Fraction] = field(default_factory=list)
    # per day, per item: hours laid
    laid_items: list[dict[str, Fraction]] = field(default_factory=list)
    _cumulative: list[Fraction] = field(default_factory=list)

    @property
    def total(self) -> Fraction:
        return sum((i.effort for i in self.items), Fraction(0))

    @property
    def finish(self) -> dt.date:
        last = max(i for i, h in enumerate(self.laid) if h > 0)
        return self.start + last * DAY

    def week_of(self, day: dt.date) -> int:
        """Week N runs from start + 7(N−1) days for seven days."""
        return (day - self.start).days // 7 + 1

    def weeks(self) -> list[dict[str, object]]:
        out = []
        for n in range(1, self.week_of(self.finish) + 1):
            first = self.start + 7 * (n - 1) * DAY
            idx = range(7 * (n - 1), min(7 * n, len(self.laid)))
            per: dict[str, Fraction] = {}
            for i in idx:
                for k, v in self.laid_items[i].items():
                    per[k] = per.get(k, Fraction(0)) + v
            out.append(
                {
                    "number": n,
                    "start": first.isoformat(),
                    "end": (first + 6 * DAY).isoformat(),
                    "hours": sum((self.laid[i] for i in idx), Fraction(0)),
                    "items": per,
                }
            )
        return out

    def L(self, day: dt.date) -> Fraction:
        """The new work laid on the days before `day`."""
        if len(self._cumulative) != len(self.laid) + 1:
            self._cumulative = [Fraction(0)]
            for hours in self.laid:
                self._cumulative.append(self._cumulative[-1] + hours)
        n = (day - self.start).days
        return self._cumulative[max(0, min(n, len(self.laid)))]


def phases_for(
    rid: str,
    level: str,
    skip: Iterable[int] = (),
    compress: Iterable[int] = (),
) -> list[Phase]:
    data = roadmap(rid)
    default_hpw = frac(data["hours_per_week"]["value"])
    weeks = {p["number"]: pick_weeks(p["weeks"], level) for p in data["phases"]}
    for ov in data.get("level_overrides") or []:
        if ov["level"] != level:
            continue
        listed = ov["phases"]
        if ov["action"] == "skip":
            skip = [*skip, *listed]
            continue
        old = sum((weeks[n] for n in listed), Fraction(0))
        for n in listed:
            new = (
                weeks[n] * frac(ov["factor"])
                if "factor" in ov
                else frac(ov["weeks"]) * weeks[n] / old
            )
            if ov["action"] == "compress":
                new = min(new, weeks[n])
            else:
                new = max(new, weeks[n])
            weeks[n] = new
    skipped, halved = set(skip), set(compress)
    out = []
    for p in data["phases"]:
        num = p["number"]
        if num in skipped:
            continue
        hpw = frac(p["hours_per_week"]["value"]) if p.get("hours_per_week") else default_hpw
        effort = weeks[num] * hpw
        if num in halved:
            effort /= 2
        entries = list(p.get("topics") or []) + list(p.get("projects") or [])
        # shared by their weeks when every one has them, evenly when none has; where only
        # some have, those without count as the mean of those with
        given = [pick_weeks(e["weeks"], level) for e in entries if e.get("weeks")]
        mean = sum(given, Fraction(0)) / len(given) if given else Fraction(1)
        shares = [pick_weeks(e["weeks"], level) if e.get("weeks") else mean for e in entries]
        whole = sum(shares, Fraction(0))
        items = [
            Item(e["id"], num, effort * s / whole) for e, s in zip(entries, shares, strict=True)
        ]
        ms = (p.get("milestone") or {}).get("id")
        out.append(Phase(num, weeks[num], effort, items, ms))
    return out


def lay(
    rid: str,
    level: str,
    hours: Fraction,
    start: dt.date,
    days: Sequence[str] = WEEKDAYS,
    breaks: Sequence[tuple[dt.date, dt.date]] = (),
    skip: Iterable[int] = (),
    compress: Iterable[int] = (),
    daily_habit_minutes: int = 0,
) -> Plan:
    """The plan: hours spread evenly over the study days, breaks with none, each study
    day's habit minutes first, then new work in roadmap order."""
    phases = phases_for(rid, level, skip, compress)
    items = [i for p in phases for i in p.items]
    plan = Plan(start, phases, items)
    per_day = hours / len(days)
    habit = Fraction(daily_habit_minutes, 60)
    queue = [[i, i.effort] for i in items if i.effort > 0]
    day = start
    while queue:
        cap = Fraction(0)
        if WEEKDAYS[day.weekday()] in days and not any(a <= day <= b for a, b in breaks):
            cap = max(Fraction(0), per_day - habit)
        laid: dict[str, Fraction] = {}
        total = Fraction(0)
        while cap > 0 and queue:
            item, left = queue[0]
            take = min(cap, left)
            if item.start is None:
                item.start = day
            laid[item.id] = laid.get(item.id, Fraction(0)) + take
            total += take
            cap -= take
            left -= take
            if left == 0:
                item.due = day
                queue.pop(0)
            else:
                queue[0][1] = left
        plan.laid.append(total)
        plan.laid_items.append(laid)
        day += DAY
    return plan


def phase_dates(plan: Plan, phase: Phase) -> tuple[dt.date, dt.date]:
    starts = [i.start for i in phase.items if i.start]
    dues = [i.due for i in phase.items if i.due]
    return min(starts), max(dues)  # type: ignore[type-var]


def pace(plan: Plan, today: dt.date, credited: Fraction) -> tuple[str, int]:
    """("on-track" | "behind" | "ahead", whole calendar days), as PRODUCT.md's Pace."""
    tomorrow = today + DAY
    if plan.L(today) - QUARTER <= credited <= plan.L(tomorrow):
        return "on-track", 0
    if credited < plan.L(today) - QUARTER:
        # latest d with L(d) ≤ C: walk back from today
        d = today
        while plan.L(d) > credited:
            d -= DAY
        return "behind", (today - d).days
    d = tomorrow
    while plan.L(d) < credited:
        d += DAY
    return "ahead", (d - tomorrow).days


def number(x: Fraction) -> str:
    """One decimal at most, rounded half up (exact, on the fraction)."""
    tenths = (abs(x) * 10 + Fraction(1, 2)).__floor__()
    whole, part = divmod(tenths, 10)
    sign = "-" if x < 0 and tenths else ""
    return f"{sign}{whole}.{part}" if part else f"{sign}{whole}"
