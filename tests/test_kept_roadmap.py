"""A roadmap kept in the cache (store/catalog.py, core/phases.py) answers every question
exactly as the one parsed from its YAML: the five bundled roadmaps and synthetic ones,
read back phase by phase, field by field, view by view; a damaged or older entry is
parsed again, never an error; and a read that asks for few phases makes only those."""

from __future__ import annotations

import json
import marshal
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from mlpath.app.session import milestone_phases
from mlpath.core.method import method_of
from mlpath.core.phases import Phases
from mlpath.core.roadmap import Roadmap
from mlpath.core.views import roadmap_detail, roadmap_summary
from mlpath.store import cache, catalog
from mlpath.store.roadmap_yaml import load_roadmap_bytes
from synthetic import roadmap_yaml

BUNDLED = ("beginner", "intermediate", "job-ready", "complete", "practical")


def parsed_and_kept(path: Path | str, bundled: bool = False) -> tuple[Roadmap, Roadmap]:
    """The roadmap parsed from its YAML (no cache), and as read back from the cache."""
    data = Path(path).read_bytes()
    parsed = load_roadmap_bytes(data, str(path), bundled=bundled, path=os.fspath(path))
    catalog.load_file(path, bundled=bundled)  # parsed, and kept
    kept = catalog.load_file(path, bundled=bundled)
    assert isinstance(kept.phases, Phases)
    assert kept.phases._make is not None, "not read from the cache"
    assert not any(kept.phases._made), "a phase was made before it was asked for"
    return parsed, kept


def synthetic(tmp_path: Path, phases: int, **kw: Any) -> Path:
    path = tmp_path / f"synthetic-{phases}.yaml"
    path.write_text(roadmap_yaml(f"synthetic-{phases}", phases, **kw), encoding="utf-8")
    return path


def assert_answers_alike(kept: Roadmap, parsed: Roadmap) -> None:
    # what a read asks of every phase, before any phase is made
    ms = [(p.milestone.id, i) for i, p in enumerate(parsed.phases) if p.milestone is not None]
    assert kept.phases.milestone_positions() == ms
    assert kept.phases.title_by_number() == {p.number: p.title for p in parsed.phases}
    assert len(kept.phases) == len(parsed.phases)
    assert kept.all_ids() == parsed.all_ids()
    every = sorted(parsed.all_ids())
    asked = [*every[::7], every[-1], "", "0", "~", "zz", every[0] + "x", every[-1] + "-"]
    assert kept.known(asked) == parsed.known(asked) == set(every[::7]) | {every[-1]}
    assert kept.content_hash == parsed.content_hash
    assert method_of(kept) == method_of(parsed)
    assert kept.meta == parsed.meta
    done = {m for m, _ in ms[::3]}
    assert milestone_phases(kept, done) == milestone_phases(parsed, done)
    assert milestone_phases(kept, done) == [m for m in milestone_phases(parsed) if m[0] in done]
    for p in parsed.phases:  # one at a time, as a read asks
        assert kept.phases.by_number(p.number) == p
        assert kept.phases.by_number(p.number).work_ids() == p.work_ids()  # type: ignore[union-attr]
    assert kept.phases.by_number(10**6) is None and kept.phases.by_number(None) is None
    # then everything
    assert kept == parsed
    assert kept.phases == parsed.phases.all() and parsed.phases == kept.phases
    assert hash(kept) == hash(parsed)
    assert repr(kept) == repr(parsed)
    assert kept.phases[-1] == parsed.phases[len(parsed.phases) - 1]
    assert list(kept.items()) == list(parsed.items())
    assert kept.options() == parsed.options()
    assert kept.nominal_weeks() == parsed.nominal_weeks()
    assert [p.work_items for p in kept.phases] == [p.work_items for p in parsed.phases]
    assert roadmap_detail(kept) == roadmap_detail(parsed)
    assert roadmap_summary(kept) == roadmap_summary(parsed)
    # the whole data, in the file's key order, hashing to the kept hash
    assert list(kept.raw) == list(parsed.raw)
    dump = json.dumps(kept.raw, sort_keys=False, ensure_ascii=False)
    assert dump == json.dumps(parsed.raw, sort_keys=False, ensure_ascii=False)
    fresh = Roadmap(**{**_fields(kept), "raw": kept.raw, "content_hash": None})
    assert fresh.content_hash == parsed.content_hash


