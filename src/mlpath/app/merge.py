"""`mlpath merge [FILE...]`: fold other copies of the state into this one.

With no FILE it takes the conflict copies beside state.json (store/copies.py)
and, when state.json holds a git conflict, both of its sides. The merge itself
is core/merge.py's union by event id; this module reads the copies, takes the
lock, writes state.json (its .bak first, like any change), and moves the copies
it merged into `merged/` beside the state: never deleted, and not found again.
A FILE given from elsewhere is read and left where it is.

Before anything changes it checks what could stop it halfway: `merged/` must
be a real folder (a file or a link there is refused: nothing is written
through a link), each copy at most 64 MB, and the merged plan must lay (a
copy whose plan cannot be laid is refused, named, with the reason). A folder
named like a conflict copy is skipped with a warning.

A FILE from elsewhere (another machine's MLPATH_HOME on a USB stick) may bring a plan
on that machine's own roadmap file: the copy it kept beside its state
(`roadmaps/<hash>.yaml` beside FILE) comes along into this home when this one lacks
it, so the merged plan lays here too (PRODUCT.md: the state works on every machine).
"""

from __future__ import annotations

import contextlib
import gc
import os
import shlex
from datetime import datetime, timezone
from pathlib import Path

from mlpath.core import merge as mg
from mlpath.errors import MlpathError, StateError, UsageError
from mlpath.store import copies as cp
from mlpath.store.state import (
    STATE_NAME,
    Store,
    atomic_write_bytes,
    io_error,
    parse_state,
    read_regular,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
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


def merged_dir(home: Path, *, create: bool = True) -> Path:
    """`merged/` beside the state, a real folder; a file or a link there is refused
    before anything changes (a link would send the copies elsewhere)."""
    folder = home / MERGED_DIR
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        kind = "a symbolic link" if folder.is_symlink() else "a file"
        raise StateError(
            f"{folder} is {kind}, not a folder, so mlpath cannot keep merged copies there; "
            "nothing was changed.",
            f"Move it aside (`mv {shlex.quote(str(folder))} {shlex.quote(str(folder))}.old`), "
            "then run the command again.",
        )
    if create:
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError as exc:
            raise io_error(folder, exc) from None
    return folder


def check_plan_lays(state: dict[str, Any], store: Store, label: str) -> None:
    """The plan of `state` (a merge's result) lays, as every command will need."""
    from mlpath.app.clock import today
    from mlpath.app.session import MissingRoadmapError, load_active
    from mlpath.errors import NoPlanError

    try:
        load_active(store, today(), state=state)
    except NoPlanError:
        pass
    except MlpathError as exc:
        hint = (
            "Nothing was merged; bring that machine's roadmaps/ folder beside the copy (it "
            "keeps the roadmap by its hash), or put the roadmap file at that path, then "
            "merge again."
            if isinstance(exc, MissingRoadmapError)
            else "Nothing was merged; on the machine it came from, `mlpath undo` or "
            "`mlpath replan` gives it a plan that lays."
        )
        raise MlpathError(
            f"Cannot merge {label}: its plan cannot be laid ({exc.message.rstrip('.')}).", hint
        ) from None


def _bring_kept_roadmaps(home: Path, files: list[Path]) -> list[Path]:
    """The roadmaps kept beside each copy from elsewhere (its folder's
    `roadmaps/<hash>.yaml`) that this home lacks, copied in: the files written. Each is
    data from elsewhere: a regular file (no link), that loads as a roadmap whose content
    hash is its name; any other is left where it is."""
    import stat

    from mlpath.core.roadmap import MAX_ROADMAP_BYTES
    from mlpath.core.shape import is_roadmap_hash
    from mlpath.store.catalog import KEPT_DIR, kept_roadmap_path, load_file

    written: list[Path] = []
    here = os.path.realpath(home)
    for folder in {f.parent / KEPT_DIR for f in files if os.path.realpath(f.parent) != here}:
        try:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                continue
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            digest = name[: -len(".yaml")]
            if not name.endswith(".yaml") or not is_roadmap_hash(digest):
                continue
            source, target = folder / name, kept_roadmap_path(home, digest)
            try:
                info = os.lstat(source)
                if os.path.lexists(target) or not stat.S_ISREG(info.st_mode):
                    continue
                if info.st_size > MAX_ROADMAP_BYTES or load_file(source).content_hash != digest:
                    continue
                data = source.read_bytes()
                target.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_bytes(target, data, public=True)
            except (OSError, MlpathError):
                continue
            written.append(target)
    return written


def _usable_copies(home: Path, names: list[str], skipped: list[str]) -> list[Path]:
    """The conflict copies that are regular files; a folder (or a link) named like one
    is skipped with a warning, so real copies beside it still merge."""
    import stat

    out = []
    for n in names:
        try:
            mode = os.lstat(home / n).st_mode
        except OSError:
            continue
        if stat.S_ISREG(mode):
            out.append(home / n)
        else:
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            skipped.append(f"Skipped {n}: it is named like a conflict copy but is {kind}.")
    return out


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: a merge of two long histories makes a few
    hundred thousand dicts and no cycles, and the full collections their number
    triggers cost a sixth of its time (measured: 0.17 s at 2 x 100,000 events)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def merge_copies(store: Store, files: list[Path] | None = None) -> Merged:
    """Merge `files` (or the copies found beside the state) into the state."""
    with no_gc():
        found = files is None
        skipped: list[str] = []
        beside = Path(cp.copies_dir(store.home))  # the link's folder for a linked state
        if files is None:
            files = _usable_copies(beside, cp.conflict_copies(store.home), skipped)
        named = [(f, *_labels(f, beside)) for f in files if not _same_file(f, store.path)]
        brought = _bring_kept_roadmaps(store.home, [f for f, _l, _s in named])
        try:
            if len(named) == 1:  # one long copy: merged as its events come (merge_stream.py)
                from mlpath.app.merge_stream import merge_long

                said = merge_long(store, *named[0])
                if said is not None:
                    return _moved(store, named, found, skipped, *said, git=False)
            return _merge_copies(store, named, found, skipped)
        except mg.ForeignCopy as exc:
            _undo_brought(brought)
            if found and any(exc.label in (label, said) for _f, label, said in named):
                # a copy a sync tool left here: its "own folder" is this one
                raise mg.MergeError(
                    exc.message,
                    "Nothing was merged; move it out of this folder, then run `mlpath "
                    "merge` again for the copies of your own progress.",
                ) from None
            raise
        except BaseException:
            _undo_brought(brought)
            raise


def _undo_brought(brought: list[Path]) -> None:
    for path in brought:  # a refused merge changes nothing here
        with contextlib.suppress(OSError):
            path.unlink()


def _labels(f: Path, home: Path) -> tuple[str, str]:
    """A copy's short label (its errors say it) and the one its report says."""
    label = cp.copy_label(f.name) if f.parent == home else None
    label = label or str(f)
    return label, f"{label} ({f.name})" if label != str(f) else label


def _merge_copies(
    store: Store, named: list[tuple[Path, str, str]], found: bool, skipped: list[str]
) -> Merged:
    home = store.home
    # (merging the state into itself changes nothing: left out of `named`)
    copies = [(f, said, read_copy(f, label)) for f, label, said in named]
    if not copies:
        raw = read_regular(store.path)
        if raw is None or not cp.has_git_conflict(raw):
            where = f"beside {store.path}" if found else "in what you named but the state itself"
            return Merged(
                [*skipped, f"Nothing to merge: there is no other copy of your progress {where}."],
                {"merged": [], "moved": [], "git_conflict": False, "skipped": skipped},
            )
    if not copies or any(beside_state(f, store) for f, _l, _c in copies):
        merged_dir(home, create=False)  # refused now, before anything changes

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
        seen = [mg.ids(ours), *(mg.ids(other) for _, other in others)]  # once each
        # the copies are this command's own: renumbered in place, not copied
        merged = mg.merge_states([(STATE_NAME, ours), *others], renumber_in_place=True, seen=seen)
        laid, archived = _compacted(merged)
        try:
            check_plan_lays(laid, store, " and ".join(label for label, _ in others))
        except MlpathError:
            for label, other in others:  # name the copy that brings the unlayable plan
                check_plan_lays(mg.merge_states([(STATE_NAME, ours), (label, other)]), store, label)
            raise
        reports, said = _reports(ours, others, merged, seen)
        lines += said
        del seen  # (a few MB of ids, not kept while the archive is written)
        if git:  # kept before state.json changes: a full disk here changes nothing
            aside = merged_dir(home)
            stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
            kept = cp.aside_path(aside, f"state.git-conflict-{stamp}.json")
            try:
                atomic_write_bytes(kept, git["raw"])
            except OSError as exc:
                raise io_error(kept, exc) from None
            lines.append(f"The conflicted state.json is kept as {kept}.")
        # the events compacted away go to the archive before state.json changes, as any
        # save does them; if it cannot be written, the state keeps every event
        state.clear()
        state.update(laid if archived and store.archive(archived) else merged)
    return _moved(store, named, found, skipped, reports, lines, git=bool(git))


def _moved(
    store: Store,
    named: list[tuple[Path, str, str]],
    found: bool,
    skipped: list[str],
    reports: list[dict[str, Any]],
    lines: list[str],
    *,
    git: bool,
) -> Merged:
    """After the merge: the copies beside the state moved into `merged/`, and what
    `merge` says."""
    home = store.home
    moved = []
    for f, _label, _said in named:
        if beside_state(f, store) and (found or f.name != STATE_NAME):
            try:
                target = cp.aside_path(merged_dir(home), f.name)
                _move(f, target)
            except (OSError, MlpathError) as exc:
                reason = exc.message if isinstance(exc, MlpathError) else exc.strerror
                raise MlpathError(
                    f"The copies were merged into {store.path}, but {f.name} could not be moved "
                    f"into {home / MERGED_DIR} ({reason}).",
                    "Move it aside by hand: its progress is already counted.",
                ) from None
            moved.append(str(target))
    if moved:
        lines.append(f"Merged copies moved to {home / MERGED_DIR}.")
    if not any(r["events"] for r in reports):
        lines.insert(0, "Nothing new: every event of those copies was already here.")
    view = {"merged": reports, "moved": moved, "git_conflict": git, "skipped": skipped}
    return Merged(skipped + lines, view)


def beside_state(f: Path, store: Store) -> bool:
    """Whether `f` lies beside the state: in its home, or beside the file a linked
    state.json leads to (where a sync tool leaves its conflict copies)."""
    return f.parent in (store.home, Path(cp.copies_dir(store.home)))


def _move(source: Path, target: Path) -> None:
    """`source` moved to `target`; across file systems (a linked state's synced folder
    and the home's `merged/`) written there first, then removed."""
    import errno

    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        atomic_write_bytes(target, source.read_bytes())
        source.unlink()


def _reports(
    ours: dict[str, Any],
    others: list[tuple[str, dict[str, Any]]],
    merged: dict[str, Any],
    seen: list[mg.Seen],
) -> tuple[list[dict[str, Any]], list[str]]:
    """What each copy brought (the --json view's entries) and the lines saying so."""
    reports: list[dict[str, Any]] = []
    lines: list[str] = []
    ours_seen = seen[0]
    for (label, other), other_seen in zip(others, seen[1:], strict=True):
        new = mg.new_events(ours, other, ours_seen)
        said = mg.summary(new)
        clash = mg.plan_clash(ours, other, merged, (ours_seen, other_seen))
        reports.append(
            {
                "copy": label,
                "events": len(new),
                "summary": said,
                "plan_won": clash[0]["id"] if clash else None,
            }
        )
        lines.append(f"From {label}: {said}.")
        if clash:
            won, lost = clash
            lines.append(clash_line(won, lost, label if won["id"] in other_seen.events else None))
    return reports, lines


def clash_line(won: dict[str, Any], lost: dict[str, Any], side: str | None) -> str:
    """What `merge` says when both copies changed the plan (`side`: the copy the
    winner came from, None for this one)."""
    return (
        f"Both copies changed the plan; the later one wins ({_what(won)}, from "
        f"{side or 'this copy'}). The other ({_what(lost)}) stays in the history: `mlpath undo` "
        "brings it back once the winner is the latest change."
    )


def _compacted(merged: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The merged state compacted as its save would compact it, and the events moved
    out (none when it is short). The plan is then laid from the snapshot: one fold of
    a long history, not one to lay the plan and another to compact it."""
    from mlpath.core.compaction import COMPACT_AT, compact

    if len(merged["events"]) <= COMPACT_AT:
        return merged, []
    trial = dict(merged)
    moved = compact(trial)
    if not moved or len(trial["events"]) > COMPACT_AT:
        return merged, []  # (an undo far back keeps a long tail: the save compacts it, once)
    return trial, moved


def _what(event: dict[str, Any]) -> str:
    from mlpath.core.ledger import describe

    return describe(event)


def waiting(home: Path) -> str | None:
    """One line when another copy of the progress waits to be merged, else None."""
    if cp.conflict_copies(home):
        return "another copy of your progress is waiting: `mlpath merge`"
    return None
