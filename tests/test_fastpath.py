"""The fast path (no Typer) and the Typer CLI must be indistinguishable to users.

Each case runs the real `python -m mlpath` twice on identical copies of a state:
once through the fast path and once with MLPATH_NO_FASTPATH=1 (Typer), and
compares exit code, stdout, stderr and the resulting state file. Also: what
the fast parser hands to Typer, and when `next`'s view cache is (not) reused.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import traced
from mlpath.cli import fastpath, spec


def mlpath(
    home: Path, *args: str, today: str = "2027-02-15", **env: str
) -> subprocess.CompletedProcess[str]:
    full = {
        **os.environ,
        "MLPATH_HOME": str(home),
        "MLPATH_TODAY": today,
        "COLUMNS": "100",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "mlpath", *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def planned_state(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The state every test here starts from, made once through the real command."""
    base = tmp_path_factory.mktemp("planned")
    home = base / "home"
    env = {"MLPATH_CACHE_DIR": str(base / "cache"), "MLPATH_CONFIG_DIR": str(base / "config")}
    r = mlpath(home, "plan", "-r", "practical", "--start", "2027-01-04", "-H", "15", **env)
    assert r.returncode == 0, r.stderr
    assert mlpath(home, "done", "python-libraries", "--on", "2027-01-20", **env).returncode == 0
    assert mlpath(home, "log", "2", "--on", "2027-02-14", **env).returncode == 0
    return (home / "state.json").read_bytes()


@pytest.fixture
def planned(tmp_path: Path, planned_state: bytes) -> Path:
    """A home of its own holding that state (a copy: each test's caches start cold)."""
    home = tmp_path / "base"
    home.mkdir()
    (home / "state.json").write_bytes(planned_state)
    return home


CASES = [
    ["next"],
    ["next", "--json"],
    ["--no-color", "next"],
    ["done", "statistics"],
    ["done", "statistics", "--json", "--note", "chapter 3", "--on=2027-02-10"],
    ["done", "nosuchthing"],
    ["done", "python-libraries"],
    ["log", "1h30", "--on", "2027-02-13"],
    ["log", "0"],
    ["log", "-1"],
    ["log", "30", "--json"],
    ["undo"],
    ["undo", "--json"],
    ["status", "--json"],
    ["status", "--width", "80"],
    ["status", "--no-color", "--width", "60"],
]


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c) for c in CASES])
def test_fast_path_and_typer_agree(planned: Path, tmp_path: Path, args: list[str]) -> None:
    fast_home, typer_home = tmp_path / "fast", tmp_path / "typer"
    shutil.copytree(planned, fast_home)
    shutil.copytree(planned, typer_home)
    fast = mlpath(fast_home, *args)
    slow = mlpath(typer_home, *args, MLPATH_NO_FASTPATH="1")
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        slow.returncode,
        slow.stdout.replace(str(typer_home), str(fast_home)),
        slow.stderr.replace(str(typer_home), str(fast_home)),
    )
    assert "Traceback" not in fast.stderr
    fast_events = json.loads((fast_home / "state.json").read_text())["events"]
    slow_events = json.loads((typer_home / "state.json").read_text())["events"]
    # new events differ only in their time and their (random) id
    strip = [{k: v for k, v in e.items() if k not in ("at", "id")} for e in fast_events]
    assert strip == [{k: v for k, v in e.items() if k not in ("at", "id")} for e in slow_events]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nxt"],
        ["config"],
        ["next", "--bogus"],
        ["next", "extra-arg"],
        ["log"],
        ["log", "1", "2"],
        ["log", "1", "--onn", "today"],
        ["done"],
        ["--home"],
        ["plan", "--hours"],
        ["status", "--json=yes"],
        ["plan", "-nf"],
        ["plan", "--help", "--bogus"],
        ["--help", "--bogus"],
        ["roadmaps", "nosuch", "--help"],
        ["roadmaps", "--json", "show", "--help"],
    ],
)
def test_what_the_fast_parser_leaves_to_typer(argv: list[str]) -> None:
    assert fastpath.main(argv) is None


