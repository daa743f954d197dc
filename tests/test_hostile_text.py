"""Text from data never reaches the terminal raw (issue #23, docs/safety.md).

Arbitrary strings, heavy in terminal control sequences (an OSC 52 clipboard write,
a screen clear, the 8-bit CSI, bidi overrides, NUL), are put where another machine
or a shared file can put them: a user roadmap's titles, item names, resources and
a milestone's description; the state's notes, evidence and an item id; a conflict
copy's file name and its events; a broken roadmap's file name and id. Then every
command that shows them runs through the real CLI (and shell completion of items), and nothing it prints (stdout
and stderr) holds a control character but newline and tab (and the CR that ends
an .ics line), nor a C1 character, nor a bidi control; with colour on, only
colour codes (ESC [ digits ; m) besides.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clirun import invoke

TODAY = "2027-01-05"  # a Tuesday; the plan starts Monday 2027-01-04
BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
FORBIDDEN = {*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *BIDI} - {0x09, 0x0A}
SGR = re.compile(r"\x1b\[[0-9;]*m")

NASTY = [
    "\x1b]52;c;SGVsbG8=\x07",  # write the clipboard
    "\x1b]0;title\x1b\\",  # set the window title, ST-terminated
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b[31m",  # a colour from data is data too
    "\x9b31m",  # the 8-bit CSI
    "\x90q\x9c",  # DCS ... ST in C1
    "\u202e",
    "\u2066",
    "\u200f",
    "\x00",
    "\r",
    "\n",
    "\t",
    "\x7f",
    "\u2028",
    "\x85",
]
pieces = st.one_of(
    st.sampled_from(NASTY),
    st.characters(blacklist_categories=("Cs",)),  # file names and YAML hold no lone surrogates
)
hostile = st.lists(pieces, max_size=8).map("".join)


def _yaml_str(s: str) -> str:
    """`s` as a YAML double-quoted scalar: what YAML may not hold raw, as an escape."""

    def raw_ok(cp: int) -> bool:  # YAML's printable set, less its line breaks
        return (
            cp in (0x09, 0x0A, 0x0D)
            or 0x20 <= cp < 0x7F
            or 0xA0 <= cp < 0xD800
            and cp not in (0x2028, 0x2029)
            or 0xE000 <= cp < 0xFFFE
            or cp >= 0x10000
        )

    return "".join(
        c if raw_ok(ord(c)) else f"\\u{ord(c):04x}" for c in json.dumps(s, ensure_ascii=False)
    )


def _file_part(s: str) -> str:
    """`s` as part of a file name: no slash, no NUL, short enough for any file system."""
    return (
        s.replace("/", "").replace("\x00", "")[:30].encode("utf-8")[:80].decode("utf-8", "ignore")
    )


def _roadmap(s: str) -> str:
    q = lambda text: _yaml_str(f"T{text}E")  # noqa: E731 - non-empty after strip
    return f"""schema: 1
id: hostile
title: {q(s)}
source: {{document: {q(s)}}}
summary: {q(s)}
duration: {{text: "8 weeks", weeks: {{min: 8, max: 8}}}}
hours_per_week: {{value: 8, assumed: true, note: {q(s)}}}
phases:
  - number: 1
    id: basics
    title: {q(s)}
    weeks: {{min: 4, max: 4, text: {q(s)}}}
    summary: {q(s)}
    topics:
      - {{id: numpy, title: {q(s)}}}
      - {{id: pandas, title: pandas}}
    resources:
      - {{title: {q(s)}, kind: docs, by: {q(s)}}}
    milestone: {{id: basics-done, title: {q(s)}, description: {q(s)}}}
  - number: 2
    id: models
    title: Models
    weeks: {{min: 4, max: 4, text: "4 weeks"}}
    summary: Fit models.
    topics:
      - {{id: regression, title: {q(s)}}}
    projects:
      - {{id: titanic, title: {q(s)}}}
