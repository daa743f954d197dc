"""The strict roadmap loader: malformed files explained to the line, through the API and the CLI.

Every case starts from one valid roadmap (the example in data/roadmaps/README.md,
written in block style so that each field sits on its own line) and changes one
thing. Each is written as a real file, loaded with `mlpath.store.catalog.load_file`
and validated with `mlpath roadmaps validate FILE`; the expected line is counted
from the text that was written.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from mlpath.cli.main import app
from mlpath.errors import RoadmapError
from mlpath.store.catalog import load_file

REPO = Path(__file__).resolve().parent.parent
SCHEMA_DOC = REPO / "data" / "roadmaps" / "README.md"

# The README example, one field per line.
BASE = """\
schema: 1
id: my-roadmap
title: My ML roadmap
source:
  document: notes.md
summary: Twelve weeks of classical ML.
duration:
  text: 12 weeks
  weeks:
    min: 12
    max: 12
hours_per_week:
  value: 8
  assumed: true
  note: my own figure
phases:
  - number: 1
    id: basics
    title: Basics
    weeks:
      min: 4
      max: 6
      text: 4–6 weeks
    summary: NumPy and pandas.
    topics:
      - id: numpy
        title: NumPy
      - id: pandas
        title: pandas
        weeks:
          min: 2
          max: 3
    resources:
      - title: Official NumPy Tutorial
        kind: docs
    milestone:
      id: basics-done
      title: Load and plot a dataset
  - number: 2
    id: models
    title: Models
    weeks:
      min: 6
      max: 6
      text: Weeks 7-12
    summary: Fit and evaluate models.
    topics:
      - id: regression
        title: Regression
    projects:
      - id: titanic
        title: Kaggle Titanic
"""

PROBLEM_RE = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<path>[^:\s]+): (?P<message>\S.*)$")


def readme_example() -> str:
    match = re.search(
        r"## Example\n\n```yaml\n(.*?)```", SCHEMA_DOC.read_text(encoding="utf-8"), re.S
    )
    assert match, "data/roadmaps/README.md lost its example"
    return match.group(1)


def mutate(old: str, new: str) -> str:
    """BASE with exactly one occurrence of `old` replaced."""
    assert BASE.count(old) == 1, f"{old!r} must occur once in BASE"
    return BASE.replace(old, new)


def line_of(text: str, needle: str) -> int:
    """1-based number of the only line of `text` containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}"
    return hits[0]


def nth_line(text: str, needle: str, n: int) -> int:
    """1-based number of the n-th line of `text` containing `needle`."""
    return [i for i, line in enumerate(text.splitlines(), 1) if needle in line][n - 1]


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    line: int
    path: str
    message: str  # a fragment of the message, matched case-insensitively


def case(name: str, text: str, line: int, path: str, message: str) -> Case:
    return Case(name, text.encode("utf-8"), line, path, message)


def billion_laughs() -> str:
    out = 'lol1: &lol1 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for k in range(2, 10):
        out += f"lol{k}: &lol{k} [" + ", ".join([f"*lol{k - 1}"] * 9) + "]\n"
    return out


def five_megabytes() -> bytes:
    head = BASE.encode("utf-8") + b"# "
    size = 5 * 1024 * 1024
    return head + b"x" * (size - len(head) - 1) + b"\n"