def test_the_parser_reads_options_anywhere_after_the_command() -> None:
    glob, cmd, kwargs = fastpath._parse(
        ["--home", "/h", "--no-color", "done", "a", "--on", "yesterday", "b", "--note=x", "--json"]
    )
    assert (glob["home"], glob["no_color"]) == ("/h", True)
    assert cmd.path == ("done",)
    assert kwargs == {
        "items": ["a", "b"],
        "on": "yesterday",
        "note": "x",
        "evidence": None,
        "as_json": True,
    }
    assert fastpath._parse(["log", "--", "-2"])[2]["hours"] == "-2"
    assert fastpath._parse(["log", "-1.5"])[2]["hours"] == "-1.5"
    _, plan, opts = fastpath._parse(["plan", "-b", "a:b", "--break=c:d", "-n", "-H", "7.5"])
    assert plan.path == ("plan",)
    assert (opts["breaks"], opts["dry_run"], opts["hours"]) == (["a:b", "c:d"], True, "7.5")
    _, show, opts = fastpath._parse(["roadmaps", "show", "practical", "--json"])
    assert show.path == ("roadmaps", "show")
    assert opts == {"roadmap": "practical", "as_json": True, "brief": False}
    _, show, opts = fastpath._parse(["roadmaps", "show", "--brief", "practical"])
    assert opts == {"roadmap": "practical", "as_json": False, "brief": True}


MORE_CASES = [
    ["plan", "-r", "complete", "-H", "12", "--start", "2027-03-01", "--dry-run"],
    ["plan", "-r", "job-ready", "-l", "adv", "-d", "mon,wed", "-n", "--json"],
    ["roadmaps"],
    ["roadmaps", "--json"],
    ["roadmaps", "show", "beginner"],
    ["roadmaps", "show", "nosuch"],
    ["review"],
    ["review", "--all", "--json"],
    ["review", "python-libraries", "good", "--on", "2027-02-14"],
    ["export", "json"],
    ["export", "md"],
    ["export", "pdf"],
    ["config", "show"],
    ["replan", "--hours", "10"],
    ["doctor", "--json"],
    ["--version"],
    ["next", "--help"],
    ["roadmaps", "show", "-h"],
    ["--help"],
    # help on groups, and help beside what Typer reads before it (or instead of it)
    ["roadmaps", "--help"],
    ["config", "--help"],
    ["config", "set", "-h"],
    ["--version", "--help"],
    ["--help", "--version"],
    ["-h", "nosuch"],
    ["--help", "plan"],  # the root's help, every command listed, by both routes
    ["--home", "elsewhere", "-h", "next"],
    ["log", "--help"],
    ["status", "--width", "10", "--help"],
    ["status", "--width", "10"],  # mlpath's own sentence by both routes, not Typer's
    ["status", "--width", "wide"],
    ["status", "--width", "wide", "--json"],
    ["plan", "--help", "--bogus"],
    ["plan", "--json=yes", "--help"],
    ["roadmaps", "nosuch", "--help"],
]


@pytest.mark.parametrize("args", MORE_CASES, ids=[" ".join(c) for c in MORE_CASES])
def test_every_command_agrees_between_the_routes(
    planned: Path, tmp_path: Path, args: list[str]
) -> None:
    test_fast_path_and_typer_agree(planned, tmp_path, args)


def test_help_is_drawn_without_typer_and_kept_nowhere(planned: Path, tmp_path: Path) -> None:
    cache = tmp_path / "help-cache"
    first, first_modules = _imports(planned, cache, "plan", "--help")
    assert "typer" not in first_modules and "--hours" in first
    assert not cache.exists() or not any(cache.iterdir())  # drawn each time: no cache
    other = mlpath(planned, "plan", "--help", MLPATH_CACHE_DIR=str(cache), COLUMNS="60")
    assert other.stdout != first  # drawn for the terminal's width
    assert max(len(line) for line in other.stdout.splitlines()) <= 60


def _cache_files(cache: Path) -> list[Path]:
    return sorted((cache / "views").glob("*.cache"))


