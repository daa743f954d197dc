"""Text from a file, made safe to show: control characters, escape sequences and bidi
overrides become visible escapes (`\\x1b`, `\\u202e`), never silently dropped.

The one helper publish and cohort use; it is meant to become a call to the shared
sanitiser in render/ once that lands, so every screen escapes the same way.
"""

from __future__ import annotations

import html
import re

# C0 and C1 controls (not tab or newline), DEL, and the bidi marks, embeddings,
# overrides and isolates that can reorder what a reader sees
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control and bidi character shown as an escape."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """Visible, on one line: tabs and newlines become single spaces."""
    return " ".join(visible(text).split())


def esc(text: object) -> str:
    """Visible, then HTML-escaped (quotes too): safe in element text and attributes."""
    return html.escape(visible(str(text)), quote=True)
