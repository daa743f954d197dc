"""Every test runs against its own state, config and cache folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
ROADMAPS = REPO / "data" / "roadmaps"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("MLPATH_HOME", str(home))
    monkeypatch.setenv("MLPATH_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("MLPATH_CACHE_DIR", str(tmp_path / "cache"))
    for var in ("MLPATH_TODAY", "NO_COLOR", "MLPATH_DEBUG", "MLPATH_TEST_CRASH_AT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    return home


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
