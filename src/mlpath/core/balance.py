"""Theory and practice: every minute of study is one or the other, and where the
roadmap's document states a target (complete's FAQ), how the learner stands.

Pure. The mode of a minute (PRODUCT.md, "How the documents say to study"):
- a `log` or timer session marked `--practice`/`--theory` is that;
- otherwise it takes the kind of the item it is credited to (core/progress.py's
  credit rules): project and milestone work is practice, a topic theory; the time
  that covers the day's planned reviews is theory; time credited to nothing (all
  items full) takes the kind of the item the plan lays that day;
- a habit's time (`did`) is the habit's own kind.
Each minute belongs to the phase of the item it went to (else the phase the plan
lays that day), so the split is shown per plan week and per phase.

The target: the document's practice share for the phase (exempt phases, and
roadmaps without a ratio, have none). `next` shows today's practice target in
hours (the share of today's planned hours) and warns while the practice of the
last 14 days (its targeted minutes) stays below the target.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta
from fractions import Fraction
from math import lcm

from mlpath.core.habits import phase_on
from mlpath.core.method import KIND_MODE, Method, method_of
from mlpath.core.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from mlpath.core.planned import PlannedItem
    from mlpath.core.progress import Progress
    from mlpath.core.schedule import Schedule

WINDOW_DAYS = 14  # "over the last 14 days" (issue 22)
TOLERANCE = Fraction(1, 4)  # 15 min short over the window is still on target


class Minutes(Record):
    """Study time of one day, phase and mode (hours, exact)."""

    __slots__ = ("on", "phase", "mode", "hours", "item")

    def __init__(
        self, on: date, phase: int | None, mode: str, hours: Fraction, item: str | None = None
    ) -> None:
        self.on = on
        self.phase = phase
        self.mode = mode
        self.hours = hours
        self.item = item  # the item it was credited to, where known


def _kind_mode(schedule: Schedule, item: str | None, day: date) -> tuple[int | None, str]:
    it = schedule.items.get(item) if item else None
    if it is None:
        phase = phase_on(schedule, day)
        first = next(
            (
                i
                for i in schedule.items.values()
                if i.kind != "milestone" and not i.skipped and i.due is not None and i.due >= day
            ),
            None,
        )
        return phase, KIND_MODE.get(first.kind if first else "topic", "theory")
    return it.phase, KIND_MODE.get(it.kind, "theory")


def _day_kinds(schedule: Schedule) -> Callable[[date], tuple[int | None, str]]:
    """`_kind_mode(schedule, None, day)` for many days: a bisection per day (the first item
    due on the day or later is the first whose running latest due date reaches it). The
    items are scanned as far as the days asked need: logged days are past days, so a long
    plan's future is not read."""
    items = iter(schedule.items.values())
    laid: list[PlannedItem] = []
    reach: list[int] = []
    top = 0

    def kind(day: date) -> tuple[int | None, str]:
        nonlocal top
        o = day.toordinal()
        while not reach or reach[-1] < o:  # read on until an item reaches the day
            it = next(items, None)
            if it is None:
                break
            if it.skipped or it.kind == "milestone" or it.due is None:
                continue
            top = max(top, it.due.toordinal())
            laid.append(it)
            reach.append(top)
        i = bisect_left(reach, o)
        if i < len(laid):
            return laid[i].phase, KIND_MODE.get(laid[i].kind, "theory")
        return (laid[-1].phase if laid else None), KIND_MODE.get("topic", "theory")

    return kind


def split(prog: Progress, method: Method | None = None) -> list[Minutes]:
    """Every logged, timed and habit minute with its phase and mode (worked out once
    per `Progress` and method: `next` and `status` both read it, a write makes both)."""
    method = method or method_of(prog.schedule.roadmap)
    kept = prog.derived.get("split")
    if isinstance(kept, tuple) and kept[0] == method:
        return list(kept[1])
    rows = _split(prog, method)
    prog.derived["split"] = (method, rows)
    return list(rows)


