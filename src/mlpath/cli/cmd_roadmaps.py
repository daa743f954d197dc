"""Bodies of `roadmaps`, `roadmaps show` and `roadmaps validate` (options: cli/spec.py)."""

from __future__ import annotations

import sys

from mlpath.cli.common import Opts, emit_json, warn

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _summaries() -> tuple[list[dict[str, Any]], list[str]]:
    from mlpath.core.views import roadmap_summary
    from mlpath.store import catalog

    rows, broken = [], []
    for e in catalog.entries():
        if e.roadmap is not None:
            rows.append(roadmap_summary(e.roadmap))
        elif e.error is not None:
            broken.append(e.error.problems[0])
    return rows, broken


def roadmaps_list(*, as_json: bool) -> None:
    if as_json:
        rows, broken = _summaries()
        emit_json(rows)
        for line in broken:
            warn(f"skipped a broken roadmap: {line}")
        return
    from mlpath.cli.output import kept_screen, terminal_key
    from mlpath.render.term import write
    from mlpath.store.paths import roadmap_files_key

    key, cols, _, _ = terminal_key(Opts.no_color, None)

    def draw() -> str:
        import io

        from mlpath.render.roadmaps import console, roadmaps_table
        from mlpath.store import paths

        rows, broken = _summaries()
        buffer = io.StringIO()
        con = console(no_color=Opts.no_color, width=cols, file=buffer)
        roadmaps_table(con, rows, broken, str(paths.user_roadmaps_dir()))
        # rich pads the title line to the table's width: no line ends in spaces
        return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))

    # the list is drawn once per set of roadmap files and terminal, then shown from the cache
    write(kept_screen("roadmaps", f"{key}|{roadmap_files_key()}", draw), laid_out=True)


def roadmaps_show(*, roadmap: str, as_json: bool, brief: bool = False) -> None:
    if as_json:
        from mlpath.core.views import roadmap_detail
        from mlpath.store.catalog import resolve

        emit_json(roadmap_detail(resolve(roadmap)))
        return
    import os

    from mlpath.cli.output import kept_screen, terminal_key
    from mlpath.render.term import write
    from mlpath.store import cache
    from mlpath.store.paths import roadmap_files_key

    key, cols, _, _ = terminal_key(Opts.no_color, None)

    def draw() -> str:
        import io

        from mlpath.core.views import roadmap_detail
        from mlpath.render.roadmaps import console, roadmap_show
        from mlpath.store.catalog import resolve

        buffer = io.StringIO()
        con = console(no_color=Opts.no_color, width=cols, file=buffer)
        roadmap_show(con, roadmap_detail(resolve(roadmap)), brief=brief)
        return buffer.getvalue()

    # drawn once per roadmap file, brief or not, and terminal; then shown from the cache
    # (a path is known by where it points and the file's identity)
    where = os.path.abspath(roadmap)
    inputs = f"{roadmap_files_key()}|{where}:{cache.file_id(where)}"
    write(kept_screen("roadmap", f"{key}|{brief}|{roadmap}|{inputs}", draw), laid_out=True)


def roadmaps_validate(*, files: list[str]) -> None:
    from pathlib import Path

    from mlpath.errors import ExitCode, MlpathError, Quit, RoadmapError, failing, quiet_broken_pipe
    from mlpath.render.safe import line as safe_line
    from mlpath.render.term import write
    from mlpath.render.text import plural
    from mlpath.store.catalog import load_file

    problems: list[str] = []
    ok: list[str] = []
    for f in files:  # every file read first: a reader leaving early (`| head`) is no success
        try:
            rm = load_file(Path(f), display=str(f))
            phases = plural(len(rm.phases), "phase")
            ok.append(f"{safe_line(f)}: ok ({safe_line(rm.id)}, {phases})\n")
        except RoadmapError as exc:
            problems.extend(exc.problems)
        except MlpathError as exc:
            problems.append(f"{f}: {exc}")
    if problems:
        failing(ExitCode.FAILURE)
    try:
        write("".join(ok))
    except BrokenPipeError:  # the reader left (`| head`): the problems still show
        quiet_broken_pipe()
    if problems:
        for line in problems:
            sys.stderr.write(safe_line(line) + "\n")
        raise Quit(ExitCode.FAILURE)
