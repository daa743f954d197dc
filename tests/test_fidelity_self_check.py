"""Fidelity of the phases' self-check questions (`self_check`, used by `mlpath assess`).

Each question is a yes/no `ask` written from a `basis`: words quoted from the
roadmap's source document. The checks:

* from the YAML alone: every phase has 2-4 questions, each a short question,
  none repeated within a roadmap;
* through the real loader: the questions reach `Phase.self_check`;
* against the seed documents in ``shared/seeds/`` (skipped when they are not
  beside the checkout): every basis is quoted word for word, whitespace
  collapsed, from the part of the document that belongs to its phase — from
  the phase's heading up to the next phase's heading (or, for the last phase,
  up to the section that follows the phases);
* the loader refuses a malformed self-check with a FILE:LINE error (more
  cases, a missing `basis` and an unknown key, are in test_roadmap_loader.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from mlpath.store import catalog
from seeds import SEED_OF, SEEDS, missing

ROADMAPS = Path(__file__).parent.parent / "data" / "roadmaps"

NAMES = sorted(SEED_OF)
# The heading of the section that follows the last phase in each document.
AFTER_LAST_PHASE = {
    "beginner": "Career Paths",
    "intermediate": "Career Paths",
    "job-ready": "ML Engineer vs AI Engineer: Which Path?",
    "complete": "Timeline & Realistic Pace",
    "practical": "Top Courses for This Machine Learning Roadmap",
}
MIN_QUESTIONS, MAX_QUESTIONS = 2, 4
MAX_ASK = 160
MAX_BASIS_WORDS = 60


# --------------------------------------------------------------------------- helpers


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((ROADMAPS / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{name}.yaml is not a mapping"
    return data


def seed_text(name: str) -> str:
    path = SEEDS / SEED_OF[name]
    if not path.is_file():
        pytest.skip(missing(path))
    return path.read_text(encoding="utf-8")


def norm(text: str) -> str:
    """Collapse whitespace, so YAML folding does not matter."""
    return " ".join(str(text).split())


def questions(phase: dict[str, Any]) -> list[dict[str, Any]]:
    return list(phase.get("self_check") or [])


def heading(seed: str, phase: dict[str, Any]) -> re.Match[str] | None:
    """The phase's heading in its document, found by its number and title.

    `complete`, `job-ready` and `practical` head a phase "Phase N: Title (span)"
    or "Stage N: Title (span)"; the Edirae pages put the number on a line of
    its own, then the title on the next paragraph.
    """
    title = re.escape(phase["title"])
    patterns = (
        rf"^(?:Phase|Stage) {phase['number']}: {title} \([^)\n]+\)[ \t]*$",
        rf"^{phase['number']}[ \t]*\n\s*\n{title}[ \t]*$",
    )
    for pattern in patterns:
        found = list(re.finditer(pattern, seed, re.M))
        if found:
            assert len(found) == 1, f"the heading of phase {phase['number']} appears twice"
            return found[0]
    return None


def phase_sections(name: str, seed: str) -> dict[int, str]:
    """Phase number -> its part of the seed: its heading up to the next phase's heading."""
    phases = load(name)["phases"]
    starts: list[int] = []
    for phase in phases:
        m = heading(seed, phase)
        assert m, f"{name}: no heading for phase {phase['number']} {phase['title']!r} in the seed"
        starts.append(m.start())
    assert starts == sorted(starts), f"{name}: the phase headings are out of order"
    end = re.search(rf"^{re.escape(AFTER_LAST_PHASE[name])}[ \t]*$", seed[starts[-1] :], re.M)
    assert end, f"{name}: no {AFTER_LAST_PHASE[name]!r} heading after the last phase"
    ends = starts[1:] + [starts[-1] + end.start()]
    return {
        phase["number"]: seed[start:stop]
        for phase, start, stop in zip(phases, starts, ends, strict=True)
    }


def all_questions(name: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(phase, q) for phase in load(name)["phases"] for q in questions(phase)]


# ------------------------------------------------------------------------ YAML alone


@pytest.mark.parametrize("name", NAMES)
def test_every_phase_has_two_to_four_questions(name: str) -> None:
    for phase in load(name)["phases"]:
        n = len(questions(phase))
        assert MIN_QUESTIONS <= n <= MAX_QUESTIONS, f"{name} phase {phase['number']}: {n}"


@pytest.mark.parametrize("name", NAMES)
def test_questions_are_short_yes_no_questions_with_a_basis(name: str) -> None:
    for phase, q in all_questions(name):
        where = f"{name} phase {phase['number']}: {q}"
        assert set(q) == {"ask", "basis"}, where
        assert isinstance(q["ask"], str) and isinstance(q["basis"], str), where
        ask = q["ask"]
        assert ask == norm(ask), f"{where}: stray whitespace in the question"
        assert ask.endswith("?"), where
        assert ask.count("?") == 1, f"{where}: one question per ask"
        assert len(ask) <= MAX_ASK, f"{where}: {len(ask)} characters"
        assert ask[0].isupper(), where
        words = norm(q["basis"]).split()
        assert 2 <= len(words) <= MAX_BASIS_WORDS, f"{where}: quote the phrase, not the page"


