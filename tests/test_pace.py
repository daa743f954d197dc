"""Pace as the plan's earned schedule (PRODUCT.md, "Pace"), scenario by scenario.

Every expected figure is worked out by hand below from the plan's numbers, never
read back from mlpath. The definitions, with C the credited effort (done items'
effort + hours logged toward unfinished items, capped at each item's effort)
and L(d) the effort the plan lays on the days before day d:

- on track while L(today) - 15 min <= C <= L(today + 1);
- behind by today - (the latest d with L(d) <= C);
- ahead by (the earliest d with L(d) >= C) - (today + 1). Calendar days.

The usual plan: the bundled `practical` roadmap (390 h; phase 1: three 30 h
topics; phase 2: three 30 h topics and a 30 h project, milestone
`supervised-baseline`; phase 3: four 22.5 h items), level intermediate, from
Monday 2027-01-04, no review time. The learner acts through the app functions
(`mlpath log --item` reaches them once the CLI declares the option), with the
date injected as `today`.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlpath.app import actions
from mlpath.app.session import load_active
from mlpath.core import ledger as sm
from mlpath.core.progress import compute
from mlpath.core.schedule import Settings, build
from mlpath.core.views import next_view
from mlpath.errors import ExitCode, UsageError
from mlpath.render.change import change_lines
from mlpath.render.next import next_text
from mlpath.render.term import Style
from mlpath.store.catalog import load_file
from mlpath.store.state import Store

START = date(2027, 1, 4)  # a Monday


def day(n: int) -> date:
    return START + timedelta(days=n)


@pytest.fixture
def store(isolated: Path) -> Store:
    return Store(isolated)


def plan(
    store: Store,
    hours: str = "15",
    *,
    today: date = START,
    days: str | None = None,
    breaks: tuple[tuple[date, date], ...] = (),
    finish_by: str | None = None,
    start: str | None = "2027-01-04",
) -> actions.PlanResult:
    return actions.make_plan(
        store,
        today,
        roadmap="practical",
        level="intermediate",
        hours=None if finish_by else hours,
        start=start,
        days=days,
        breaks=breaks,
        dry_run=False,
        force=True,
        review_minutes="0",
        finish_by=finish_by,
    )


def log(store: Store, today: date, hours: str, item: str | None = None) -> actions.Change:
    return actions.log_time(store, today, hours, on=None, note=None, item=item)


def done(store: Store, today: date, *items: str) -> actions.Change:
    return actions.mark_done(store, today, list(items), on=None, note=None, evidence=None)


def view(store: Store, today: date) -> dict[str, Any]:
    return next_view(load_active(store, today).progress)


def signed(v: dict[str, Any]) -> int:
    pace = v["pace"]
    return {"ahead": 1, "behind": -1}.get(pace["status"], 0) * pace["days"]


def text(v: dict[str, Any]) -> str:
    return next_text(v, Style(False))


# --- the learner who does exactly the plan --------------------------------------------------


def test_the_on_schedule_learner_is_on_track_every_morning(store: Store) -> None:
    """15 h/week every day is 15/7 h a day (2.142857... h); the learner logs 2.14 h
    each evening and ticks each item on its due date. A 30 h item takes 14 days,
    so the items fall due on days 13, 27, 41, 55, 69, 83 and 97 (the project, with
    the milestone), then clustering (22.5 h, 10.5 days) on day 108.

    Each morning C = L(today) less at most 14 x (15/7 - 2.14) = 0.04 h of rounding
    inside the current item: within the 15 minutes, and never above L(today + 1)."""
    plan(store)
    due = {
        13: ["python-libraries"],
        27: ["statistics"],
        41: ["linear-algebra"],
        55: ["regression"],
        69: ["classification"],
        83: ["model-evaluation"],
        97: ["supervised-tabular-project", "supervised-baseline"],
        108: ["clustering"],
    }
    for n in range(112):
        morning = view(store, day(n))
        assert (morning["pace"]["status"], morning["pace"]["days"]) == ("on-track", 0), day(n)
        log(store, day(n), "2.14")
        if n in due:
            done(store, day(n), *due[n])
    # The first item's hours left shrink with the time credited to it.
    plan(store)
    for n in range(3):
        log(store, day(n), "2.14")
    first = view(store, day(3))["now"][0]
    assert (first["id"], first["hours"], first["hours_left"]) == ("python-libraries", 30, 23.58)


def test_half_the_hours_is_behind_by_half_the_days(store: Store) -> None:
    """At 14 h/week (2 h a day; 390 h -> 195 days, finish 2027-07-17) the learner
    logs 1 h a day for 56 days and ticks nothing. On day 56 (2027-03-01):
    C = 56 h, credited to python-libraries (30 h) then statistics (26 h);
    L(today) = 112 h; the latest d with L(d) = 2(d - start) <= 56 is day 28, so
    behind by 56 - 28 = 28 days: half the days elapsed.

    Speed = 56 / 112 = 1/2; the other 334 h take 668 h of the calendar at 2 h a
    day: the plan's calendar reaches 112 + 668 = 780 h at the end of day 389
    (2028-01-28), about twice the plan's 195 days."""
    made = plan(store, "14")
    assert made.view["finish"] == "2027-07-17"
    for n in range(56):
        log(store, day(n), "1")
    v = view(store, day(56))
    assert (v["pace"]["status"], v["pace"]["days"]) == ("behind", 28)
    assert v["pace"]["credited_hours"] == 56
    assert v["pace"]["completed_hours"] == 0
    assert v["pace"]["projected_finish"] == "2028-01-28"
    # python-libraries has all its hours but is not ticked: still to do, 0 h left.
    assert [(it["id"], it["hours_left"]) for it in v["now"]][:2] == [
        ("python-libraries", 0),
        ("statistics", 4),
    ]
    assert "python-libraries · topic · phase 1 · all hours in, tick it" in text(v)


