"""The scheduler, checked two ways.

* Worked examples: the bundled roadmaps and small YAML roadmaps laid on the
  calendar, every expected figure computed by hand in the comments (never by
  calling the code under test).
* Hypothesis properties over random roadmaps and settings, against a small
  independent model of PRODUCT.md's "Scheduling model": cumulative capacity
  C(d) = sum of the daily capacities up to day d; an item whose work ends at
  cumulative effort E is due on the first day with C(d) >= E.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mlpath.core.roadmap import Roadmap, roadmap_from_dict
from mlpath.core.schedule import Schedule, Settings, build
from mlpath.errors import MlpathError, UsageError
from mlpath.store.catalog import load_file, resolve
from mlpath.store.roadmap_yaml import validate

START = date(2027, 1, 4)  # a Monday
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
MON_WED_FRI = (0, 2, 4)


def day_n(n: int) -> date:
    """Day n of a plan starting on START (day 1 is START)."""
    return START + timedelta(days=n - 1)


def plan(roadmap: str | Roadmap, level: str = "beginner", hours: F = F(15), **kw: Any) -> Schedule:
    rm = resolve(roadmap) if isinstance(roadmap, str) else roadmap
    return build(rm, Settings(level, hours, kw.pop("start", START), **kw))


def phase(s: Schedule, number: int) -> Any:
    return next(p for p in s.phases if p.number == number)


TINY_YAML = """\
schema: 1
id: tiny
title: Tiny roadmap
source: {{document: tests}}
summary: A roadmap small enough to check by hand.
duration: {{text: {weeks} weeks}}
hours_per_week: {{value: 10}}
phases:
  - number: 1
    id: only
    title: Only phase
    weeks: {{min: {weeks}, max: {weeks}}}
    summary: Everything.
    topics:
      - {{id: first, title: First}}
      - {{id: second, title: Second}}
    milestone: {{id: all-done, title: All done}}
