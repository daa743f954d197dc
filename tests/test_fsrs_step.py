"""core/fsrs_step.py against the fsrs package it stands in for.

mlpath rates cards with its own copy of fsrs's arithmetic (fsrs's import cost
`review ITEM RATING` ~25-40 ms). fsrs stays installed as the reference: every
step of a random history must give what `fsrs.Scheduler.review_card` gives with
mlpath's configuration, equal to the float, and no command may import fsrs.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import traced
from mlpath.core import fsrs_step, review
from mlpath.core.daterange import FIRST_DAY, LAST_DAY
from mlpath.core.fsrs_step import AGAIN, EASY, GOOD, HARD, Memory, Model

MODEL = Model(review.PARAMETERS, review.RETENTION)


def fsrs_scheduler() -> fsrs.Scheduler:
    """fsrs as mlpath uses it: its default model pinned, no steps, no fuzz."""
    return fsrs.Scheduler(
        parameters=review.PARAMETERS,
        desired_retention=review.RETENTION,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


# When a review comes after the one before it: a few days (0 = the same day, fsrs's
# short-term stability), or a share of the interval fsrs gave (early, on the due day
# at 100%, late).
WHEN = st.one_of(
    st.tuples(st.just("days"), st.integers(0, 3)),
    st.tuples(st.just("percent"), st.integers(0, 300)),
)
RATING = st.integers(AGAIN, EASY)


@settings(max_examples=400, deadline=None)
@given(
    learned=st.dates(FIRST_DAY, LAST_DAY),
    first=RATING,
    steps=st.lists(st.tuples(RATING, WHEN), max_size=30),
)
def test_every_step_is_what_fsrs_gives(
    learned: date, first: int, steps: list[tuple[int, tuple[str, int]]]
) -> None:
    sched = fsrs_scheduler()
    card = fsrs.Card(card_id=1, due=at(learned))
    memory: Memory | None = None
    day = learned
    history: list[review.Review] = []
    for seq, (rating, (kind, k)) in enumerate([(first, ("days", 0)), *steps]):
        if memory is not None:
            interval = (memory.due - memory.last_review).days
            gap = k if kind == "days" else round(interval * k / 100)
            # mlpath handles no day after LAST_DAY: a late review there is made on it
            day = min(memory.last_review + timedelta(days=gap), LAST_DAY)
            history.append(review.Review("x", day, review.RATINGS[rating - 1], seq))
        card, _ = sched.review_card(card, fsrs.Rating(rating), at(day))
        memory = MODEL.review(memory, rating, day)
        assert card.state == fsrs.State.Review  # no steps: a rated card is in review
        assert (memory.stability, memory.difficulty) == (card.stability, card.difficulty)
        assert at(memory.due) == card.due and at(memory.last_review) == card.last_review
    if first == GOOD:  # mlpath's cards: learning is a first "good" on the day done
        ours = review.card_of("x", learned, history)
        assert ours.due == min(card.due.date(), LAST_DAY)
        assert ours.stability == card.stability and ours.reviews == len(steps)


def test_the_bounds_are_the_installed_fsrs_own() -> None:
    """The clamps the step copies from fsrs (a new fsrs changing one would move dates:
    one more reason for the test extra's `fsrs<7`)."""
    from fsrs import scheduler as theirs

    assert fsrs_scheduler().maximum_interval == fsrs_step.MAXIMUM_INTERVAL
    assert theirs.STABILITY_MIN == fsrs_step.STABILITY_MIN
    assert (theirs.MIN_DIFFICULTY, theirs.MAX_DIFFICULTY) == (
        fsrs_step.MIN_DIFFICULTY,
        fsrs_step.MAX_DIFFICULTY,
    )
    assert [int(r) for r in fsrs.Rating] == [AGAIN, HARD, GOOD, EASY]


def test_first_ratings_by_hand() -> None:
    # A first rating's stability is its weight (w0-w3: 0.212, 1.2931, 2.3065, 8.2956).
    # At the 0.9 retention the decay is fitted to, the interval in days is the
    # stability rounded (at least 1): 1, 1, 2 and 8 days.
    # Difficulty w4 - e^(w5 (rating - 1)) + 1: for "good" 6.4133 - e^1.6668 + 1
    # = 6.4133 - 5.2952 + 1 = 2.1181; for "again" 6.4133 - 1 + 1 = 6.4133.
    day = date(2027, 3, 1)
    firsts = {r: MODEL.review(None, r, day) for r in (AGAIN, HARD, GOOD, EASY)}
    assert [m.stability for m in firsts.values()] == [0.212, 1.2931, 2.3065, 8.2956]
    assert [(m.due - day).days for m in firsts.values()] == [1, 1, 2, 8]
    assert firsts[GOOD].difficulty == pytest.approx(2.1181, abs=1e-4)
    assert firsts[AGAIN].difficulty == pytest.approx(6.4133)
    assert all(m.last_review == day for m in firsts.values())


def test_a_same_day_again_shortens_and_the_interval_is_clamped() -> None:
    day = date(2027, 3, 1)
    good = MODEL.review(None, GOOD, day)
    # the same day: short-term stability, S e^(w17 (1 - 3 + w18)) S^-w19 =
    # 2.3065 x e^(0.5425 x -1.9088) x 2.3065^-0.0658 = 2.3065 x 0.3551 x 0.9465 = 0.775
    again = MODEL.review(good, AGAIN, day)
    assert again.stability == pytest.approx(0.775, abs=1e-3)
    assert again.due == day + timedelta(days=1)  # round(0.775) = 1
    assert MODEL.next_interval(10**9) == 36500 and MODEL.next_interval(0.001) == 1


def test_a_same_day_hard_never_shortens_as_in_fsrs_6_3_2() -> None:
    """fsrs 6.3.2 clamps the same-day increase of "hard" at 1, as it did "good" and
    "easy" (6.3.1 and older did not: after a first "again", a "hard" that day took
    0.212 down to 0.143, which is why pyproject asks for fsrs 6.3.2). A first "again" is w0 = 0.212;
    the same day, "hard" gives 0.212 x e^(0.5425 x (2 - 3 + 0.0912)) x 0.212^-0.0658
    = 0.212 x 0.611 x 1.107 = 0.143 unclamped, so 0.212 clamped."""
    day = date(2027, 3, 1)
    again = MODEL.review(None, AGAIN, day)
    hard = MODEL.review(again, HARD, day)
    assert hard.stability == again.stability == 0.212


def env_for(home: Path, cache: Path, today: str) -> dict[str, str | None]:
    return {
        "MLPATH_HOME": str(home),
        "MLPATH_CACHE_DIR": str(cache),
        "MLPATH_TODAY": today,
        "COLUMNS": "100",
    }


def test_no_command_imports_fsrs(tmp_path: Path) -> None:
    home, cache = tmp_path / "home", tmp_path / "cache"

    def run(today: str, *args: str) -> str:
        proc, modules = traced(args, env_for(home, cache, today))
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert not {m for m in modules if m == "fsrs" or m.startswith("fsrs.")}, args
        return proc.stdout

    run("2027-01-04", "plan", "-r", "practical", "--start", "2027-01-04", "-H", "15")
    run("2027-01-18", "done", "statistics")
    out = json.loads(run("2027-01-20", "review", "statistics", "hard", "--json"))
    # learned ("good") on Jan 18, then "hard" two days later, by fsrs itself: under
    # 2.5 days, so no fuzz moves it
    sched = fsrs_scheduler()
    card, _ = sched.review_card(fsrs.Card(card_id=1), fsrs.Rating.Good, at(date(2027, 1, 18)))
    card, _ = sched.review_card(card, fsrs.Rating.Hard, at(date(2027, 1, 20)))
    assert out["reviewed"]["next_due"] == card.due.date().isoformat()
    for args in (["review"], ["next"], ["status"], ["export", "ics"], ["undo"]):
        run("2027-01-20", *args)