def cases() -> list[Case]:
    out: list[Case] = []

    t = mutate("    title: Basics\n", "    title: Basics: the first steps\n")
    out.append(
        # PyYAML words the problem; mlpath's part is FILE:LINE, the field and the advice
        case("yaml-syntax", t, line_of(t, "Basics: the"), "yaml", "; fix the YAML syntax")
    )

    # An unclosed bracket is noticed on the next line; the message says where it opened.
    t = mutate("    title: Basics\n", "    title: [Basics\n")
    opened = line_of(t, "[Basics")
    out.append(case("unclosed-bracket", t, opened + 1, "yaml", f"started on line {opened}"))

    t = mutate("    title: Basics\n", "\ttitle: Basics\n")
    out.append(case("tab-indent", t, line_of(t, "\ttitle"), "yaml", "tab character"))

    # the first indentation under a key: libyaml says only "cannot start any token"
    t = mutate("  document: notes.md\n", "\tdocument: notes.md\n")
    out.append(case("tab-first-indent", t, line_of(t, "\tdocument"), "yaml", "tab character"))

    t = mutate("      - title: Official NumPy Tutorial\n", "\t- title: Official NumPy Tutorial\n")
    out.append(case("tab-before-a-dash", t, line_of(t, "\t- title"), "yaml", "tab character"))

    for name, url in (("url-javascript", "javascript:alert(1)"), ("url-words", "see the book")):
        t = mutate("        kind: docs\n", f"        kind: docs\n        url: {url}\n")
        out.append(case(name, t, line_of(t, "url:"), "phases[0].resources[0].url", "web address"))

    t = mutate(
        "      title: Load and plot a dataset\n",
        "      title: Load and plot a dataset\n"
        "    self_check:\n      - ask: You can load a CSV with pandas.\n"
        "        basis: Load and plot a dataset\n",
    )
    out.append(
        case(
            "self-check-not-a-question",
            t,
            line_of(t, "ask: You can"),
            "phases[0].self_check[0].ask",
            "ending in '?'",
        )
    )

    t = mutate("    title: Basics\n", "    title: [numpy, pandas]\n")
    out.append(
        case(
            "title-is-a-list",
            t,
            line_of(t, "[numpy, pandas]"),
            "phases[0].title",
            "must be non-empty text, not a list",
        )
    )

    t = mutate("  value: 8\n", "  value: eight\n")
    out.append(
        case(
            "hours-is-text",
            t,
            line_of(t, "value: eight"),
            "hours_per_week.value",
            "must be a positive number",
        )
    )

    t = mutate("  value: 8\n", "  value: yes\n")  # YAML 1.1: yes is a boolean
    out.append(
        case(
            "hours-is-bool",
            t,
            line_of(t, "value: yes"),
            "hours_per_week.value",
            "must be a positive number",
        )
    )

    t = mutate("      min: 6\n      max: 6\n", "      min: 6\n      max: six\n")
    out.append(
        case(
            "weeks-max-is-text",
            t,
            line_of(t, "max: six"),
            "phases[1].weeks.max",
            "must be a positive number",
        )
    )

    t = mutate("  assumed: true\n", '  assumed: "true"\n')
    out.append(
        case(
            "bool-is-text",
            t,
            line_of(t, 'assumed: "true"'),
            "hours_per_week.assumed",
            "must be true or false, not text",
        )
    )

    t = mutate(
        "    topics:\n      - id: regression\n        title: Regression\n",
        "    topics: regression\n",
    )
    out.append(
        case(
            "topics-not-a-list",
            t,
            line_of(t, "topics: regression"),
            "phases[1].topics",
            "must be a list, not text",
        )
    )

    t = mutate("      min: 6\n      max: 6\n", "      min: -6\n      max: 6\n")
    out.append(
        case(
            "negative-weeks",
            t,
            line_of(t, "min: -6"),
            "phases[1].weeks.min",
            "must be a positive number",
        )
    )

    t = mutate("      min: 4\n", "      min: 0\n")
    out.append(
        case(
            "zero-weeks",
            t,
            line_of(t, "min: 0"),
            "phases[0].weeks.min",
            "must be a positive number",
        )
    )

    t = mutate("      min: 4\n      max: 6\n", "      min: 7\n      max: 6\n")
    out.append(
        case(
            "min-above-max",
            t,
            line_of(t, "min: 7"),
            "phases[0].weeks.min",
            "must not exceed max (6)",
        )
    )

    t = mutate("          min: 2\n          max: 3\n", "          min: 5\n          max: 3\n")
    out.append(
        case(
            "topic-min-above-max",
            t,
            line_of(t, "min: 5"),
            "phases[0].topics[1].weeks.min",
            "must not exceed max (3)",
        )
    )

    t = mutate("      - id: regression\n", "      - id: numpy\n")
    out.append(
        case(
            "duplicate-id",
            t,
            nth_line(t, "- id: numpy", 2),
            "phases[1].topics[0].id",
            "duplicate id 'numpy' (first used at phases[0].topics[0].id)",
        )
    )

    t = mutate("      id: basics-done\n", "      id: models\n")
    out.append(
        case(
            "milestone-reuses-phase-id",
            t,
            nth_line(t, "id: models", 2),
            "phases[1].id",
            "duplicate id 'models' (first used at phases[0].milestone.id)",
        )
    )

    t = mutate(
        "    summary: Fit and evaluate models.\n",
        "    colour: blue\n    summary: Fit and evaluate models.\n",
    )
    out.append(
        case(
            "unknown-field",
            t,
            line_of(t, "colour: blue"),
            "phases[1].colour",
            "unknown field; expected one of: number, id, title",
        )
    )

    t = mutate(
        "      title: Load and plot a dataset\n",
        "      title: Load and plot a dataset\n"
        "    self_check:\n      - ask: Can you plot a dataset?\n",
    )
    out.append(
        case(
            "self-check-without-basis",
            t,
            line_of(t, "- ask: Can you plot"),
            "phases[0].self_check[0]",
            "missing required field 'basis'",
        )
    )

    t = mutate(
        "      title: Load and plot a dataset\n",
        "      title: Load and plot a dataset\n"
        "    self_check:\n      - ask: Can you plot a dataset?\n"
        "        basis: Load and plot a dataset\n        page: 3\n",
    )
    out.append(
        case(
            "self-check-unknown-key",
            t,
            line_of(t, "page: 3"),
            "phases[0].self_check[0].page",
            "unknown field; expected one of: ask, basis",
        )
    )

    t = mutate(
        "      title: Load and plot a dataset\n",
        "      title: Load and plot a dataset\n    self_check: Can you load a CSV?\n",
    )
    out.append(
        case(
            "self-check-not-a-list",
            t,
            line_of(t, "self_check:"),
            "phases[0].self_check",
            "must be a list",
        )
    )

    t = mutate(
        "      title: Load and plot a dataset\n",
        "      title: Load and plot a dataset\n"
        '    self_check:\n      - ask: ""\n        basis: Load and plot a dataset\n',
    )
    out.append(
        case(
            "self-check-empty-ask",
            t,
            line_of(t, 'ask: ""'),
            "phases[0].self_check[0].ask",
            "non-empty text",
        )
    )

    t = mutate("schema: 1\n", "schema: 1\nversion: 3\n")
    out.append(case("unknown-top-field", t, line_of(t, "version: 3"), "version", "unknown field"))

    t = mutate("      title: Load and plot a dataset\n", "")
    out.append(
        case(
            "milestone-without-title",
            t,
            line_of(t, "id: basics-done"),
            "phases[0].milestone",
            "missing required field 'title'",
        )
    )

    t = mutate("    summary: Fit and evaluate models.\n", "")
    out.append(
        case(
            "phase-without-summary",
            t,
            line_of(t, "- number: 2"),
            "phases[1]",
            "missing required field 'summary'",
        )
    )

    t = mutate("title: My ML roadmap\n", "title: !!python/object:collections.OrderedDict {}\n")
    out.append(
        case(
            "python-object-tag",
            t,
            3,
            "title",
            "tag 'tag:yaml.org,2002:python/object:collections.OrderedDict' is not allowed",
        )
    )

    t = mutate("    summary: NumPy and pandas.\n", "    summary: !include summary.md\n")
    out.append(
        case(
            "local-tag",
            t,
            line_of(t, "!include"),
            "phases[0].summary",
            "tag '!include' is not allowed",
        )
    )

    bomb = billion_laughs()
    # Expanded sizes: lol1 = 10 values, lolK = 1 + 9 * lol(K-1): lol6 = 597,871 is the
    # first to pass the 500,000 bound on its own.
    out.append(
        case(
            "alias-bomb",
            bomb,
            6,
            "lol6",
            "expands to 597,871 values, over the limit of 500,000; its aliases repeat values",
        )
    )

    t = mutate("phases:\n", "tips: &loop [*loop]\nphases:\n")
    out.append(
        case(
            "recursive-alias",
            t,
            line_of(t, "&loop"),
            "tips[0]",
            "alias refers to the value holding it",
        )
    )

    t = mutate("    summary: Fit and evaluate models.\n", "    summary: 2026-01-05\n")
    out.append(
        case(
            "unquoted-date",
            t,
            line_of(t, "2026-01-05"),
            "phases[1].summary",
            "YAML reads 2026-01-05 as a date; put it in quotes to keep it as text",
        )
    )

    t = mutate("    summary: Fit and evaluate models.\n", "    summary: !!timestamp '2026-01-05'\n")
    out.append(
        case(
            "timestamp-tag",
            t,
            line_of(t, "2026-01-05"),
            "phases[1].summary",
            "the tag 'tag:yaml.org,2002:timestamp' is not allowed",
        )
    )

    out.append(case("empty-file", "", 1, "roadmap", "the file is empty"))
    out.append(
        case("only-a-comment", "# my roadmap, to do\n\n", 1, "roadmap", "holds no YAML document")
    )
    out.append(
        case(
            "top-level-list",
            "- beginner\n- advanced\n",
            1,
            "roadmap",
            "top level must be a mapping of roadmap fields, not a list",
        )
    )
    out.append(
        case(
            "top-level-text",
            "just some notes\n",
            1,
            "roadmap",
            "top level must be a mapping of roadmap fields, not text",
        )
    )

    out.append(
        Case(
            "five-megabytes",
            five_megabytes(),
            1,
            "roadmap",
            "the file is 5.0 MB; roadmaps are limited to 4 MB",
        )
    )

    latin1 = mutate("    title: Models\n", "    title: Modélisation\n")
    raw = latin1.replace("4–6", "4-6").encode("latin-1")  # é as the single byte 0xe9
    out.append(
        Case("not-utf8", raw, line_of(latin1, "Modélisation"), "roadmap", "byte 0xe9 is not UTF-8")
    )

    t = mutate("    projects:\n      - id: titanic\n        title: Kaggle Titanic\n", "").replace(
        "    topics:\n      - id: regression\n        title: Regression\n", ""
    )
    out.append(
        case(
            "phase-without-work",
            t,
            line_of(t, "- number: 2"),
            "phases[1].topics",
            "at least one topic or project",
        )
    )

    t = mutate(
        "    topics:\n      - id: regression\n        title: Regression\n", "    topics: []\n"
    ).replace(
        "    projects:\n      - id: titanic\n        title: Kaggle Titanic\n", "    projects: []\n"
    )
    out.append(
        case(
            "phase-with-empty-lists",
            t,
            line_of(t, "topics: []"),
            "phases[1].topics",
            "at least one topic or project",
        )
    )

    t = mutate("    title: Models\n", "    title: Models\n    title: Modelling\n")
    out.append(
        case("duplicate-key", t, line_of(t, "title: Modelling"), "phases[1].title", "appears twice")
    )

    t = (
        BASE
        + "level_overrides:\n  - level: advanced\n    phases: [1, 5]\n    action: skip\n    source: Skip what you know.\n"
    )
    out.append(
        case(
            "override-unknown-phase",
            t,
            line_of(t, "phases: [1, 5]"),
            "level_overrides[0].phases[1]",
            "there is no phase 5",
        )
    )

    t = (
        BASE
        + "level_overrides:\n  - level: expert\n    phases: [1]\n    action: skip\n    source: Skip what you know.\n"
    )
    out.append(
        case(
            "override-unknown-level",
            t,
            line_of(t, "level: expert"),
            "level_overrides[0].level",
            "must be one of beginner, intermediate, advanced",
        )
    )

    t = (
        BASE
        + "level_overrides:\n  - level: advanced\n    phases: [1]\n    action: compress\n    source: Go faster.\n"
    )
    out.append(
        case(
            "compress-without-figure",
            t,
            line_of(t, "- level: advanced"),
            "level_overrides[0]",
            "exactly one of 'weeks' or 'factor'",
        )
    )

    t = (
        BASE
        + "level_overrides:\n  - level: beginner\n    phases: [1]\n    action: extend\n"
        + "    source: Go slower.\n"
    )
    out.append(
        case(
            "extend-without-figure",
            t,
            line_of(t, "- level: beginner"),
            "level_overrides[0]",
            "an extend override needs exactly one of 'weeks' or 'factor'",
        )
    )

    t = mutate("    title: Models\n", "    title: Models\n    ongoing: true\n")
    out.append(
        case(
            "ongoing-without-assumed-weeks",
            t,
            line_of(t, "min: 6"),
            "phases[1].weeks.assumed",
            "an ongoing phase needs an assumed duration",
        )
    )

    t = mutate("  - number: 2\n", "  - number: 1\n")
    out.append(
        case(
            "phase-numbers-not-increasing",
            t,
            nth_line(t, "- number: 1", 2),
            "phases[1].number",
            "must be greater than the previous phase's (1)",
        )
    )

    t = mutate("    id: basics\n", "    id: Basics_1\n")
    out.append(
        case(
            "id-not-kebab-case",
            t,
            line_of(t, "Basics_1"),
            "phases[0].id",
            "must be a kebab-case id",
        )
    )

    t = mutate("        kind: docs\n", "        kind: podcast\n")
    out.append(
        case(
            "unknown-resource-kind",
            t,
            line_of(t, "kind: podcast"),
            "phases[0].resources[0].kind",
            "must be one of course, book",
        )
    )

    t = mutate("schema: 1\n", "schema: 2\n")
    out.append(case("unknown-schema-version", t, 1, "schema", "must be one of 1, not 2"))

    t = BASE[: BASE.index("phases:\n")] + "phases: []\n"
    out.append(
        case("no-phases", t, line_of(t, "phases: []"), "phases", "must list at least one entry")
    )

    # --- backgrounds (who the learner is) and choices (ideas to pick) ---
    bg = (
        "backgrounds:\n  - id: engineer\n    label: Software engineer\n"
        "    ask: Are you a software engineer?\n    source: Engineers go faster.\n"
        "    effects:\n      - phases: [1]\n        action: compress\n        weeks: 2\n"
    )
    t = BASE + bg.replace("phases: [1]", "phases: [7]")
    out.append(
        case(
            "background-unknown-phase",
            t,
            line_of(t, "phases: [7]"),
            "backgrounds[0].effects[0].phases[0]",
            "there is no phase 7",
        )
    )
    t = BASE + bg.replace("action: compress", "action: halve")
    out.append(
        case(
            "background-unknown-action",
            t,
            line_of(t, "action: halve"),
            "backgrounds[0].effects[0].action",
            "must be one of skip, compress, add",
        )
    )
    t = BASE + bg.replace("        weeks: 2\n", "        weeks: 2\n        assumed: true\n")
    out.append(
        case(
            "background-assumed-without-note",
            t,
            nth_line(t, "assumed: true", 2),  # the first is the roadmap's hours
            "backgrounds[0].effects[0].assumed",
            "an assumed figure needs a 'note'",
        )
    )
    t = BASE + bg.replace("        weeks: 2\n", "        weeks: {min: 6, max: 4}\n")
    out.append(
        case(
            "background-add-range-reversed",
            t,
            line_of(t, "weeks: {min: 6, max: 4}"),
            "backgrounds[0].effects[0].weeks.min",
            "must not exceed max (4)",
        )
    )
    t = BASE + bg.replace("action: compress\n        weeks: 2", "action: add")
    out.append(
        case(
            "background-add-without-weeks",
            t,
            nth_line(t, "- phases: [1]", 1),
            "backgrounds[0].effects[0]",
            "an add effect needs 'weeks' and no 'factor'",
        )
    )
    t = BASE + bg.replace("Are you a software engineer?", "You are a software engineer.")
    out.append(
        case(
            "background-ask-not-a-question",
            t,
            line_of(t, "You are a software engineer."),
            "backgrounds[0].ask",
            "must be a yes/no question ending in '?'",
        )
    )
    t = BASE + bg + bg[len("backgrounds:\n") :]  # the same background twice
    out.append(
        case(
            "background-duplicate-id",
            t,
            nth_line(t, "- id: engineer", 2),
            "backgrounds[1].id",
            "duplicate background id 'engineer'",
        )
    )
    choice = (
        "    choices:\n      - id: track\n        title: Track\n        item: regression\n"
        "        source: Choose one.\n        options:\n"
        "          - {id: trees, title: Trees}\n          - {id: nets, title: Nets}\n"
    )
    t = mutate(
        "    projects:\n      - id: titanic\n", choice + "    projects:\n      - id: titanic\n"
    )
    t = t.replace("item: regression", "item: clustering")
    out.append(
        case(
            "choice-item-not-in-phase",
            t,
            line_of(t, "item: clustering"),
            "phases[1].choices[0].item",
            "no topic or project 'clustering' in this phase",
        )
    )
    t = mutate(
        "    projects:\n      - id: titanic\n", choice + "    projects:\n      - id: titanic\n"
    )
    t = t.replace("{id: nets, title: Nets}", "{id: numpy, title: Nets}")
    out.append(
        case(
            "choice-option-duplicate-id",
            t,
            line_of(t, "{id: numpy, title: Nets}"),
            "phases[1].choices[0].options[1].id",
            "duplicate id 'numpy'",
        )
    )
    t = mutate(
        "    projects:\n      - id: titanic\n", choice + "    projects:\n      - id: titanic\n"
    )
    t = t.replace("        source: Choose one.\n", "        source: Choose one.\n        max: 5\n")
    out.append(
        case(
            "choice-max-over-options",
            t,
            line_of(t, "max: 5"),
            "phases[1].choices[0].max",
            "must not exceed the number of options (2)",
        )
    )
    t = mutate("        kind: docs\n", "        kind: docs\n        general: maybe\n")
    out.append(
        case(
            "resource-general-not-bool",
            t,
            line_of(t, "general: maybe"),
            "phases[0].resources[0].general",
            "must be true or false",
        )
    )
    t = BASE + "faq:\n  - question: Why?\n    answer: Because.\n    editorial: sometimes\n"
    out.append(
        case(
            "faq-editorial-not-bool",
            t,
            line_of(t, "editorial: sometimes"),
            "faq[0].editorial",
            "must be true or false",
        )
    )
    t = mutate("  note: my own figure\n", "")
    out.append(
        case(
            "hours-assumed-without-note",
            t,
            line_of(t, "assumed: true"),
            "hours_per_week.assumed",
            "an assumed figure needs a 'note'",
        )
    )
    t = (
        BASE + "level_overrides:\n  - level: beginner\n    phases: [1]\n    action: extend\n"
        "    factor: 0.5\n    source: Beginners take longer.\n"
    )
    out.append(
        case(
            "extend-shortens",
            t,
            line_of(t, "factor: 0.5"),
            "level_overrides[0].factor",
            "must be at least 1 (extend never shortens)",
        )
    )
    return out


