"""Asking the placement questions: keys on a terminal, lines from a pipe.

On a terminal each question takes one key: y or n, or the arrows to move
between Yes and No and Enter to choose; b goes back, q (or Ctrl-C) stops
without changing anything. From a pipe (`printf 'y\\nn\\n' | mlpath assess`)
each line answers one question.
"""

from __future__ import annotations

import os
import sys

from mlpath.core.assess import Question, parse_answer
from mlpath.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO


class Cancelled(UsageError):
    """Stopped (q, Escape, Ctrl-C): exit 2, as any question mlpath asks and gets no
    answer to, and nothing changed."""

    def __init__(self) -> None:
        super().__init__(
            "Assessment stopped; nothing was changed.",
            "Run `mlpath assess` again to answer every question, or use --answers FILE.",
        )


def _label(q: Question, index: int, total: int, phase_titles: dict[int, str]) -> str:
    from mlpath.render.safe import line

    if q.phase is not None:
        where = f"Phase {q.phase} · {line(phase_titles.get(q.phase, ''))}".rstrip(" ·")
    else:
        where = "Background" if q.kind == "background" else "Prerequisite"
    return f"[{index}/{total}] {where}"


def _text(q: Question, out: TextIO, after: str = "", room: int = 0) -> str:
    """The question (roadmap text: shown escaped, as one line, so a newline in it cannot
    forge a prompt of its own) and `after` (what the prompt puts at its end) wrapped to
    the terminal's width, less `room` (for the echoed answer)."""
    from mlpath.render.safe import line
    from mlpath.render.term import columns, wrap

    return wrap(line(q.text) + after, columns(out) - room)


def ask_lines(
    qs: list[Question], stdin: TextIO, out: TextIO, phase_titles: dict[int, str]
) -> dict[str, bool]:
    answers: dict[str, bool] = {}
    for i, q in enumerate(qs, start=1):
        # the answer (" yes") is echoed after the prompt: the wrap leaves room for it
        out.write(f"{_label(q, i, len(qs), phase_titles)}\n{_text(q, out, ' [y/n]', 4)} ")
        out.flush()
        line = stdin.readline()
        if not line:
            out.write("\n")
            raise UsageError(
                f"The answers ran out after {i - 1} of {len(qs)} questions.",
                "Give one y or n per line, or use --answers FILE.",
            )
        value = parse_answer(line)
        if value is None:
            out.write("\n")
            raise UsageError(
                f"Answer {i} ('{line.strip()}') is not y or n.",
                "Give one y or n per line, or use --answers FILE.",
            )
        out.write(("yes" if value else "no") + "\n")
        answers[q.id] = value
    return answers


def _read_key(fd: int) -> str:
    """One key press: 'y', 'n', 'left', 'right', 'enter', 'back', 'quit' or ''."""
    import select

    ch = os.read(fd, 1)
    if ch in (b"\r", b"\n"):
        return "enter"
    if ch == b"\x1b":
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            return "quit"  # a lone Escape
        seq = os.read(fd, 2)
        return {b"[C": "right", b"[B": "right", b"[D": "left", b"[A": "left"}.get(seq, "")
    if ch in (b"\x03", b"\x04", b"q", b"Q"):
        return "quit"
    text = ch.decode("ascii", "replace").lower()
    if text in ("y", "n"):
        return text
    if text in ("b", "\x7f", "\x08"):
        return "back"
    if text in ("h", "l", "\t", " "):
        return "left" if text == "h" else "right"
    return ""


def ask_keys(
    qs: list[Question],
    out: TextIO,
    phase_titles: dict[int, str],
    read_key: Callable[[], str],
    color: bool,
) -> dict[str, bool]:
    answers: dict[str, bool] = {}

    def bold(t: str) -> str:
        return f"\x1b[1;7m {t} \x1b[0m" if color else f"[{t}]"

    def plain(t: str) -> str:
        return f" {t} "

    def choice_line(yes: bool) -> str:
        left, right = (bold, plain) if yes else (plain, bold)
        return f"  {left('Yes')} {right('No')}   y/n, ←/→ + Enter, b back, q quit"

    i = 0
    from mlpath.render.term import columns, wrap

    intro = "Answer for what you can do today; Enter picks the highlighted choice."
    out.write(wrap(intro, columns(out)) + "\n\n")  # inside the width, as the questions are
    while i < len(qs):
        q = qs[i]
        yes = answers.get(q.id, False)  # No first: Enter alone never skips a phase
        out.write(f"{_label(q, i + 1, len(qs), phase_titles)}\n{_text(q, out)}\n{choice_line(yes)}")
        out.flush()
        while True:
            key = read_key()
            if key == "quit":
                out.write("\n")
                raise Cancelled()
            if key in ("left", "right"):
                yes = not yes
                out.write("\r\x1b[2K" + choice_line(yes))
                out.flush()
                continue
            if key in ("y", "n", "enter", "back"):
                break
        if key == "back":
            out.write("\r\x1b[2K  (back)\n\n")
            i = max(i - 1, 0)
            continue
        if key != "enter":
            yes = key == "y"
        answers[q.id] = yes
        out.write("\r\x1b[2K  " + ("✓ yes" if yes else "✗ no") + "\n\n")
        i += 1
    return answers


def _no_input(stdin: TextIO | None) -> bool:
    """stdin is missing, closed or /dev/null (cron, systemd, `<&-`)."""
    if stdin is None:
        return True
    try:
        here = os.fstat(stdin.fileno())
        null = os.stat(os.devnull)
    except (OSError, ValueError, AttributeError):
        return False  # not a real file (a test's buffer): read it as given
    return (here.st_dev, here.st_ino) == (null.st_dev, null.st_ino)


def ask(qs: list[Question], phase_titles: dict[int, str], *, color: bool) -> dict[str, bool]:
    """Ask every question on the terminal (keys) or from piped stdin (lines)."""
    stdin, out = sys.stdin, sys.stderr if not sys.stdout.isatty() else sys.stdout
    if _no_input(stdin):
        raise UsageError(
            "Standard input is closed (or /dev/null), so there is no one to answer the "
            "placement questions.",
            "Run `mlpath assess` on a terminal, pipe the answers in, or use --answers FILE.",
        )
    if not stdin.isatty():
        from mlpath.errors import json_on

        if json_on():  # a script's answers come unasked: stderr holds JSON only
            import io

            out = io.StringIO()
        return ask_lines(qs, stdin, out, phase_titles)
    import termios
    import tty

    fd = stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        return ask_keys(qs, out, phase_titles, lambda: _read_key(fd), color)
    except KeyboardInterrupt:
        out.write("\n")
        raise Cancelled() from None
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