def test_next_view_cache_follows_state_today_and_roadmap(tmp_path: Path) -> None:
    home, cache = tmp_path / "home", tmp_path / "cache"
    roadmap = tmp_path / "mine.yaml"
    shutil.copy(Path(__file__).parent.parent / "data" / "roadmaps" / "practical.yaml", roadmap)
    env = {"MLPATH_CACHE_DIR": str(cache)}
    assert mlpath(home, "plan", "-r", str(roadmap), "--start", "2027-01-04", **env).returncode == 0

    first = mlpath(home, "next", "--json", **env)
    # one entry for each view `plan` left for the next read (next, status), no more
    assert first.returncode == 0 and len(_cache_files(cache)) == 2
    assert mlpath(home, "next", "--json", **env).stdout == first.stdout  # served from the cache

    # a change to the state is seen at once
    assert mlpath(home, "done", "python-libraries", **env).returncode == 0
    after_done = json.loads(mlpath(home, "next", "--json", **env).stdout)
    assert "python-libraries" not in [i["id"] for i in after_done["now"]]

    # another day is another view
    later = json.loads(mlpath(home, "next", "--json", today="2027-03-01", **env).stdout)
    assert later["today"] == "2027-03-01" and later["week"]["number"] == 9

    # an edited roadmap file is noticed (and warned about)
    roadmap.write_text(
        roadmap.read_text().replace("title: Statistics\n", "title: Statistics, renamed\n", 1),
        encoding="utf-8",
    )
    edited = mlpath(home, "next", "--json", **env)
    assert "has changed since this plan was made" in edited.stderr
    now = {i["id"]: i["title"] for i in json.loads(edited.stdout)["now"]}
    assert now["statistics"] == "Statistics"  # the plan's version until a replan adopts it
    assert mlpath(home, "replan", **env).returncode == 0
    adopted = json.loads(mlpath(home, "next", "--json", **env).stdout)
    assert {i["id"]: i["title"] for i in adopted["now"]}["statistics"] == "Statistics, renamed"

    # a damaged cache entry is ignored, never trusted
    for f in _cache_files(cache):
        f.write_bytes(b"\x00garbage")
    again = mlpath(home, "next", "--json", **env)
    assert again.returncode == 0 and json.loads(again.stdout)["today"] == "2027-02-15"


