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
from itertools import accumulate

from mlpath.core.planned import KeptWeeks, PlannedItem, PlannedPhase, Settings, Week
from mlpath.core.schedule import Schedule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from mlpath.core.roadmap import Roadmap

FORMAT = 2  # the shape below; a new shape is a new number (an old entry is then a miss)


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


_SEP = "\n"  # between the texts of a column (ids are slugs; a title with one: a list)


def _frac(x: Fraction) -> tuple[int, int]:
    return (x.numerator, x.denominator)


def _ord(d: date | None) -> int | None:
    return None if d is None else d.toordinal()


def _joined(texts: list[str]) -> str | list[str]:
    """Texts as one string split back in one call (a list of 11,000 strings costs
    marshal several times more), or the list itself when one holds the separator."""
    if any(_SEP in t for t in texts):
        return texts
    return _SEP.join(texts)


def _split(texts: str | list[str], n: int) -> list[str]:
    if not n and not texts:
        return []
    out = texts.split(_SEP) if isinstance(texts, str) else list(texts)
    if len(out) != n:
        raise ValueError("a column of another length")
    return out


def schedule_to_data(sched: Schedule) -> dict[str, Any]:
    """The schedule as marshal-able plain data (its roadmap and settings left out:
    the reader has them). The items and the weeks' hours are kept as columns (one
    list per field, texts joined): a big plan's 11,000 items then load as a few long
    lists instead of 11,000 tuples."""
    efforts: dict[tuple[int, int], int] = {}  # few distinct efforts: each kept once
    kinds: dict[str, int] = {}

    def effort(x: Fraction) -> int:
        return efforts.setdefault(_frac(x), len(efforts))

    items = list(sched.items.values())
    shares = [effort(it.effort) for it in items]  # (before "efforts" is read below)
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
    week_ids: list[str] = []
    week_units: list[int] = []
    week_sizes: list[int] = []
    for wk in sched.weeks:
        units = wk.units_in(scale)
        week_ids += units
        week_units += units.values()
        week_sizes.append(len(units))
    return {
        "format": FORMAT,
        "efforts": list(efforts),
        "ids": _joined([it.id for it in items]),
        "titles": _joined([it.title for it in items]),
        "kinds": [kinds.setdefault(it.kind, len(kinds)) for it in items],
        "kind_names": list(kinds),
        "item_phases": [it.phase for it in items],
        "item_efforts": shares,
        "starts": [_ord(it.start) or 0 for it in items],
        "dues": [_ord(it.due) or 0 for it in items],
        "flags": bytes(it.credited | it.skipped << 1 | it.left_out << 2 for it in items),
        "phases": phases,
        "week_numbers": [wk.number for wk in sched.weeks],
        "week_sizes": week_sizes,
        "week_ids": _joined(week_ids),
        "week_units": week_units,
        "week_totals": [sum(wk.units_in(scale).values()) for wk in sched.weeks],
        "week_reviews": [
            wk.review_hours.numerator * (scale // wk.review_hours.denominator) for wk in sched.weeks
        ],
        "week_habits": [
            wk.habit_hours.numerator * (scale // wk.habit_hours.denominator) for wk in sched.weeks
        ],
        "milestones": {i: wk.milestones for i, wk in enumerate(sched.weeks) if wk.milestones},
        "total": _frac(sched.total_effort),
        "credited": _frac(sched.credited_effort),
        "finish": sched.finish.toordinal(),
        "review_due": [(d.toordinal(), n) for d, n in sched.review_due.items()],
    } | arrays


def schedule_from_data(data: dict[str, Any], roadmap: Roadmap, settings: Settings) -> Schedule:
    """The schedule `schedule_to_data` was given, with its roadmap and settings."""
    if data.get("format") != FORMAT:
        raise ValueError("not a schedule of this format")
    fractions: dict[tuple[int, int], Fraction] = {}  # one Fraction per value, shared

    def frac(pair: tuple[int, int] | list[int]) -> Fraction:
        n, d = pair
        x = fractions.get((n, d))
        if x is None:
            x = fractions[n, d] = Fraction(n, d)
        return x

    # One date object per day (0: none), made first and looked up: the items are most
    # of a big plan (11,000 on 1,000 phases), so no call per field.
    starts, dues = data["starts"], data["dues"]
    dated: dict[int, date | None] = {o: date.fromordinal(o) for o in {*starts, *dues} if o}
    dated[0] = None

    def on(o: int) -> date:
        d = dated.get(o)
        if d is None:
            d = dated[o] = date.fromordinal(o)
        return d

    efforts = [frac(e) for e in data["efforts"]]
    kind_names = list(data["kind_names"])
    flags = data["flags"]
    n = len(flags)
    ids = _split(data["ids"], n)
    titles = _split(data["titles"], n)
    kinds, numbers, shares = data["kinds"], data["item_phases"], data["item_efforts"]
    flagged = [(f & 1 == 1, f & 2 == 2, f & 4 == 4) for f in range(8)]
    items: dict[str, PlannedItem] = {}
    for id_, kind, title, phase, e, start, due, f in zip(
        ids, kinds, titles, numbers, shares, starts, dues, flags, strict=True
    ):
        credited, skipped, left_out = flagged[f]
        items[id_] = PlannedItem(
            id_,
            kind_names[kind],
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
            None if start is None else on(start),
            None if due is None else on(due),
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
    week_units = data["week_units"]
    numbers, sizes = list(data["week_numbers"]), data["week_sizes"]
    reviews, habits = data["week_reviews"], data["week_habits"]
    milestones = data["milestones"]
    if len({len(numbers), len(sizes), len(reviews), len(habits)}) != 1 or sum(sizes) != len(
        week_units
    ):  # (checked now: a week is made when first read, past the caller's guard)
        raise ValueError("weeks of another size")
    kept_ids = data["week_ids"]
    count = (kept_ids.count(_SEP) + 1 if kept_ids else 0) if isinstance(kept_ids, str) else None
    if (len(kept_ids) if count is None else count) != len(week_units):
        raise ValueError("week ids of another length")
    offsets = [0, *accumulate(sizes)]
    start_ord = settings.start.toordinal()
    week_ids: list[str] = []  # split when a week is first made

    def make(i: int) -> Week:
        if not week_ids:
            week_ids.extend(_split(data["week_ids"], len(week_units)))
        first = start_ord + 7 * (numbers[i] - 1)
        wk = Week(numbers[i], on(first), on(first + 6))
        at, end = offsets[i], offsets[i + 1]
        units = week_units[at:end]
        laid = dict(zip(week_ids[at:end], units, strict=True))
        wk.set_units(laid, scale, reviews[i], habits[i], frac((sum(units), scale)))
        if i in milestones:
            wk.milestones = list(milestones[i])
        return wk

    totals = data["week_totals"]
    if len(totals) != len(numbers):
        raise ValueError("weeks of another size")
    return Schedule(
        roadmap=roadmap,
        settings=settings,
        phases=phases,
        items=items,
        weeks=KeptWeeks(make, numbers, totals, scale),
        total_effort=frac(data["total"]),
        credited_effort=frac(data["credited"]),
        finish=on(data["finish"]),
        review_due={on(o): n for o, n in data["review_due"]},
        _days=list(data["days"]),
        _cumulative=list(data["cumulative"]),
        _scale=scale,
        _review_on=dict(data["review_on"]),
        _habit_on=dict(data["habit_on"]),
        _unlaid=[(on(o), frac(e)) for o, e in data["unlaid"]],
    )
