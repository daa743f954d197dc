"""The real CLI against an independent reading of PRODUCT.md (tests/reference_plan.py):
each week's dates and hours, each item's planned start and due day, phase ends, the
finish, and the pace on several days after some progress. Hand-picked cases cover every
roadmap, each weekday as a start, odd hours, 1–7 study days, breaks across month, year and
DST ends, and the leap day; a seeded-random set covers the rest."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pytest

import reference_plan as ref
from clirun import invoke

D = dt.date.fromisoformat
ROADMAP_IDS = ("beginner", "intermediate", "job-ready", "complete", "practical")


@dataclass(frozen=True)
class Case:
    roadmap: str
    level: str
    hours: str
    start: str
    days: tuple[str, ...] = ref.WEEKDAYS
    breaks: tuple[tuple[str, str], ...] = ()
    skip: tuple[int, ...] = ()
    compress: tuple[int, ...] = ()

    def __str__(self) -> str:
        bits = [self.roadmap, self.level[:3], f"{self.hours}h", self.start, ",".join(self.days)]
        bits += [f"b{a}:{b}" for a, b in self.breaks]
        bits += [f"s{n}" for n in self.skip] + [f"c{n}" for n in self.compress]
        return "-".join(bits)

    def args(self) -> list[str]:
        out = ["plan", "-r", self.roadmap, "-l", self.level, "-H", self.hours]
        out += ["-s", self.start, "-d", ",".join(self.days), "--review-minutes", "0"]
        for a, b in self.breaks:
            out += ["-b", f"{a}:{b}"]
        for n in self.skip:
            out += ["--skip", str(n)]
        for n in self.compress:
            out += ["--compress", str(n)]
        if self.roadmap == "complete":
            # the weekly paper habit runs "during the specialisation phase", whose days
            # the habit itself moves: the reference lays the daily arXiv skim only
            out += ["--no-habit", "foundational-papers"]
        return [*out, "--json"]

    def reference(self) -> ref.Plan:
        return ref.lay(
            self.roadmap,
            self.level,
            Fraction(self.hours),
            D(self.start),
            self.days,
            [(D(a), D(b)) for a, b in self.breaks],
            self.skip,
            self.compress,
            daily_habit_minutes=5 if self.roadmap == "complete" else 0,
        )


def hand_picked() -> list[Case]:
    cases: list[Case] = []
    # every roadmap and level, starting on each weekday in turn (2027-01-04 is a Monday)
    for n, rid in enumerate(ROADMAP_IDS):
        for k, level in enumerate(("beginner", "intermediate", "advanced")):
            start = D("2027-01-04") + dt.timedelta(days=(3 * n + k) % 7)
            cases.append(Case(rid, level, "10", start.isoformat()))
    hours = ("1", "3.5", "7", "10", "40")
    day_sets = (
        ("sat",),
        ("mon", "thu"),
        ("mon", "wed", "fri"),
        ("tue", "wed", "thu", "sun"),
        ("mon", "tue", "wed", "thu", "fri"),
        ("mon", "tue", "wed", "thu", "fri", "sat"),
        ref.WEEKDAYS,
    )
    for n, h in enumerate(hours):
        for k, days in enumerate(day_sets):
            rid = ROADMAP_IDS[(n + k) % 5]
            start = D("2026-03-02") + dt.timedelta(days=n * 3 + k)
            if Fraction(h) > 24 * len(days):  # more than a day holds: refused (tested elsewhere)
                days = ("sat", "sun")
            cases.append(Case(rid, ("beginner", "intermediate")[k % 2], h, start.isoformat(), days))
    # breaks over a month end, the year end, both DST changes, and the leap day
    cases += [
        Case(
            "practical", "intermediate", "15", "2026-12-14", breaks=(("2026-12-21", "2027-01-03"),)
        ),
        Case("practical", "beginner", "7", "2027-03-22", breaks=(("2027-03-27", "2027-03-29"),)),
        Case(
            "job-ready",
            "advanced",
            "12.5",
            "2027-10-25",
            ref.WEEKDAYS[:5],
            (("2027-10-30", "2027-11-01"),),
        ),
        Case(
            "beginner", "intermediate", "20", "2028-02-21", breaks=(("2028-02-28", "2028-03-01"),)
        ),
        Case("intermediate", "beginner", "14", "2028-02-29", ("tue", "sat")),
        Case(
            "complete",
            "advanced",
            "30",
            "2027-12-27",
            breaks=(("2027-12-31", "2028-01-01"), ("2028-03-31", "2028-04-02")),
        ),
        Case(
            "practical", "advanced", "3.5", "2027-01-31", ("sun",), (("2027-02-28", "2027-02-28"),)
        ),
        Case("job-ready", "beginner", "40", "2029-12-31", breaks=(("2030-01-01", "2030-01-01"),)),
        Case("practical", "intermediate", "15", "2027-01-04", skip=(1,), compress=(3,)),
        Case("complete", "intermediate", "25", "2027-01-05", skip=(0, 1), compress=(7,)),
        Case("beginner", "advanced", "17.5", "2027-06-30", compress=(1, 2, 3, 4)),
        # 140 h at 2.5 h/day ends on day 56, whatever the float rounding
        Case("practical", "intermediate", "17.5", "2027-01-04", skip=(3, 4), compress=(1,)),
    ]
    return cases


def random_cases(n: int) -> list[Case]:
    rng = random.Random(20270104)
    out = []
    for _ in range(n):
        rid = rng.choice(ROADMAP_IDS)
        level = rng.choice(("beginner", "intermediate", "advanced"))
        hours = str(rng.choice((1, 2, 3.5, 5, 6.25, 7, 8, 10, 12.5, 15, 20, 24, 40)))
        start = D("2026-01-01") + dt.timedelta(days=rng.randrange(1500))
        days = tuple(d for d in ref.WEEKDAYS if rng.random() < 0.6) or ("wed", "sun")
        if Fraction(hours) > 24 * len(days):
            days = ref.WEEKDAYS
        breaks = []
        for _ in range(rng.randrange(3)):
            a = start + dt.timedelta(days=rng.randrange(400))
            breaks.append((a.isoformat(), (a + dt.timedelta(days=rng.randrange(20))).isoformat()))
        breaks.sort()
        # breaks must not overlap one another
        kept: list[tuple[str, str]] = []
        for a, b in breaks:
            if not kept or a > kept[-1][1]:
                kept.append((a, b))
        out.append(Case(rid, level, hours, start.isoformat(), days, tuple(kept)))
    return out


CASES = hand_picked() + random_cases(40)
_RANDOM = set(map(str, CASES[len(CASES) - 40 :]))


def everyday(cases: list[Case]) -> list[Any]:
    """`cases` as parameters: the seeded-random ones and the plans of under 3.5 h a week
    (years long, so slow to lay) run with the slow tests, the rest every day."""
    slow = [pytest.mark.slow]
    return [
        pytest.param(c, marks=slow if str(c) in _RANDOM or Fraction(c.hours) < 3.5 else ())
        for c in cases
    ]


def run_json(args: list[str], today: str) -> dict[str, Any]:
    result = invoke(args, today=today)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def close(a: float, b: Fraction) -> bool:
    return abs(Fraction(a) - b) < Fraction(1, 10**6)


def check_plan(case: Case) -> tuple[ref.Plan, dict[str, Any]]:
    plan = case.reference()
    got = run_json(case.args(), today="2026-01-01")
    where = str(case)
    assert got["start"] == case.start, where
    assert got["finish"] == plan.finish.isoformat(), where
    assert close(got["total_hours"], plan.total), where
    assert got["total_weeks"] == plan.week_of(plan.finish), where
    weeks = plan.weeks()
    # a milestone is listed, with no hours, in the week its phase's effort is used up
    milestones_in: dict[object, set[str]] = {}
    for phase in plan.phases:
        if phase.milestone:
            week = plan.week_of(ref.phase_dates(plan, phase)[1])
            milestones_in.setdefault(week, set()).add(phase.milestone)
    assert len(got["weeks"]) == len(weeks), where
    for mine, theirs in zip(weeks, got["weeks"], strict=True):
        w = f"{where} week {mine['number']}"
        assert theirs["number"] == mine["number"], w
        assert (theirs["start"], theirs["end"]) == (mine["start"], mine["end"]), w
        assert close(theirs["hours"], mine["hours"]), w  # type: ignore[arg-type]
        hours = {i["id"]: i["hours"] for i in theirs["items"] if i["kind"] != "milestone"}
        shown = {i["id"] for i in theirs["items"] if i["kind"] == "milestone"}
        assert shown == milestones_in.get(mine["number"], set()), w
        assert hours.keys() == mine["items"].keys(), w  # type: ignore[attr-defined]
        for k, v in mine["items"].items():  # type: ignore[attr-defined]
            assert close(hours[k], v), f"{w} {k}"
    for phase, theirs in zip(
        plan.phases, [p for p in got["phases"] if not p["skipped"]], strict=True
    ):
        first, last = ref.phase_dates(plan, phase)
        w = f"{where} phase {phase.number}"
        assert theirs["number"] == phase.number, w
        assert (theirs["start"], theirs["due"]) == (first.isoformat(), last.isoformat()), w
        assert close(theirs["hours"], phase.effort), w
    due = {m["id"]: m["due"] for m in got["milestones"]}
    for phase in plan.phases:
        if phase.milestone:
            assert due[phase.milestone] == ref.phase_dates(plan, phase)[1].isoformat(), where
    return plan, got


@pytest.mark.parametrize("case", everyday(CASES), ids=str)
def test_plan_matches_the_reference(case: Case) -> None:
    plan, _ = check_plan(case)
    exported = run_json(["export", "json"], today="2026-01-01")
    items = {i["id"]: i for i in exported["items"]}
    for item in plan.items:
        theirs = items[item.id]
        w = f"{case} {item.id}"
        assert close(theirs["hours"], item.effort), w
        assert (theirs["start"], theirs["due"]) == (item.start.isoformat(), item.due.isoformat()), w  # type: ignore[union-attr]


def credited(
    plan: ref.Plan, events: list[tuple[str, str, str, Fraction]], today: dt.date
) -> Fraction:
    """Done items count their effort; a log counts toward the item it names, or toward
    what was unfinished on its day in plan order, each capped at the item's effort."""
    effort = {i.id: i.effort for i in plan.items}
    order = [i.id for i in plan.items]
    credit = dict.fromkeys(order, Fraction(0))
    done: set[str] = set()
    for kind, when, item, hours in events:
        if D(when) > today:
            continue
        if kind == "done":
            done.add(item)
            continue
        targets = [item] if item else [i for i in order if i not in done]
        for t in targets:
            take = min(hours, effort[t] - credit[t])
            credit[t] += take
            hours -= take
            if hours == 0:
                break
    return sum((effort[i] if i in done else credit[i] for i in order), Fraction(0))


