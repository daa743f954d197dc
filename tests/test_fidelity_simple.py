"""Fidelity of the bundled roadmaps built from the simpler seed documents.

`beginner`, `intermediate` (Edirae pages) and `practical` are checked two ways:

* structurally, from the YAML alone (ids, week spans, hours, known fields);
* against their source document in ``shared/seeds/``: figures, titles and
  texts are extracted from the seed with regular expressions, independently of
  the YAML, and compared with it. These tests skip when the seeds are not
  beside the checkout.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from seeds import SEEDS, missing

ROADMAPS = Path(__file__).parent.parent / "data" / "roadmaps"

SEED_OF = {
    "beginner": "001_b44ec498a593bf0f.txt",
    "intermediate": "000_48510381da3ad9be.txt",
    "practical": "004_7705888a3d816aa3.txt",
}
NAMES = sorted(SEED_OF)
EDIRAE = ["beginner", "intermediate"]
TOTAL_WEEKS = {"beginner": 36, "intermediate": 40, "practical": 26}

ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
SPAN_RE = re.compile(r"Weeks (\d+)[-–](\d+)")
WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# The fields data/roadmaps/README.md allows, per kind of mapping.
FIELDS = {
    "top": {
        "schema", "id", "title", "source", "summary", "audience", "prerequisites",
        "duration", "hours_per_week", "phases", "level_overrides", "backgrounds",
        "career_paths", "tips", "faq", "guidance", "balance", "projects", "habits",
    },
    "source": {"document", "publisher", "note"},
    "duration": {"text", "months", "weeks"},
    "range": {"min", "max"},
    "hours": {"value", "min", "max", "assumed", "source", "note"},
    "phase": {
        "number", "id", "title", "weeks", "ongoing", "hours_per_week", "summary",
        "topics", "resources", "projects", "milestone", "notes", "self_check", "choices",
    },
    "weeks": {"min", "max", "text", "converted", "assumed", "note"},
    "item": {"id", "title", "details", "weeks", "optional"},
    "milestone": {"id", "title", "description"},
    "resource": {"title", "kind", "by", "url", "note", "topic", "general"},
    "override": {
        "level", "audience", "phases", "action", "weeks", "converted", "factor", "assumed",
        "note", "source",
    },
    "choice": {"id", "title", "item", "source", "max", "options"},
    "background": {"id", "label", "source", "ask", "effects"},
    "effect": {"phases", "action", "weeks", "factor", "assumed", "note"},
    "career": {"title", "focus", "path", "salary", "demand", "note"},
    "faq": {"question", "answer", "editorial"},
}  # fmt: skip
RESOURCE_KINDS = {
    "course", "book", "video", "site", "docs", "paper", "tool", "platform", "community",
    "other",
}  # fmt: skip


# --------------------------------------------------------------------------- helpers


def load(name: str) -> dict[str, Any]:
    with (ROADMAPS / f"{name}.yaml").open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    assert isinstance(data, dict), f"{name}.yaml is not a mapping"
    return data


def seed_text(name: str) -> str:
    path = SEEDS / SEED_OF[name]
    if not path.is_file():
        pytest.skip(missing(path))
    return path.read_text(encoding="utf-8")


def norm(text: str) -> str:
    """Collapse whitespace, so YAML folding does not matter."""
    return " ".join(text.split())


def in_seed(text: str, seed: str) -> bool:
    return norm(text) in norm(seed)


def items(phase: dict[str, Any]) -> list[dict[str, Any]]:
    return list(phase.get("topics") or []) + list(phase.get("projects") or [])


def options(phase: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for c in phase.get("choices") or [] for o in c["options"]]


def all_ids(rm: dict[str, Any]) -> list[str]:
    ids = []
    for phase in rm["phases"]:
        ids.append(phase["id"])
        ids.extend(item["id"] for item in items(phase))
        ids.extend(o["id"] for o in options(phase))
        if phase.get("milestone"):
            ids.append(phase["milestone"]["id"])
    return ids


def phase_no(rm: dict[str, Any], number: int) -> dict[str, Any]:
    (phase,) = [p for p in rm["phases"] if p["number"] == number]
    return phase


def paragraphs(block: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", block) if p.strip()]


def between(text: str, start: str, end: str) -> str:
    """The text strictly between the line `start` and the next line `end`."""
    m = re.search(rf"^{re.escape(start)}\n(.*?)^{re.escape(end)}", text, re.S | re.M)
    assert m, f"seed has no section {start!r} … {end!r}"
    return m.group(1)


def bullets(block: str) -> list[str]:
    return re.findall(r"^\s*•\s*(.+?)\s*$", block, re.M)


def concept(topic: dict[str, Any]) -> str:
    """A topic as an Edirae page prints it in "Key Concepts to Learn"."""
    text = topic["title"]
    if topic.get("details"):
        text += f" ({topic['details']})"
    if topic.get("optional"):
        text += " (Optional)"
    return text


# ------------------------------------------------------------- structure (no seeds)


@pytest.mark.parametrize("name", NAMES)
def test_file_starts_with_schema_1_and_id_matches_file_name(name: str) -> None:
    text = (ROADMAPS / f"{name}.yaml").read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip() and line[0] != "#")
    assert first == "schema: 1"
    rm = load(name)
    assert rm["schema"] == 1
    assert rm["id"] == name


def _check_fields(value: Any, kind: str, where: str) -> None:
    assert isinstance(value, dict), f"{where} is not a mapping"
    unknown = set(value) - FIELDS[kind]
    assert not unknown, f"{where}: unknown fields {sorted(unknown)}"


@pytest.mark.parametrize("name", NAMES)
def test_only_fields_the_schema_knows(name: str) -> None:
    rm = load(name)
    _check_fields(rm, "top", name)
    for key in ("id", "title", "source", "summary", "duration", "hours_per_week", "phases"):
        assert key in rm, f"{name}: missing required {key}"
    _check_fields(rm["source"], "source", "source")
    _check_fields(rm["duration"], "duration", "duration")
    for key in ("months", "weeks"):
        if key in rm["duration"]:
            _check_fields(rm["duration"][key], "range", f"duration.{key}")
    _check_fields(rm["hours_per_week"], "hours", "hours_per_week")
    for i, phase in enumerate(rm["phases"]):
        where = f"phases[{i}]"
        _check_fields(phase, "phase", where)
        for key in ("number", "id", "title", "weeks", "summary"):
            assert key in phase, f"{where}: missing {key}"
        _check_fields(phase["weeks"], "weeks", f"{where}.weeks")
        for key in ("topics", "projects"):
            for j, item in enumerate(phase.get(key) or []):
                _check_fields(item, "item", f"{where}.{key}[{j}]")
                assert item.get("id") and item.get("title")
        for j, res in enumerate(phase.get("resources") or []):
            _check_fields(res, "resource", f"{where}.resources[{j}]")
            assert res.get("kind", "other") in RESOURCE_KINDS
        if phase.get("milestone"):
            _check_fields(phase["milestone"], "milestone", f"{where}.milestone")
        for j, choice in enumerate(phase.get("choices") or []):
            _check_fields(choice, "choice", f"{where}.choices[{j}]")
            for k, option in enumerate(choice["options"]):
                _check_fields(option, "item", f"{where}.choices[{j}].options[{k}]")
    for i, ov in enumerate(rm.get("level_overrides") or []):
        _check_fields(ov, "override", f"level_overrides[{i}]")
    for i, bg in enumerate(rm.get("backgrounds") or []):
        _check_fields(bg, "background", f"backgrounds[{i}]")
        for j, effect in enumerate(bg["effects"]):
            _check_fields(effect, "effect", f"backgrounds[{i}].effects[{j}]")
    for i, cp in enumerate(rm.get("career_paths") or []):
        _check_fields(cp, "career", f"career_paths[{i}]")
    for i, qa in enumerate(rm.get("faq") or []):
        _check_fields(qa, "faq", f"faq[{i}]")
        assert qa["question"].strip() and qa["answer"].strip()


@pytest.mark.parametrize("name", NAMES)
def test_ids_are_kebab_case_short_and_unique(name: str) -> None:
    ids = all_ids(load(name))
    for ident in ids:
        assert isinstance(ident, str) and ID_RE.fullmatch(ident), ident
        assert len(ident) <= 60, ident
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"duplicate ids: {dupes}"


@pytest.mark.parametrize("name", NAMES)
def test_phases_are_numbered_in_order_and_carry_work(name: str) -> None:
    rm = load(name)
    numbers = [p["number"] for p in rm["phases"]]
    assert numbers == list(range(1, len(numbers) + 1))
    for phase in rm["phases"]:
        assert items(phase), f"phase {phase['number']} has no topic or project"
        for res in phase.get("resources") or []:
            if "topic" in res:
                known = {t["id"] for t in phase.get("topics") or []}
                assert res["topic"] in known | {o["id"] for o in options(phase)}


@pytest.mark.parametrize("name", NAMES)
def test_fixed_week_spans_are_contiguous_and_match_their_text(name: str) -> None:
    rm = load(name)
    expected_start = 1
    for phase in rm["phases"]:
        weeks = phase["weeks"]
        m = SPAN_RE.fullmatch(weeks["text"])
        assert m, f"phase {phase['number']}: span text {weeks['text']!r}"
        a, b = int(m.group(1)), int(m.group(2))
        assert a == expected_start, f"phase {phase['number']} starts at week {a}"
        assert weeks["min"] == weeks["max"] == b - a + 1
        assert not weeks.get("assumed")
        expected_start = b + 1
    assert expected_start - 1 == TOTAL_WEEKS[name]


@pytest.mark.parametrize("name", NAMES)
def test_hours_per_week_is_consistent(name: str) -> None:
    hours = load(name)["hours_per_week"]
    assert hours["value"] > 0
    if "min" in hours or "max" in hours:
        assert (
            Fraction(str(hours["value"]))
            == (Fraction(str(hours["min"])) + Fraction(str(hours["max"]))) / 2
        )
    if hours.get("assumed"):
        assert hours.get("note"), "an assumed figure needs a note"
        assert "source" not in hours
    else:
        assert hours.get("source"), "a figure from the document needs its source sentence"


def test_expected_figures_from_the_product_brief() -> None:
    beginner, intermediate, practical = (load(n) for n in ("beginner", "intermediate", "practical"))
    assert len(beginner["phases"]) == 4
    assert len(intermediate["phases"]) == 5
    assert len(practical["phases"]) == 4
    assert beginner["hours_per_week"]["value"] == 17.5
    assert intermediate["hours_per_week"]["value"] == 15
    assert intermediate["hours_per_week"]["assumed"] is True
    assert practical["hours_per_week"]["value"] == 15
    assert not practical["hours_per_week"].get("assumed")
    assert beginner["duration"]["months"] == {"min": 8, "max": 12}
    assert intermediate["duration"]["months"] == {"min": 8, "max": 12}
    assert practical["duration"]["months"] == {"min": 6, "max": 12}


# ------------------------------------------------------------------ generic vs seed


@pytest.mark.parametrize("name", NAMES)
def test_texts_are_quoted_from_the_seed(name: str) -> None:
    rm, seed = load(name), seed_text(name)
    assert in_seed(rm["title"], seed) and seed.splitlines()[0].strip() == rm["title"]
    assert rm["source"]["document"] == SEED_OF[name]
    quoted: list[str] = []
    titles: list[str] = []
    for phase in rm["phases"]:
        quoted += [phase["title"], phase["summary"], phase["weeks"]["text"]]
        # a topic may take its name from the phase's prose, where it starts lower-case
        titles += [t["title"].lower() for t in phase.get("topics") or []]
        quoted += [t["details"] for t in phase.get("topics") or [] if "details" in t]
        quoted += [c["source"] for c in phase.get("choices") or []]
        quoted += [o["details"] for o in options(phase) if "details" in o]
        quoted += [r["title"] for r in phase.get("resources") or []]
        quoted += [r["note"] for r in phase.get("resources") or [] if "note" in r]
        quoted += list(phase.get("notes") or [])
        if phase.get("milestone"):
            assert phase["milestone"].get("description"), "milestone without the doc's text"
            quoted.append(phase["milestone"]["description"])
    quoted += list(rm.get("tips") or [])
    quoted += [qa["question"] for qa in rm.get("faq") or []]
    quoted += [qa["answer"] for qa in rm.get("faq") or []]
    quoted += [re.sub(r" \[[^\]]*\]", "", g) for g in rm.get("guidance") or []]
    quoted.append(rm["duration"]["text"])
    if rm["hours_per_week"].get("source"):
        quoted.append(rm["hours_per_week"]["source"])
    quoted += [ov["source"] for ov in rm.get("level_overrides") or []]
    quoted += [bg["source"] for bg in rm.get("backgrounds") or []]
    for cp in rm.get("career_paths") or []:
        quoted += [cp[k] for k in ("salary", "demand", "focus", "note") if k in cp]
        assert norm(cp["title"]).lower() in norm(seed).lower(), cp["title"]
    missing = [q for q in quoted if not in_seed(q, seed)]
    missing += [t for t in titles if not in_seed(t, seed.lower())]
    assert not missing, f"not found in the seed: {missing}"


# ---------------------------------------------------------- Edirae pages vs seed


def parse_edirae(text: str) -> dict[str, Any]:
    """Extract the figures of an Edirae roadmap page, independently of the YAML."""
    journey = between(text, "Your Learning Journey", "Career Paths")
    stage_re = re.compile(
        r"^(\d+)\n\n(.+)\n\n(Weeks (\d+)-(\d+))\n\n(.+)\n\n"
        r"Key Concepts to Learn\n\n(.+)\n\n"
        r"Recommended Resources\n\n((?:.*•.*\n)+)\n"
        r"Stage Milestone\n\n(.+)$",
        re.M,
    )
    stages = [
        {
            "number": int(m[1]),
            "title": m[2].strip(),
            "text": m[3],
            "weeks": int(m[5]) - int(m[4]) + 1,
            "summary": m[6].strip(),
            "concepts": m[7].strip(),
            "resources": bullets(m[8]),
            "milestone": m[9].strip(),
        }
        for m in stage_re.finditer(journey)
    ]
    careers = re.findall(
        r"^(.+)\n\nSalary Range(.+)\nMarket Demand(.+)$",
        between(text, "Career Paths", "Pro Tips for Success"),
        re.M,
    )
    faq = paragraphs(
        between(text, "Frequently Asked Questions", "Start Building Your Machine Learning Future")
    )
    return {
        "title": text.splitlines()[0].strip(),
        "tagline": paragraphs(text)[1],
        "duration": re.search(r"^(\d+)[-–](\d+) months$", text, re.M),
        "prerequisites": bullets(between(text, "Prerequisites", "Your Learning Journey")),
        "milestone_blocks": text.count("Stage Milestone"),
        "stages": stages,
        "careers": [tuple(s.strip() for s in c) for c in careers],
        "tips": paragraphs(between(text, "Pro Tips for Success", "Frequently Asked Questions")),
        "faq": faq,
    }


@pytest.mark.parametrize("name", EDIRAE)
def test_edirae_stages_match_seed(name: str) -> None:
    rm, doc = load(name), parse_edirae(seed_text(name))
    stages = doc["stages"]
    # the parser must see every stage the page has
    assert len(stages) == doc["milestone_blocks"] > 0
    assert len(rm["phases"]) == len(stages)
    for phase, stage in zip(rm["phases"], stages, strict=True):
        where = f"{name} stage {stage['number']}"
        assert phase["number"] == stage["number"], where
        assert phase["title"] == stage["title"], where
        assert phase["weeks"]["text"] == stage["text"], where
        assert phase["weeks"]["min"] == phase["weeks"]["max"] == stage["weeks"], where
        assert norm(phase["summary"]) == stage["summary"], where
        # the page runs the concepts together: rebuilding them from the topics,
        # in order, with details and "(Optional)", must give the same text
        # a topic that stands for a choice stands where the page lists its options
        chosen = {c["item"]: c["options"] for c in phase.get("choices") or []}
        shown = [o for t in phase["topics"] for o in chosen.get(t["id"], [t])]
        assert "".join(concept(t) for t in shown) == stage["concepts"], where
        assert [r["title"] for r in phase["resources"]] == stage["resources"], where
        assert norm(phase["milestone"]["description"]) == stage["milestone"], where
        assert phase["milestone"]["title"].strip(), where
        assert not phase.get("projects"), f"{where}: the page lists no projects"


@pytest.mark.parametrize("name", EDIRAE)
def test_edirae_front_matter_matches_seed(name: str) -> None:
    rm, doc = load(name), parse_edirae(seed_text(name))
    assert rm["title"] == doc["title"]
    assert norm(rm["summary"]).startswith(doc["tagline"])
    assert doc["duration"], "seed has no 'N-M months' line"
    assert rm["duration"]["text"] == doc["duration"][0]
    assert rm["duration"]["months"] == {
        "min": int(doc["duration"][1]),
        "max": int(doc["duration"][2]),
    }
    assert rm["prerequisites"] == doc["prerequisites"]
    assert [(c["title"], c["salary"], c["demand"]) for c in rm["career_paths"]] == doc["careers"]
    assert len(doc["careers"]) == 4
    assert [norm(t) for t in rm["tips"]] == doc["tips"]
    faq = doc["faq"]
    assert len(faq) % 2 == 0, "FAQ paragraphs do not pair up"
    pairs = list(zip(faq[0::2], faq[1::2], strict=True))
    assert all("?" in q for q, _ in pairs)
    assert [(norm(q["question"]), norm(q["answer"])) for q in rm["faq"]] == pairs


def test_beginner_hours_come_from_the_faq_range() -> None:
    rm, seed = load("beginner"), seed_text("beginner")
    found = re.findall(r"([^.?!\n]*\((\d+)-(\d+) hours/week\)\.)", seed)
    assert len(found) == 1, found
    sentence, lo, hi = found[0]
    hours = rm["hours_per_week"]
    assert (hours["min"], hours["max"]) == (int(lo), int(hi))
    assert Fraction(str(hours["value"])) == Fraction(int(lo) + int(hi), 2)
    assert hours["source"] == sentence.strip()
    assert not hours.get("assumed")


def test_intermediate_hours_are_assumed_from_the_beginner_page() -> None:
    rm, seed = load("intermediate"), seed_text("intermediate")
    assert not re.search(r"hours?\s*(/|per)\s*week", seed, re.I), "the seed now gives hours"
    hours = rm["hours_per_week"]
    assert hours["assumed"] is True
    assert "no weekly hours" in hours["note"]
    low = re.search(r"\((\d+)-\d+ hours/week\)", seed_text("beginner"))
    assert low and hours["value"] == int(low[1])
    assert "min" not in hours and "max" not in hours


# --------------------------------------------------------- practical page vs seed


def parse_practical(text: str) -> dict[str, Any]:
    heads = list(re.finditer(r"^Phase (\d+): (.+) \((Weeks (\d+)–(\d+))\)$", text, re.M))
    end = text.index("Top Courses for This Machine Learning Roadmap")
    phases = []
    for i, m in enumerate(heads):
        body = text[m.end() : heads[i + 1].start() if i + 1 < len(heads) else end]
        paras = paragraphs(body)
        phases.append(
            {
                "number": int(m[1]),
                "title": m[2],
                "text": m[3],
                "weeks": int(m[5]) - int(m[4]) + 1,
                "summary": paras[0],
                "topics": [tuple(b.split(": ", 1)) for b in bullets(body)],
                "after": [p for p in paras if "•" not in p][-1],
            }
        )
    courses_block = between(
        text, "Top Courses for This Machine Learning Roadmap", "How Long Does This Machine"
    )
    courses = re.findall(r"^(.+ Course)\n\n(.+\((\w+), ([\d.]+)\))$", courses_block, re.M)
    return {"phases": phases, "courses": courses}


def test_practical_phases_match_seed() -> None:
    rm, doc = load("practical"), parse_practical(seed_text("practical"))
    assert len(doc["phases"]) == 4
    assert len(rm["phases"]) == len(doc["phases"])
    for phase, src in zip(rm["phases"], doc["phases"], strict=True):
        where = f"practical phase {src['number']}"
        assert phase["number"] == src["number"], where
        assert phase["title"] == src["title"], where
        assert phase["weeks"]["text"] == src["text"], where
        assert phase["weeks"]["min"] == phase["weeks"]["max"] == src["weeks"], where
        assert norm(phase["summary"]) == src["summary"], where
        got = [(t["title"], norm(t["details"])) for t in phase["topics"]]
        # topics the phase's introduction names but its bullets do not (anomaly detection)
        named = [g for g in got if g not in src["topics"]]
        assert [g for g in got if g in src["topics"]] == src["topics"], where
        for title, details in named:
            assert details in src["summary"] and title.lower() in details.lower(), where
        assert not any(t.get("optional") for t in phase["topics"]), where


def _course_phase(note: str, courses: dict[str, int]) -> int:
    """Which phase a course's comment assigns it to."""
    m = re.search(r"after Phase (\d+) is complete", note)
    if m:
        return int(m[1]) + 1  # not before: it belongs to the phase that follows
    m = re.search(r"Phase (\d+)", note)
    if m:
        return int(m[1])
    m = re.search(r"Pairs well with the (\w+) course", note)
    assert m, f"no phase for course comment {note!r}"
    (number,) = {n for title, n in courses.items() if m[1].lower() in title.lower()}
    return number


