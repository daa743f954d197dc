"""core/shape.py's string checks hold to the regular expressions they replaced
(compiling those cost every command start-up time): the same answer for any
text, including near misses, Unicode digits and trailing newlines."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mlpath.core import shape

ID_RE = re.compile(r"\A(?:[0-9a-f]{16}|[0-9a-f]{8}-[1-9][0-9]{0,14})\Z")
HEX16_RE = re.compile(r"\A[0-9a-f]{16}\Z")
HEX8_RE = re.compile(r"\A[0-9a-f]{8}\Z")
DATE_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
LOCAL_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\Z")

# texts near the shapes: their own characters, a few others, Unicode digits
NEAR = st.text(alphabet="0123456789abcdefABF-T:\n \u0663\u00b2g", max_size=26)
HEX = st.text(alphabet="0123456789abcdef", min_size=8, max_size=8)


def ids() -> st.SearchStrategy[str]:
    counters = st.integers(0, 10**16).map(str) | st.text("0123456789", min_size=1, max_size=16)
    return st.one_of(
        NEAR,
        st.builds(lambda w, c: f"{w}-{c}", HEX, counters),
        st.builds(lambda a, b: a + b, HEX, HEX),
    )


def dates() -> st.SearchStrategy[str]:
    return st.one_of(
        NEAR,
        st.dates().map(str),
        st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
        st.builds(lambda d, s: d.isoformat() + s, st.dates(), st.sampled_from(["", "\n", "T"])),
    )


@settings(max_examples=400)
@given(ids())
def test_event_ids_and_hex_checks_are_the_patterns_own(v: str) -> None:
    assert shape.is_event_id(v) == (10 <= len(v) <= 24 and ID_RE.match(v) is not None)
    assert shape.is_legacy_id(v) == (HEX16_RE.match(v) is not None)
    assert shape.is_roadmap_hash(v) == (HEX16_RE.match(v) is not None)
    assert shape.is_writer(v) == (HEX8_RE.match(v) is not None)


@settings(max_examples=400)
@given(dates())
def test_date_and_time_shapes_are_the_patterns_own(v: str) -> None:
    assert shape.date_text_shape(v) == (DATE_RE.match(v) is not None)
    assert shape.local_time_shape(v) == (LOCAL_RE.match(v) is not None)


def test_the_edges_the_patterns_draw() -> None:
    assert shape.is_event_id("0123abcd-1")
    assert shape.is_event_id("0123abcd-" + "9" * 15)
    assert shape.is_event_id("0123abcd-1234567")  # 16 long, yet a writer-counter id
    assert not shape.is_event_id("0123abcd-0")  # a counter never starts with 0
    assert not shape.is_event_id("0123abcd-" + "9" * 16)
    assert not shape.is_event_id("0123ABCD-1")
    assert not shape.is_event_id("0123abcd12345678\n")
    assert not shape.date_text_shape("2026-12-07\n")
    assert shape.date_text_shape("\u0662\u0660\u0662\u0666-12-07")  # as `\d` reads it
    assert not shape.is_local_time("2026-12-07T24:00")
    assert shape.is_local_time("2026-12-07T23:59")
