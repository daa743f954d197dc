"""A laid schedule as plain data and back, so the cache can keep it between runs.

Pure. Laying a plan walks its calendar day by day (core/schedule.py): a 1,000-phase
roadmap takes a tenth of a second or more, and every new day's `next` and every
`log` would pay it again though nothing the schedule depends on changed. The cache
(store/cache.py) keeps only what marshal keeps, never pickles, so a `Schedule` goes
in as lists, tuples, dicts, ints and strings: dates as ordinals, exact hours as
(numerator, denominator) pairs. `schedule_from_data` gives back a schedule equal to
the one laid (tests/test_schedule_data.py compares them field by field).

`inputs_key` names everything a schedule is laid from: the roadmap's content hash,
the plan's settings, the reviews due, the items left out and the review cap. The
settings' habits are derived from the roadmap and the plan, so they are in the key
through them.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from mlpath.core.planned import PlannedItem, PlannedPhase, Settings, Week
from mlpath.core.schedule import Schedule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from mlpath.core.roadmap import Roadmap

FORMAT = 1  # the shape below; a new shape is a new number (an old entry is then a miss)


def inputs_key(
    roadmap: Roadmap,
    plan: dict[str, Any],
    review_due: dict[date, int] | None,
    leave_out: dict[str, date] | None,
    review_cap: int | None,
) -> str:
    """Everything `build` lays a plan's schedule from, as one string."""
    due = sorted((d.toordinal(), n) for d, n in (review_due or {}).items())
    out = sorted((k, d.toordinal()) for k, d in (leave_out or {}).items())
    return repr((FORMAT, roadmap.content_hash, sorted(plan.items()), due, out, review_cap))


def _frac(x: Fraction) -> tuple[int, int]:
    return (x.numerator, x.denominator)


def _ord(d: date | None) -> int | None:
    return None if d is None else d.toordinal()


def schedule_to_data(sched: Schedule) -> dict[str, Any]:
    """The schedule as marshal-able plain data (its roadmap and settings left out:
    the reader has them)."""
    efforts: dict[tuple[int, int], int] = {}  # few distinct efforts: each kept once

    def effort(x: Fraction) -> int:
        return efforts.setdefault(_frac(x), len(efforts))

    items = [
        (
            it.id,
            it.kind,
            it.title,
            it.phase,
            effort(it.effort),
            _ord(it.start),
            _ord(it.due),
            it.credited | it.skipped << 1 | it.left_out << 2,
        )
        for it in sched.items.values()
    ]
    phases = [
        (
            p.number,
            p.id,
            p.title,
            _frac(p.weeks),
            _frac(p.hours_per_week),
            _frac(p.effort),
            _ord(p.start),
            _ord(p.due),
            p.skipped,
            p.override,
            p.choice,
            p.backgrounds,
        )
        for p in sched.phases
    ]
    arrays = sched.laid_arrays()
    scale = arrays["scale"]
    weeks = [
        (
            wk.number,
            wk.units_in(scale),
            wk.review_hours.numerator * (scale // wk.review_hours.denominator),
            wk.habit_hours.numerator * (scale // wk.habit_hours.denominator),
            wk.milestones,
        )
        for wk in sched.weeks
    ]
    return {
        "format": FORMAT,
        "efforts": list(efforts),
        "items": items,
        "phases": phases,
        "weeks": weeks,
        "total": _frac(sched.total_effort),
        "credited": _frac(sched.credited_effort),
        "finish": sched.finish.toordinal(),
        "review_due": [(d.toordinal(), n) for d, n in sched.review_due.items()],
    } | arrays


def schedule_from_data(data: dict[str, Any], roadmap: Roadmap, settings: Settings) -> Schedule:
    """The schedule `schedule_to_data` was given, with its roadmap and settings."""
    if data.get("format") != FORMAT:
        raise ValueError("not a schedule of this format")
    days: dict[int, date] = {}  # one date object per day, shared

    def day(o: int | None) -> date | None:
        if o is None:
            return None
        d = days.get(o)
        if d is None:
            d = days[o] = date.fromordinal(o)
        return d

    def on(o: int) -> date:
        d = day(o)
        assert d is not None
        return d

    fractions: dict[tuple[int, int], Fraction] = {}  # one Fraction per value, shared

    def frac(pair: tuple[int, int] | list[int]) -> Fraction:
        n, d = pair
        x = fractions.get((n, d))
        if x is None:
            x = fractions[n, d] = Fraction(n, d)
        return x

    efforts = [frac(e) for e in data["efforts"]]
    # The items are most of a big plan (10,000 on 1,000 phases): their dates looked up
    # in one table made first, their flags in another, no call per field.
    rows = data["items"]
    dated: dict[int | None, date | None] = {None: None}
    for row in rows:
        for o in (row[5], row[6]):
            if o not in dated:
                dated[o] = date.fromordinal(o)
    flagged = [(bool(f & 1), bool(f & 2), bool(f & 4)) for f in range(8)]
    items: dict[str, PlannedItem] = {}
    for id_, kind, title, phase, e, start, due, flags in rows:
        credited, skipped, left_out = flagged[flags]
        items[id_] = PlannedItem(
            id_,
            kind,
            title,
            phase,
            efforts[e],
            dated[start],
            dated[due],
            credited,
            skipped,
            left_out,
        )
    phases = [
        PlannedPhase(
            number,
            id_,
            title,
            frac(weeks),
            frac(hpw),
            frac(effort),
            day(start),
            day(due),
            skipped,
            override,
            choice,
            tuple(backgrounds),
        )
        for (
            number,
            id_,
            title,
            weeks,
            hpw,
            effort,
            start,
            due,
            skipped,
            override,
            choice,
            backgrounds,
        ) in data["phases"]
    ]
    scale = data["scale"]
    weeks: list[Week] = []
    start_ord = settings.start.toordinal()
    for number, units, review, habit, milestones in data["weeks"]:
        first = start_ord + 7 * (number - 1)
        wk = Week(number, on(first), on(first + 6))
        wk.set_units(units, scale, review, habit)
        wk.milestones = list(milestones)
        weeks.append(wk)
    return Schedule(
        roadmap=roadmap,
        settings=settings,
        phases=phases,
        items=items,
        weeks=weeks,
        total_effort=frac(data["total"]),
        credited_effort=frac(data["credited"]),
        finish=on(data["finish"]),
        review_due={on(o): n for o, n in data["review_due"]},
        _days=[on(o) for o in data["days"]],
        _cumulative=list(data["cumulative"]),
        _scale=scale,
        _review_on=dict(data["review_on"]),
        _habit_on=dict(data["habit_on"]),
        _unlaid=[(on(o), frac(e)) for o, e in data["unlaid"]],
    )