def test_idle_for_three_weeks_is_behind_by_21_days(store: Store) -> None:
    """2 h a day logged on days 0-9 (C = 20 h = L(day 10)), then nothing: on day 31
    L = 62 h and the latest d with L(d) <= 20 is day 10: behind by 21."""
    plan(store, "14")
    for n in range(10):
        log(store, day(n), "2")
    assert signed(view(store, day(10))) == 0
    assert signed(view(store, day(31))) == -21
    assert "behind by 21 days" in text(view(store, day(31)))


def test_mon_wed_fri_learner_idle_two_weeks_is_behind_by_14_calendar_days(store: Store) -> None:
    """15 h/week on Mon, Wed, Fri is 5 h a study day. Week 1 done as planned (5 h
    on 01-04, 01-06, 01-08: C = 15 h). On Mon 01-25, L = 45 h; L(d) <= 15 up to
    Mon 01-11 (L(Tue 01-12) = 20): behind by 01-25 - 01-11 = 14 calendar days,
    whatever the study days (not 6 study days)."""
    plan(store, days="mon,wed,fri")
    for on in (0, 2, 4):
        log(store, day(on), "5")
    assert signed(view(store, day(7))) == 0  # Mon 01-11: C = 15 = L(01-11)
    assert signed(view(store, day(21))) == -14


def test_finishing_a_phase_early_is_ahead_and_pulls_work_forward(store: Store) -> None:
    """Phase 1 (90 h, planned through 02-14) done by Sunday 01-31 (`done 1`: a phase
    without a milestone ticks its topics). On Mon 02-01: C = 90 h; L(02-02) =
    29 x 15/7 h < 90; L reaches 90 h on 02-15 (42 days in): ahead by 02-15 - 02-02
    = 13 days. Nothing of week 5 (02-01..02-07) is left, so `next` offers phase 2
    pulled forward."""
    plan(store)
    done(store, day(27), "1")
    v = view(store, day(28))
    assert (v["pace"]["status"], v["pace"]["days"]) == ("ahead", 13)
    assert [(it["id"], it["when"]) for it in v["now"]] == [
        ("regression", "ahead"),
        ("classification", "ahead"),
        ("model-evaluation", "ahead"),
    ]
    shown = text(v)
    assert "ahead by 13 days" in shown
    assert "regression · topic · phase 2 · 30 h left · pulled forward" in shown


