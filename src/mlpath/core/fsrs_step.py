"""One FSRS-6 review at day granularity, with `math` alone.

What `fsrs.Scheduler.review_card` gives for mlpath's configuration (no learning
or relearning steps, no fuzz, every review at 00:00 UTC of its day), so that no
mlpath command imports the fsrs package: its import (dataclasses with inspect,
typing_extensions, random) cost `mlpath review ITEM RATING` ~25-40 ms, over
half of the command.

Without steps a card is in fsrs's Review state after its first rating, and again
("forgot") keeps it there. The formulas, their order of operations and their
float expressions (`math.e ** x`, not `math.exp(x)`, which may differ in the last
bit) are fsrs 6.3.2's (6.3.1 and older left a same-day "hard" unclamped:
pyproject asks for 6.3.2), so stability and difficulty come out equal to the float and
due dates equal to the day. tests/test_fsrs_step.py checks that against the
installed fsrs on random histories; fsrs is a test tool only (pyproject's test
extra, `fsrs>=6.3.2,<7`, keeps that reference from moving).

Pure: no clock, no randomness, no files.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from mlpath.core.record import Record

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4  # fsrs's rating numbers
MAXIMUM_INTERVAL = 36500  # fsrs's default maximum interval (days)
STABILITY_MIN = 0.001
MIN_DIFFICULTY, MAX_DIFFICULTY = 1.0, 10.0


class Memory(Record):
    """A card's FSRS memory after a review: what fsrs's Card holds for it."""

    __slots__ = ("stability", "difficulty", "due", "last_review")

    def __init__(self, stability: float, difficulty: float, due: date, last_review: date) -> None:
        self.stability = stability
        self.difficulty = difficulty
        self.due = due  # the day fsrs's due time falls on
        self.last_review = last_review


class Model:
    """FSRS-6 with these 21 weights and this desired retention."""

    __slots__ = ("w", "retention", "maximum_interval", "_decay", "_factor", "_easy_difficulty")

    def __init__(
        self,
        parameters: tuple[float, ...],
        retention: float,
        maximum_interval: int = MAXIMUM_INTERVAL,
    ) -> None:
        if len(parameters) != 21:
            raise ValueError(f"FSRS-6 takes 21 parameters, not {len(parameters)}")
        self.w = parameters
        self.retention = retention
        self.maximum_interval = maximum_interval
        self._decay = -parameters[20]
        self._factor = 0.9 ** (1 / self._decay) - 1
        # the mean difficulty reverts to: an "easy" first rating's, unclamped
        self._easy_difficulty = self._initial_difficulty(EASY)

    def review(self, memory: Memory | None, rating: int, day: date) -> Memory:
        """The memory after rating a card on `day` (`memory` None: a new card)."""
        if memory is None:
            stability = max(self.w[rating - 1], STABILITY_MIN)
            difficulty = _clamp_difficulty(self._initial_difficulty(rating))
        else:
            # fsrs: the stability first (from the old difficulty), then the difficulty
            elapsed = (day - memory.last_review).days
            if elapsed < 1:
                stability = self._short_term_stability(memory.stability, rating)
            else:
                stability = self._next_stability(memory, rating, self._retrievability(memory, day))
            difficulty = self._next_difficulty(memory.difficulty, rating)
        return Memory(
            stability, difficulty, day + timedelta(days=self.next_interval(stability)), day
        )

    def next_interval(self, stability: float) -> int:
        """Whole days to the next review at the desired retention, 1 to the maximum."""
        days: float = (stability / self._factor) * ((self.retention ** (1 / self._decay)) - 1)
        return min(max(round(days), 1), self.maximum_interval)

    def _retrievability(self, memory: Memory, day: date) -> float:
        elapsed = max(0, (day - memory.last_review).days)
        retrievability: float = (1 + self._factor * elapsed / memory.stability) ** self._decay
        return retrievability

    def _initial_difficulty(self, rating: int) -> float:
        w = self.w
        difficulty: float = w[4] - (math.e ** (w[5] * (rating - 1))) + 1
        return difficulty

    def _short_term_stability(self, stability: float, rating: int) -> float:
        w = self.w
        increase: float = (math.e ** (w[17] * (rating - 3 + w[18]))) * (stability ** -w[19])
        if rating != AGAIN:
            increase = max(increase, 1.0)
        return max(stability * increase, STABILITY_MIN)

    def _next_difficulty(self, difficulty: float, rating: int) -> float:
        w = self.w
        delta = -(w[6] * (rating - 3))
        damped = difficulty + (10.0 - difficulty) * delta / 9.0  # linear damping
        reverted = w[7] * self._easy_difficulty + (1 - w[7]) * damped  # mean reversion
        return _clamp_difficulty(reverted)

    def _next_stability(self, memory: Memory, rating: int, retrievability: float) -> float:
        w = self.w
        d, s, r = memory.difficulty, memory.stability, retrievability
        stability: float
        if rating == AGAIN:
            long_term = (
                w[11] * (d ** -w[12]) * (((s + 1) ** (w[13])) - 1) * (math.e ** ((1 - r) * w[14]))
            )
            short_term = s / (math.e ** (w[17] * w[18]))
            stability = min(long_term, short_term)
        else:
            hard_penalty = w[15] if rating == HARD else 1
            easy_bonus = w[16] if rating == EASY else 1
            stability = s * (
                1
                + (math.e ** (w[8]))
                * (11 - d)
                * (s ** -w[9])
                * ((math.e ** ((1 - r) * w[10])) - 1)
                * hard_penalty
                * easy_bonus
            )
        return max(stability, STABILITY_MIN)


def _clamp_difficulty(difficulty: float) -> float:
    return min(max(difficulty, MIN_DIFFICULTY), MAX_DIFFICULTY)