def test_a_bad_config_stops_the_fast_path_too(planned: Path, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.yaml").write_text("colour: never\n", encoding="utf-8")
    env = {"MLPATH_CONFIG_DIR": str(config)}
    fast = mlpath(planned, "next", **env)
    slow = mlpath(planned, "next", MLPATH_NO_FASTPATH="1", **env)
    assert fast.returncode == slow.returncode != 0
    assert fast.stderr == slow.stderr and "colour" in fast.stderr
    assert "Traceback" not in fast.stderr


def test_status_view_cache_follows_the_state(planned: Path, tmp_path: Path) -> None:
    env = {"MLPATH_CACHE_DIR": str(tmp_path / "cache")}
    first = json.loads(mlpath(planned, "status", "--json", **env).stdout)
    assert list((tmp_path / "cache" / "views").glob("*.cache"))
    assert json.loads(mlpath(planned, "status", "--json", **env).stdout) == first
    assert mlpath(planned, "done", "statistics", **env).returncode == 0
    after = json.loads(mlpath(planned, "status", "--json", **env).stdout)
    assert after["pace"]["completed_hours"] > first["pace"]["completed_hours"]
    # the terminal rendering is drawn from the same cached view
    text = mlpath(planned, "status", "--width", "80", **env).stdout
    assert after["pace"]["label"] in text


@pytest.mark.parametrize(
    ("argv", "hoisted"),
    [
        (["next", "--home", "/h"], ["--home", "/h", "next"]),
        (["done", "x", "--home=/h", "--no-color"], ["--home=/h", "--no-color", "done", "x"]),
        (["--home", "/h", "next"], ["--home", "/h", "next"]),
        (["log", "--", "--home"], ["log", "--", "--home"]),
        (["done", "--note", "x"], ["done", "--note", "x"]),
    ],
)
def test_global_options_may_follow_the_command(argv: list[str], hoisted: list[str]) -> None:
    assert spec.hoist_globals(argv) == hoisted


def test_home_after_the_command_works_both_ways(planned: Path) -> None:
    from typer.testing import CliRunner

    from mlpath.cli.main import app

    result = CliRunner().invoke(
        app, ["next", "--json", "--home", str(planned)], env={"MLPATH_TODAY": "2027-02-15"}
    )
    assert result.exit_code == 0, result.output
    via_typer = json.loads(result.stdout)
    via_fast = json.loads(
        mlpath(planned.parent / "elsewhere", "next", "--json", "--home", str(planned)).stdout
    )
    assert via_typer == via_fast and via_fast["roadmap"] == "practical"


def _imports(home: Path, cache: Path, *args: str) -> tuple[str, set[str]]:
    env = {
        "MLPATH_HOME": str(home),
        "MLPATH_TODAY": "2027-02-15",
        "COLUMNS": "100",
        "MLPATH_CACHE_DIR": str(cache),
    }
    proc, modules = traced(args, env)
    return proc.stdout, modules


@pytest.mark.parametrize(
    ("args", "drawer"),
    [
        (["status"], "mlpath.render.status"),  # drawn without rich (render/styled.py)
        (["roadmaps"], "rich.console"),
        (["roadmaps", "show", "practical"], "rich.console"),
    ],
)
def test_a_screen_drawn_once_is_shown_again_without_drawing(
    planned: Path, tmp_path: Path, args: list[str], drawer: str
) -> None:
    cache = tmp_path / "fresh-cache"  # not the one `planned` filled with its changes
    first, first_modules = _imports(planned, cache, *args)
    again, again_modules = _imports(planned, cache, *args)
    assert drawer in first_modules  # drawn the first time
    assert drawer not in again_modules and "rich.console" not in again_modules  # then kept
    assert again == first and first.strip()
    # a narrower terminal is another screen, drawn for its width
    narrow = mlpath(planned, *args, MLPATH_CACHE_DIR=str(cache), COLUMNS="60")
    assert narrow.stdout != first and max(len(line) for line in narrow.stdout.splitlines()) <= 60


def test_a_new_user_roadmap_redraws_the_list(planned: Path, tmp_path: Path) -> None:
    cache, config = tmp_path / "cache", tmp_path / "config"
    env = {"MLPATH_CACHE_DIR": str(cache), "MLPATH_CONFIG_DIR": str(config)}
    before = mlpath(planned, "roadmaps", **env).stdout
    own = config / "roadmaps"
    own.mkdir(parents=True)
    source = Path(__file__).resolve().parent.parent / "data" / "roadmaps" / "practical.yaml"
    text = source.read_text(encoding="utf-8").replace("id: practical", "id: my-practical", 1)
    (own / "mine.yaml").write_text(text, encoding="utf-8")
    after = mlpath(planned, "roadmaps", **env).stdout
    assert "my-practical" in after and "my-practical" not in before


@pytest.mark.parametrize(
    ("args", "module"), [(["next"], "mlpath.render.next"), (["next", "--json"], "json")]
)
def test_next_is_shown_again_from_the_cache(
    planned: Path, tmp_path: Path, args: list[str], module: str
) -> None:
    cache = tmp_path / "fresh-cache"
    first, first_modules = _imports(planned, cache, *args)
    again, again_modules = _imports(planned, cache, *args)
    assert module in first_modules and module not in again_modules
    assert again == first and first.strip()


@pytest.mark.parametrize("typer", ["", "1"])
@pytest.mark.parametrize("width", ["abc", "10", "401", "8.5"])
def test_a_width_that_is_not_one_says_so_in_mlpaths_words(
    planned: Path, typer: str, width: str
) -> None:
    """The sentence names the option, the value and what it takes; with --json, as JSON."""
    env = {"MLPATH_NO_FASTPATH": typer}
    got = mlpath(planned, "status", "--width", width, **env)
    assert got.returncode == 2 and got.stdout == ""
    said = got.stderr.strip()
    assert "--width" in said and f"'{width}'" in said and "40 to 400" in said
    assert "Usage:" not in said and len(said.splitlines()) == 1
    got = mlpath(planned, "status", "--width", width, "--json", **env)
    assert got.returncode == 2 and got.stdout == ""
    error = json.loads(got.stderr)
    assert "--width" in error["error"] and f"'{width}'" in error["error"]
    assert error["exit"] == 2