CASES = cases()
BY_NAME = {c.name: c for c in CASES}


def write(tmp_path: Path, c: Case) -> Path:
    path = tmp_path / f"{c.name}.yaml"
    path.write_bytes(c.content)
    return path


def no_traceback(text: str) -> None:
    assert "Traceback" not in text
    assert not re.search(r'File ".*", line \d+', text)


# --- the valid starting point ----------------------------------------------------


def test_base_is_the_readme_example() -> None:
    assert yaml.safe_load(BASE) == yaml.safe_load(readme_example())


@pytest.mark.parametrize("text", [BASE, readme_example()], ids=["block-style", "readme-verbatim"])
def test_the_valid_example_loads_into_the_model(tmp_path: Path, text: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    rm = load_file(path)
    assert rm.id == "my-roadmap"
    assert rm.hours_per_week.value == 8 and rm.hours_per_week.assumed
    assert [p.number for p in rm.phases] == [1, 2]
    basics, models = rm.phases
    assert (basics.weeks.min, basics.weeks.max, basics.weeks.text) == (4, 6, "4–6 weeks")
    assert [t.id for t in basics.topics] == ["numpy", "pandas"]
    pandas_weeks = basics.topics[1].weeks
    assert pandas_weeks is not None and (pandas_weeks.min, pandas_weeks.max) == (2, 3)
    assert basics.milestone is not None and basics.milestone.title == "Load and plot a dataset"
    assert basics.resources[0].kind == "docs"
    assert models.milestone is None and [p.id for p in models.projects] == ["titanic"]
    assert [(kind, item.id) for _, kind, item in rm.items()] == [
        ("topic", "numpy"),
        ("topic", "pandas"),
        ("milestone", "basics-done"),
        ("topic", "regression"),
        ("project", "titanic"),
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://numpy.org/doc/",
        "http://localhost:8888/tree",
        "kaggle.com/competitions",
        "Distill.pub",
    ],
)
def test_a_web_address_is_a_url(tmp_path: Path, url: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        mutate("        kind: docs\n", f"        kind: docs\n        url: {url}\n"), "utf-8"
    )
    assert load_file(path).phases[0].resources[0].url == url


