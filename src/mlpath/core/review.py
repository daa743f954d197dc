"""Spaced review: every finished item is a review card scheduled with FSRS.

Pure: no terminal, no files, no clock. Cards are derived from the ledger (a
`done` event makes the card, `review` events rate it); nothing about a card is
stored. Scheduling is FSRS-6 at day granularity:

- no learning or relearning steps (those are minutes apart; a study plan
  counts days) and no fuzz, so the same history always gives the same dates;
- finishing an item is the card's first review, rated "good", on the day it
  was done: the first revisit comes a few days later;
- a review on day D is made at 00:00 UTC of D; a card is due on the date of
  its FSRS due time, and stays due until it is reviewed.

Each review is one step of core/fsrs_step.py: the fsrs package's own arithmetic
for this configuration, written out with `math` because importing fsrs cost
`mlpath review ITEM RATING` ~25-40 ms. No mlpath command imports fsrs; it stays
the reference the tests check the step against (tests/test_fsrs_step.py). A card
with no reviews of its own follows `GOOD_LADDER`, the days fsrs gives a card
answered "good" every time it falls due (tests/test_review.py checks the table
against fsrs itself).
"""

from __future__ import annotations

from datetime import date, timedelta

from mlpath.core.daterange import LAST_DAY
from mlpath.core.record import Record
from mlpath.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from mlpath.core.fsrs_step import Memory, Model

RATINGS = ("again", "hard", "good", "easy")
_GRADES = {r: n for n, r in enumerate(RATINGS, start=1)}  # fsrs's numbers 1-4
DEFAULT_MINUTES = 5  # per card and review, unless config or --review-minutes says otherwise
MAX_MINUTES = 120
RETENTION = 0.9  # fsrs's default desired retention

# fsrs 6's default model weights, pinned here (core/fsrs_step.py computes with them;
# no command reads fsrs's own defaults), so the review dates of saved plans never
# move with a package; tests/test_review.py holds them to fsrs 6's.
PARAMETERS = (
    0.212,
    1.2931,
    2.3065,
    8.2956,
    6.4133,
    0.8334,
    3.0194,
    0.001,
    1.8722,
    0.1666,
    0.796,
    1.4835,
    0.0614,
    0.2629,
    1.6483,
    0.6014,
    1.8729,
    0.5425,
    0.0912,
    0.0658,
    0.1542,
)

# Days from finishing an item to each of its reviews, when every review is
# answered "good" on the day it falls due (fsrs with PARAMETERS and RETENTION).
GOOD_LADDER = (2, 13, 59, 222, 719, 2065, 5357, 12755, 28221)
FIRST_STABILITY = PARAMETERS[2]  # stability after a first "good"


class Review(Record):
    __slots__ = ("item", "on", "rating", "seq", "v3")

    def __init__(self, item: str, on: date, rating: str, seq: int, v3: bool = False) -> None:
        self.item = item
        self.on = on
        self.rating = rating
        self.seq = seq
        # recorded with a state version 3 id: the date it sets is fuzzed and balanced
        # (core/reviewload.py); older reviews keep their dates exactly
        self.v3 = v3


class Card(Record):
    """A finished item as a review card: when it was learned, when it is due."""

    __slots__ = (
        "item",
        "learned",
        "due",
        "reviews",
        "last_review",
        "last_rating",
        "stability",
        "difficulty",
    )

    def __init__(
        self,
        item: str,
        learned: date,
        due: date,
        reviews: int = 0,
        last_review: date | None = None,
        last_rating: str | None = None,
        stability: float = FIRST_STABILITY,
        difficulty: float | None = None,
    ) -> None:
        self.item = item
        self.learned = learned
        self.due = due
        self.reviews = reviews  # reviews recorded with `mlpath review`
        self.last_review = last_review
        self.last_rating = last_rating
        self.stability = stability
        self.difficulty = difficulty  # None: a first "good"'s (no reviews of its own)

    def is_due(self, today: date) -> bool:
        return self.due <= today

    def overdue_days(self, today: date) -> int:
        return max((today - self.due).days, 0)


