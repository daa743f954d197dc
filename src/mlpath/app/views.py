"""The views of one home on one day, for every reader: `next` and `status` (text and
--json), `status --watch`, the app and a shell prompt line.

A view depends only on the state file, the plan's roadmap file, the day and mlpath
itself; so each is kept in the cache (store/cache.py) under the state's path and the
day, valid while both files keep their identity. Every command that changes the state
leaves the views of the new state there (`write_through`), so the read that follows a
`done` or a `log` is as quick as any other. A drawn screen (the text of `next` for one
terminal, the JSON) is kept with its view.

`mark` is the state file's identity; `inputs` adds config.yaml's and the roadmap
files'. `--watch` and the app redraw when those (or the day) change.
"""

from __future__ import annotations

import os

from mlpath.store import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date
    from typing import Any

    from mlpath.app.session import Active
    from mlpath.store.cache import FileId

KINDS = ("next", "status")  # the views a change keeps for the read after it
REVIEW_KINDS = ("review", "review --all")  # kept by the first read of the day
# the dashboard's view, and status --json's when the dashboard's is a window of the plan
STATUS_KINDS = ("status", "status --json")
_AREA = "views"
_MAX_TEXTS = 8  # drawn screens kept per view: a few terminal sizes at most


def state_file(home: str | os.PathLike[str] | None) -> str:
    from mlpath.store.paths import home_str

    return os.path.join(home_str(home), "state.json")


def mark(home: str | os.PathLike[str] | None) -> FileId | None:
    """The identity of the state file: it changes whenever anything writes the state
    (this machine, another terminal, a sync)."""
    return cache.file_id(state_file(home))


def compute(active: Active, kind: str) -> dict[str, Any]:
    """One view of the active plan, as `next`, `status` (the dashboard, or
    `status --json`) or `review` (the list, or `review --all`) shows it."""
    if kind in STATUS_KINDS:
        from mlpath.core.dashboard import status_view

        # the dashboard's view shows a window of a big plan's phases; --json all of them
        return status_view(active.progress, every=kind == STATUS_KINDS[1])
    if kind in REVIEW_KINDS:
        from mlpath.core.views import review_list_view

        return review_list_view(active.progress, every=kind == REVIEW_KINDS[1])
    from mlpath.core.views import next_view

    return next_view(active.progress)


class KeptView:
    """One view (`next` or `status`) of one state on one day, and the screens drawn
    from it. Each kind is its own cache entry: `next` reads only what it shows, however
    large the status of a 1,000-phase plan is."""

    def __init__(self, path: str, day: str, kind: str, entry: dict[str, Any]) -> None:
        self.path = path
        self.day = day
        self.kind = kind
        self.entry = entry
        self.keepable = True  # its files had an identity when it was made

    @property
    def warnings(self) -> list[str]:
        found: list[str] = self.entry["warnings"]
        return found

    @property
    def view(self) -> dict[str, Any]:
        found: dict[str, Any] = self.entry["view"]
        return found

    def text(self, text_key: str) -> str | None:
        found: str | None = self.entry["texts"].get(text_key)
        return found

    def keep_text(self, text_key: str, text: str) -> None:
        """Keep a screen drawn from this view, to show it again without drawing."""
        self.keep_texts({text_key: text})

    def keep_texts(self, drawn: dict[str, str]) -> None:
        """Keep screens drawn from this view (one write for them all)."""
        texts = self.entry["texts"]
        for text_key, text in drawn.items():
            if len(texts) < _MAX_TEXTS:
                texts[text_key] = text
        self.save()

    @property
    def slot(self) -> str:
        return cache.slot(self.path, self.kind)

    def save(self) -> None:
        if not self.keepable:
            return
        deps = frozen(self.entry["deps"])
        # A view of a state that has moved on since (a screen drawn late, after the next
        # change kept its own) must not take the slot back from the newer one.
        if any(cache.file_id(p) != i for p, i in deps):
            return
        cache.put(_AREA, self.slot, view_key(self.path, self.day, self.kind), self.entry, deps)


def view_key(path: str, day: str, what: str) -> str:
    """The key a view (or an export) of the state at `path` on `day` is kept under. The
    config.yaml that applies is named in it: the same home read under another
    MLPATH_CONFIG_DIR is another view (its deps say only whether that file changed)."""
    from mlpath.store.paths import config_file_str

    return f"{path}|{day}|{what}|{config_file_str()}"


def _iso(today: date | str) -> str:
    return today if isinstance(today, str) else today.isoformat()


def cached(home: str | os.PathLike[str] | None, today: date | str, kind: str) -> KeptView | None:
    """The view of `kind` kept for this home's state as it is now, on `today` (a date
    or YYYY-MM-DD: the warm path imports no datetime), or None."""
    path = state_file(home)
    day = _iso(today)
    entry = cache.get(_AREA, cache.slot(path, kind), view_key(path, day, kind))
    if not isinstance(entry, dict):
        return None
    return KeptView(path, day, kind, entry)


