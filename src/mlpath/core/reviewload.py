"""A level review load: fuzz, balancing, a daily cap on carried reviews, a forecast.

Pure, and free of randomness: what looks random is seeded by the card's id (its
item id) and the review's index, so two machines and a merge give every card the
same dates.

- Fuzz (for reviews recorded with state version 3 ids; older reviews keep their
  dates exactly): the interval FSRS gives may move inside fsrs's own fuzz bounds
  (none below 2.5 days; +-1 day plus 15% of the part between 2.5 and 7 days, 10%
  between 7 and 20 and 5% beyond, never below 2 days);
- balancing: inside that window the day with the fewest reviews already due wins
  (ties: the day nearest the seeded fuzz pick, then the earlier);
- carried reviews: a review due on the j-th day of a stretch without study time
  (a weekend, a break) is done on the j-th study day after it, and the carried
  ones (left over ones too) take at most a daily cap (`review_cap_minutes`,
  assumed 30, and never less than one review), lowest retrievability first; the
  reviews due on the day itself are always that day's;
- a forecast: review minutes per week for the next weeks, each card answered
  "good" on the day it falls due.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from mlpath.core.review import GOOD_LADDER, PARAMETERS, Card, good_days

DEFAULT_CAP_MINUTES = 30  # assumed: no document gives a figure
FORECAST_WEEKS = 8
MAX_INTERVAL = 36500  # fsrs's maximum interval (days)
FUZZ_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, float("inf"), 0.05))
_DECAY = -PARAMETERS[20]
_FACTOR = 0.9 ** (1 / _DECAY) - 1


def fuzz_window(interval: int) -> tuple[int, int]:
    """fsrs's bounds for a fuzzed interval of `interval` days (both included)."""
    if interval < 2.5:
        return interval, interval
    delta = 1.0
    for start, end, factor in FUZZ_RANGES:
        delta += factor * max(min(float(interval), end) - start, 0.0)
    lo = max(2, round(interval - delta))
    hi = min(round(interval + delta), MAX_INTERVAL)
    return min(lo, hi), hi


def seeded(card: str, index: int) -> float:
    """A number in [0, 1) fixed by the card and the review's index."""
    from hashlib import blake2b

    digest = blake2b(f"{card}\x00{index}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def balanced_day(
    base: date,
    interval: int,
    card: str,
    index: int,
    load: dict[date, int],
    study: Callable[[date], bool] | None = None,
) -> date:
    """The day a review made on `base` falls due: inside the fuzz window of
    `interval`, a study day if there is one (`study`), the lightest by `load` (the
    reviews each study day takes, those carried to it included), nearest the
    seeded fuzz pick."""
    lo, hi = fuzz_window(interval)
    if lo == hi:
        return base + timedelta(days=lo)
    pick = min(round(seeded(card, index) * (hi - lo + 1) + lo - 0.5), hi)

    def key(k: int) -> tuple[int, int, int, int]:
        day = base + timedelta(days=k)
        off = 0 if study is None or study(day) else 1
        return off, load.get(study_day_of(day, study), 0), abs(k - pick), k

    return base + timedelta(days=min(range(lo, hi + 1), key=key))


def study_day_of(day: date, study: Callable[[date], bool] | None) -> date:
    """The study day a review due on `day` is done on: that day if it has study
    time; else, for the j-th day of a stretch without study time (a weekend, a
    break), the j-th study day after it, so carried reviews keep their spacing
    instead of landing on one day."""
    if study is None or study(day):
        return day
    j = 1
    while j < 400 and not study(day - timedelta(days=j)):
        j += 1
    seen = 0
    for k in range(1, 800):
        if study(day + timedelta(days=k)):
            seen += 1
            if seen == j:
                return day + timedelta(days=k)
    return day


def retrievability(card: Card, today: date) -> float:
    """FSRS's probability of recall today (lowest first among carried reviews)."""
    since = card.last_review or card.learned
    t = max((today - since).days, 0)
    return float((1 + _FACTOR * t / max(card.stability, 0.01)) ** _DECAY)


def today_and_waiting(
    due: Iterable[Card],
    today: date,
    minutes_each: int,
    cap: int,
    study: Callable[[date], bool] | None = None,
    done_today: int = 0,
) -> tuple[list[Card], list[Card]]:
    """(reviews for today, reviews waiting for the next study days): the cards due
    today, then the carried ones whose study day has come (`study_day_of`), lowest
    retrievability first, while their minutes fit under `cap` (with today's own and
    the `done_today` reviews already recorded today, so a day's cap holds once its
    reviews are done rather than making room for more)."""
    cards = list(due)
    own = [c for c in cards if c.due >= today]
    later = [c for c in cards if c.due < today and study_day_of(c.due, study) > today]
    carried = sorted(
        (c for c in cards if c.due < today and study_day_of(c.due, study) <= today),
        key=lambda c: (retrievability(c, today), c.item),
    )
    # a cap below one review (a plan's --review-minutes past config's cap) would take
    # none, and they would wait for ever: a day's cap holds at least one review
    room = max(cap, minutes_each) - (len(own) + done_today) * minutes_each
    taken: list[Card] = []
    waiting: list[Card] = []
    for c in carried:
        if minutes_each == 0 or room >= minutes_each:
            taken.append(c)
            room -= minutes_each
        else:
            waiting.append(c)
    chosen = {id(c) for c in (*own, *taken)}
    return [c for c in cards if id(c) in chosen], waiting + later  # in the order given


def forecast_minutes(
    cards: Iterable[Card],
    planned: Iterable[date],
    today: date,
    minutes_each: int,
    weeks: int = FORECAST_WEEKS,
) -> list[tuple[date, int]]:
    """(first day, review minutes) for each of the next `weeks` weeks from today:
    the cards' reviews (an overdue one today), each answered "good" the day it is
    due, and those of the items `planned` to be finished on those days."""
    last = today + timedelta(days=7 * weeks - 1)
    counts = [0] * weeks

    def add(day: date) -> None:
        if today <= day <= last:
            counts[(day - today).days // 7] += 1

    for card in cards:
        for day in good_days(card, today, last):
            add(day)
    lo, hi = today.toordinal(), last.toordinal()
    for finished in planned:  # in ordinals: a 10,000-item plan asks this of every item
        at = finished.toordinal()
        for k in GOOD_LADDER:
            if at + k > hi:
                break  # the ladder only climbs
            if at + k >= lo:
                counts[(at + k - lo) // 7] += 1
    return [(today + timedelta(days=7 * i), n * minutes_each) for i, n in enumerate(counts)]
