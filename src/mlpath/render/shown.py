"""Text from a file, made safe to show in publish and cohort pages: control characters,
escape sequences and bidi overrides become visible escapes (`\\x1b`, `\\u202e`), never
silently dropped. The escaping itself is render/safe.py's, so every screen and page
escapes the same way; this adds HTML's rule and one-line text."""

from __future__ import annotations

import html
import re

from mlpath.render.safe import text as _visible

_LINK = re.compile(r"\Ahttps?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\s<>\"'`\\]*)?\Z")


def visible(text: str) -> str:
    """`text` with every control and bidi character shown as an escape (newline and tab kept)."""
    return _visible(text)


def one_line(text: str) -> str:
    """Visible, on one line: tabs and newlines become single spaces."""
    return " ".join(_visible(text).split())


def public_link(text: str | None) -> str | None:
    """`text` when it is a plain http(s) link with a host, else None: what may be shared
    as a link (app/share.py) and what a page makes an href (a path, `file:` or
    `javascript:` never is)."""
    if not text or _LINK.match(text) is None:
        return None
    return text


def esc(text: object) -> str:
    """Visible, then HTML-escaped (quotes too): safe in element text and attributes."""
    return html.escape(_visible(str(text)), quote=True)
