"""Where mlpath keeps things. Environment variables win over platform folders.

platformdirs is imported only when a platform folder is really needed, so a
learner with MLPATH_HOME set pays nothing for it.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "mlpath"


def _platform_dir(kind: str) -> Path:
    import platformdirs

    getter = {
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
        "cache": platformdirs.user_cache_dir,
    }[kind]
    return Path(getter(APP, appauthor=False))


def home_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds state.json: --home, MLPATH_HOME, or the user data dir."""
    chosen = override or os.environ.get("MLPATH_HOME")
    return Path(chosen).expanduser() if chosen else _platform_dir("data")


def config_dir() -> Path:
    """The folder that holds config.yaml and roadmaps/: MLPATH_CONFIG_DIR or the user config dir."""
    chosen = os.environ.get("MLPATH_CONFIG_DIR")
    return Path(chosen).expanduser() if chosen else _platform_dir("config")


def cache_dir() -> Path:
    """Disposable caches (parsed roadmaps): MLPATH_CACHE_DIR or the user cache dir."""
    chosen = os.environ.get("MLPATH_CACHE_DIR")
    return Path(chosen).expanduser() if chosen else _platform_dir("cache")


def user_roadmaps_dir() -> Path:
    return config_dir() / "roadmaps"


def bundled_roadmaps_dir() -> Path:
    """The roadmaps shipped with mlpath: inside the wheel, or data/ in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "roadmaps"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "data" / "roadmaps"
