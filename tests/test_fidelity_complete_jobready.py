"""Fidelity of the `complete` and `job-ready` roadmaps to their source documents.

Two kinds of checks:

* structural checks on the YAML alone (ids, known fields, references), which
  run everywhere;
* comparisons with the seed documents, whose figures are extracted here
  independently with regular expressions (phase headers, week spans, the
  timeline's hours, milestone lines, tables, FAQ). They are skipped when the
  seeds are not next to the checkout.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from seeds import SEEDS, missing

ROADMAPS = Path(__file__).parent.parent / "data" / "roadmaps"
SEED_FILES = {
    "complete": "003_a1f62e1f066ee2f2.txt",
    "job-ready": "002_ac044bb731e596cf.txt",
}
ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
WEEKS_PER_MONTH = Fraction(52, 12)


# --------------------------------------------------------------------------
# helpers


def load(rid: str) -> dict:
    return yaml.safe_load((ROADMAPS / f"{rid}.yaml").read_text(encoding="utf-8"))


def seed(rid: str) -> str:
    path = SEEDS / SEED_FILES[rid]
    if not path.is_file():
        pytest.skip(missing(path))
    return path.read_text(encoding="utf-8")


def norm(text: str) -> str:
    """Collapse whitespace (YAML folding turns line breaks into spaces)."""
    return " ".join(str(text).split())


def round_half_up(x: Fraction) -> int:
    return int((x + Fraction(1, 2)) // 1)


def span_to_weeks(span: str) -> tuple[int, int] | None:
    """'6–8 weeks' → (6, 8); '2–3 months' → (9, 13); 'Ongoing' → None."""
    if span.lower() == "ongoing":
        return None
    m = re.fullmatch(r"(\d+)\s*[–-]\s*(\d+) (weeks|months)", span)
    assert m, f"unexpected span {span!r} in the seed"
    lo, hi = int(m.group(1)), int(m.group(2))
    if m.group(3) == "months":
        return round_half_up(lo * WEEKS_PER_MONTH), round_half_up(hi * WEEKS_PER_MONTH)
    return lo, hi


def sections(text: str, header_re: str) -> dict[int, str]:
    """Split the seed at its numbered headers: number → text up to the next one."""
    matches = list(re.finditer(header_re, text, re.M))
    out = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        out[int(m.group(1))] = text[m.end() : end]
    return out


def between(text: str, start: str, end: str | None) -> str:
    i = text.index(start) + len(start)
    j = text.index(end, i) if end else len(text)
    return text[i:j]


def table_rows(block: str) -> list[list[str]]:
    """Rows of the first markdown table in block, header and separator dropped."""
    rows = []
    for line in block.splitlines():
        if not line.startswith("|"):
            if rows:
                break
            continue
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return [r for r in rows[1:] if not all(set(c) <= set("-: ") for c in r)]


def bullets(block: str) -> list[str]:
    return [line[2:].strip() for line in block.splitlines() if line.startswith("- ")]


def all_items(rm: dict):
    """(phase, kind, item) for every id-carrying thing in the roadmap."""
    for ph in rm["phases"]:
        yield ph, "phase", ph
        for kind in ("topics", "projects"):
            for item in ph.get(kind) or ():
                yield ph, kind, item
        for choice in ph.get("choices") or ():
            for option in choice["options"]:
                yield ph, "option", option
        if ph.get("milestone"):
            yield ph, "milestone", ph["milestone"]


def phase(rm: dict, number: int) -> dict:
    (ph,) = [p for p in rm["phases"] if p["number"] == number]
    return ph


# Field names from data/roadmaps/README.md, written out again here so that a
# typo in a roadmap fails even before the loader exists.
WEEKS_KEYS = {"min", "max", "text", "converted", "assumed", "note"}
HOURS_KEYS = {"value", "min", "max", "assumed", "source", "note"}
ITEM_KEYS = {"id", "title", "details", "weeks", "optional"}
RESOURCE_KEYS = {"title", "kind", "by", "url", "note", "topic", "general"}
CHOICE_KEYS = {"id", "title", "item", "source", "max", "options"}
BACKGROUND_KEYS = {"id", "label", "source", "ask", "effects"}
EFFECT_KEYS = {"phases", "action", "weeks", "factor", "assumed", "note"}
RESOURCE_KINDS = {
    "course",
    "book",
    "video",
    "site",
    "docs",
    "paper",
    "tool",
    "platform",
    "community",
    "other",
}
PHASE_KEYS = {
    "number",
    "id",
    "title",
    "weeks",
    "ongoing",
    "hours_per_week",
    "summary",
    "topics",
    "resources",
    "projects",
    "milestone",
    "notes",
    "self_check",
    "choices",
}
TOP_KEYS = {
    "balance",  # how the document says to study (test_fidelity_method.py)
    "projects",
    "habits",
    "schema",
    "id",
    "title",
    "source",
    "summary",
    "audience",
    "prerequisites",
    "duration",
    "hours_per_week",
    "phases",
    "level_overrides",
    "backgrounds",
    "career_paths",
    "tips",
    "faq",
    "guidance",
}
OVERRIDE_KEYS = {
    "level",
    "audience",
    "phases",
    "action",
    "weeks",
    "factor",
    "converted",
    "assumed",
    "note",
    "source",
}

BOTH = pytest.mark.parametrize("rid", ["complete", "job-ready"])


# --------------------------------------------------------------------------
# structure (YAML only)


@BOTH
def test_file_starts_with_schema_and_matches_its_name(rid):
    text = (ROADMAPS / f"{rid}.yaml").read_text(encoding="utf-8")
    assert text.startswith("schema: 1\n")
    rm = load(rid)
    assert rm["schema"] == 1
    assert rm["id"] == rid


@BOTH
def test_only_fields_the_schema_knows(rid):
    rm = load(rid)
    assert set(rm) <= TOP_KEYS, set(rm) - TOP_KEYS
    assert {
        "schema",
        "id",
        "title",
        "source",
        "summary",
        "duration",
        "hours_per_week",
        "phases",
    } <= set(rm)
    assert set(rm["source"]) <= {"document", "publisher", "note"}
    assert set(rm["duration"]) <= {"text", "months", "weeks"}
    assert set(rm["hours_per_week"]) <= HOURS_KEYS
    for ph in rm["phases"]:
        assert set(ph) <= PHASE_KEYS, (ph["id"], set(ph) - PHASE_KEYS)
        assert {"number", "id", "title", "weeks", "summary"} <= set(ph)
        assert set(ph["weeks"]) <= WEEKS_KEYS
        assert set(ph.get("hours_per_week") or {}) <= HOURS_KEYS
        for kind in ("topics", "projects"):
            for item in ph.get(kind) or ():
                assert set(item) <= ITEM_KEYS, (item["id"], set(item) - ITEM_KEYS)
                assert set(item.get("weeks") or {}) <= WEEKS_KEYS
        for res in ph.get("resources") or ():
            assert set(res) <= RESOURCE_KEYS, (res["title"], set(res) - RESOURCE_KEYS)
            assert res.get("kind", "other") in RESOURCE_KINDS
        if ph.get("milestone"):
            assert set(ph["milestone"]) <= {"id", "title", "description"}
        assert all(isinstance(n, str) for n in ph.get("notes") or ())
        for c in ph.get("choices") or ():
            assert set(c) <= CHOICE_KEYS
            for o in c["options"]:
                assert set(o) <= ITEM_KEYS
    for b in rm.get("backgrounds") or ():
        assert set(b) <= BACKGROUND_KEYS
        for e in b["effects"]:
            assert set(e) <= EFFECT_KEYS
    for o in rm.get("level_overrides") or ():
        assert set(o) <= OVERRIDE_KEYS
    for cp in rm.get("career_paths") or ():
        assert set(cp) <= {"title", "focus", "path", "salary", "demand", "note"}
    for qa in rm.get("faq") or ():
        assert {"question", "answer"} <= set(qa) <= {"question", "answer", "editorial"}


@BOTH
def test_ids_are_kebab_case_short_and_unique(rid):
    rm = load(rid)
    seen: dict[str, str] = {}
    for ph, kind, item in all_items(rm):
        ident = item["id"]
        assert ID_RE.fullmatch(ident), ident
        assert len(ident) <= 60, ident
        assert ident not in seen, f"{ident} used by {seen[ident]} and {kind} in {ph['id']}"
        seen[ident] = f"{kind} in {ph['id']}"


@BOTH
def test_phases_are_ordered_and_carry_effort(rid):
    rm = load(rid)
    numbers = [ph["number"] for ph in rm["phases"]]
    assert numbers == sorted(set(numbers))
    for ph in rm["phases"]:
        assert ph.get("topics") or ph.get("projects"), ph["id"]
        assert 0 < ph["weeks"]["min"] <= ph["weeks"]["max"]


@BOTH
def test_resources_point_at_their_phase_topics_and_titles_are_not_repeated(rid):
    rm = load(rid)
    for ph in rm["phases"]:
        topic_ids = {t["id"] for t in ph.get("topics") or ()}
        topic_ids |= {o["id"] for c in ph.get("choices") or () for o in c["options"]}
        titles = [r["title"] for r in ph.get("resources") or ()]
        assert len(titles) == len(set(titles)), (ph["id"], titles)
        for res in ph.get("resources") or ():
            if "topic" in res:
                assert res["topic"] in topic_ids, (ph["id"], res)


@BOTH
def test_assumed_figures_say_why(rid):
    rm = load(rid)
    blocks = (
        [rm["hours_per_week"]]
        + [b for ph in rm["phases"] for b in (ph["weeks"], ph.get("hours_per_week")) if b]
        + list(rm.get("level_overrides") or ())
        + [e for b in rm.get("backgrounds") or () for e in b["effects"]]
    )
    for b in blocks:
        if b.get("assumed"):
            assert b.get("note"), b
    for ph in rm["phases"]:
        if ph.get("ongoing"):
            assert ph["weeks"].get("assumed") is True and ph["weeks"].get("note"), ph["id"]


@BOTH
def test_hour_ranges_use_their_midpoint(rid):
    rm = load(rid)
    for b in [rm["hours_per_week"]] + [ph.get("hours_per_week") for ph in rm["phases"]]:
        if b and "min" in b and "max" in b:
            assert Fraction(str(b["value"])) == (Fraction(b["min"]) + Fraction(b["max"])) / 2


# --------------------------------------------------------------------------
# both documents


@BOTH
def test_title_and_summary_are_the_documents(rid):
    text, rm = seed(rid), load(rid)
    assert rm["title"] == text.splitlines()[0].strip()
    assert norm(rm["summary"]) in norm(text)
    for ph in rm["phases"]:
        assert norm(ph["summary"]) in norm(text), ph["id"]


@BOTH
def test_resource_titles_and_urls_come_from_the_document(rid):
    text, rm = seed(rid), load(rid)
    for ph in rm["phases"]:
        for res in ph.get("resources") or ():
            assert res["title"] in text, (ph["id"], res["title"])
            if "url" in res:
                assert res["url"] in text, res["url"]


@BOTH
def test_a_site_the_document_names_by_its_address_has_it_as_its_url(rid):
    # complete's resource list names "Distill.pub" as its Phase 7 names "dev.to": the
    # address is the document's own either way, so both carry it (a course named after
    # its provider, "Fast.ai", is a course, not an address)
    text, rm = seed(rid), load(rid)
    domain = re.compile(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
    named = []
    for ph in rm["phases"]:
        for res in ph.get("resources") or ():
            if domain.fullmatch(res["title"]) and res.get("kind") != "course":
                assert res["title"] in text
                named.append(res["title"])
                assert res.get("url") == res["title"], (ph["id"], res["title"])
    if rid == "complete":
        assert {"Distill.pub", "dev.to", "promptingguide.ai"} <= set(named)


@BOTH
def test_every_quoted_source_is_verbatim(rid):
    # a `source` (hours, background, choice, override, method) or a self-check's
    # `basis` says "the document's sentence": it must be in the document word for
    # word, whitespace aside (two table rows quoted together keep the `|` between them)
    text, rm = norm(seed(rid)), load(rid)
    found = []

    def walk(value, where):
        if isinstance(value, dict):
            for k, v in value.items():
                if k in ("source", "basis", "also") and isinstance(v, str):
                    found.append(where)
                    assert norm(v) in text, f"{where}.{k} is not the document's: {v!r}"
                else:
                    walk(v, f"{where}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{where}[{i}]")

    walk(rm, rid)
    assert len(found) > 10


# --------------------------------------------------------------------------
# complete (003)

PHASE_HEADER = r"^Phase (\d+): (.+) \(([^)]+)\)$"


def test_complete_phases_match_the_headers():
    text, rm = seed("complete"), load("complete")
    headers = re.findall(PHASE_HEADER, text, re.M)
    assert [int(n) for n, _, _ in headers] == list(range(8))
    assert [ph["number"] for ph in rm["phases"]] == [int(n) for n, _, _ in headers]
    for (_n, title, span), ph in zip(headers, rm["phases"], strict=True):
        assert ph["title"] == title
        weeks = span_to_weeks(span)
        if weeks is None:
            assert ph.get("ongoing") is True
            assert ph["weeks"]["assumed"] is True
            assert ph["weeks"]["text"] == span
        else:
            assert (ph["weeks"]["min"], ph["weeks"]["max"]) == weeks, title
            assert ph["weeks"]["text"] == span
            assert not ph.get("ongoing")
            assert not ph["weeks"].get("assumed")
            if "months" in span:
                assert ph["weeks"]["converted"] == (
                    f"{span} at 52/12 weeks per month, rounded: {weeks[0]}–{weeks[1]} weeks"
                )


def test_complete_ongoing_phase_weeks_follow_the_timeline_row():
    text, rm = seed("complete"), load("complete")
    m = re.search(r"^\| Months (\d+)–(\d+)\+ \| Phase 7:", text, re.M)
    months = int(m.group(2)) - int(m.group(1))
    expected = round_half_up(months * WEEKS_PER_MONTH)
    p7 = phase(rm, 7)
    assert (p7["weeks"]["min"], p7["weeks"]["max"]) == (expected, expected)
    assert "Months 15–18+" in p7["weeks"]["note"]


def timeline(text: str) -> dict[int, list[tuple[int, str]]]:
    """Phase number → [(hours, row text)] from the 'Timeline & Realistic Pace' table."""
    block = between(text, "Timeline & Realistic Pace", "Total commitment")
    out: dict[int, list[tuple[int, str]]] = {}
    row_re = re.compile(r"^\| (Months .+?) \|$", re.M)
    for row in row_re.findall(block):
        m = re.match(r"Months [^|]+ \| Phase (\d+)(?:–(\d+))?: [^|]+ \| (\d+) hrs/week", row)
        assert m, row
        lo = int(m.group(1))
        hi = int(m.group(2) or lo)
        for n in range(lo, hi + 1):
            out.setdefault(n, []).append((int(m.group(3)), row))
    return out


def test_complete_phase_hours_follow_the_timeline_table():
    text, rm = seed("complete"), load("complete")
    table = timeline(text)
    assert sorted(table) == list(range(8))
    for ph in rm["phases"]:
        rows = table[ph["number"]]
        hours = [h for h, _ in rows]
        hp = ph["hours_per_week"]
        assert Fraction(str(hp["value"])) == Fraction(sum(hours), len(hours)), ph["id"]
        if len(set(hours)) > 1:
            assert (hp["min"], hp["max"]) == (min(hours), max(hours))
            assert hp.get("note"), "a value derived from two rows must say so"
        else:
            assert "min" not in hp and "max" not in hp
        for _, row in rows:
            assert norm(row) in norm(hp["source"]), (ph["id"], row)
        assert not hp.get("assumed")
    assert "20 hrs/week (ongoing)" in phase(rm, 7)["hours_per_week"]["source"]


def test_complete_total_duration_and_hours():
    text, rm = seed("complete"), load("complete")
    m = re.search(r"Total commitment: ~(\d+)–(\d+) months at (\d+)–(\d+) hours/week[^.]*\.", text)
    mo_lo, mo_hi, h_lo, h_hi = map(int, m.groups())
    assert rm["duration"]["months"] == {"min": mo_lo, "max": mo_hi}
    assert rm["duration"]["text"] == f"{mo_lo}–{mo_hi} months"
    hp = rm["hours_per_week"]
    assert (hp["min"], hp["max"]) == (h_lo, h_hi)
    assert Fraction(str(hp["value"])) == Fraction(h_lo + h_hi, 2)
    assert norm(hp["source"]) == norm(m.group(0))
    assert not hp.get("assumed")


def test_complete_phase1_topics_and_their_resources():
    text, rm = seed("complete"), load("complete")
    p1_text = sections(text, PHASE_HEADER)[1]
    heads = list(re.finditer(r"^(.+) \((\d+)–(\d+) weeks\)$", p1_text, re.M))
    assert len(heads) == 3
    p1 = phase(rm, 1)
    topics = {t["title"]: t for t in p1["topics"]}
    assert list(topics) == [h.group(1) for h in heads]
    for i, h in enumerate(heads):
        t = topics[h.group(1)]
        lo, hi = int(h.group(2)), int(h.group(3))
        assert t["weeks"] == {"min": lo, "max": hi, "text": f"{lo}–{hi} weeks"}
        body = p1_text[h.end() : heads[i + 1].start() if i + 1 < len(heads) else None]
        need = re.search(r"^What you need: .+$", body, re.M).group(0)
        assert norm(t["details"]).startswith(need)
        res_titles = [b.split(" — ")[0] for b in bullets(body)]
        assert res_titles
        mine = [r["title"] for r in p1["resources"] if r.get("topic") == t["id"]]
        assert mine == res_titles, t["id"]


def test_complete_topics_come_from_their_phase_section():
    text, rm = seed("complete"), load("complete")
    secs = sections(text, PHASE_HEADER)
    for ph in rm["phases"]:
        for t in ph.get("topics") or ():
            assert t["title"] in secs[ph["number"]], (ph["number"], t["title"])


def test_complete_exercises_are_projects():
    text, rm = seed("complete"), load("complete")
    secs = sections(text, PHASE_HEADER)
    found = 0
    for n, body in secs.items():
        details = " ".join(norm(p.get("details", "")) for p in phase(rm, n).get("projects") or ())
        for m in re.finditer(r"^(?:Assessment|Exercise): (.+)$", body, re.M):
            assert norm(m.group(1)) in details, (n, m.group(1))
            found += 1
        for m in re.finditer(r"^(Build a transformer from scratch\.)", body, re.M):
            assert m.group(1) in details
            found += 1
    assert found == 3
    assert "Write a program that reads a CSV file" in next(
        p["details"] for p in phase(rm, 0)["projects"] if p["id"] == "csv-stats-assessment"
    )


def test_complete_project_ideas_are_ideas_to_choose_not_required_projects():
    text, rm = seed("complete"), load("complete")
    rows = table_rows(between(text, "Project Ideas by Domain", "Publishing & Recognition"))
    publishing = bullets(between(text, "Publishing & Recognition", "Career Pathways"))
    assert len(rows) == 5 and len(publishing) == 4
    p7 = phase(rm, 7)
    # one stand-in project: no count of projects the document does not give
    (stand_in,) = p7["projects"]
    (choice,) = p7["choices"]
    assert choice["item"] == stand_in["id"] and "max" not in choice
    options = choice["options"]
    assert len(options) == len(rows) + len(publishing)
    for (domain, ideas), o in zip(rows, options, strict=False):
        assert o["title"].startswith(domain)
        assert norm(o["details"]) == f"Project ideas: {ideas}."
        assert domain in stand_in["details"]
    for line, o in zip(publishing, options[len(rows) :], strict=True):
        name, _, what = line.partition(": ")
        assert o["title"] == name and name in norm(stand_in["details"])
        assert norm(o["details"]).startswith(what.split(" — ")[0])
    assert norm(choice["source"]) in norm(text)


def test_complete_specialisation_tracks_are_a_choice_with_their_courses():
    text, rm = seed("complete"), load("complete")
    rows = table_rows(between(text, "Specialisation Tracks", "Phase 6:"))
    assert len(rows) == 4
    p5 = phase(rm, 5)
    (choice,) = p5["choices"]
    assert choice["item"] in {t["id"] for t in p5["topics"]}
    assert "max" not in choice
    for (track, topics, courses), o in zip(rows, choice["options"], strict=True):
        assert o["title"] == track and norm(o["details"]) == topics
        # every best course of the track is the pick's own resource (`next` shows a
        # pick's own), "HF NLP Course" too, though the phase names it in full above
        mine = [r["title"] for r in p5["resources"] if r.get("topic") == o["id"]]
        assert ", ".join(mine) == courses, track


def test_complete_kaggle_practice_is_a_project():
    text, rm = seed("complete"), load("complete")
    m = re.search(r"(Complete Kaggle competitions and datasets — [^.]+)\.", text)
    assert m
    assert any(m[1] in norm(p["details"]) for p in phase(rm, 3)["projects"])


def test_complete_timeline_projects_are_projects_of_their_phase():
    # the timeline's Focus column tells each phase what to build ("Build deep
    # learning projects."): that work is a project of the phase, so it carries
    # practice time like the document's other projects
    text, rm = seed("complete"), load("complete")
    builds = {}
    for n, rows in timeline(text).items():
        for _, row in rows:
            for m in re.finditer(r"Build ([^.|]+ projects)\.", row):
                builds.setdefault(n, []).append(m[1])
    assert builds == {4: ["deep learning projects"], 6: ["full-stack ML projects"]}
    for n, what in builds.items():
        details = " ".join(norm(p.get("details", "")) for p in phase(rm, n).get("projects") or ())
        for w in what:
            assert f"Build {w}." in details, (n, w)


def test_complete_general_list_resources_are_labelled():
    text, rm = seed("complete"), load("complete")
    secs = sections(text, PHASE_HEADER)
    listed = between(text, "Comprehensive Resource List", "Conclusion")
    for ph in rm["phases"]:
        for r in ph.get("resources") or ():
            short = re.split(r" \(", r["title"])[0]
            # named in the phase's text on its own, not only as the prefix of another
            # resource there ("MIT OpenCourseWare: Linear Algebra (18.06)")
            prefix_of = [o for o in ph["resources"] if o["title"].startswith(short + ":")]
            body = secs[ph["number"]].split("Career Pathways")[0]  # Phase 7 runs on
            # the phase's row of the timeline table names resources too
            body += "".join(
                ln
                for ln in text.splitlines()
                if ln.startswith("|") and f"Phase {ph['number']}:" in ln
            )
            in_phase = short in body and not prefix_of
            if r.get("general"):
                assert short in listed and not in_phase, (ph["number"], r["title"])
            else:
                assert in_phase, (ph["number"], r["title"])


def test_complete_has_no_invented_milestones():
    text, rm = seed("complete"), load("complete")
    assert not re.search(r"^Milestone:", text, re.M)
    assert all(not ph.get("milestone") for ph in rm["phases"])


def test_complete_backgrounds_are_the_documents_sentences():
    text, rm = seed("complete"), load("complete")
    assert not rm.get("level_overrides"), "the document ties nothing to a level"
    bg = {b["id"]: b for b in rm["backgrounds"]}
    assert list(bg) == ["software-engineer", "math-phd", "non-stem"]
    for b in bg.values():
        assert b["ask"].endswith("?") and b["label"]

    m = re.search(r"[^.]*experienced software engineers may compress Phases (\d+)–(\d+)\.", text)
    assert m
    (e,) = bg["software-engineer"]["effects"]
    assert norm(bg["software-engineer"]["source"]) == norm(m.group(0))
    assert e["phases"] == list(range(int(m[1]), int(m[2]) + 1))
    # the sentence has no figure, so the factor must be marked as assumed
    assert e["action"] == "compress" and 0 < e["factor"] < 1
    assert e["assumed"] is True and e["note"] and "weeks" not in e

    m = re.search(r"PhDs in mathematics may skip Phase (\d+)\.", text)
    assert m and norm(bg["math-phd"]["source"]).startswith(m[0])
    assert bg["math-phd"]["effects"] == [{"phases": [int(m[1])], "action": "skip"}]

    m = re.search(
        r"A non-STEM background [^.]+\. Allocate an additional (\w+) to (\w+) weeks on "
        r"Phase (\d+) and Phase (\d+)[^.]+\.",
        text,
    )
    assert m
    WORDS = {"four": 4, "six": 6}
    assert norm(bg["non-stem"]["source"]) == m[0]
    (e,) = bg["non-stem"]["effects"]
    assert e["phases"] == [int(m[3]), int(m[4])] and e["action"] == "add"
    assert (e["weeks"]["min"], e["weeks"]["max"]) == (WORDS[m[1]], WORDS[m[2]])
    # which figure inside the range, and how it is split, the document does not say
    assert e["assumed"] is True and "level" in e["note"] and "proportion" in e["note"]


def test_complete_tips_are_the_learning_tips():
    text, rm = seed("complete"), load("complete")
    tips = [
        b.removeprefix("✓").strip() for b in bullets(between(text, "Learning Tips", "Frequently"))
    ]
    assert len(tips) == 7
    assert rm["tips"] == tips


def test_complete_faq_answers_are_verbatim():
    text, rm = seed("complete"), load("complete")
    answers = bullets(between(text, "Frequently Asked Questions", "Comprehensive Resource List"))
    assert len(answers) == 11
    assert [norm(q["answer"]) for q in rm["faq"]] == answers
    assert all(q["question"].endswith("?") for q in rm["faq"])
    # the document lists answers only: every question is mlpath's, and says so
    assert not any(a.endswith("?") for a in answers)
    assert all(q.get("editorial") is True for q in rm["faq"])


def test_complete_career_paths_are_the_table():
    text, rm = seed("complete"), load("complete")
    rows = table_rows(between(text, "Career Pathways", "Timeline & Realistic Pace"))
    assert len(rows) == 4
    assert [[c["title"], c["focus"], c["path"]] for c in rm["career_paths"]] == rows


def test_complete_resource_list_is_kept():
    text, rm = seed("complete"), load("complete")
    listed = between(text, "Comprehensive Resource List", "Conclusion")
    names = [r[0] for r in table_rows(between(listed, "Recommended Books", "Key Websites"))]
    names += [r[0] for r in table_rows(between(listed, "Key Websites", None))]
    assert len(names) == 15
    have = [norm(r["title"]) for ph in rm["phases"] for r in ph.get("resources") or ()]
    for name in names:
        short = re.split(r" — | \(", name)[0]
        assert any(short in h for h in have), name
    chip = [r for r in phase(rm, 6)["resources"] if r.get("by", "").startswith("Chip Huyen")]
    strang = [
        r for r in phase(rm, 1)["resources"] if r["title"] == "Introduction to Linear Algebra"
    ]
    assert chip and strang


# --------------------------------------------------------------------------
# job-ready (002)

STAGE_HEADER = r"^Stage (\d+): (.+) \(([^)]+)\)$"


def test_jobready_stages_match_the_headers():
    text, rm = seed("job-ready"), load("job-ready")
    headers = re.findall(STAGE_HEADER, text, re.M)
    assert [int(n) for n, _, _ in headers] == list(range(1, 7))
    assert [ph["number"] for ph in rm["phases"]] == [int(n) for n, _, _ in headers]
    for (_n, title, span), ph in zip(headers, rm["phases"], strict=True):
        assert ph["title"] == title
        weeks = span_to_weeks(span)
        if weeks is None:
            assert ph.get("ongoing") is True and ph["weeks"]["assumed"] is True
        else:
            assert (ph["weeks"]["min"], ph["weeks"]["max"]) == weeks
            assert ph["weeks"]["text"] == span
            assert not ph.get("ongoing") and not ph["weeks"].get("assumed")


def test_jobready_duration_is_the_sum_of_the_stages():
    text, rm = seed("job-ready"), load("job-ready")
    spans = [span_to_weeks(s) for _, _, s in re.findall(STAGE_HEADER, text, re.M)]
    fixed = [s for s in spans if s]
    assert rm["duration"]["weeks"] == {
        "min": sum(lo for lo, _ in fixed),
        "max": sum(hi for _, hi in fixed),
    }
    assert "months" not in rm["duration"]
    assert (
        f"{sum(lo for lo, _ in fixed)}–{sum(hi for _, hi in fixed)} weeks" in rm["duration"]["text"]
    )


def test_jobready_hours_are_assumed_because_the_document_has_none():
    text, rm = seed("job-ready"), load("job-ready")
    assert not re.search(r"(hours?|hrs?)\s*(/|per|a)\s*week", text, re.I)
    hp = rm["hours_per_week"]
    assert hp["assumed"] is True and hp["note"] and hp["value"] > 0
    assert all("hours_per_week" not in ph for ph in rm["phases"])
    # the reason: the sibling documents' own figures, read from them here
    SIB = SEEDS
    beginner = (SIB / "001_b44ec498a593bf0f.txt").read_text(encoding="utf-8")
    practical = (SIB / "004_7705888a3d816aa3.txt").read_text(encoding="utf-8")
    b = re.search(r"\((\d+)-(\d+) hours/week\)", beginner)
    p = re.search(r"Someone spending (\d+) hours per week", practical)
    c = re.search(r"at (\d+)–(\d+) hours/week", text if False else seed("complete"))
    assert b and p and c
    note = norm(hp["note"])
    assert f"{b[1]}–{b[2]} h/week" in note and f"about {p[1]} h/week" in note
    assert f"{c[1]}–{c[2]} h/week" in note
    # the figure the two shorter paths share
    assert hp["value"] == int(b[1]) == int(p[1])


def test_jobready_milestones_are_the_milestone_lines():
    text, rm = seed("job-ready"), load("job-ready")
    secs = sections(text, STAGE_HEADER)
    with_milestone = []
    for n, body in secs.items():
        lines = re.findall(r"^Milestone: (.+)$", body, re.M)
        ms = phase(rm, n).get("milestone")
        if lines:
            (line,) = lines
            assert ms and norm(ms["description"]) == line.strip(), n
            assert ms["title"] and len(ms["title"]) < len(line)
            with_milestone.append(n)
        else:
            assert not ms, f"stage {n} has no milestone in the document"
    assert with_milestone == [1, 2, 3, 5]


def test_jobready_project_lines_are_projects():
    text, rm = seed("job-ready"), load("job-ready")
    secs = sections(text, STAGE_HEADER)
    for n, body in secs.items():
        for line in re.findall(r"^Project: (.+)$", body, re.M):
            projects = phase(rm, n)["projects"]
            assert " ".join(norm(p["details"]) for p in projects) == line.strip(), n
    numbered = re.findall(r"^Project (\d): (.+)$", secs[6], re.M)
    p6 = phase(rm, 6)["projects"]
    assert len(numbered) == len(p6) == 3
    for (_i, line), p in zip(numbered, p6, strict=True):
        assert f"{p['title']} {norm(p['details'])}" == line.strip()


def test_jobready_stage_bullets_become_topics_or_resources():
    text, rm = seed("job-ready"), load("job-ready")
    secs = sections(text, STAGE_HEADER)
    checked = 0
    for n, body in secs.items():
        ph = phase(rm, n)
        topics = ph.get("topics") or []
        resources = {r["title"]: r for r in ph.get("resources") or ()}
        free = body.split("Free resources:")
        for b in bullets(free[0]):
            title, _, why = b.partition(" — ")
            if why:
                (t,) = [t for t in topics if t["title"] == title]
                assert norm(t["details"]).endswith(why), (n, title)
            else:
                assert any(
                    t["title"] == b or b.lower() in norm(t.get("details", "")).lower()
                    for t in topics
                ), (n, b)
            checked += 1
        for part in free[1:]:
            for b in bullets(part.split("\n\n")[0].split("Project")[0].split("Milestone")[0]):
                title, _, note = b.partition(" — ")
                assert title in resources, (n, title)
                if note:
                    assert resources[title]["note"] == note
                checked += 1
    assert checked > 30


def test_jobready_tables_become_topics():
    text, rm = seed("job-ready"), load("job-ready")
    math = table_rows(between(text, "Math You Need (Intuitively)", "Free resources"))
    p1 = phase(rm, 1)
    assert len(math) == 4
    for concept, why, resource in math:
        (t,) = [t for t in p1["topics"] if t["title"] == concept]
        assert t["details"] == why
        (r,) = [r for r in p1["resources"] if r["title"] == resource]
        assert r["topic"] == t["id"]
    archs = table_rows(between(text, "Key Architectures", "Learning the Transformer"))
    p3 = phase(rm, 3)
    assert len(archs) == 4
    for arch, best in archs:
        (t,) = [t for t in p3["topics"] if t["title"] == arch]
        assert t["details"].startswith(f"Best for: {best}")
    core = between(text, "The Core Concepts", "import torch")
    for name, what in re.findall(
        r"^(Forward pass|Backpropagation|Gradient descent): (.+)$", core, re.M
    ):
        (t,) = [t for t in p3["topics"] if t["title"] == name]
        assert norm(t["details"]) == what.strip()
    toolkit = re.findall(
        r"^(.+?) → (.+)$", between(text, "The MLOps Toolkit", "Free resources"), re.M
    )
    p5 = phase(rm, 5)
    assert len(toolkit) == 6
    assert [(t["title"], t["details"]) for t in p5["topics"]] == toolkit


def test_jobready_career_paths_and_speed_guidance():
    text, rm = seed("job-ready"), load("job-ready")
    block = between(text, "ML Engineer vs AI Engineer: Which Path?", "If you're")
    rows = table_rows(block)
    # the header row is ragged in the document ("| ML Engineer | AI Engineer | |")
    head = next(ln for ln in block.splitlines() if ln.startswith("|"))
    roles = [c.strip() for c in head.strip("|").split("|") if c.strip()]
    assert [c["title"] for c in rm["career_paths"]] == roles
    field = {"Focus": "focus", "Job market": "demand", "Starting point": "path"}
    for label, *values in rows:
        for cp, value in zip(rm["career_paths"], values, strict=True):
            if label in field:
                assert cp[field[label]] == value
            else:
                assert f"{label}: {value}" in cp["note"]
    speed = re.search(r"^If you're optimizing for speed to employment.+$", text, re.M).group(0)
    assert speed in [norm(g) for g in rm["guidance"]]


def test_jobready_faq_is_verbatim():
    text, rm = seed("job-ready"), load("job-ready")
    lines = [
        ln.strip()
        for ln in between(text, "Frequently Asked Questions", "Start Here").splitlines()
        if ln.strip()
    ]
    pairs = list(zip(lines[0::2], lines[1::2], strict=False))
    assert len(pairs) == 3 and all(q.endswith("?") for q, _ in pairs)
    assert [(q["question"], norm(q["answer"])) for q in rm["faq"]] == pairs


def test_jobready_has_no_backgrounds_and_names_its_publisher():
    text, rm = seed("job-ready"), load("job-ready")
    # its audience names who it is for, but nothing changes a stage's length for them
    assert not re.search(r"(skip|compress|faster through) (Stage|Phase)", text, re.I)
    assert not rm.get("backgrounds") and not rm.get("level_overrides")
    m = re.search(r"Use the (AI Learning Hub) roadmap", text)
    assert m and rm["source"]["publisher"] == f"the {m[1]}"


def test_jobready_audience_is_the_documents_list():
    text, rm = seed("job-ready"), load("job-ready")
    assert rm["audience"] == bullets(between(text, "This roadmap is designed for:", "Stage 1"))