def _fields(rm: Roadmap) -> dict[str, Any]:
    return {
        "id": rm.id,
        "title": rm.title,
        "summary": rm.summary,
        "hours_per_week": rm.hours_per_week,
        "phases": rm.phases,
        "duration_text": rm.duration_text,
    }


@pytest.mark.parametrize("name", BUNDLED)
def test_a_kept_bundled_roadmap_answers_as_parsed(name: str) -> None:
    parsed, kept = parsed_and_kept(catalog.bundled_file(name), bundled=True)
    assert kept.bundled and kept.path == parsed.path
    assert_answers_alike(kept, parsed)


def test_a_kept_synthetic_roadmap_answers_as_parsed(tmp_path: Path) -> None:
    parsed, kept = parsed_and_kept(synthetic(tmp_path, 120, topics=4, weeks=(1, 3)))
    assert_answers_alike(kept, parsed)


def test_the_bundled_roadmaps_have_every_kind_of_field() -> None:
    """So the test above compares choices, projects, resources, backgrounds, level
    overrides, and phases amid other top-level keys (their order comes back)."""
    rms = [catalog.resolve(name) for name in BUNDLED]
    assert any(p.choices for rm in rms for p in rm.phases)
    assert any(p.projects for rm in rms for p in rm.phases)
    assert any(p.resources for rm in rms for p in rm.phases)
    assert any(p.hours_per_week for rm in rms for p in rm.phases)
    assert any(rm.backgrounds for rm in rms) and any(rm.overrides for rm in rms)
    assert all(list(rm.raw)[-1] != "phases" for rm in rms)


def test_a_read_makes_only_the_phases_it_asks_for(tmp_path: Path) -> None:
    _, kept = parsed_and_kept(synthetic(tmp_path, 200))
    made = kept.phases._made
    kept.all_ids()
    method_of(kept)
    kept.phases.title_by_number()
    assert milestone_phases(kept, {"m-7", "m-150", "t-3-1"}) == [
        ("m-7", [f"t-7-{t}" for t in range(1, 11)]),
        ("m-150", [f"t-150-{t}" for t in range(1, 11)]),
    ]
    assert kept.phases.by_number(42).title == "Phase 42"  # type: ignore[union-attr]
    assert [i for i, p in enumerate(made) if p is not None] == [6, 41, 149]
    assert kept.content_hash and kept.meta["id"] == "synthetic-200"
    assert sum(p is not None for p in made) == 3  # the hash and the fields made none


def _entry(name: str) -> tuple[str, Any]:
    (entry,) = (Path(os.environ["MLPATH_CACHE_DIR"]) / "roadmaps").glob("*.cache")
    key = entry.stem
    return key, cache.get("roadmaps", key, key)


def test_a_damaged_phase_of_a_kept_roadmap_is_parsed_again(tmp_path: Path) -> None:
    path = synthetic(tmp_path, 30)
    parsed, _ = parsed_and_kept(path)
    key, kept = _entry("synthetic-30")
    blobs = list(kept[4])
    blobs[4] = b"\x00not marshal"
    blobs[5] = marshal.dumps({"number": 6})  # decodes, but is not a phase
    damaged = (*kept[:4], blobs, *kept[5:8], b"\xff")
    assert cache.put("roadmaps", key, key, damaged)
    again = catalog.load_file(path)
    assert again.phases[4] == parsed.phases[4] and again.phases[5] == parsed.phases[5]
    assert again.all_ids() == parsed.all_ids()
    assert again.known(["t-3-2", "m-30", "m-31"]) == {"t-3-2", "m-30"}
    assert again.raw == parsed.raw
    assert again == parsed


