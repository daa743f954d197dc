"""state.json's layout: the header on its first line, then one event a line.

Written here for every save (store/state.py), for a merge of long histories a batch
at a time, and for the archive of compacted events; store/state_lines.py reads the
same layout back without parsing a file whole.
"""

from __future__ import annotations

import json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any


def encode_state(state: dict[str, Any]) -> bytes:
    """The file's bytes: the header on the first line, then one event per line.

    Valid JSON that reads well and diffs by event, written by the C encoder
    (an indented dump goes through the pure-Python one: 20x slower). Text the
    user typed stays readable; a lone surrogate (from undecodable argv bytes)
    is written escaped instead, so the file is always valid UTF-8.
    """
    head = {k: v for k, v in state.items() if k != "events"}
    events = [state.get("events", [])]
    try:
        return bytes(encode_lines(head, events, ascii_only=False))
    except UnicodeEncodeError:
        return bytes(encode_lines(head, events, ascii_only=True))


def encode_lines(
    head: dict[str, Any], batches: Iterable[list[dict[str, Any]]], *, ascii_only: bool
) -> bytearray:
    """`encode_state`'s layout from the header and the events a batch at a time (a
    merge of long histories writes them as they come; store/state_lines.py reads
    this layout back). UnicodeEncodeError for a lone surrogate unless `ascii_only`."""
    dump = dumper(ascii_only)
    out = bytearray((dump(head)[:-1] + (", " if head else "") + '"events": [').encode())
    between = b"\n"
    for batch in batches:
        if batch:
            out += between + ",\n".join([dump(e) for e in batch]).encode()
            between = b",\n"
    out += b"\n]}\n" if between == b",\n" else b"]}\n"
    return out


def dumper(ascii_only: bool) -> Callable[[Any], str]:
    """`json.dumps(value, ensure_ascii=ascii_only, separators=(", ", ": "))`, through one
    C encoder made once: json.dumps makes one per call, which was half the cost of
    writing a long history (a merge's archive of over 100,000 events)."""
    from json import encoder as je

    make: Any = getattr(je, "c_make_encoder", None)  # not in the type stubs
    if make is None:  # pragma: no cover - an interpreter without the C encoder
        return lambda v: json.dumps(v, ensure_ascii=ascii_only, separators=(", ", ": "))
    strings = je.encode_basestring_ascii if ascii_only else je.encode_basestring
    default = json.JSONEncoder().default  # json.dumps's: a TypeError for what JSON lacks
    encode = make({}, default, strings, None, ": ", ", ", False, False, True)
    join = "".join
    return lambda v: join(encode(v, 0))


def archive_lines(events: list[dict[str, Any]]) -> bytearray:
    """`json.dumps(event)` a line (ASCII: always valid UTF-8), added a thousand lines at a
    time to one buffer: neither every line's text nor the file's bytes twice at once (a
    merge archives over 100,000 events, 22 MB)."""
    dump = dumper(True)
    out = bytearray()
    for i in range(0, len(events), 1000):
        out += "".join([dump(e) + "\n" for e in events[i : i + 1000]]).encode()
    return out
