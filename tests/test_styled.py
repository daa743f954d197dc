"""render/styled.py draws the dashboard without rich, exactly as rich draws it.

rich is the reference here: every line mlpath draws itself is compared with what
rich's console prints for the same text, styles and width: on random lines
(hypothesis), and on whole dashboards of real plans at many widths, with and
without colour, in Unicode and in ASCII. A rich release that changed how it
writes a line would fail here, not in a learner's terminal.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from tests.test_status import cli, make_state
from typer.testing import CliRunner

from mlpath.render import status as rs
from mlpath.render import term
from mlpath.render.styled import Styled, cell_len

STYLES = [
    "",
    "bold",
    "dim",
    "green",
    "red",
    "bold green",
    "bold red",
    "bold yellow",
    "cyan",
    "bright_white",
    "bold black on green",
    "on red",
]
CHARS = "abc XYZ09 .,-█▏░⣿é漢字"


def rich_console(width: int, colour: bool, file: io.StringIO) -> Console:
    """rich's console as mlpath sets it up (`status --watch`), colour on or off."""
    saved = term._Color.choice
    term._Color.choice = "always" if colour else "never"
    try:
        return rs.make_console(width=width, file=file)
    finally:
        term._Color.choice = saved


class Lines:
    """Lines yielded by a renderable, as rs.Dashboard yields its lines."""

    def __init__(self, *lines: Text) -> None:
        self.lines = lines

    def __rich_console__(self, console: Any, options: Any) -> Any:
        for line in self.lines:
            line.no_wrap = True
            line.overflow = "crop"
            line.end = "\n"
            yield line


def rich_line(text: Text, width: int, colour: bool) -> str:
    buffer = io.StringIO()
    rich_console(width, colour, buffer).print(Lines(text.copy()))
    return buffer.getvalue()


# --- one line, built at random, both ways ---------------------------------------------------

texts = st.text(alphabet=CHARS, max_size=12)
styles = st.sampled_from(STYLES)
ops = st.lists(
    st.one_of(
        st.tuples(st.just("append"), texts, styles),
        st.tuples(st.just("add"), texts, styles),
        st.tuples(st.just("append_text"), texts, styles),
        st.tuples(st.just("truncate"), st.integers(0, 30), st.just("")),
        st.tuples(st.just("rstrip"), st.just(""), st.just("")),
        st.tuples(st.just("join"), st.lists(texts, max_size=3), styles),
    ),
    max_size=8,
)


def build(start: tuple[str, str], steps: list[tuple[str, Any, str]]) -> tuple[Styled, Text]:
    mine, theirs = Styled(start[0], start[1]), Text(start[0], style=start[1])
    for op, arg, style in steps:
        if op == "append":
            mine.append(arg, style)
            theirs.append(arg, style or None)
        elif op == "add":
            mine = mine + Styled(arg, style)
            theirs = theirs + Text(arg, style=style)
        elif op == "append_text":
            mine.append_text(Styled(arg, style))
            theirs.append_text(Text(arg, style=style))
        elif op == "truncate":
            mine.truncate(arg)
            theirs.truncate(arg)
        elif op == "rstrip":
            mine.rstrip()
            theirs.rstrip()
        else:
            mine = Styled(" ", style).join([mine, *(Styled(a, "dim") for a in arg)])
            theirs = Text(" ", style=style).join([theirs, *(Text(a, style="dim") for a in arg)])
    return mine, theirs


@settings(max_examples=300, deadline=None)
@given(st.tuples(texts, styles), ops, st.integers(1, 40), st.booleans())
def test_a_line_is_written_as_rich_writes_it(
    start: tuple[str, str], steps: list[tuple[str, Any, str]], width: int, colour: bool
) -> None:
    mine, theirs = build(start, steps)
    assert mine.plain == theirs.plain
    assert mine.cell_len == theirs.cell_len == cell_len(theirs.plain)
    shown = mine.copy()
    shown.truncate(width)
    assert shown.ansi(colour) + "\n" == rich_line(theirs, width, colour)
    assert mine.to_rich().plain == theirs.plain
    assert rich_line(mine.to_rich(), width, colour) == rich_line(theirs, width, colour)


# --- whole dashboards --------------------------------------------------------------------------


def reference(view: dict[str, Any], width: int, colour: bool, encoding: str) -> str:
    """The dashboard as rich draws it (rs.Dashboard through rich's console)."""
    buffer = io.StringIO()
    con = rich_console(width, colour, buffer)
    con.print(rs.Dashboard(view, unicode=rs.can_encode(encoding)))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def dashboards(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Status views of real plans (made with the real commands), and one with wide titles."""
    mp = pytest.MonkeyPatch()
    found = []
    try:
        for state, roadmap in (
            ("mid-way", "intermediate"),
            ("behind", "complete"),
            ("finished", "intermediate"),
            ("fresh", "practical"),
        ):
            mp.setenv("MLPATH_HOME", str(tmp_path_factory.mktemp(state)))
            today = make_state(CliRunner(), state, roadmap)
            found.append(json.loads(cli(CliRunner(), today, "status", "--json").output))
    finally:
        mp.undo()
    wide = json.loads(json.dumps(found[0]))  # titles in wide characters, cut at every width
    wide["plan"]["title"] = "機械学習ロードマップ: 初心者から実務まで、一歩ずつ進む学習計画 — café"
    for m in wide.get("milestones", []):
        m["title"] = "漢字の長いマイルストーン名 " + m["title"]
    found.append(wide)
    return found


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_a_dashboard_is_drawn_as_rich_draws_it(
    dashboards: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch, colour: bool
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.setattr(term._Color, "choice", "always" if colour else "never")
    for view in dashboards:
        for width in (30, 40, 59, 60, 80, 100, 140, 200):
            for encoding in ("utf-8", "ascii"):
                mine = rs.dashboard_text(view, no_color=False, width=width, encoding=encoding)
                assert mine == reference(view, width, colour, encoding), (width, encoding)
                assert ("\x1b[" in mine) is colour


def test_a_dumb_terminal_gets_no_codes_even_when_colour_is_asked(
    dashboards: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setattr(term._Color, "choice", "always")
    view = dashboards[0]
    mine = rs.dashboard_text(view, no_color=False, width=80, encoding="utf-8")
    assert "\x1b" not in mine
    assert mine == reference(view, 80, True, "utf-8")
