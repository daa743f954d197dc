"""Parsing what learners type for dates, weekdays, breaks and durations.

Pure functions: `today` is always an argument, never read from the clock.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from fractions import Fraction

from mlpath.core.daterange import RANGE_TEXT, in_range
from mlpath.core.numbers import number
from mlpath.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_NAMES = {
    **{d: i for i, d in enumerate(WEEKDAYS)},
    **{n: i for i, n in enumerate(d.lower() for d in _DAY_NAMES)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
# Patterns as text: `re` compiles one the first time a command reads such input
# (and keeps it), so the commands that never parse a date pay nothing for them.
_ISO = r"^(\d{4})-(\d{2})-(\d{2})$"
_RELATIVE = r"^([+-])\s*(\d+)\s*([dwmy])$"  # any count: too far is out of range


def check_in_range(d: date, what: str) -> date:
    """`d`, or a UsageError when it is outside the dates mlpath handles."""
    if not in_range(d):
        raise UsageError(
            f"{what} ({d.isoformat()}) is outside the dates mlpath handles ({RANGE_TEXT}).",
            "Use a date in that range.",
        )
    return d


def _iso(text: str) -> date | None:
    m = re.match(_ISO, text)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise UsageError(
            f"'{text}' is not a real date.", "Use a date that exists, like 2027-01-04."
        ) from None


def parse_date(text: str, today: date, *, past: bool = False) -> date:
    """ISO dates, today/tomorrow/yesterday, weekdays, +3d/+2w/+1m, and
    unambiguous natural dates (dateutil). Anything else is a UsageError naming it.

    Weekdays: `monday` and `next monday` are the coming Monday, a week ahead when
    today is a Monday; `this monday` is today on a Monday; `last monday` is the most
    recent Monday before today. A natural date without a year ("4 jan") is the
    nearest one to today. With `past` (what was done: `--on`), a bare weekday and a
    date without a year are the latest such day not after today."""
    raw = text
    text = " ".join(text.strip().lower().split())
    if not text:
        raise UsageError("An empty date was given.", "Use a date like 2027-01-04 or 'today'.")
    found = _iso(text)
    if found is not None:
        return _sane(found, raw, today)
    if text == "today":
        return _sane(today, raw, today)
    if text == "tomorrow":
        return _sane(today + timedelta(days=1), raw, today)
    if text == "yesterday":
        return _sane(today - timedelta(days=1), raw, today)
    m = re.match(_RELATIVE, text)
    if m:
        unit = m[3]
        try:
            n = int(m[2]) * (1 if m[1] == "+" else -1)  # past 4300 digits: ValueError
            if unit == "d":
                return _sane(today + timedelta(days=n), raw, today)
            if unit == "w":
                return _sane(today + timedelta(weeks=n), raw, today)
            from dateutil.relativedelta import relativedelta

            delta = relativedelta(months=n) if unit == "m" else relativedelta(years=n)
            return _sane(today + delta, raw, today)
        except (OverflowError, ValueError):  # beyond what Python's dates hold at all
            raise _out_of_range(raw) from None
    words = text.split(" ")
    if len(words) in (1, 2) and words[-1] in WEEKDAY_NAMES:
        if len(words) == 2 and words[0] not in ("next", "this", "last"):
            raise _bad(raw)
        target = WEEKDAY_NAMES[words[-1]]
        if words[0] == "last":  # the most recent one before today
            return _sane(today - timedelta(days=(today.weekday() - target) % 7 or 7), raw, today)
        if past and len(words) == 1:  # `log --on friday`: the Friday just gone, or today
            return _sane(today - timedelta(days=(today.weekday() - target) % 7), raw, today)
        ahead = (target - today.weekday()) % 7
        if len(words) == 2 and words[0] == "next" or ahead == 0 and len(words) == 1:
            # "next monday" on a Monday means a week later; a bare weekday is the coming one.
            ahead = ahead or 7
        return _sane(today + timedelta(days=ahead), raw, today)
    return _natural(text, raw, today, past)


def read_as(typed: str, day: date) -> str:
    """The date a typed form was read as, for a sentence ("DATE, "): nothing when it
    was typed as that very date, which would only be said twice."""
    return "" if typed.strip() == day.isoformat() else f"{day.isoformat()}, "


def _bad(raw: str) -> UsageError:
    return UsageError(
        f"Cannot read '{raw}' as a date.",
        "Use 2027-01-04, today, tomorrow, next monday, +3d or +2w.",
    )


def _natural(text: str, raw: str, today: date, past: bool = False) -> date:
    """dateutil for forms like '4 jan 2027' or 'January 4, 2027', refusing ambiguity."""
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", text):
        a, b = (int(x) for x in re.split(r"[/.-]", text)[:2])
        if a <= 12 and b <= 12 and a != b:
            raise UsageError(
                f"'{raw}' is ambiguous (day/month or month/day?).",
                "Write it as an ISO date, like 2027-01-04.",
            )
    if not re.search(r"[a-z]", text) and not re.search(r"\d{4}", text):
        raise _bad(raw)
    from dateutil import parser

    try:
        # Two different defaults expose fields dateutil filled in by itself.
        d1 = parser.parse(text, default=_default(today, 1), dayfirst=False, fuzzy=False)
        d2 = parser.parse(text, default=_default(today, 2), dayfirst=False, fuzzy=False)
    except (ValueError, OverflowError, TypeError) as exc:
        if "out of range" in str(exc):
            raise UsageError(
                f"'{raw}' is not a real date.", "Use a date that exists, like 2027-01-04."
            ) from None
        raise _bad(raw) from None
    if d1.tzinfo is not None:  # `A..B`, `A/B`: dateutil took the second date for a time zone
        raise _bad(raw)
    if d1.day != d2.day:
        raise UsageError(f"'{raw}' does not say which day.", "Give a full date, like 2027-01-04.")
    if d1.hour or d1.minute or d1.second:
        raise UsageError(f"'{raw}' has a time of day; give a date only.")
    found = d1.date()
    try:
        other_year = parser.parse(text, default=d1.replace(year=d1.year + 4), fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        other_year = d1
    if other_year.year != d1.year:
        found = _nearest_year(found, today, past)
        d1 = d1.replace(year=found.year)
    named = {WEEKDAY_NAMES[w] for w in re.findall(r"[a-z]+", text) if w in WEEKDAY_NAMES}
    if named and named != {d1.weekday()}:
        raise UsageError(
            f"'{raw}' does not add up: {d1.date().isoformat()} is a {_DAY_NAMES[d1.weekday()]}.",
            "Check the day or the date.",
        )
    return _sane(d1.date(), raw, today)


def _nearest_year(d: date, today: date, past: bool) -> date:
    """A date typed without a year: its nearest occurrence to today (`4 jan` typed in
    December is next month), or the latest one not after today for what was done."""
    options = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            options.append(d.replace(year=year))
        except ValueError:  # 29 feb in a year without one
            continue
    if past:
        earlier = [o for o in options if o <= today]
        return max(earlier) if earlier else d
    return min(options, key=lambda o: (abs((o - today).days), o < today)) if options else d


def _default(today: date, day: int) -> datetime:
    return datetime(today.year, today.month, day)


def _out_of_range(raw: str) -> UsageError:
    return UsageError(
        f"'{raw.strip()}' is outside the dates mlpath handles ({RANGE_TEXT}).", "Check the year."
    )


def _sane(d: date, raw: str, today: date) -> date:
    if not in_range(d):
        raise _out_of_range(raw)
    return d


def parse_days(text: str) -> tuple[int, ...]:
    """'mon,wed,sat' -> (0, 2, 5). Also 'all', 'weekdays', 'weekends'."""
    t = text.strip().lower()
    if t in ("all", "every", "everyday", "daily"):
        return tuple(range(7))
    if t == "weekdays":
        return (0, 1, 2, 3, 4)
    if t == "weekends":
        return (5, 6)
    days: set[int] = set()
    for part in re.split(r"[,\s]+", t):
        if not part:
            continue
        if "-" in part:
            a, _, b = part.partition("-")
            if a in WEEKDAY_NAMES and b in WEEKDAY_NAMES:
                i, j = WEEKDAY_NAMES[a], WEEKDAY_NAMES[b]
                days.update((i + k) % 7 for k in range((j - i) % 7 + 1))
                continue
        if part not in WEEKDAY_NAMES:
            raise UsageError(
                f"'{part}' is not a day of the week.",
                "Use three-letter days separated by commas, like mon,wed,sat.",
            )
        days.add(WEEKDAY_NAMES[part])
    if not days:
        raise UsageError("No study days were given.", "Use e.g. --days mon,wed,sat.")
    return tuple(sorted(days))


def format_days(days: tuple[int, ...]) -> str:
    if len(days) == 7:
        return "every day"
    return ",".join(WEEKDAYS[d] for d in days)


def parse_break(text: str, today: date) -> tuple[date, date]:
    """'2026-12-21:2027-01-03' (inclusive) -> (start, end)."""
    if ":" not in text:
        try:
            day = parse_date(text, today)
        except UsageError as exc:  # `A..B`, `A to B`: say how a break is written
            raise UsageError(
                exc.message, "A break is one day or FIRST:LAST, e.g. 2026-12-21:2027-01-03."
            ) from None
        return day, day
    a, _, b = text.partition(":")
    if not a.strip() or not b.strip():
        raise UsageError(
            f"The break '{text}' needs a first and a last day.",
            "Write it as FIRST:LAST, e.g. 2026-12-21:2027-01-03.",
        )
    start, end = parse_date(a, today), parse_date(b, today)
    if end < start:
        raise UsageError(
            f"The break '{text}' ends before it starts.",
            "Write it as FIRST:LAST, e.g. 2026-12-21:2027-01-03.",
        )
    return start, end


# A number as people type one: 2, 1.5, .5 or 5. (as `--hours` reads them too)
_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)"
_HOURS = (
    rf"^(?:(?P<h>{_NUMBER})\s*h(?:ours?|rs?)?\s*(?:(?P<hm>\d+)\s*(?:m(?:in(?:utes?)?)?)?)?"
    rf"|(?P<m>{_NUMBER})\s*m(?:in(?:utes?)?)?"
    rf"|(?P<plain>{_NUMBER}|\d+/\d+)"
    r"|(?P<clock>\d+):(?P<cm>\d{2}))$"
)


def looks_negative(text: str) -> bool:
    """A minus and a number (`-2`, `- .5`): hours given below zero, told apart
    from text that is not hours at all."""
    rest = text.strip()
    if not rest.startswith("-"):
        return False
    first = rest[1:].lstrip()[:1]
    return first == "." or first.isdecimal()


def parse_duration_hours(
    text: str, *, what: str = "hours", maximum: Fraction = Fraction(24)
) -> Fraction:
    """'1.5', '90m', '1h30', '1h 30m', '1:30' -> exact hours; must be > 0 and <= maximum."""
    t = text.strip().lower()
    whole, dot, part = t.partition(".")
    if whole.isdecimal() and (not dot or part.isdecimal()):  # "2", "1.5": no pattern needed
        return _checked_hours(Fraction(t), text, what, maximum)
    m = re.match(_HOURS, t)
    if not m:
        raise UsageError(
            f"Cannot read '{text}' as {what}.", "Use a number of hours like 1.5, or 90m, or 1h30."
        )
    if m["plain"] is not None:
        value = Fraction(m["plain"])
    elif m["m"] is not None:
        value = Fraction(m["m"]) / 60
    elif m["clock"] is not None:
        if int(m["cm"]) >= 60:
            h, mins = divmod(int(m["clock"]) * 60 + int(m["cm"]), 60)
            raise UsageError(
                f"Cannot read '{text}' as {what}: minutes must be below 60.",
                f"Write {h}:{mins:02d} rather than {t}.",
            )
        value = Fraction(int(m["clock"])) + Fraction(int(m["cm"]), 60)
    else:
        if int(m["hm"] or 0) >= 60:
            total = Fraction(m["h"]) * 60 + int(m["hm"])
            h, mins = divmod(int(total), 60)
            raise UsageError(
                f"Cannot read '{text}' as {what}: minutes must be below 60.",
                # what was typed, carried over ("1.5h70" has no such form)
                f"Write {h}h{mins:02d} rather than {t}."
                if total.denominator == 1
                else "Write whole hours and minutes below 60, like 2h30.",
            )
        value = Fraction(m["h"]) + Fraction(int(m["hm"] or 0), 60)
    return _checked_hours(value, text, what, maximum)


def too_precise(value: Fraction, text: str, example: str) -> UsageError | None:
    """The error for a figure typed more precisely than the state keeps one (its exact
    text, `fraction_text`, has at most MAX_FIGURE_TEXT characters), else None: written
    as it is, the state would be refused as damaged by the next command."""
    from mlpath.core.shape import MAX_FIGURE_TEXT, fraction_text

    if len(fraction_text(value)) <= MAX_FIGURE_TEXT:
        return None
    return UsageError(
        f"'{text}' is more precise than mlpath records.", f"Round it, like {example}."
    )


def _checked_hours(value: Fraction, text: str, what: str, maximum: Fraction) -> Fraction:
    if value <= 0:
        raise UsageError(f"{what.capitalize()} must be more than zero, not '{text}'.")
    if value < Fraction(1, 60):
        raise UsageError(
            f"'{text}' is less than a minute.", "Record at least one minute, like 1m or 0.25."
        )
    if value > maximum:
        if what == "hours":  # time studied: more than a day holds
            raise UsageError(
                f"{text} is more {what} than fit ({maximum} at most).",
                "Check the number; split long sessions over several days.",
            )
        raise UsageError(
            f"'{text}' is more than {what} can be: {number(maximum)} h at most.",
            "Check the number.",
        )
    precise = too_precise(value, text, "1.25 or 1h15")
    if precise:
        raise precise
    return value


MAX_DAILY_HOURS = 24


def check_daily_hours(weekly: Fraction, days: tuple[int, ...]) -> None:
    """Hours a week spread over the study days must fit in the days: at most 24 h each."""
    if weekly > MAX_DAILY_HOURS * len(days):
        n = len(days)
        each = weekly / n
        shown = number(each)
        named = "every day" if n == 7 else format_days(days)
        raise UsageError(
            f"{number(weekly)} h a week on {n} study day{'s' if n != 1 else ''} "
            f"({named}) is {shown} h a day, more than a day holds.",
            f"Use at most {MAX_DAILY_HOURS * n} h a week with these days, "
            "or study on more days (--days).",
        )


def parse_weekly_hours(text: str | float) -> Fraction:
    """Hours per week for a plan: > 0, at most 100 (a sane bound: 14 h every day)."""
    t = str(text).strip()
    unreadable = UsageError(
        f"Cannot read '{text}' as hours per week.", "Use a number like 10 or 7.5."
    )
    try:
        # the figures `log` reads (10, 7.5, .5, 15/2), not all Fraction takes: "1e1",
        # "1_0" and "+8" are no way of writing hours
        if not re.fullmatch(rf"-?(?:{_NUMBER}|\d+/\d+)", t):  # (-1: "not zero")
            raise ValueError(t)
        value = Fraction(t)
    except (ValueError, ZeroDivisionError):
        if not any(c in t.lower() for c in "hm:"):
            raise unreadable from None
        try:  # the forms `log` takes too: 7h30, 450m, 7:30
            value = parse_duration_hours(t, what="hours per week", maximum=Fraction(1000))
        except UsageError as exc:
            if exc.message.startswith("Cannot read"):
                raise unreadable from None
            raise  # a duration, but not one of more than zero
        t = number(value)  # (said back as the hours it stands for)
    if value <= 0:
        raise UsageError(f"Hours per week must be more than zero, not '{t}'.")
    if value < Fraction(1, 2):
        raise UsageError(
            f"{t} hours a week is too little to plan with.", "Use at least 0.5 hours per week."
        )
    if value > 100:
        raise UsageError(
            f"{t} hours a week is more than anyone can study.", "Use at most 100 hours per week."
        )
    precise = too_precise(value, t, "7.5")
    if precise:
        raise precise
    return value


def parse_review_minutes(
    value: Any, maximum: int, what: str = "minutes per review", least: int = 0
) -> int:
    """Whole minutes, `least` to `maximum` (`5`, `5m`): per review, or `what` they are
    (review_cap_minutes' least is one review's minutes: less is no cap)."""
    if isinstance(value, bool):
        value = None
    text = str(value).strip().lower().removesuffix("min").removesuffix("m").strip()
    if text[:1] == "-" and text[1:].strip().isdigit():  # the sentence every negative gets
        raise UsageError(
            f"{what[:1].upper()}{what[1:]} must be {least} or more, not '{str(value).strip()}'.",
            f"Use a whole number from {least} to {maximum}, like 5.",
        )
    if text.isdigit() and int(text) > maximum:  # a number, just past the most
        raise UsageError(
            f"{what[:1].upper()}{what[1:]} must be at most {maximum}, not '{str(value).strip()}'.",
            f"Use a whole number from {least} to {maximum}, like 5.",
        )
    if not text.isdigit():
        raise UsageError(
            f"'{value}' is not a number of {what}; use a whole number from {least} to {maximum}, like 5."
        )
    if int(text) < least:  # one review's minutes: a smaller cap would take no review
        raise UsageError(
            f"{what[:1].upper()}{what[1:]} must be at least {least}, not {int(text)}: one "
            f"review takes {least} minutes by default, and the cap is for whole reviews."
        )
    return int(text)