_MODEL: Model | None = None


def model() -> Model:
    """FSRS with PARAMETERS and RETENTION (core/fsrs_step.py: fsrs's arithmetic,
    without importing fsrs)."""
    global _MODEL
    if _MODEL is None:
        from mlpath.core.fsrs_step import Model

        _MODEL = Model(PARAMETERS, RETENTION)
    return _MODEL


def _rate(memory: Memory | None, rating: str, day: date) -> Memory:
    """The card's memory after `rating` on `day` (None: the card is new)."""
    return model().review(memory, _GRADES[rating], day)


def _replayed(learned: date, history: list[Review]) -> Memory:
    """The card's memory after its learning ("good" that day) and these reviews, in order."""
    state = _rate(None, "good", learned)
    for r in history:
        # a review can't come before the learning it revisits (only a hand-edited file does that)
        state = _rate(state, r.rating, max(r.on, learned))
    return state


def _in_order(reviews: Iterable[Review]) -> list[Review]:
    return sorted(reviews, key=lambda r: (r.on, r.seq))


def card_of(item: str, learned: date, reviews: Iterable[Review] = ()) -> Card:
    """The card of an item finished on `learned`, after its reviews (any order)."""
    # Due dates are clamped to the last date mlpath handles (core/dates.py).
    history = _in_order(reviews)
    if not history:
        return Card(item, learned, min(learned + timedelta(days=GOOD_LADDER[0]), LAST_DAY))
    state = _replayed(learned, history)
    last = history[-1]
    return Card(
        item,
        learned,
        min(state.due, LAST_DAY),
        reviews=len(history),
        last_review=last.on,
        last_rating=last.rating,
        stability=state.stability,
        difficulty=state.difficulty,
    )


def good_days(card: Card, first: date, last: date) -> list[date]:
    """The days from `first` to `last` a card takes review time if it is answered
    "good" each day it falls due (an overdue one on `first`): fsrs from the card's
    own memory, so a forgotten card comes back soon and an easy one late."""
    from mlpath.core.fsrs_step import GOOD, Memory

    difficulty = card.difficulty
    if difficulty is None:
        difficulty = _rate(None, "good", card.learned).difficulty
    state = Memory(card.stability, difficulty, card.due, card.last_review or card.learned)
    out: list[date] = []
    day = max(card.due, first)
    while day <= last:
        out.append(day)
        state = model().review(state, GOOD, day)
        day = state.due
    return out


def review_days(learned: date, until: date, reviews: Iterable[Review] = ()) -> list[date]:
    """The days a card learned on `learned` takes review time in the plan, up to
    `until`: each review recorded on the day it fell due, or earlier if it was
    made earlier (a review made late leaves the plan's past as it was laid: past
    days keep their past), then the ones expected if each is answered "good" the
    day it falls due."""
    history = _in_order(reviews)
    if not history:
        return [d for k in GOOD_LADDER if (d := learned + timedelta(days=k)) <= until]
    out: list[date] = []
    state = _rate(None, "good", learned)
    for r in history:
        on = max(r.on, learned)
        expected = min(state.due, on)
        if expected <= until:
            out.append(expected)
        state = _rate(state, r.rating, on)
    day = state.due
    while day <= until and len(out) < len(history) + 64:
        out.append(day)
        state = _rate(state, "good", day)
        day = state.due
    return out


_KEYS: type = type({}.keys())  # collections.abc.KeysView, without importing it


def cards_of(
    done: dict[str, date],
    reviews: dict[str, list[Review]],
    known: Iterable[str] | None = None,
    study: Callable[[date], bool] | None = None,
) -> dict[str, Card]:
    """The cards of the done items (item -> day done), in the order given;
    `known`: only these ids (items no longer in the roadmap have no card)."""
    # a plan's items come as its dict's keys: looked up as they are, not copied
    keep = known if known is None or isinstance(known, (set, frozenset, _KEYS)) else set(known)
    out = {
        item: card_of(item, on, reviews.get(item, ()))
        for item, on in done.items()
        if keep is None or item in keep
    }
    if any(r.v3 for item in out for r in reviews.get(item, ())):
        _balance(out, reviews, study)
    return out


