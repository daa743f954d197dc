"""`mlpath export json --share` and `mlpath cohort`: a class read from its learners' files.

The class (tests/sitesample.py's make_class) is 15 learners (every roadmap at every level) on the five roadmaps,
each exported on their own day; each row `cohort` shows must carry the figures that
learner's own `next --json` showed that day. Idle days are worked out from what the
sample did: today minus the last day something was logged or ticked.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from clirun import Cli
from sitesample import LINK, LOCAL, NOTE_1, NOTE_2, TODAY, make_class, make_learner

REPO = Path(__file__).resolve().parent.parent
CLASS = 15  # learner k: roadmap k % 5, level k % 3: every pair once
SCHEMA = json.loads((REPO / "schema" / "mlpath-export.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def klass(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    base = tmp_path_factory.mktemp("class")
    return base / "exports", make_class(base, CLASS)


def cohort_json(cli: Cli, *args: str) -> tuple[dict[str, Any], Any]:
    result = cli("cohort", *args, "--json")
    return json.loads(result.stdout), result


def floor_percent(part: float, whole: float) -> float:
    """Percent with one decimal, rounded down (never 100 before it is complete)."""
    return int(Fraction(str(part)) * 1000 / Fraction(str(whole))) / 10


def test_each_row_equals_the_learners_own_next_json(
    cli: Cli, klass: tuple[Path, list[dict[str, Any]]]
) -> None:
    folder, learners = klass
    view, result = cohort_json(cli, str(folder))
    assert result.exit_code == 0, result.stderr
    rows = {r["file"]: r for r in view["learners"]}
    assert len(rows) == CLASS
    for one in learners:
        row, nxt = rows[one["file"].name], one["next"]
        assert row["name"] == one["name"]
        assert row["today"] == one["today"] == nxt["today"]
        assert row["percent"] == floor_percent(
            nxt["hours"]["completed"], nxt["hours"]["total_planned"]
        )
        assert row["pace"]["status"] == nxt["pace"]["status"]
        assert row["pace"]["days"] == nxt["pace"]["days"]
        assert row["pace"]["label"] == nxt["pace"]["label"]
        ms = nxt["next_milestone"]
        if ms is None:
            assert row["next_milestone"] is None
        else:
            got = row["next_milestone"]
            assert (got["id"], got["due"], got["days_left"]) == (
                ms["id"],
                ms["due"],
                ms["days_left"],
            )
        last = one["last_activity"]
        if last is None:
            assert row["idle_days"] is None
        else:
            assert (
                row["idle_days"]
                == (date.fromisoformat(row["today"]) - date.fromisoformat(last)).days
            )
        # the practice share of the learner's own export, in percent to one decimal
        tp = json.loads(one["file"].read_text(encoding="utf-8"))["theory_practice"]
        total = Fraction(str(tp["theory_hours"])) + Fraction(str(tp["practice_hours"]))
        expected = (
            round(float(Fraction(str(tp["practice_hours"])) / total) * 100, 1) if total else None
        )
        assert row["practice_share"] == expected
    # most behind first: behind by most days, ..., on track, ..., ahead by most
    lag = [
        {"behind": r["pace"]["days"], "ahead": -r["pace"]["days"]}.get(r["pace"]["status"], 0)
        for r in view["learners"]
    ]
    assert lag == sorted(lag, reverse=True)


@pytest.mark.parametrize("width", [80, 60])
def test_the_table_fits_the_width(
    cli: Cli, klass: tuple[Path, list[dict[str, Any]]], width: int
) -> None:
    folder, _ = klass
    result = cli("cohort", str(folder), env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    paced = sum(1 for line in lines if "behind by" in line or "ahead by" in line)
    assert paced >= CLASS - 3, paced  # most are off pace: each shows its days


def test_sort_and_html(cli: Cli, klass: tuple[Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    folder, _ = klass
    view, _ = cohort_json(cli, str(folder), "--sort", "name")
    names = [r["name"].casefold() for r in view["learners"]]
    assert names == sorted(names)
    bad = cli("cohort", str(folder), "--sort", "height")
    assert bad.exit_code == 2 and "--sort height" in bad.stderr
    result = cli("cohort", str(folder), "--html", str(tmp_path / "site"))
    assert result.exit_code == 0
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert page.count("<tr>") == CLASS + 1 and "<script" not in page  # a head row, the class
    assert "default-src 'none'" in page


def test_refusals_are_one_sentence_each_and_the_rest_is_shown(
    cli: Cli, klass: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, learners = klass
    good = json.loads(learners[0]["file"].read_text(encoding="utf-8"))
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "notes.json").write_text('{"a": 1}')
    (odd / "text.json").write_text("not json at all")
    newer = copy.deepcopy(good) | {"schema": 4}
    (odd / "future.json").write_text(json.dumps(newer))
    with (odd / "huge.json").open("wb") as fh:
        fh.truncate(9 * 1024 * 1024)  # 9 MB, over the bound
    broken = copy.deepcopy(good)
    del broken["progress"]["pace"]
    (odd / "broken.json").write_text(json.dumps(broken))
    result = cli("cohort", str(learners[1]["file"]), str(odd), str(tmp_path / "missing.json"))
    assert result.exit_code == 1
    refused = result.stderr.strip().splitlines()
    assert len(refused) == 6 and all(line.startswith("Refused: ") for line in refused)
    said = "\n".join(refused)
    for name in ("notes.json", "text.json", "huge.json", "broken.json", "missing.json"):
        assert name in said
    assert "future.json comes from a newer mlpath (export schema 4)" in said
    assert learners[1]["name"] in result.stdout  # the good file is still shown
    assert "Traceback" not in result.stdout + result.stderr
    # for scripts: the reasons in the output, one JSON error on stderr
    view, result = cohort_json(cli, str(learners[1]["file"]), str(odd))
    assert result.exit_code == 1 and len(view["learners"]) == 1
    assert {Path(r["file"]).name for r in view["refused"]} == {
        "notes.json",
        "text.json",
        "future.json",
        "huge.json",
        "broken.json",
    }
    error = json.loads(result.stderr)
    assert error["exit"] == 1 and error["error"].startswith("5 files refused: ")


@pytest.mark.parametrize("width", [80, 60])
def test_a_long_file_name_or_title_still_fits(cli: Cli, tmp_path: Path, width: int) -> None:
    """Without --name a learner is called by the file's name, which nothing keeps short
    (`ada-lovelace-2026-spring-cohort-laptop-share-export-final.json`); a roadmap of one's
    own may have a title of one long word. Both are cut to fit, as the table cuts names."""
    make_learner()
    stem = "ada-lovelace-2026-spring-cohort-laptop-share-export-final-v2"
    target = tmp_path / f"{stem}.json"
    assert cli("export", "json", "--share", "-o", str(target), today=TODAY).exit_code == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    doc["progress"]["next_milestone"]["title"] = "Deploy-" + "x" * 90
    target.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("cohort", str(target), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width, result.stdout
    assert any(line.startswith("ada-lovelace-2026") for line in lines)


def test_one_learner_counts_once_the_later_file_wins(cli: Cli, tmp_path: Path) -> None:
    make_learner()
    early, late = tmp_path / "early.json", tmp_path / "late.json"
    assert cli("export", "json", "--share", "-o", str(early), today="2026-10-05").exit_code == 0
    assert cli("export", "json", "--share", "-o", str(late), today=TODAY).exit_code == 0
    view, result = cohort_json(cli, str(late), str(early))
    assert result.exit_code == 0
    assert [r["file"] for r in view["learners"]] == ["late.json"]
    assert view["counted_once"] == [{"file": "early.json", "shown": "late.json"}]
    # said on stderr, in either order: two people sharing one state would vanish silently
    for order in ((late, early), (early, late)):
        text = cli("cohort", *map(str, order))
        assert text.exit_code == 0, text.stderr
        (note,) = [ln for ln in text.stderr.splitlines() if "early.json" in ln]
        assert "late.json" in note and "one learner" in note
        assert "early" not in text.stdout
    # schema 2 files have no learner id: each is its own row, with "—" for what it lacks
    old = json.loads(early.read_text(encoding="utf-8"))
    for key in ("learner", "shared", "theory_practice", "habits", "skips", "deadlines", "tspi"):
        del old[key]
    old["schema"] = 2
    jsonschema.validate(old, SCHEMA)
    (tmp_path / "old.json").write_text(json.dumps(old))
    view, result = cohort_json(cli, str(late), str(tmp_path / "old.json"))
    assert {r["file"] for r in view["learners"]} == {"late.json", "old.json"}
    text = cli("cohort", str(tmp_path / "old.json")).stdout
    assert "practice —" in text or "—" in text.split("old")[1]


def test_the_practice_share_comes_from_the_split(cli: Cli, tmp_path: Path) -> None:
    """75 h practice and 25 h theory: a practice share of 75%."""
    make_learner()
    target = tmp_path / "tp.json"
    assert cli("export", "json", "--share", "-o", str(target), today=TODAY).exit_code == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    doc["theory_practice"] = {
        "theory_hours": 25,
        "practice_hours": 75,
        "target_practice_share": None,
        "weeks": [],
        "phases": [],
    }
    jsonschema.validate(doc, SCHEMA)
    target.write_text(json.dumps(doc), encoding="utf-8")
    view, _ = cohort_json(cli, str(target))
    assert view["learners"][0]["practice_share"] == 75.0
    assert "75%" in cli("cohort", str(target)).stdout


def test_text_from_files_is_shown_escaped(cli: Cli, tmp_path: Path) -> None:
    make_learner()
    target = tmp_path / "x.json"
    hostile = "Eve\x1b[2J\u202egnp.exe"
    assert cli("export", "json", "--share", "--name", hostile, "-o", str(target), today=TODAY)
    result = cli("cohort", str(target))
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "Eve\\x1b[2J\\u202egnp.exe" in result.stdout
    as_json = cli("cohort", str(target), "--json").stdout
    assert "\x1b" not in as_json and "\u202e" not in as_json
    assert json.loads(as_json)["learners"][0]["name"] == hostile
    cli("cohort", str(target), "--html", str(tmp_path / "site"))
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Eve\\x1b[2J\\u202egnp.exe" in page and "\u202e" not in page


# --- export json --share -------------------------------------------------------------------


def test_share_leaves_private_things_out(cli: Cli, isolated: Path) -> None:
    make_learner()
    full = json.loads(cli("export", "json", today=TODAY).stdout)
    shared = json.loads(cli("export", "json", "--share", "--name", "Ada", today=TODAY).stdout)
    for doc in (full, shared):
        jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    assert (full["shared"], shared["shared"]) == (False, True)
    assert shared["name"] == "Ada" and "name" not in full
    assert shared["learner"] == full["learner"] and shared["learner"]
    text = json.dumps(shared)
    for secret in (NOTE_1, NOTE_2, LOCAL, str(isolated)):
        assert secret not in text
    assert LINK in text  # public evidence stays
    assert NOTE_1 in json.dumps(full) and LOCAL in json.dumps(full)
    assert all(g["note"] is None for g in shared["logs"])
    # the split and the habits hold no notes or paths: shared as they are
    assert shared["theory_practice"] == full["theory_practice"] is not None
    assert shared["habits"] == full["habits"]
    assert shared["tspi"] == full["tspi"]  # the pace figure is not private
    assert shared["skips"] == shared["deadlines"] == []


@pytest.mark.parametrize("args", [["markdown", "--share"], ["ics", "--name", "Ada"]])
def test_share_and_name_are_for_json_only(cli: Cli, args: list[str]) -> None:
    make_learner()
    result = cli("export", *args, today=TODAY)
    assert result.exit_code == 2 and "only applies to `mlpath export json`" in result.stderr


def test_the_learner_id_and_compaction(isolated: Path) -> None:
    from mlpath.core.compaction import compact
    from mlpath.core.learner import learner_id

    make_learner()
    state = json.loads((isolated / "state.json").read_text(encoding="utf-8"))
    first_plan = next(e["id"] for e in state["events"] if e["type"] == "plan")
    assert learner_id(state) == first_plan
    kept = copy.deepcopy(state)
    moved = compact(state, keep=2)  # the plan event goes into the snapshot
    assert moved and all(e["type"] != "plan" for e in state["events"])
    # the snapshot keeps the id of the event it absorbed
    assert state["snapshot"]["learner"] == first_plan
    assert learner_id(state) == first_plan
    assert learner_id(kept) == first_plan
    # a snapshot that does not name it (compacted before it was kept): no id rather
    # than a different one
    del state["snapshot"]["learner"]
    assert learner_id(state) is None


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_every_file_refused_is_said_without_an_internal_error(
    cli: Cli, tmp_path: Path, columns: str
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "text.json").write_text("not json at all")
    for args in ([str(tmp_path / "missing.json")], [str(tmp_path / "empty")], [str(tmp_path)]):
        result = cli("cohort", *args, env={"COLUMNS": columns})
        assert result.exit_code == 1, result.stderr
        assert "internal error" not in result.stderr
        assert result.stderr.startswith("Refused: ")
        assert result.stdout.startswith("0 learners")
