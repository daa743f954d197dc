"""`mlpath publish DIR`: the learner's progress as a static site, and the files it writes.

The figures are `status --json`'s and `next --json`'s (core/dashboard.py,
core/views.py), so the page and the terminal never disagree; render/ turns them
into HTML, SVG, Atom and JSON. Nothing here reads the clock: the same state and
day give byte-identical files. Private by default (app/share.py): notes, evidence
that is not an http(s) link and the home directory stay out unless
`include_notes`; the name appears only when given.
"""

from __future__ import annotations

import os
from pathlib import Path

from mlpath.app.session import Active
from mlpath.app.share import private_dirs, scrub
from mlpath.errors import MlpathError, UsageError
from mlpath.render.shown import public_link

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SITE_FILES = ("index.html", "burndown.svg", "badge.json", "feed.xml", "README-snippet.md")


def _current_phase(phases: list[dict[str, Any]]) -> dict[str, Any]:
    """The phase being worked on and the roadmap's first and last, each by the number the
    roadmap gives it (complete's run 0-7), as the page lists them; `number` None when every
    phase of the plan is done."""
    numbers = [p["number"] for p in phases]
    now = next((p["number"] for p in phases if p["state"] in _OPEN), None)
    return {"number": now, "first": min(numbers, default=0), "last": max(numbers, default=0)}


_OPEN = ("in-progress", "overdue", "upcoming")


def site_view(
    active: Active, *, name: str | None = None, include_notes: bool = False
) -> dict[str, Any]:
    """Everything the site shows, as one JSON-able dict."""
    from mlpath import __version__
    from mlpath.core.dashboard import completion_dates, status_view
    from mlpath.core.learner import learner_id
    from mlpath.core.views import iso, next_view

    prog = active.progress
    status = status_view(prog)
    nxt = next_view(prog)
    dirs = [] if include_notes else private_dirs(str(active.store.path.parent))

    def keep_note(text: str | None) -> str | None:
        return text if include_notes else None

    def keep_link(text: str | None) -> str | None:
        return text if include_notes else public_link(text)

    for m in status["milestones"]:
        m["note"] = keep_note(m["note"])
        m["evidence"] = keep_link(m["evidence"])
    when = completion_dates(prog)
    projects = []
    for it in active.schedule.items.values():
        if it.kind != "project" or it.skipped or not prog.is_complete(it.id):
            continue
        done = active.ledger.done.get(it.id)
        projects.append(
            {
                "id": it.id,
                "title": it.title,
                "phase": it.phase,
                "done_on": iso(when.get(it.id)),
                "note": keep_note(done.note if done else None),
                "evidence": keep_link(done.evidence if done else None),
            }
        )
    rm = active.roadmap
    source = rm.meta.get("source") or {}
    view: dict[str, Any] = {
        "generator": f"mlpath {__version__}",
        "today": status["today"],
        "name": name,
        "learner": learner_id(active.state),
        "include_notes": include_notes,
        "roadmap": {
            "id": rm.id,
            "title": rm.title,
            "publisher": source.get("publisher"),
            "url": public_link(source.get("url")),
        },
        "phase": _current_phase(status["phases"]),
        "status": status,
        "next_milestone": nxt["next_milestone"],
        "items": nxt["items"],
        "projects": projects,
        "theory_practice": status.get("theory_practice"),  # core/balance.py
    }
    return _scrubbed(view, dirs) if dirs else view


def _scrubbed(value: Any, dirs: list[str]) -> Any:
    if isinstance(value, str):
        return scrub(value, dirs)
    if isinstance(value, list):
        return [_scrubbed(v, dirs) for v in value]
    if isinstance(value, dict):
        return {k: _scrubbed(v, dirs) for k, v in value.items()}
    return value


def site_files(view: dict[str, Any], *, base_url: str | None = None) -> dict[str, bytes]:
    """File name -> contents, for every file the site has."""
    from mlpath.render import site
    from mlpath.render.html import publish_page
    from mlpath.render.svg import burndown_svg

    return {
        "index.html": publish_page(view).encode("utf-8"),
        "burndown.svg": burndown_svg(view["status"]["burndown"], standalone=True).encode("utf-8"),
        "badge.json": site.badge_json(view).encode("utf-8"),
        "feed.xml": site.atom_feed(view, base_url).encode("utf-8"),
        "README-snippet.md": site.readme_snippet(view, base_url).encode("utf-8"),
    }


def check_base_url(url: str | None) -> str | None:
    """An http(s) address ending in '/', or a usage error."""
    if url is None:
        return None
    if public_link(url) is None:
        raise UsageError(
            f"--base-url {url}: not an http(s) address.",
            "Give the address the site will be served from, like https://you.github.io/ml/.",
        )
    return url if url.endswith("/") else url + "/"


def site_dir(path: str) -> Path:
    """The folder to write into: created when its parent exists."""
    target = Path(os.path.expanduser(path))
    if target.exists() and not target.is_dir():
        raise UsageError(f"{path} is a file, not a folder.", "Give a folder for the site.")
    if not target.exists():
        if target.is_symlink():  # mkdir would say only "File exists"
            raise MlpathError(
                f"Cannot write the site into {path}: it is a link to "
                f"{os.readlink(target)}, which does not exist.",
                "Create the folder it points to, or choose another place.",
            )
        if not target.parent.is_dir():
            raise MlpathError(
                f"Cannot write the site into {path}: the folder {target.parent} does not exist.",
                "Create it first, or choose another place.",
            )
        try:
            target.mkdir()
        except OSError as exc:
            raise MlpathError(
                f"Could not create {path}: {exc.strerror or exc}.",
                "Check the folder's permissions.",
            ) from None
    return target


def write_files(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Each file atomically (a crash leaves the old file or the new one); a file whose
    bytes are already there is left alone, so a rerun changes no modification time."""
    from mlpath.store.state import atomic_write_bytes

    written: list[Path] = []
    for name, data in files.items():
        target = folder / name
        try:
            if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
                written.append(target)
                continue
            atomic_write_bytes(target, data, public=True)
        except OSError as exc:
            raise MlpathError(
                f"Could not write {target}: {exc.strerror or exc}; "
                "the files written before it are complete.",
                "Check the folder's permissions and free space.",
            ) from None
        written.append(target)
    return written


def publish(
    active: Active,
    folder: str,
    *,
    name: str | None = None,
    include_notes: bool = False,
    base_url: str | None = None,
) -> tuple[Path, dict[str, Any]]:
    """Write the site for `active` into `folder`; (the folder, the view shown)."""
    base = check_base_url(base_url)
    target = site_dir(folder)
    view = site_view(active, name=name, include_notes=include_notes)
    write_files(target, site_files(view, base_url=base))
    return target, view
