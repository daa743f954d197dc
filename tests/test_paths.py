"""paths: environment overrides, and the Linux shortcut agreeing with platformdirs."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from mlpath.store import paths


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shortcut is Linux-only")
@pytest.mark.parametrize("xdg", [None, "", "  ", "/tmp/xdg-here"])
@pytest.mark.parametrize(
    ("kind", "var", "official"),
    [
        ("data", "XDG_DATA_HOME", platformdirs.user_data_dir),
        ("config", "XDG_CONFIG_HOME", platformdirs.user_config_dir),
        ("cache", "XDG_CACHE_HOME", platformdirs.user_cache_dir),
    ],
)
def test_linux_shortcut_matches_platformdirs(
    monkeypatch: pytest.MonkeyPatch, kind: str, var: str, official: object, xdg: str | None
) -> None:
    if xdg is None:
        monkeypatch.delenv(var, raising=False)
    else:
        monkeypatch.setenv(var, xdg)
    assert callable(official)
    assert paths._platform_dir(kind) == Path(official("mlpath", appauthor=False))


def test_env_overrides_win(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MLPATH_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("MLPATH_CONFIG_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("MLPATH_CACHE_DIR", str(tmp_path / "k"))
    assert paths.home_dir() == tmp_path / "h"
    assert paths.home_dir(tmp_path / "flag") == tmp_path / "flag"
    assert paths.config_dir() == tmp_path / "c"
    assert paths.user_roadmaps_dir() == tmp_path / "c" / "roadmaps"
    assert paths.cache_dir() == tmp_path / "k"


def test_bundled_roadmaps_found() -> None:
    found = {p.stem for p in paths.bundled_roadmaps_dir().glob("*.yaml")}
    assert found == {"beginner", "intermediate", "job-ready", "complete", "practical"}
