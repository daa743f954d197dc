"""Issue 16, "Wrong results and traps": one test (or a few) per numbered repro.

Expected figures are worked out by hand in the comments. The bundled
`practical` roadmap: phases of 6, 8, 6 and 6 weeks at its nominal 15 h/week
(level intermediate), so 390 h in all; at 100 h/week that is 3.9 weeks.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from clirun import Cli

# --- 1. one date range for everything that writes and reads -------------------------

READ_BACK = (
    ("next",),
    ("next", "--json"),
    ("status",),
    ("status", "--json"),
    ("export", "ics"),
    ("export", "json"),
    ("export", "markdown"),
    ("doctor",),
    ("log", "1"),
    ("done", "1"),
    ("review", "--json"),
    ("status",),
)
# a replan lays the rest from today, so near the end of the range it may be refused
WRITE_MAYBE = (("replan",), ("status",), ("undo",), ("next",))


@pytest.mark.parametrize(
    ("today", "start", "hours"),
    [
        ("2999-12-25", None, "15"),  # would finish in 3000: refused
        ("2999-12-25", "9999-06-01", "15"),  # start out of range: refused
        ("2999-12-25", "2999-06-01", "15"),  # 26 weeks from 1 June: 30 November, fits
        ("2999-12-25", "2999-07-01", "15"),  # 26 weeks from 1 July: 3000, refused
        ("2999-12-25", "2999-06-01", "100"),  # 390 h at 100 h/week: ~4 weeks, fits
        ("2999-12-25", "-2000y", "15"),
        ("2999-12-25", "+1y", "15"),
        ("1900-01-01", None, "15"),
        ("1900-01-01", "1899-12-31", "15"),
        ("1900-01-01", "-1d", "15"),
        ("2500-06-15", "+600y", "15"),
        ("2500-06-15", "+499y", "15"),
    ],
)
def test_whatever_plan_accepts_every_command_reads_back(
    cli: Cli, today: str, start: str | None, hours: str
) -> None:
    args = ["plan", "-r", "practical", "-H", hours, "-l", "intermediate"]
    if start is not None:
        args += ["-s", start]
    made = cli(*args, today=today)
    assert made.exit_code in (0, 2), made.output
    assert "internal error" not in made.output
    if made.exit_code == 2:
        assert cli("next", today=today).exit_code == 1  # no plan was saved
        return
    for command in READ_BACK:
        got = cli(*command, today=today)
        assert got.exit_code == 0, (command, got.output)
        assert "damaged" not in got.output
    for command in WRITE_MAYBE:
        got = cli(*command, today=today)
        assert got.exit_code in (0, 2), (command, got.output)
        assert "damaged" not in got.output and "internal error" not in got.output


def test_a_plan_finishing_after_2999_is_refused_naming_the_finish(cli: Cli) -> None:
    # 390 h at 15 h/week from 2999-12-25: 26 weeks, finishing in June 3000.
    got = cli("plan", "-r", "practical", "-l", "intermediate", "-H", "15", today="2999-12-25")
    assert got.exit_code == 2
    assert "3000-06" in got.output and "2999-12-31" in got.output
    assert "Traceback" not in got.output


@pytest.mark.parametrize("today", ["3000-01-01", "1899-12-31", "9999-12-25"])
def test_mlpath_today_outside_the_range_is_a_usage_error(cli: Cli, today: str) -> None:
    got = cli("next", today=today)
    assert got.exit_code == 2
    assert f"MLPATH_TODAY={today}" in got.output
    assert "1900-01-01 to 2999-12-31" in got.output


@pytest.mark.parametrize(
    "args",
    [("roadmaps",), ("roadmaps", "show", "beginner"), ("config", "show"), ("merge",)],
    ids=["roadmaps", "show", "config", "merge"],
)
@pytest.mark.parametrize("today", ["garbage", "3000-01-01"])
def test_a_bad_mlpath_today_stops_every_command(
    cli: Cli, args: tuple[str, ...], today: str
) -> None:
    # the commands that never read today's date too: a what-if that cannot be is said
    got = cli(*args, today=today)
    assert got.exit_code == 2
    assert f"MLPATH_TODAY={today}" in got.output
    assert "Traceback" not in got.output
    assert cli(*args, today="2027-01-04").exit_code == 0


def test_dates_typed_on_the_edge_of_the_range(cli: Cli) -> None:
    assert cli("plan", "-r", "practical", "-s", "1900-01-01", today="1900-01-01").exit_code == 0
    before = cli("log", "1", "--on", "yesterday", today="1900-01-01")
    assert before.exit_code == 2
    assert "outside the dates mlpath handles" in before.output


def test_review_dates_are_clamped_to_the_last_day() -> None:
    from mlpath.core.review import card_of

    # an item learned on the last day mlpath handles: its first review would be after it
    assert card_of("x", date(2999, 12, 31)).due == date(2999, 12, 31)


# --- 2. at most 24 hours on a study day ----------------------------------------------


@pytest.mark.parametrize(
    ("days", "hours", "most"),
    [("sat", "100", "24"), ("mon,wed,fri", "73", "72"), ("sat,sun", "48.5", "48")],
)
def test_more_than_a_day_holds_is_a_usage_error_naming_the_most(
    cli: Cli, days: str, hours: str, most: str
) -> None:
    got = cli("plan", "-r", "job-ready", "-H", hours, "-d", days, today="2027-03-01")
    assert got.exit_code == 2, got.output
    assert f"at most {most} h a week" in got.output
    assert cli("next", today="2027-03-01").exit_code == 1  # nothing saved


def test_exactly_24_hours_a_day_is_accepted(cli: Cli) -> None:
    assert (
        cli("plan", "-r", "job-ready", "-H", "48", "-d", "sat,sun", today="2027-03-01").exit_code
        == 0
    )


def test_replan_cannot_put_more_than_a_day_on_a_day(cli: Cli) -> None:
    assert cli("plan", "-r", "practical", "-H", "30", today="2027-03-01").exit_code == 0
    got = cli("replan", "--days", "sat", today="2027-03-01")
    assert got.exit_code == 2
    assert "at most 24 h a week" in got.output


# --- 10. amounts of time and days that cannot be right -------------------------------


@pytest.mark.parametrize(
    ("text", "meant"),
    [("1h90", "2h30"), ("2h60", "3h00"), ("0h75m", "1h15"), ("1.5h70", "2h40"), ("2:75", "3:15")],
)
def test_minutes_past_59_are_a_usage_error(cli: Cli, text: str, meant: str) -> None:
    assert cli("plan", "-r", "practical", "-s", "2027-01-04", today="2027-01-04").exit_code == 0
    got = cli("log", text, today="2027-01-05")
    assert got.exit_code == 2, got.output
    assert "minutes must be below 60" in got.output
    # the hint carries over what was typed ("1h70" was told "Write 2h30 rather than 1h90")
    assert f"Write {meant} rather than {text}." in got.output
    assert "total" not in got.output  # nothing logged


@pytest.mark.parametrize("text", ["0.000001", "0.01", "0.5m", "0.0166"])
def test_less_than_a_minute_is_refused(cli: Cli, text: str) -> None:
    assert cli("plan", "-r", "practical", "-s", "2027-01-04", today="2027-01-04").exit_code == 0
    got = cli("log", text, today="2027-01-05")
    assert got.exit_code == 2, got.output
    assert "less than a minute" in got.output


def test_one_minute_is_accepted(cli: Cli) -> None:
    assert cli("plan", "-r", "practical", "-s", "2027-01-04", today="2027-01-04").exit_code == 0
    got = cli("log", "1m", "--json", today="2027-01-05")
    assert got.exit_code == 0, got.output
    assert json.loads(got.output)["logged"]["hours"] == pytest.approx(1 / 60)


@pytest.mark.parametrize("command", [("log", "1"), ("done", "1")])
def test_on_before_the_plan_starts_is_warned_about(cli: Cli, command: tuple[str, ...]) -> None:
    # it counts (a head start, as the burndown's first point shows), but says so
    assert cli("plan", "-r", "practical", "-s", "2027-01-04", today="2027-01-10").exit_code == 0
    got = cli(*command, "--on", "2027-01-03", today="2027-01-10")
    assert got.exit_code == 0, got.output
    assert "--on 2027-01-03 is before your plan starts (2027-01-04)" in got.stderr
    assert "undo" in got.stderr
    # the plan's first day itself is not warned about
    later = cli(*command, "--on", "2027-01-04", today="2027-01-10")
    assert later.exit_code == 0 and "before your plan starts" not in later.stderr


# --- 4. items completed through their milestone are done on that day ----------------
# practical's phase 2: regression, classification, model-evaluation and
# supervised-tabular-project, milestone supervised-baseline (`done 2`).


def _practical(cli: Cli, today: str = "2027-01-18") -> None:
    made = cli("plan", "-r", "practical", "-l", "int", "-H", "15", "-s", "2027-01-04", today=today)
    assert made.exit_code == 0, made.output


def test_items_done_through_their_milestone_get_review_cards(cli: Cli) -> None:
    _practical(cli)
    assert cli("done", "2", today="2027-01-18").exit_code == 0
    rated = cli("review", "classification", "good", "--json", today="2027-01-20")
    assert rated.exit_code == 0, rated.output
    assert json.loads(rated.output)["reviewed"]["reviews"] == 1
    again = cli("done", "classification", today="2027-01-20")
    assert "Already done: Classification (classification) on 2027-01-18" in again.output
    # every purpose: exports and status say it was done that day
    items = {
        i["id"]: i for i in json.loads(cli("export", "json", today="2027-01-20").output)["items"]
    }
    for item in ("regression", "classification", "model-evaluation", "supervised-tabular-project"):
        assert items[item]["done_on"] == "2027-01-18"
    due = json.loads(cli("review", "--json", today="2027-01-20").output)
    # regression, model-evaluation, the project and the milestone: first review 2 days on
    # (GOOD_LADDER[0] = 2); classification was just rated, so it is not due again today
    assert sorted(c["id"] for c in due["due"]) == [
        "model-evaluation",
        "regression",
        "supervised-baseline",
        "supervised-tabular-project",
    ]


def test_undoing_the_milestone_takes_its_items_back(cli: Cli) -> None:
    _practical(cli)
    assert cli("done", "supervised-baseline", today="2027-01-18").exit_code == 0
    assert cli("undo", today="2027-01-18").exit_code == 0
    refused = cli("review", "regression", "good", today="2027-01-19")
    assert refused.exit_code == 1
    assert "not done yet" in refused.output


def test_a_review_of_an_item_done_through_its_milestone_survives_compaction() -> None:
    from mlpath.core import compaction
    from mlpath.core import ledger as sm

    plan = {
        "roadmap": "practical",
        "roadmap_hash": "x",
        "level": "beginner",
        "hours_per_week": "15",
        "start": "2027-01-04",
        "days": ["mon"],
    }
    state: dict[str, Any] = {"events": []}
    sm.append(state, "plan", "2027-01-04T00:00:00Z", writer="0000000a", plan=plan)
    sm.append(state, "done", "2027-01-18T00:00:00Z", writer="0000000a", item="ms", on="2027-01-18")
    sm.append(
        state,
        "review",
        "2027-01-20T00:00:00Z",
        writer="0000000a",
        item="a",
        on="2027-01-20",
        rating="hard",
    )
    sm.append(state, "log", "2027-01-21T00:00:00Z", writer="0000000a", hours="1", on="2027-01-21")
    phases = [("ms", ["a", "b"])]
    whole = sm.complete_phases(sm.fold_state(state), phases)
    compaction.compact(state, keep=1)
    compacted = sm.complete_phases(sm.fold_state(state), phases)
    for led in (whole, compacted):
        assert led.done["a"].on == date(2027, 1, 18) and led.done["a"].by == "ms"
        assert [r.rating for r in led.reviews["a"]] == ["hard"]
    # the snapshot keeps what was ticked, not what it implied
    assert [d["item"] for d in state["snapshot"]["done"]] == ["ms"]


# --- 5. the calendar after finishing or shortening ------------------------------------


def _calendar(cli: Cli, today: str) -> dict[str, Any]:
    from icalendar import Calendar

    got = cli("export", "ics", today=today)
    assert got.exit_code == 0, got.output
    cal = Calendar.from_ical(got.stdout)
    return {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def _study(evs: dict[str, Any]) -> dict[int, Any]:
    return {
        int(uid.split("-week-")[1].split("@")[0]): ev for uid, ev in evs.items() if "-week-" in uid
    }


def test_no_study_blocks_after_the_last_item_is_done(cli: Cli) -> None:
    # practical at 15 h/week from Monday 2027-01-04: 26 weeks. Everything done on
    # 2027-03-01, the first day of week 9 (start + 56 days).
    _practical(cli, today="2027-03-01")
    before = _study(_calendar(cli, "2027-03-01"))
    assert sorted(before) == list(range(1, 27))
    assert cli("done", "1", "2", "3", "4", today="2027-03-01").exit_code == 0
    after = _study(_calendar(cli, "2027-03-01"))
    for n in range(1, 10):
        assert str(after[n]["STATUS"]) == "CONFIRMED"
        assert "Study" in str(after[n]["DESCRIPTION"])
    for n in range(10, 27):  # removed by finishing: cancelled, with a higher SEQUENCE
        assert str(after[n]["STATUS"]) == "CANCELLED"
        assert "Tick items off" not in str(after[n]["DESCRIPTION"])
        assert int(after[n]["SEQUENCE"]) > int(before[n]["SEQUENCE"])
    # undoing the finish brings them back, and the calendar takes them (higher again)
    assert cli("undo", today="2027-03-01").exit_code == 0
    back = _study(_calendar(cli, "2027-03-01"))
    assert str(back[20]["STATUS"]) == "CONFIRMED"
    assert int(back[20]["SEQUENCE"]) > int(after[20]["SEQUENCE"])


def test_weeks_a_replan_removes_are_cancelled(cli: Cli) -> None:
    # 390 h: 26 weeks at 15 h/week; from day one at 30 h/week, 13 weeks.
    _practical(cli, today="2027-01-04")
    before = _study(_calendar(cli, "2027-01-04"))
    assert cli("replan", "--hours", "30", today="2027-01-04").exit_code == 0
    after = _study(_calendar(cli, "2027-01-04"))
    assert sorted(after) == list(range(1, 27))
    assert {n for n, ev in after.items() if str(ev["STATUS"]) == "CANCELLED"} == set(range(14, 27))
    for n in range(1, 27):
        assert int(after[n]["SEQUENCE"]) > int(before[n]["SEQUENCE"])
    assert str(after[20]["DTSTART"].dt) == "2027-05-17"  # start + 7 x 19 days


# --- 6. the burndown's planned line follows the plan in force on each date -----------


def test_burndown_keeps_the_replaced_plans_line_before_the_replan(cli: Cli) -> None:
    # job-ready at level intermediate is 35 weeks x its assumed 15 h = 525 h; 10 h/week
    # on mon, wed, fri from Monday 2027-03-01 (10/3 h a study day, 10 h every full
    # week). Two of phase 1's five topics (5 weeks x 15 h = 75 h, 15 h each) done on
    # 2027-03-20 (30 h), then a replan on Thursday 2027-04-01 lays the other 495 h
    # from that day.
    today = "2027-04-01"
    plan = ("plan", "-r", "job-ready", "-l", "int", "-H", "10", "-s", "2027-03-01")
    assert cli(*plan, "-d", "mon,wed,fri", "--review-minutes", "0", today=today).exit_code == 0
    done = cli("done", "python-skills", "vectors-matrices", "--on", "2027-03-20", today=today)
    assert done.exit_code == 0
    assert cli("replan", today=today).exit_code == 0
    points = json.loads(cli("status", "--json", today=today).output)["burndown"]["points"]
    got = [(p["week"], p["planned_remaining"], p["actual_remaining"]) for p in points[:6]]
    assert got[:5] == [
        (0, 525, 525),  # the original plan: nothing laid before its start
        (1, 515, 525),  # weeks 1-4: 10 h a week of the original plan
        (2, 505, 525),
        (3, 495, 495),  # the two topics done on the 20th, in week 3
        (4, 485, 495),
    ]
    # week 5 ends 2027-04-04: the replan's 495 h less Friday 2 April's 10/3 h
    assert got[5][0] == 5 and got[5][1] == pytest.approx(495 - 10 / 3)


# --- 11. a user roadmap whose id is a bundled one's -----------------------------------


ROADMAPS = Path(__file__).resolve().parent.parent / "data" / "roadmaps"


def _own_roadmap(isolated: Path, name: str, roadmap_id: str) -> Path:
    folder = isolated.parent / "config" / "roadmaps"
    folder.mkdir(parents=True, exist_ok=True)
    text = (ROADMAPS / "practical.yaml").read_text(encoding="utf-8")
    assert "\nid: practical\n" in text
    path = folder / name
    path.write_text(text.replace("\nid: practical\n", f"\nid: {roadmap_id}\n"), encoding="utf-8")
    return path


def test_a_user_roadmap_with_a_bundled_id_is_refused_naming_file_and_line(
    cli: Cli, isolated: Path
) -> None:
    path = _own_roadmap(isolated, "mine.yaml", "practical")
    line = path.read_text(encoding="utf-8").splitlines().index("id: practical") + 1
    listed = cli("roadmaps", "--json")
    assert listed.exit_code == 0
    assert [r["id"] for r in json.loads(listed.stdout)].count("practical") == 1  # not twice
    text = cli("roadmaps").output
    flat = " ".join(text.split())  # the table wraps at the terminal's width
    assert f"{path}:{line}: id: 'practical' is already the id of a bundled roadmap" in flat
    made = cli("plan", "-r", "practical", "--json", today="2027-01-04")
    assert made.exit_code == 0
    assert json.loads(made.stdout)["roadmap"] == "practical"
    assert f"{path}:{line} also has the id 'practical'; the bundled roadmap wins" in made.stderr


def test_two_user_roadmaps_with_one_id_the_first_by_name_wins(cli: Cli, isolated: Path) -> None:
    _own_roadmap(isolated, "a.yaml", "my-roadmap")
    second = _own_roadmap(isolated, "b.yaml", "my-roadmap")
    listed = json.loads(cli("roadmaps", "--json").stdout)
    assert [r["id"] for r in listed].count("my-roadmap") == 1
    assert f"{second}:" in " ".join(cli("roadmaps").output.split())


# --- 12. small ones -------------------------------------------------------------------


def test_a_file_name_given_as_a_roadmap_id_suggests_the_id_inside(cli: Cli, isolated: Path) -> None:
    _own_roadmap(isolated, "mine.yaml", "my-roadmap")
    got = cli("plan", "-r", "mine", today="2027-01-04")
    assert got.exit_code == 2
    assert "Did you mean my-roadmap (the id inside mine.yaml)?" in got.stderr


def test_replan_says_how_far_the_finish_moved_in_words(cli: Cli) -> None:
    # 390 h every day: at 15 h/week 182 days (finish 2027-07-04); at 15.1 h/week
    # 390 / (15.1 / 7) = 180.8, so 181 days: one day earlier.
    today = "2027-01-04"
    plan = ("plan", "-r", "practical", "-l", "int", "-H", "15", "-s", today)
    assert cli(*plan, "--review-minutes", "0", today=today).exit_code == 0
    got = cli("replan", "--hours", "15.1", today=today)
    assert "Finish: 2027-07-04 → 2027-07-03 (1 day earlier)." in got.stdout
    assert "-1 days" not in got.stdout


def test_a_phase_the_learner_skipped_is_not_labelled_skipped_at_this_level(cli: Cli) -> None:
    today = "2027-01-04"
    made = cli("plan", "-r", "practical", "--skip", "1", "-s", today, today=today)
    assert made.exit_code == 0, made.output
    status = cli("status", today=today, env={"COLUMNS": "100"})
    assert "skipped by your choice" in status.stdout
    assert "at this level" not in status.stdout
    phases = json.loads(cli("status", "--json", today=today).stdout)["phases"]
    assert [p["choice"] for p in phases] == ["skip", None, None, None]
    markdown = cli("export", "markdown", today=today).stdout
    assert "— skipped by your choice" in markdown and "at this level" not in markdown


# --- 3 (on a terminal), 8, 12: the command line -------------------------------------


def test_on_a_terminal_a_near_miss_asks_and_ticks_only_the_choice(
    cli: Cli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mlpath.cli.prompt

    _practical(cli)
    monkeypatch.setattr(mlpath.cli.prompt, "interactive", lambda: True)
    # deploymnt: 1. deployment, 2. deployment-project; the learner meant the project
    got = cli("done", "deploymnt", "--json", today="2027-01-18", input="2\n")
    assert got.exit_code == 0, got.output
    assert "1. deployment (Deployment)" in got.stderr
    assert "2. deployment-project (" in got.stderr
    assert [c["id"] for c in json.loads(got.stdout)["changed"]] == ["deployment-project"]
    # no answer: nothing changes
    before = (isolated / "state.json").read_bytes()
    declined = cli("done", "Linear algbra", today="2027-01-18", input="\n")
    assert declined.exit_code == 2
    assert "Nothing was changed" in declined.stderr
    assert (isolated / "state.json").read_bytes() == before
    # review asks the same way
    assert cli("done", "linear-algebra", today="2027-01-18").exit_code == 0
    rated = cli("review", "algebra", "good", "--json", today="2027-01-20", input="1\n")
    assert rated.exit_code == 0, rated.output
    assert json.loads(rated.stdout)["reviewed"]["id"] == "linear-algebra"


def test_off_a_terminal_review_by_title_lists_the_candidates(cli: Cli) -> None:
    _practical(cli)
    assert cli("done", "linear-algebra", today="2027-01-18").exit_code == 0
    got = cli("review", "Linear algbra", "good", today="2027-01-20")
    assert got.exit_code == 2
    assert "linear-algebra (Linear algebra)" in got.stderr
    assert "Nothing was changed" in got.stderr


@pytest.mark.parametrize(("typed", "meant"), [(("nxt",), "next"), (("config", "sett"), "set")])
def test_a_mistyped_command_is_suggested_once(cli: Cli, typed: tuple[str, ...], meant: str) -> None:
    got = cli(*typed)
    assert got.exit_code == 2
    assert got.stderr.count(f"'{meant}'") == 1, got.stderr


def test_review_with_only_a_rating_asks_for_the_item(cli: Cli) -> None:
    _practical(cli)
    got = cli("review", "good", today="2027-01-18")
    assert got.exit_code == 2
    assert "review good good" not in got.stderr
    assert "'good' is a rating; which item did you review?" in got.stderr
    assert "`mlpath review ITEM good`" in got.stderr


def test_mlpath_home_pointing_at_a_file_says_so(cli: Cli, tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder\n", encoding="utf-8")
    for command in (("next",), ("plan", "-r", "practical"), ("log", "1")):
        got = cli(*command, today="2027-01-18", env={"MLPATH_HOME": str(a_file)})
        assert got.exit_code == 1
        assert f"{a_file} is a file, not a folder" in got.stderr
        assert "Free some space" not in got.stderr
    assert a_file.read_text(encoding="utf-8") == "not a folder\n"


def test_an_unknown_option_after_a_number_is_reported_as_one(cli: Cli) -> None:
    _practical(cli)
    got = cli("log", "1", "--onn", "today", today="2027-01-18")
    assert got.exit_code == 2
    assert "--onn" in got.stderr
    assert "today" not in got.stderr  # not "extra arguments (--onn today)"
    for amount in ("-1", "-90m", "-.5"):  # an amount still reaches the command, refused
        negative = cli("log", amount, today="2027-01-18")
        assert negative.exit_code == 2
        assert "more than zero" in negative.stderr


# --- 9. the assess help's own workflow ------------------------------------------------


def test_the_assess_help_workflow_works_as_printed(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    monkeypatch.chdir(tmp_path)
    _practical(cli)
    helped = cli("assess", "--help")
    assert helped.exit_code == 0
    lines = [ln.strip() for ln in helped.stdout.splitlines()]
    ask = next(ln for ln in lines if ln.startswith("mlpath assess --questions"))
    answer = next(ln for ln in lines if ln.startswith("mlpath assess --answers"))
    command, _, target = ask.partition(">")
    asked = cli(*shlex.split(command)[1:])
    assert asked.exit_code == 0, asked.output
    out = tmp_path / target.strip()
    out.write_text(asked.stdout, encoding="utf-8")
    # unanswered: a clear usage error naming the first question left blank
    words = shlex.split(answer)
    blank = cli(*words[1:])
    assert blank.exit_code == 2
    assert "has no answer for pre-1" in blank.stderr
    # filled in as the help says: every answer "yes" -> the advanced level
    doc = json.loads(out.read_text(encoding="utf-8"))
    for q in doc["questions"]:
        q["answer"] = "yes"
    out.write_text(json.dumps(doc), encoding="utf-8")
    got = cli(*words[1:], "--json")
    assert got.exit_code == 0, got.output
    assert json.loads(got.stdout)["level"] == "advanced"