def test_a_break_in_the_middle_costs_nothing(store: Store) -> None:
    """14 h/week (2 h a day) with a break 2027-02-01..02-14 (days 28-41). The learner
    logs 2 h each study day and ticks python-libraries (30 h, due day 14). By the
    break C = 30 + 26 = 56 h = L(day 28), and L stays flat through the break: on
    track every break day, and on 02-15 when study resumes. The break days say so."""
    made = plan(store, "14", breaks=((day(28), day(41)),))
    # 390 h = 195 study days; with 14 break days the finish moves 14 days: 07-31.
    assert made.view["finish"] == "2027-07-31"
    for n in range(28):
        log(store, day(n), "2")
        if n == 14:
            done(store, day(n), "python-libraries")
    for n in range(28, 43):
        assert signed(view(store, day(n))) == 0, day(n)
    v = view(store, day(30))
    assert v["day"] == {
        "kind": "break",
        "hours": 0,
        "reviews": 0,
        "habits": 0,
        "new": 0,
        "until": "2027-02-14",
        "next_study_day": "2027-02-15",
    }
    shown = text(v)
    assert "On break until Sun 14 Feb" in shown
    assert "Study now" not in shown and "Up next" in shown
    # no review time in these plans: the whole day is new work
    assert view(store, day(42))["day"] == {
        "kind": "study",
        "hours": 2,
        "reviews": 0,
        "habits": 0,
        "new": 2,
    }


def test_rest_days_say_so_and_offer_no_hours(store: Store) -> None:
    """Mon/Wed/Fri at 15 h/week: Tuesday 01-05 is a rest day; the next study day is
    Wed 01-06. Before the start and once past the plan's end the day kinds follow
    PRODUCT.md's precedence."""
    plan(store, days="mon,wed,fri", today=date(2027, 1, 1))
    assert view(store, date(2027, 1, 1))["day"] == {
        "kind": "before-start",
        "hours": 0,
        "reviews": 0,
        "habits": 0,
        "new": 0,
        "next_study_day": "2027-01-04",
    }
    v = view(store, day(1))
    assert v["day"] == {
        "kind": "rest",
        "hours": 0,
        "reviews": 0,
        "habits": 0,
        "new": 0,
        "next_study_day": "2027-01-06",
    }
    assert v["reviews"]["today_hours"] == 0
    shown = text(v)
    assert "Rest day — next study day Wed 06 Jan" in shown
    assert "Today's" not in shown
    assert view(store, day(2))["day"] == {
        "kind": "study",
        "hours": 5,
        "reviews": 0,
        "habits": 0,
        "new": 5,
    }


def test_past_the_plans_end(store: Store) -> None:
    """The plan ends 2027-07-04 (week 26); 2028-03-03 is a Friday in week 61
    (2028-02-28 is start + 7 x 60 days)."""
    plan(store)
    v = view(store, date(2028, 3, 3))
    assert v["week"]["number"] == 61
    assert v["day"] == {
        "kind": "past-end",
        "hours": 15 / 7,
        "reviews": 0,
        "habits": 0,
        "new": 15 / 7,
    }
    assert "Week 61, past the plan's 26" in text(v)
    done(store, date(2028, 3, 3), "1", "2", "3", "4")
    assert view(store, date(2028, 3, 3))["day"] == {
        "kind": "finished",
        "hours": 0,
        "reviews": 0,
        "habits": 0,
        "new": 0,
    }


