"""The sanitiser (render/safe.py): what each kind of field shows for text from data.

Expected texts are written by hand: a control character becomes the escape Python
would write for it (`\\x1b`, `\\x9b`, `\\u202e`), newline and tab are kept only in
multi-line fields.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mlpath.app.export import ics_text
from mlpath.render import safe

ESC = "\x1b"


@pytest.mark.parametrize(
    ("raw", "one_line", "multi_line"),
    [
        ("Linear algebra", "Linear algebra", "Linear algebra"),
        ("Álgebra · 線形代数 — ✓", "Álgebra · 線形代数 — ✓", "Álgebra · 線形代数 — ✓"),
        # an OSC 52 clipboard write, BEL-terminated
        (
            f"a{ESC}]52;c;SGVsbG8={chr(7)}b",
            "a\\x1b]52;c;SGVsbG8=\\x07b",
            "a\\x1b]52;c;SGVsbG8=\\x07b",
        ),
        (f"{ESC}[2Jcleared", "\\x1b[2Jcleared", "\\x1b[2Jcleared"),
        (f"{ESC}[31mred{ESC}[0m", "\\x1b[31mred\\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("\x9b31mC1 CSI", "\\x9b31mC1 CSI", "\\x9b31mC1 CSI"),  # the 8-bit CSI
        ("nul\x00del\x7f", "nul\\x00del\\x7f", "nul\\x00del\\x7f"),
        ("abc\u202edcba", "abc\\u202edcba", "abc\\u202edcba"),  # right-to-left override
        ("\u2066iso\u2069 \u200e\u200f\u061c", "\\u2066iso\\u2069 \\u200e\\u200f\\u061c", None),
        ("line one\nline two", "line one\\nline two", "line one\nline two"),
        ("col\tcol", "col\\tcol", "col\tcol"),
        ("over\rwrite", "over\\rwrite", "over\\rwrite"),  # CR is never kept: it overwrites
        ("sep\u2028par\u2029", "sep\\u2028par\\u2029", "sep\\u2028par\\u2029"),
        ("bad byte \udc9b", "bad byte \\udc9b", "bad byte \\udc9b"),  # an undecodable name
        ("C:\\new \\x1b", "C:\\new \\x1b", "C:\\new \\x1b"),  # a backslash stays as it is
        ("non\u00a0breaking zero\u200dwidth", "non\u00a0breaking zero\u200dwidth", None),
    ],
)
def test_single_and_multi_line_fields(raw: str, one_line: str, multi_line: str | None) -> None:
    assert safe.line(raw) == one_line
    assert safe.text(raw) == (one_line if multi_line is None else multi_line)


def test_a_view_escapes_each_string_by_its_key() -> None:
    view = {
        "title": "T\nforged line",
        "notes": ["first\nsecond\x1b[2J"],
        "items": [{"id": "x\u202e", "summary": "a\n\tb"}],
        "hours": 2.5,
        "done": None,
        "k\x1b": "key",
    }
    assert safe.view(view) == {
        "title": "T\\nforged line",
        "notes": ["first\nsecond\\x1b[2J"],
        "items": [{"id": "x\\u202e", "summary": "a\n\tb"}],
        "hours": 2.5,
        "done": None,
        "k\\x1b": "key",
    }


def test_the_writer_net_keeps_colour_codes_only() -> None:
    screen = f"{ESC}[1mBold{ESC}[0m\n  • {ESC}]0;title{chr(7)} \x9b2J\tend\n{ESC}[1;36m"
    assert safe.terminal(screen) == (
        f"{ESC}[1mBold{ESC}[0m\n  • \\x1b]0;title\\x07 \\x9b2J\tend\n{ESC}[1;36m"
    )
    assert safe.terminal(f"{ESC}[2J{ESC}") == "\\x1b[2J\\x1b"  # not colour codes
    assert safe.terminal(f"{ESC}[2Jm {ESC}[m") == f"\\x1b[2Jm {ESC}[m"  # the m is not its end
    assert safe.terminal("plain\nlines\n") == "plain\nlines\n"


def test_json_text_escapes_c1_and_bidi_and_stays_the_same_json() -> None:
    data = {"title": "a\x9bb\u202ec\x1bd\u2028é線", "n": 1}
    doc = json.dumps(data, ensure_ascii=False)
    out = safe.json_text(doc)
    assert "\x9b" not in out and "\u202e" not in out and "\u2028" not in out
    assert "\\u009b" in out and "\\u202e" in out and "\\u001b" in out
    assert "é線" in out  # other text stays readable UTF-8
    assert json.loads(out) == data


@pytest.mark.parametrize(
    ("raw", "one_line", "multi_line"),
    [
        ("Week\x1b[2J 1\u202e", "Week[2J 1", "Week[2J 1"),  # dropped: RFC 5545 has no escape
        ("a\nb\r\nc\x9b\u2028d", "a b c d", "a\nb\nc\nd"),
        ("tab\tkept\x00", "tab\tkept", "tab\tkept"),
    ],
)
def test_ics_text_drops_what_rfc_5545_forbids(raw: str, one_line: str, multi_line: str) -> None:
    assert ics_text(raw) == one_line
    assert ics_text(raw, multi=True) == multi_line


# --- through the CLI: shown escaped, never dropped --------------------------------------

SHARED = """schema: 1
id: shared
title: "A roadmap from a shared folder"
source: {document: "notes.md"}
summary: "Twelve weeks."
duration: {text: "12 weeks", weeks: {min: 12, max: 12}}
hours_per_week: {value: 8, assumed: true, note: "my own figure"}
phases:
  - number: 1
    id: basics
    title: Basics
    weeks: {min: 4, max: 6, text: "4-6 weeks"}
    summary: NumPy and pandas.
    topics:
      - {id: numpy, title: "NumPy\\e]52;c;cm0gLXJmIH4=\\a"}
      - {id: pandas, title: "pandas\\x9b2J"}
    resources:
      - {title: "Official \\u202eslairotut\\u202c NumPy", kind: docs}
    milestone: {id: basics-done, title: "Load and plot\\na dataset"}
  - number: 2
    id: models
    title: Models
    weeks: {min: 6, max: 6, text: "Weeks 7-12"}
    summary: Fit and evaluate models.
    topics:
      - {id: regression, title: Regression}