def test_practical_courses_are_attached_where_the_seed_says() -> None:
    rm, doc = load("practical"), parse_practical(seed_text("practical"))
    assert len(doc["courses"]) == 6
    placed: dict[str, int] = {}
    by_title: dict[str, tuple[int, dict[str, Any]]] = {}
    for phase in rm["phases"]:
        for res in phase.get("resources") or []:
            if res.get("kind") == "course":
                assert res["title"] not in by_title, f"course listed twice: {res['title']}"
                by_title[res["title"]] = (phase["number"], res)
    assert sorted(by_title) == sorted(c[0] for c in doc["courses"])
    for title, note, provider, rating in doc["courses"]:
        expected = _course_phase(note, placed)
        placed[title] = expected
        number, res = by_title[title]
        assert number == expected, f"{title}: phase {number}, the seed says {expected}"
        assert res["by"] == provider
        assert norm(res["note"]) == note
        assert res["note"].rstrip().endswith(f"({provider}, {rating})")
        assert "url" not in res


def test_practical_linear_algebra_series_is_a_phase_1_resource() -> None:
    rm, seed = load("practical"), seed_text("practical")
    m = re.search(r"(\w+)'s \"([^\"]+)\" series is (still the best .+? on this topic)\.", seed)
    assert m
    phase1 = phase_no(rm, 1)
    (res,) = [r for r in phase1["resources"] if r["title"] == m[2]]
    assert res["by"] == m[1]
    assert res["note"] == m[3]
    assert res["topic"] in {t["id"] for t in phase1["topics"]}


