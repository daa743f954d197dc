"""The timer's sessions as study time: `mlpath start` ... `stop`, across machines.

Pure: `now` is an argument. A session is a `start` event and the `stop` (or
`cancel`) that names it (core/ledger.py pairs them, whichever machine wrote
which). Times are local, to the minute.

- Stopped time is study time credited exactly as `log` is: each session becomes
  log entries (`TimedLog`), one per local day it touches (split at midnight), so
  core/progress.py credits it by the same rules.
- Two machines running at once are one learner: overlapping sessions count as the
  union of their intervals, never twice (the earlier-started session keeps the
  shared minutes).
- A habit's session (`start HABIT`) is not logged: its `stop` records a `did`
  with the timed minutes (app/timer.py).
- A session longer than the cap is cut at the cap when it is stopped (`capped`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from fractions import Fraction

from mlpath.core.ledger import Ledger, Log, Timer

DEFAULT_CAP_MINUTES = 4 * 60  # config `timer_cap`
_FORMAT = "%Y-%m-%dT%H:%M"


def moment(text: str) -> datetime:
    return datetime.strptime(text, _FORMAT)


def stamp(when: datetime) -> str:
    return when.strftime(_FORMAT)


def minutes_between(begin: datetime, end: datetime) -> int:
    return max(int((end - begin).total_seconds() // 60), 0)


def capped_end(begin: datetime, end: datetime, cap_minutes: int) -> tuple[datetime, bool]:
    """Where a session stopped at `end` ends: at the cap when it ran longer."""
    limit = begin + timedelta(minutes=cap_minutes)
    return (limit, True) if end > limit else (end, False)


class TimedLog(Log):
    """Study time from a timer session on one day (not a `log` event)."""

    __slots__ = ("timer",)

    def __init__(self, on: date, hours: Fraction, timer: Timer) -> None:
        super().__init__(on, hours, timer.seq, None, timer.item, timer.mode)
        self.timer = timer.id


def running(ledger: Ledger) -> list[Timer]:
    """The sessions running now, earliest first (more than one: two machines at once)."""
    return sorted((t for t in ledger.timers.values() if t.running), key=lambda t: (t.begin, t.id))


def stopped(ledger: Ledger) -> list[Timer]:
    return sorted(
        (t for t in ledger.timers.values() if t.end is not None and not t.cancelled),
        key=lambda t: (t.begin, t.id),
    )


def _uncovered(
    a: datetime, b: datetime, covered: list[tuple[datetime, datetime]]
) -> list[tuple[datetime, datetime]]:
    """The parts of [a, b) that no interval in `covered` (sorted, disjoint) covers."""
    out: list[tuple[datetime, datetime]] = []
    cur = a
    for c, d in covered:
        if d <= cur or c >= b:
            continue
        if c > cur:
            out.append((cur, c))
        cur = max(cur, d)
        if cur >= b:
            break
    if cur < b:
        out.append((cur, b))
    return out


def _add(covered: list[tuple[datetime, datetime]], a: datetime, b: datetime) -> None:
    covered.append((a, b))
    covered.sort()
    merged: list[tuple[datetime, datetime]] = []
    for c, d in covered:
        if merged and c <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], d))
        else:
            merged.append((c, d))
    covered[:] = merged


def by_day(a: datetime, b: datetime) -> list[tuple[date, int]]:
    """Minutes of [a, b) per local day: split at midnight."""
    out: list[tuple[date, int]] = []
    while a < b:
        midnight = datetime.combine(a.date() + timedelta(days=1), datetime.min.time())
        end = min(b, midnight)
        out.append((a.date(), minutes_between(a, end)))
        a = end
    return out


def session_minutes(sessions: list[Timer]) -> dict[str, dict[date, int]]:
    """Each stopped session's own minutes per day, the union taken in start order."""
    covered: list[tuple[datetime, datetime]] = []
    out: dict[str, dict[date, int]] = {}
    for t in sessions:
        if t.end is None:
            continue
        a, b = moment(t.begin), moment(t.end)
        days: dict[date, int] = {}
        for c, d in _uncovered(a, b, covered):
            for day, m in by_day(c, d):
                days[day] = days.get(day, 0) + m
        if b > a:
            _add(covered, a, b)
        out[t.id] = days
    return out


def timed_logs(ledger: Ledger) -> list[TimedLog]:
    """The stopped sessions (habits' aside) as log entries, one per session and day."""
    sessions = [t for t in stopped(ledger) if t.habit is None]
    per = session_minutes(sessions)
    out: list[TimedLog] = []
    for t in sessions:
        for day, m in sorted(per[t.id].items()):
            if m:
                out.append(TimedLog(day, Fraction(m, 60), t))
    return out


def add_timed(ledger: Ledger) -> Ledger:
    """Put the timer's study time beside the logs, for one command run (never saved:
    compaction keeps the sessions themselves). Changes `ledger` in place."""
    if ledger.timers and not any(isinstance(g, TimedLog) for g in ledger.logs):
        ledger.logs.extend(timed_logs(ledger))
    return ledger


def overlap_minutes(ledger: Ledger, now: datetime | None = None) -> int:
    """Minutes during which two sessions ran at once (counted once, shown as overlap)."""
    spans: list[tuple[datetime, datetime]] = []
    for t in ledger.timers.values():
        if t.cancelled:
            continue
        end = t.end or (stamp(now) if now is not None else None)
        if end is None:
            continue
        spans.append((moment(t.begin), max(moment(end), moment(t.begin))))
    total = sum(minutes_between(a, b) for a, b in spans)
    covered: list[tuple[datetime, datetime]] = []
    for a, b in sorted(spans):
        _add(covered, a, b)
    return total - sum(minutes_between(a, b) for a, b in covered)


def last_capped(ledger: Ledger, today: date) -> Timer | None:
    """A session capped when it was stopped, ending yesterday or today: `next` says so
    the next morning."""
    found = [
        t
        for t in stopped(ledger)
        if t.capped and t.end is not None and 0 <= (today - moment(t.end).date()).days <= 1
    ]
    return found[-1] if found else None
