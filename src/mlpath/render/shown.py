"""Text from a file, made safe to show in publish and cohort pages: control characters,
escape sequences and bidi overrides become visible escapes (`\\x1b`, `\\u202e`), never
silently dropped. The escaping itself is render/safe.py's, so every screen and page
escapes the same way; this adds HTML's rule and one-line text."""

from __future__ import annotations

import html

from mlpath.render.safe import text as _visible


def visible(text: str) -> str:
    """`text` with every control and bidi character shown as an escape (newline and tab kept)."""
    return _visible(text)


def one_line(text: str) -> str:
    """Visible, on one line: tabs and newlines become single spaces."""
    return " ".join(_visible(text).split())


def esc(text: object) -> str:
    """Visible, then HTML-escaped (quotes too): safe in element text and attributes."""
    return html.escape(_visible(str(text)), quote=True)