def test_practical_hours_duration_and_override_match_seed() -> None:
    rm, seed = load("practical"), seed_text("practical")
    m = re.search(r"Someone spending (\d+) hours per week[^.]*\.", seed)
    assert m
    assert rm["hours_per_week"]["value"] == int(m[1])
    assert rm["hours_per_week"]["source"].strip() == m[0]
    assert not rm["hours_per_week"].get("assumed")

    m = re.search(r"The honest answer: ((\w+) to (\w+) months)", seed)
    assert m
    assert rm["duration"]["text"] == m[1]
    assert rm["duration"]["months"] == {"min": WORDS[m[2]], "max": WORDS[m[3]]}

    m = re.search(
        r"(A (software engineer with .+?) can move through Phases (\d+) and (\d+) "
        r"in roughly (\w+) weeks combined\.)",
        seed,
    )
    assert m
    # who the learner is: a background, not a level
    (bg,) = rm["backgrounds"]
    assert bg["id"] == "software-engineer"
    assert norm(bg["source"]) == m[1]
    assert bg["label"] == m[2][0].upper() + m[2][1:] and bg["ask"].endswith("?")
    assert bg["effects"] == [
        {"phases": [int(m[3]), int(m[4])], "action": "compress", "weeks": WORDS[m[5]]}
    ]

    # the level: "starting from Python basics ... the longer end" of the months
    m = re.search(
        r"(The honest answer: (\w+) to (\w+) months[^.]*\. Someone spending (\d+) hours per "
        r"week starting from Python basics is looking at the longer end\.)",
        seed,
    )
    assert m
    (ov,) = rm["level_overrides"]
    assert norm(ov["source"]) == m[1]
    assert ov["level"] == "beginner" and ov["action"] == "extend"
    assert ov["phases"] == [p["number"] for p in rm["phases"]]
    # the longer end, in weeks at 52/12 a month: twice the 26 weeks of the phases
    longer = Fraction(WORDS[m[3]] * 52, 12)
    assert ov["weeks"] == longer == 2 * TOTAL_WEEKS["practical"]
    assert rm["hours_per_week"]["value"] == int(m[4])
    # which phases take the longer time the document does not say
    assert ov["assumed"] is True and "proportion" in ov["note"] and ov["converted"]

    # "spend two to four weeks on Python basics first" is advice, not an override
    assert re.search(r"spend two to four weeks on Python basics first", seed)
    assert any("two to four weeks on Python basics" in g for g in rm["guidance"])


