"""`mlpath roadmaps`, `roadmaps show` and the roadmap cache, checked against the YAML files.

Expected figures are read from data/roadmaps/*.yaml with plain `yaml.safe_load`,
independently of mlpath's loader, and compared with what the commands print.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import subprocess
import sys
import zlib
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from mlpath.cli.main import app

REPO = Path(__file__).resolve().parent.parent
ROADMAPS = REPO / "data" / "roadmaps"
IDS = ["beginner", "intermediate", "job-ready", "complete", "practical"]
WIDE = {"COLUMNS": "400"}  # no wrapping in terminal output


def readme_example() -> str:
    doc = (ROADMAPS / "README.md").read_text(encoding="utf-8")
    match = re.search(r"## Example\n\n```yaml\n(.*?)```", doc, re.S)
    assert match, "data/roadmaps/README.md lost its example"
    return match.group(1)


def source(rid: str) -> dict[str, Any]:
    data = yaml.safe_load((ROADMAPS / f"{rid}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def num(x: Any) -> Fraction:
    return Fraction(str(x))


def squash(text: str) -> str:
    return " ".join(text.split())


def invoke(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> Result:
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr + result.stdout
    return result


def run_json(runner: CliRunner, *args: str) -> Any:
    result = invoke(runner, *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def user_dir() -> Path:
    folder = Path(os.environ["MLPATH_CONFIG_DIR"]) / "roadmaps"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cache_files() -> list[Path]:
    return sorted((Path(os.environ["MLPATH_CACHE_DIR"]) / "roadmaps").glob("*.cache"))


BROKEN = readme_example().replace("    title: Basics\n", "\ttitle: Basics\n")


def add_user_roadmaps() -> tuple[Path, Path]:
    """A good user roadmap and a broken one (a tab on line 11)."""
    good = user_dir() / "mine.yaml"
    good.write_text(readme_example(), encoding="utf-8")
    broken = user_dir() / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    return good, broken


# --- mlpath roadmaps -----------------------------------------------------------------


def test_list_json_matches_the_yaml(runner: CliRunner) -> None:
    rows = run_json(runner, "roadmaps", "--json")
    assert isinstance(rows, list)
    assert [r["id"] for r in rows] == IDS
    for row in rows:
        data = source(row["id"])
        assert row["title"] == data["title"]
        assert row["phases"] == len(data["phases"])
        assert num(row["hours_per_week"]) == num(data["hours_per_week"]["value"])
        assert row["source"] == data["source"]["document"]
        assert row["bundled"] is True
        assert Path(row["path"]).read_bytes() == (ROADMAPS / f"{row['id']}.yaml").read_bytes()
        assert num(row["weeks"]["min"]) == sum(num(p["weeks"]["min"]) for p in data["phases"])
        assert num(row["weeks"]["max"]) == sum(num(p["weeks"]["max"]) for p in data["phases"])


def test_list_table_shows_every_bundled_roadmap(runner: CliRunner) -> None:
    result = invoke(runner, "roadmaps", env=WIDE)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    positions = [out.find(f"│ {rid} ") for rid in IDS]
    assert -1 not in positions and positions == sorted(positions), out
    for rid in IDS:
        data = source(rid)
        row = next(line for line in out.splitlines() if line.startswith(f"│ {rid} "))
        cells = [c.strip() for c in row.strip("│").split("│")]
        assert cells[:4] == [rid, data["title"], str(len(data["phases"])), data["duration"]["text"]]
        assert cells[5] == "bundled"
    assert f"Your own roadmaps go in {user_dir()}" in out
    assert result.stderr == ""


def test_user_roadmaps_are_listed_and_a_broken_one_is_skipped(runner: CliRunner) -> None:
    good, broken = add_user_roadmaps()
    tab_line = BROKEN.splitlines().index("\ttitle: Basics") + 1

    result = invoke(runner, "roadmaps", env=WIDE)
    assert result.exit_code == 0, result.stderr
    mine_row = next(line for line in result.stdout.splitlines() if "│ my-roadmap " in line)
    assert mine_row.rstrip("│ ").endswith("│ mine.yaml")  # by name: the folder is said below
    assert f"Your own roadmaps go in {good.parent}" in result.stdout
    assert f"skipped: {broken}:{tab_line}: yaml: a tab character" in result.stdout

    result = invoke(runner, "roadmaps", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == [*IDS, "my-roadmap"]
    mine = rows[-1]
    assert (mine["bundled"], mine["path"], mine["phases"], mine["title"]) == (
        False,
        str(good),
        2,
        "My ML roadmap",
    )
    # with --json a warning is JSON too, one object a line (docs/scripting.md)
    (warning,) = [json.loads(line) for line in result.stderr.splitlines()]
    assert warning["warning"].startswith(f"skipped a broken roadmap: {broken}:{tab_line}: ")


def test_every_bundled_file_validates(runner: CliRunner) -> None:
    files = [str(ROADMAPS / f"{rid}.yaml") for rid in IDS]
    result = invoke(runner, "roadmaps", "validate", *files)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{f}: ok ({rid}, {len(source(rid)['phases'])} phases)"
        for f, rid in zip(files, IDS, strict=True)
    ]


# --- mlpath roadmaps show --------------------------------------------------------------


def phase_sections(out: str) -> dict[int, str]:
    """Terminal output of `roadmaps show`, cut at each 'Phase N · ' header."""
    heads = list(re.finditer(r"^Phase (\d+) · ", out, re.M))
    return {
        int(m[1]): out[m.start() : heads[i + 1].start() if i + 1 < len(heads) else len(out)]
        for i, m in enumerate(heads)
    }


def test_show_complete_lists_phases_0_to_7_with_everything(runner: CliRunner) -> None:
    result = invoke(runner, "roadmaps", "show", "complete", env=WIDE)
    assert result.exit_code == 0, result.stderr
    data = source("complete")
    out = result.stdout
    assert out.splitlines()[0] == data["title"]
    assert re.findall(r"^Phase (\d+) · ", out, re.M) == [str(n) for n in range(8)]
    sections = phase_sections(out)
    for phase in data["phases"]:
        text = squash(sections[phase["number"]])
        assert text.startswith(squash(f"Phase {phase['number']} · {phase['title']}"))
        assert phase["weeks"]["text"] in text
        assert squash(phase["summary"]) in text
        for t in phase.get("topics") or ():
            assert squash(f"• {t['id']} {t['title']}") in text
            if t.get("weeks"):  # a sub-duration the document gives (phase 1's 3–4 weeks)
                w = t["weeks"]
                assert squash(f"• {t['id']} {t['title']} ({w['min']}–{w['max']} weeks)") in text
        for r in phase.get("resources") or ():
            assert squash(r["title"]) in text
        for p in phase.get("projects") or ():
            assert squash(f"• {p['id']} {p['title']}") in text
        if phase.get("milestone"):
            m = phase["milestone"]
            assert squash(f"Milestone {m['id']} {m['title']}") in text
    assert sum(len(p.get("resources") or ()) for p in data["phases"]) > 0
    assert sum(len(p.get("projects") or ()) for p in data["phases"]) > 0


@pytest.mark.parametrize("rid", IDS)
def test_show_json_has_the_documented_shape(runner: CliRunner, rid: str) -> None:
    d = run_json(runner, "roadmaps", "show", rid, "--json")
    data = source(rid)
    assert {"id", "title", "source", "hours_per_week", "prerequisites", "phases"} <= set(d)
    assert (d["id"], d["title"], d["source"]) == (rid, data["title"], data["source"])
    assert d["prerequisites"] == data.get("prerequisites", [])
    h, yh = d["hours_per_week"], data["hours_per_week"]
    assert num(h["value"]) == num(yh["value"])
    assert h["assumed"] is bool(yh.get("assumed", False))
    for bound in ("min", "max"):
        assert (h[bound] is None) if bound not in yh else num(h[bound]) == num(yh[bound])

    assert len(d["phases"]) == len(data["phases"])
    for p, yp in zip(d["phases"], data["phases"], strict=True):
        assert (p["number"], p["id"], p["title"]) == (yp["number"], yp["id"], yp["title"])
        assert (num(p["weeks"]["min"]), num(p["weeks"]["max"])) == (
            num(yp["weeks"]["min"]),
            num(yp["weeks"]["max"]),
        )
        assert p["ongoing"] is bool(yp.get("ongoing", False))
        phase_hours = (yp.get("hours_per_week") or yh)["value"]
        assert num(p["hours_per_week"]) == num(phase_hours)
        assert [{"id": t["id"], "title": t["title"]} for t in p["topics"]] == [
            {"id": t["id"], "title": t["title"]} for t in yp.get("topics") or ()
        ]
        assert [{"id": t["id"], "title": t["title"]} for t in p["projects"]] == [
            {"id": t["id"], "title": t["title"]} for t in yp.get("projects") or ()
        ]
        assert [r["title"] for r in p["resources"]] == [
            r["title"] for r in yp.get("resources") or ()
        ]
        for r, yr in zip(p["resources"], yp.get("resources") or (), strict=True):
            assert {k: r[k] for k in yr} == yr
        ym = yp.get("milestone")
        if ym is None:
            assert p["milestone"] is None
        else:
            assert p["milestone"] == {
                "id": ym["id"],
                "title": ym["title"],
                "description": ym.get("description"),
            }


def test_ongoing_phases_carry_their_assumed_duration(runner: CliRunner) -> None:
    seen = 0
    for rid in IDS:
        d = run_json(runner, "roadmaps", "show", rid, "--json")
        for p, yp in zip(d["phases"], source(rid)["phases"], strict=True):
            if not yp.get("ongoing"):
                continue
            seen += 1
            assert p["ongoing"] is True
            assert yp["weeks"]["assumed"] is True
            assert p["weeks"]["assumed"] is True
            assert num(p["weeks"]["min"]) == num(yp["weeks"]["min"]) > 0
            assert num(p["weeks"]["max"]) == num(yp["weeks"]["max"])
    assert seen >= 2  # job-ready's portfolio stage and complete's phase 7


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("complet", "Did you mean complete?"),
        ("job_ready", "Did you mean job-ready?"),
        ("zzz", "Known roadmaps: beginner, intermediate, job-ready, complete, practical."),
    ],
)
def test_show_unknown_id_is_a_usage_error(runner: CliRunner, typed: str, hint: str) -> None:
    result = invoke(runner, "roadmaps", "show", typed)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: No roadmap with id '{typed}'.")
    assert hint in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_show_suggests_a_user_roadmap_id(runner: CliRunner) -> None:
    add_user_roadmaps()
    result = invoke(runner, "roadmaps", "show", "my-roadmp")
    assert result.exit_code == 2
    assert "Did you mean my-roadmap?" in result.stderr


def test_show_by_path_and_by_user_id(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "mine.yaml").write_text(readme_example(), encoding="utf-8")
    monkeypatch.chdir(work)
    expected = yaml.safe_load(readme_example())
    for spec in ("./mine.yaml", "mine.yaml", str(work / "mine.yaml")):
        d = run_json(runner, "roadmaps", "show", spec, "--json")
        assert d["id"] == "my-roadmap", spec
        assert [p["id"] for p in d["phases"]] == [p["id"] for p in expected["phases"]]
    result = invoke(runner, "roadmaps", "show", "./mine.yaml", env=WIDE)
    assert result.exit_code == 0
    assert re.findall(r"^Phase (\d+) · ", result.stdout, re.M) == ["1", "2"]

    add_user_roadmaps()
    d = run_json(runner, "roadmaps", "show", "my-roadmap", "--json")
    assert (d["id"], len(d["phases"])) == ("my-roadmap", 2)


def test_show_a_missing_or_broken_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "roadmaps", "show", "./nope.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: No roadmap file at ./nope.yaml.")

    (tmp_path / "bad.yaml").write_text(BROKEN, encoding="utf-8")
    tab_line = BROKEN.splitlines().index("\ttitle: Basics") + 1
    result = invoke(runner, "roadmaps", "show", "./bad.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    # FILE:LINE: path: message starts the line, as `roadmaps validate` prints it
    assert result.stderr.startswith(f"./bad.yaml:{tab_line}: yaml: a tab character")


# --- the roadmap cache -----------------------------------------------------------------


def cached_json(entry: Path) -> Any:
    """The roadmap an entry of store/cache.py holds, its checksum and hash checked here
    (the format: "mlpath-cache 1 CRC LENGTH", then marshal's (key, deps, value))."""
    head, _, body = entry.read_bytes().partition(b"\n")
    magic, _, rest = head.partition(b" 1 ")
    digest, size = rest.decode().split(" ")
    assert magic == b"mlpath-cache" and int(size) == len(body)
    assert digest == f"{zlib.crc32(body):08x}"
    _, _, kept = marshal.loads(body)
    # ("roadmap 2", hash, top-level fields, where "phases" stood, each phase's marshal
    # bytes, their numbers, titles and milestone ids, every id's marshal bytes)
    tag, content_hash, meta, at, blobs, numbers, titles, milestones, ids = kept
    assert tag == "roadmap 2"
    phases = [marshal.loads(b) for b in blobs]
    items = list(meta.items())
    items.insert(at, ("phases", phases))
    raw = dict(items)
    assert numbers == [p["number"] for p in phases]
    assert titles == [p["title"] for p in phases]
    assert milestones == [(p.get("milestone") or {}).get("id") for p in phases]
    every = {t["id"] for p in phases for part in ("topics", "projects") for t in p.get(part) or ()}
    every |= {m for m in milestones if m is not None}
    every |= {o["id"] for p in phases for c in p.get("choices") or () for o in c["options"]}
    assert marshal.loads(ids) == sorted(every)
    canon = json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert content_hash == hashlib.sha256(canon.encode()).hexdigest()[:16]
    return raw


def test_the_cache_is_written_and_read(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cache_files() == []
    fresh = run_json(runner, "roadmaps", "show", "complete", "--json")
    (entry,) = cache_files()
    cached = cached_json(entry)
    assert cached["id"] == "complete" and len(cached["phases"]) == 8

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the YAML was parsed")

    monkeypatch.setattr("mlpath.store.roadmap_yaml.load_roadmap_bytes", no_parsing)
    assert run_json(runner, "roadmaps", "show", "complete", "--json") == fresh
    # and the patch does bite where there is no cache entry yet:
    result = invoke(runner, "roadmaps", "show", "beginner", "--json")
    assert result.exit_code == 1 and "internal error" in result.stderr


def _edit_title(data: bytes) -> bytes:
    """Still a loadable entry of the same length, but not what was written."""
    return data.replace(b"The Complete", b"A Forged!!!!", 1)


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda b: b"",
    "truncated": lambda b: b[: len(b) // 2],
    "binary": lambda b: b"\xff\xfe\x00" + b[3:],
    "header-only": lambda b: b.partition(b"\n")[0],
    "body-without-header": lambda b: b.partition(b"\n")[2],
    "edited-title": _edit_title,
    "wrong-digest": lambda b: b.replace(b" 1 ", b" 1 00000000", 1),
    "list": lambda b: b"[]",
    "null": lambda b: b"null",
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_a_corrupt_cache_file_is_ignored(
    runner: CliRunner, corrupt: Callable[[bytes], bytes]
) -> None:
    fresh = run_json(runner, "roadmaps", "show", "complete", "--json")
    (entry,) = cache_files()
    good = entry.read_bytes()
    entry.write_bytes(corrupt(good))
    assert entry.read_bytes() != good
    assert run_json(runner, "roadmaps", "show", "complete", "--json") == fresh
    assert entry.read_bytes() == good  # rebuilt


def test_an_edited_roadmap_is_not_served_from_the_cache(runner: CliRunner) -> None:
    good, _ = add_user_roadmaps()
    assert run_json(runner, "roadmaps", "show", "my-roadmap", "--json")["title"] == "My ML roadmap"
    good.write_text(
        readme_example().replace("title: My ML roadmap", "title: My edited roadmap"),
        encoding="utf-8",
    )
    d = run_json(runner, "roadmaps", "show", "my-roadmap", "--json")
    assert d["title"] == "My edited roadmap"


def test_an_unusable_cache_folder_costs_only_speed(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("MLPATH_CACHE_DIR", str(blocker))
    rows = run_json(runner, "roadmaps", "--json")
    assert [r["id"] for r in rows] == IDS
    d = run_json(runner, "roadmaps", "show", "complete", "--json")
    assert [p["number"] for p in d["phases"]] == list(range(8))


# --- the real program ------------------------------------------------------------------


def test_python_m_mlpath_roadmaps(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mlpath", "roadmaps", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in json.loads(proc.stdout)] == IDS

    proc = subprocess.run(
        [sys.executable, "-m", "mlpath", "roadmaps", "show", "complet"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Did you mean complete?" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_pipe_is_refused_without_blocking(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "roadmap.yaml"
    os.mkfifo(fifo)
    result = invoke(runner, "roadmaps", "validate", str(fifo))
    assert result.exit_code == 1
    assert "is not a regular file" in result.stderr


def test_a_shown_roadmap_file_is_drawn_again_when_it_changes(tmp_path: Path) -> None:
    """`roadmaps show FILE` is kept drawn (store/cache.py) while the file stays the same."""
    mine = tmp_path / "mine.yaml"
    mine.write_text(readme_example(), encoding="utf-8")
    env = {**os.environ, "COLUMNS": "100"}

    def show() -> str:
        proc = subprocess.run(
            [sys.executable, "-m", "mlpath", "roadmaps", "show", str(mine)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    assert "My ML roadmap" in show() and "My ML roadmap" in show()
    mine.write_text(readme_example().replace("My ML roadmap", "My edited one"), encoding="utf-8")
    assert "My edited one" in show()


@pytest.mark.parametrize("columns", [60, 80])
def test_a_user_roadmap_leaves_the_titles_whole_words(runner: CliRunner, columns: int) -> None:
    # a whole path in a source column squeezed every title to a few letters a line
    # ("Learni…", "Beginn…"), and the path itself was cut mid-word
    add_user_roadmaps()
    result = invoke(runner, "roadmaps", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "…" not in out
    # (the broken file's "skipped: FILE:LINE: ..." stays one line, for grep)
    assert max(len(line) for line in out.splitlines() if not line.startswith("skipped:")) <= columns
    for rid in IDS:
        words = source(rid)["title"].split()
        assert all(word in out.split() for word in words), (rid, out)
    assert "mine.yaml" in out.split() or "mine.yaml (my-roadmap)" in out
