"""`mlpath export ics`: what a later export no longer has goes out once more, cancelled
under its old UID, on its old day, with a higher SEQUENCE (PRODUCT.md, Calendars)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from icalendar import Calendar
from typer.testing import CliRunner

from mlpath.cli.main import app

START = "2027-01-04"


def run(runner: CliRunner, args: list[str], today: str = START) -> Any:
    result = runner.invoke(app, args, env={"MLPATH_TODAY": today})
    assert result.exit_code == 0, result.output + result.stderr
    return result


def export(runner: CliRunner, out: Path, today: str = START) -> dict[str, Any]:
    run(runner, ["export", "ics", "-o", str(out)], today)
    got: dict[str, Any] = {}
    for ev in Calendar.from_ical(out.read_bytes()).walk("VEVENT"):
        uid = str(ev["UID"])
        assert uid not in got, f"UID {uid} appears twice in one export"
        got[uid] = ev
    return got


def live(evs: dict[str, Any]) -> set[str]:
    return {u for u, ev in evs.items() if str(ev["STATUS"]) != "CANCELLED"}


def assert_dropped(before: dict[str, Any], after: dict[str, Any]) -> None:
    """Every event of `before` that `after` does not show is in `after` cancelled, on
    the day it had, with a higher SEQUENCE: a calendar that imported `before` drops it."""
    gone = live(before) - live(after)
    assert gone
    for uid in sorted(gone):
        assert uid in after, f"{uid} vanished instead of being cancelled"
        old, new = before[uid], after[uid]
        assert str(new["STATUS"]) == "CANCELLED", uid
        assert int(new["SEQUENCE"]) > int(old["SEQUENCE"]), uid
        assert new["DTSTART"].dt == old["DTSTART"].dt, uid


PRACTICAL = ["plan", "--roadmap", "practical", "--hours", "10", "--start", START]
DEADLINE = ["--deadline", "supervised-baseline=2027-05-01"]
UID = "practical-deadline-supervised-baseline@mlpath"


def test_a_deadline_a_new_plan_leaves_out_is_cancelled(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, [*PRACTICAL, *DEADLINE])
    before = export(runner, tmp_path / "a.ics")
    assert UID in live(before)
    run(runner, [*PRACTICAL, "--force"])
    after = export(runner, tmp_path / "b.ics")
    assert_dropped(before, after)
    assert set(live(before) - live(after)) == {UID}


def test_a_deadline_an_undone_replan_added_is_cancelled(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, PRACTICAL)
    run(runner, ["replan", "--deadline", "2=2027-06-01"])
    before = export(runner, tmp_path / "a.ics")
    run(runner, ["undo"])
    after = export(runner, tmp_path / "b.ics")
    assert_dropped(before, after)
    assert "practical-deadline-supervised@mlpath" not in live(after)


def test_a_plan_on_another_roadmap_cancels_the_old_ones_events_on_their_days(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Weeks, milestones and deadlines of the plan replaced all leave the calendar, each
    # on the day the old plan had it (not a day counted from the new plan's start).
    run(runner, [*PRACTICAL, *DEADLINE])
    before = export(runner, tmp_path / "a.ics")
    assert any("-milestone-" in u for u in before)
    new = ["plan", "--roadmap", "intermediate", "--hours", "10", "--start", "2027-03-01"]
    run(runner, [*new, "--force"], today="2027-02-01")
    after = export(runner, tmp_path / "b.ics", today="2027-02-01")
    assert_dropped(before, after)
    assert not any(u.startswith("practical-") for u in live(after))


def test_an_undone_plan_on_another_roadmap_is_cancelled(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, PRACTICAL)
    new = ["plan", "--roadmap", "intermediate", "--hours", "10", "--start", "2027-03-01"]
    run(runner, [*new, "--force"], today="2027-02-01")
    before = export(runner, tmp_path / "a.ics", today="2027-02-01")
    run(runner, ["undo"], today="2027-02-01")
    after = export(runner, tmp_path / "b.ics", today="2027-02-01")
    assert_dropped(before, after)
    assert not any(u.startswith("intermediate-") for u in live(after))


INTERMEDIATE = ["plan", "--roadmap", "intermediate", "--hours", "10", "--start", START]


def test_a_week_a_done_item_s_reviews_added_is_cancelled_when_it_is_reopened(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Ticking an item brings its reviews, which can push the plan a week past the
    # finish it was laid with; reopening it (or undoing the done) takes that week away,
    # and so does a skip (the week past the laid finish is no plan record's).
    for undo in (["reopen", "tuned-models-logged"], ["undo"], ["skip", "optimizers"]):
        run(runner, [*INTERMEDIATE, "--force"])
        laid = export(runner, tmp_path / "a.ics")
        run(runner, ["done", "tuned-models-logged"], today="2027-02-20")
        before = export(runner, tmp_path / "b.ics", today="2027-02-20")
        assert live(before) - live(laid)  # the week its reviews added
        run(runner, undo, today="2027-02-20")
        after = export(runner, tmp_path / "c.ics", today="2027-02-20")
        assert_dropped(before, after)


def test_each_interview_is_an_event_of_its_own(runner: CliRunner, tmp_path: Path) -> None:
    # Two interviews are two deadlines: one UID each (a calendar keeps one event per
    # UID), the first keeping the UID a single interview had; one taken away is cancelled.
    run(runner, [*PRACTICAL, "--interview", "2027-09-01"])
    one = export(runner, tmp_path / "a.ics")
    first = "practical-deadline-interview@mlpath"
    assert one[first]["DTSTART"].dt.isoformat() == "2027-09-01"
    run(runner, ["replan", "--interview", "2027-09-01", "--interview", "2027-10-01"])
    two = export(runner, tmp_path / "b.ics")
    days = sorted(
        ev["DTSTART"].dt.isoformat()
        for u, ev in two.items()
        if "-deadline-interview" in u and u in live(two)
    )
    assert days == ["2027-09-01", "2027-10-01"]
    assert two[first]["DTSTART"].dt.isoformat() == "2027-09-01"
    run(runner, ["undo"])
    assert_dropped(two, export(runner, tmp_path / "c.ics"))


def test_a_week_done_items_reviews_added_is_cancelled_when_everything_is_done(
    runner: CliRunner, tmp_path: Path
) -> None:
    # The week past the laid finish that done items' reviews added is no plan record's
    # either: finishing everything takes it away, and it must leave the calendar too.
    run(runner, [*INTERMEDIATE, "--force"])
    laid = export(runner, tmp_path / "a.ics")
    run(runner, ["done", "tuned-models-logged"], today="2027-02-20")
    before = export(runner, tmp_path / "b.ics", today="2027-02-20")
    assert live(before) - live(laid)  # the week its reviews added
    run(runner, ["done", "1", "2", "3", "4", "5"], today="2027-02-21")  # every phase
    status = run(runner, ["status", "--json"], today="2027-02-21")
    assert '"finished": true' in status.stdout
    after = export(runner, tmp_path / "c.ics", today="2027-02-21")
    assert_dropped(before, after)


def test_a_phase_skipped_from_the_start_leaves_no_cancelled_milestone(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Nothing was removed from a first plan: its calendar has no "no longer in your plan"
    # event. Skipping the phase by a replan does remove its milestone, cancelled.
    run(runner, [*PRACTICAL, "--skip", "2"])
    first = export(runner, tmp_path / "a.ics")
    assert first and live(first) == set(first)
    run(runner, [*PRACTICAL, "--force"])
    before = export(runner, tmp_path / "b.ics")
    run(runner, ["replan", "--skip", "2"])
    after = export(runner, tmp_path / "c.ics")
    assert_dropped(before, after)