def test_practical_milestones_and_projects_come_from_the_seed() -> None:
    rm, seed = load("practical"), seed_text("practical")
    doc = parse_practical(seed)
    # Phase 2 ends with "By the end of Phase 2, ..."; phase 4 with its "You need enough" line.
    m = re.search(r"^By the end of Phase (\d+), .+$", seed, re.M)
    assert m
    assert norm(phase_no(rm, int(m[1]))["milestone"]["description"]) == m[0]
    # phase 4's closing line is advice, kept as a note rather than a milestone
    assert not phase_no(rm, 4).get("milestone")
    assert doc["phases"][3]["after"] in [norm(n) for n in phase_no(rm, 4)["notes"]]
    assert not phase_no(rm, 1).get("milestone")
    assert not phase_no(rm, 3).get("milestone")

    # the portfolio FAQ names one project per kind; each is attached to a phase
    m = re.search(r"were made: (.+?) — even", seed)
    assert m
    kinds = re.split(r", and |, ", m[1])
    projects = [p for phase in rm["phases"] for p in phase.get("projects") or []]
    assert len(projects) == len(kinds) == 3


def test_practical_audience_and_faq_match_seed() -> None:
    rm, seed = load("practical"), seed_text("practical")
    not_for = bullets(between(seed, "This roadmap is not designed for:", "If you want to work"))
    assert len(not_for) == 3
    assert [a for a in rm["audience"] if a.startswith("Not designed for: ")] == [
        f"Not designed for: {b}" for b in not_for
    ]
    faq = paragraphs(between(seed, "FAQ", "Bottom Line"))
    assert len(faq) % 2 == 0
    pairs = list(zip(faq[0::2], faq[1::2], strict=True))
    assert all(q.endswith("?") for q, _ in pairs)
    assert [(norm(q["question"]), norm(q["answer"])) for q in rm["faq"]] == pairs


