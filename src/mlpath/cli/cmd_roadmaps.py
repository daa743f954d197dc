"""Bodies of `roadmaps`, `roadmaps show` and `roadmaps validate` (options: cli/spec.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from mlpath.cli.common import emit_json, out, warn


def roadmaps_list(*, as_json: bool) -> None:
    from mlpath.core.views import roadmap_summary
    from mlpath.store import catalog, paths

    rows, broken = [], []
    for e in catalog.entries():
        if e.roadmap is not None:
            rows.append(roadmap_summary(e.roadmap))
        elif e.error is not None:
            broken.append(e.error.problems[0])
    if as_json:
        emit_json(rows)
    else:
        from mlpath.render.roadmaps import roadmaps_table

        roadmaps_table(out(), rows, broken, str(paths.user_roadmaps_dir()))
    for line in broken if as_json else ():
        warn(f"skipped a broken roadmap: {line}")


def roadmaps_show(*, roadmap: str, as_json: bool) -> None:
    from mlpath.core.views import roadmap_detail
    from mlpath.store.catalog import resolve

    detail = roadmap_detail(resolve(roadmap))
    if as_json:
        emit_json(detail)
    else:
        from mlpath.render.roadmaps import roadmap_show

        roadmap_show(out(), detail)


def roadmaps_validate(*, files: list[str]) -> None:
    from mlpath.errors import ExitCode, MlpathError, Quit, RoadmapError
    from mlpath.store.catalog import load_file

    problems: list[str] = []
    for f in files:
        try:
            rm = load_file(Path(f), display=str(f))
            print(f"{f}: ok ({rm.id}, {len(rm.phases)} phases)")
        except RoadmapError as exc:
            problems.extend(exc.problems)
        except MlpathError as exc:
            problems.append(f"{f}: {exc}")
    if problems:
        for line in problems:
            sys.stderr.write(line + "\n")
        raise Quit(ExitCode.FAILURE)
