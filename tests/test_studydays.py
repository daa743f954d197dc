"""Counting the calendar instead of walking it (core/studydays.py), and the outlook
figures built on it (core/outlook.py), each against a plain day-by-day reference.

The references below are the walks the counted versions replaced (one
`Settings.capacity_on` per day, one Fraction addition per item and day): on many
random calendars (study days, overlapping breaks, catch-ups) and random progress on
bundled and synthetic roadmaps, counted and walked must agree exactly.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import pytest

from mlpath.core import balance, outlook
from mlpath.core.habits import with_habits
from mlpath.core.ledger import Ledger, Log, complete_phases, fold
from mlpath.core.progress import Progress, capacity_between, compute, credit_through
from mlpath.core.progress import finished_dates as finished_dates_of
from mlpath.core.review import GOOD_LADDER, good_days
from mlpath.core.roadmap import Roadmap
from mlpath.core.schedule import QUARTER, Settings, build
from mlpath.core.studydays import fsum, merged_breaks, study_days_between, weekdays_between
from mlpath.store.catalog import resolve
from test_schedule_data import synthetic

START = date(2027, 1, 4)


def walked_study_days(settings: Settings, first: date, last: date) -> int:
    n, day = 0, first
    while day <= last:
        n += 1 if settings.capacity_on(day) else 0
        day += timedelta(days=1)
    return n


def walked_capacity(settings: Settings, first: date, last: date) -> F:
    total, day = F(0), first
    while day <= last:
        total += settings.capacity_on(day)
        day += timedelta(days=1)
    return total


def random_settings(rng: random.Random) -> Settings:
    breaks = []
    for _ in range(rng.randint(0, 4)):  # overlapping and touching breaks included
        a = START + timedelta(days=rng.randint(-20, 200))
        breaks.append((a, a + timedelta(days=rng.randint(0, 40))))
    boost = None
    if rng.random() < 0.4:
        boost = (START + timedelta(days=rng.randint(-10, 150)), F(rng.randint(1, 200), 4))
    return Settings(
        "intermediate",
        F(rng.randint(1, 400), 8),
        START,
        days=tuple(sorted(rng.sample(range(7), rng.randint(1, 7)))),
        breaks=tuple(sorted(breaks)),
        boost=boost,
    )


def test_weekdays_between_by_hand() -> None:
    # Mon 2027-01-04 to Sun 2027-01-17: two whole weeks, so two of each weekday;
    # Mon to Wed of the first week: one Monday, one Wednesday (Mon/Wed/Fri days)
    mon = START.toordinal()
    assert weekdays_between(mon, mon + 13, (0, 2, 4)) == 6
    assert weekdays_between(mon, mon + 2, (0, 2, 4)) == 2
    assert weekdays_between(mon + 1, mon + 1, (0, 2, 4)) == 0  # a Tuesday alone
    assert weekdays_between(mon + 5, mon + 4, (0,)) == 0  # an empty range


def test_breaks_merge_when_they_overlap_or_touch() -> None:
    d = START
    got = merged_breaks([(d, d + timedelta(3)), (d + timedelta(4), d + timedelta(6))])
    assert got == [(d.toordinal(), d.toordinal() + 6)]  # touching: one stretch of 7 days
    got = merged_breaks([(d + timedelta(10), d + timedelta(12)), (d, d + timedelta(30))])
    assert got == [(d.toordinal(), d.toordinal() + 30)]  # one inside the other


def test_daily_sums_are_the_exact_sums_of_the_logs() -> None:
    """Ledger.daily adds numerators per denominator and makes one Fraction a day: every
    day's and item's sum, and the total, equal plain Fraction addition."""
    rng = random.Random("daily")
    hours = [F(1, 20), F(1, 10), F(1, 4), F(1, 3), F(7, 6), F(2), F(5, 12)]
    for _ in range(50):
        led = Ledger()
        led.logs = [
            Log(
                START + timedelta(days=rng.randint(0, 9)),
                rng.choice(hours),
                i,
                None,
                rng.choice([None, "a", "b"]),
            )
            for i in range(rng.randint(0, 60))
        ]
        want: dict[date, dict[str | None, F]] = {}
        for g in led.logs:
            per = want.setdefault(g.on, {})
            per[g.item] = per.get(g.item, F(0)) + g.hours
        got = led.daily()
        assert got == want
        assert list(got) == sorted(want)
        assert led.logged_total == sum((g.hours for g in led.logs), F(0))


def test_study_days_and_capacity_agree_with_the_walk() -> None:
    rng = random.Random(25)
    for _ in range(400):
        s = random_settings(rng)
        first = START + timedelta(days=rng.randint(-30, 250))
        last = first + timedelta(days=rng.randint(-3, 400))
        assert study_days_between(s, first, last) == walked_study_days(s, first, last)
        assert capacity_between(s, first, last) == walked_capacity(s, first, last)


def test_fsum_is_the_exact_sum() -> None:
    rng = random.Random(7)
    for _ in range(200):
        values = [F(rng.randint(-50, 500), rng.randint(1, 12)) for _ in range(rng.randint(0, 40))]
        assert fsum(values) == sum(values, F(0))


# --- the outlook, against the walks it replaced ------------------------------------------


def old_forecast_review_count(prog: Progress, first: date, last: date) -> int:
    count = 0
    for card in prog.cards().values():
        # each card answered "good" the day it falls due, stepped from its own memory
        # (tests/test_review_load.py checks those days against fsrs itself)
        count += len(good_days(card, first, last))
    for it in prog.schedule.items.values():
        if it.skipped or it.id in prog.complete or it.kind not in ("topic", "project", "milestone"):
            continue
        done = max(it.due or first, first)
        count += sum(1 for k in GOOD_LADDER if done + timedelta(days=k) <= last)
    return count


def old_required_pace(prog: Progress) -> tuple[F | None, F, F, int]:
    sched = prog.schedule
    days = walked_study_days(sched.settings, prog.today, sched.finish)
    if not days:
        return None, F(0), F(0), 0
    minutes = sched.settings.review_minutes
    reviews = F(old_forecast_review_count(prog, prog.today, sched.finish) * minutes, 60)
    habits, day = F(0), prog.today
    while day <= sched.finish:
        habits += sched.habit_hours_on(day)
        day += timedelta(days=1)
    per_week = (prog.remaining_effort + reviews + habits) * len(sched.settings.days) / days
    return -(-per_week // QUARTER) * QUARTER, reviews, habits, days


def old_credited_on(prog: Progress, days: list[date]) -> list[F]:
    sched = prog.schedule
    finished = finished_dates_of(sched, prog.ledger)
    marks = credit_through(sched, prog.ledger, finished, days)
    out = []
    for day, credit in zip(days, marks, strict=False):
        total = F(0)
        for it in sched.items.values():
            if it.skipped or it.kind not in ("topic", "project"):
                continue
            f = finished.get(it.id)
            if it.credited or (f is not None and f <= day):
                total += it.effort
            else:
                total += credit.get(it.id, F(0))
        out.append(total)
    return out


def old_finished_dates(prog: Progress) -> dict[str, date]:
    done = prog.ledger.done
    milestone_of = {
        it.phase: it.id for it in prog.schedule.items.values() if it.kind == "milestone"
    }
    out: dict[str, date] = {}
    for it in prog.schedule.items.values():
        dates = [done[it.id].on] if it.id in done else []
        ms = milestone_of.get(it.phase)
        if ms is not None and ms in done:
            dates.append(done[ms].on)
        if dates:
            out[it.id] = min(dates)
    return out


def random_progress(rng: random.Random, rm: Roadmap) -> Progress:
    """A plan on `rm` with random done items, logs (plain and to an item) and reviews."""
    settings = with_habits(
        rm,
        Settings(
            rng.choice(("beginner", "intermediate", "advanced")),
            F(rng.randint(20, 80), 2),
            START,
            days=tuple(sorted(rng.sample(range(7), rng.randint(2, 7)))),
            review_minutes=rng.choice((0, 10)),
            interviews=(START + timedelta(days=rng.randint(60, 300)),)
            if rng.random() < 0.3
            else (),
        ),
    )
    sched0 = build(rm, settings)
    ids = [it.id for it in sched0.items.values() if not it.skipped]
    events: list[dict[str, Any]] = [{"type": "plan", "plan": {"roadmap": rm.id}}]
    for k in rng.sample(ids, min(len(ids), rng.randint(0, 12))):
        on = START + timedelta(days=rng.randint(0, 120))
        events.append({"type": "done", "item": k, "on": on.isoformat()})
    for _ in range(rng.randint(0, 60)):
        on = START + timedelta(days=rng.randint(0, 150))
        event = {"type": "log", "hours": str(F(rng.randint(1, 16), 4)), "on": on.isoformat()}
        if rng.random() < 0.2:
            event["item"] = rng.choice(ids)
        events.append(event)
    for n, e in enumerate(events, 1):
        e.update(id=f"0000000a-{n}", seq=n, at="2027-01-04T00:00:00.000000Z")
    ledger = fold(events)
    complete_phases(
        ledger,
        [
            (p.milestone.id, [it.id for it in (*p.topics, *p.projects)])
            for p in rm.phases
            if p.milestone is not None
        ],
    )
    from mlpath.core.progress import review_due_for

    sched = build(rm, settings, review_due_for(rm, settings, ledger))
    today = START + timedelta(days=rng.randint(0, 200))
    return compute(sched, ledger, today)


@pytest.mark.parametrize("name", ["practical", "complete", "beginner", "synthetic"])
def test_outlook_agrees_with_the_walks_it_replaced(name: str, tmp_path: Path) -> None:
    rm = synthetic(tmp_path / "s.yaml", 30) if name == "synthetic" else resolve(name)
    rng = random.Random(name)
    for _ in range(12 if name == "synthetic" else 25):
        prog = random_progress(rng, rm)
        sched = prog.schedule
        assert finished_dates_of(sched, prog.ledger) == old_finished_dates(prog)
        last = sched.finish + timedelta(days=rng.randint(-30, 30))
        assert outlook.forecast_review_count(prog, prog.today, last) == old_forecast_review_count(
            prog, prog.today, last
        )
        assert outlook.required_pace(prog) == old_required_pace(prog)
        days = sorted(prog.today - timedelta(days=rng.randint(0, 60)) for _ in range(5))
        assert outlook.credited_on(prog, days) == old_credited_on(prog, days)
        kinds = balance._day_kinds(sched)  # the day's phase and mode, by bisection
        for k in range(-10, (sched.finish - START).days + 20, 3):
            d = START + timedelta(days=k)
            assert kinds(d) == balance._kind_mode(sched, None, d)
        kinds = balance._day_kinds(sched)  # asked out of order: the scan reads on as needed
        ks = list(range(-10, (sched.finish - START).days + 20, 5))
        rng.shuffle(ks)
        for k in ks:
            d = START + timedelta(days=k)
            assert kinds(d) == balance._kind_mode(sched, None, d)
        assert sched.habit_hours_between(prog.today, sched.finish) == sum(
            (
                sched.habit_hours_on(prog.today + timedelta(days=k))
                for k in range((sched.finish - prog.today).days + 1)
            ),
            F(0),
        )


def old_credit_through(
    prog: Progress, finished: dict[str, date], days: list[date], before: date | None = None
) -> list[dict[str, F]]:
    """The credit replay as it was, one Fraction operation per step."""
    schedule, ledger = prog.schedule, prog.ledger
    marks: list[dict[str, F]] = []
    settings = schedule.settings
    work = [
        it
        for it in schedule.items.values()
        if it.kind in ("topic", "project") and (not it.skipped or it.left_out) and it.effort > 0
    ]
    effort = {it.id: it.effort for it in work}
    credit = {k: min(v, effort[k]) for k, v in (settings.credit or ()) if k in effort}
    cutoff = (settings.credit_before or schedule.laid_from) if settings.credit is not None else None
    by_day = {
        day: items
        for day, items in ledger.daily().items()
        if not ((cutoff is not None and day < cutoff) or (before is not None and day >= before))
    }

    def open_(k: str, day: date) -> bool:
        f = finished.get(k)
        return credit.get(k, F(0)) < effort[k] and (f is None or f >= day)

    first, order, pending = 0, [it.id for it in work], list(days)
    for day in sorted(by_day):
        while pending and pending[0] < day:
            marks.append(dict(credit))
            pending.pop(0)
        plain = F(0)
        directed: dict[str, F] = {}
        for item, hours in by_day[day].items():
            if item is None:
                plain += hours
            else:
                directed[item] = hours
        review = schedule.review_hours_on(day)
        if review:
            taken = min(review, plain)
            plain -= taken
            review -= taken
            for item in directed:
                taken = min(review, directed[item])
                directed[item] -= taken
                review -= taken
        for item, hours in directed.items():
            if item in effort and hours:
                credit[item] = min(effort[item], credit.get(item, F(0)) + hours)
        while first < len(order) and not open_(order[first], day):
            first += 1
        j = first
        while plain > 0 and j < len(order):
            k = order[j]
            if open_(k, day):
                take = min(plain, effort[k] - credit.get(k, F(0)))
                credit[k] = credit.get(k, F(0)) + take
                plain -= take
            j += 1
    marks += [dict(credit) for _ in pending]
    marks.append(credit)
    return marks


@pytest.mark.parametrize("name", ["practical", "complete", "synthetic"])
def test_the_credit_replay_in_integer_units_agrees_with_fractions(
    name: str, tmp_path: Path
) -> None:
    """credit_through counts in whole units of a common denominator; the marks must
    equal the Fraction replay's, for a replan's settled credit too."""
    rm = synthetic(tmp_path / "s.yaml", 20) if name == "synthetic" else resolve(name)
    rng = random.Random(f"credit-{name}")
    for _ in range(20):
        prog = random_progress(rng, rm)
        sched = prog.schedule
        if rng.random() < 0.5:  # as a replan: settled credit, logged before a day ignored
            ids = [it.id for it in sched.credit_work()]
            settled = tuple((k, F(rng.randint(0, 40), 3)) for k in rng.sample(ids, 3))
            values = {n: getattr(sched.settings, n) for n in Settings.__slots__}
            values.update(credit=settled, credit_before=START + timedelta(days=20))
            sched = build(rm, Settings(**values), sched.review_due)
            prog = compute(sched, prog.ledger, prog.today)
        finished = finished_dates_of(sched, prog.ledger)
        days = sorted(START + timedelta(days=rng.randint(-5, 160)) for _ in range(6))
        before = START + timedelta(days=rng.randint(0, 160)) if rng.random() < 0.3 else None
        marks = credit_through(sched, prog.ledger, finished, days, before)
        assert marks == old_credit_through(prog, finished, days, before)
        # an item whose credit did not move is the same object in the next mark: the
        # theory/practice split tells moved credit apart by identity
        for earlier, later in zip(marks, marks[1:], strict=False):
            for k, v in later.items():
                if k in earlier and earlier[k] == v:
                    assert earlier[k] is v


def old_split(prog: Progress, method: balance.Method) -> list[balance.Minutes]:
    """balance._split as it was, all in Fractions: the reference for the split in units."""
    schedule, ledger = prog.schedule, prog.ledger
    days = sorted({g.on for g in ledger.logs})
    marks = credit_through(schedule, ledger, finished_dates_of(schedule, ledger), days)
    prev: dict[str, F] = {k: v for k, v in (schedule.settings.credit or ()) if k in schedule.items}
    out: list[balance.Minutes] = []
    by_day: dict[date, list[Any]] = {}
    for g in ledger.logs:
        by_day.setdefault(g.on, []).append(g)
    order = {k: i for i, k in enumerate(schedule.items)}
    day_kind = balance._day_kinds(schedule)
    zero = F(0)
    for i, day in enumerate(days):
        mark = marks[i]
        logs = by_day[day]
        directed: dict[str, F] = {}
        for g in logs:
            if g.item is not None:
                directed[g.item] = directed.get(g.item, F(0)) + g.hours
        # what plain time went to, in plan order (the credit of the day less its directed
        # part): only the items whose credit moved that day (the marks share the values
        # of the others, so `is` tells them apart without arithmetic)
        went: list[tuple[str, F]] = []
        for k, v in mark.items():
            before = prev.get(k, zero)
            if v is before or k not in order:
                continue
            gain = v - before - directed.get(k, 0)
            if gain > 0:
                went.append((k, gain))
        went.sort(key=lambda pair: order[pair[0]])
        prev = mark
        review = min(
            schedule.review_hours_on(day),
            sum((g.hours for g in logs if g.item is None), F(0)),
        )
        # the rest of the day's reviews: out of the items' time, first logged first
        rest = schedule.review_hours_on(day) - review
        from_items: dict[str, F] = {}
        for k, total in directed.items():
            from_items[k] = min(rest, total)
            rest -= from_items[k]
        day_phase, day_mode = day_kind(day)
        first_phase = schedule.items[went[0][0]].phase if went else day_phase
        for g in logs:
            if g.item is not None:
                phase, mode = balance._kind_mode(schedule, g.item, day)
                take = zero if g.mode else min(from_items[g.item], g.hours)
                if take:
                    out.append(balance.Minutes(day, phase, "theory", take))
                    from_items[g.item] -= take
                if g.hours - take:
                    out.append(balance.Minutes(day, phase, g.mode or mode, g.hours - take, g.item))
                continue
            if g.mode is not None:
                out.append(balance.Minutes(day, first_phase, g.mode, g.hours))
                continue
            left = g.hours
            take = min(review, left)  # the day's reviews come first, and are theory
            if take:
                out.append(balance.Minutes(day, first_phase, "theory", take))
                review -= take
                left -= take
            while left > 0 and went:
                k, gain = went[0]
                take = min(gain, left)
                phase, mode = balance._kind_mode(schedule, k, day)
                out.append(balance.Minutes(day, phase, mode, take, k))
                left -= take
                went[0] = (k, gain - take)
                if went[0][1] <= 0:
                    went.pop(0)
            if left > 0:
                out.append(balance.Minutes(day, day_phase, day_mode, left))
    for d in ledger.dids:
        habit = method.habit(d.habit)
        if d.minutes:
            mode = habit.mode if habit is not None else "theory"
            out.append(balance.Minutes(d.on, day_kind(d.on)[0], mode, F(d.minutes, 60)))
    return out


@pytest.mark.parametrize("name", ["practical", "complete", "synthetic"])
def test_the_split_in_integer_units_agrees_with_fractions(name: str, tmp_path: Path) -> None:
    """balance's theory/practice split shares each day's logs out in whole units; its
    minutes must be the Fraction replay's, row for row."""
    rm = synthetic(tmp_path / "s.yaml", 20) if name == "synthetic" else resolve(name)
    rng = random.Random(f"split-{name}")
    method = balance.method_of(rm)
    for _ in range(20):
        prog = random_progress(rng, rm)
        assert repr(balance.split(prog, method)) == repr(old_split(prog, method))