def _split(prog: Progress, method: Method) -> list[Minutes]:
    from mlpath.core.progress import credit_through, finished_dates

    schedule, ledger = prog.schedule, prog.ledger
    days = sorted({g.on for g in ledger.logs})
    finished = finished_dates(schedule, ledger)
    marks = credit_through(schedule, ledger, finished, days)
    settled: dict[str, Fraction] = {
        k: v for k, v in (schedule.settings.credit or ()) if k in schedule.items
    }
    early = 0  # the days before a replan settled the credit: what their time went to is
    if schedule.settings.credit is not None:  # replayed (past days keep their past)
        early = bisect_left(days, schedule.settings.credit_before or schedule.laid_from)
        if early:
            again = credit_through(schedule, ledger, finished, days[:early], replay=True)
            marks[:early] = again[:early]
    prev: dict[str, Fraction] = {}
    by_day: dict[date, list[Any]] = {}
    for g in ledger.logs:
        by_day.setdefault(g.on, []).append(g)
    order = {k: i for i, k in enumerate(schedule.items)}
    zero = Fraction(0)
    # First what each day's plain time went to, and the day's reviews, as Fractions (a
    # few per day); then every log is shared out in whole units of 1/unit hour, so a
    # long history costs integer steps, not Fraction ones.
    went_by_day: list[list[tuple[str, Fraction]]] = []
    reviews: list[Fraction] = []
    dens = {1}
    for i, day in enumerate(days):
        if i == early:
            prev = settled  # the credit the replan settled, where the marks go on from
        mark = marks[i]
        logs = by_day[day]
        directed: dict[str, Fraction] = {}
        for g in logs:
            dens.add(g.hours.denominator)
            if g.item is not None:  # (few logs name an item: a Fraction sum is fine)
                directed[g.item] = directed.get(g.item, zero) + g.hours
        # what plain time went to, in plan order (the credit of the day less its directed
        # part): only the items whose credit moved that day (the marks share the values
        # of the others, so `is` tells them apart without arithmetic)
        went: list[tuple[str, Fraction]] = []
        for k, v in mark.items():
            before = prev.get(k, zero)
            if v is before or k not in order:
                continue
            gain = v - before - directed.get(k, 0)
            if gain > 0:
                went.append((k, gain))
                dens.add(gain.denominator)
        went.sort(key=lambda pair: order[pair[0]])
        went_by_day.append(went)
        prev = mark
        review = schedule.review_hours_on(day)  # at most the day's plain time (below)
        dens.add(review.denominator)
        reviews.append(review)
    day_kind = _day_kinds(schedule)
    out = _shared_out(schedule, day_kind, days, by_day, went_by_day, reviews, lcm(*dens))
    for d in ledger.dids:
        habit = method.habit(d.habit)
        if d.minutes:
            mode = habit.mode if habit is not None else "theory"
            out.append(Minutes(d.on, day_kind(d.on)[0], mode, Fraction(d.minutes, 60)))
    return out


def _reviews_from_items(
    logs: list[Any], review: int, units: Callable[[Fraction], int]
) -> dict[str, int]:
    """How much of `review` (units) each item's logs of the day cover, in the order the
    items were first logged that day."""
    totals: dict[str, int] = {}
    for g in logs:
        if g.item is not None:
            totals[g.item] = totals.get(g.item, 0) + units(g.hours)
    out: dict[str, int] = {}
    for item, total in totals.items():
        if review <= 0:
            break
        out[item] = min(review, total)
        review -= out[item]
    return out


