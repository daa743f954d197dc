"""`--help`, printed without Typer: cli/helptext.py draws the text Typer would.

Drawing it takes a few milliseconds (no cache needed); Typer would take ~140 ms
to import and build the command first. The fast path (cli/fastpath.py) calls this
only for a command line on which Typer would print help too.
"""

from __future__ import annotations

import sys


def show_help(words: tuple[str, ...]) -> int | None:
    """Print the help for `mlpath WORDS`; None hands the command line to Typer."""
    from mlpath.cli.helptext import render

    text = render(words)
    if text is None:
        return None
    try:
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:  # an ASCII stdout (PYTHONIOENCODING=ascii): Typer's
            sys.stdout.flush()  # click writes UTF-8 there, so does this
            sys.stdout.buffer.write(text.encode("utf-8", errors="replace"))
        sys.stdout.flush()
    except BrokenPipeError:  # `mlpath --help | head`: the reader left; that is fine
        from mlpath.errors import quiet_broken_pipe

        quiet_broken_pipe()
    return 0