def old_compute_figures(prog: Progress) -> tuple[set[str], F, F]:
    """What is complete, its effort and C, as compute worked them out per phase group."""
    sched, ledger = prog.schedule, prog.ledger
    complete = set(ledger.done)
    for items in sched.by_phase().values():
        milestone = next((i for i in items if i.kind == "milestone"), None)
        if milestone is not None and milestone.id in complete:
            complete.update(i.id for i in items)
    completed = sum(
        (it.effort for it in sched.items.values() if it.id in complete and not it.skipped), F(0)
    )
    out = {it.id for it in sched.items.values() if it.left_out}
    credited = completed + sum(
        (v for k, v in prog.credit.items() if k not in complete and v and k not in out), F(0)
    )
    settled = dict(sched.settings.credit or ())
    credited += sum(
        (
            it.effort - settled.get(it.id, F(0))
            for it in sched.items.values()
            if it.left_out and it.skipped and it.id not in complete
        ),
        F(0),
    )
    return complete, completed, credited


@pytest.mark.parametrize("name", ["practical", "complete", "synthetic"])
def test_progress_in_one_pass_agrees_with_the_passes_it_replaced(name: str, tmp_path: Path) -> None:
    """compute's one pass over the items (and no grouping by phase unless a milestone is
    done) gives what the per-phase passes gave, with items left out by the learner too."""
    rm = synthetic(tmp_path / "s.yaml", 30) if name == "synthetic" else resolve(name)
    rng = random.Random(name + "compute")
    for _ in range(15):
        prog = random_progress(rng, rm)
        sched = prog.schedule
        ids = [it.id for it in sched.items.values() if it.kind in ("topic", "project")]
        milestones = [it.id for it in sched.items.values() if it.kind == "milestone"]
        # done milestones whose phases' items are not done themselves (a ledger without
        # complete_phases), and some of the items left out afterwards
        events: list[dict[str, Any]] = [{"type": "plan", "plan": {"roadmap": rm.id}}]
        for k in rng.sample(milestones, min(2, len(milestones))) + rng.sample(ids, 4):
            on = START + timedelta(days=rng.randint(0, 120))
            events.append({"type": "done", "item": k, "on": on.isoformat()})
        for _ in range(rng.randint(0, 20)):
            on = START + timedelta(days=rng.randint(0, 150))
            events.append({"type": "log", "hours": str(rng.randint(1, 6)), "on": on.isoformat()})
        for n, e in enumerate(events, 1):
            e.update(id=f"0000000b-{n}", seq=n, at="2027-01-04T00:00:00.000000Z")
        ledger = fold(events)
        leave_out = {k: START + timedelta(days=rng.randint(0, 90)) for k in rng.sample(ids, 3)}
        left = build(sched.roadmap, sched.settings, sched.review_due, leave_out=leave_out)
        for s, led in ((sched, prog.ledger), (sched, ledger), (left, ledger)):
            again = compute(s, led, prog.today)
            complete, completed, credited = old_compute_figures(again)
            assert again.complete == complete
            assert again.completed_effort == completed
            assert again.credited_effort == credited