def _shared_out(
    schedule: Schedule,
    day_kind: Callable[[date], tuple[int | None, str]],
    days: list[date],
    by_day: dict[date, list[Any]],
    went_by_day: list[list[tuple[str, Fraction]]],
    reviews: list[Fraction],
    unit: int,
) -> list[Minutes]:
    """Each day's logs shared out, in units of 1/unit hour: the day's reviews first
    (theory), then what the plain time went to, in plan order, the rest to the day's
    planned kind."""

    def units(x: Fraction) -> int:
        return x.numerator * (unit // x.denominator)

    out: list[Minutes] = []
    for day, went_f, review_f in zip(days, went_by_day, reviews, strict=True):
        went = [(k, units(gain)) for k, gain in went_f]
        plain = sum(units(g.hours) for g in by_day[day] if g.item is None)
        review = min(units(review_f), plain)
        # what plain time leaves of the day's reviews comes out of the time logged to
        # items, item by item in the order they were first logged, as the credit has it
        # (core/progress.credit_through): theory, not the item's
        from_items = _reviews_from_items(by_day[day], units(review_f) - review, units)
        day_phase, day_mode = day_kind(day)
        first_phase = schedule.items[went[0][0]].phase if went else day_phase
        for g in by_day[day]:
            if g.item is not None:
                phase, mode = _kind_mode(schedule, g.item, day)
                left = units(g.hours)
                take = 0 if g.mode else min(from_items.get(g.item, 0), left)
                if take:  # (an explicit --practice/--theory is the learner's word)
                    out.append(Minutes(day, phase, "theory", Fraction(take, unit)))
                    from_items[g.item] -= take
                    left -= take
                if left:
                    out.append(Minutes(day, phase, g.mode or mode, Fraction(left, unit), g.item))
                continue
            if g.mode is not None:
                out.append(Minutes(day, first_phase, g.mode, g.hours))
                continue
            left = units(g.hours)
            take = min(review, left)  # the day's reviews come first, and are theory
            if take:
                out.append(Minutes(day, first_phase, "theory", Fraction(take, unit)))
                review -= take
                left -= take
            while left > 0 and went:
                k, gain = went[0]
                take = min(gain, left)
                phase, mode = _kind_mode(schedule, k, day)
                out.append(Minutes(day, phase, mode, Fraction(take, unit), k))
                left -= take
                went[0] = (k, gain - take)
                if gain - take <= 0:
                    went.pop(0)
            if left > 0:
                out.append(Minutes(day, day_phase, day_mode, Fraction(left, unit)))
    return out


def _totals(rows: list[Minutes]) -> tuple[Fraction, Fraction]:
    from mlpath.core.studydays import fsum

    theory = fsum(m.hours for m in rows if m.mode == "theory")
    practice = fsum(m.hours for m in rows if m.mode == "practice")
    return theory, practice


def _share(theory: Fraction, practice: Fraction) -> Fraction | None:
    total = theory + practice
    return practice / total if total else None


def target_hours(rows: list[Minutes], method: Method) -> tuple[Fraction, Fraction] | None:
    """(practice, the practice the target asks of the same minutes), over the rows in
    phases with a target; None when none has one."""
    if method.balance is None:
        return None
    aimed = Fraction(0)
    practice = Fraction(0)
    seen = False
    for m in rows:
        share = method.balance.share(m.phase)
        if share is None:
            continue
        seen = True
        aimed += share * m.hours
        if m.mode == "practice":
            practice += m.hours
    return (practice, aimed) if seen else None


def below_target(prog: Progress, rows: list[Minutes], method: Method) -> dict[str, Any] | None:
    """The last 14 days' practice against the target, when it stayed below it (the
    window must lie inside the plan: a learner is not judged on their first days)."""
    if method.balance is None:
        return None
    last = prog.today - timedelta(days=1)
    first = prog.today - timedelta(days=WINDOW_DAYS)
    if first < prog.schedule.settings.start:
        return None
    found = target_hours([m for m in rows if first <= m.on <= last], method)
    if found is None:
        return None
    practice, aimed = found
    if aimed == 0 or practice >= aimed - TOLERANCE:
        return None
    return {"days": WINDOW_DAYS, "practice_hours": practice, "target_hours": aimed}


def today_target(prog: Progress, method: Method) -> tuple[Fraction, Fraction] | None:
    """(practice share, hours) for today: the share of today's planned hours."""
    if method.balance is None or prog.finished or prog.before_start:
        return None
    now = prog.now(1)
    phase = now[0].phase if now else phase_on(prog.schedule, prog.today)
    share = method.balance.share(phase)
    if share is None:
        return None
    day = prog.day_capacity()
    return share, share * day


def weeks_and_phases(
    prog: Progress, rows: list[Minutes], method: Method
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from mlpath.core.views import num

    weeks: dict[int, list[Minutes]] = {}
    phases: dict[int | None, list[Minutes]] = {}
    for m in rows:
        weeks.setdefault(prog.schedule.week_number(m.on), []).append(m)
        phases.setdefault(m.phase, []).append(m)
    wk_out = []
    for n in sorted(weeks):
        theory, practice = _totals(weeks[n])
        share = _share(theory, practice)
        wk_out.append(
            {
                "week": n,
                "theory_hours": num(theory),
                "practice_hours": num(practice),
                "practice_share": round(float(share), 3) if share is not None else None,
            }
        )
    ph_out = []
    titles = prog.schedule.roadmap.phases.title_by_number()
    for pn in sorted(phases, key=lambda x: -1 if x is None else x):
        theory, practice = _totals(phases[pn])
        share = _share(theory, practice)
        target = method.balance.share(pn) if method.balance else None
        ph_out.append(
            {
                "phase": pn,
                "title": titles.get(pn) if pn is not None else None,
                "theory_hours": num(theory),
                "practice_hours": num(practice),
                "practice_share": round(float(share), 3) if share is not None else None,
                "target_practice_share": float(target) if target is not None else None,
            }
        )
    return wk_out, ph_out


def balance_view(prog: Progress, method: Method | None = None) -> dict[str, Any]:
    """The split for `status`, the app and `export json` (`theory_practice`)."""
    from mlpath.core.views import num

    method = method or method_of(prog.schedule.roadmap)
    rows = split(prog, method)
    theory, practice = _totals(rows)
    weeks, phases = weeks_and_phases(prog, rows, method)
    target = today_target(prog, method)
    b = method.balance
    view: dict[str, Any] = {
        "theory_hours": num(theory),
        "practice_hours": num(practice),
        "target_practice_share": float(target[0]) if target else None,
        "weeks": weeks,
        "phases": phases,
        "target_source": b.source if b else None,
        "tip": method.projects.source
        if method.projects and method.projects.rule == "tip"
        else None,
    }
    return view
