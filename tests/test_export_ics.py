"""`mlpath export ics`: parsed back with icalendar and checked against `plan --json`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from mlpath.cli.main import app

START = "2027-01-04"
PLAN = [
    "plan",
    "--roadmap",
    "intermediate",
    "--hours",
    "20",
    "--start",
    START,
    "--break",
    "2027-02-01:2027-02-14",  # two weeks with no study: no study block for them
    "--json",
]


def run(runner: CliRunner, args: list[str], today: str = START) -> Any:
    result = runner.invoke(app, args, env={"MLPATH_TODAY": today})
    assert result.exit_code == 0, result.output + result.stderr
    return result


def export(runner: CliRunner, out: Path, *extra: str, today: str = START) -> Calendar:
    run(runner, ["export", "ics", "-o", str(out), *extra], today)
    return Calendar.from_ical(out.read_bytes())


def events(cal: Calendar) -> list[Any]:
    return list(cal.walk("VEVENT"))


def kind(ev: Any) -> str:
    cats = ev.get("CATEGORIES")
    names = {str(c) for c in cats.cats} if cats is not None else set()
    return "milestone" if "milestone" in names else "week" if "study" in names else "?"


def categories(ev: Any) -> set[str]:
    return {str(c) for c in ev["CATEGORIES"].cats}


def day(ev: Any, prop: str) -> date:
    value = ev[prop].dt
    assert type(value) is date, f"{prop} must be an all-day date, not {value!r}"
    return value


def fmt(hours: float) -> str:
    """One decimal, rounded half up (17.25 -> 17.3), as mlpath shows every figure."""
    tenths = int(hours * 10 + 0.5 + 1e-9)
    return f"{tenths // 10}.{tenths % 10}" if tenths % 10 else str(tenths // 10)


def by_uid(cal: Calendar) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for ev in events(cal):
        uid = str(ev["UID"])
        assert uid not in out, f"UID {uid} appears twice in one export"
        out[uid] = ev
    return out


def without_stamp(ev: Any) -> bytes:
    return b"\r\n".join(
        line for line in ev.to_ical().split(b"\r\n") if not line.startswith(b"DTSTAMP")
    )


def test_every_event_and_date_matches_the_plan(runner: CliRunner, tmp_path: Path) -> None:
    plan = json.loads(run(runner, PLAN).stdout)
    out = tmp_path / "plan.ics"
    cal = export(runner, out)
    raw = out.read_bytes()

    # RFC 5545 framing: CRLF line ends, lines folded at 75 octets, a VERSION and PRODID.
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert str(cal["VERSION"]) == "2.0" and "mlpath" in str(cal["PRODID"])

    evs = events(cal)
    milestones = [e for e in evs if kind(e) == "milestone"]
    weeks = [e for e in evs if kind(e) == "week"]
    study_weeks = [w for w in plan["weeks"] if w["hours"] > 0]
    assert len(plan["weeks"]) > len(study_weeks) >= 20  # the break made empty weeks
    assert len(evs) == len(milestones) + len(weeks)
    assert len(milestones) == len(plan["milestones"]) >= 4
    assert len(weeks) == len(study_weeks)

    for ev in evs:
        stamp = ev["DTSTAMP"].dt
        assert isinstance(stamp, datetime) and stamp.utcoffset() == timedelta(0)
        assert str(ev["UID"]).endswith("@mlpath")
        assert ev["TRANSP"] == "TRANSPARENT"
    assert raw.count(b"DTSTART;VALUE=DATE:") == len(evs)

    got_ms = {(day(e, "DTSTART"), str(e["SUMMARY"])): e for e in milestones}
    for m in plan["milestones"]:
        due = date.fromisoformat(m["due"])
        ev = got_ms.pop((due, f"mlpath milestone: {m['title']}"))
        assert day(ev, "DTEND") == due + timedelta(days=1)
        assert f"mlpath done {m['id']}" in str(ev["DESCRIPTION"])
        assert ev["STATUS"] == "TENTATIVE" and "done" not in categories(ev)
    assert not got_ms

    got_weeks = {day(e, "DTSTART"): e for e in weeks}
    titles = {i["id"]: i["title"] for w in plan["weeks"] for i in w["items"]}
    for w in study_weeks:
        ev = got_weeks.pop(date.fromisoformat(w["start"]))
        assert day(ev, "DTEND") == date.fromisoformat(w["end"]) + timedelta(days=1)
        work = [i for i in w["items"] if i["kind"] != "milestone" and i["hours"] > 0]
        summary = str(ev["SUMMARY"])
        assert summary.startswith(f"mlpath week {w['number']}: ")
        assert titles[work[0]["id"]] in summary
        text = str(ev["DESCRIPTION"])
        assert f"Total: {fmt(w['hours'])} h" in text
        for i in work:
            assert f"- {i['title']}: {fmt(i['hours'])} h" in text
        for m in (i for i in w["items"] if i["kind"] == "milestone"):
            assert m["title"] in text  # the milestones due that week
        assert abs(sum(i["hours"] for i in work) - w["hours"]) < 1e-6
    assert not got_weeks


def test_done_milestones_are_marked_and_sit_on_the_day_they_were_done(
    runner: CliRunner, tmp_path: Path
) -> None:
    plan = json.loads(run(runner, PLAN).stdout)
    first = plan["milestones"][0]
    run(
        runner,
        [
            "done",
            first["id"],
            "--on",
            "2027-03-02",
            "--note",
            "MLflow, 3 runs",
            "--evidence",
            "https://github.com/me/tuned",
        ],
        today="2027-03-03",
    )
    cal = export(runner, tmp_path / "p.ics", "--alarm", "1d", today="2027-03-03")
    ms = [e for e in events(cal) if kind(e) == "milestone"]
    done = [e for e in ms if str(e["SUMMARY"]).startswith("✓ ")]
    assert len(done) == 1
    ev = done[0]
    assert str(ev["SUMMARY"]) == f"✓ mlpath milestone: {first['title']}"
    assert day(ev, "DTSTART") == date(2027, 3, 2)
    assert ev["STATUS"] == "CONFIRMED" and "done" in categories(ev)
    text = str(ev["DESCRIPTION"])
    assert "Done on 2027-03-02" in text and f"planned for {first['due']}" in text
    assert "MLflow, 3 runs" in text and "https://github.com/me/tuned" in text
    assert not ev.walk("VALARM")  # no reminder for what is done
    for other in ms:
        if other is not ev:
            assert other["STATUS"] == "TENTATIVE" and len(other.walk("VALARM")) == 1


def test_uids_are_stable_across_exports(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, PLAN)
    one = by_uid(export(runner, tmp_path / "a.ics"))
    two = by_uid(export(runner, tmp_path / "b.ics"))
    assert one.keys() == two.keys()
    for uid, ev in one.items():
        assert without_stamp(ev) == without_stamp(two[uid])  # only DTSTAMP may differ


def _seq(ev: Any) -> int:
    return int(ev["SEQUENCE"])


def test_replan_updates_the_same_events_instead_of_doubling_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    run(runner, PLAN)
    before = by_uid(export(runner, tmp_path / "a.ics", today="2027-03-01"))
    run(runner, ["replan", "--hours", "12"], today="2027-03-01")
    after = by_uid(export(runner, tmp_path / "b.ics", today="2027-03-01"))

    def milestones(evs: dict[str, Any]) -> dict[str, Any]:
        return {u: e for u, e in evs.items() if kind(e) == "milestone"}

    def week_no(ev: Any) -> int:
        return int(str(ev["SUMMARY"]).split(":")[0].split()[-1])

    def week_numbers(evs: dict[str, Any]) -> dict[int, str]:
        return {week_no(ev): uid for uid, ev in evs.items() if kind(ev) == "week"}

    # The same milestones keep their UIDs; their dates moved (fewer hours: later).
    assert milestones(before).keys() == milestones(after).keys()
    for uid, ev in milestones(after).items():
        assert day(ev, "DTSTART") > day(before[uid], "DTSTART")
        assert _seq(ev) > _seq(before[uid])  # so calendars take the update
    # Week N keeps its UID whatever it now holds.
    wb, wa = week_numbers(before), week_numbers(after)
    shared = wb.keys() & wa.keys()
    assert len(shared) > 10
    assert all(wb[n] == wa[n] for n in shared)

    # Import the first export into a calendar, then the second one (RFC 5546:
    # a higher SEQUENCE replaces the event with that UID).
    calendar = dict(before)
    for uid, ev in after.items():
        if uid not in calendar or _seq(ev) >= _seq(calendar[uid]):
            calendar[uid] = ev
    assert len(calendar) == len(before.keys() | after.keys())  # nothing doubled
    assert all(
        without_stamp(calendar[uid]) == without_stamp(ev) for uid, ev in after.items()
    )  # every event shows the new plan
    weeks_shown = [week_no(ev) for ev in calendar.values() if kind(ev) == "week"]
    assert len(weeks_shown) == len(set(weeks_shown))  # one block per week, never two
    for uid in before.keys() & after.keys():
        if without_stamp(before[uid]) != without_stamp(after[uid]):
            assert _seq(after[uid]) > _seq(before[uid])


def test_a_replan_keeps_the_past_weeks_blocks_and_cancels_only_dropped_future_ones(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Past days keep their past: weeks that ended before the replan stay in the
    # calendar as they were laid; the weeks a faster replan no longer reaches go.
    run(runner, PLAN)
    before = by_uid(export(runner, tmp_path / "a.ics", today="2027-03-01"))
    run(runner, ["log", "3", "--on", "2027-01-06"], today="2027-03-01")
    run(runner, ["replan", "--hours", "40"], today="2027-03-01")  # week 9 starts 03-01
    after = by_uid(export(runner, tmp_path / "b.ics", today="2027-03-01"))
    md = run(runner, ["export", "markdown"], today="2027-03-01").stdout

    def week(evs: dict[str, Any], n: int) -> Any:
        return evs[f"intermediate-week-{n}@mlpath"]

    past = [1, 2, 3, 4, 7, 8]  # weeks 5 and 6 are the break: no block, then or now
    for n in past:
        old, new = week(before, n), week(after, n)
        assert str(new["STATUS"]) == "CONFIRMED", n
        assert str(new["SUMMARY"]) == str(old["SUMMARY"]), n
        head_new, rest_new = str(new["DESCRIPTION"]).split("\n", 1)
        head_old, rest_old = str(old["DESCRIPTION"]).split("\n", 1)
        assert head_new.split(" of ")[0] == head_old.split(" of ")[0]  # (a new week count)
        assert rest_new == rest_old  # the same work, hours and milestones, line for line
        assert f"| {n} | {day(old, 'DTSTART').isoformat()} " in md
    assert not any(f"intermediate-week-{n}@mlpath" in after for n in (5, 6))
    # the weeks past the new, earlier finish are the ones cancelled
    cancelled = sorted(
        int(u.split("-week-")[1].split("@")[0])
        for u, ev in after.items()
        if kind(ev) == "week" and str(ev["STATUS"]) == "CANCELLED"
    )
    assert cancelled and min(cancelled) > 9
    assert all(str(week(after, n)["STATUS"]) == "CONFIRMED" for n in range(9, min(cancelled)))


def test_weeks_a_replan_turns_into_a_break_are_cancelled(runner: CliRunner, tmp_path: Path) -> None:
    # A study block of a week the learner now takes off must leave the calendar; a
    # week that was a break all along never had a block, so nothing is sent for it.
    run(runner, PLAN)
    before = by_uid(export(runner, tmp_path / "a.ics", today="2027-01-11"))
    run(runner, ["replan", "--break", "2027-03-01:2027-03-14"], today="2027-01-11")
    after = by_uid(export(runner, tmp_path / "b.ics", today="2027-01-11"))
    for n in (9, 10):  # 2027-03-01 to 03-14
        uid = f"intermediate-week-{n}@mlpath"
        assert str(before[uid]["STATUS"]) == "CONFIRMED"
        assert str(after[uid]["STATUS"]) == "CANCELLED"
        assert _seq(after[uid]) > _seq(before[uid])
    for n in (5, 6):  # the plan's own break, 2027-02-01 to 02-14
        assert f"intermediate-week-{n}@mlpath" not in before
        assert f"intermediate-week-{n}@mlpath" not in after


def test_undo_of_a_done_milestone_still_raises_the_sequence(
    runner: CliRunner, tmp_path: Path
) -> None:
    plan = json.loads(run(runner, PLAN).stdout)
    ms = plan["milestones"][0]["id"]
    uid = next(u for u, e in by_uid(export(runner, tmp_path / "0.ics")).items() if ms in u)
    seqs = []
    for step in (["done", ms], ["undo"]):
        run(runner, step, today="2027-03-01")
        seqs.append(_seq(by_uid(export(runner, tmp_path / "x.ics", today="2027-03-01"))[uid]))
    assert seqs[0] < seqs[1]


@pytest.mark.parametrize(
    ("text", "delta"),
    [("1d", timedelta(days=1)), ("2h", timedelta(hours=2)), ("30m", timedelta(minutes=30))],
)
def test_alarm_adds_a_valarm_before_each_event(
    runner: CliRunner, tmp_path: Path, text: str, delta: timedelta
) -> None:
    run(runner, PLAN)
    cal = export(runner, tmp_path / "a.ics", "--alarm", text)
    for ev in events(cal):
        alarms = ev.walk("VALARM")
        assert len(alarms) == 1
        assert alarms[0]["ACTION"] == "DISPLAY"
        assert alarms[0]["TRIGGER"].dt == -delta
        assert str(alarms[0]["DESCRIPTION"]) == str(ev["SUMMARY"])


def test_alarms_repeat_and_bad_ones_are_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, PLAN)
    cal = export(runner, tmp_path / "a.ics", "--alarm", "1d", "--alarm", "2h")
    triggers = {a["TRIGGER"].dt for a in events(cal)[0].walk("VALARM")}
    assert triggers == {-timedelta(days=1), -timedelta(hours=2)}
    for bad in ("tomorrow", "1x", "-1d", "5w"):
        result = runner.invoke(app, ["export", "ics", "--alarm", bad])
        assert result.exit_code == 2, (bad, result.stderr)
        assert "Traceback" not in result.stderr and "reminder" in result.stderr
    result = runner.invoke(app, ["export", "markdown", "--alarm", "1d"])
    assert result.exit_code == 2 and "--alarm only applies" in result.stderr


def test_no_plan_is_a_clear_failure_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    result = runner.invoke(app, ["export", "ics", "-o", str(out)])
    assert result.exit_code == 1
    assert "no active plan" in result.stderr and "mlpath plan" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() and not list(tmp_path.glob(".plan.ics*"))


def test_stdout_from_a_real_process_is_the_same_calendar(
    runner: CliRunner, tmp_path: Path, isolated: Path
) -> None:
    run(runner, PLAN)
    in_file = by_uid(export(runner, tmp_path / "a.ics"))
    env = {**os.environ, "MLPATH_TODAY": START}
    proc = subprocess.run(
        [sys.executable, "-m", "mlpath", "export", "ics"],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"\r\r\n" not in proc.stdout
    piped = by_uid(Calendar.from_ical(proc.stdout))
    assert piped.keys() == in_file.keys()
    assert all(without_stamp(piped[u]) == without_stamp(in_file[u]) for u in piped)


def _reimport(calendar: dict[str, Any], export_: dict[str, Any]) -> dict[str, Any]:
    """What an RFC 5546 calendar holds after importing `export_`: an event replaces the
    one with its UID only with a higher SEQUENCE."""
    out = dict(calendar)
    for uid, ev in export_.items():
        if uid not in out or _seq(ev) > _seq(out[uid]):
            out[uid] = ev
    return out


@pytest.mark.parametrize(
    "change",
    [
        ["reopen", "tuned-models-logged"],  # the milestone leaves its done day
        ["done", "tuned-models-logged", "--note", "a late note"],  # a note on it
        ["skip", "optimizers"],  # every later date moves
    ],
)
def test_every_change_a_calendar_shows_raises_the_sequence(
    runner: CliRunner, tmp_path: Path, change: list[str]
) -> None:
    # An event that changed keeps an equal SEQUENCE only if nothing told the calendar:
    # re-importing must show the new export, whatever command changed it.
    run(runner, PLAN)
    run(runner, ["done", "tuned-models-logged"], today="2027-02-20")
    before = by_uid(export(runner, tmp_path / "a.ics", today="2027-02-20"))
    run(runner, change, today="2027-02-20")
    after = by_uid(export(runner, tmp_path / "b.ics", today="2027-02-20"))
    changed = [
        u
        for u in before.keys() & after.keys()
        if without_stamp(before[u]) != without_stamp(after[u])
    ]
    assert changed
    calendar = _reimport(before, after)
    assert [u for u in changed if without_stamp(calendar[u]) != without_stamp(after[u])] == []


def test_weeks_a_skip_removes_are_cancelled(runner: CliRunner, tmp_path: Path) -> None:
    # `skip` ends the plan earlier: the study blocks past the new end must leave the
    # calendar (cancelled under their UIDs), as a replan's do.
    run(runner, PLAN)
    before = by_uid(export(runner, tmp_path / "a.ics", today="2027-01-11"))
    for item in ("generative-models", "self-supervised-learning", "reinforcement-learning"):
        run(runner, ["skip", item], today="2027-01-11")
    after = by_uid(export(runner, tmp_path / "b.ics", today="2027-01-11"))
    calendar = _reimport(before, after)
    live = sorted(
        int(u.split("-week-")[1].split("@")[0])
        for u, ev in calendar.items()
        if kind(ev) == "week" and str(ev["STATUS"]) != "CANCELLED"
    )
    shown = sorted(
        int(u.split("-week-")[1].split("@")[0])
        for u, ev in after.items()
        if kind(ev) == "week" and str(ev["STATUS"]) != "CANCELLED"
    )
    assert len(shown) < len([u for u in before if "-week-" in u])  # the plan got shorter
    assert live == shown
