"""With `--json`, an error is one JSON object alone on stderr, for scripts.

`{"error": the sentence, "hint": what to do or null, "exit": the exit code}`,
usage errors included (PRODUCT.md), and nothing else on stderr or stdout.
"""

from __future__ import annotations

import json

from mlpath.errors import MlpathError, RoadmapError, UsageError, error_json, exc_json


def test_an_error_as_one_json_line() -> None:
    text = exc_json(UsageError("No item matches 'x'.", "Did you mean y?"))
    assert text.endswith("\n") and text.count("\n") == 1
    assert json.loads(text) == {
        "error": "No item matches 'x'.",
        "hint": "Did you mean y?",
        "exit": 2,
    }
    assert json.loads(exc_json(MlpathError("There is nothing to undo."))) == {
        "error": "There is nothing to undo.",
        "hint": None,
        "exit": 1,
    }


def test_a_roadmap_error_lists_its_problems() -> None:
    exc = RoadmapError(["a.yaml:3: phases[0].title: missing", "a.yaml:9: id: not kebab-case"])
    data = json.loads(exc_json(exc))
    assert data["error"] == "a.yaml:3: phases[0].title: missing (and 1 more)"
    assert data["problems"] == [
        "a.yaml:3: phases[0].title: missing",
        "a.yaml:9: id: not kebab-case",
    ]
    assert data["exit"] == 1


def test_non_ascii_survives() -> None:
    assert json.loads(error_json("“quoted” — café", None, 2))["error"] == "“quoted” — café"
