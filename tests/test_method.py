"""Studying the way the documents say (issue 22): theory and practice against
complete's target, practical's project rule, complete's habits, and the reminder on
ticking a phase's proof, as simulated learners meet them through the real CLI.

Plans and figures, by hand:
- complete at 14 h/week from Mon 2027-01-04, every day: 2 h a study day. Phase 0
  (40 h) runs 2027-01-04..01-23, Phase 1 (exempt: "Mathematics is theory") from
  01-24. The FAQ's target for Phases 0, 2, 3 is 70% practice: 0.7 x 2 h = 1.4 h a day.
  The warning looks at the 14 days before today, once they all lie in the plan: the
  first day it can show is 2027-01-18 (day 15).
- practical at 15 h/week from 2027-01-04 (beginner: the longer end): Phase 1 is due
  2027-03-28, so its project warning starts 7 days before, on 2027-03-21.
- The interview habit: six weeks before 2027-03-01 is 2027-01-18..2027-02-28.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import pytest

from clirun import Cli

START = date(2027, 1, 4)


def day(n: int) -> str:
    """Day n of the plan (day 1 = the start)."""
    return (START + timedelta(days=n - 1)).isoformat()


def ok(r: Any) -> Any:
    assert r.exit_code == 0, r.output
    return r


def flat(text: str) -> str:
    """Screen text with its wrapping undone (the checks are about words, not layout)."""
    return " ".join(text.split())


def next_json(cli: Cli, today: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(cli("next", "--json", today=today)).stdout)
    return data


def plan(cli: Cli, roadmap: str, hours: str, *extra: str) -> None:
    ok(cli("plan", "-r", roadmap, "--hours", hours, "--start", START.isoformat(), *extra,
           today=START.isoformat()))  # fmt: skip


def test_a_learner_who_only_logs_theory_is_warned_by_day_15(cli: Cli) -> None:
    plan(cli, "complete", "14")
    warned_on = None
    for n in range(1, 16):
        ok(cli("log", "2", "--theory", today=day(n)))
        m = next_json(cli, day(n))["method"]
        if m["practice_low"] and warned_on is None:
            warned_on = n
    assert warned_on == 15  # the first day 14 whole days of the plan lie behind
    text = flat(ok(cli("next", today=day(15), env={"COLUMNS": "60"})).stdout)
    assert "Practice is below the target: 0 h of 19.6 h over the last 14 days" in text
    # 19.6 h = 0.7 x 28 h (days 1-14)
    split = json.loads(ok(cli("status", "--json", today=day(15))).stdout)["theory_practice"]
    assert (split["theory_hours"], split["practice_hours"]) == (30, 0)
    assert split["target_practice_share"] == 0.7
    assert split["phases"][0]["target_practice_share"] == 0.7
    dash = flat(ok(cli("status", "--width", "60", today=day(15))).stdout)
    assert "0 h practice, 30 h theory (0% practice); target 70%" in dash
    assert "phase 0: 0% practice (target 70%)" in dash


def test_a_learner_who_follows_the_plan_its_habits_and_the_target_is_never_warned(
    cli: Cli,
) -> None:
    plan(cli, "complete", "14")
    for n in range(1, 31):  # into Phase 1 (exempt) from day 21
        v = next_json(cli, day(n))
        m = v["method"]
        assert m["practice_low"] is None and m["avoidance"] is None, day(n)
        planned = Fraction(str(v["day"]["hours"])) * 60  # minutes
        habits = 0
        for h in m["habits"]:
            if h["per"] == "day":
                ok(cli("did", h["id"], today=day(n)))
                habits += h["count"] * h["minutes"]
        target = m["practice_target"]
        practice = round(Fraction(str(target["hours"])) * 60) if target else 0
        theory = planned - habits - practice
        if practice:
            ok(cli("log", f"{practice}m", "--practice", today=day(n)))
        if theory > 0:
            ok(cli("log", f"{theory}m", "--theory", today=day(n)))
    assert m["habits"][0]["id"] == "arxiv-titles"
    split = json.loads(ok(cli("status", "--json", today=day(30))).stdout)["theory_practice"]
    phase0 = next(p for p in split["phases"] if p["phase"] == 0)
    assert phase0["practice_share"] >= 0.7


def test_log_and_start_marks_override_the_kind(cli: Cli) -> None:
    plan(cli, "complete", "14")
    # a topic is theory by default; the csv project practice
    ok(cli("log", "1", "--item", "math-check", today=day(1)))
    ok(cli("log", "1", "--item", "math-check", "--practice", today=day(1)))
    ok(cli("log", "0.5", "--item", "csv-stats-assessment", today=day(1)))
    split = json.loads(ok(cli("status", "--json", today=day(1))).stdout)["theory_practice"]
    assert (split["theory_hours"], split["practice_hours"]) == (1, 1.5)
    assert split["weeks"] == [
        {"week": 1, "theory_hours": 1, "practice_hours": 1.5, "practice_share": 0.6}
    ]


def test_next_shows_todays_practice_target_in_hours(cli: Cli) -> None:
    plan(cli, "complete", "14")
    assert next_json(cli, day(1))["method"]["practice_target"] == {"share": 0.7, "hours": 1.4}
    assert "Practice today 1.4 h of your time (70%)" in ok(cli("next", today=day(1))).stdout
    # Phase 1 is exempt ("Mathematics is theory"): no target while studying it
    ok(cli("done", "0", "--on", "2027-01-23", today="2027-02-15"))
    assert next_json(cli, "2027-02-15")["method"]["practice_target"] is None


def test_practical_warns_a_week_before_a_phase_ends_without_practice(cli: Cli) -> None:
    plan(cli, "practical", "15")
    ok(cli("log", "2", "--theory", today="2027-03-20"))
    assert next_json(cli, "2027-03-20")["method"]["avoidance"] is None
    first = flat(ok(cli("next", today="2027-03-21", env={"COLUMNS": "60"})).stdout)
    assert "“What slows learners down most isn't difficulty — it's project" in first
    assert "Phase 1 ends in 7 days with no practice time" in first
    second = ok(cli("next", today="2027-03-22")).stdout
    assert "project avoidance" not in second  # the quote once, one line after
    assert "Phase 1 ends in 6 days with no practice time" in second
    ok(cli("log", "1", "--practice", today="2027-03-22"))
    assert next_json(cli, "2027-03-22")["method"]["avoidance"] is None


def test_beginner_shows_the_projects_tip_beside_the_split_and_never_warns(cli: Cli) -> None:
    plan(cli, "beginner", "15")
    ok(cli("log", "2", "--theory", today="2027-03-05"))
    assert next_json(cli, "2027-03-05")["method"]["avoidance"] is None
    split = json.loads(ok(cli("status", "--json", today="2027-03-05")).stdout)
    assert split["theory_practice"]["tip"] == "Focus on projects over passive learning"
    assert split["theory_practice"]["target_practice_share"] is None
    assert (
        "Tip: “Focus on projects over passive learning”"
        in ok(cli("status", today="2027-03-05")).stdout
    )


def test_habits_follow_the_phase_the_interview_and_the_opt_out(cli: Cli) -> None:
    plan(cli, "complete", "14", "--interview", "2027-03-01", "--no-habit", "arxiv-titles")
    ids = [h["id"] for h in next_json(cli, "2027-01-17")["method"]["habits"]]
    assert ids == []  # arXiv opted out; the interview window opens on 01-18
    shown = next_json(cli, "2027-01-18")["method"]
    assert [h["id"] for h in shown["habits"]] == ["leetcode-mediums"]
    assert shown["interviews"] == [{"date": "2027-03-01", "days_left": 42}]
    assert [h["id"] for h in next_json(cli, "2027-03-01")["method"]["habits"]] == []
    ok(cli("replan", "--no-habit", "none", today="2027-01-18"))
    assert "arxiv-titles" in [h["id"] for h in next_json(cli, "2027-01-18")["method"]["habits"]]
    r = cli("replan", "--no-habit", "yoga", today="2027-01-18")
    assert r.exit_code == 2 and "has no such habit" in r.output


def test_papers_run_in_phase_5_and_did_counts_them_for_the_week(cli: Cli) -> None:
    plan(cli, "complete", "14")
    five = next(
        p for p in json.loads(ok(cli("plan", "--dry-run", "--json", "-r", "complete",
                                     "--hours", "14", "--start", "2027-01-04")).stdout)["phases"]
        if p["number"] == 5
    )  # fmt: skip
    first = five["start"]
    papers = [h for h in next_json(cli, first)["method"]["habits"] if h["per"] == "week"]
    assert papers and papers[0]["id"] == "foundational-papers" and papers[0]["done"] == 0
    r = ok(cli("did", "foundational", "--json", today=first))  # a unique prefix will do
    assert json.loads(r.stdout)["did"] == {
        "habit": "foundational-papers",
        "count": 1,
        "minutes": 120,
        "on": first,
    }
    text = ok(cli("next", today=first)).stdout
    assert "this week: 1 of 2–3" in text
    ok(cli("undo", today=first))
    assert "this week: 0 of 2–3" in ok(cli("next", today=first)).stdout
    # a habit's time is study time, never credited effort
    ok(cli("did", "arxiv-titles", "3", today=first))
    status = json.loads(ok(cli("status", "--json", today=first)).stdout)
    assert status["overall"]["credited_hours"] == 0
    arxiv = next(h for h in status["habits"] if h["id"] == "arxiv-titles")
    assert arxiv["streak"] == 1 and arxiv["weeks"][-1]["count"] == 3


def test_did_refuses_what_is_not_a_habit(cli: Cli) -> None:
    plan(cli, "practical", "15")
    r = cli("did", "arxiv-titles", today=day(1))
    assert r.exit_code == 2 and "states no habits" in r.output
    plan(cli, "complete", "14", "--force")
    for bad in ("0", "two"):
        r = cli("did", "arxiv-titles", bad, today=day(1))
        assert r.exit_code == 2 and "not a number of times" in r.output


def test_a_timed_habit_is_recorded_as_did(cli: Cli) -> None:
    plan(cli, "complete", "14")
    ok(cli("start", "arxiv-titles", env={"MLPATH_NOW": "2027-01-04T08:00"}))
    ok(cli("stop", env={"MLPATH_NOW": "2027-01-04T08:07"}))
    status = json.loads(ok(cli("status", "--json", today=day(1))).stdout)
    assert status["study"]["total_logged"] == 0  # not logged again
    assert status["theory_practice"]["theory_hours"] == pytest.approx(7 / 60)


def test_ticking_a_phases_proof_without_practice_reminds_of_evidence_once(cli: Cli) -> None:
    plan(cli, "beginner", "15")
    r = ok(cli("done", "classical-models-benchmarked", today="2027-03-10"))
    assert "No practice time is logged for classical-models-benchmarked" in r.stdout
    assert "--evidence URL|PATH" in r.stdout
    again = ok(cli("done", "classical-models-benchmarked", today="2027-03-10"))
    assert "No practice time" not in again.stdout
    ok(cli("log", "3", "--practice", today="2027-03-11"))  # credited in phase 2
    r = ok(cli("done", "cnn-image-classifier", today="2027-03-12"))
    assert "No practice time" not in r.stdout


def test_next_line_fits_60_columns(cli: Cli) -> None:
    plan(cli, "complete", "14")
    line = ok(cli("next", "--line", today=day(1))).stdout
    assert line == "next programming-fundamentals · 2 h left · on track\n"
    ok(cli("log", "0.5", today=day(1)))
    assert "1.5 h left" in ok(cli("next", "--line", today=day(1))).stdout
    ok(cli("start", "csv-stats-assessment", env={"MLPATH_NOW": "2027-01-04T09:00"}))
    timed = ok(cli("next", "--line", env={"MLPATH_NOW": "2027-01-04T10:05"})).stdout
    assert timed.startswith("timer 1h05 csv-stats-assessment · ")
    # left running past the cap (4 h): the line says only the cap will count
    over = ok(cli("next", "--line", env={"MLPATH_NOW": "2027-01-04T23:30"})).stdout
    assert over.startswith("timer 14h30 (cap 4h) csv-stats-"), over
    for text in (line, timed, over):
        assert len(text.rstrip("\n")) <= 60


def test_next_line_says_which_way_the_pace_is(cli: Cli) -> None:
    plan(cli, "complete", "14")
    # nothing done by day 8: the plan laid new work on each of days 1-7 (2 h a day less
    # the arXiv habit's 5 min), so the latest day with L(d) <= 0 is day 1: behind 7 days
    line = ok(cli("next", "--line", today=day(8))).stdout
    assert line.endswith(" · behind 7d\n"), line


@pytest.mark.parametrize("width", [60, 80])
def test_the_methods_screens_fit_the_width_and_wrap_between_words(cli: Cli, width: int) -> None:
    """Each line fits (a single word wider than the line aside), and the words, in
    order, are those printed 400 columns wide: wrapping only moves spaces."""
    plan(cli, "complete", "14", "--interview", "2027-03-01")
    for n in range(1, 15):
        ok(cli("log", "2", "--theory", today=day(n)))
    ok(cli("start", "programming-fundamentals", env={"MLPATH_NOW": "2027-01-18T09:00"}))
    runs: list[tuple[tuple[str, ...], dict[str, str]]] = [
        (("next",), {"MLPATH_NOW": "2027-01-18T14:30"}),  # past the cap, the warnings
        (("status", "--width", str(width)), {"MLPATH_NOW": "2027-01-18T14:30"}),
        (("did", "arxiv-titles"), {"MLPATH_NOW": "2027-01-18T14:30"}),
        (("stop",), {"MLPATH_NOW": "2027-01-19T08:00"}),
        (("next",), {"MLPATH_NOW": "2027-01-19T08:05"}),  # the cap, the morning after
        (("start", "math-check", "--theory"), {"MLPATH_NOW": "2027-01-19T09:00"}),
        (("start", "arxiv-titles"), {"MLPATH_NOW": "2027-01-19T09:30"}),
        (("cancel",), {"MLPATH_NOW": "2027-01-19T09:35"}),
    ]
    for args, env in runs:
        narrow = ok(cli(*args, env={**env, "COLUMNS": str(width)})).stdout
        for line in narrow.splitlines():
            assert len(line) <= width or " " not in line.strip(), (args, line)
        if args[0] == "next":
            wide = ok(cli(*args, env={**env, "COLUMNS": "400"})).stdout
            assert narrow.split() == wide.split(), args
        elif args[0] == "status":  # the dashboard's own section (its bars are laid out)
            wide = ok(cli("status", "--width", "400", env=env)).stdout
            mine = narrow[narrow.index("Timer running") :]
            assert mine.split() == wide[wide.index("Timer running") :].split()


def test_a_habit_title_from_a_users_roadmap_is_shown_escaped(cli: Cli, tmp_path: Any) -> None:
    from pathlib import Path

    src = (Path(__file__).parent.parent / "data" / "roadmaps" / "complete.yaml").read_text(
        encoding="utf-8"
    )
    hostile = src.replace("id: complete\n", "id: mine\n", 1).replace(
        "title: Skim the arXiv cs.LG and cs.AI titles",
        'title: "Skim \\x1b]52;c;AAAA\\x07 titles"',
    )
    path = tmp_path / "mine.yaml"
    path.write_text(hostile, encoding="utf-8")
    ok(cli("plan", "-r", str(path), "--hours", "14", "--start", START.isoformat(),
           today=START.isoformat()))  # fmt: skip
    ok(cli("start", "arxiv-titles", env={"MLPATH_NOW": "2027-01-04T08:00"}))
    for args in (("next",), ("status",), ("next", "--line")):
        out = ok(cli(*args, env={"MLPATH_NOW": "2027-01-04T08:10"})).stdout
        assert "\x1b]" not in out and "\x07" not in out, args
    assert "Skim \\x1b]52;c;AAAA\\x07 titles" in ok(cli("next", today=day(1))).stdout


def test_the_project_warning_for_a_phase_past_its_end_says_it_is_overdue(cli: Cli) -> None:
    """Phase 1 is due 2027-03-28; on 03-30, still with no practice, the line says the
    phase is two days overdue (it read "Phase 1 ends overdue by 2 days")."""
    plan(cli, "practical", "15")
    ok(cli("log", "2", "--theory", today="2027-03-20"))
    assert next_json(cli, "2027-03-30")["method"]["avoidance"]["days_left"] == -2
    shown = flat(ok(cli("next", today="2027-03-30")).stdout)
    assert "Phase 1 is 2 days overdue with no practice time" in shown
    assert "ends overdue" not in shown


def test_a_replan_after_finished_phases_lays_the_papers_habit_from_its_first_day(
    cli: Cli,
) -> None:
    """Phases 0-4 ticked on 2027-01-11 and the plan re-laid that day: Phase 5 (the
    specialisation phase) is studied from 01-11, so its two papers a week (240 min
    over 7 days) and the arXiv skim (5 min) take 5 + 240/7 min of each day from that
    day on. The first day laid no paper time (the finished phases' ends came first)."""
    plan(cli, "complete", "14")
    ok(cli("done", "0", "1", "2", "3", "4", today="2027-01-11"))
    ok(cli("replan", today="2027-01-11"))
    each = float(Fraction(5 * 7 + 240, 7 * 60))
    for today in ("2027-01-11", "2027-01-12"):
        shown = next_json(cli, today)
        assert shown["day"]["habits"] == pytest.approx(each), today
        assert [h["id"] for h in shown["method"]["habits"]] == [
            "foundational-papers",
            "arxiv-titles",
        ]


def test_the_dashboards_shares_round_once_so_its_lines_agree(cli: Cli) -> None:
    # 5 h practice and 6 h theory are 45.45% practice: 45% in total, in the week and in
    # the phase (the view's share, kept to 3 decimals as 0.455, must not round again to 46%)
    plan(cli, "complete", "14")
    ok(cli("log", "5", "--practice", today=day(1)))
    ok(cli("log", "6", "--theory", today=day(1)))
    dash = flat(ok(cli("status", "--width", "80", today=day(2))).stdout)
    assert "5 h practice, 6 h theory (45% practice)" in dash
    assert "week 1: 5 h practice, 6 h theory (45%)" in dash
    assert "phase 0: 45% practice (target 70%)" in dash


def test_a_day_holds_24_h_of_study_habits_included(cli: Cli) -> None:
    # `did` time is study time (it is in the split): a day's logs, timer sessions and
    # habits together hold 24 h, whichever command records the hour past it
    plan(cli, "complete", "14")
    ok(cli("did", "arxiv-titles", "200", today=day(1)))  # 16 h 40 min
    assert cli("did", "arxiv-titles", "100", today=day(1)).exit_code == 2  # 25 h
    assert cli("log", "8", today=day(1)).exit_code == 2  # 24 h 40 min
    ok(cli("log", "7", today=day(1)))  # 23 h 40 min
    ok(cli("start", env={"MLPATH_NOW": f"{day(1)}T23:00"}))
    assert cli("stop", env={"MLPATH_NOW": f"{day(1)}T23:30"}).exit_code == 2  # 24 h 10 min
    ok(cli("stop", env={"MLPATH_NOW": f"{day(1)}T23:20"}))  # 24 h
    split = json.loads(ok(cli("status", "--json", today=day(2))).stdout)["theory_practice"]
    assert split["theory_hours"] + split["practice_hours"] == 24


def test_a_timed_habit_keeps_to_the_days_24_h(cli: Cli) -> None:
    plan(cli, "complete", "14")
    ok(cli("log", "23", today=day(1)))
    ok(cli("start", "arxiv-titles", env={"MLPATH_NOW": f"{day(1)}T10:00"}))
    assert cli("stop", env={"MLPATH_NOW": f"{day(1)}T11:30"}).exit_code == 2  # 24.5 h
    ok(cli("stop", env={"MLPATH_NOW": f"{day(1)}T11:00"}))  # 24 h
    split = json.loads(ok(cli("status", "--json", today=day(2))).stdout)["theory_practice"]
    assert split["theory_hours"] + split["practice_hours"] == 24


def test_a_replan_keeps_what_past_minutes_were(cli: Cli) -> None:
    # At level intermediate Phase 0's three topics take 7.5 h each and its project 7.5 h:
    # 20 h on day 1 go to the topics (theory); of 10 h on day 2, 2.5 h finish the last
    # topic and 7.5 h go to the project (practice). A replan settles that credit; what
    # those minutes were stays, in total and per phase.
    plan(cli, "complete", "14", "--level", "intermediate")
    ok(cli("log", "20", today=day(1)))
    ok(cli("log", "10", today=day(2)))

    def split() -> tuple[Any, Any, Any]:
        tp = json.loads(ok(cli("status", "--json", today=day(3))).stdout)["theory_practice"]
        phases = [(p["phase"], p["theory_hours"], p["practice_hours"]) for p in tp["phases"]]
        return tp["theory_hours"], tp["practice_hours"], phases

    before = split()
    assert before == (22.5, 7.5, [(0, 22.5, 7.5)])
    ok(cli("replan", "--hours", "10", today=day(3)))
    assert split() == before


def test_the_days_reviews_come_out_of_time_logged_to_an_item_as_theory(cli: Cli) -> None:
    # Three Phase 0 topics done on day 1; some fall due for review on day 3. Of 2 h
    # logged to the project that day the day's review time comes first (theory, and not
    # the project's credit, PRODUCT.md's pace rule); the rest is the project's practice.
    plan(cli, "complete", "14", "--level", "intermediate")
    topics = [it["id"] for it in next_json(cli, day(1))["now"] if it["kind"] == "topic"][:3]
    ok(cli("done", *topics, today=day(1)))
    reviews = next_json(cli, day(3))["day"]["reviews"]  # the day's planned review time
    assert 0 < reviews < 1
    before = next_json(cli, day(3))["pace"]["credited_hours"]
    ok(cli("log", "2", "--item", "csv-stats-assessment", today=day(3)))
    tp = json.loads(ok(cli("status", "--json", today=day(3))).stdout)["theory_practice"]
    assert tp["theory_hours"] == pytest.approx(reviews)
    assert tp["practice_hours"] == pytest.approx(2 - reviews)
    credited = next_json(cli, day(3))["pace"]["credited_hours"] - before
    assert credited == pytest.approx(2 - reviews)  # as the credit has it
    # a --practice override is the learner's word: all of it practice
    ok(cli("undo", today=day(3)))
    ok(cli("log", "2", "--item", "csv-stats-assessment", "--practice", today=day(3)))
    tp = json.loads(ok(cli("status", "--json", today=day(3))).stdout)["theory_practice"]
    assert (tp["theory_hours"], tp["practice_hours"]) == (0, 2)
