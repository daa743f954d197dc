"""Styled lines for the dashboard, drawn to ANSI text without importing rich.

`Styled` is the small part of rich's `Text` the dashboard uses (a base style,
styled spans, appending, joining, cutting to a width, cell lengths), with the
same meaning, and `ansi` writes a line exactly as rich's console prints it: one
SGR sequence per run between span edges, each closed by a reset. Rich costs
~40 ms of imports; `status` (and a change drawing status's screen for the read
that follows it) pays none of that. tests/test_styled.py holds the two to the
same output, and `to_rich` hands a line to rich where rich draws (`status
--watch`, the app).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

# The SGR codes of the style words the dashboard uses, in the order rich writes them:
# attributes first (bold 1, dim 2), then the foreground colour, then "on" a background.
_ATTRIBUTES = {"bold": "1", "dim": "2"}
_COLOURS = {
    "black": "30",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "white": "37",
}
_DUMB_TERMS = ("dumb", "unknown")


_WIDTHS: dict[str, int] = {}  # each character's width, looked up once per run


def _width(ch: str) -> int:
    found = _WIDTHS.get(ch)
    if found is None:
        from unicodedata import combining, east_asian_width

        found = 0 if combining(ch) else 2 if east_asian_width(ch) in "WF" else 1
        _WIDTHS[ch] = found
    return found


_NARROW: set[str] = set()  # characters seen to take one cell each


def _narrow(text: str) -> bool:
    """Every character of `text` takes one cell (each distinct one looked up once: a
    1,000-phase dashboard's bars are 300,000 characters of two kinds)."""
    chars = set(text)
    if chars <= _NARROW:
        return True
    if all(_width(ch) == 1 for ch in chars - _NARROW):
        _NARROW.update(chars)
        return True
    return False


def cell_len(text: str) -> int:
    """Terminal cells `text` takes: wide characters two, combining marks none."""
    if text.isascii() or _narrow(text):
        return len(text)
    return sum(map(_width, text))


def set_cell_size(text: str, total: int) -> str:
    """`text` cut (or padded with spaces) to exactly `total` cells; a wide character
    that would straddle the edge becomes a space."""
    if text.isascii() or _narrow(text):
        return text[:total] + " " * (total - len(text))
    out, used = [], 0
    for ch in text:
        w = _width(ch)
        if used + w > total:
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * (total - used)


class Styled:
    """A line of text with a base style and styled spans (start, end, style)."""

    __slots__ = ("plain", "style", "spans")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = text
        self.style = style
        self.spans: list[tuple[int, int, str]] = []

    def __len__(self) -> int:
        return len(self.plain)

    @property
    def cell_len(self) -> int:
        return cell_len(self.plain)

    def copy(self) -> Styled:
        out = Styled(self.plain, self.style)
        out.spans = list(self.spans)
        return out

    def __add__(self, other: Styled | str) -> Styled:
        out = self.copy()
        out.append(other)
        return out

    def append(self, text: Styled | str, style: str = "") -> Styled:
        if isinstance(text, Styled):  # as rich's append: an empty text adds no span
            return self.append_text(text) if text.plain else self
        if text:
            if style:
                self.spans.append((len(self.plain), len(self.plain) + len(text), style))
            self.plain += text
        return self

    def append_text(self, text: Styled) -> Styled:
        offset = len(self.plain)
        if text.style:
            self.spans.append((offset, offset + len(text.plain), text.style))
        self.spans.extend((offset + a, offset + b, s) for a, b, s in text.spans)
        self.plain += text.plain
        return self

    def join(self, parts: Iterable[Styled]) -> Styled:
        """The parts with this text between them (rich's Text.join)."""
        out = Styled("", self.style)
        for i, part in enumerate(parts):
            if i and self.plain:
                out.append_text(self)
            out.append_text(part)
        return out

    def _set_plain(self, plain: str) -> None:
        if plain == self.plain:
            return
        self.plain = plain
        end = len(plain)
        self.spans = [(a, min(b, end), s) for a, b, s in self.spans if a < end]

    def truncate(self, width: int) -> None:
        """Cut to `width` cells (nothing when it fits)."""
        if self.cell_len > width:
            self._set_plain(set_cell_size(self.plain, width))

    def rstrip(self) -> None:
        self._set_plain(self.plain.rstrip())

    def runs(self) -> list[tuple[str, str]]:
        """(text, combined style) between span edges, as rich renders a line: the base
        style under every span, later spans over earlier ones."""
        if not self.plain:
            return []
        edges = {0, len(self.plain)}
        for a, b, _ in self.spans:
            edges.update((a, b))
        cuts = sorted(e for e in edges if 0 <= e <= len(self.plain))
        runs = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            if a == b:
                continue
            styles = [self.style] if self.style else []
            styles += [s for sa, sb, s in self.spans if sa <= a and b <= sb]
            runs.append((self.plain[a:b], " ".join(styles)))
        return runs

    def ansi(self, colour: bool) -> str:
        """The line as a terminal receives it: SGR codes around each styled run."""
        if not colour:
            return self.plain
        return "".join(_sgr(text, style) for text, style in self.runs())

    def to_rich(self) -> Any:
        """The same line as a rich Text (for rich's Live and the Textual app)."""
        from rich.text import Span, Text

        return Text(self.plain, style=self.style, spans=[Span(a, b, s) for a, b, s in self.spans])


def _colour_code(name: str, background: bool) -> str:
    """SGR of a named colour: 30-37 (bright_: 90-97); a background 10 more."""
    bright = name.startswith("bright_")
    base = _COLOURS.get(name.removeprefix("bright_"))
    if base is None:
        raise ValueError(f"unknown colour {name!r}")
    return str(int(base) + (60 if bright else 0) + (10 if background else 0))


def _sgr(text: str, style: str) -> str:
    attributes: set[str] = set()
    fg = bg = None
    words = style.split()
    i = 0
    while i < len(words):  # a later style's colours win, as in rich's Style.combine
        word = words[i]
        if word in _ATTRIBUTES:
            attributes.add(word)
        elif word == "on" and i + 1 < len(words):
            bg = _colour_code(words[i + 1], True)
            i += 1
        else:
            fg = _colour_code(word, False)
        i += 1
    codes = [_ATTRIBUTES[a] for a in ("bold", "dim") if a in attributes]
    codes += [c for c in (fg, bg) if c is not None]
    if not codes:
        return text
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"


def terminal_has_colour(environ: dict[str, str] | None = None) -> bool:
    """Whether a terminal takes colour codes at all: not one named dumb (rich's rule)."""
    import os

    env = os.environ if environ is None else environ
    return env.get("TERM", "").strip().lower() not in _DUMB_TERMS
