"""Plain terminal output for the daily commands, without importing rich.

`next`, `done`, `log` and `undo` run many times a day (prompts, tmux status
lines), so they print with a few ANSI codes instead of paying for rich's
import. Colour follows the same rules as everywhere: only on a terminal (or with
FORCE_COLOR), never with NO_COLOR, --no-color or `color: never`.
"""

from __future__ import annotations

import os
import sys

_CODES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "cyan": "36",
}


class Style:
    """Wraps text in ANSI codes when colour is on; a no-op otherwise."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles if s in _CODES)
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


def use_color(no_color: bool = False, stream: object = None) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):  # the convention rich and others follow
        return True
    out = stream if stream is not None else sys.stdout
    isatty = getattr(out, "isatty", None)
    try:
        return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"
    except ValueError:  # a closed stream
        return False


def write(text: str) -> None:
    """Write to stdout, degrading characters the terminal's encoding cannot show."""
    enc = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(enc)
    except (UnicodeEncodeError, LookupError):
        text = text.encode(enc, errors="replace").decode(enc, errors="replace")
    sys.stdout.write(text)
