"""`mlpath export markdown|json`: the printable plan, the portfolio, the versioned JSON."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from mlpath.app.export_markdown import md
from mlpath.cli.main import app

# Hand-computed figures below follow PRODUCT.md's model, with no review time
# taken from study days (tests/test_review.py covers plans with reviews).
NO_REVIEWS = ("--review-minutes", "0")

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "schema" / "mlpath-export.schema.json").read_text(encoding="utf-8"))
START = "2027-01-04"
LATER = "2027-03-01"
PLAN = ["plan", "-r", "job-ready", "-H", "20", "--start", START, "--json", *NO_REVIEWS]


def run(runner: CliRunner, args: list[str], today: str = START) -> Any:
    result = runner.invoke(app, args, env={"MLPATH_TODAY": today})
    assert result.exit_code == 0, result.output + result.stderr
    return result


def run_json(runner: CliRunner, args: list[str], today: str = START) -> Any:
    return json.loads(run(runner, args, today).stdout)


def roadmap(runner: CliRunner) -> dict[str, Any]:
    data: dict[str, Any] = run_json(runner, ["roadmaps", "show", "job-ready", "--json"])
    return data


def validate(doc: Any) -> None:
    jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(doc)


@pytest.fixture
def progressed(runner: CliRunner) -> dict[str, Any]:
    """A plan with a done topic, a done milestone (with note and evidence), a log."""
    plan = run_json(runner, PLAN)
    rm = roadmap(runner)
    p1, p2 = rm["phases"][0], rm["phases"][1]
    topic = p2["topics"][0]
    run(runner, ["done", topic["id"], "--on", "2027-02-20"], LATER)
    run(
        runner,
        [
            "done",
            p1["milestone"]["id"],
            "--on",
            "2027-02-10",
            "--note",
            "Tuned XGBoost | logged in MLflow",
            "--evidence",
            "https://github.com/me/tuned",
        ],
        LATER,
    )
    run(runner, ["log", "2h", "--note", "StatQuest"], LATER)
    return {"plan": plan, "roadmap": rm, "topic": topic, "p1": p1, "p2": p2}


# --- markdown --------------------------------------------------------------------------


def test_markdown_has_a_checklist_per_phase_weeks_and_resources(
    runner: CliRunner, progressed: dict[str, Any]
) -> None:
    text = run(runner, ["export", "markdown"], LATER).stdout
    plan, rm, p1 = progressed["plan"], progressed["roadmap"], progressed["p1"]
    assert text.startswith(f"# Study plan: {md(rm['title'])}\n")
    for heading in ("## Phases", "## Weeks", "## Resources"):
        assert f"\n{heading}\n" in text

    boxes = [line for line in text.splitlines() if re.match(r"- \[[ x]\] ", line)]
    every = [
        (ph["number"], it)
        for ph in rm["phases"]
        for it in [*ph["topics"], *ph["projects"], *([ph["milestone"]] if ph["milestone"] else [])]
    ]
    assert len(boxes) == len(every)
    due = {m["id"]: m["due"] for m in plan["milestones"]}
    for number, it in every:
        line = next(b for b in boxes if b[6:].startswith(md(it["title"])))
        if it["id"] == progressed["topic"]["id"]:
            assert line.startswith("- [x] ") and line.endswith("— done 2027-02-20")
        elif it["id"] == p1["milestone"]["id"]:
            assert line.startswith("- [x] ") and line.endswith("— done 2027-02-10")
        elif number == p1["number"]:  # done with its phase's milestone
            assert line.startswith("- [x] ")
            assert line.endswith("— done 2027-02-10 with the phase's milestone")
        else:
            assert line.startswith("- [ ] ") and "— due " in line
            if it["id"] in due:
                assert f"— due {due[it['id']]}" in line
    for ph in plan["phases"]:
        assert f"### Phase {ph['number']}: {md(ph['title'])} ({ph['start']} → {ph['due']})" in text

    rows = re.findall(r"^\| (\d+) \| (\S+) – (\S+) \| ([\d.]+) \|", text, re.M)
    shown = {int(n): (a, b, float(h)) for n, a, b, h in rows}
    expected = {
        w["number"]: (w["start"], w["end"], w["hours"])
        for w in plan["weeks"]
        if w["hours"] > 0 or any(i["kind"] == "milestone" for i in w["items"])
    }
    assert shown.keys() == expected.keys()
    for n, (a, b, h) in expected.items():
        assert shown[n][:2] == (a, b) and abs(shown[n][2] - h) < 0.06

    resources = text.split("\n## Resources\n", 1)[1]
    for ph in rm["phases"]:
        for r in ph["resources"]:
            if r.get("url"):
                assert f"[{md(r['title'])}]({r['url']})" in resources
            else:
                assert md(r["title"]) in resources


def test_resources_link_to_their_urls(runner: CliRunner) -> None:
    run(runner, ["plan", "-r", "complete", "-H", "15", "--start", START])
    rm = run_json(runner, ["roadmaps", "show", "complete", "--json"])
    resources = run(runner, ["export", "markdown"]).stdout.split("\n## Resources\n", 1)[1]
    linked = [r for ph in rm["phases"] for r in ph["resources"] if r.get("url")]
    assert linked
    for r in linked:
        url = r["url"] if r["url"].startswith("http") else "https://" + r["url"]
        assert f"[{md(r['title'])}]({url})" in resources


def test_markdown_escapes_what_markdown_would_misread() -> None:
    assert md("a|b *c* [d](e) <f> `g` _h_") == r"a\|b \*c\* \[d\](e) \<f\> \`g\` \_h\_"
    assert md("two\nlines") == "two lines"


def test_evidence_reads_as_written_in_the_portfolio() -> None:
    # backticks were dropped ("x`y" became "xy"), and a `>` in a link ended it early
    from mlpath.app.export_markdown import _evidence

    assert _evidence("notes/x`y.md") == "``notes/x`y.md``"
    assert _evidence("`run.sh`") == "`` `run.sh` ``"
    assert _evidence("plain/path") == "`plain/path`"
    assert _evidence("https://e.org/a>b<c") == "<https://e.org/a%3Eb%3Cc>"


def test_portfolio_lists_done_milestones_and_projects_with_notes_and_evidence(
    runner: CliRunner, progressed: dict[str, Any]
) -> None:
    rm = progressed["roadmap"]
    project = next(pr for ph in rm["phases"][1:] for pr in ph["projects"])
    run(
        runner,
        ["done", project["id"], "--note", "Churn model", "--evidence", "projects/churn"],
        LATER,
    )
    text = run(runner, ["export", "markdown", "--portfolio"], LATER).stdout
    reached, projects = text.split("\n## Milestones reached\n", 1)[1].split("\n## Projects\n")
    p1_ms = progressed["p1"]["milestone"]
    assert f"### {md(p1_ms['title'])} — 2027-02-10" in reached
    assert "> Tuned XGBoost \\| logged in MLflow" in reached
    assert "Evidence: <https://github.com/me/tuned>" in reached
    for ph in rm["phases"][1:]:  # not reached: not listed
        if ph["milestone"]:
            assert md(ph["milestone"]["title"]) not in text
    assert f"### {md(project['title'])} — {LATER}" in projects
    assert "> Churn model" in projects and "Evidence: `projects/churn`" in projects
    for ph in rm["phases"][1:]:
        for other in ph["projects"]:
            if other["id"] != project["id"]:
                assert md(other["title"]) not in projects
    # The topic that was done is not a portfolio piece.
    assert md(progressed["topic"]["title"]) not in text


def test_an_empty_portfolio_says_how_to_fill_it(runner: CliRunner) -> None:
    run(runner, PLAN)
    text = run(runner, ["export", "markdown", "--portfolio"]).stdout
    assert text.count("None yet.") == 2
    assert "mlpath done ITEM --note" in text


# --- json ------------------------------------------------------------------------------


def test_json_matches_the_plan_and_the_schema(runner: CliRunner) -> None:
    plan = run_json(runner, PLAN)
    doc = run_json(runner, ["export", "json"])
    validate(doc)
    assert doc["schema"] == 3
    assert doc["shared"] is False and "name" not in doc
    # the learner id is the id of the state's first plan event
    state = json.loads((Path(os.environ["MLPATH_HOME"]) / "state.json").read_text("utf-8"))
    assert doc["learner"] == next(e["id"] for e in state["events"] if e["type"] == "plan")
    for key in ("roadmap", "level", "start", "finish", "total_hours", "weeks", "milestones"):
        assert doc["plan"][key] == plan[key], key
    assert all(i["status"] == "pending" and i["done_on"] is None for i in doc["items"])
    assert doc["progress"]["pace"] == run_json(runner, ["next", "--json"])["pace"]


def test_json_carries_progress_and_history(runner: CliRunner, progressed: dict[str, Any]) -> None:
    run(runner, ["replan", "--hours", "15"], LATER)
    doc = run_json(runner, ["export", "json"], LATER)
    validate(doc)
    items = {i["id"]: i for i in doc["items"]}
    p1, topic = progressed["p1"], progressed["topic"]
    ms = items[p1["milestone"]["id"]]
    assert (ms["status"], ms["done_on"]) == ("done", "2027-02-10")
    assert ms["note"] == "Tuned XGBoost | logged in MLflow"
    assert ms["evidence"] == "https://github.com/me/tuned"
    assert items[topic["id"]]["status"] == "done"
    for it in p1["topics"]:  # done with the milestone, on its day
        assert (items[it["id"]]["status"], items[it["id"]]["done_on"]) == ("complete", "2027-02-10")
    assert doc["logs"] == [{"on": LATER, "hours": 2, "note": "StatQuest", "item": None}]
    assert [h["hours_per_week"] for h in doc["history"]] == [20]
    assert doc["plan"]["hours_per_week"] == 15 and doc["plan"]["from"] == LATER
    nxt = run_json(runner, ["next", "--json"], LATER)
    assert doc["progress"]["pace"] == nxt["pace"]
    assert doc["progress"]["next_milestone"]["id"] == nxt["next_milestone"]["id"]
    done = sum(1 for i in doc["items"] if i["status"] in ("done", "complete"))
    assert doc["progress"]["items_complete"] == done


@pytest.mark.parametrize(
    "break_it",
    [
        lambda d: d.pop("schema"),
        lambda d: d.update(schema=1),  # the shape before 0.3
        lambda d: d.update(surprise=True),
        lambda d: d["items"][0].update(status="half-done"),
        lambda d: d["progress"]["pace"].update(days=-3),
        lambda d: d["plan"].update(start="04/01/2027"),
    ],
)
def test_the_schema_rejects_documents_of_another_shape(runner: CliRunner, break_it: Any) -> None:
    run(runner, PLAN)
    doc = run_json(runner, ["export", "json"])
    validate(doc)
    bad = copy.deepcopy(doc)
    break_it(bad)
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)


# --- writing files ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_output_file_is_written_whole_and_replaces_the_old_one(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    run(runner, PLAN)
    out = tmp_path / "exports" / f"plan.{fmt}"
    out.parent.mkdir()
    out.write_text("old contents\n", encoding="utf-8")
    result = run(runner, ["export", fmt, "-o", str(out)])
    assert f"Wrote {out}" in result.stdout
    assert out.read_text(encoding="utf-8") == run(runner, ["export", fmt]).stdout
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temp file left


def test_output_problems_are_clear_errors(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, PLAN)
    missing = tmp_path / "nope" / "plan.md"
    result = runner.invoke(app, ["export", "markdown", "-o", str(missing)])
    assert result.exit_code == 1 and "does not exist" in result.stderr
    result = runner.invoke(app, ["export", "markdown", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.stderr
    result = runner.invoke(app, ["export", "json", "--portfolio"])
    assert result.exit_code == 2 and "--portfolio only applies" in result.stderr
    result = runner.invoke(app, ["export", "pdf"])
    assert result.exit_code == 2
    for r in (result,):
        assert "Traceback" not in r.stderr


def test_no_plan_fails_for_every_format(runner: CliRunner) -> None:
    for fmt in ("markdown", "json"):
        result = runner.invoke(app, ["export", fmt])
        assert result.exit_code == 1 and "no active plan" in result.stderr
        assert result.stdout == ""


def test_an_exported_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    """Exports are for calendars and notes: not private like state.json, and an
    existing file keeps its mode when it is replaced."""
    import os
    import stat

    from mlpath.store.state import atomic_write_bytes

    old = os.umask(0o022)
    try:
        fresh = tmp_path / "plan.ics"
        atomic_write_bytes(fresh, b"one", public=True)
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        fresh.chmod(0o640)
        atomic_write_bytes(fresh, b"two", public=True)
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640 and fresh.read_bytes() == b"two"
        private = tmp_path / "state.json"
        atomic_write_bytes(private, b"{}")
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_an_empty_output_name_is_a_usage_error_that_says_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `-o "$OUT"` with OUT unset: the sentence must not call "" a folder.
    run(runner, PLAN)
    monkeypatch.chdir(tmp_path)
    there = sorted(tmp_path.iterdir())
    result = runner.invoke(app, ["export", "json", "-o", ""])
    assert result.exit_code == 2
    assert "is a folder" not in result.stderr and "-o" in result.stderr
    assert sorted(tmp_path.iterdir()) == there  # nothing written
