"""Deadlines inside a plan: `--deadline TARGET=DATE` and interview dates.

The usual plan at 14 h/week: the bundled `practical` roadmap, level
intermediate, every day from Mon 2027-01-04, no review time: 2 h a day. Phase 1
(foundations: three 30 h topics, no milestone) ends on day 44 (02-17) with 90 h;
phase 2 (120 h) with its milestone supervised-baseline on day 104 (04-18,
210 h); the plan on day 194 (07-17, 390 h). Day n is 2027-01-04 + n.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

from mlpath.core.deadlines import deadlines
from mlpath.core.ledger import Ledger, Log
from mlpath.core.progress import compute
from mlpath.core.schedule import Settings, build
from mlpath.store.catalog import resolve

START = date(2027, 1, 4)
PLAN = ("plan", "-r", "practical", "-l", "intermediate", "--hours", "14",
        "--start", "2027-01-04", "--review-minutes", "0")  # fmt: skip


def day(n: int) -> date:
    return START + timedelta(days=n)


def test_plan_warns_at_once_and_says_what_would_meet_it(cli: Any, isolated: Path) -> None:
    """supervised-baseline by 04-01 (day 87): the plan reaches it on 04-18, 17 days
    late. 210 h in 88 days need 210 / 88 x 7 = 16.70 h/week: 16.75 in quarter hours
    (16.5 lays only 207.4 h by then), shown as 16.8. Phase 1 by 03-01 is met (02-17)."""
    out = cli(*PLAN, "--deadline", "supervised-baseline=2027-04-01",
              "--deadline", "1=2027-03-01", today="2027-01-04")  # fmt: skip
    assert out.exit_code == 0
    assert (
        "Deadline supervised-baseline 2027-04-01: this plan reaches it on 2027-04-18, "
        "17 days late; 16.8 h/week would meet it."
    ) in " ".join(out.stderr.split())
    assert "foundations" not in out.stderr
    state = json.loads((isolated / "state.json").read_text())
    assert state["events"][-1]["plan"]["deadlines"] == {
        "foundations": "2027-03-01",
        "supervised-baseline": "2027-04-01",
    }


def test_a_target_is_named_as_done_names_an_item(cli: Any, isolated: Path) -> None:
    """`p2`, `phase 2` and a unique id prefix act as they do for `done`; a prefix of
    several ids lists them."""
    out = cli(*PLAN, "--deadline", "supervised-b=2027-04-01", "--deadline", "p1=2027-03-01",
              "--deadline", "phase 3=2027-06-01", today="2027-01-04")  # fmt: skip
    assert out.exit_code == 0, out.stderr
    state = json.loads((isolated / "state.json").read_text())
    assert state["events"][-1]["plan"]["deadlines"] == {
        "foundations": "2027-03-01",
        "supervised-baseline": "2027-04-01",
        "unsupervised-specialization": "2027-06-01",
    }
    several = cli(*PLAN, "--force", "--deadline", "s=2027-04-01", today="2027-01-04")
    assert several.exit_code == 2
    assert "statistics" in several.stderr and "supervised-baseline" in several.stderr


def test_next_status_and_exports_show_projection_and_margin(cli: Any, isolated: Path) -> None:
    """1.5 h a day on days 0-16; on day 17 (01-21) C = 25.5 h, L = 34 h: a speed of
    0.75. Foundations (90 h): 64.5 h left take 86 h of plan time from L = 34, so the
    plan's 120 h mark: day 59 = 03-04, 3 days after 03-01 (at risk).
    supervised-baseline (210 h): 184.5 / 0.75 = 246, the 280 h mark: day 139 =
    05-23, 52 days late. TSPI: PD 195 days, AT 17, behind by 5 so ES 12:
    183/178 = 1.028."""
    cli(*PLAN, "--deadline", "supervised-baseline=2027-04-01",
        "--deadline", "foundations=2027-03-01", today="2027-01-04")  # fmt: skip
    for n in range(17):
        cli("log", "1.5", today=day(n).isoformat())
    today = day(17).isoformat()
    exported = json.loads(cli("export", "json", today=today).stdout)
    assert exported["deadlines"] == [
        {"target": "foundations", "date": "2027-03-01", "projected": "2027-03-04",
         "margin_days": -3},
        {"target": "supervised-baseline", "date": "2027-04-01", "projected": "2027-05-23",
         "margin_days": -52},
    ]  # fmt: skip
    assert exported["tspi"] == 1.028
    shown = " ".join(cli("next", today=today).stdout.split())
    assert (
        "Deadline Foundations by Mon 01 Mar 2027: at risk, projected Thu 04 Mar 2027, 3 days late"
    ) in shown
    status = " ".join(cli("status", today=today).stdout.split())
    assert "deadline Foundations by Mon 01 Mar 2027" in status and "3 days late" in status
    ics = cli("export", "ics", today=today).stdout
    unfolded = ics.replace("\r\n ", "")
    assert "UID:practical-deadline-supervised-baseline@mlpath" in unfolded
    assert "DTSTART;VALUE=DATE:20270401" in unfolded


def test_a_deadline_met_says_so_and_replan_adds_one(cli: Any, isolated: Path) -> None:
    """Phase 1's three topics ticked on day 40 (02-13): done 16 days before 03-01.
    A replan adds a deadline for the plan's project by 06-01 and keeps the others."""
    cli(*PLAN, "--deadline", "1=2027-03-01", today="2027-01-04")
    cli("done", "python-libraries", "statistics", "linear-algebra", today=day(40).isoformat())
    v = json.loads(cli("next", "--json", today=day(40).isoformat()).stdout)
    (d,) = v["deadlines"]
    assert (d["done_on"], d["margin_days"]) == ("2027-02-13", 16)
    assert "done Sat 13 Feb 2027, in time" in cli("next", today=day(40).isoformat()).stdout
    cli("replan", "--deadline", "regression=2027-06-01", today=day(40).isoformat())
    v = json.loads(cli("next", "--json", today=day(40).isoformat()).stdout)
    assert [x["target"] for x in v["deadlines"]] == ["foundations", "regression"]


