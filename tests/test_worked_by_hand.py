"""Dates and figures worked out by hand from PRODUCT.md, on the cases where mlpath once
disagreed: one test per case, the expected figures worked out in comments.

The usual plan: the bundled `practical` roadmap (phases of 6, 8, 6 and 6 weeks at its
nominal 15 h/week: 390 h) at level intermediate, 14 h/week every day (2 h a day), from
Monday 2027-01-04, no review time: 390 / 2 = 195 days, so the plan finishes on
2027-01-04 + 194 = 2027-07-17.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clirun import Cli


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def plan_practical(
    cli: Cli, *extra: str, start: str = "2027-01-04", review_minutes: str = "0", today: str = ""
) -> None:
    ok(
        cli(
            "plan", "-r", "practical", "-l", "intermediate", "-H", "14", "--start", start,
            "--review-minutes", review_minutes, *extra, today=today or start,
        )
    )  # fmt: skip


def next_json(cli: Cli, today: str) -> Any:
    return json.loads(ok(cli("next", "--json", today=today)).stdout)


# --- the projected finish of a learner who logs today's hours -----------------------------


def test_logging_the_days_hours_keeps_the_projection_on_the_planned_finish(cli: Cli) -> None:
    # "The projected finish keeps the speed shown since the plan was laid." A learner who
    # logs the planned 2 h every day studies at the plan's speed: after each day's log
    # (today's share done) and the next morning alike, the projection is the planned
    # finish, 2027-07-17, and the foundations deadline (phase 1's 90 h: day 45,
    # 2027-02-17) is projected on its planned day. Logging today's hours once moved
    # the projection to 07-16, then 04-11, 05-13: today's hours counted, today not.
    plan_practical(cli, "--deadline", "foundations=2027-03-01")
    for n in range(4, 9):
        today = f"2027-01-{n:02d}"
        for moment in ("morning", "evening"):
            if moment == "evening":
                ok(cli("log", "2", today=today))
            v = next_json(cli, today)
            assert v["pace"]["status"] == "on-track", (today, moment)
            assert v["pace"]["projected_finish"] == "2027-07-17", (today, moment)
            (deadline,) = v["deadlines"]
            assert deadline["planned"] == "2027-02-17"
            assert deadline["projected"] == "2027-02-17", (today, moment)
    status = ok(cli("status", today="2027-01-08")).stdout
    assert "projected finish 17 Jul 2027" in status


def test_the_finish_range_of_a_learner_on_the_plans_speed_is_the_planned_finish(
    cli: Cli,
) -> None:
    # The range is the finish at the slowest and fastest of the last four full weeks.
    # 2 h logged every day from 01-04 to 02-01: every week went at the plan's speed, so
    # after 02-01's log both ends are the planned 2027-07-17 (not 07-16: today's hours
    # counted as done and today's share of the calendar as still to come).
    plan_practical(cli)
    for n in range(29):
        ok(cli("log", "2", "--on", f"-{n}d", today="2027-02-01"))
    v = next_json(cli, "2027-02-01")
    assert v["pace"]["status"] == "on-track"
    assert v["pace"]["finish_range"] == {"slowest": "2027-07-17", "fastest": "2027-07-17"}


# --- a replan keeps the calendar's past weeks --------------------------------------------


def test_a_replan_keeps_the_past_weeks_in_the_calendar(cli: Cli) -> None:
    # "Past days keep their past: what the plan laid on days before today is never
    # rewritten by a later replan." Weeks 1 and 2 (01-04..01-17) ended before the replan
    # of Wed 2027-01-20 (week 3): the calendar keeps them as they were laid, 14 h of
    # python-libraries each (its 30 h end on day 15, 01-18), confirmed. They went out
    # as "no longer in your plan", STATUS:CANCELLED, so calendars dropped them.
    from icalendar import Calendar

    plan_practical(cli)
    ok(cli("replan", "-H", "10", today="2027-01-20"))
    cal = Calendar.from_ical(ok(cli("export", "ics", today="2027-01-20")).stdout)
    weeks = {str(ev["uid"]): ev for ev in cal.walk("VEVENT") if "-week-" in str(ev["uid"])}
    for n in (1, 2):
        ev = weeks[f"practical-week-{n}@mlpath"]
        assert str(ev["status"]) == "CONFIRMED", n
        assert str(ev["summary"]) == f"mlpath week {n}: Python libraries"
        assert "Study 14 h this week" in str(ev["description"])
    assert str(weeks["practical-week-3@mlpath"]["status"]) == "CONFIRMED"


# --- a day already gone, typed as a weekday or without its year ----------------------------


def test_on_a_weekday_or_a_yearless_date_is_a_day_already_gone(cli: Cli, isolated: Path) -> None:
    # Saturday 2027-07-10. What was done happened today or before, so `--on friday` is
    # the day before, 07-09 (not the coming Friday, 07-16, refused as "in the future"),
    # and `--on saturday` is today. `did --on "Jan 5"` is 2027-01-05: the nearest
    # 5 January to today would be 2028-01-05 (179 days ahead, against 186 back), which
    # `did` refused though `log` took the same words.
    ok(cli("plan", "-r", "complete", "-l", "intermediate", "-H", "25", "--start",
           "2027-01-04", today="2027-01-04"))  # fmt: skip
    today = "2027-07-10"
    ok(cli("log", "1", "--on", "friday", today=today))
    ok(cli("log", "2", "--on", "saturday", today=today))
    ok(cli("did", "arxiv-titles", "--on", "Jan 5", today=today))
    ok(cli("did", "arxiv-titles", "--on", "Friday", today=today))
    data = json.loads(ok(cli("export", "json", today=today)).stdout)
    assert [(g["on"], g["hours"]) for g in data["logs"]] == [
        ("2027-07-09", 1),
        ("2027-07-10", 2),
    ]
    state = json.loads((isolated / "state.json").read_text(encoding="utf-8"))
    did = [(e["habit"], e["on"]) for e in state["events"] if e["type"] == "did"]
    assert did == [("arxiv-titles", "2027-01-05"), ("arxiv-titles", "2027-07-09")]
    # the future is still refused: `next friday` is 07-16
    refused = cli("log", "1", "--on", "next friday", today=today)
    assert refused.exit_code == 2 and "2027-07-16 is in the future" in refused.stderr


# --- a projection too slow to show is not "nothing done" -----------------------------------


def test_a_slow_learner_is_not_told_nothing_was_done(cli: Cli) -> None:
    # 30 min logged on day one, nothing since. On 01-20 the plan has laid 16 x 2 = 32 h:
    # at 0.5 h per 32 h the other 389.5 h take 24,928 h of the calendar, past the
    # projection's bound, so no date is shown; but the learner did log, and "no
    # progress yet" / "none yet, nothing done" said otherwise.
    # The same for a deadline on the whole plan (phase 4, `production`): at risk.
    plan_practical(cli, "--deadline", "production=2027-08-01")
    ok(cli("log", "30m", today="2027-01-04"))
    nxt = ok(cli("next", today="2027-01-20")).stdout
    assert "behind by 16 days" in nxt
    assert "no progress yet" not in nxt and "no finish in sight at this pace" in nxt
    assert "Production and Deployment by Sun 01 Aug 2027: at risk, not in sight" in nxt
    status = ok(cli("status", today="2027-01-20")).stdout
    assert "nothing done" not in status and "none in sight at this pace" in status
    assert "no progress yet" not in status


def test_no_projected_date_past_2999(cli: Cli) -> None:
    # Every date mlpath writes is in 1900-2999. From 2999-01-04 (finish 2999-07-17),
    # python-libraries (30 h) done on 06-01, nothing else: on 2999-12-31 the speed,
    # 30 h over 390 h and the 167 days since the finish, puts the finish centuries on.
    ok(cli("plan", "-r", "practical", "-l", "intermediate", "-H", "14", "--start",
           "2999-01-04", "--review-minutes", "0", today="2999-01-04"))  # fmt: skip
    ok(cli("done", "python-libraries", "--on", "2999-06-01", today="2999-06-01"))
    pace = next_json(cli, "2999-12-31")["pace"]
    assert pace["status"] == "behind"
    assert pace["projected_finish"] is None
    shown = [pace["planned_finish"], *pace["finish_range"].values()]
    assert all(d is None or d <= "2999-12-31" for d in shown)


def test_no_date_past_2999_in_any_output(cli: Cli, isolated: Path) -> None:
    # The same plan at 30 h/week (finish 2999-04-11), with reviews: on 2999-12-31 the
    # week it falls in ends on 3000-01-02, and a review forecast runs 8 weeks on.
    ok(cli("plan", "-r", "practical", "-H", "30", "--start", "2999-01-04",
           today="2999-01-04"))  # fmt: skip
    ok(cli("done", "python-libraries", "--on", "2999-06-01", today="2999-06-01"))
    day = "2999-12-31"
    site = isolated / "site"
    outputs = [
        ok(cli(*args, today=day)).stdout
        for args in (
            ("status", "--json"),
            ("next", "--json"),
            ("export", "json"),
            ("export", "markdown"),
            ("export", "ics"),
            ("publish", str(site)),
        )
    ]
    outputs += [f.read_text(encoding="utf-8") for f in sorted(site.iterdir())]
    import re

    dated = r"(?<![\d.])([1-9]\d{3})-[01]\d-[0-3]\d"
    years = [{int(y) for y in re.findall(dated, text)} for text in outputs]
    assert all(years[:5])  # the JSON, Markdown and calendar each show dates
    assert max(max(y, default=0) for y in years) == 2999


# --- a catch-up that would run past the planned finish --------------------------------------


def test_a_catch_up_longer_than_the_plan_has_left_is_refused(cli: Cli) -> None:
    # Phases 1-3 done (300 h), nothing of phase 4: on 2027-07-10 the plan has laid
    # 187 x 2 = 374 h, a deficit of 74 h, and finishes on 07-17, 8 days on. "Keep the
    # planned finish and spread the deficit over WEEKS weeks": 2 weeks (to 07-23) cannot
    # keep a finish on 07-17. It was laid anyway and said "over 2 weeks (weeks 27-29):
    # ... to Fri 23 Jul 2027, then 14 h/week again", past the finish it kept.
    plan_practical(cli)
    for phase in ("1", "2", "3"):
        ok(cli("done", phase, today="2027-07-10"))
    refused = cli("replan", "--catch-up", "2", today="2027-07-10")
    assert refused.exit_code == 2, refused.stdout
    assert "Sat 17 Jul 2027" in refused.stderr and "--catch-up 1" in refused.stderr
    # one week (07-10..07-16) fits: 74 h more, 88 h/week, the finish kept
    done = json.loads(ok(cli("replan", "--catch-up", "1", "--json", today="2027-07-10")).stdout)
    assert done["catch_up"]["hours_per_week"] == 88
    assert done["catch_up"]["until"] == "2027-07-16"


# --- the pace it takes, for a head start before the plan's first day -----------------------


def test_the_required_pace_before_the_start_counts_only_the_plans_study_days(cli: Cli) -> None:
    # A plan from Monday 2027-01-11 (2 h a day, 390 h: 195 days, to 2027-07-24); on
    # Thursday 01-07 the learner logs a 5 h head start, so C = 5 > L(01-08) = 0: ahead.
    # "The hours per week that finish on the planned date": the plan lays nothing
    # before its first day, so its study days left are 01-11..07-24 = 195, not the 199
    # from today: (390 - 5) x 7 / 195 = 13.82 -> 14 h/week in quarter hours. Counting
    # the four days before the start gave 385 x 7 / 199 = 13.54 -> 13.75, which does
    # not finish by 07-24 on the plan's calendar (13.75 / 7 x 195 = 383 h < 385 h).
    plan_practical(cli, start="2027-01-11", today="2027-01-07")
    ok(cli("log", "5", today="2027-01-07"))
    v = next_json(cli, "2027-01-07")
    assert v["pace"]["status"] == "ahead"
    assert v["pace"]["planned_finish"] == "2027-07-24"
    assert v["pace"]["required_hours_per_week"] == 14
    text = ok(cli("next", today="2027-01-07")).stdout
    assert "14 h/week from today finishes on Sat 24 Jul 2027" in text
    status = ok(cli("status", today="2027-01-07")).stdout
    assert "14 h/week from today finishes on Sat 24 Jul 2027" in status


# --- every hour in, items still to tick ------------------------------------------------------


def test_logging_the_last_hours_does_not_move_the_projection_later(cli: Cli) -> None:
    # 24 h logged on each of 01-04..01-19 (384 h) and 6 h on 01-20: all 390 h are
    # credited, nothing is ticked. On 01-30, L(01-30) = 26 x 2 = 52 h. At 384 h the rest
    # (6 h) at the speed shown (384 / 52) takes 6 x 52 / 384 = 0.81 h of the calendar:
    # today, 01-30. With nothing left but ticking, the finish at that speed is today as
    # well, as the deadline on the whole phase says; it was the planned finish, 07-17,
    # 168 days later for logging more.
    plan_practical(cli, "--deadline", "4=2027-06-30")
    for n in range(4, 20):
        ok(cli("log", "24", "--on", f"2027-01-{n:02d}", today="2027-01-30"))
    before = next_json(cli, "2027-01-30")["pace"]
    assert before["projected_finish"] == "2027-01-30"
    ok(cli("log", "6", "--on", "2027-01-20", today="2027-01-30"))
    v = next_json(cli, "2027-01-30")
    assert v["pace"]["credited_hours"] == 390
    assert v["pace"]["projected_finish"] == "2027-01-30"
    assert v["pace"]["finish_range"] == {"slowest": "2027-01-30", "fastest": "2027-01-30"}
    (deadline,) = v["deadlines"]
    assert deadline["projected"] == "2027-01-30"
    assert "projected finish 30 Jan 2027" in ok(cli("status", today="2027-01-30")).stdout


# --- study time held against the time the plan laid, reviews included ----------------------


def test_the_weeks_planned_time_counts_its_reviews_as_this_weeks_target_does(cli: Cli) -> None:
    # practical, 14 h/week every day (2 h a day), 5 min reviews, from 2027-01-04.
    # python-libraries ticked on 01-04: its first review falls two days later, on 01-06,
    # and takes 5 min of that day's 2 h. The learner logs the 2 h of each day of week 1
    # (logs cover the day's reviews first), so week 1 had 14 h planned (13 h 55 of new
    # work and 5 min of review) and 14 h logged. On 01-11 (week 2): week 1 is met with
    # 14 of 14 h, and 14 h are planned to date against 14 h logged, as this week's target
    # (14 h) counts its reviews too. Week 1 read 13.9 h planned, and "14 h logged, 13.9 h
    # planned to date" said the learner had logged more than the plan.
    plan_practical(cli, review_minutes="5")
    ok(cli("done", "python-libraries", today="2027-01-04"))
    for n in range(4, 11):
        ok(cli("log", "2", "--on", f"2027-01-{n:02d}", today="2027-01-11"))
    study = json.loads(ok(cli("status", "--json", today="2027-01-11")).stdout)["study"]
    week1 = study["weeks"][0]
    assert (week1["planned"], week1["logged"], week1["met"]) == (14, 14, True)
    assert (study["total_logged"], study["planned_to_date"]) == (14, 14)
    text = ok(cli("status", today="2027-01-11")).stdout
    assert "total 14 h logged, 14 h planned to date" in text
