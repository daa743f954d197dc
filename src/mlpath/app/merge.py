"""`mlpath merge [FILE...]`: fold other copies of the state into this one.

With no FILE it takes the conflict copies beside state.json (store/copies.py)
and, when state.json holds a git conflict, both of its sides. The merge itself
is core/merge.py's union by event id; this module reads the copies, takes the
lock, writes state.json (its .bak first, like any change), and moves the copies
it merged into `merged/` beside the state: never deleted, and not found again.
A FILE given from elsewhere is read and left where it is.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from mlpath.core import merge as mg
from mlpath.errors import MlpathError, StateError, UsageError
from mlpath.store import copies as cp
from mlpath.store.state import STATE_NAME, Store, atomic_write_bytes, parse_state, read_regular

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MERGED_DIR = "merged"


class Merged:
    """What `merge` did: lines to print and the --json view."""

    __slots__ = ("lines", "view")

    def __init__(self, lines: list[str], view: dict[str, Any]) -> None:
        self.lines = lines
        self.view = view


def read_copy(path: Path, label: str) -> dict[str, Any]:
    """Another copy of the state, or one sentence saying why it cannot be merged."""
    try:
        raw = read_regular(path)
        if raw is None:
            raise UsageError(f"{path} does not exist.", "Name a copy of your state.json.")
        return parse_state(raw, path)
    except StateError as exc:
        raise StateError(f"Cannot merge {label}: {exc.message}", "Nothing was merged.") from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def merge_copies(store: Store, files: list[Path] | None = None) -> Merged:
    """Merge `files` (or the copies found beside the state) into the state."""
    home = store.home
    found = files is None
    if files is None:
        files = [home / n for n in cp.conflict_copies(home)]
    copies: list[tuple[Path, str, dict[str, Any]]] = []
    for f in files:
        if _same_file(f, store.path):
            continue  # merging the state into itself changes nothing
        label = cp.copy_label(f.name) if f.parent == home else None
        label = label or str(f)
        copies.append((f, f"{label} ({f.name})" if label != str(f) else label, read_copy(f, label)))
    if not copies:
        raw = read_regular(store.path)
        if raw is None or not cp.has_git_conflict(raw):
            where = f"beside {store.path}" if found else "in what you named but the state itself"
            return Merged(
                [f"Nothing to merge: there is no other copy of your progress {where}."],
                {"merged": [], "moved": [], "git_conflict": False},
            )

    git: dict[str, Any] = {}

    def parse(raw: bytes) -> dict[str, Any]:
        sides = cp.git_conflict_sides(raw)
        if sides is None:
            return store.parse(raw)
        ours_raw, theirs_raw, name = sides
        ours = parse_state(ours_raw, store.path)
        label = f"the other side of the git conflict ({name})" if name else "the other side"
        try:
            theirs = parse_state(theirs_raw, store.path)
        except StateError as exc:
            raise StateError(
                f"Cannot merge {label}: {exc.message}", "Nothing was merged."
            ) from None
        git.update(raw=raw, label=label, ours=ours, theirs=theirs)
        return ours

    reports: list[dict[str, Any]] = []
    lines: list[str] = []
    with store.transaction(parse=parse) as state:
        ours = dict(state)
        others = [(label, c) for _, label, c in copies]
        if git:
            others.insert(0, (git["label"], git["theirs"]))
        if not others:
            raise MlpathError(
                f"There is no other copy of your progress to merge beside {store.path}.",
                "Name one: `mlpath merge FILE`.",
            )
        merged = mg.merge_states([(STATE_NAME, ours), *others])
        for label, other in others:
            new = mg.new_events(ours, other)
            clash = mg.plan_clash(ours, other, merged)
            reports.append(
                {
                    "copy": label,
                    "events": len(new),
                    "summary": mg.summary(new),
                    "plan_won": clash[0]["id"] if clash else None,
                }
            )
            lines.append(f"From {label}: {mg.summary(new)}.")
            if clash:
                won, lost = clash
                side = label if any(e["id"] == won["id"] for e in other["events"]) else "this copy"
                lines.append(
                    f"Both copies changed the plan; the later one wins ({_what(won)}, from "
                    f"{side}). The other ({_what(lost)}) stays in the history: `mlpath undo` "
                    "brings it back once the winner is the latest change."
                )
        state.clear()
        state.update(merged)
        aside = home / MERGED_DIR
        if git:
            os.makedirs(aside, exist_ok=True)
            stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
            kept = cp.aside_path(aside, f"state.git-conflict-{stamp}.json")
            atomic_write_bytes(kept, git["raw"])
            lines.append(f"The conflicted state.json is kept as {kept}.")
    moved = []
    for f, _label, _c in copies:
        if f.parent == home and (found or f.name != STATE_NAME):
            os.makedirs(home / MERGED_DIR, exist_ok=True)
            target = cp.aside_path(home / MERGED_DIR, f.name)
            os.replace(f, target)
            moved.append(str(target))
    if moved:
        lines.append(f"Merged copies moved to {home / MERGED_DIR}.")
    if not any(r["events"] for r in reports):
        lines.insert(0, "Nothing new: every event of those copies was already here.")
    return Merged(lines, {"merged": reports, "moved": moved, "git_conflict": bool(git)})


def _what(event: dict[str, Any]) -> str:
    from mlpath.core.ledger import describe

    return describe(event)


def waiting(home: Path) -> str | None:
    """One line when another copy of the progress waits to be merged, else None."""
    if cp.conflict_copies(home):
        return "another copy of your progress is waiting: `mlpath merge`"
    return None
