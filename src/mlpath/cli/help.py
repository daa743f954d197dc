"""`--help`, served from a cache after Typer has rendered it once.

Typer builds and formats the help of a command in a good part of a second of
CPU on a cold start; the text only changes with mlpath's code, the command and
the terminal's width, so it is kept in the cache folder under exactly those
and printed from there afterwards.
"""

from __future__ import annotations

import os
import sys


def _cache_file(words: tuple[str, ...]) -> str | None:
    import shutil
    import zlib

    from mlpath import __version__
    from mlpath.store.paths import cache_str, code_stamp

    try:
        base = cache_str()
    except Exception:
        return None
    width = shutil.get_terminal_size().columns
    key = f"{__version__}|{code_stamp()}|{sys.version}|{width}|{' '.join(words)}"
    name = f"{zlib.crc32(key.encode('utf-8', 'surrogateescape')):08x}"
    return os.path.join(base, "help", f"{name}.txt")


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
    cache = _cache_file(words)
    if cache is not None:
        try:
            with open(cache, encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, ValueError):
            text = None
        if text is not None:
            sys.stdout.write(text)
            return 0
    code, text = _render(words)
    if code != 0:
        return None  # not plain help after all: let Typer say what it says
    sys.stdout.write(text)
    if cache is not None:
        from pathlib import Path

        from mlpath.store.state import atomic_write_bytes

        try:
            os.makedirs(os.path.dirname(cache), exist_ok=True)
            atomic_write_bytes(Path(cache), text.encode("utf-8"), durable=False)
        except (OSError, ValueError):
            pass  # a cache that cannot be written only costs speed
    return 0
