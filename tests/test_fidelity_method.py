"""Fidelity of the documents' method: every habit, ratio and project rule is quoted
from its source document, and nothing is encoded that the documents do not state.

* against the seed documents in ``shared/seeds/`` (skipped when they are not beside
  the checkout): every `source` and `also` under `balance`, `projects` and `habits`
  is in its document word for word, whitespace collapsed;
* from the YAML: the habits are exactly complete's three (intermediate's "Cultivate
  the habit of reading papers" gives no recurrence: a tip, not a habit); only complete
  states a ratio; only practical states the project rule, beginner and intermediate
  the general tip; every figure the document does not give is assumed with a note;
* the loader refuses a malformed method with FILE:LINE errors.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from mlpath.errors import RoadmapError
from mlpath.store.roadmap_yaml import load_roadmap_bytes
from seeds import SEED_OF, SEEDS, missing

ROADMAPS = Path(__file__).parent.parent / "data" / "roadmaps"


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((ROADMAPS / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quotes(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, quoted text) of every source and also in the method fields."""
    out: list[tuple[str, str]] = []

    def walk(value: Any, where: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k in ("source", "also") and isinstance(v, str):
                    out.append((f"{where}.{k}", v))
                else:
                    walk(v, f"{where}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{where}[{i}]")

    for key in ("balance", "projects", "habits"):
        if key in data:
            walk(data[key], key)
    return out


@pytest.mark.parametrize("name", sorted(SEED_OF))
def test_every_method_quote_is_in_the_document(name: str) -> None:
    seed = SEEDS / SEED_OF[name]
    if not seed.exists():
        pytest.skip(missing(seed))
    text = flat(seed.read_text(encoding="utf-8"))
    for where, quote in quotes(load(name)):
        assert flat(quote) in text, f"{name}: {where} is not in the document: {quote!r}"


def test_complete_states_three_habits_and_no_other_document_states_one() -> None:
    habits = {name: [h["id"] for h in load(name).get("habits") or ()] for name in SEED_OF}
    assert habits == {
        "complete": ["foundational-papers", "arxiv-titles", "leetcode-mediums"],
        "beginner": [],
        "intermediate": [],
        "job-ready": [],
        "practical": [],
    }


def test_the_habits_figures_are_the_documents_or_marked_assumed() -> None:
    by_id = {h["id"]: h for h in load("complete")["habits"]}
    papers, arxiv, leetcode = (
        by_id["foundational-papers"],
        by_id["arxiv-titles"],
        by_id["leetcode-mediums"],
    )
    # "2–3 foundational papers per week during the specialisation phase": Phase 5
    assert papers["count"] == {
        "per": "week",
        "min": 2,
        "max": 3,
        "use": "min",
        "note": papers["count"]["note"],
    }
    assert papers["when"]["phases"] == [5] and "assumed" not in papers["when"]
    # "skim titles daily — it takes five minutes": five, the document's own figure
    assert arxiv["count"]["per"] == "day" and arxiv["minutes"]["value"] == 5
    assert arxiv["minutes"]["source"] == "it takes five minutes"
    assert arxiv["when"]["assumed"] is True  # no phase named: every study day, assumed
    # "practise LeetCode Mediums daily for six weeks before any interview"
    assert leetcode["when"]["interview_weeks"] == 6 and leetcode["count"]["per"] == "day"
    # the minutes of papers and LeetCode, and every kind, are assumed and explained
    for h in (papers, leetcode):
        assert h["minutes"]["assumed"] is True and h["minutes"]["note"]
    for h in by_id.values():
        assert h["kind"]["assumed"] is True and h["kind"]["note"]


def test_only_complete_states_a_ratio_and_follows_its_faq() -> None:
    for name in SEED_OF:
        assert ("balance" in load(name)) == (name == "complete"), name
    b = load("complete")["balance"]
    # the FAQ: "30% theory and 70% practice early on, shifting to 50/50"
    assert [(t["phases"], t["practice_percent"]) for t in b["targets"]] == [
        ([0, 2, 3], 70),
        ([4, 5, 6, 7], 50),
    ]
    assert all(t["assumed"] and t["note"] for t in b["targets"])  # the boundary is a skill
    assert b["exempt"] == [{"phases": [1], "source": "Mathematics is theory."}]
    assert "70/30 early" in b["also"]  # the tips' wording, quoted beside the FAQ's


def test_only_practical_states_the_project_rule() -> None:
    rules = {name: (load(name).get("projects") or {}).get("rule") for name in SEED_OF}
    assert rules == {
        "practical": "warn",
        "beginner": "tip",
        "intermediate": "tip",
        "complete": None,
        "job-ready": None,
    }
    days = load("practical")["projects"]["days_before"]
    assert days["value"] == 7 and days["assumed"] is True and days["note"]


BASE = (ROADMAPS / "complete.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (  # an assumed figure without its note
            "  - id: x-habit\n    title: X\n    source: s\n    count: {per: day, min: 1}\n"
            "    when: {assumed: true, note: n}\n    minutes: {value: 5, assumed: true}\n"
            "    kind: {value: theory, source: s}\n",
            "habits[3].minutes.assumed: an assumed figure needs a 'note'",
        ),
        (  # a habit naming a phase the roadmap does not have
            "  - id: x-habit\n    title: X\n    source: s\n    count: {per: week, min: 2}\n"
            "    when: {phases: [42], source: s}\n    minutes: {value: 5, source: s}\n"
            "    kind: {value: theory, source: s}\n",
            "habits[3].when.phases[0]: there is no phase 42",
        ),
        (  # an unknown field
            "  - id: x-habit\n    title: X\n    source: s\n    count: {per: day, min: 1}\n"
            "    when: {source: s}\n    minutes: {value: 5, source: s}\n"
            "    kind: {value: theory, source: s}\n    every: monday\n",
            "habits[3].every: unknown field",
        ),
        (  # an id an item already has
            "  - id: linear-algebra\n    title: X\n    source: s\n    count: {per: day, min: 1}\n"
            "    when: {source: s}\n    minutes: {value: 5, source: s}\n"
            "    kind: {value: theory, source: s}\n",
            "habits[3].id: the id 'linear-algebra' is already used",
        ),
    ],
)
def test_the_loader_refuses_a_malformed_habit_with_file_and_line(tail: str, expected: str) -> None:
    assert BASE.rstrip().endswith("Solving problems in code is counted as practice.")
    data = (BASE.rstrip() + "\n" + tail).encode("utf-8")
    with pytest.raises(RoadmapError) as err:
        load_roadmap_bytes(data, "mine.yaml")
    text = str(err.value)
    assert re.search(r"mine\.yaml:\d+: " + re.escape(expected), text), text