def _balance(
    cards: dict[str, Card],
    reviews: dict[str, list[Review]],
    study: Callable[[date], bool] | None,
) -> None:
    """The due dates set by version 3 reviews, fuzzed and balanced in event order
    (core/reviewload.py): each against the due dates of the other cards then, on
    the study days (`study`) they will be done on."""
    from mlpath.core.reviewload import balanced_day, study_day_of

    load: dict[date, int] = {}

    def move(day: date, by: int) -> None:
        on = study_day_of(day, study)
        load[on] = load.get(on, 0) + by

    history = {item: _in_order(reviews.get(item, ())) for item in cards}
    order = sorted(
        (r.seq, item, i) for item, rs in history.items() for i, r in enumerate(rs) if r.v3
    )
    # each card enters the load when it is learned, due on its first ladder step;
    # a legacy review moves it as fsrs says (without fuzz)
    learned = sorted(cards.values(), key=lambda c: (c.learned, c.item))
    entered = 0
    states: dict[str, tuple[int, Memory]] = {}
    due = {c.item: c.learned + timedelta(days=GOOD_LADDER[0]) for c in learned}
    for _, item, index in order:
        card = cards[item]
        while entered < len(learned) and learned[entered].learned <= history[item][index].on:
            move(due[learned[entered].item], 1)
            entered += 1
        done_upto, state = states.get(item, (0, _rate(None, "good", card.learned)))
        rs = history[item]
        for r in rs[done_upto : index + 1]:
            state = _rate(state, r.rating, max(r.on, card.learned))
        states[item] = (index + 1, state)
        on = max(rs[index].on, card.learned)
        base = state.due
        move(due[item], -1)
        new = balanced_day(on, (base - on).days, item, index + 1, load, study)
        due[item] = min(new, LAST_DAY)
        move(due[item], 1)
    for item, rs in history.items():
        if rs and rs[-1].v3:  # set by a version 3 review (a legacy last one keeps its date)
            cards[item].due = due[item]


def review_load(
    done: dict[str, date],
    reviews: dict[str, list[Review]],
    until: date,
    known: Iterable[str] | None = None,
) -> dict[date, int]:
    """How many reviews fall due on each day up to `until`, if every card is
    reviewed "good" on the day it falls due (for the scheduler's capacity)."""
    # a plan's items come as its dict's keys: looked up as they are, not copied
    keep = known if known is None or isinstance(known, (set, frozenset, _KEYS)) else set(known)
    load: dict[date, int] = {}
    for item, on in done.items():
        if keep is not None and item not in keep:
            continue
        for day in review_days(on, until, reviews.get(item, ())):
            load[day] = load.get(day, 0) + 1
    return load


def good_ladder(count: int = len(GOOD_LADDER)) -> tuple[int, ...]:
    """GOOD_LADDER computed step by step (core/fsrs_step.py), for the tests."""
    learned = date(2000, 1, 1)
    state = _replayed(learned, [])
    out = []
    for _ in range(count):
        day = state.due
        out.append((day - learned).days)
        state = _rate(state, "good", day)
    return tuple(out)


def parse_rating(text: str) -> str:
    """again | hard | good | easy, a prefix of one (`g`), or fsrs's number 1-4."""
    t = text.strip().lower()
    if t in ("1", "2", "3", "4"):
        return RATINGS[int(t) - 1]
    found = [r for r in RATINGS if t and r.startswith(t)]
    if len(found) != 1:
        raise UsageError(
            f"'{text}' is not a rating.",
            "Rate how well you remembered it: again, hard, good or easy (or 1-4).",
        )
    return found[0]
