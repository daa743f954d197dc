"""Bodies of `mlpath merge` and `mlpath sync` (options: cli/spec.py)."""

from __future__ import annotations

from mlpath.cli.common import emit_json, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _show(lines: list[str], view: dict[str, Any], as_json: bool) -> None:
    if as_json:
        emit_json(view)
        return
    import shutil
    import textwrap

    from mlpath.render.safe import line as safe_line
    from mlpath.render.term import write

    cols = shutil.get_terminal_size().columns
    out = []
    for line in lines:  # one line each: a copy's file name or title is data
        out += textwrap.wrap(
            safe_line(line), cols, break_long_words=False, break_on_hyphens=False
        ) or [""]
    write("".join(ln + "\n" for ln in out))


def merge(*, files: list[str] | None, as_json: bool) -> None:
    from pathlib import Path

    from mlpath.app.merge import merge_copies

    paths = [Path(f).expanduser() for f in files] if files else None
    result = merge_copies(store(), paths)
    _show(result.lines, result.view, as_json)


def sync(*, adopt_remote: bool = False, as_json: bool) -> None:
    from mlpath.app.sync import sync as run_sync

    result = run_sync(store(), adopt_remote=adopt_remote)
    _show(result.lines, result.view, as_json)
