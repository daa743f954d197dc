"""Text from data, made safe to show: the one sanitiser (see docs/safety.md).

A roadmap, a state file, another machine's copy or a file name can carry
anything, terminal control sequences included (`ESC ] 52` writes the clipboard,
`ESC [ 2 J` clears the screen, U+202E turns text right to left). Such text is
data: before it reaches a terminal every control character (C0, DEL, C1), every
bidi override, embedding, isolate or mark, the line and paragraph separators
any lone surrogate and the noncharacters U+FFFE and U+FFFF are shown escaped, visibly, the way Python writes it
(`\\x1b`, `\\x9b`, `\\u202e`): never emitted and never silently dropped, so what
a file really holds stays plain to see.

- `line`: a single-line field (a title, an id, a name, a file name): newline
  and tab are escaped too (`\\n`, `\\t`), so data cannot forge a line of output.
- `text`: a multi-line field (notes, summaries, descriptions): newline and tab stay.
- `view`: a whole view dict, each string by its key (`MULTI_LINE` keys as text).
- `terminal`: the net under a whole screen at the one writer: controls escaped
  except newlines, tabs and well-formed colour codes (`ESC [ digits ; m`), which
  only mlpath's own styling produces once its fields went through `line`/`text`.
- `json_text`: a JSON document (`json.dumps(..., ensure_ascii=False)` leaves C1
  and bidi characters raw): those become `\\u009b`, `\\u202e` escapes.

A backslash in data is shown as it is, not doubled: titles such as `C:\\new`
stay readable, and what is on screen is for reading. The one ambiguity (data
holding the four characters `\\x1b` looks like an escaped ESC) is harmless, and
`--json` shows the exact text.

Cheap to import: no `re`, no `unicodedata`; the tables are built on first need,
and text that `str.isprintable()` passes (the everyday case) is returned as is.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# Bidi controls: Arabic letter mark, LRM/RLM, embeddings and overrides, isolates.
BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
# C0, DEL and C1 controls; line and paragraph separators (a line break to some readers).
CONTROLS = (*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)
_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}

# Keys of a view whose strings may hold several lines: everything else is one line.
MULTI_LINE = frozenset({"notes", "note", "summary", "description", "evidence", "text"})


def escape(cp: int) -> str:
    """How one code point is shown: `\\n`, `\\x1b`, `\\u202e`."""
    if cp in _NAMED:
        return _NAMED[cp]
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


def pieces(text: str) -> list[str]:
    """`text` (already made safe) as the pieces a cut may fall between: characters, but
    an escape `escape` wrote (`\\x1b`, `\\u202e`, `\\n`) stays one piece, so a cut
    never leaves half of one."""
    out, k = [], 0
    while k < len(text):
        n = 1
        if text[k] == "\\":
            size = {"x": 4, "u": 6, "n": 2, "t": 2, "r": 2}.get(text[k + 1 : k + 2], 1)
            digits = text[k + 2 : k + size]
            if len(digits) == size - 2 and all(c in "0123456789abcdef" for c in digits):
                n = size
        out.append(text[k : k + n])
        k += n
    return out


def clip(text: str, width: int, measure: Callable[[str], int] = len, end: str = "…") -> str:
    """`text` (already made safe) cut to `width` by `measure` (characters, or terminal
    cells), ending in `end` when cut: whole pieces only, so a cut never ends inside an
    escape ("\\u20…" would read as a different character)."""
    if measure(text) <= width:
        return text
    room, kept = width - measure(end), []
    for piece in pieces(text):
        room -= measure(piece)
        if room < 0:
            break
        kept.append(piece)
    return "".join(kept).rstrip() + end


class _Tables:
    """str.translate tables, made on first use (most runs never need one)."""

    line: dict[int, str] | None = None
    text: dict[int, str] | None = None
    json: dict[int, str] | None = None


def _line_table() -> dict[int, str]:
    if _Tables.line is None:
        # lone surrogates: undecodable names; U+FFFE/U+FFFF: no XML (the Atom feed) holds them
        cps = (*CONTROLS, *BIDI, *range(0xD800, 0xE000), 0xFFFE, 0xFFFF)
        _Tables.line = {cp: escape(cp) for cp in cps}
    return _Tables.line


def _text_table() -> dict[int, str]:
    if _Tables.text is None:
        table = dict(_line_table())
        del table[0x09], table[0x0A]
        _Tables.text = table
    return _Tables.text


def line(s: str) -> str:
    """A single-line field, safe to show: every control escaped, newline and tab too."""
    if s.isprintable():
        return s
    return s.translate(_line_table())


def text(s: str) -> str:
    """A multi-line field, safe to show: newlines and tabs kept, every other control escaped."""
    if s.isprintable():
        return s
    return s.translate(_text_table())


def view(v: Any, multi: bool = False) -> Any:
    """A view (dicts, lists, strings) with every string made safe to show: a string
    under a `MULTI_LINE` key as `text`, any other as `line`. Keys are data too."""
    if isinstance(v, str):
        return text(v) if multi else line(v)
    if isinstance(v, dict):
        return {
            (line(k) if isinstance(k, str) else k): view(x, multi or k in MULTI_LINE)
            for k, x in v.items()
        }
    if isinstance(v, (list, tuple)):
        return [view(x, multi) for x in v]
    return v


def _sgr_length(part: str) -> int:
    """How long the colour code `[digits;...m` at the start of `part` (the text just
    after an ESC) is, or 0 when it is not one."""
    if part[:1] != "[":
        return 0
    m = part.find("m")
    return m + 1 if m > 0 and not part[1:m].strip("0123456789;") else 0


def _escaped(segment: str, table: dict[int, str]) -> str:
    if segment.isprintable() or segment.replace("\n", "").isprintable():
        return segment
    return segment.translate(table)


def terminal(s: str) -> str:
    """A whole screen or message, safe to write: newlines, tabs and colour codes
    stay; every other control (an ESC that starts anything but a colour code
    included) is escaped. The net under every field already made safe."""
    if s.isprintable() or s.replace("\n", "").isprintable():
        return s
    table = _text_table()
    if "\x1b" not in s:
        return s.translate(table)
    first, *parts = s.split("\x1b")
    out = [_escaped(first, table)]
    for part in parts:
        n = _sgr_length(part)
        out.append(("\x1b" + part[:n] if n else "\\x1b") + _escaped(part[n:], table))
    return "".join(out)


def drop_controls(s: str, keep: str = "") -> str:
    """`s` without its C0, DEL and C1 controls and bidi controls but those in `keep`: for
    a format that forbids them (iCalendar TEXT), where an escape would be read as text.
    (RFC 5545 allows bidi controls, but a calendar shows no escape and an override
    would disguise an event's title; right-to-left text reads right without them.)"""
    if s.isprintable():
        return s
    cps = (*range(0x20), *range(0x7F, 0xA0), *BIDI)
    return s.translate(dict.fromkeys(cp for cp in cps if chr(cp) not in keep))


def _json_table() -> dict[int, str]:
    if _Tables.json is None:
        cps = (0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *BIDI, *range(0xD800, 0xE000))
        _Tables.json = {cp: f"\\u{cp:04x}" for cp in cps}
    return _Tables.json


def json_text(doc: str) -> str:
    """A JSON document with C1, DEL and bidi characters (and U+2028/2029) written as
    `\\uXXXX` escapes. Valid JSON still: outside strings a document is ASCII, and
    json.dumps already escapes C0 controls inside them."""
    if doc.isascii() and "\x7f" not in doc:
        return doc
    return doc.translate(_json_table())


def json_for(doc: str, encoding: str | None) -> str:
    """A JSON document (from `json_text`) as a stream in `encoding` can carry it: as it
    is, or, on an ASCII or Latin-1 stdout, with every non-ASCII character a `\\u`
    escape (the same document: outside strings JSON is ASCII)."""
    try:
        doc.encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return "".join(c if c.isascii() else _json_escape(ord(c)) for c in doc)
    return doc


def _json_escape(cp: int) -> str:
    if cp < 0x10000:
        return f"\\u{cp:04x}"
    cp -= 0x10000  # a UTF-16 surrogate pair, as json.dumps writes one
    return f"\\u{0xD800 + (cp >> 10):04x}\\u{0xDC00 + (cp & 0x3FF):04x}"
