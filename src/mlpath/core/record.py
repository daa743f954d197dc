"""A base for plain data classes that cost nothing at start-up.

`dataclasses` (and the `inspect` module it imports) adds ~30 ms to every
mlpath process, a third of the daily commands' budget. Model classes instead
declare `__slots__` and a typed `__init__`, and inherit repr, equality and
hashing from here. This is mlpath's one data-class style: no `@dataclass`,
no bare `__slots__` classes beside it.
"""

from __future__ import annotations


class Record:
    __slots__: tuple[str, ...] = ()
    _no_compare: tuple[str, ...] = ()  # fields left out of ==, hash and repr

    def _values(self) -> tuple[object, ...]:
        skip = self._no_compare
        return tuple(getattr(self, n) for n in self.__slots__ if n not in skip)

    def __repr__(self) -> str:
        skip = self._no_compare
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__ if n not in skip)
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())