# ------------------------------------------------------------- choices vs seed


def test_practical_specialization_is_a_choice_of_one() -> None:
    rm, seed = load("practical"), seed_text("practical")
    m = re.search(r"Specialization: ((.+?), or (.+?))\. (Pick one) and go deep\.", seed)
    assert m
    names = [*m[2].split(", "), m[3]]
    (choice,) = phase_no(rm, 3)["choices"]
    assert choice["item"] == "specialization" and choice["max"] == 1
    assert [o["title"].lower() for o in choice["options"]] == [n.lower() for n in names]
    assert norm(choice["source"]) in norm(seed)


def test_beginner_specializing_in_one_area_is_a_choice_of_one() -> None:
    rm, seed = load("beginner"), seed_text("beginner")
    m = re.search(r"specializing in (one) advanced area \(e\.g\., (\w+), (\w+)\)", seed)
    assert m
    p4 = phase_no(rm, 4)
    (choice,) = p4["choices"]
    assert choice["max"] == WORDS[m[1]]
    assert choice["item"] in {t["id"] for t in p4["topics"]}
    # the page's optional concepts for the two areas it names are the options
    titles = [o["title"] for o in choice["options"]]
    assert any("Computer Vision" in t for t in titles) and any("Reinforcement" in t for t in titles)
    assert all(o.get("optional") for o in choice["options"])


