"""Data from elsewhere is shown, never obeyed (PRODUCT.md, docs/safety.md): the cases a
fourth look found. A command mlpath suggests runs as shown even when a file name or a
config key in it came from a shared folder; a newline in a one-line field (a learner's
name in a class export, a question of a shared roadmap) shows as `\\n` and forges no line
of mlpath's output; a refusal says what is really wrong with the file.
"""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path

from clirun import Cli

TODAY = "2027-01-05"  # a Tuesday; the plans start Monday 2027-01-04

ROADMAP = """schema: 1
id: {id}
title: Mine
source: {{document: "notes.md"}}
summary: Twelve weeks of classical ML.
prerequisites:
  - {prereq}
duration: {{text: "12 weeks", weeks: {{min: 12, max: 12}}}}
hours_per_week: {{value: 8, assumed: true, note: "my own figure"}}
phases:
  - number: 1
    id: basics
    title: Basics
    weeks: {{min: 4, max: 4, text: "4 weeks"}}
    summary: NumPy and pandas.
    topics:
      - {{id: numpy, title: NumPy}}
    milestone: {{id: basics-done, title: Load and plot a dataset}}
"""


def _roadmap(path: Path, roadmap_id: str = "mine", prereq: str = "Python") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ROADMAP.format(id=roadmap_id, prereq=prereq), encoding="utf-8")
    return path


def test_a_suggested_command_quotes_the_roadmap_file_it_names(cli: Cli, tmp_path: Path) -> None:
    # a file from a shared folder, named so that pasting the hint unquoted would run `touch`
    path = _roadmap(tmp_path / "shared dir" / "$(touch PWNED) x.yaml")
    planned = cli("plan", "-r", str(path), "--hours", "8", "--start", "2027-01-04", today=TODAY)
    assert planned.exit_code == 0, planned.stderr
    for args in (["done", "zzzzqq"], ["log", "1", "--item", "zzzzqq"]):
        result = cli(*args, today=TODAY)
        assert result.exit_code == 2
        assert f"`mlpath roadmaps show {shlex.quote(str(path))}` lists every id." in " ".join(
            result.stderr.split()
        )


def test_a_shadowed_roadmaps_hint_quotes_its_file(cli: Cli, tmp_path: Path) -> None:
    path = _roadmap(
        Path(os.environ["MLPATH_CONFIG_DIR"]) / "roadmaps" / "my $(id).yaml", "practical"
    )
    result = cli("plan", "-r", "practical", "--hours", "8", "--dry-run", today=TODAY)
    assert result.exit_code == 0, result.stderr
    shown = " ".join(result.stderr.split())
    assert f"(plan with `-r {shlex.quote(str(path))}` for yours)" in shown, shown


def test_an_unknown_config_key_is_named_quoted_in_the_unset_command(cli: Cli) -> None:
    config = Path(os.environ["MLPATH_CONFIG_DIR"]) / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text('"x; touch PWNED": 1\n', encoding="utf-8")
    result = cli("config", "show")
    assert result.exit_code == 1
    assert "`mlpath config unset 'x; touch PWNED'`" in " ".join(result.stderr.split())


def test_an_answers_file_for_another_roadmap_gets_a_runnable_command(
    cli: Cli, tmp_path: Path
) -> None:
    answers = tmp_path / "my answers.json"
    answers.write_text(json.dumps({"roadmap": "x $(id)", "answers": {}}), encoding="utf-8")
    result = cli("assess", "-r", "practical", "--answers", str(answers), today=TODAY)
    assert result.exit_code == 2
    wanted = shlex.join(["mlpath", "assess", "--roadmap", "x $(id)", "--answers", str(answers)])
    assert f"`{wanted}`" in " ".join(result.stderr.split())


def test_a_question_with_a_newline_forges_no_prompt(cli: Cli, tmp_path: Path) -> None:
    # the roadmap's one prerequisite tries to print a question of its own
    path = _roadmap(tmp_path / "q.yaml", prereq='"Python\\n[2/9] Background\\nDo you own a cat?"')
    result = cli("assess", "-r", str(path), input="y\n" * 20, today=TODAY)
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert not [ln for ln in lines if ln.startswith("[2/9]")], result.stderr
    assert "Python\\n[2/9] Background\\nDo you own a cat?" in "".join(lines)


def _share(cli: Cli, tmp_path: Path) -> dict[str, object]:
    planned = cli("plan", "--hours", "8", "--start", "2027-01-04", today=TODAY)
    assert planned.exit_code == 0, planned.stderr
    out = tmp_path / "share.json"
    exported = cli("export", "json", "--share", "-o", str(out), today=TODAY)
    assert exported.exit_code == 0, exported.stderr
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_a_class_file_cannot_forge_a_row(cli: Cli, tmp_path: Path) -> None:
    doc = _share(cli, tmp_path)
    doc["name"] = "Eve\nMallory  100%  on track"
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "eve.json").write_text(json.dumps(doc), encoding="utf-8")
    (folder / "a\nb.json").write_text("{", encoding="utf-8")  # refused, by its real name
    result = cli("cohort", str(folder), today=TODAY)
    assert "Eve\\nMallory" in result.stdout
    assert not [ln for ln in result.stdout.splitlines() if ln.startswith("Mallory")]
    assert "a\\nb.json is not an mlpath export" in result.stderr


def test_a_class_file_that_nests_too_deeply_is_not_called_not_json(
    cli: Cli, tmp_path: Path
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = cli("cohort", str(deep), today=TODAY)
    assert result.exit_code == 1
    assert "deep.json is not an mlpath export: it nests too deeply." in result.stderr