@pytest.mark.parametrize(
    "layout",
    [
        "old",  # (content hash, the whole data): what the build before this one kept
        "other tag",
        "short",
        "phases not a list",
        "lengths differ",
    ],
)
def test_an_old_or_odd_entry_is_a_miss(tmp_path: Path, layout: str) -> None:
    path = synthetic(tmp_path, 12)
    parsed, _ = parsed_and_kept(path)
    key, kept = _entry("synthetic-12")
    odd: Any = {
        "old": (parsed.content_hash, dict(parsed.raw)),
        "other tag": ("roadmap 1", *kept[1:]),
        "short": kept[:8],
        "phases not a list": (*kept[:4], tuple(kept[4]), *kept[5:]),
        "lengths differ": (*kept[:5], kept[5][:-1], *kept[6:]),
    }[layout]
    assert cache.put("roadmaps", key, key, odd)
    again = catalog.load_file(path)
    assert again == parsed and again.raw == parsed.raw
    assert again.phases._make is None  # parsed from the YAML
    assert _entry("synthetic-12")[1] == kept  # and kept again in this build's layout


@pytest.mark.parametrize("case", ["synthetic", "practical with a background and a pick"])
def test_the_daily_views_are_the_same_from_a_kept_roadmap(
    cli: Any, tmp_path: Path, case: str
) -> None:
    """Each view and export of a plan with done milestones, reviews and a kept roadmap,
    against the same commands run with an empty cache (the roadmap parsed from YAML)."""
    cache_dir = Path(os.environ["MLPATH_CACHE_DIR"])

    def ok(*args: str, today: str = "2027-03-01") -> str:
        result = cli(*args, today=today)
        assert result.exit_code == 0, result.output
        return re.sub(r"DTSTAMP[^:\n]*:\w+", "DTSTAMP:-", str(result.stdout))  # the run's own time

    if case == "synthetic":
        path = synthetic(tmp_path, 40, topics=3)
        ok("plan", "-r", str(path), "--start", "2027-01-04", "-H", "10", today="2027-01-04")
        done = [("t-1-1", "2027-01-05"), ("m-2", "2027-01-20"), ("t-3-1", "2027-01-21")]
    else:
        plan = ["plan", "-r", "practical", "-l", "beginner", "-H", "25", "--start", "2027-01-04"]
        ok(*plan, "--background", "software-engineer", "--pick", "cv-specialization")
        first = catalog.resolve("practical").phases[0]
        done = [(first.work_ids()[0], "2027-01-05"), ("supervised-baseline", "2027-01-20")]
        done.append(("cv-specialization", "2027-01-21"))
    for item, on in done:  # a milestone completes its phase
        ok("done", item, "--on", on, today=on)
    ok("review", done[0][0], "good", today="2027-01-12")
    ok("log", "3", "--on", "2027-01-21", today="2027-01-21")
    commands = [
        ("next",),
        ("next", "--json"),
        ("status",),
        ("status", "--json"),
        ("review", "--all"),
        ("export", "json"),
        ("export", "markdown"),
        ("export", "ics"),
    ]
    for day in ("2027-02-01", "2027-02-02"):
        shutil.rmtree(cache_dir)
        cold = [ok(*c, today=day) for c in commands]  # the roadmap parsed from its YAML
        for area in ("views", "exports", "schedules", "states"):  # a new day's read
            shutil.rmtree(cache_dir / area, ignore_errors=True)
        assert [ok(*c, today=day) for c in commands] == cold  # the roadmap kept
        for area in ("views", "exports"):  # the schedule kept too
            shutil.rmtree(cache_dir / area, ignore_errors=True)
        assert [ok(*c, today=day) for c in commands] == cold
    assert case == "synthetic" or "picked: Computer vision" in cold[6]