def test_log_item_credits_a_project_worked_in_parallel(store: Store) -> None:
    """Days 0-6: 2 h plain time (to python-libraries, the first unfinished item) and
    1 h `--item supervised-tabular-project` each day. On day 7 (01-11): C = 14 + 7
    = 21 h > L(01-12) = 8 x 15/7 h; L reaches 21 h after 10 days (150/7 h), on
    01-14: ahead by 01-14 - 01-12 = 2 days. Hours left: python-libraries 16 h,
    the project 23 h."""
    plan(store)
    for n in range(7):
        log(store, day(n), "2")
        changed = log(store, day(n), "1", item="supervised-tab")  # a unique prefix
    assert changed.view["logged"]["item"] == "supervised-tabular-project"
    assert changed.view["item"] == {
        "id": "supervised-tabular-project",
        "hours": 30,
        "hours_left": 23,
    }
    assert change_lines(changed.steps)[:2] == [
        "Logged 1 h to supervised-tabular-project on 2027-01-10.",
        "supervised-tabular-project: 23 h left of 30 h.",
    ]
    v = view(store, day(7))
    assert (v["pace"]["status"], v["pace"]["days"]) == ("ahead", 2)
    assert v["pace"]["credited_hours"] == 21
    assert v["now"][0]["hours_left"] == 16
    from mlpath.app.export import export_json

    doc = export_json(load_active(store, day(7)))
    left = {it["id"]: it["hours_left"] for it in doc["items"]}
    assert (left["python-libraries"], left["supervised-tabular-project"]) == (16, 23)
    assert doc["logs"][1]["item"] == "supervised-tabular-project"
    # An --item log never spills over: 30 h at most on the project.
    log(store, day(7), "24", item="supervised-tabular-project")  # 7 + 24 > 30
    v = view(store, day(7))
    assert v["pace"]["credited_hours"] == 14 + 30


def test_log_item_refuses_a_phase_and_unknown_items(store: Store, isolated: Path) -> None:
    plan(store)
    before = (isolated / "state.json").read_bytes()
    with pytest.raises(UsageError) as err:
        log(store, day(1), "1", item="2")  # phase 2: its milestone, not an item of work
    assert err.value.exit_code == ExitCode.USAGE
    assert "not one topic or project" in str(err.value)
    with pytest.raises(UsageError):
        log(store, day(1), "1", item="no-such-thing")
    assert (isolated / "state.json").read_bytes() == before


def test_plain_log_credit_stays_where_it_was_given(store: Store) -> None:
    """10 h on 01-05 go to python-libraries; statistics is ticked on 01-06 (its 30 h
    count in full). The 10 h stay with python-libraries (20 h left): C = 40 h."""
    plan(store)
    log(store, day(1), "10")
    done(store, day(2), "statistics")
    v = view(store, day(2))
    assert v["pace"]["credited_hours"] == 40
    assert v["now"][0] == {
        "id": "python-libraries",
        "kind": "topic",
        "title": v["now"][0]["title"],
        "phase": 1,
        "hours": 30,
        "hours_left": 20,
        "due": "2027-01-17",
        "when": "this-week",
    }


def test_a_learner_who_never_logs(store: Store) -> None:
    """Nothing logged: only done items count. On 01-17 (day 13) C = 0 and L(d) <= 0
    only up to 01-04: behind by 13 days, and `next` says how to log. Ticking
    python-libraries that day makes C = 30 = L(01-18): on track on 01-18, without
    the hint. On 01-20, L = 240/7 h > 30 + 0.25: behind by 01-20 - 01-18 = 2."""
    plan(store)
    v = view(store, day(13))
    assert signed(v) == -13
    assert v["never_logged"] is True
    assert "Nothing logged yet" in text(v)
    done(store, day(13), "python-libraries")
    v = view(store, day(14))
    assert signed(v) == 0
    assert "Nothing logged yet" not in text(v)
    v = view(store, day(16))
    assert signed(v) == -2
    assert "`mlpath log 1.5` after a session" in text(v)


