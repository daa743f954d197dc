"""`mlpath skip ITEM`: a topic or project the learner already knows leaves the plan.

The usual plan at 14 h/week: the bundled `practical` roadmap (390 h; phase 1:
python-libraries, statistics, linear-algebra, 30 h each), level intermediate,
every day from Mon 2027-01-04, no review time: 2 h a day, so python-libraries is
laid on days 0-14, statistics on days 15-29, and the plan ends on day 194
(2027-07-17). Day n is 2027-01-04 + n. Expected figures are worked out by hand.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mlpath.app import actions
from mlpath.app.export import export_json
from mlpath.app.session import load_active
from mlpath.app.skipping import skip_item
from mlpath.core.dashboard import status_view
from mlpath.errors import UsageError
from mlpath.render.change import change_lines
from mlpath.store.state import Store
from planstore import day, planned_store


@pytest.fixture
def store(isolated: Path) -> Store:
    s = planned_store(isolated)
    return s


def log_days(store: Store, first: int, last: int) -> None:
    for n in range(first, last + 1):
        actions.log_time(store, day(n), "2", on=None, note=None, item=None)


def test_skipping_a_topic_not_started_takes_its_hours_out(store: Store) -> None:
    """2 h logged on days 0-9; on day 10 statistics (not laid yet) is skipped:
    360 h at 2 h a day end on day 179 = 2027-07-02, and linear-algebra moves up to
    days 15-29 (due day 29 = 02-02). L(day 10) = 20 = C: still on track."""
    log_days(store, 0, 9)
    change = skip_item(store, day(10), "statistics", "did it at university")
    assert change.view["old_finish"] == "2027-07-17"
    assert change.view["new_finish"] == "2027-07-02"
    assert change.view["hours"] == 30
    active = load_active(store, day(10))
    assert active.schedule.items["linear-algebra"].due == day(29)
    assert active.progress.pace.status == "on-track"
    assert "statistics" not in active.progress.cards()  # no review card
    status = status_view(active.progress)
    assert status["skipped_items"] == [
        {
            "id": "statistics",
            "title": "Statistics",
            "kind": "topic",
            "phase": 1,
            "on": "2027-01-14",
            "reason": "did it at university",
        }
    ]
    exported = {it["id"]: it for it in export_json(active)["items"]}
    assert exported["statistics"]["status"] == "skipped"
    assert exported["statistics"]["skipped_by"] == "you"
    assert exported["statistics"]["skip_reason"] == "did it at university"
    assert exported["linear-algebra"]["skipped_by"] is None


def test_past_days_keep_what_was_laid_before_the_skip(store: Store) -> None:
    """2 h a day on days 0-20, python-libraries ticked on day 14: statistics has been
    laid on days 15-20 (12 h) and took those 12 h logged. Skipped on day 21: the
    12 h laid stay (L(day 18) = 36 and L(day 21) = 42, as before), its other 18 h
    go: 372 h end on day 185 = 2027-07-08. C = 30 + 12 = 42: on track."""
    log_days(store, 0, 20)
    actions.mark_done(store, day(14), ["python-libraries"], on=None, note=None, evidence=None)
    before = load_active(store, day(21)).schedule
    skip_item(store, day(21), "statistics")
    after = load_active(store, day(21))
    for n in range(22):
        assert after.schedule.laid_before(day(n)) == before.laid_before(day(n)), day(n)
    assert after.schedule.finish == date(2027, 7, 8)
    assert after.progress.pace.status == "on-track"
    assert after.progress.credited_effort == 42


def test_reopen_and_undo_bring_it_back(store: Store) -> None:
    """Reopened, statistics is laid again in full: the finish is 07-17 again; undo
    of the reopen skips it again (07-02)."""
    skip_item(store, day(10), "statistics")
    back = actions.reopen_item(store, day(10), "statistics")
    assert change_lines(back.steps)[0].startswith("Back in your plan: Statistics")
    assert load_active(store, day(10)).schedule.finish == date(2027, 7, 17)
    actions.undo_last(store, day(10))
    assert load_active(store, day(10)).schedule.finish == date(2027, 7, 2)
    actions.undo_last(store, day(10))  # and undoing the skip itself
    assert load_active(store, day(10)).schedule.finish == date(2027, 7, 17)


def test_what_cannot_be_skipped(store: Store) -> None:
    with pytest.raises(UsageError, match="names a milestone"):
        skip_item(store, day(1), "supervised-baseline")
    with pytest.raises(UsageError, match="names a phase"):
        skip_item(store, day(1), "2")
    actions.mark_done(store, day(1), ["python-libraries"], on=None, note=None, evidence=None)
    with pytest.raises(UsageError, match="already done"):
        skip_item(store, day(1), "python-libraries")
    skip_item(store, day(1), "statistics")
    with pytest.raises(UsageError, match="already skipped"):
        skip_item(store, day(1), "statistics")


def test_plan_skip_takes_a_phase_a_topic_or_a_project(cli: Any, isolated: Path) -> None:
    """`plan --skip statistics` leaves the topic out from the start (360 h: 07-02);
    `--skip 1` still skips phase 1 (300 h: 150 days, day 149 = 2027-06-02); a
    milestone alone is refused, one sentence, exit 2."""
    base = ("plan", "-r", "practical", "-l", "intermediate", "--hours", "14",
            "--start", "2027-01-04", "--review-minutes", "0", "--json")  # fmt: skip
    out = cli(*base, "--skip", "statistics", today="2027-01-04")
    assert json.loads(out.stdout)["finish"] == "2027-07-02"
    out = cli(*base, "--skip", "1", "--force", today="2027-01-04")
    assert json.loads(out.stdout)["finish"] == "2027-06-02"
    bad = cli(*base, "--skip", "supervised-baseline", "--force", today="2027-01-04")
    assert bad.exit_code == 2
    assert "a milestone is not skipped alone" in bad.stderr


def test_skip_through_the_cli(cli: Any, isolated: Path) -> None:
    cli("plan", "-r", "practical", "-l", "intermediate", "--hours", "14",
        "--start", "2027-01-04", "--review-minutes", "0", today="2027-01-04")  # fmt: skip
    out = cli("skip", "statistics", "--reason", "did it at university", today="2027-01-14")
    assert out.exit_code == 0
    assert "Skipped: Statistics" in out.stdout
    shown = cli("status", today="2027-01-14").stdout
    assert "Skipped by you" in shown and "did it at university" in shown


def test_replan_skip_adds_a_topic_or_a_phase(store: Store) -> None:
    """On day 7 (logged nothing), `replan --skip linear-algebra` lays the other 360 h
    from 01-11 at 2 h a day: 180 days, the last 01-11 + 179 = 2027-07-09; adding
    `--skip 3` (the last phase, 90 h) leaves 270 h: 135 days, to 2027-05-25."""
    changed = actions.do_replan(
        store, day(7), hours=None, from_=None, days=None, breaks=(), skip=("linear-algebra",)
    )
    assert changed.view["new_finish"] == "2027-07-09"
    plan = load_active(store, day(7)).plan
    assert plan["skip_items"] == ["linear-algebra"]
    changed = actions.do_replan(
        store, day(7), hours=None, from_=None, days=None, breaks=(), skip=("3",)
    )
    assert changed.view["new_finish"] == "2027-05-25"
    assert load_active(store, day(7)).plan["skip"] == [3]


@pytest.mark.parametrize(
    ("logs", "skip_day", "taken", "finish"),
    [
        # 10 h logged to statistics on day 0, before the plan lays it: the plan laid
        # none of it, so all 30 h leave the plan (15 days: 07-17 -> 07-02); the
        # message said 20 h (its effort less the time logged to it)
        ([("0", "10", "statistics")], 1, 30, "2027-07-02"),
        # 2 h a day on days 0-16 (python-libraries' 30 h, then 4 h of statistics) and
        # none on day 17: statistics was laid on days 15-17 (6 h), so 24 h leave the
        # plan (12 days: 07-05); the message said 26 h
        ([(str(n), "2", None) for n in range(17)], 18, 24, "2027-07-05"),
    ],
)
def test_skip_says_the_hours_it_takes_out_of_the_plan(
    cli: Any, isolated: Path, logs: list[tuple[str, str, str | None]], skip_day: int,
    taken: int, finish: str,
) -> None:  # fmt: skip
    cli("plan", "-r", "practical", "-l", "intermediate", "--hours", "14",
        "--start", "2027-01-04", "--review-minutes", "0", today="2027-01-04")  # fmt: skip
    for n, hours, item in logs:
        extra = ("--item", item) if item else ()
        assert cli("log", hours, *extra, today=day(int(n))).exit_code == 0
    before = json.loads(cli("status", "--json", today=day(skip_day)).stdout)
    out = cli("skip", "statistics", "--json", today=day(skip_day))
    assert out.exit_code == 0, out.output
    view = json.loads(out.stdout)
    after = json.loads(cli("status", "--json", today=day(skip_day)).stdout)
    assert view["new_finish"] == finish
    assert before["overall"]["total_hours"] - after["overall"]["total_hours"] == taken
    assert view["hours"] == taken
    cli("undo", today=day(skip_day))
    words = " ".join(cli("skip", "statistics", today=day(skip_day)).stdout.split())
    assert f"{taken} h taken out of your plan; finish 2027-07-17 → {finish}." in words


def test_a_long_reason_wraps_between_words_on_the_dashboard(cli: Any, isolated: Path) -> None:
    """A skip's reason is the learner's sentence: at 60 columns the dashboard breaks it
    between words over more lines, never cuts it (it lost its end and its bracket)."""
    cli("plan", "-r", "practical", "-l", "intermediate", "--hours", "14",
        "--start", "2027-01-04", "--review-minutes", "0", today="2027-01-04")  # fmt: skip
    reason = "did it at university in a two-semester course with weekly problem sets"
    cli("skip", "statistics", "--reason", reason, today="2027-01-14")
    for width in ("60", "80"):
        shown = cli("status", "--width", width, "--no-color", today="2027-01-14").stdout
        lines = shown.splitlines()
        assert all(len(line) <= int(width) for line in lines)
        start = next(i for i, line in enumerate(lines) if "Skipped by you" in line)
        said = " ".join(line.strip() for line in lines[start : start + 3])
        assert f"Statistics ({reason})" in said


def test_done_refuses_what_is_skipped(cli: Any, isolated: Path) -> None:
    """A skipped item is out of the plan: `done` of it changed nothing the learner
    could see (no credit, still shown skipped) yet said "Done" and made a review
    card. It is refused now (exit 2, nothing written); a phase without a milestone
    ticks only what is still in the plan."""
    cli("plan", "-r", "practical", "-l", "intermediate", "--hours", "14",
        "--start", "2027-01-04", "--review-minutes", "0", today="2027-01-04")  # fmt: skip
    assert cli("skip", "statistics", today="2027-01-14").exit_code == 0
    state = isolated / "state.json"
    before = state.read_bytes()
    out = cli("done", "statistics", today="2027-01-14")
    assert out.exit_code == 2
    assert "reopen statistics" in out.stderr and "Traceback" not in out.stderr
    assert state.read_bytes() == before
    out = cli("done", "1", "--json", today="2027-01-14")
    assert out.exit_code == 0, out.stderr
    assert [c["id"] for c in json.loads(out.stdout)["changed"]] == [
        "python-libraries",
        "linear-algebra",
    ]
    items = {
        i["id"]: i for i in json.loads(cli("export", "json", today="2027-01-14").stdout)["items"]
    }
    assert items["statistics"]["status"] == "skipped" and items["statistics"]["done_on"] is None


def test_done_refuses_an_item_of_a_skipped_phase(cli: Any, isolated: Path) -> None:
    cli("plan", "-r", "practical", "-l", "intermediate", "--hours", "14", "--skip", "1",
        "--start", "2027-01-04", "--review-minutes", "0", today="2027-01-04")  # fmt: skip
    state = isolated / "state.json"
    before = state.read_bytes()
    for query in ("statistics", "1"):
        out = cli("done", query, today="2027-01-14")
        assert out.exit_code == 2, query
        assert state.read_bytes() == before


def test_skip_of_an_item_in_a_phase_the_learner_skipped_says_so(cli: Any, isolated: Path) -> None:
    """`plan --skip 1` leaves phase 1 out by the learner's choice, not by level: a
    later `skip statistics` said it was left out "at this level"."""
    cli("plan", "-r", "practical", "-l", "intermediate", "--hours", "14", "--skip", "1",
        "--start", "2027-01-04", "--review-minutes", "0", today="2027-01-04")  # fmt: skip
    out = cli("skip", "statistics", today="2027-01-14")
    assert out.exit_code == 2
    assert "phase 1" in out.stderr and "level" not in out.stderr