"""


@pytest.fixture
def shared(cli: Any, tmp_path: Path) -> Any:
    folder = tmp_path / "config" / "roadmaps"  # MLPATH_CONFIG_DIR (tests/conftest.py)
    folder.mkdir(parents=True)
    (folder / "shared.yaml").write_text(SHARED, encoding="utf-8")
    result = cli("plan", "-r", "shared", "--hours", "8", "--start", "2027-01-04", today=TODAY)
    assert result.exit_code == 0, result.stderr
    return cli


TODAY = "2027-01-05"  # Tuesday of week 1: numpy is studied now


def test_next_shows_each_control_as_its_escape(shared: Any) -> None:
    out = shared("--color", "never", "next", today=TODAY).stdout
    assert "  • NumPy\\x1b]52;c;cm0gLXJmIH4=\\x07  numpy" in out
    assert "  • Official \\u202eslairotut\\u202c NumPy\n" in out
    # the milestone's newline is shown, not obeyed: its title stays on one line
    assert "Next milestone Load and plot\\na dataset (basics-done)" in out


def test_colour_on_leaves_only_mlpaths_own_codes(shared: Any) -> None:
    out = shared("--color", "always", "next", today=TODAY).stdout
    assert "\x1b[1m" in out  # mlpath's bold
    assert "NumPy\\x1b]52;c;cm0gLXJmIH4=\\x07" in out and "\x1b]" not in out


def test_rich_screens_escape_too(shared: Any) -> None:
    show = shared("--color", "never", "roadmaps", "show", "shared", today=TODAY).stdout
    assert "numpy  NumPy\\x1b]52;c;cm0gLXJmIH4=\\x07" in show
    assert "pandas  pandas\\x9b2J" in show
    status = shared("--color", "never", "status", "--width", "100", today=TODAY).stdout
    assert "\x1b" not in status and "\x9b" not in status


def test_json_keeps_the_exact_text_with_c1_and_bidi_escaped(shared: Any) -> None:
    out = shared("roadmaps", "show", "shared", "--json", today=TODAY).stdout
    assert "\x9b" not in out and "\u202e" not in out
    assert '"pandas\\u009b2J"' in out and "Official \\u202eslairotut\\u202c NumPy" in out
    topics = json.loads(out)["phases"][0]["topics"]
    assert topics[1]["title"] == "pandas\x9b2J"  # the data itself, exact


def test_ics_drops_and_markdown_escapes(shared: Any) -> None:
    ics = shared("export", "ics", today=TODAY).stdout
    # week 1 studies numpy: ESC and BEL dropped, ';' escaped by iCalendar
    assert "SUMMARY:mlpath week 1: NumPy]52\\;c\\;cm0gLXJmIH4=" in ics
    assert "\x1b" not in ics and "\x07" not in ics and "\u202e" not in ics
    md = shared("export", "markdown", today=TODAY).stdout
    assert "\x1b" not in md and "\u202e" not in md
    assert "NumPy\\\\x1b\\]52;c;cm0gLXJmIH4=\\\\x07" in md  # Markdown's own \\ and \\]
