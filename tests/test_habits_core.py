"""The habits' time as the scheduler lays it (core/habits.py -> `Settings.habits`), and
the timer's arithmetic (core/timer.py), worked out by hand on the bundled roadmaps.

complete's habits: foundational-papers 2 (of 2–3) a week x 120 min in Phase 5;
arxiv-titles 1 a day x 5 min on every study day; leetcode-mediums 1 a day x 45 min in
the 6 weeks before each interview.
"""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

from mlpath.core.habits import habit_loads, interview_windows, with_habits
from mlpath.core.ledger import Ledger, Timer
from mlpath.core.method import method_of
from mlpath.core.schedule import HabitLoad, Settings
from mlpath.core.timer import capped_end, session_minutes, timed_logs
from mlpath.store.catalog import resolve

COMPLETE = resolve("complete")


def settings(**kw: object) -> Settings:
    return Settings("beginner", Fraction(14), date(2027, 1, 4), **kw)  # type: ignore[arg-type]


def test_every_study_day_carries_the_daily_habits_and_a_weekly_one_is_spread() -> None:
    loads = {h.id: h for h in habit_loads(method_of(COMPLETE), settings())}
    assert set(loads) == {"foundational-papers", "arxiv-titles"}  # no interview: no LeetCode
    # 2 papers x 120 min over 7 study days
    assert loads["foundational-papers"] == HabitLoad(
        "foundational-papers", frozenset({5}), None, Fraction(240, 7)
    )
    assert loads["arxiv-titles"] == HabitLoad("arxiv-titles", None, None, Fraction(5))
    # three study days: 240 / 3 = 80 min on each
    three = habit_loads(method_of(COMPLETE), settings(days=(0, 2, 5)))
    assert next(h for h in three if h.id == "foundational-papers").minutes_per_day == 80


def test_interviews_open_windows_that_join_when_they_overlap() -> None:
    leetcode = method_of(COMPLETE).habit("leetcode-mediums")
    assert leetcode is not None
    # 6 weeks before 2027-03-01 is 2027-01-18..02-28; before 2027-03-15: 02-01..03-14
    assert interview_windows(leetcode, (date(2027, 3, 1), date(2027, 3, 15))) == [
        (date(2027, 1, 18), date(2027, 3, 14))
    ]
    loads = habit_loads(
        method_of(COMPLETE),
        settings(
            interviews=(date(2027, 3, 1), date(2027, 9, 1)), no_habits=frozenset({"arxiv-titles"})
        ),
    )
    assert [(h.id, h.window, h.minutes_per_day) for h in loads if h.id == "leetcode-mediums"] == [
        ("leetcode-mediums", (date(2027, 1, 18), date(2027, 2, 28)), Fraction(45)),
        ("leetcode-mediums", (date(2027, 7, 21), date(2027, 8, 31)), Fraction(45)),
    ]
    assert "arxiv-titles" not in {h.id for h in loads}


def test_settings_carry_their_habits_and_a_roadmap_without_any_none() -> None:
    assert len(with_habits(COMPLETE, settings()).habits) == 2
    assert with_habits(resolve("practical"), settings()).habits == ()


def _timer(tid: str, begin: str, end: str | None) -> Timer:
    return Timer(tid, begin, 1, end=end)


def test_overlapping_sessions_count_their_union_and_split_at_midnight() -> None:
    led = Ledger()
    a = _timer("aaaaaaaa-1", "2027-01-04T22:00", "2027-01-05T00:30")
    b = _timer("bbbbbbbb-1", "2027-01-04T23:00", "2027-01-05T01:00")
    led.timers = {a.id: a, b.id: b}
    per = session_minutes([a, b])
    # a: 22:00-24:00 (120) and 00:00-00:30 (30); b only what a did not cover: 00:30-01:00
    assert per == {
        "aaaaaaaa-1": {date(2027, 1, 4): 120, date(2027, 1, 5): 30},
        "bbbbbbbb-1": {date(2027, 1, 5): 30},
    }
    assert sum((g.hours for g in timed_logs(led)), Fraction(0)) == 3  # 22:00-01:00


def test_the_cap_cuts_a_session_at_its_length() -> None:
    begin = datetime(2027, 1, 4, 9, 0)
    assert capped_end(begin, datetime(2027, 1, 5, 8, 0), 240) == (datetime(2027, 1, 4, 13, 0), True)
    assert capped_end(begin, datetime(2027, 1, 4, 12, 0), 240) == (
        datetime(2027, 1, 4, 12, 0),
        False,
    )
