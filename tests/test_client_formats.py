"""What other programs read of mlpath's exports, checked on the bytes by hand (RFC 5545
for the calendar) with a user roadmap whose titles hold the characters a format treats
specially: commas, semicolons, backslashes, line breaks, pipes, emoji, RTL text and
words longer than a line."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from mlpath.cli.main import app

TODAY = "2027-01-05"
TITLE = "Weird, roadmap; with \\\\ back | pipe \U0001f680 \u05e2\u05d1\u05e8\u05d9\u05ea"
WIKI = "https://en.wikipedia.org/wiki/Bias_(statistics)"
ROADMAP = f"""schema: 1
id: weird
title: "{TITLE}"
source: {{document: "Doc, with; stuff"}}
summary: "Summary."
duration: {{text: "8 weeks", weeks: {{min: 8, max: 8}}}}
hours_per_week: {{value: 8, assumed: true, note: "a guess, really"}}
phases:
  - number: 1
    id: basics
    title: "Basics, one; two \\\\ three"
    weeks: {{min: 4, max: 4, text: "4 weeks"}}
    summary: "Basics."
    topics:
      - {{id: numpy, title: "NumPy, arrays; slicing \\\\ broadcasting\\nsecond line \U0001f9e0"}}
      - {{id: longw, title: "{"Pneumonoultramicroscopicsilicovolcanoconiosis" * 3}\u00e9\u00e9\U0001f680"}}
    resources:
      - {{title: "Bias (statistics)", kind: docs, url: "{WIKI}"}}
    milestone: {{id: basics-done, title: "Milestone, one; \\\\ two | three", description: "~~~ fenced"}}
"""
# RFC 5545 3.3.11: in a TEXT value a backslash escapes one of \ ; , n N, and a raw
# ; or , is a separator. X- properties default to TEXT (3.8.8.2).
TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "X-WR-CALNAME", "X-WR-CALDESC"}
ESCAPE = re.compile(r"\\[\\;,nN]")


def _plan(runner: CliRunner, tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "config" / "roadmaps"
    folder.mkdir(parents=True)
    (folder / "weird.yaml").write_text(ROADMAP, encoding="utf-8")
    env = {"MLPATH_TODAY": TODAY}
    result = runner.invoke(
        app, ["plan", "-r", "weird", "-H", "8", "--start", "2027-01-04"], env=env
    )
    assert result.exit_code == 0, result.output + result.stderr
    return env


def test_calendar_text_values_are_escaped_and_lines_folded(
    runner: CliRunner, tmp_path: Path
) -> None:
    env = _plan(runner, tmp_path)
    out = tmp_path / "plan.ics"
    result = runner.invoke(app, ["export", "ics", "-o", str(out)], env=env)
    assert result.exit_code == 0, result.output + result.stderr
    raw = out.read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line  # folded at 75 octets
        line.decode("utf-8")  # never folded inside a UTF-8 sequence
    unfolded = re.sub(r"\r\n[ \t]", "", raw.decode("utf-8")).split("\r\n")
    seen = set()
    for line in unfolded:
        name, _, value = line.partition(":")
        name = name.split(";")[0]
        if name in TEXT_PROPS:
            seen.add(name)
            assert not set(ESCAPE.sub("", value)) & set("\\;,"), line
    assert seen == TEXT_PROPS


def _destinations(text: str) -> list[str]:
    """The destination of each inline link `[..](..)` as CommonMark reads it: up to the
    first `)` that closes no `(` of its own (a backslash escapes one character)."""
    found = []
    for m in re.finditer(r"\]\(", text):
        depth, i, dest = 0, m.end(), []
        while i < len(text) and not text[i].isspace():
            c = text[i]
            if c == "\\" and i + 1 < len(text):
                dest.append(text[i + 1])
                i += 2
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            dest.append(c)
            i += 1
        else:
            continue  # no closing parenthesis: not a link at all
        if depth == 0:
            found.append("".join(dest))
    return found


def test_markdown_links_keep_urls_with_parentheses(runner: CliRunner, tmp_path: Path) -> None:
    from urllib.parse import unquote

    env = _plan(runner, tmp_path)
    result = runner.invoke(app, ["export", "markdown"], env=env)
    assert result.exit_code == 0, result.output + result.stderr
    assert WIKI in [unquote(d) for d in _destinations(result.stdout)], result.stdout


# What starts a block when it begins a line (CommonMark 4): a heading, a fence that
# swallows the rest of the file, a list, a setext underline, a thematic break.
BLOCK_START = re.compile(r"^(?:> )?(?:#{1,6}(?:\s|$)|~~~|```|[-+*]\s|=+\s*$|-+\s*$|\d{1,9}[.)]\s)")


def test_portfolio_text_from_data_starts_no_markdown_block(
    runner: CliRunner, tmp_path: Path
) -> None:
    env = _plan(runner, tmp_path)  # the milestone's description: "~~~ fenced"
    for note in ("# Heading", "1. first", "- item", "==="):
        result = runner.invoke(app, ["reopen", "basics-done"], env=env)
        result = runner.invoke(app, ["done", "basics-done", "--note", note], env=env)
        assert result.exit_code == 0, result.output + result.stderr
        result = runner.invoke(app, ["export", "markdown", "--portfolio"], env=env)
        assert result.exit_code == 0, result.output + result.stderr
        lines = result.stdout.splitlines()
        data = [ln for ln in lines if "fenced" in ln or note.strip("#-1. ") in ln.lstrip("> ")]
        assert len(data) >= 2, result.stdout
        assert [ln for ln in data if BLOCK_START.match(ln)] == [], result.stdout