@pytest.mark.parametrize("name", ["beginner", "intermediate"])
def test_edirae_pages_have_no_backgrounds_and_name_their_publisher(name: str) -> None:
    rm, seed = load(name), seed_text(name)
    assert "Edirae" in seed and rm["source"]["publisher"] == "Edirae"
    assert not rm.get("backgrounds") and not rm.get("level_overrides")
    assert not re.search(r"software engineer|PhD in|non-STEM", seed, re.I)


# ------------------------------------------------- what `roadmaps show` prints of them


def shown(cli: Any, name: str, *args: str) -> str:
    result = cli("roadmaps", "show", name, *args, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def shown_phases(cli: Any, name: str) -> dict[int, str]:
    """The text of `roadmaps show NAME`, cut at each 'Phase N · ' heading, whitespace
    collapsed."""
    out = shown(cli, name)
    heads = list(re.finditer(r"^Phase (\d+) · ", out, re.M))
    return {
        int(m[1]): norm(out[m.start() : heads[i + 1].start() if i + 1 < len(heads) else None])
        for i, m in enumerate(heads)
    }


def words(text: str) -> str:
    """Lower-case words, brackets dropped: "A (b, c)" and "A\\n b, c" read the same."""
    return norm(re.sub(r"[()]", " ", text)).lower()


@pytest.mark.parametrize("name", EDIRAE)
def test_show_prints_each_stage_milestone_and_concept_as_the_page_does(cli: Any, name: str) -> None:
    # the short milestone titles are mlpath's; the page's milestone text and the
    # parenthesised parts of its concepts ("CUDA basics") were printed nowhere
    rm, doc = load(name), parse_edirae(seed_text(name))
    sections = shown_phases(cli, name)
    assert sorted(sections) == [s["number"] for s in doc["stages"]]
    for stage, phase in zip(doc["stages"], rm["phases"], strict=True):
        text = sections[stage["number"]]
        assert stage["milestone"] in text, f"{name} stage {stage['number']}: milestone text"
        shown_items = list(phase["topics"]) + options(phase)
        # every concept of the page is a topic or an idea (test_edirae_stages_match_seed)
        unmarked = words(text.replace(" (optional)", ""))  # the mark is checked below
        for t in shown_items:
            assert words(f"{t['title']} {t.get('details') or ''}") in unmarked, t["id"]
        for o in options(phase):
            if o.get("optional"):
                line = re.search(rf"– {o['id']} .*", text)
                assert line and "(optional)" in line[0], o["id"]


def test_show_prints_the_practical_bullets_and_course_comments(cli: Any) -> None:
    # the document's text under each bullet ("NumPy, Pandas, Matplotlib. ...") and its
    # comment on each course ("Best taken after Phase 2 is complete, not before.")
    doc = parse_practical(seed_text("practical"))
    sections = shown_phases(cli, "practical")
    for src in doc["phases"]:
        text = sections[src["number"]]
        for title, body in src["topics"]:
            assert norm(f"{title} {body}") in text, f"phase {src['number']}: {title}"
    out = norm(shown(cli, "practical"))
    for title, note, _provider, _rating in doc["courses"]:
        assert norm(note) in out, title
    assert "still the best six hours you can spend on this topic" in out


def test_show_json_keeps_the_beginner_ideas_optional(cli: Any) -> None:
    # the page marks both areas "(Optional)"; --json dropped the mark of an idea
    seed = seed_text("beginner")
    marked = re.findall(r"(Reinforcement Learning Fundamentals|Advanced Computer Vision)"
                        r"(?: \([^)]*\))? \(Optional\)", seed)  # fmt: skip
    assert sorted(marked) == ["Advanced Computer Vision", "Reinforcement Learning Fundamentals"]
    data = json.loads(shown(cli, "beginner", "--json"))
    (choice,) = phase_no(data, 4)["choices"]
    assert {o["title"]: o["optional"] for o in choice["options"]} == dict.fromkeys(marked, True)
