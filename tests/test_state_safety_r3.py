"""The state file's safety, third-round audit: files that pass the shape check but
carry hostile values, and input mlpath once wrote in a form it then refused to read.

Each case runs the real CLI on a real state.json in a temp MLPATH_HOME.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from clirun import Cli

HOSTILE = "\x1b]52;c;aGk=\x07\x1b[2J\u202eevil\x00\x9b"
CONTROLS = ("\x1b", "\x07", "\x00", "\u202e", "\x9b")


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def planned(cli: Cli) -> None:
    ok(cli("plan", "-r", "practical", "-H", "10", "--start", "2027-01-04", today="2027-01-04"))


def edit_plan(home: Path, **fields: Any) -> None:
    path = home / "state.json"
    doc = json.loads(path.read_text())
    doc["events"][0]["plan"].update(fields)
    path.write_text(json.dumps(doc))


def refused_cleanly(result: Any) -> None:
    """Exit 1 or 2 with a sentence (`doctor` reports on stdout), never an internal error
    or a traceback."""
    said = result.stderr + result.stdout
    assert result.exit_code in (1, 2), said
    assert "internal error" not in said
    assert "Traceback" not in said
    assert said.strip()


def test_a_deadline_from_the_state_reaches_the_calendar_uid_without_controls(
    cli: Cli, isolated: Path
) -> None:
    # A deadline's target becomes its UID; RFC 5545 forbids control characters in any
    # value, and `export ics` to a terminal must not send ESC ] 52 (a clipboard write).
    planned(cli)
    edit_plan(isolated, deadlines={HOSTILE: "2027-03-01"})
    out = ok(cli("export", "ics", today="2027-01-10")).stdout
    assert "-deadline-" in out
    assert not any(c in out for c in CONTROLS)


def test_a_roadmap_path_holding_a_nul_is_refused_in_a_sentence(cli: Cli, isolated: Path) -> None:
    # No file name holds a NUL: os.stat raised ValueError, an internal error in every
    # command, `doctor` (the way out) included.
    planned(cli)
    edit_plan(isolated, roadmap_path="/tmp/road\x00map.yaml")
    before = (isolated / "state.json").read_bytes()
    for args in (["next"], ["status"], ["log", "1"], ["doctor"]):
        result = cli(*args, today="2027-01-10")
        refused_cleanly(result)
        assert "NUL" in result.stdout + result.stderr
        assert "\x00" not in result.stdout + result.stderr
    assert (isolated / "state.json").read_bytes() == before


def test_a_sequence_number_beyond_a_calendar_integer_is_refused_as_damage(
    cli: Cli, isolated: Path
) -> None:
    # `seq` becomes the calendar's SEQUENCE (at most 2**31 - 1): a file with a larger
    # one is damaged (no copy holds two billion events), refused when read.
    planned(cli)
    path = isolated / "state.json"
    doc = json.loads(path.read_text())
    doc["events"][0]["seq"] = 10**30
    path.write_text(json.dumps(doc))
    result = cli("export", "ics", today="2027-01-10")
    refused_cleanly(result)
    assert str(path) in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["log", "0.12345678901234567890123"],
        ["plan", "-r", "practical", "--force", "-H", "10.00000000000000000000000000001"],
    ],
)
def test_hours_mlpath_could_not_read_back_are_refused_not_written(
    cli: Cli, isolated: Path, args: list[str]
) -> None:
    # The state keeps an hour figure as at most 40 characters; a figure typed with more
    # precision was written and the next command refused the whole file as damaged.
    planned(cli)
    result = cli(*args, today="2027-01-10")
    if result.exit_code == 0:
        ok(cli("export", "json", today="2027-01-10"))  # what was written reads back
    else:
        assert result.exit_code == 2, (result.stdout, result.stderr)
        assert "internal error" not in result.stderr
    ok(cli("status", today="2027-01-10"))


def test_a_saved_plan_finds_its_roadmap_by_id_whatever_the_working_folder_holds(
    cli: Cli, isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A plan on `job-ready` (not an identifier, so a file of that name was taken for a
    # path): `next` in a folder holding notes called job-ready read them as the roadmap.
    ok(cli("plan", "-r", "job-ready", "-H", "10", "--start", "2027-01-04", today="2027-01-04"))
    work = tmp_path / "work"
    work.mkdir()
    (work / "job-ready").write_text("my notes on the job-ready path\n")
    monkeypatch.chdir(work)
    monkeypatch.setenv("MLPATH_CACHE_DIR", str(tmp_path / "fresh-cache"))
    ok(cli("next", today="2027-01-10"))


def test_a_roadmap_id_in_the_state_is_never_opened_as_a_path(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    # Every value from the state that becomes a path is validated (PRODUCT.md): the plan's
    # roadmap id is an id; a path there reached the YAML reader.
    planned(cli)
    outside = tmp_path / "outside.yaml"
    outside.write_text("secret: 1\n")
    edit_plan(isolated, roadmap=str(outside))
    result = cli("next", today="2027-01-10")
    refused_cleanly(result)
    assert "secret" not in result.stderr
    assert "No roadmap with id" in result.stderr


def test_a_replan_keeps_an_odd_credit_the_state_can_read_back(cli: Cli, isolated: Path) -> None:
    # Logs of 1/7 h, 1/11 h, ... on one day: each is a figure the state keeps, but the
    # credit a replan settles is their sum, whose exact text outgrew what the state
    # reads, so every later command refused the file as damaged.
    planned(cli)
    for p in (7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59):
        ok(cli("log", f"1/{p}", "--on", "2027-01-05", today="2027-01-10"))
    ok(cli("replan", today="2027-01-10"))
    kept = json.loads((isolated / "state.json").read_text())["events"][-1]["plan"]["credit"]
    assert kept and all(len(v) <= 40 for v in kept.values())
    ok(cli("export", "json", today="2027-01-10"))
    logged = json.loads(ok(cli("status", "--json", today="2027-01-11")).stdout)
    # the credit kept is the exact sum (0.6641 h) to the second
    assert abs(logged["overall"]["credited_hours"] - 0.66413) < 1 / 3600


def _own_roadmap(cli: Cli, tmp_path: Path) -> Path:
    mine = tmp_path / "mine.yaml"
    text = (Path(__file__).parents[1] / "data" / "roadmaps" / "practical.yaml").read_text()
    mine.write_text(text.replace("id: practical", "id: mine", 1), encoding="utf-8")
    ok(cli("plan", "-r", str(mine), "-H", "10", "--start", "2027-01-04", today="2027-01-04"))
    ok(cli("log", "3", today="2027-01-05"))
    return mine


def test_an_own_roadmap_left_unreadable_waits_for_replan(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    # An edit waits for `replan`; so does an edit that breaks the file: the plan keeps
    # the copy kept beside the state (every command failed on the file), and `replan`,
    # which must read the file, names its problem and changes nothing.
    mine = _own_roadmap(cli, tmp_path)
    before = ok(cli("status", "--json", today="2027-01-10")).stdout
    mine.write_text(mine.read_text() + "\nphases: [\n", encoding="utf-8")
    for args in (["next"], ["status"], ["log", "1"]):
        result = ok(cli(*args, today="2027-01-10"))
        assert "replan" in result.stderr  # the warning that the file holds an unadopted edit
    state = (isolated / "state.json").read_bytes()
    refused = cli("replan", today="2027-01-10")
    assert refused.exit_code in (1, 2) and f"{mine}:" in refused.stderr
    assert (isolated / "state.json").read_bytes() == state
    ok(cli("undo", today="2027-01-10"))  # the log
    assert ok(cli("status", "--json", today="2027-01-10")).stdout == before


def test_a_state_naming_another_file_keeps_its_kept_roadmap(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    # A state from another machine may name any file here as the plan's roadmap: one
    # that is no roadmap is never used; the copy kept beside the state is.
    _own_roadmap(cli, tmp_path)
    before = ok(cli("next", "--json", today="2027-01-10")).stdout
    other = tmp_path / "notes.txt"
    other.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    doc = json.loads((isolated / "state.json").read_text())
    doc["events"][0]["plan"]["roadmap_path"] = str(other)
    (isolated / "state.json").write_text(json.dumps(doc))
    after = ok(cli("next", "--json", today="2027-01-10"))
    assert json.loads(after.stdout)["now"] == json.loads(before)["now"]