"""


def tiny(tmp_path: Path, weeks: int) -> Roadmap:
    f = tmp_path / f"tiny-{weeks}.yaml"
    f.write_text(TINY_YAML.format(weeks=weeks), encoding="utf-8")
    return load_file(f)


# --- worked examples -----------------------------------------------------------------
#
# Calendar from 2027-01-04 (a Monday), day 1 = Jan 4:
#   day 28 = Jan 31, day 56 = Feb 28, day 87 = Mar 31, day 117 = Apr 30,
#   day 148 = May 31, day 178 = Jun 30, day 182 = Jul 4.


def test_practical_intermediate_15h_every_day() -> None:
    # practical: phases of 6, 8, 6, 6 weeks (fixed spans) at 15 h/week, the
    # intermediate pace (a beginner takes twice as long: test_fidelity_backgrounds)
    #   effort = 26 weeks x 15 h = 390 h; learner 15 h/week every day -> 15/7 h/day
    #   390 / (15/7) = 182 days -> finish day 182 = 2027-07-04, in week 26
    s = plan("practical", level="intermediate")
    assert s.total_effort == 390
    assert s.finish == date(2027, 7, 4)
    assert s.total_weeks == 26
    assert len(s.weeks) == 26
    assert [w.hours for w in s.weeks] == [15] * 26
    # phase 1: 90 h -> 42 days -> due day 42 = Feb 14; phase 2 starts the next day
    # phase 2: +120 h = 210 h -> 98 days -> due day 98 = Apr 11
    # phase 3: +90 h = 300 h -> 140 days -> due day 140 = May 23
    # phase 4: +90 h = 390 h -> day 182 = Jul 4
    expected = {
        1: (date(2027, 1, 4), date(2027, 2, 14)),
        2: (date(2027, 2, 15), date(2027, 4, 11)),
        3: (date(2027, 4, 12), date(2027, 5, 23)),
        4: (date(2027, 5, 24), date(2027, 7, 4)),
    }
    assert {p.number: (p.start, p.due) for p in s.phases} == expected
    # milestones are due with their phase: phase 2 has one
    assert s.items["supervised-baseline"].due == date(2027, 4, 11)
    # phase 1 topics share 90 h evenly: 30 h each = 14 days each
    assert s.items["python-libraries"].due == day_n(14) == date(2027, 1, 17)
    assert s.items["statistics"].due == day_n(28) == date(2027, 1, 31)
    assert s.items["linear-algebra"].due == day_n(42)


def test_a_one_week_break_moves_everything_after_it_seven_days() -> None:
    # the same plan with week 9 (Mon Mar 1 - Sun Mar 7) off: phase 1 (due Feb 14)
    # is before the break; everything after moves 7 days: Apr 11 -> Apr 18, Jul 4 -> Jul 11.
    s = plan("practical", "intermediate", breaks=((date(2027, 3, 1), date(2027, 3, 7)),))
    assert s.finish == date(2027, 7, 11)
    assert s.total_weeks == 27
    assert phase(s, 1).due == date(2027, 2, 14)
    assert phase(s, 2).due == date(2027, 4, 18)
    assert s.items["supervised-baseline"].due == date(2027, 4, 18)
    week9 = s.weeks[8]
    assert (week9.number, week9.start, week9.end) == (9, date(2027, 3, 1), date(2027, 3, 7))
    assert week9.hours == 0 and week9.items == {}
    assert s.total_effort == 390  # a break moves work, it removes none


def test_three_study_days_keep_the_weeks() -> None:
    # --days mon,wed,fri at 15 h/week: 15/3 = 5 h per study day, 3 study days a week,
    # so still 15 h a week: 390 h / 5 h = 78 study days = 26 weeks x 3.
    # The 78th study day is the Friday of week 26: week 26 starts day 176 = Jun 28, Fri = Jul 2.
    s = plan("practical", "intermediate", days=MON_WED_FRI)
    assert s.finish == date(2027, 7, 2)
    assert s.total_weeks == 26
    assert [w.hours for w in s.weeks] == [15] * 26
    # phase 1: 90 h / 5 h = 18 study days = 6 weeks -> Fri of week 6 = day 40 = Feb 12
    # phase 2: 210 h / 5 h = 42 study days = 14 weeks -> Fri of week 14 (starts Apr 5) = Apr 9
    assert phase(s, 1).due == date(2027, 2, 12)
    assert phase(s, 2).start == date(2027, 2, 15)  # the Monday after
    assert phase(s, 2).due == date(2027, 4, 9)
    assert s.items["supervised-baseline"].due == date(2027, 4, 9)
    for it in s.items.values():
        assert it.start is not None and it.due is not None
        assert it.start.weekday() in MON_WED_FRI and it.due.weekday() in MON_WED_FRI


def test_140_hours_at_2_5_a_day_end_on_day_56(tmp_path: Path) -> None:
    # 14 weeks x 10 h = 140 h; 17.5 h/week over 7 days = 2.5 h/day; 140 / 2.5 = 56
    # day 56 from Jan 4 = Feb 28 (Jan 4..31 is 28 days, Feb has 28)
    rm = tiny(tmp_path, 14)
    s = build(rm, Settings("beginner", F(35, 2), START))
    assert s.total_effort == 140
    assert s.finish == day_n(56) == date(2027, 2, 28)
    assert s.total_weeks == 8
    # two topics of 70 h each: the first ends on day 28 = Jan 31
    assert s.items["first"].due == date(2027, 1, 31)
    assert s.items["second"].start == date(2027, 2, 1)
    assert s.items["all-done"].due == date(2027, 2, 28)


def test_thirds_of_an_hour_do_not_drift(tmp_path: Path) -> None:
    # 7 weeks x 10 h = 70 h at 10/3 h/week every day = 10/21 h/day: 70 / (10/21) = 147 days.
    # (Adding the float 10/21 147 times gives 69.9999..., which would be day 148.)
    # Day 147 from Jan 4: day 117 = Apr 30, +30 = May 30.
    rm = tiny(tmp_path, 7)
    s = build(rm, Settings("beginner", F(10, 3), START))
    assert s.finish == day_n(147) == date(2027, 5, 30)
    assert sum((w.hours for w in s.weeks), F(0)) == 70


def test_intermediate_takes_midpoints() -> None:
    # complete at intermediate (midpoint weeks x the phase's h/week):
    #   0: 1-2 -> 1.5 x 20 = 30;  1: 9-13 -> 11 x 22.5 = 247.5;  2: 4-6 -> 5 x 25 = 125
    #   3: 6-8 -> 7 x 25 = 175;   4: 8-10 -> 9 x 30 = 270;      5: 6-8 -> 7 x 30 = 210
    #   6: 4-6 -> 5 x 25 = 125;   7: 13 (fixed) x 20 = 260
    #   total 30 + 247.5 + 125 + 175 + 270 + 210 + 125 + 260 = 1442.5
    s = plan("complete", level="intermediate", hours=F(25))
    efforts = {p.number: p.effort for p in s.phases}
    assert efforts == {
        0: 30, 1: F(495, 2), 2: 125, 3: 175, 4: 270, 5: 210, 6: 125, 7: 260,
    }  # fmt: skip
    assert phase(s, 3).weeks == 7
    assert s.total_effort == F(2885, 2)
    # 1442.5 h at 25 h/week = 57.7 weeks -> 1442.5 / (25/7) = 403.9 -> due on day 404
    assert s.finish == day_n(404)


def test_practical_software_engineer_does_phases_1_and_2_in_8_weeks() -> None:
    # advanced: shortest spans (all fixed here), then the document's background:
    # phases 1+2 "in roughly eight weeks combined": 6 + 8 = 14 weeks -> 8 weeks,
    # in proportion: phase 1 = 6 x 8/14 = 24/7 weeks, phase 2 = 8 x 8/14 = 32/7 weeks.
    # efforts: 360/7 h + 480/7 h = 120 h; + 90 + 90 = 300 h = 20 weeks at 15 h/week.
    s = plan("practical", level="advanced", backgrounds=frozenset({"software-engineer"}))
    assert (phase(s, 1).weeks, phase(s, 2).weeks) == (F(24, 7), F(32, 7))
    assert phase(s, 1).effort + phase(s, 2).effort == 120
    assert "eight weeks combined" in (phase(s, 1).override or "")
    assert phase(s, 3).override is None
    assert s.total_effort == 300
    # 300 / (15/7) = 140 days -> May 23; phase 1 due at (360/7) / (15/7) = 24 days -> Jan 27;
    # phase 2 due at 120 / (15/7) = 56 days -> Feb 28.
    assert s.finish == date(2027, 5, 23)
    assert phase(s, 1).due == date(2027, 1, 27)
    assert phase(s, 2).due == date(2027, 2, 28)
    assert s.items["supervised-baseline"].due == date(2027, 2, 28)


def test_complete_software_engineer_halves_phases_0_to_2() -> None:
    # advanced: shortest spans; the software engineer "may compress Phases 0-2",
    # with an assumed factor 0.5:
    #   0: 1 -> 0.5 x 20 = 10;  1: 9 -> 4.5 x 22.5 = 101.25;  2: 4 -> 2 x 25 = 50
    #   3: 6 x 25 = 150; 4: 8 x 30 = 240; 5: 6 x 30 = 180; 6: 4 x 25 = 100; 7: 13 x 20 = 260
    #   total 10 + 101.25 + 50 + 150 + 240 + 180 + 100 + 260 = 1091.25
    s = plan("complete", "advanced", F(25), backgrounds=frozenset({"software-engineer"}))
    assert [p.weeks for p in s.phases] == [F(1, 2), F(9, 2), 2, 6, 8, 6, 4, 13]
    assert [p.effort for p in s.phases] == [10, F(405, 4), 50, 150, 240, 180, 100, 260]
    assert s.total_effort == F(4365, 4)
    assert all(p.override for p in s.phases[:3]) and not any(p.override for p in s.phases[3:])
    assert [p.backgrounds for p in s.phases[:4]] == [("software-engineer",)] * 3 + [()]
    # advanced alone: the shortest spans, nothing compressed
    assert plan("complete", "advanced", F(25)).phases[0].weeks == 1


def test_a_week_may_end_one_phase_and_start_the_next() -> None:
    # practical at 12 h/week: 12/7 h/day. Phase 1 = 90 h; after 52 days 624/7 = 89 1/7 h
    # are laid, so day 53 (Thu Feb 25) lays the last 6/7 h of phase 1 and the first 6/7 h
    # of phase 2. Week 8 (days 50-56, Feb 22-28) holds both: linear algebra (the third
    # 30 h topic, from 60 h = end of day 35) gets 3 x 12/7 + 6/7 = 6 h, regression 6 h.
    s = plan("practical", "intermediate", F(12))
    assert phase(s, 1).due == date(2027, 2, 25) == phase(s, 2).start
    week8 = s.weeks[7]
    assert (week8.start, week8.end) == (date(2027, 2, 22), date(2027, 2, 28))
    assert week8.items == {"linear-algebra": 6, "regression": 6}
    assert week8.hours == 12


def test_skipping_every_phase_is_a_clear_error() -> None:
    raw = _roadmap_dict(
        [_phase_dict(1, 2, 2, ["a"])],
        [{"level": "advanced", "phases": [1], "action": "skip", "source": "Skip it."}],
    )
    rm = roadmap_from_dict(raw)
    with pytest.raises(MlpathError, match="nothing to plan"):
        build(rm, Settings("advanced", F(10), START))
    assert build(rm, Settings("beginner", F(10), START)).total_effort == 20


def test_an_override_listing_a_phase_twice_applies_once() -> None:
    # factor 0.5 on phase 1 (4 weeks x 10 h = 40 h) -> 20 h, not 10 h
    raw = _roadmap_dict(
        [_phase_dict(1, 4, 4, ["a"]), _phase_dict(2, 1, 1, ["b"])],
        [{"level": "advanced", "phases": [1, 1], "action": "compress", "factor": 0.5,
          "source": "Halve it."}],
    )  # fmt: skip
    s = build(roadmap_from_dict(raw), Settings("advanced", F(10), START))
    assert phase(s, 1).effort == 20


def test_plans_longer_than_sixty_years_are_refused(tmp_path: Path) -> None:
    # complete at beginner is well over 1,500 h; at 0.5 h/week that is > 3,000 weeks.
    with pytest.raises(UsageError, match="60 years"):
        plan("complete", hours=F(1, 2))
    # a 140 h roadmap behind a 70-year break: found out by laying the calendar
    rm = tiny(tmp_path, 14)
    forever = ((START, date(2097, 1, 1)),)
    with pytest.raises(UsageError, match="60 years"):
        build(rm, Settings("beginner", F(10), START, breaks=forever))


def test_no_study_days_is_refused() -> None:
    with pytest.raises(UsageError):
        plan("practical", days=())


# --- a small independent model of the spec --------------------------------------------


def _phase_dict(
    number: int,
    lo: float,
    hi: float,
    topics: Sequence[str],
    projects: Sequence[str] = (),
    **extra: Any,
) -> dict[str, Any]:
    return {
        "number": number,
        "id": f"phase-{number}",
        "title": f"Phase {number}",
        "weeks": {"min": lo, "max": hi},
        "summary": "A phase.",
        "topics": [{"id": t, "title": t.title()} for t in topics],
        "projects": [{"id": p, "title": p.title()} for p in projects],
        **extra,
    }


def _roadmap_dict(
    phases: list[dict[str, Any]], overrides: Sequence[dict[str, Any]] = (), hours: float = 10
) -> dict[str, Any]:
    d: dict[str, Any] = {
        "schema": 1,
        "id": "random",
        "title": "Random roadmap",
        "source": {"document": "hypothesis"},
        "summary": "Generated.",
        "duration": {"text": "some weeks"},
        "hours_per_week": {"value": hours},
        "phases": phases,
    }
    if overrides:
        d["level_overrides"] = list(overrides)
    validate(d, "<generated>", {}, {})  # only valid roadmaps are generated
    return d


HALF_WEEKS = st.integers(1, 16).map(lambda n: n / 2)  # 0.5 .. 8 weeks, exact decimals
NOMINAL_HOURS = st.sampled_from([1, 2.5, 5, 7.5, 10, 12, 15, 17.5, 20])
LEVELS = ("beginner", "intermediate", "advanced")


@st.composite
def roadmap_dicts(draw: st.DrawFn) -> dict[str, Any]:
    first = draw(st.integers(0, 2))
    phases = []
    for k in range(draw(st.integers(1, 4))):
        n = first + k
        lo = draw(HALF_WEEKS)
        hi = lo + draw(st.integers(0, 6)) / 2
        n_topics = draw(st.integers(0, 3))
        n_projects = draw(st.integers(0 if n_topics else 1, 2))
        p = _phase_dict(
            n,
            lo,
            hi,
            [f"t{n}-{j}" for j in range(n_topics)],
            [f"p{n}-{j}" for j in range(n_projects)],
        )
        for item in p["topics"] + p["projects"]:
            if draw(st.booleans()):
                wlo = draw(HALF_WEEKS)
                item["weeks"] = {"min": wlo, "max": wlo + draw(st.integers(0, 4)) / 2}
        if draw(st.booleans()):
            p["hours_per_week"] = {"value": draw(NOMINAL_HOURS)}
        if draw(st.booleans()):
            p["milestone"] = {"id": f"m{n}", "title": f"Milestone {n}"}
        phases.append(p)
    numbers = [p["number"] for p in phases]
    overrides = []
    for level in draw(st.lists(st.sampled_from(LEVELS), unique=True, max_size=2)):
        listed = draw(st.lists(st.sampled_from(numbers), min_size=1, unique=True))
        kind = draw(st.sampled_from(["skip", "weeks", "factor"]))
        o: dict[str, Any] = {"level": level, "phases": listed, "source": "Generated."}
        if kind == "skip":
            o["action"] = "skip"
        else:
            o["action"] = "compress"
            o[kind] = draw(HALF_WEEKS) if kind == "weeks" else draw(st.sampled_from([0.25, 0.5, 1]))
        overrides.append(o)
    return _roadmap_dict(phases, overrides, hours=draw(NOMINAL_HOURS))


def model_efforts(d: dict[str, Any], level: str) -> list[tuple[int, str, str, F]]:
    """(phase, item id, kind, effort) for every laid item in order, milestones with 0 effort.

    From PRODUCT.md and data/roadmaps/README.md: level picks weeks (max / midpoint / min);
    skip drops phases; compress multiplies by a factor, or shrinks the listed phases to
    `weeks` combined in proportion (never lengthening); effort = weeks x phase h/week, shared
    by items by their weeks (missing ones count as the mean), evenly when none has weeks.
    """

    def pick(w: dict[str, Any]) -> F:
        lo, hi = F(str(w["min"])), F(str(w["max"]))
        return {"beginner": hi, "intermediate": (lo + hi) / 2, "advanced": lo}[level]

    weeks = {p["number"]: pick(p["weeks"]) for p in d["phases"]}
    skipped: set[int] = set()
    for o in d.get("level_overrides", []):
        if o["level"] != level:
            continue
        if o["action"] == "skip":
            skipped |= set(o["phases"])
        elif "factor" in o:
            for n in o["phases"]:
                weeks[n] *= F(str(o["factor"]))
        else:
            combined = sum(weeks[n] for n in o["phases"])
            target = F(str(o["weeks"]))
            if combined > target:
                for n in o["phases"]:
                    weeks[n] = weeks[n] * target / combined
    out = []
    for p in d["phases"]:
        if p["number"] in skipped:
            continue
        hpw = F(str((p.get("hours_per_week") or d["hours_per_week"])["value"]))
        effort = weeks[p["number"]] * hpw
        items = [(i, "topic") for i in p["topics"]] + [(i, "project") for i in p["projects"]]
        given = [pick(i["weeks"]) if "weeks" in i else None for i, _ in items]
        known = [w for w in given if w is not None]
        mean = sum(known) / len(known) if known else F(1)
        weights = [mean if w is None else w for w in given]
        for (item, kind), w in zip(items, weights, strict=True):
            out.append((p["number"], item["id"], kind, effort * w / sum(weights)))
        if p.get("milestone"):
            out.append((p["number"], p["milestone"]["id"], "milestone", F(0)))
    return out


def capacity(s: Settings, day: date) -> F:
    if day.weekday() not in s.days or any(a <= day <= b for a, b in s.breaks):
        return F(0)
    return s.hours_per_week / len(s.days)


@st.composite
def plan_settings(draw: st.DrawFn) -> Settings:
    start = draw(st.dates(date(1990, 1, 1), date(2090, 12, 31)))
    days = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=1))))
    breaks = tuple(
        sorted(
            (start + timedelta(days=a), start + timedelta(days=a + n))
            for a, n in draw(
                st.lists(st.tuples(st.integers(-10, 300), st.integers(0, 30)), max_size=3)
            )
        )
    )
    hours = draw(st.fractions(F(1), F(60), max_denominator=12))
    return Settings(draw(st.sampled_from(LEVELS)), hours, start, days, breaks)


@settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=roadmap_dicts(), s=plan_settings())
def test_schedule_matches_the_model(raw: dict[str, Any], s: Settings) -> None:
    expected = model_efforts(raw, s.level)
    total = sum((e for *_, e in expected), F(0))
    assume(total > 0)  # every phase skipped: a separate test covers the error
    sched = build(roadmap_from_dict(raw), s)

    # hours laid = total effort
    assert sched.total_effort == total
    assert sum((w.hours for w in sched.weeks), F(0)) == total

    # the calendar: cumulative capacity C(d) from the start until the total is reached
    cum: list[tuple[date, F]] = []
    c, day = F(0), s.start
    while c < total:
        c += capacity(s, day)
        cum.append((day, c))
        day += timedelta(days=1)

    def first_day_reaching(e: F) -> date:
        return next(d for d, c in cum if c >= e)

    # finish = the day cumulative effort reaches the total
    assert sched.finish == cum[-1][0] == first_day_reaching(total)

    # every item laid exactly once, in order, due the day its last hour is laid
    work = [(ph, i, e) for ph, i, k, e in expected if k != "milestone"]
    order: list[str] = []
    per_item: dict[str, F] = {}
    for w in sched.weeks:
        for item_id, h in w.items.items():
            if not order or order[-1] != item_id:
                order.append(item_id)
            per_item[item_id] = per_item.get(item_id, F(0)) + h
    assert order == [i for _, i, _ in work]  # once each, contiguous, in roadmap order
    assert per_item == {i: e for _, i, e in work}
    done_at = F(0)
    phase_due: dict[int, date] = {}
    for ph, item_id, kind, e in expected:
        it = sched.items[item_id]
        assert (it.kind, it.phase) == (kind, ph)
        if kind != "milestone":
            assert it.start == next(d for d, c in cum if c > done_at)
            done_at += e
            assert it.due == first_day_reaching(done_at)
            phase_due[ph] = it.due
        else:
            assert it.due == phase_due[ph]  # a milestone is due with its phase
    for p in sched.phases:
        if p.number in phase_due:
            assert p.due == phase_due[p.number]
            first_item = next(i for ph, i, _ in work if ph == p.number)
            assert p.start == sched.items[first_item].start
        else:
            assert p.skipped and p.due is None

    # due dates never go backwards in roadmap order
    dues = [sched.items[i].due for _, i, _, _ in expected]
    assert dues == sorted(dues)  # type: ignore[type-var]

    # weeks: N runs from start + 7(N-1) for 7 days; never above capacity
    for k, w in enumerate(sched.weeks):
        assert w.number == k + 1
        assert w.start == s.start + timedelta(days=7 * k)
        assert w.end == w.start + timedelta(days=6)
        assert w.hours == sum(w.items.values(), F(0))
        week_cap = sum(capacity(s, w.start + timedelta(days=j)) for j in range(7))
        assert w.hours <= week_cap <= s.hours_per_week
    assert sched.weeks[-1].start <= sched.finish <= sched.weeks[-1].end

    # day by day (public API): what is laid on a day fits its capacity; zero on breaks
    # and non-study days; the plan's running total matches min(C(d), total)
    prev = F(0)
    for d, c in cum:
        through = sched.planned_through(d)
        assert through == min(c, total)
        laid = through - prev
        assert 0 <= laid <= capacity(s, d)
        if capacity(s, d) == 0:
            assert laid == 0
        prev = through
    for it in sched.items.values():
        if it.due is not None and it.kind != "milestone":
            assert capacity(s, it.due) > 0 and it.start is not None and capacity(s, it.start) > 0


@settings(max_examples=40, deadline=None)
@given(
    raw=roadmap_dicts(),
    level=st.sampled_from(LEVELS),
    hours=st.fractions(F(1), F(30), max_denominator=8),
    k=st.sampled_from([F(1, 2), F(2), F(3), F(5, 2), F(4, 3)]),
    start=st.dates(date(2000, 1, 1), date(2080, 1, 1)),
)
def test_scaling_hours_scales_the_span(
    raw: dict[str, Any], level: str, hours: F, k: F, start: date
) -> None:
    # every day, no breaks: daily = h/7, so the plan takes ceil(total / daily) days
    rm = roadmap_from_dict(raw)
    total = sum((e for *_, e in model_efforts(raw, level)), F(0))
    assume(total > 0)
    spans = []
    for h in (hours, hours * k):
        sched = build(rm, Settings(level, h, start))
        days = math.ceil(total / (h / 7))
        assert sched.finish == start + timedelta(days=days - 1)
        spans.append(days)
    # and the span scales by ~1/k (each side rounds up by less than a day)
    assert abs(spans[1] * k - spans[0]) < k + 1