def deps_of(active: Active, state_id: FileId | None) -> list[tuple[str, Any]]:
    """The files what is drawn from `active` depends on, with their identities: the
    state (as it was before it was read), the roadmap used, the file the plan names
    when a kept copy stands in for it, and config.yaml (its review cap shapes the
    schedule). None: the file must stay absent."""
    from mlpath.store.paths import config_file_str

    path = active.store.file
    deps: list[tuple[str, Any]] = [(path, list(state_id or ()))]
    if active.roadmap.path:
        deps.append((active.roadmap.path, list(cache.file_id(active.roadmap.path) or ())))
    named = active.plan.get("roadmap_path")
    if named and named != active.roadmap.path:
        # the file the plan names, when a kept copy stands in for it: its coming back
        # (or going) is another view, without its "is not here" warning (or with it)
        found = cache.file_id(named)
        deps.append((named, None if found is None else list(found)))
    config = config_file_str()
    found = cache.file_id(config)
    deps.append((config, None if found is None else list(found)))
    return deps


def keepable(deps: list[tuple[str, Any]]) -> bool:
    """Whether every file it was made from had an identity (an empty one: the state or
    the roadmap could not be read as a file); None is a file that must stay absent."""
    return all(i is None or i for _, i in deps)


def frozen(deps: list[tuple[str, Any]]) -> tuple[tuple[str, FileId | None], ...]:
    """The deps as the cache checks them (store/cache.py): identities as tuples."""
    return tuple((p, None if i is None else tuple(i)) for p, i in deps)


def _new(active: Active, state_id: FileId | None, kind: str, *, save: bool = True) -> KeptView:
    path = active.store.file
    deps = deps_of(active, state_id)
    entry = {
        "deps": deps,
        "warnings": list(active.warnings),
        "view": compute(active, kind),
        "texts": {},
    }
    views = KeptView(path, active.today.isoformat(), kind, entry)
    views.keepable = state_id is not None and keepable(deps)
    if save:
        views.save()
    return views


def views_for(
    home: str | os.PathLike[str] | None, today: date | str, kind: str
) -> tuple[KeptView, dict[str, Any]]:
    """The view of `kind` of this home on `today`: kept, or computed from the state (and
    kept, when the state did not change meanwhile)."""
    found = cached(home, today, kind)
    if found is not None:
        return found, found.view
    from mlpath.app.session import load_active
    from mlpath.store.state import store_for

    before = mark(home)  # taken before reading: a write meanwhile makes the entry stale
    store = store_for(home)
    if isinstance(today, str):
        from datetime import date

        today = date.fromisoformat(today)
    active = load_active(store, today, state=compacted(store.file, store.read))
    fresh = _new(active, before, kind)
    return fresh, fresh.view


def compacted(path: str | os.PathLike[str], read: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The state as the views need it. Reads never write the state, so a long history
    another copy brought in stays uncompacted until the next change; its compacted form
    (core's own `compact`, as a write would make it) is kept in the cache for as long as
    the file stays the same, so each day's views replay a snapshot and a short tail
    instead of every event again."""
    from mlpath.core.compaction import COMPACT_AT, compact

    where = os.fspath(path)
    ident = cache.file_id(where)
    if ident is not None:
        kept = cache.get("states", cache.slot(where), where)
        if isinstance(kept, dict):
            return kept
    state = read()
    if ident is None or len(state.get("events", ())) <= COMPACT_AT:
        return state
    trial = dict(state)
    if compact(trial) and cache.file_id(where) == ident:  # unchanged while it was read
        cache.put("states", cache.slot(where), where, trial, ((where, ident),))
        return trial
    return state


def write_through(active: Active) -> dict[str, KeptView]:
    """After a command changed the state: the views the next read will ask for, computed
    from what the command has in hand (no second read of the state). The caller keeps
    them (`save`), with a screen drawn from them when it has one (cli/output.py)."""
    written = active.store.written
    if written is None:
        return {}
    return {kind: _new(active, written, kind, save=False) for kind in KINDS}


def inputs(home: str | os.PathLike[str] | None, files: tuple[str, ...] = ()) -> tuple[object, ...]:
    """The identities of every file a view is read from: the state, config.yaml (its
    review and timer caps change what `next` shows), the roadmap folders' files (a user
    roadmap edited or put back) and `files` (a roadmap the plan names elsewhere). A
    change to any of them is a new view, as for the views kept in the cache."""
    from mlpath.store.paths import config_file_str, roadmap_files_key

    return (
        mark(home),
        cache.file_id(config_file_str()),
        roadmap_files_key(),
        *(cache.file_id(f) for f in files),
    )


def watcher(home: str | os.PathLike[str] | None, clock: Callable[[], date]) -> Callable[[], object]:
    """What `status --watch` polls: changes when a file the view is read from, or the
    day, does."""

    def signature() -> object:
        return inputs(home), clock()

    return signature