def test_fifteen_minutes_short_is_still_on_track(store: Store) -> None:
    """14 h/week: L(day 1) = 2 h. 1.75 h logged: 2 - 0.25 <= 1.75 -> on track;
    1.5 h: behind by 1 day (the latest d with L(d) <= 1.5 is day 0)."""
    plan(store, "14")
    log(store, day(0), "1.75")
    assert signed(view(store, day(1))) == 0
    plan(store, "14")
    log(store, day(0), "1.5")
    assert signed(view(store, day(1))) == -1


# --- replan lays what is left --------------------------------------------------------------


def test_replan_lays_each_items_remaining_effort(store: Store) -> None:
    """20 h logged on 01-10 go to python-libraries. A replan on 01-11 keeps that
    credit and lays 390 - 20 = 370 h from 01-11 at 15/7 h a day: 172.67 days, the
    last 2027-07-02 (01-11 + 172). python-libraries' other 10 h take 4.67 days:
    due 01-15. On track that day; the next morning one day's work is due."""
    plan(store)
    log(store, day(6), "20")
    changed = actions.do_replan(
        store, day(7), hours=None, from_=None, days=None, breaks=(), review_minutes=None
    )
    assert changed.view["new_finish"] == "2027-07-02"
    assert "370 h of work left" in change_lines(changed.steps)[0]
    v = view(store, day(7))
    assert signed(v) == 0
    assert (v["now"][0]["id"], v["now"][0]["hours_left"], v["now"][0]["due"]) == (
        "python-libraries",
        10,
        "2027-01-15",
    )
    assert signed(view(store, day(8))) == -1
    state = store.read()
    assert state["events"][-1]["plan"]["credit"] == {"python-libraries": "20"}
    assert state["events"][-1]["plan"]["credit_before"] == "2027-01-11"


# --- planning toward a date ------------------------------------------------------------------


def test_finish_by_the_plans_own_finish_needs_15_hours(store: Store) -> None:
    """390 h from 01-04 to 07-04 (182 days) is 15/7 h a day: 15 h/week. 14.75 h/week
    would take 390 / (14.75/7) = 185.1 days."""
    made = plan(store, finish_by="2027-07-04")
    assert made.view["hours_per_week"] == 15
    assert made.view["finish"] == "2027-07-04"
    assert made.view["finish_by"] == {"date": "2027-07-04", "hours_per_week": 15}


def test_finish_by_takes_the_next_quarter_hour(store: Store) -> None:
    """By 06-30 (178 days): 390 / 178 x 7 = 15.34 h/week. 15.25 h/week lays
    15.25/7 x 178 = 387.8 h by then (short); 15.5 h/week lays 394.1 h: 390 h take
    176.13 days, the last 06-29 (start + 176)."""
    made = plan(store, finish_by="2027-06-30")
    assert made.view["hours_per_week"] == 15.5
    assert made.view["finish"] == "2027-06-29"
    saved = store.read()["events"][-1]["plan"]
    assert saved["hours_per_week"] == "15.5"


def test_finish_by_an_impossible_date_names_the_earliest_one(store: Store, isolated: Path) -> None:
    """Every day, at most 100 h/week (what --hours accepts): 390 / (100/7) = 27.3
    days, the last 01-31. Mondays only, at most 24 h a study day: 390 / 24 = 16.25
    Mondays, the 17th being 01-04 + 16 x 7 = 04-26."""
    with pytest.raises(UsageError) as err:
        plan(store, finish_by="2027-01-20")
    assert err.value.exit_code == ExitCode.USAGE
    assert str(err.value).startswith(
        "Finishing by 2027-01-20 would take more than 100 h a week; "
        "the earliest finish reachable is 2027-01-31."
    )
    with pytest.raises(UsageError) as err:
        plan(store, finish_by="2027-03-01", days="mon")
    assert str(err.value).startswith(
        "Finishing by 2027-03-01 would take more than 24 h a study day; "
        "the earliest finish reachable is 2027-04-26."
    )
    assert not (isolated / "state.json").exists()


def test_finish_by_and_hours_together_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError):
        actions.make_plan(
            store, START, roadmap="practical", level="intermediate", hours="10",
            start=None, days=None, breaks=(), dry_run=True, force=False,
            finish_by="2027-12-01",
        )  # fmt: skip


