"""`mlpath merge` and the git merge driver for long histories: as the events come.

Two parsed copies of 100,000 events pass 100 MiB on their own, so a merge of one
long copy into state.json reads both in mlpath's own layout (store/state_lines.py),
skips the lines they begin with alike, merges the rest a batch at a time
(core/merge_stream.py) and compacts the merged history as it goes
(core/compaction.py's Compactor): the archive's lines are written from each batch,
and only the last few thousand events are held as dicts. The file written is the
one the whole merge (app/merge.py) writes, byte for byte (tests/test_merge_lean.py,
tests/test_merge_stream.py).

Anything it does not handle exactly as the whole merge would (other layouts and
versions, snapshots, a damaged or hostile copy, an undo far back, a plan that
does not lay, an archive that cannot be written) returns None before anything is
written, and the caller merges the copies whole: it then says what is wrong,
in the same words. Short histories are merged whole too: they are fast there.
"""

from __future__ import annotations

from mlpath.core.compaction import Compactor, Unusual
from mlpath.errors import MlpathError
from mlpath.store.layout import archive_lines, encode_lines
from mlpath.store.state import VERSION, atomic_write_bytes, read_regular, write_archive
from mlpath.store.state_lines import EventLines, event_lines, named_ids, shared_lines

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path
    from typing import Any

    from mlpath.store.state import Store

    Batches = Iterator[list[dict[str, Any]]]

STREAM_BYTES = 4 << 20  # both files together: below this the whole merge is as quick


def _parts(a: EventLines, b: EventLines) -> tuple[Batches, Batches, Batches, set[str]]:
    """The batches both begin with, ours after them, theirs after them, and the ids
    every undo and drop in them names (found without parsing)."""
    same = shared_lines(a, b)
    skip = same + 2 if same else 0  # (the `,\n` after the lines alike)
    shared = a.batches(a.start, a.start + same)
    ours = a.batches(a.start + skip, a.end)
    theirs = b.batches(b.start + skip, b.end)
    named = named_ids(a.raw, a.start, a.end) | named_ids(b.raw, b.start + same, b.end)
    return shared, ours, theirs, named


def merge_long(
    store: Store, path: Path, label: str, said: str
) -> tuple[list[dict[str, Any]], list[str]] | None:
    """Merge the copy at `path` into the state as its events come: (the --json
    view's reports, the lines saying them), or None when the whole merge must do it
    (nothing was written then)."""
    from mlpath.app.merge import beside_state, check_plan_lays, clash_line, merged_dir
    from mlpath.core.merge import clash
    from mlpath.core.merge_stream import Merge

    try:
        raw = read_regular(path)
    except MlpathError:
        return None
    if raw is None:
        return None
    size = len(raw)
    theirs = event_lines(raw)
    del raw
    if theirs is None:
        return None
    if beside_state(path, store):
        try:
            merged_dir(store.home, create=False)
        except MlpathError:
            return None  # the whole merge refuses it, after checking the copy
    ours: list[EventLines] = []

    def parse(raw: bytes) -> dict[str, Any]:
        lines = event_lines(raw) if size + len(raw) >= STREAM_BYTES else None
        if lines is None:
            raise Unusual("not state.json as mlpath writes it")
        ours.append(lines)
        return dict(lines.head)

    try:
        with store.transaction(parse=parse) as state:
            if not ours:
                raise Unusual("no state.json yet")  # (the whole merge copies the other in)
            a, b = ours[0], theirs
            shared, ours_rest, theirs_rest, named = _parts(a, b)
            merge = Merge(shared, ours_rest, theirs_rest)
            compactor = Compactor(None, named)
            archive = bytearray()
            for batch in merge:
                moved = compactor.add(batch, *merge.counters)
                if moved:
                    archive += archive_lines(moved)
            del theirs, b  # its bytes, freed (the batches read from them are done)
            if not merge.met or merge.targets != named:
                raise Unusual("no event shared, or an undo named otherwise than it reads")
            snap, tail, last = compactor.finish()
            head = {k: v for k, v in state.items() if k != "events"}
            laid = head | ({"snapshot": snap} if snap else {}) | {"events": tail}
            try:
                check_plan_lays(laid, store, label)
            except MlpathError:
                raise Unusual("a plan that does not lay") from None
            won = clash(*merge.plans, merge.undone)
            new = merge.new
            text = new.text()
            reports = [
                {
                    "copy": said,
                    "events": new.events,
                    "summary": text,
                    "plan_won": won[0]["id"] if won else None,
                }
            ]
            lines = [f"From {said}: {text}."]
            if won:
                theirs_won = any(won[0] is e for e in merge.plans[1])
                lines.append(clash_line(*won, said if theirs_won else None))
            if snap is not None:
                archive += archive_lines(last)
                first = compactor.first_seq
                if not write_archive(store.folder, first, snap["upto"], archive):
                    raise Unusual("the archive cannot be written")
            del archive
            state.clear()
            state.update(laid)
    except Unusual:
        return None
    return reports, lines


def merge_sides_long(ours: Path, theirs: Path) -> bool:
    """The git driver's merge of two long sides as their events come, written to
    `ours`: False when the whole merge must do it (nothing was written then)."""
    from mlpath.core.merge_stream import Merge

    try:
        ra, rb = read_regular(ours), read_regular(theirs)
    except MlpathError:
        return False
    if ra is None or rb is None or len(ra) + len(rb) < STREAM_BYTES:
        return False
    a, b = event_lines(ra), event_lines(rb)
    if a is None or b is None:
        return False
    shared, ours_rest, theirs_rest, _named = _parts(a, b)
    merge = Merge(shared, ours_rest, theirs_rest)
    try:  # state.json's own layout and encoding (store/state.py), a batch at a time
        out = encode_lines(dict(a.head, version=VERSION), merge, ascii_only=False)
    except (Unusual, UnicodeEncodeError):  # (a lone surrogate: the whole file in ASCII)
        return False
    if not merge.met:
        return False
    del a, b, ra, rb
    atomic_write_bytes(ours, out)
    return True
