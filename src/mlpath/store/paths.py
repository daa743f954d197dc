"""Where mlpath keeps things. Environment variables win over platform folders.

The daily commands start often, so this module imports neither pathlib nor
platformdirs until a caller needs them: the `*_str` functions answer with
plain strings, and on Linux the XDG rule platformdirs applies is applied
here directly (tests/test_paths.py checks the two agree).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

APP = "mlpath"

_XDG = {
    "data": ("XDG_DATA_HOME", "~/.local/share"),
    "config": ("XDG_CONFIG_HOME", "~/.config"),
    "cache": ("XDG_CACHE_HOME", "~/.cache"),
}
_LINUX: bool = sys.platform.startswith("linux")


def _platform_str(kind: str) -> str:
    if _LINUX:
        var, fallback = _XDG[kind]
        base = os.environ.get(var, "").strip() or os.path.expanduser(fallback)
        return os.path.join(base, APP)
    import platformdirs

    getter = {
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
        "cache": platformdirs.user_cache_dir,
    }[kind]
    return str(getter(APP, appauthor=False))


def _env_or_platform(var: str, kind: str) -> str:
    chosen = os.environ.get(var)
    return os.path.expanduser(chosen) if chosen else _platform_str(kind)


def home_str(override: str | os.PathLike[str] | None = None) -> str:
    """The folder that holds state.json: --home, MLPATH_HOME, or the user data dir."""
    if override:
        return os.path.expanduser(os.fspath(override))
    return _env_or_platform("MLPATH_HOME", "data")


def config_str() -> str:
    """The folder that holds config.yaml and roadmaps/, as a string."""
    return _env_or_platform("MLPATH_CONFIG_DIR", "config")


def config_file_str() -> str:
    """config.yaml's path (store/config.py reads it), without importing the reader."""
    return os.path.join(config_str(), "config.yaml")


def cache_str() -> str:
    """Disposable caches (store/cache.py: views, screens, help, parsed roadmaps):
    MLPATH_CACHE_DIR or the user cache dir."""
    return _env_or_platform("MLPATH_CACHE_DIR", "cache")


def _platform_dir(kind: str) -> Path:
    from pathlib import Path

    return Path(_platform_str(kind))


def home_dir(override: str | os.PathLike[str] | None = None) -> Path:
    from pathlib import Path

    return Path(home_str(override))


def config_dir() -> Path:
    """The folder that holds config.yaml and roadmaps/: MLPATH_CONFIG_DIR or the user config dir."""
    from pathlib import Path

    return Path(config_str())


def cache_dir() -> Path:
    from pathlib import Path

    return Path(cache_str())


def user_roadmaps_dir() -> Path:
    from pathlib import Path

    return Path(user_roadmaps_str())


def user_roadmaps_str() -> str:
    return os.path.join(config_str(), "roadmaps")


def bundled_roadmaps_dir() -> Path:
    from pathlib import Path

    return Path(bundled_roadmaps_str())


def bundled_roadmaps_str() -> str:
    """The roadmaps shipped with mlpath: inside the wheel, or data/ in a checkout."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # src/mlpath
    packaged = os.path.join(package, "data", "roadmaps")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(package)), "data", "roadmaps")


def roadmap_files_key() -> str:
    """Every roadmap file the catalog reads, by name, size and mtime: a listing of them
    changes exactly when this key does (for screens kept in the cache). Plain os calls:
    a warm `roadmaps` or `roadmaps show` imports neither pathlib nor the roadmap model."""
    parts = []
    for folder in (bundled_roadmaps_str(), user_roadmaps_str()):
        parts.append(folder)
        try:
            found = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for e in found:
            try:
                st = e.stat()
            except OSError:
                continue
            parts.append(f"{e.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def code_stamp() -> str:
    """The identity of the installed mlpath code (each module's size and mtime), so
    caches made by other code are never served: an edited or upgraded install
    misses them. About 50 stat calls."""
    import zlib

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts: list[str] = []
    for folder in ("", *_SUBPACKAGES):
        try:
            entries = sorted(os.scandir(os.path.join(package, folder)), key=lambda e: e.name)
        except OSError:
            continue  # a layer this install does not have
        for e in entries:
            if e.name.endswith(".py"):
                st = e.stat()
                parts.append(f"{folder}/{e.name}:{st.st_size}:{st.st_mtime_ns}")
    return f"{zlib.crc32(chr(10).join(parts).encode('utf-8', 'surrogateescape')):08x}"


_SUBPACKAGES = ("app", "cli", "core", "render", "store", "ui")