def test_replan_finish_by(store: Store) -> None:
    """python-libraries done; on 02-15 the other 360 h by 08-01 (168 days, 02-15 to
    08-01): 360 / 168 x 7 = 15 h/week exactly."""
    plan(store)
    done(store, day(6), "python-libraries")
    changed = actions.do_replan(
        store, day(42), hours=None, from_=None, days=None, breaks=(), finish_by="2027-08-01"
    )
    assert changed.view["finish_by"] == {"date": "2027-08-01", "hours_per_week": 15}
    assert changed.view["new_finish"] == "2027-08-01"
    assert change_lines(changed.steps)[0] == (
        "Chose 15 h/week: the least, in quarter hours, that finishes by 2027-08-01 "
        "with the reviews its items will bring."
    )


# --- warnings for unrealistic plans ---------------------------------------------------------


def test_a_start_far_in_the_past_warns_once(store: Store) -> None:
    """2027-07-05 is 182 days (26 weeks) after 2027-01-04."""
    made = plan(store, today=date(2027, 7, 5))
    assert made.warnings == ["This plan starts 26 weeks ago: you begin behind; `--start today`?"]
    again = plan(store, today=date(2027, 1, 10))  # 6 days: no warning
    assert not any("starts" in w for w in again.warnings)


def test_a_finish_years_away_warns_once(store: Store) -> None:
    """390 h at 1 h/week take 390 weeks (7.5 years): past 2032-01-04."""
    made = plan(store, "1")
    assert len(made.warnings) == 1
    assert made.warnings[0].startswith("This plan finishes on 2034-")
    assert "more than 5 years from now" in made.warnings[0]


# --- the property ----------------------------------------------------------------------------


def _roadmap_yaml(phases: list[tuple[int, int, bool]]) -> str:
    """phases: (weeks, topics, has a milestone), at 6 h/week."""
    lines = [
        "schema: 1",
        "id: random",
        "title: Random roadmap",
        "source: {document: written for the tests}",
        "summary: Random phases.",
        "duration: {text: some weeks}",
        "hours_per_week: {value: 6}",
        "phases:",
    ]
    for n, (weeks, topics, milestone) in enumerate(phases, start=1):
        lines += [
            f"  - number: {n}",
            f"    id: phase-{n}",
            f"    title: Phase {n}",
            f"    weeks: {{min: {weeks}, max: {weeks}}}",
            f"    summary: Phase {n}.",
            "    topics:",
            *(f"      - {{id: p{n}-t{k}, title: Topic {k} of phase {n}}}" for k in range(topics)),
        ]
        if milestone:
            lines.append(f"    milestone: {{id: m{n}, title: Checkpoint {n}}}")
    return "\n".join(lines) + "\n"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    phases=st.lists(
        st.tuples(st.integers(1, 3), st.integers(1, 3), st.booleans()), min_size=1, max_size=3
    ),
    quarter_hours=st.integers(8, 60),
    days=st.sets(st.integers(0, 6), min_size=1),
    breaks=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 10)), max_size=2),
    start=st.integers(0, 6),
)
def test_doing_exactly_the_plan_is_on_track_every_day(
    tmp_path: Path,
    phases: list[tuple[int, int, bool]],
    quarter_hours: int,
    days: set[int],
    breaks: list[tuple[int, int]],
    start: int,
) -> None:
    """Random roadmaps, hours, study days and breaks: a learner who logs each day's
    planned hours and ticks each item on its due date is on track every morning
    until the plan is done, then finished."""
    path = tmp_path / "random.yaml"
    path.write_text(_roadmap_yaml(phases), encoding="utf-8")
    roadmap = load_file(path)
    first = date(2027, 3, 1) + timedelta(days=start)
    s = Settings(
        "intermediate",
        Fraction(quarter_hours, 4),
        first,
        tuple(sorted(days)),
        tuple(
            sorted((first + timedelta(days=a), first + timedelta(days=a + n)) for a, n in breaks)
        ),
    )
    sched = build(roadmap, s)
    record = sm.plan_record(
        roadmap_id="random", roadmap_hash=roadmap.content_hash, roadmap_path=str(path), settings=s
    )
    events: list[dict[str, Any]] = [
        {"seq": 1, "id": f"{1:016x}", "at": "t", "type": "plan", "plan": record}
    ]
    due: dict[date, list[str]] = {}
    for it in sched.items.values():
        assert it.due is not None
        due.setdefault(it.due, []).append(it.id)

    def add(kind: str, **fields: Any) -> None:
        n = len(events) + 1
        events.append({"seq": n, "id": f"{n:016x}", "at": "t", "type": kind, **fields})

    today = first
    while today <= sched.finish:
        prog = compute(sched, sm.fold(events), today)
        assert (prog.pace.status, prog.pace.days) == ("on-track", 0), (today, prog.pace)
        hours = s.capacity_on(today)
        if hours:
            add("log", hours=sm.fraction_text(hours), on=today.isoformat())
        for item in due.get(today, []):
            add("done", item=item, on=today.isoformat())
        today += timedelta(days=1)
    assert compute(sched, sm.fold(events), today).pace.status == "finished"