"""


def _check(result: Any, what: str, colour: bool, cr_ok: bool = False) -> None:
    assert "Traceback" not in result.stderr, (what, result.stderr)
    for name, text in (("stdout", result.stdout), ("stderr", result.stderr)):
        shown = SGR.sub("", text) if colour else text
        bad = sorted(
            {hex(ord(c)) for c in shown if ord(c) in FORBIDDEN and not (cr_ok and c == "\r")}
        )
        assert not bad, f"`mlpath {what}` {name} holds {bad}: {text!r}"


def _run(env: dict[str, str], *args: str, colour: bool = False, cr_ok: bool = False) -> Any:
    flag = "always" if colour else "never"
    result = invoke(["--color", flag, *args], today=TODAY, env=env)
    _check(result, " ".join(args), colour, cr_ok)
    return result


def _hostile_home(root: Path, s: str) -> dict[str, str]:
    """A home with a plan on a hostile user roadmap, hostile notes, a hostile item id in
    the state, a conflict copy with a hostile name and events, and a broken roadmap."""
    env = {
        "MLPATH_HOME": str(root / "home"),
        "MLPATH_CONFIG_DIR": str(root / "config"),
        "MLPATH_CACHE_DIR": str(root / "cache"),
    }
    folder = root / "config" / "roadmaps"
    folder.mkdir(parents=True)
    (folder / "hostile.yaml").write_text(_roadmap(s), encoding="utf-8")
    broken = f"broken{_file_part(s)}.yaml"
    (folder / broken).write_text(f"schema: 1\nid: {_yaml_str('x' + s)}\n", encoding="utf-8")
    plan = _run(env, "plan", "-r", "hostile", "--hours", "8", "--start", "2027-01-04")
    assert plan.exit_code == 0, plan.stderr
    done = _run(env, "done", "numpy", "--note", f"n{s}", "--evidence", f"e{s}")
    assert done.exit_code == 0, done.stderr
    state = Path(env["MLPATH_HOME"]) / "state.json"
    data = json.loads(state.read_text(encoding="utf-8"))
    last = data["events"][-1]
    copy = json.loads(json.dumps(data))
    # an event from elsewhere naming an item this roadmap does not have
    data["events"].append({**last, "seq": last["seq"] + 1, "id": "00ffffff00000001", "item": s})
    state.write_text(json.dumps(data), encoding="utf-8")
    copy["events"].append(
        {**last, "seq": last["seq"] + 1, "id": "00ffffff00000002", "item": f"x{s}", "note": s}
    )
    name = f"state ({_file_part(s)}'s conflicted copy 2027-01-05).json"
    (state.parent / name).write_text(json.dumps(copy), encoding="utf-8")
    return env


def _every_command(env: dict[str, str]) -> None:
    # zsh completion first, while numpy is done (a card to review) and basics-done is not
    for words, listed in (
        ("mlpath done ", "basics-done"),
        ("mlpath reopen ", "numpy"),
        ("mlpath review --card ", "numpy"),
    ):
        shell = {**env, "_MLPATH_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
        result = invoke([], today=TODAY, env=shell)
        _check(result, words, colour=False)
        assert listed in result.stdout  # the completion did list the items
    for args in (
        ["doctor"],
        ["doctor", "--json"],
        ["next"],
        ["next", "--json"],
        ["status"],
        ["status", "--json"],
        ["review"],
        ["roadmaps"],
        ["roadmaps", "--json"],
        ["roadmaps", "show", "hostile"],
        ["roadmaps", "show", "hostile", "--json"],
        ["plan", "-r", "hostile", "--hours", "8", "--dry-run"],
        ["export", "markdown"],
        ["export", "markdown", "--portfolio"],
        ["export", "json"],
        ["merge"],  # after doctor and next noticed the copy: its name and events
        ["log", "1", "numpy", "--on", TODAY],
        ["undo"],
        ["done", "basics-done", "--json"],
        ["reopen", "basics-done"],
        ["next", "--json"],
    ):
        _run(env, *args)
    _run(env, "export", "ics", cr_ok=True)
    for args in (["next"], ["status"], ["roadmaps", "show", "hostile"], ["doctor"]):
        _run(env, *args, colour=True)


COMMON: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@settings(max_examples=2, **COMMON)  # type: ignore[arg-type]
@example(s="".join(NASTY))
@given(s=hostile)
def test_no_command_prints_a_control_character_from_data(s: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _every_command(_hostile_home(Path(tmp), s))


@pytest.mark.slow
@settings(max_examples=60, **COMMON)  # type: ignore[arg-type]
@given(s=hostile)
def test_no_command_prints_a_control_character_from_data_long(s: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _every_command(_hostile_home(Path(tmp), s))


def test_a_written_file_name_is_shown_escaped(tmp_path: Path) -> None:
    # a colour code is the one escape the screen-wide net lets through (mlpath's own
    # styling); in a file name it is data, so the "Wrote ..." lines escape it
    env = {"MLPATH_HOME": str(tmp_path / "home")}
    planned = invoke(["plan", "--hours", "8", "--start", "2027-01-04"], today=TODAY, env=env)
    assert planned.exit_code == 0, planned.stderr
    name = "x\x1b[31mred\x1b[0m"
    share = tmp_path / f"{name}.json"
    runs = [
        ["export", "json", "--share", "-o", str(share)],
        ["export", "ics", "-o", str(tmp_path / f"{name}.ics")],
        ["publish", str(tmp_path / f"site{name}")],
        ["cohort", str(share), "--html", str(tmp_path / f"class{name}")],
    ]
    for args in runs:
        result = _run(env, *args)
        assert result.exit_code == 0, result.stderr
        assert "x\\x1b[31mred\\x1b[0m" in result.stdout
