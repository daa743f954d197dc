"""The laid schedule kept in the cache between runs (core/schedule_data.py,
app/laid.py): what comes back from plain data is the schedule that was laid.

Every bundled roadmap and a synthetic 60-phase one are laid under many random
settings (levels, study days, breaks, catch-ups, reviews due, skipped items, habits
and interviews, replans with credit), turned into plain data, sent through marshal
(what the cache stores) and read back; the copy must equal the original field by
field, including the per-day arrays pace and the burndown read, and answer every
per-day question the same way.
"""

from __future__ import annotations

import marshal
import random
from datetime import date, timedelta
from fractions import Fraction as F
from pathlib import Path

import pytest

from mlpath.app.laid import laid_schedule
from mlpath.core.habits import with_habits
from mlpath.core.planned import week_hours
from mlpath.core.roadmap import Roadmap
from mlpath.core.schedule import Schedule, Settings, build
from mlpath.core.schedule_data import inputs_key, schedule_from_data, schedule_to_data
from mlpath.errors import UsageError
from mlpath.store.catalog import load_file, resolve
from synthetic import roadmap_yaml

BUNDLED = ("beginner", "intermediate", "job-ready", "complete", "practical")
START = date(2027, 1, 4)


def synthetic(path: Path, phases: int) -> Roadmap:
    """A roadmap as benchmarks/bench.py makes them: `phases` phases of 10 topics."""
    path.write_text(roadmap_yaml(f"synthetic-{phases}", phases, weeks=(1, 3)), encoding="utf-8")
    return load_file(path)


def random_case(
    rng: random.Random, rm: Roadmap
) -> tuple[Settings, dict[date, int] | None, dict[str, date] | None, int]:
    ids = [it.id for p in rm.phases for it in p.work_items]
    days = tuple(sorted(rng.sample(range(7), rng.randint(1, 7))))
    breaks = []
    for _ in range(rng.randint(0, 3)):
        a = START + timedelta(days=rng.randint(-10, 300))
        breaks.append((a, a + timedelta(days=rng.randint(0, 30))))
    kw: dict[str, object] = {}
    if rng.random() < 0.3:  # a replan: from a later day, with credit and items done
        kw["lay_from"] = START + timedelta(days=rng.randint(1, 90))
        kw["completed"] = frozenset(rng.sample(ids, min(len(ids), rng.randint(0, 4))))
        kw["credit"] = tuple((k, F(rng.randint(1, 20), 4)) for k in rng.sample(ids, 2))
    if rng.random() < 0.3:
        kw["boost"] = (START + timedelta(days=rng.randint(10, 200)), F(rng.randint(16, 40)))
    if rng.random() < 0.3:
        kw["interviews"] = (START + timedelta(days=rng.randint(30, 400)),)
    settings = Settings(
        rng.choice(("beginner", "intermediate", "advanced")),
        F(rng.randint(20, 120), 4),
        START,
        days=days,
        breaks=tuple(sorted(breaks)),
        review_minutes=rng.choice((0, 0, 5, 10)),
        **kw,  # type: ignore[arg-type]
    )
    settings = with_habits(rm, settings)
    due = None
    if settings.review_minutes and rng.random() < 0.7:
        due = {START + timedelta(days=rng.randint(-5, 200)): rng.randint(1, 4) for _ in range(8)}
    leave_out = None
    if rng.random() < 0.4:
        leave_out = {k: START + timedelta(days=rng.randint(0, 120)) for k in rng.sample(ids, 2)}
    return settings, due, leave_out, rng.choice((10, 30, 60))