def _events(*logs: tuple[str, str, str | None]) -> list[dict[str, Any]]:
    s = Settings("intermediate", Fraction(14), START, review_minutes=6)
    record = sm.plan_record(roadmap_id="practical", roadmap_hash="x", roadmap_path=None, settings=s)
    events: list[dict[str, Any]] = [
        {"seq": 1, "id": f"{1:016x}", "at": "t", "type": "plan", "plan": record}
    ]
    for i, (on, hours, item) in enumerate(logs, start=2):
        e = {"seq": i, "id": f"{i:016x}", "at": "t", "type": "log", "on": on, "hours": hours}
        events.append(e | ({"item": item} if item else {}))
    return events


def test_time_logged_first_covers_the_days_review_time() -> None:
    """14 h/week (2 h a day) with ten 6-minute reviews due on 01-05: the plan takes
    1 h of that day for them. Of 2 h logged that day, 1 h covers the reviews and 1 h
    is credited (to python-libraries). With 0.5 h plain and 1.5 h `--item
    statistics`, the plain half hour and then half an hour of the item's time
    cover the reviews: statistics is credited 1 h."""
    from mlpath.store.catalog import resolve

    roadmap = resolve("practical")
    s = Settings("intermediate", Fraction(14), START, review_minutes=6)
    sched = build(roadmap, s, {date(2027, 1, 5): 10})
    prog = compute(sched, sm.fold(_events(("2027-01-05", "2", None))), day(2))
    assert prog.credit == {"python-libraries": 1}
    prog = compute(
        sched,
        sm.fold(_events(("2027-01-05", "0.5", None), ("2027-01-05", "1.5", "statistics"))),
        day(2),
    )
    assert prog.credit == {"statistics": 1}
    # Another day has no review time: all of it is credited.
    prog = compute(sched, sm.fold(_events(("2027-01-06", "2", None))), day(3))
    assert prog.credit == {"python-libraries": 2}


def test_the_readme_worked_example(store: Store) -> None:
    """docs/pace.md, the worked example: on 01-20 L(today) = 16 x 15/7 h = 34.29 h and
    L(tomorrow) = 36.43 h; L reaches 30 h on 01-18 and 90 h on 02-15."""
    plan(store)
    done(store, day(6), "python-libraries")
    assert signed(view(store, day(16))) == -2
    log(store, day(14), "2.5")
    log(store, day(15), "2")
    v = view(store, day(16))
    assert (signed(v), v["pace"]["credited_hours"]) == (0, 34.5)
    done(store, day(16), "1")
    assert signed(view(store, day(16))) == 25


# --- through the command line ---------------------------------------------------------------