@pytest.mark.parametrize("name", NAMES)
def test_asks_are_unique_within_a_roadmap(name: str) -> None:
    asks = [norm(q["ask"]).lower() for _, q in all_questions(name)]
    repeated = sorted({a for a in asks if asks.count(a) > 1})
    assert not repeated, f"{name}: asked twice: {repeated}"


@pytest.mark.parametrize("name", NAMES)
def test_self_check_sits_after_the_milestone_and_before_the_notes(name: str) -> None:
    for phase in load(name)["phases"]:
        keys = list(phase)
        at = keys.index("self_check")
        if "milestone" in keys:
            assert keys.index("milestone") == at - 1, (name, phase["number"], keys)
        if "notes" in keys:
            assert keys.index("notes") == at + 1, (name, phase["number"], keys)


# ---------------------------------------------------------------- through the loader


@pytest.mark.parametrize("name", NAMES)
def test_the_loader_carries_the_questions(name: str) -> None:
    data = load(name)
    for attempt in ("parsed", "cached"):  # the second resolve reads the roadmap cache
        roadmap = catalog.resolve(name)
        assert [p.number for p in roadmap.phases] == [p["number"] for p in data["phases"]]
        for phase, raw in zip(roadmap.phases, data["phases"], strict=True):
            assert isinstance(phase.self_check, tuple), attempt
            got = [(q.ask, norm(q.basis)) for q in phase.self_check]
            want = [(q["ask"], norm(q["basis"])) for q in questions(raw)]
            assert got == want, (attempt, name, phase.number)
            assert MIN_QUESTIONS <= len(got) <= MAX_QUESTIONS


# ------------------------------------------------------------------- against the seed


@pytest.mark.parametrize("name", NAMES)
def test_the_phase_sections_are_found_in_the_seed(name: str) -> None:
    """The sectioning itself: each section holds its phase's summary and milestone."""
    seed = seed_text(name)
    sections = phase_sections(name, seed)
    for phase in load(name)["phases"]:
        text = norm(sections[phase["number"]])
        assert norm(phase["summary"]) in text, (name, phase["number"])
        if phase.get("milestone"):
            assert norm(phase["milestone"]["description"]) in text, (name, phase["number"])
        others = [n for n in sections if n != phase["number"]]
        for n in others:  # a section does not run on into another phase's
            assert norm(phase["summary"]) not in norm(sections[n]), (name, phase["number"], n)


@pytest.mark.parametrize("name", NAMES)
def test_every_basis_is_quoted_from_the_seed(name: str) -> None:
    seed = norm(seed_text(name))
    missing = [q["basis"] for _, q in all_questions(name) if norm(q["basis"]) not in seed]
    assert not missing, f"{name}: not found in the seed: {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_every_basis_comes_from_its_own_phase(name: str) -> None:
    sections = phase_sections(name, seed_text(name))
    misplaced = [
        (phase["number"], q["basis"])
        for phase, q in all_questions(name)
        if norm(q["basis"]) not in norm(sections[phase["number"]])
    ]
    assert not misplaced, f"{name}: basis outside its phase's section: {misplaced}"


def test_the_documents_own_checks_are_used() -> None:
    """Where a document spells out a check, a question is written from it."""
    wanted = {
        ("complete", 0): "Write a program that reads a CSV file, filters rows, and outputs "
        "statistics.",
        ("practical", 1): "If you can slice a DataFrame, group by a column, and plot the "
        "results, you're ready to move on.",
        ("practical", 2): "you should be able to take a structured dataset, clean it",
        ("job-ready", 1): "You can load a dataset with Pandas, compute basic statistics",
        ("job-ready", 2): "You can train a gradient boosting model",
        ("job-ready", 3): "You can implement a training loop in PyTorch",
        ("job-ready", 5): "You can deploy a scikit-learn or PyTorch model as a REST API",
    }
    for (name, number), phrase in wanted.items():
        (phase,) = [p for p in load(name)["phases"] if p["number"] == number]
        bases = [norm(q["basis"]) for q in questions(phase)]
        assert any(phrase in b for b in bases), (name, number, phrase)


def test_milestones_ground_a_question_where_the_document_names_one() -> None:
    for name in NAMES:
        for phase in load(name)["phases"]:
            milestone = phase.get("milestone")
            if not milestone:
                continue
            description = norm(milestone["description"])
            bases = [norm(q["basis"]) for q in questions(phase)]
            assert any(b in description or description in b for b in bases), (
                name,
                phase["number"],
            )
