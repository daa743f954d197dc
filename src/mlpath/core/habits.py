"""The documents' habits on the learner's calendar: what the scheduler lays
(`HabitLoad`), what `next` lists today, and what the dashboard counts.

Pure. A habit (core/method.py) runs in some phases, on every study day, or in
the weeks before each interview date the learner set (`plan --interview`); the
learner may opt out of one (`--no-habit`). A daily habit takes count x minutes of
each study day it runs on; a weekly habit's count x minutes are spread evenly over
the week's study days. A habit's time is study time, never credited effort:
`mlpath did HABIT` records it (core/ledger.py `Did`).
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from mlpath.core.method import Habit, Method, method_of
from mlpath.core.schedule import HabitLoad, Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypedDict

    from mlpath.core.ledger import Ledger
    from mlpath.core.roadmap import Roadmap
    from mlpath.core.schedule import Schedule

    class HabitSettings(TypedDict):
        interviews: tuple[date, ...]
        no_habits: frozenset[str]


def interview_windows(habit: Habit, interviews: tuple[date, ...]) -> list[tuple[date, date]]:
    """The days before each interview the habit runs on (first, last), overlapping
    windows joined so no day is laid twice."""
    if habit.interview_weeks is None:
        return []
    spans = sorted(
        (d - timedelta(weeks=habit.interview_weeks), d - timedelta(days=1)) for d in interviews
    )
    out: list[tuple[date, date]] = []
    for a, b in spans:
        if out and a <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def minutes_per_day(habit: Habit, settings: Settings) -> Fraction:
    total = Fraction(habit.count * habit.minutes)
    return total if habit.per == "day" else total / len(settings.days)


def habit_loads(method: Method, settings: Settings) -> tuple[HabitLoad, ...]:
    """The habits' time for the scheduler, for these settings (never saved)."""
    out: list[HabitLoad] = []
    for h in method.habits:
        if h.id in settings.no_habits:
            continue
        per_day = minutes_per_day(h, settings)
        if h.interview_weeks is not None:
            out += [
                HabitLoad(h.id, None, w, per_day) for w in interview_windows(h, settings.interviews)
            ]
        else:
            out.append(HabitLoad(h.id, h.phases, None, per_day))
    return tuple(out)


def with_habits(roadmap: Roadmap, settings: Settings) -> Settings:
    """`settings` with its `habits` derived from the roadmap (core/schedule.py lays them)."""
    loads = habit_loads(method_of(roadmap), settings)
    if loads == settings.habits:
        return settings
    values = {name: getattr(settings, name) for name in Settings.__slots__}
    values["habits"] = loads
    return Settings(**values)


def phase_on(schedule: Schedule, day: date) -> int | None:
    """The phase the plan lays on `day`: that of its first topic or project due then or later."""
    last = None
    for it in schedule.items.values():
        if it.skipped or it.kind == "milestone" or it.due is None:
            continue
        last = it.phase
        if it.due >= day:
            return it.phase
    return last


def active_on(habit: Habit, schedule: Schedule, day: date) -> bool:
    """Whether the habit runs on `day` (a study day of the plan, in its phases or window)."""
    s = schedule.settings
    if habit.id in s.no_habits or not s.capacity_on(day):
        return False
    if day < s.start or day > schedule.finish:
        return habit.interview_weeks is not None and _in_window(habit, s, day)
    if habit.interview_weeks is not None:
        return _in_window(habit, s, day)
    return habit.runs_in(phase_on(schedule, day))


def _in_window(habit: Habit, s: Settings, day: date) -> bool:
    return any(a <= day <= b for a, b in interview_windows(habit, s.interviews))


def done_between(ledger: Ledger, habit_id: str, first: date, last: date) -> int:
    return sum(d.count for d in ledger.dids if d.habit == habit_id and first <= d.on <= last)