def assert_same(copy: Schedule, laid: Schedule) -> None:
    assert copy == laid  # every public field, phases, items and weeks included
    assert copy.laid_arrays() == laid.laid_arrays()  # L(d), reviews, habits, skips
    assert [w.items for w in copy.weeks] == [w.items for w in laid.weeks]
    assert [w.milestones for w in copy.weeks] == [w.milestones for w in laid.weeks]
    # a kept schedule's weeks are made when read: their hours without them, one alone
    assert week_hours(roundtrip(laid).weeks) == {wk.number: wk.hours for wk in laid.weeks}
    alone = roundtrip(laid).weeks
    for k in (len(laid.weeks) - 1, 0, len(laid.weeks) // 2, -1):
        assert alone[k] == laid.weeks[k] and alone[k].items == laid.weeks[k].items
    for d in (START, laid.finish, laid.finish - timedelta(days=3), START + timedelta(days=40)):
        assert copy.laid_before(d) == laid.laid_before(d)
        assert copy.day_plan(d) == laid.day_plan(d)
        assert copy.total_on(d) == laid.total_on(d)


def assert_planned_remaining(sched: Schedule) -> None:
    """`planned_remaining` (integer units) against the Fraction formula it replaced."""
    days = [START + timedelta(days=k) for k in range(-8, (sched.finish - START).days + 9, 5)]
    assert sched.planned_remaining(days) == [
        max(sched.total_on(d) - sched.planned_through(d), F(0)) for d in days
    ]


def roundtrip(sched: Schedule) -> Schedule:
    data = marshal.loads(marshal.dumps(schedule_to_data(sched)))  # what the cache keeps
    return schedule_from_data(data, sched.roadmap, sched.settings)


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_roadmaps_come_back_as_laid(name: str) -> None:
    rm = resolve(name)
    rng = random.Random(name)
    checked = 0
    for _ in range(25):
        settings, due, leave_out, cap = random_case(rng, rm)
        try:
            laid = build(rm, settings, due, leave_out=leave_out, review_cap=cap)
        except UsageError:  # every phase skipped at that level, or too long: nothing laid
            continue
        assert_same(roundtrip(laid), laid)
        assert_planned_remaining(laid)
        checked += 1
    assert checked >= 20


def test_a_big_synthetic_roadmap_comes_back_as_laid(tmp_path: Path) -> None:
    rm = synthetic(tmp_path / "big.yaml", 60)
    rng = random.Random(60)
    for _ in range(6):
        settings, due, leave_out, cap = random_case(rng, rm)
        laid = build(rm, settings, due, leave_out=leave_out, review_cap=cap)
        assert_same(roundtrip(laid), laid)
        assert_planned_remaining(laid)


def test_the_cache_serves_a_schedule_only_for_the_same_inputs(tmp_path: Path) -> None:
    rm = resolve("practical")
    plan = {"roadmap": "practical", "level": "intermediate", "hours_per_week": "15"}
    settings = with_habits(rm, Settings("intermediate", F(15), START))
    where = str(tmp_path / "state.json")
    first = laid_schedule(rm, plan, settings, None, None, 30, where)
    kept = list((tmp_path / "cache" / "schedules").glob("*.cache"))
    assert len(kept) == 1  # laid once and kept
    again = laid_schedule(rm, plan, settings, None, None, 30, where)
    assert again is not first and again == first
    # a review due (an item done meanwhile) is another schedule: laid, and kept instead
    due = {START + timedelta(days=3): 2}
    settings10 = with_habits(rm, Settings("intermediate", F(15), START, review_minutes=10))
    plan10 = dict(plan, review_minutes=10)
    other = laid_schedule(rm, plan10, settings10, due, None, 30, where)
    assert other == build(rm, settings10, due)
    assert other.review_hours_on(START + timedelta(days=3)) == F(20, 60)
    assert len(list((tmp_path / "cache" / "schedules").glob("*.cache"))) == 1
    keys = {
        inputs_key(rm, plan, None, None, 30),
        inputs_key(rm, plan10, due, None, 30),
        inputs_key(rm, plan, None, None, 60),
        inputs_key(rm, plan, None, {"numpy": START}, 30),
    }
    assert len(keys) == 4


def test_a_damaged_entry_is_laid_again(tmp_path: Path) -> None:
    rm = resolve("beginner")
    plan = {"roadmap": "beginner", "level": "beginner", "hours_per_week": "10"}
    settings = with_habits(rm, Settings("beginner", F(10), START))
    where = str(tmp_path / "state.json")
    laid = laid_schedule(rm, plan, settings, None, None, 30, where)
    (entry,) = (tmp_path / "cache" / "schedules").glob("*.cache")
    raw = entry.read_bytes()
    entry.write_bytes(raw[:-40] + b"x" * 40)  # the checksum no longer holds
    assert laid_schedule(rm, plan, settings, None, None, 30, where) == laid


def test_the_day_questions_answer_as_the_calendar_says(tmp_path: Path) -> None:
    """The work days are kept as ordinals: the days the questions give back are the
    plan's own (each week's new hours add up to it, L(d) steps where it should)."""
    rm = synthetic(tmp_path / "big.yaml", 40)
    rng = random.Random(40)
    for _ in range(4):
        settings, due, leave_out, cap = random_case(rng, rm)
        laid = build(rm, settings, due, leave_out=leave_out, review_cap=cap)
        copy = roundtrip(laid)
        for wk in laid.weeks:
            days = [wk.start + timedelta(days=k) for k in range(7)]
            assert sum((copy.new_hours_on(d) for d in days), F(0)) == wk.hours
        total = laid.total_effort
        for effort in [F(k * total.numerator, 13 * total.denominator) for k in range(14)]:
            last = copy.last_day_at_most(effort)
            if last is not None:
                assert copy.laid_before(last) <= effort < copy.laid_before(last + timedelta(days=1))
            reach = copy.day_reaching(effort)
            assert copy.planned_through(reach) >= effort
            if effort > copy.credited_effort and reach > copy.laid_from:
                assert copy.planned_through(reach - timedelta(days=1)) < effort
            assert copy.first_day_at_least(effort) == laid.first_day_at_least(effort)


def test_a_title_with_a_line_break_comes_back() -> None:
    """Texts are kept joined by a line break; a title holding one is kept as a list."""
    rm = resolve("beginner")
    laid = build(rm, Settings("beginner", F(10), START))
    first = next(iter(laid.items.values()))
    first.title = "two\nlines"
    copy = roundtrip(laid)
    assert copy.items[first.id].title == "two\nlines"
    assert_same(copy, laid)


def test_an_entry_of_another_shape_is_a_miss(tmp_path: Path) -> None:
    """An entry of the old format, or with a column cut short, is not read: laid again."""
    rm = resolve("practical")
    settings = Settings("intermediate", F(15), START)
    laid = build(rm, settings)
    data = schedule_to_data(laid)
    old = dict(data, format=1)
    with pytest.raises(ValueError):
        schedule_from_data(old, rm, settings)
    for column in ("titles", "dues", "week_units", "week_sizes", "week_ids", "week_totals"):
        cut = dict(data)
        value = cut[column]
        cut[column] = value.rsplit("\n", 1)[0] if isinstance(value, str) else value[:-1]
        with pytest.raises((ValueError, IndexError)):
            schedule_from_data(cut, rm, settings)
    # kept under the right key, the damaged entry is laid again, not an error
    from mlpath.store import cache

    plan = {"roadmap": "practical", "level": "intermediate", "hours_per_week": "15"}
    where = str(tmp_path / "state.json")
    key = inputs_key(rm, plan, None, None, 30)
    broken = dict(data, week_sizes=data["week_sizes"][:-1])
    cache.put("schedules", cache.slot(where, "schedule"), key, broken)
    assert laid_schedule(rm, plan, settings, None, None, 30, where) == laid
