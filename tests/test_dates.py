"""What learners type for dates, study days, breaks and weekly hours.

Every expected date is worked out by hand from a calendar: 2027-01-04 is a
Monday, 2027-01-03 a Sunday; 2028 is a leap year, 2027 is not.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from fractions import Fraction as F
from typing import Any

import pytest

from mlpath.core.dates import parse_break, parse_date, parse_days, parse_weekly_hours
from mlpath.errors import UsageError

MON = date(2027, 1, 4)
SUN = date(2027, 1, 3)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        # ISO
        ("2027-01-04", MON, date(2027, 1, 4)),
        ("2026-12-21", MON, date(2026, 12, 21)),
        (" 2027-01-04 ", MON, date(2027, 1, 4)),
        # words
        ("today", MON, MON),
        ("  TODAY ", MON, MON),
        ("tomorrow", MON, date(2027, 1, 5)),
        ("Tomorrow", SUN, MON),
        ("yesterday", MON, SUN),
        # next <weekday>: the coming one; on that very weekday, a week later
        ("next monday", MON, date(2027, 1, 11)),
        ("next monday", SUN, date(2027, 1, 4)),
        ("next sunday", SUN, date(2027, 1, 10)),
        ("next fri", MON, date(2027, 1, 8)),
        ("Next  Wednesday", MON, date(2027, 1, 6)),
        # bare weekdays: the coming one (never today)
        ("monday", MON, date(2027, 1, 11)),
        ("mon", SUN, MON),
        ("friday", MON, date(2027, 1, 8)),
        ("sun", MON, date(2027, 1, 10)),
        ("thurs", MON, date(2027, 1, 7)),
        # this <weekday>: today counts; last <weekday>: the most recent before today
        ("this monday", MON, MON),
        ("this saturday", MON, date(2027, 1, 9)),
        ("last monday", MON, date(2026, 12, 28)),
        ("last sunday", MON, SUN),
        ("last friday", MON, date(2027, 1, 1)),
        # relative
        ("+3d", MON, date(2027, 1, 7)),
        ("+2w", MON, date(2027, 1, 18)),
        ("+0d", MON, MON),
        ("-1d", date(2027, 1, 1), date(2026, 12, 31)),
        ("+ 10 d", MON, date(2027, 1, 14)),
        ("+1m", MON, date(2027, 2, 4)),
        ("+1m", date(2027, 1, 31), date(2027, 2, 28)),  # month end: no Feb 31 in 2027
        ("+1m", date(2028, 1, 31), date(2028, 2, 29)),  # ... nor in 2028, but a Feb 29
        ("+1m", date(2027, 12, 15), date(2028, 1, 15)),  # across the year end
        ("-1m", date(2027, 3, 31), date(2027, 2, 28)),
        ("+1y", date(2028, 2, 29), date(2029, 2, 28)),
        # natural forms dateutil reads unambiguously
        ("4 jan 2027", MON, date(2027, 1, 4)),
        ("January 4, 2027", SUN, date(2027, 1, 4)),
        ("Jan 4th, 2027", MON, date(2027, 1, 4)),
        ("Monday, January 4, 2027", MON, date(2027, 1, 4)),
        ("fri 8 jan 2027", MON, date(2027, 1, 8)),
        ("4 January", MON, date(2027, 1, 4)),  # no year: its nearest occurrence
        ("4 jan", date(2026, 12, 20), date(2027, 1, 4)),  # typed in December: next month
        ("20 dec", date(2027, 1, 3), date(2026, 12, 20)),  # a fortnight ago, not in a year
        ("tuesday 5 jan", date(2026, 12, 20), date(2027, 1, 5)),
        ("31/12/2027", MON, date(2027, 12, 31)),  # 31 cannot be a month
        ("12/31/2027", MON, date(2027, 12, 31)),
        ("01/01/2027", MON, date(2027, 1, 1)),  # either reading is the same day
        ("13.1.2027", MON, date(2027, 1, 13)),
        ("2027/01/04", MON, date(2027, 1, 4)),
        # leap days and year ends
        ("2028-02-29", MON, date(2028, 2, 29)),
        ("29 feb 2028", MON, date(2028, 2, 29)),
        ("2027-12-31", MON, date(2027, 12, 31)),
        ("tomorrow", date(2027, 12, 31), date(2028, 1, 1)),
        ("+1d", date(2028, 2, 28), date(2028, 2, 29)),
        ("+1d", date(2027, 2, 28), date(2027, 3, 1)),
        ("yesterday", date(2027, 1, 1), date(2026, 12, 31)),
        ("next monday", date(2027, 12, 31), date(2028, 1, 3)),  # 2027-12-31 is a Friday
        ("+1w", date(2027, 12, 28), date(2028, 1, 4)),
    ],
)
def test_valid_dates(text: str, today: date, expected: date) -> None:
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("4 jan", date(2026, 12, 20), date(2026, 1, 4)),  # --on: what was done is in the past
        ("20 dec", date(2026, 12, 20), date(2026, 12, 20)),
        ("21 dec", date(2026, 12, 20), date(2025, 12, 21)),
        ("4 jan 2027", date(2026, 12, 20), date(2027, 1, 4)),  # a year given is kept
    ],
)
def test_dates_of_things_done_without_a_year_are_the_latest_past_one(
    text: str, today: date, expected: date
) -> None:
    assert parse_date(text, today, past=True) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2027-02-29", "not a real date"),  # 2027 is not a leap year
        ("29 feb 2027", "not a real date"),
        ("2027-13-01", "not a real date"),
        ("2027-00-10", "not a real date"),
        ("31 april 2027", "not a real date"),
        ("32 jan 2027", "not a real date"),
        ("01/02/2027", "ambiguous"),  # 1 Feb or 2 Jan?
        ("05.06.2027", "ambiguous"),
        ("1/2/27", "ambiguous"),
        ("jan 2027", "which day"),
        ("2027", "which day"),
        ("4 jan 2027 10:00", "time of day"),
        ("tuesday 4 jan 2027", "is a Monday"),  # the weekday and the date disagree
        ("soon", "Cannot read"),
        ("next blursday", "Cannot read"),
        ("next week", "Cannot read"),
        ("3 weeks", "Cannot read"),
        ("+3x", "Cannot read"),
        ("1e5", "Cannot read"),
        ("5", "Cannot read"),
        ("tomorrow at noon", "Cannot read"),
        ("monday next", "Cannot read"),
        ("+2000y", "outside the dates mlpath handles"),
        ("+99999y", "outside the dates mlpath handles"),
        ("+999999w", "outside the dates mlpath handles"),  # parses: far, not unreadable
        ("-999999w", "outside the dates mlpath handles"),
        ("+9999999999d", "outside the dates mlpath handles"),
        ("+" + "9" * 5000 + "m", "outside the dates mlpath handles"),
        ("1899-12-31", "outside the dates mlpath handles"),
        ("9999-01-01", "outside the dates mlpath handles"),
    ],
)
def test_invalid_dates_name_the_input(text: str, says: str) -> None:
    with pytest.raises(UsageError) as exc:
        parse_date(text, MON)
    message = str(exc.value)
    assert says in message
    assert text in message or text.lower() in message
    assert "\n" not in message


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_date_is_an_error(text: str) -> None:
    with pytest.raises(UsageError, match="empty date"):
        parse_date(text, MON)


# --- study days ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon,wed,sat", (0, 2, 5)),
        ("sat,wed,mon", (0, 2, 5)),  # order does not matter
        ("Mon, Wed", (0, 2)),
        ("mon wed", (0, 2)),
        ("mon,mon", (0,)),
        ("monday,tuesday", (0, 1)),
        ("weekdays", (0, 1, 2, 3, 4)),
        ("weekends", (5, 6)),
        ("all", (0, 1, 2, 3, 4, 5, 6)),
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("fri-mon", (0, 4, 5, 6)),  # a range may wrap over the weekend
        ("mon-wed,sat", (0, 1, 2, 5)),
        ("sun", (6,)),
    ],
)
def test_study_days(text: str, expected: tuple[int, ...]) -> None:
    assert parse_days(text) == expected


@pytest.mark.parametrize(
    ("text", "names"), [("funday", "funday"), ("mon,xyz", "xyz"), ("1,2", "1"), ("", "")]
)
def test_bad_study_days(text: str, names: str) -> None:
    with pytest.raises(UsageError) as exc:
        parse_days(text)
    assert f"'{names}'" in str(exc.value) or not names


# --- breaks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-21:2027-01-03", (date(2026, 12, 21), date(2027, 1, 3))),
        ("2027-01-10:2027-01-10", (date(2027, 1, 10), date(2027, 1, 10))),
        ("2027-01-10", (date(2027, 1, 10), date(2027, 1, 10))),  # a single day
        ("today:+1w", (MON, date(2027, 1, 11))),
        ("next monday:+3w", (date(2027, 1, 11), date(2027, 1, 25))),
    ],
)
def test_breaks(text: str, expected: tuple[date, date]) -> None:
    assert parse_break(text, MON) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2027-01-10:2027-01-01", "ends before it starts"),
        (":2027-01-01", "first and a last day"),
        ("2027-01-01:", "first and a last day"),
        ("2027-01-01:soon", "soon"),
        ("2027-02-29:2027-03-05", "2027-02-29"),
    ],
)
def test_bad_breaks(text: str, says: str) -> None:
    with pytest.raises(UsageError, match=says):
        parse_break(text, MON)


# --- weekly hours -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10", F(10)),
        ("7.5", F(15, 2)),
        ("10/3", F(10, 3)),  # exact: never 3.3333
        ("0.5", F(1, 2)),
        ("100", F(100)),
        (" 8 ", F(8)),
        (12, F(12)),
    ],
)
def test_weekly_hours(text: str | int, expected: F) -> None:
    assert parse_weekly_hours(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("0", "more than zero"),
        ("-1", "more than zero"),
        ("0.4", "too little"),
        ("101", "more than anyone"),
        ("abc", "Cannot read 'abc'"),
        ("1/0", "Cannot read '1/0'"),
        ("nan", "Cannot read"),
        ("inf", "Cannot read"),
    ],
)
def test_bad_weekly_hours(text: str, says: str) -> None:
    with pytest.raises(UsageError, match=says):
        parse_weekly_hours(text)


# --- DST: plans are calendar dates, whatever the time zone -----------------------------


def _plan_json(tz: str, *args: str) -> dict[str, object]:
    env = {**os.environ, "TZ": tz, "MLPATH_TODAY": "2027-03-06"}
    proc = subprocess.run(
        [sys.executable, "-m", "mlpath", "plan", "--json", "--dry-run", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    data: dict[str, object] = json.loads(proc.stdout)
    return data


def test_plans_across_dst_changes_are_the_same_in_every_zone() -> None:
    # practical (intermediate), 390 h at 10 h/week every day = 273 days from Mon 2027-03-08 ("next monday"
    # on Sat 2027-03-06): day 24 = Mar 31, 54 = Apr 30, 85 = May 31, 115 = Jun 30,
    # 146 = Jul 31, 177 = Aug 31, 207 = Sep 30, 238 = Oct 31, 268 = Nov 30, 273 = Dec 5.
    # It crosses the US (Mar 14, Nov 7) and UK (Mar 28, Oct 31) clock changes of 2027.
    args = (
        "-r",
        "practical",
        "-l",
        "int",
        "-H",
        "10",
        "--start",
        "next monday",
        "--break",
        "+3w:+4w",
    )
    # the break runs from Sat Mar 27 to Sat Apr 3 (8 days), so the finish moves to Dec 13
    plans = {tz: _plan_json(tz, *args) for tz in ("America/New_York", "Europe/London", "UTC")}
    ny, london, utc = plans.values()
    assert ny == london == utc
    assert ny["start"] == "2027-03-08"
    assert ny["finish"] == "2027-12-13"
    weeks = ny["weeks"]
    assert isinstance(weeks, list)
    starts = [date.fromisoformat(w["start"]) for w in weeks]
    assert all(b - a == timedelta(days=7) for a, b in zip(starts, starts[1:], strict=False))
    # the week with the US change (Mar 8-14) and the UK one (Mar 22-28) hold full capacity
    # for their study days: a 23-hour day is still a study day
    assert weeks[0]["hours"] == 10
    # week 3 (Mar 22-28) loses Sat 27 and Sun 28 to the break: 5 x 10/7 = 50/7 h
    assert weeks[2]["start"] == "2027-03-22"
    assert weeks[2]["hours"] == pytest.approx(50 / 7)


def test_a_rest_day_on_the_last_handled_date_names_no_later_day(cli: Any) -> None:
    """Tue 2999-12-31 is a rest day of a Wednesdays-only plan; its next study day would
    be Wed 3000-01-01, past the one date range (1900-2999) mlpath reads or writes, so
    `next --json` names none and the screen shows a dash."""
    made = cli("plan", "-r", "practical", "-H", "10", "--days", "wed", "-s", "2027-01-04")
    assert made.exit_code == 0, made.output
    shown = cli("next", "--json", today="2999-12-31")
    assert shown.exit_code == 0, shown.output
    day = json.loads(shown.stdout)["day"]
    assert day["kind"] == "rest"
    assert day["next_study_day"] is None
    text = cli("next", today="2999-12-31")
    assert text.exit_code == 0, text.output
    assert "3000" not in text.stdout and "next study day —" in text.stdout


@pytest.mark.parametrize(
    ("text", "hours"),
    [("7h30", F(15, 2)), ("450m", F(15, 2)), ("7:30", F(15, 2))],
)
def test_weekly_hours_take_the_forms_log_takes(text: str, hours: F) -> None:
    assert parse_weekly_hours(text) == hours


@pytest.mark.parametrize(("text", "said"), [("0m", "more than zero"), ("200h", "200 hours a week")])
def test_weekly_hours_as_durations_are_checked_as_numbers_are(text: str, said: str) -> None:
    with pytest.raises(UsageError, match=said):
        parse_weekly_hours(text)


FAR = ("+999999w", "-999999w", "+99999999d")


@pytest.mark.parametrize(
    "args",
    [
        ("log", "1", "--on"),
        ("done", "1", "--on"),
        ("did", "arxiv", "--on"),
        ("plan", "-r", "complete", "--dry-run", "--start"),
        ("plan", "-r", "complete", "--dry-run", "--finish-by"),
        ("plan", "-r", "complete", "--dry-run", "--break"),
        ("replan", "--dry-run", "--from"),
        ("replan", "--dry-run", "--finish-by"),
        ("replan", "--dry-run", "--deadline"),
    ],
)
def test_a_far_relative_date_is_out_of_range_for_every_option(
    cli: Any, args: tuple[str, ...]
) -> None:
    """+999999w parses (a count of weeks from today): it is too far, not unreadable."""
    made = cli("plan", "-r", "complete", "-H", "10", "-s", "2027-01-04", today="2027-01-04")
    assert made.exit_code == 0, made.output
    for far in FAR:
        value = f"1={far}" if args[-1] == "--deadline" else far
        got = cli(*args, value, today="2027-01-04")
        assert got.exit_code == 2, (args, far, got.output)
        assert "outside the dates mlpath handles" in got.output and far in got.output
        assert "Cannot read" not in got.output


@pytest.mark.parametrize("typer", ["", "1"])
def test_a_far_relative_date_is_out_of_range_in_both_parsers(tmp_path: Any, typer: str) -> None:
    env = {
        **os.environ,
        "MLPATH_HOME": str(tmp_path / "home"),
        "MLPATH_CONFIG_DIR": str(tmp_path / "config"),
        "MLPATH_CACHE_DIR": str(tmp_path / "cache"),
        "MLPATH_TODAY": "2027-01-04",
        "MLPATH_NO_FASTPATH": typer,
    }
    run = [sys.executable, "-m", "mlpath"]
    made = subprocess.run([*run, "plan", "-H", "10"], env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    got = subprocess.run(
        [*run, "log", "1", "--on", "+999999w"], env=env, capture_output=True, text=True
    )
    assert got.returncode == 2
    assert "outside the dates mlpath handles" in got.stderr and "+999999w" in got.stderr