@pytest.mark.parametrize("name", ["practical", "complete", "synthetic"])
def test_the_dashboard_passes_agree_with_the_per_phase_ones(name: str, tmp_path: Path) -> None:
    """Phase states counted in one pass, and the review forecast without the items due
    after its last week, give what the per-phase lists and the whole list gave."""
    from mlpath.core import dashboard, views
    from mlpath.core.reviewload import forecast_minutes

    rm = synthetic(tmp_path / "s.yaml", 30) if name == "synthetic" else resolve(name)
    rng = random.Random(name + "dashboard")
    for _ in range(15):
        prog = random_progress(rng, rm)
        sched = prog.schedule
        assert dashboard.phase_states(prog) == [
            dashboard.phase_state(
                prog, ph, [it for it in sched.by_phase().get(ph.number, ()) if not it.skipped]
            )
            for ph in sched.phases
        ]
        for today in (prog.today, START - timedelta(days=3), sched.finish - timedelta(days=20)):
            at = compute(sched, prog.ledger, today)
            minutes = sched.settings.review_minutes
            every = [
                max(it.due, today)
                for it in at.unfinished(("topic", "project", "milestone"))
                if it.due is not None
            ]
            assert views.review_forecast(at) == (
                [
                    {"week_start": first.isoformat(), "minutes": m}
                    for first, m in forecast_minutes(at.cards().values(), every, today, minutes)
                ]
                if minutes
                else []
            )
