"""A roadmap's phases in order, each made when something first asks for it.

A roadmap read back from the cache keeps each phase's checked data apart
(store/catalog.py), so a new day's read of a 1,000-phase roadmap makes only the
phases it asks for: the one `next` shows resources from, the ones whose milestone
is done. What every run asks of all of them (each phase's number and title, and its
milestone's id) is kept beside, worked out once when the entry was made. A roadmap
parsed from YAML holds the same object with every phase made.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from mlpath.core.roadmap import Phase


class Phases:
    """The phases as a read-only sequence (it compares equal to the tuple of them)."""

    __slots__ = ("_made", "_make", "numbers", "titles", "milestones", "_where")

    def __init__(
        self,
        made: list[Phase | None],
        make: Callable[[int], Phase] | None,
        numbers: list[int],
        titles: list[str],
        milestones: list[str | None],
    ) -> None:
        self._made = made
        self._make = make  # the phase at a position, from its kept data
        self.numbers = numbers
        self.titles = titles
        self.milestones = milestones  # each phase's milestone id, or None
        self._where: dict[int, int] | None = None  # number -> position, when first asked

    @classmethod
    def of(cls, phases: Iterable[Phase]) -> Phases:
        """Phases already made (a roadmap parsed from YAML)."""
        every = list(phases)
        made: list[Phase | None] = [*every]
        return cls(
            made,
            None,
            [p.number for p in every],
            [p.title for p in every],
            [p.milestone.id if p.milestone is not None else None for p in every],
        )

    @classmethod
    def kept(
        cls,
        make: Callable[[int], Phase],
        numbers: list[int],
        titles: list[str],
        milestones: list[str | None],
    ) -> Phases:
        """Phases made from their kept data by `make(position)` when first asked for."""
        if not len(numbers) == len(titles) == len(milestones):
            raise ValueError("the kept phases do not line up")
        return cls([None] * len(numbers), make, numbers, titles, milestones)

    def __len__(self) -> int:
        return len(self._made)

    def at(self, i: int) -> Phase:
        found = self._made[i]
        if found is None:
            assert self._make is not None
            found = self._made[i] = self._make(i % len(self._made))
        return found

    def __getitem__(self, i: int) -> Phase:
        return self.at(i)

    def __iter__(self) -> Iterator[Phase]:
        for i in range(len(self._made)):
            yield self.at(i)

    def all(self) -> tuple[Phase, ...]:
        return tuple(self)

    def by_number(self, number: int | None) -> Phase | None:
        """The first phase numbered `number` (numbers are unique), or None."""
        where = self._where
        if where is None:
            where = {}
            for i, n in enumerate(self.numbers):
                where.setdefault(n, i)
            self._where = where
        at = where.get(number) if number is not None else None
        return None if at is None else self.at(at)

    def title_by_number(self) -> dict[int, str]:
        return dict(zip(self.numbers, self.titles, strict=True))

    def milestone_positions(self) -> list[tuple[str, int]]:
        """Each milestone's id with its phase's position, in roadmap order."""
        return [(m, i) for i, m in enumerate(self.milestones) if m is not None]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Phases):
            return self.all() == other.all()
        if isinstance(other, tuple):
            return self.all() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.all())

    def __repr__(self) -> str:
        return repr(self.all())
