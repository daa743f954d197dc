"""Every test runs against its own state, config and cache folders, and reaches
the real CLI through one helper (`cli`), as httpie's tests do with `http()`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clirun import Cli, invoke

REPO = Path(__file__).resolve().parent.parent
ROADMAPS = REPO / "data" / "roadmaps"


RELIABILITY = Path(__file__).resolve().parent / "reliability"
# The Textual app's pilot runs and pictures, sync against hostile git remotes (real git,
# a clone per machine), the undo round trips (a realistic home, every kind of change),
# merges of whole copies, and the kept views and exports (a real process per read):
# seconds each, so they run in CI's slow stage with the reliability suite, keeping the
# everyday command well within 3 minutes on a busy machine.
SLOW_FILES = {
    "test_ui.py",
    "test_ui_pictures.py",
    "test_sync_safety.py",
    "test_undo_roundtrip.py",
    "test_merge.py",
    "test_kept_exports.py",
    "test_read_side.py",
}


_OWN_FOLDERS: list[Path] = []


def _command_built_once() -> None:
    """typer's CliRunner builds the click command from the Typer app on every invoke
    (~10 ms, half of what a CLI test spends there); the app is built once per process,
    and so, here, is its command (a click command is made to be invoked again)."""
    import typer.testing

    build = getattr(typer.testing, "_get_command", None)
    if build is None:
        return
    built: dict[int, tuple[object, object]] = {}

    def once(app: object) -> object:
        hit = built.get(id(app))
        if hit is None or hit[0] is not app:  # (an id a collected app left behind)
            hit = built[id(app)] = (app, build(app))
        return hit[1]

    typer.testing._get_command = once  # type: ignore[attr-defined]


_command_built_once()


def pytest_configure(config: pytest.Config) -> None:
    """A net under the per-test folders (`isolated` below): what runs outside a test's
    own fixture (a module-scoped fixture, a subprocess given a fresh environment) still
    writes into a throw-away folder, never the user's own config, data or cache."""
    import os
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="mlpath-tests-"))
    _OWN_FOLDERS.append(base)
    for var, sub in (("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config")):
        os.environ[var] = str(base / sub)
    os.environ["XDG_DATA_HOME"] = str(base / "data")
    for var, sub in (("MLPATH_CACHE_DIR", "mlpath-cache"), ("MLPATH_CONFIG_DIR", "mlpath-config")):
        os.environ[var] = str(base / sub)
    os.environ["MLPATH_HOME"] = str(base / "mlpath-home")


def pytest_unconfigure(config: pytest.Config) -> None:
    import shutil

    for base in _OWN_FOLDERS:
        shutil.rmtree(base, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # the reliability suite (kill loops, thousands of hostile files) is slow as a whole
    for item in items:
        path = Path(str(item.path))
        if RELIABILITY in path.parents or path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)


# Under pytest-xdist the reliability suite runs in workers, whose figures reach the
# controller here (it loads no conftest below tests/) and are printed at the end.
_WORKER_FIGURES: list[dict[str, Any]] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    data = getattr(node, "workeroutput", {}).get("mlpath_reliability_figures")
    if data:
        _WORKER_FIGURES.append(data)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _WORKER_FIGURES:
        return
    import sys

    sys.path.insert(0, str(RELIABILITY))
    from reliability_support import Figures

    figures = Figures()
    for data in _WORKER_FIGURES:
        figures.absorb(data)
    lines = figures.summary()
    if lines:
        terminalreporter.section("mlpath reliability figures")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("MLPATH_HOME", str(home))
    monkeypatch.setenv("MLPATH_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("MLPATH_CACHE_DIR", str(tmp_path / "cache"))
    for var in ("MLPATH_TODAY", "MLPATH_NOW", "NO_COLOR", "MLPATH_DEBUG", "MLPATH_TEST_CRASH_AT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    from mlpath.errors import json_errors
    from mlpath.render.term import set_color

    set_color("auto")  # each run sets its colour choice; a test calling render/ starts clean
    from mlpath.cli.common import Opts

    # the global options an in-process run set (--home, --no-color) must not leak into
    # the next test's completion or command functions
    monkeypatch.setattr(Opts, "home", None)
    monkeypatch.setattr(Opts, "no_color", False)
    json_errors([])
    return home


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli() -> Cli:
    """`cli("next", today="2027-01-04")` runs `mlpath next` through the real app."""

    def run(
        *args: str,
        today: object | None = None,
        input: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Any:
        return invoke(args, today=today, input=input, env=env)

    return run