def test_the_options_on_the_command_line(cli: Any, isolated: Path) -> None:
    """The same figures as above, typed: --finish-by 2027-06-30 chooses 15.5 h/week;
    `log 1 --item supervised-tab` credits the project (29 h left of 30 h)."""
    r = cli(
        "plan", "-r", "practical", "-l", "intermediate", "--start", "2027-01-04",
        "--finish-by", "2027-06-30", "--review-minutes", "0", today="2027-01-04",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert "Chose 15.5 h/week: the least, in quarter hours, that finishes by" in r.stdout
    r = cli("log", "1", "--item", "supervised-tab", today="2027-01-04")
    assert r.exit_code == 0, r.stderr
    assert "supervised-tabular-project: 29 h left of 30 h." in r.stdout
    r = cli("log", "1", "-i", "supervised-tabular-project", "--json", today="2027-01-04")
    assert r.exit_code == 0, r.stderr
    assert '"item": "supervised-tabular-project"' in r.stdout


def test_an_impossible_finish_by_is_one_sentence_and_exit_2(cli: Any, isolated: Path) -> None:
    r = cli(
        "plan", "-r", "practical", "-l", "intermediate", "--start", "2027-01-04",
        "--finish-by", "2027-01-20", "--review-minutes", "0", today="2027-01-04",
    )  # fmt: skip
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith(
        "Error: Finishing by 2027-01-20 would take more than 100 h a week; "
        "the earliest finish reachable is 2027-01-31."
    )
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert not (isolated / "state.json").exists()


def test_log_item_by_title_asks_and_off_a_terminal_changes_nothing(
    cli: Any, isolated: Path
) -> None:
    """The one resolver: a title is not an id, so off a terminal `log --item` exits 2
    with the candidate and records nothing."""
    r = cli(
        "plan", "-r", "practical", "--start", "2027-01-04", "--review-minutes", "0",
        today="2027-01-04",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    before = (isolated / "state.json").read_bytes()
    r = cli("log", "1", "--item", "tabular data", today="2027-01-04")
    assert r.exit_code == 2
    assert "supervised-tabular-project" in r.stderr and "Traceback" not in r.stderr
    assert (isolated / "state.json").read_bytes() == before


@pytest.mark.parametrize("typer", ["", "1"])
def test_a_break_already_past_is_kept_and_warned_about(tmp_path: Path, typer: str) -> None:
    """A break wholly before the plan's start (plan) or before today (replan) changes
    nothing: accepted, with one warning line on stderr naming it; one that reaches the
    first day laid gets none. Both parsers."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "MLPATH_HOME": str(tmp_path / "home"),
        "MLPATH_CONFIG_DIR": str(tmp_path / "config"),
        "MLPATH_CACHE_DIR": str(tmp_path / "cache"),
        "MLPATH_TODAY": "2027-03-01",
        "MLPATH_NO_FASTPATH": typer,
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        got = subprocess.run(
            [sys.executable, "-m", "mlpath", *args], env=env, capture_output=True, text=True
        )
        assert got.returncode == 0, got.stderr
        return got

    made = run("plan", "-r", "practical", "-H", "10", "-s", "2027-02-22",
               "-b", "2027-01-01:2027-01-03", "-b", "2027-02-20:2027-02-23")  # fmt: skip
    said = [line for line in made.stderr.splitlines() if "break" in line]
    assert len(said) == 1
    assert "2027-01-01:2027-01-03" in said[0] and "changes nothing" in said[0]
    assert "2027-02-22" in said[0]  # before the start, which it names
    replanned = run("replan", "-b", "2027-02-01:2027-02-07", "-b", "2027-02-27:2027-03-02")
    said = [line for line in replanned.stderr.splitlines() if "break" in line]
    assert len(said) == 1
    assert "2027-02-01:2027-02-07" in said[0] and "already past" in said[0]
    assert "changes nothing" in said[0]
    state = (tmp_path / "home" / "state.json").read_text(encoding="utf-8")
    assert "2027-02-01" in state  # recorded all the same