def today_view(
    method: Method, schedule: Schedule, ledger: Ledger, today: date
) -> list[dict[str, object]]:
    """The habits that run today (daily) or this week (weekly), with what is done."""
    out: list[dict[str, object]] = []
    number = schedule.week_number(today)
    first, last = schedule.week_bounds(max(number, 1))
    for h in method.habits:
        if h.per == "day":
            if not active_on(h, schedule, today):
                continue
            done = done_between(ledger, h.id, today, today)
        else:
            week = [first + timedelta(days=i) for i in range(7)]
            if not any(active_on(h, schedule, d) for d in week):
                continue
            done = done_between(ledger, h.id, first, last)
        out.append(
            {
                **habit_fields(h),
                "done": done,
            }
        )
    return out


def streak(habit: Habit, schedule: Schedule, ledger: Ledger, today: date) -> int:
    """Days (daily habits) or plan weeks (weekly ones) in a row the habit was kept, up
    to today: today (or this week) counts once kept, and days it does not run on are
    passed over."""
    done_days: dict[date, int] = {}
    for d in ledger.dids:
        if d.habit == habit.id:
            done_days[d.on] = done_days.get(d.on, 0) + d.count
    if habit.per == "day":
        n = 0
        day = today
        for _ in range(366 * 3):
            if day < schedule.settings.start - timedelta(weeks=habit.interview_weeks or 0):
                break
            if active_on(habit, schedule, day):
                if done_days.get(day, 0) >= habit.count:
                    n += 1
                elif day != today:
                    break
            day -= timedelta(days=1)
        return n
    n = 0
    number = schedule.week_number(today)
    while number >= 1:
        first, last = schedule.week_bounds(number)
        days = [first + timedelta(days=i) for i in range(7)]
        if any(active_on(habit, schedule, d) for d in days):
            kept = sum(done_days.get(d, 0) for d in days) >= habit.count
            if kept:
                n += 1
            elif number != schedule.week_number(today):
                break
        number -= 1
    return n


def weekly_counts(habit_id: str, schedule: Schedule, ledger: Ledger) -> dict[int, int]:
    """Times done per plan week (week number -> count)."""
    out: dict[int, int] = {}
    for d in ledger.dids:
        if d.habit == habit_id:
            n = schedule.week_number(d.on)
            out[n] = out.get(n, 0) + d.count
    return out


def habit_ids(
    roadmap: Roadmap, given: tuple[str, ...] | None, keep: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The roadmap's habits named by `--no-habit ID` (`none` alone clears, for replan;
    not given: `keep`, those of them still in the roadmap)."""
    from mlpath.core.choices import refs
    from mlpath.errors import UsageError

    if given is None:
        return frozenset(h.id for h in method_of(roadmap).habits if h.id in keep)
    known = [h.id for h in method_of(roadmap).habits]
    for ref in refs(given):
        if ref not in known:
            raise UsageError(
                f"--no-habit {ref}: the roadmap '{roadmap.id}' has no such habit.",
                f"Its habits are {', '.join(known)}."
                if known
                else "Its document states no habits to opt out of.",
            )
    return frozenset(refs(given))


def interview_dates(
    given: tuple[str, ...] | None, today: date, keep: tuple[date, ...] = ()
) -> tuple[date, ...]:
    """`--interview DATE` (repeatable; `none` alone clears, for replan; not given: `keep`)."""
    from mlpath.core.dates import parse_date

    if given is None:
        return keep
    texts = [t.strip() for t in given]  # an empty one is an error (parse_date), never "none"
    if [t.lower() for t in texts] == ["none"]:
        return ()
    return tuple(sorted({parse_date(t, today) for t in texts}))


def habit_settings(
    roadmap: Roadmap,
    interviews: tuple[str, ...] | None,
    no_habits: tuple[str, ...] | None,
    today: date,
    old: Settings | None = None,
) -> HabitSettings:
    """`plan`/`replan`'s `--interview` and `--no-habit` as Settings fields; a replan
    keeps the `old` ones where an option is not given."""
    return {
        "interviews": interview_dates(interviews, today, keep=old.interviews if old else ()),
        "no_habits": habit_ids(roadmap, no_habits, keep=old.no_habits if old else frozenset()),
    }


def habit_fields(h: Habit) -> dict[str, Any]:
    """What every view of a habit shows of it (next's list, the dashboard, exports)."""
    return {
        "id": h.id,
        "title": h.title,
        "per": h.per,
        "count": h.count,
        "count_text": h.count_text,
        "minutes": h.minutes,
        "mode": h.mode,
    }