def test_a_bad_deadline_is_one_sentence(cli: Any, isolated: Path) -> None:
    out = cli(*PLAN, "--deadline", "nonsense=2027-03-01", today="2027-01-04")
    assert out.exit_code == 2
    assert "has no item or phase 'nonsense'" in out.stderr
    out = cli(*PLAN, "--deadline", "2027-03-01", today="2027-01-04")
    assert out.exit_code == 2
    assert "ITEM=DATE or PHASE=DATE" in out.stderr


def test_an_interview_is_a_deadline_on_the_whole_plan() -> None:
    """An interview on 07-10, a week before the plan's end (07-17): the learner on
    track (2 h a day, 20 h by day 10) is projected to finish on 07-17: 7 days late."""
    rm = resolve("practical")
    settings = Settings("intermediate", Fraction(14), START, interviews=(date(2027, 7, 10),))
    sched = build(rm, settings)
    led = Ledger()
    led.logs = [Log(day(n), Fraction(2), n + 1) for n in range(10)]
    (d,) = deadlines(compute(sched, led, day(10)))
    assert (d.target, d.planned, d.projected, d.margin_days) == (
        "interview",
        date(2027, 7, 17),
        date(2027, 7, 17),
        -7,
    )


def test_one_day_late_or_of_margin_is_said_in_the_singular(cli: Any, isolated: Path) -> None:
    """supervised-baseline is reached on 04-18 (as above): a deadline of 04-17 is 1 day
    late. After the 17 days of 1.5 h above, foundations is projected on 03-04: a deadline
    of 03-03 is 1 day late there, one of 03-05 leaves 1 day of margin."""
    out = cli(*PLAN, "--deadline", "supervised-baseline=2027-04-17", today="2027-01-04")
    assert "reaches it on 2027-04-18, 1 day late;" in " ".join(out.stderr.split())
    for deadline, said in (
        ("2027-03-03", "at risk, 1 day late."),
        ("2027-03-05", "1 day of margin."),
    ):
        cli(*PLAN, "--force", "--deadline", f"foundations={deadline}", today="2027-01-04")
        for n in range(17):
            cli("log", "1.5", today=day(n).isoformat())
        ics = cli("export", "ics", today=day(17).isoformat()).stdout
        text = re.sub(r"\r?\n ", "", ics).replace("\\,", ",")  # unfolded, unescaped
        assert f"At your pace: 2027-03-04, {said}" in text


def test_replan_says_the_hours_that_meet_a_deadline_without_what_was_skipped(
    cli: Any, isolated: Path
) -> None:
    """practical (beginner) at 15 h/week from 01-04: through supervised-baseline are
    phases 1 (180 h) and 2 (240 h). With statistics (60 h) skipped, 360 h are left
    before it; 01-04 to 05-01 is 118 days: 360 / 118 x 7 = 21.36 h/week, so 21.5 in
    quarter hours (21.25 lays 358.2 h by then; 21.5 lays 362.4, room for the reviews
    the items finished by then bring). Laying statistics again would ask 25."""
    cli("plan", "-r", "practical", "--hours", "15", "--start", "2027-01-04", today="2027-01-04")
    assert cli("skip", "statistics", today="2027-01-04").exit_code == 0
    out = cli("replan", "--deadline", "supervised-baseline=2027-05-01", today="2027-01-04")
    assert out.exit_code == 0
    assert "; 21.5 h/week would meet it." in " ".join(out.stderr.split())


def test_a_deadline_the_plans_own_reviews_make_it_miss_is_warned(cli: Any, isolated: Path) -> None:
    """practical (beginner) at 24.75 h/week from 01-04: the 420 h through
    supervised-baseline fill day 119 (05-02; 24.75 x 119 / 7 = 420.75 h), so the table
    shows it due on 05-02. The items finished by then bring reviews (5 min each), more
    than the 0.75 h left that day: a learner who follows the plan (each item ticked on
    its day, each review answered "good") reaches it on 05-03 (played day by day through
    the CLI). 25 h/week lays 421.4 h by 05-01: the figure the warning gives at 24.5."""
    plan = ("plan", "-r", "practical", "--start", "2027-01-04", "--dry-run",
            "--deadline", "supervised-baseline=2027-05-02")  # fmt: skip
    out = cli(*plan, "--hours", "24.75", today="2027-01-04")
    said = " ".join(out.stderr.split())
    assert "Deadline supervised-baseline 2027-05-02:" in said
    assert "reaches it on 2027-05-03, 1 day late; 25 h/week would meet it." in said
    assert "with the reviews its items will bring" in said
    assert "Deadline" not in cli(*plan, "--hours", "25", today="2027-01-04").stderr