def test_decimals_are_exact_fractions(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        mutate("  value: 8\n", "  value: 17.5\n  min: 15\n  max: 20\n"), encoding="utf-8"
    )
    h = load_file(path).hours_per_week
    assert (h.value, h.min, h.max) == (Fraction(35, 2), 15, 20)


def test_validate_a_good_file_says_ok(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(BASE, encoding="utf-8")
    result = runner.invoke(app, ["roadmaps", "validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: ok (my-roadmap, 2 phases)\n"
    assert result.stderr == ""


def test_validate_counts_one_phase_in_the_singular(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(BASE[: BASE.index("  - number: 2\n")], encoding="utf-8")
    result = runner.invoke(app, ["roadmaps", "validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: ok (my-roadmap, 1 phase)\n"


# --- malformed files ---------------------------------------------------------------


def test_there_are_enough_distinct_cases() -> None:
    assert len(CASES) >= 15
    assert len(BY_NAME) == len(CASES)
    assert len({c.content for c in CASES}) == len(CASES)


@pytest.mark.parametrize("c", CASES, ids=[c.name for c in CASES])
def test_malformed_roadmap_through_the_loader(tmp_path: Path, c: Case) -> None:
    path = write(tmp_path, c)
    with pytest.raises(RoadmapError) as info:
        load_file(path)
    problems = info.value.problems
    assert len(problems) == 1, problems
    m = PROBLEM_RE.match(problems[0])
    assert m, f"not FILE:LINE: field.path: message: {problems[0]!r}"
    assert m["file"] == str(path)
    assert (int(m["line"]), m["path"]) == (c.line, c.path), problems[0]
    assert c.message.lower() in m["message"].lower(), problems[0]
    assert "\n" not in problems[0]


@pytest.mark.parametrize("c", CASES, ids=[c.name for c in CASES])
def test_malformed_roadmap_through_the_cli(tmp_path: Path, runner: CliRunner, c: Case) -> None:
    path = write(tmp_path, c)
    with pytest.raises(RoadmapError) as info:
        load_file(path)
    result = runner.invoke(app, ["roadmaps", "validate", str(path)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert result.stderr.splitlines() == info.value.problems
    assert result.stderr.startswith(f"{path}:{c.line}: {c.path}: ")
    no_traceback(result.stderr)


def test_python_apply_tag_runs_nothing(tmp_path: Path, runner: CliRunner) -> None:
    marker = tmp_path / "pwned"
    text = mutate(
        "title: My ML roadmap\n", f'title: !!python/object/apply:os.system ["touch {marker}"]\n'
    )
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RoadmapError) as info:
        load_file(path)
    assert info.value.problems == [
        f"{path}:3: title: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"
    ]
    result = runner.invoke(app, ["roadmaps", "validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == info.value.problems
    assert not marker.exists()


def test_a_deep_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    """30 levels of nine aliases: about 10**28 values if expanded, so refusing it at
    all shows the loader measured it instead of walking it."""
    text = billion_laughs()
    for k in range(10, 31):
        text += f"lol{k}: &lol{k} [" + ", ".join([f"*lol{k - 1}"] * 9) + "]\n"
    path = tmp_path / "bomb.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RoadmapError) as info:
        load_file(path)
    assert info.value.problems[0].startswith(f"{path}:6: lol6: expands to")


def test_a_huge_file_without_aliases_is_told_to_shorten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same bound stops a document that is merely too big (limit lowered to keep it small)."""
    monkeypatch.setattr("mlpath.store.roadmap_yaml.MAX_NODES", 200)
    text = BASE + "tips:\n" + "".join(f"  - tip {i}\n" for i in range(250))
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RoadmapError) as info:
        load_file(path)
    assert info.value.problems == [
        f"{path}:{line_of(text, '- tip 0')}: tips: expands to 251 values, over the limit of 200; "
        "shorten it"
    ]


def test_every_problem_in_one_file_is_reported(tmp_path: Path, runner: CliRunner) -> None:
    text = (
        BASE.replace("      min: 6\n      max: 6\n", "      min: -6\n      max: 6\n")
        .replace("    id: basics\n", "    id: Basics\n")
        .replace("    summary: Fit and evaluate models.\n", "    colour: blue\n    summary: Fit.\n")
    )
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RoadmapError) as info:
        load_file(path)
    expected = {
        (line_of(text, "id: Basics"), "phases[0].id"),
        (line_of(text, "min: -6"), "phases[1].weeks.min"),
        (line_of(text, "colour: blue"), "phases[1].colour"),
    }
    found = set()
    for problem in info.value.problems:
        m = PROBLEM_RE.match(problem)
        assert m and m["file"] == str(path), problem
        found.add((int(m["line"]), m["path"]))
    assert found == expected
    result = runner.invoke(app, ["roadmaps", "validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == info.value.problems


def test_several_files_at_once(tmp_path: Path, runner: CliRunner) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(BASE, encoding="utf-8")
    bad = [write(tmp_path, BY_NAME[n]) for n in ("tab-indent", "negative-weeks", "empty-file")]
    missing = tmp_path / "missing.yaml"
    args = [str(bad[0]), str(good), str(bad[1]), str(missing), str(bad[2])]
    result = runner.invoke(app, ["roadmaps", "validate", *args])
    assert result.exit_code == 1
    assert result.stdout == f"{good}: ok (my-roadmap, 2 phases)\n"
    expected: list[str] = []
    for path in bad[:2]:
        with pytest.raises(RoadmapError) as info:
            load_file(path)
        expected += info.value.problems
    expected.append(f"{missing}: No roadmap file at {missing}. Check the path.")
    with pytest.raises(RoadmapError) as info:
        load_file(bad[2])
    expected += info.value.problems
    assert result.stderr.splitlines() == expected
    no_traceback(result.stderr)


# --- the real program, in a subprocess ---------------------------------------------

SUBPROCESS_CASES = ["tab-indent", "alias-bomb", "five-megabytes", "not-utf8", "python-object-tag"]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_malformed_roadmap_with_python_m_mlpath(tmp_path: Path, name: str) -> None:
    c = BY_NAME[name]
    path = write(tmp_path, c)
    proc = subprocess.run(
        [sys.executable, "-m", "mlpath", "roadmaps", "validate", path.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, lines
    m = PROBLEM_RE.match(lines[0])
    assert m, lines[0]
    assert (m["file"], int(m["line"]), m["path"]) == (path.name, c.line, c.path)
    assert c.message.lower() in m["message"].lower()
    no_traceback(proc.stderr)


def test_several_files_with_python_m_mlpath(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(BASE, encoding="utf-8")
    names = ["yaml-syntax", "duplicate-id", "unknown-field", "phase-without-work"]
    paths = [write(tmp_path, BY_NAME[n]) for n in names]
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mlpath",
            "roadmaps",
            "validate",
            "good.yaml",
            *(p.name for p in paths),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stdout == "good.yaml: ok (my-roadmap, 2 phases)\n"
    got = [PROBLEM_RE.match(line) for line in proc.stderr.splitlines()]
    assert [(m["file"], int(m["line"]), m["path"]) for m in got if m] == [
        (p.name, BY_NAME[n].line, BY_NAME[n].path) for p, n in zip(paths, names, strict=True)
    ]
    no_traceback(proc.stderr)


def test_a_valid_self_check_loads(tmp_path: Path) -> None:
    text = mutate(
        "      title: Load and plot a dataset\n",
        "      title: Load and plot a dataset\n"
        "    self_check:\n      - ask: Can you load a CSV with pandas and plot a column?\n"
        "        basis: Load and plot a dataset\n",
    )
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    first, *rest = load_file(path).phases
    assert all(not p.self_check for p in rest)
    (q,) = first.self_check
    assert (q.ask, q.basis) == (
        "Can you load a CSV with pandas and plot a column?",
        "Load and plot a dataset",
    )
