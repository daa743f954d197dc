"""`--help`, served from a cache after Typer has rendered it once.

Typer builds and formats the help of a command in a good part of a second of
CPU on a cold start; the text only changes with mlpath's code, the command and
the terminal's width, so it is kept in the cache folder under exactly those
and printed from there afterwards (store/cache.py).
"""

from __future__ import annotations

import sys


def _key(words: tuple[str, ...]) -> str:
    import shutil

    return f"{shutil.get_terminal_size().columns}|{' '.join(words)}"


def _render(words: tuple[str, ...]) -> tuple[int, str]:
    """Typer's own help for the command, as (exit code, text)."""
    import contextlib
    import io

    from mlpath.cli.main import build_app

    buffer = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(buffer):
        try:
            build_app(words[0] if words else None)(
                args=[*words, "--help"], prog_name="mlpath", standalone_mode=True
            )
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0
    return code, buffer.getvalue()


def show_help(words: tuple[str, ...], argv: list[str]) -> int | None:
    """Print the help for `mlpath WORDS`; None hands the whole command line to Typer."""
    from mlpath.store import cache

    key = _key(words)
    text = cache.get("help", cache.slot(key), key)
    if isinstance(text, str):
        sys.stdout.write(text)
        return 0
    code, text = _render(words)
    if code != 0:
        return None  # not plain help after all: let Typer say what it says
    sys.stdout.write(text)
    cache.put("help", cache.slot(key), key, text)
    return 0