# long plans (a few hours a week) make every status slow to compute: pace takes the rest
PACE_CASES = [c for c in CASES[::4] if Fraction(c.hours) >= 5]


@pytest.mark.slow  # a plan and a status per case: seconds each
@pytest.mark.parametrize("case", everyday(PACE_CASES), ids=str)
def test_pace_matches_the_reference(case: Case) -> None:
    plan, _ = check_plan(case)
    rng = random.Random(str(case))
    start, finish = D(case.start), plan.finish
    span = (finish - start).days
    # a few events on days in the plan's first half, in date order
    events: list[tuple[str, str, str, Fraction]] = []
    day = start + dt.timedelta(days=rng.randrange(max(1, span // 6)))
    pending = [i.id for i in plan.items]
    for _ in range(rng.randrange(1, 5)):
        roll = rng.random()
        if roll < 0.4 and pending:
            item = pending.pop(rng.randrange(min(3, len(pending))))
            events.append(("done", day.isoformat(), item, Fraction(0)))
            invoke(["done", item], today=day.isoformat())
        else:
            hours = Fraction(rng.choice((1, 2, 5, 12, 20)), rng.choice((1, 2, 4)))
            named = rng.choice(pending) if roll > 0.8 and pending else ""
            args = ["log", str(float(hours))] + (["--item", named] if named else [])
            logged = invoke(args, today=day.isoformat())
            assert logged.exit_code == 0, (args, day, logged.output)
            events.append(("log", day.isoformat(), named, hours))
        day += dt.timedelta(days=rng.randrange(1, max(2, span // 8)))
    last = D(events[-1][1])
    for today in (last, last + ref.DAY, last + dt.timedelta(days=17), last + dt.timedelta(days=90)):
        if today > finish:
            continue
        status_json = run_json(["status", "--json"], today=today.isoformat())
        got = status_json["pace"]
        c = credited(plan, events, today)
        w = f"{case} on {today} with {events}"
        # days left and overdue are calendar days to the reference's due day
        due = {p.milestone: ref.phase_dates(plan, p)[1] for p in plan.phases if p.milestone}
        for m in status_json["milestones"]:
            if m["state"] == "due":
                assert (m["due"], m["days_left"]) == (
                    due[m["id"]].isoformat(),
                    (due[m["id"]] - today).days,
                ), w
        assert close(got["credited_hours"], c), w
        assert close(got["planned_hours_to_date"], plan.L(today)), w
        status, days = ref.pace(plan, today, c)
        assert (got["status"], got["days"]) == (status, days), w


# Plans whose study days hold whole minutes, so a log can hit L(d) exactly.
EXACT = (
    Case("practical", "intermediate", "7", "2027-01-04"),
    Case("complete", "beginner", "14", "2027-03-27", breaks=(("2027-04-10", "2027-04-20"),)),
    Case("job-ready", "advanced", "10.5", "2027-10-28", ("mon", "wed", "sat")),
    Case("beginner", "intermediate", "5", "2028-02-26", ("tue", "wed", "thu", "fri", "sat")),
    Case("intermediate", "beginner", "4", "2026-12-30", ("sun",), (("2027-01-01", "2027-01-14"),)),
)
# (days after the start, minutes logged relative to L(today) or L(tomorrow))
BOUNDS = (
    (20, "today", -15),
    (20, "today", -16),
    (20, "tomorrow", 0),
    (20, "tomorrow", 1),
    (45, "today", -16 * 60),
    (45, "tomorrow", 7 * 60),
    (21, "today", None),  # idle for three weeks
    (56, "half", None),  # half the planned time
)


@pytest.mark.slow  # a plan and a status per case: seconds each
@pytest.mark.parametrize("bound", BOUNDS, ids=str)
@pytest.mark.parametrize("case", EXACT, ids=str)
def test_pace_boundaries_match_the_reference(
    case: Case, bound: tuple[int, str, int | None]
) -> None:
    """On track from L(today) − 15 min to L(tomorrow); a minute either side is behind or
    ahead by the calendar days the reference counts."""
    after, base, offset = bound
    plan, _ = check_plan(case)
    today = D(case.start) + dt.timedelta(days=after)
    if base == "today":
        target = plan.L(today) + Fraction(offset or 0, 60) if offset is not None else Fraction(0)
    elif base == "tomorrow":
        target = plan.L(today + ref.DAY) + Fraction(offset or 0, 60)
    else:
        target = plan.L(today) / 2
    minutes = target * 60
    assert minutes.denominator == 1 or base == "half", "the case's days must hold whole minutes"
    minutes = Fraction(int(minutes))
    day = today
    events: list[tuple[str, str, str, Fraction]] = []
    while minutes > 0:
        day -= ref.DAY
        take = min(minutes, Fraction(24 * 60))
        done = invoke(["log", f"{take}m", "--on", day.isoformat()], today=today.isoformat())
        assert done.exit_code == 0, done.output
        events.append(("log", day.isoformat(), "", take / 60))
        minutes -= take
    got = run_json(["status", "--json"], today=today.isoformat())["pace"]
    c = credited(plan, events, today)
    w = f"{case} on {today}, {c} h credited, L={plan.L(today)}..{plan.L(today + ref.DAY)}"
    assert close(got["credited_hours"], c), w
    assert (got["status"], got["days"]) == ref.pace(plan, today, c), w


@pytest.mark.parametrize(
    "case", everyday([c for c in CASES[1::3] if not c.skip and Fraction(c.hours) >= 5]), ids=str
)
def test_printed_figures_follow_the_one_number_rule(case: Case) -> None:
    """The Markdown plan prints every figure the reference computes, one decimal at most
    rounded half up: hours a week, weeks and total hours, each item's due day and hours."""
    import re

    plan, _ = check_plan(case)
    text = invoke(["export", "markdown"], today="2026-01-01").stdout
    weeks = plan.week_of(plan.finish)
    head = (
        f"· {ref.number(Fraction(case.hours))} h/week ·",
        f"{case.start} → {plan.finish.isoformat()} · {weeks} week{'s' * (weeks != 1)}, "
        f"{ref.number(plan.total)} h",
    )
    for part in head:
        assert part in text, (str(case), part)
    rows = re.findall(r"^- \[ \] .* — due (\S+), (\S+) h$", text, re.M)
    expected = [(i.due.isoformat(), ref.number(i.effort)) for i in plan.items]  # type: ignore[union-attr]
    assert rows == expected, str(case)
    for phase in plan.phases:
        first, last = ref.phase_dates(plan, phase)
        assert f"({first.isoformat()} → {last.isoformat()})" in text, (str(case), phase.number)
