"""Bodies of `mlpath publish` and `mlpath cohort` (options: cli/spec.py)."""

from __future__ import annotations

import sys

from mlpath.cli.common import store, today, warn
from mlpath.render.term import write

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


def _said(folder: Path, view: dict[str, Any], base_url: str | None) -> str:
    from mlpath.render.safe import line
    from mlpath.render.site import badge_message

    text = f"Wrote {line(str(folder))}: index.html, burndown.svg, badge.json, feed.xml, README-snippet.md ({badge_message(view)}).\n"
    if not view["include_notes"]:
        text += (
            "Notes, local paths and your home folder are left out (--include-notes shows them).\n"
        )
    if base_url is None:
        text += (
            "Links in feed.xml and README-snippet.md are relative: set --base-url to the "
            "address the folder is served from for a working badge.\n"
        )
    return text


def publish(
    *,
    folder: str,
    name: str | None,
    include_notes: bool,
    base_url: str | None,
    open_page: bool,
    watch: bool,
) -> None:
    from mlpath.app.publish import check_base_url
    from mlpath.app.publish import publish as write_site
    from mlpath.app.session import load_active
    from mlpath.errors import UsageError

    if name is not None and not name.strip():
        raise UsageError("--name is empty.", "Give the name the page should show, like --name Ada.")
    nick = name.strip() if name else None
    check_base_url(base_url)  # a bad address stops before anything is written
    st = store()

    def once() -> tuple[Path, dict[str, Any]]:
        active = load_active(st, today())
        for w in active.warnings:
            warn(w)
        return write_site(active, folder, name=nick, include_notes=include_notes, base_url=base_url)

    target, view = once()
    write(_said(target, view, base_url))
    if open_page:
        import webbrowser

        webbrowser.open((target / "index.html").resolve().as_uri())
    if watch:
        _watch(st, once)


def _watch(st: Any, once: Any) -> None:
    """Rewrite the site whenever the state file or the day changes, until Ctrl-C (exit
    130, quietly: stopping is how watching ends)."""
    import os
    import time

    from mlpath.app.clock import today as clock_today
    from mlpath.errors import MlpathError, Quit
    from mlpath.render.safe import line

    def signature() -> object:
        try:
            info = os.stat(st.path)
            return info.st_mtime_ns, info.st_size, clock_today()
        except OSError:
            return None, clock_today()

    write("Watching your progress; Ctrl-C stops.\n")
    last = signature()
    try:
        while True:
            time.sleep(0.5)
            now = signature()
            if now == last:
                continue
            last = now
            try:
                target, view = once()
            except MlpathError as exc:  # a half-synced state: say so, keep watching
                sys.stderr.write(f"Not rewritten: {line(exc.message)}\n")  # it may quote data
                continue
            write(f"Rewrote {line(str(target))} ({view['status']['pace']['label']}).\n")
    except KeyboardInterrupt:
        raise Quit(130) from None


def cohort(*, paths: list[str], sort: str | None, html: str | None, as_json: bool) -> None:
    import json

    from mlpath.app.cohort import check_sort
    from mlpath.app.cohort import cohort as read_class
    from mlpath.errors import ExitCode, Quit, failing

    field = check_sort(sort)
    view = read_class(paths, sort=field)
    from mlpath.render.cohort import cohort_text, counted_once_lines, refused_lines
    from mlpath.render.term import for_stderr

    if view["refused"]:
        failing(ExitCode.FAILURE)  # said first: a reader leaving early is no success
    if not as_json:
        for line in refused_lines(view):  # wrapped on a terminal, one line each in a log
            sys.stderr.write(for_stderr(f"Refused: {line}") + "\n")
        for line in counted_once_lines(view):
            sys.stderr.write(for_stderr(f"Note: {line}") + "\n")
    elif view["refused"]:  # scripts get one JSON error; the files and reasons are in "refused"
        from mlpath.errors import error_json

        n = len(view["refused"])
        sys.stderr.write(
            error_json(
                f"{n} file{'' if n == 1 else 's'} refused: " + "; ".join(refused_lines(view)),
                'Each file and why is under "refused" in the output.',
                ExitCode.FAILURE,
            )
        )
    if html is not None:
        from mlpath.app.publish import site_dir, write_files
        from mlpath.render.html import cohort_page

        folder = site_dir(html)
        write_files(folder, {"index.html": cohort_page(view).encode("utf-8")})
        if not as_json:
            from mlpath.render.safe import line as one_line

            write(f"Wrote {one_line(str(folder / 'index.html'))}.\n")
    if as_json:
        # ensure_ascii: text from others' files comes out escaped (bidi marks too)
        sys.stdout.write(json.dumps(view, indent=2, ensure_ascii=True) + "\n")
    else:
        from mlpath.render.term import columns

        write(cohort_text(view, width=columns()), laid_out=True)
    if view["refused"]:
        raise Quit(ExitCode.FAILURE)
