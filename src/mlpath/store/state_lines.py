"""A state file read as its header and its event lines, a batch at a time.

store/layout.py lays state.json out with the header on its first line and one
event a line. A merge of two long histories (app/merge_stream.py) reads copies in that
layout without parsing either whole: the bytes both copies begin with are found
by comparing blocks, and the events are parsed and shape-checked a batch of lines
at a time (`json.loads` of `[` + the lines + `]`). A file in any other layout or
version, or one that does not read as parse_state would read it, gives None or
raises Unusual, and the caller reads it whole (store/state.py), which then says
exactly what is wrong. Text is decoded strictly, as parse_state decodes it.
"""

from __future__ import annotations

import json

from mlpath.core.compaction import Unusual
from mlpath.core.shape import check_state
from mlpath.store.state import FORMAT, VERSION

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

_HEAD_END = b', "events": ['
_FOOT = b"\n]}\n"
BATCH_BYTES = 1 << 18  # lines parsed at a time: ~1,700 events
_BLOCK = 1 << 16


class EventLines:
    """A state file's bytes: its header parsed and checked, its events as lines
    from `start` to `end` (joined by `,\\n`), read on demand."""

    __slots__ = ("raw", "head", "start", "end")

    def __init__(self, raw: bytes, head: dict[str, Any], start: int, end: int) -> None:
        self.raw = raw
        self.head = head
        self.start = start
        self.end = end

    def batches(self, start: int, end: int) -> Iterator[list[dict[str, Any]]]:
        """The events of the lines from `start` to `end`, parsed and shape-checked a
        batch at a time (Unusual for anything parse_state would refuse)."""
        raw = self.raw
        while start < end:
            stop = raw.find(b",\n", min(start + BATCH_BYTES, end), end)
            if stop < 0:
                stop = end
            try:
                events = json.loads("[" + raw[start:stop].decode("utf-8") + "]")
            except (ValueError, RecursionError):  # (UnicodeDecodeError is a ValueError)
                raise Unusual("not JSON lines") from None
            if check_state({"events": events}) is not None:
                raise Unusual("an event parse_state refuses")
            yield events
            start = stop + 2


def event_lines(raw: bytes) -> EventLines | None:
    """`raw` in the layout mlpath writes, at this state version, with a header the
    shape check accepts; None for anything else."""
    first = raw.find(b"\n")
    end = len(raw) - len(_FOOT)
    if first < 0 or end <= first + 1 or not raw.endswith(_FOOT):
        return None
    if raw[first - len(_HEAD_END) : first] != _HEAD_END:
        return None
    try:
        head = json.loads(raw[: first - len(_HEAD_END)].decode("utf-8") + "}")
    except (ValueError, RecursionError):
        return None
    if not isinstance(head, dict) or "events" in head or "snapshot" in head:
        return None
    version = head.get("version")
    if head.get("format") != FORMAT or version.__class__ is not int or version != VERSION:
        return None  # older versions are upgraded, newer ones refused: by parse_state
    if check_state({**head, "events": []}) is not None:
        return None
    return EventLines(raw, head, first + 1, end)


def shared_lines(a: EventLines, b: EventLines) -> int:
    """How many bytes of event lines `a` and `b` begin with alike, whole lines only
    (the count ends where a `,\\n` follows in both, or at the end of both)."""
    ra, rb, sa, sb = a.raw, b.raw, a.start, b.start
    n = min(a.end - sa, b.end - sb)
    same = 0
    while same < n:  # blocks compared in C; then halved down to the first difference
        step = min(_BLOCK, n - same)
        if ra[sa + same : sa + same + step] == rb[sb + same : sb + same + step]:
            same += step
            continue
        while step > 1:
            half = step // 2
            if ra[sa + same : sa + same + half] == rb[sb + same : sb + same + half]:
                same += half
                step -= half
            else:
                step = half
        break
    if same == n and (
        (sa + same == a.end or ra[sa + same : sa + same + 2] == b",\n")
        and (sb + same == b.end or rb[sb + same : sb + same + 2] == b",\n")
    ):
        return same
    found = ra.rfind(b",\n", sa, sa + same)
    return found - sa if found >= 0 else 0


def named_ids(raw: bytes, start: int, end: int) -> set[str]:
    """The ids after every `"undoes": "` and `"drops": "` in the lines: what the undos
    and drops name, found without parsing (the caller checks them against the events)."""
    out: set[str] = set()
    for key in (b'"undoes": "', b'"drops": "'):
        at = raw.find(key, start, end)
        while at >= 0:
            at += len(key)
            close = raw.find(b'"', at, end)
            if close < 0:
                break
            out.add(raw[at:close].decode("utf-8", "replace"))
            at = raw.find(key, close, end)
    return out
