"""Finding roadmaps: the bundled five, the user's own, or a file by path.

Parsed roadmaps are kept in the cache (store/cache.py, checksummed) keyed by the
file's bytes and mlpath's code, so daily commands do not parse YAML; an entry
that does not match or does not load is ignored and rebuilt: the YAML file stays
the source of truth.
"""

from __future__ import annotations

import os
import stat
import zlib

from mlpath.core.phases import Phases
from mlpath.core.record import Record
from mlpath.core.roadmap import (
    MAX_ROADMAP_BYTES,
    Phase,
    Roadmap,
    phase_from_dict,
    roadmap_from_parts,
)
from mlpath.errors import MlpathError, RoadmapError, UsageError
from mlpath.store import paths

TYPE_CHECKING = False
if TYPE_CHECKING:  # pathlib is imported where a Path is made: the daily path needs none
    from pathlib import Path
    from typing import Any

# The order PRODUCT.md lists them in; also the order `mlpath roadmaps` shows.
BUNDLED_ORDER = ("beginner", "intermediate", "job-ready", "complete", "practical")
DEFAULT_FOR_LEVEL = {
    "beginner": "beginner",
    "intermediate": "intermediate",
    "advanced": "intermediate",
}


class Entry(Record):
    """A roadmap found on disk, or the reason it could not be used."""

    __slots__ = ("path", "bundled", "roadmap", "error")

    def __init__(
        self, path: Path, bundled: bool, roadmap: Roadmap | None, error: RoadmapError | None = None
    ) -> None:
        self.path = path
        self.bundled = bundled
        self.roadmap = roadmap
        self.error = error


def _cache_key(data: bytes) -> str:
    # Two independent 32-bit checksums and the length name the source bytes: no
    # hashlib on the daily path, and no realistic chance of two roadmaps colliding.
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}-{len(data)}"


# A kept roadmap: its top-level fields, then each phase's checked data as its own
# marshal bytes, made into a Phase only when something asks for that phase, beside what
# every run asks of all of them (numbers, titles, milestone ids) and every id. Another
# layout (an older build's) is a miss: the file is parsed again.
_KEPT = "roadmap 2"


class _Kept:
    """The parts of a kept roadmap that are decoded when first asked for. Should one not
    decode, the YAML file's own bytes (those the entry is keyed by) are parsed again:
    a damaged part costs time, never an error."""

    __slots__ = (
        "blobs",
        "ids_blob",
        "meta",
        "at",
        "data",
        "name",
        "path",
        "bundled",
        "_parsed",
        "_ids",
    )

    def __init__(
        self,
        blobs: list[bytes],
        ids_blob: bytes,
        meta: dict[str, Any],
        at: int,
        data: bytes,
        name: str,
        path: str,
        bundled: bool,
    ) -> None:
        self.blobs = blobs
        self.ids_blob = ids_blob
        self.meta = meta
        self.at = at  # where "phases" stood among the file's top-level keys
        self.data = data
        self.name = name
        self.path = path
        self.bundled = bundled
        self._parsed: Roadmap | None = None
        self._ids: list[str] | None = None

    def parsed(self) -> Roadmap:
        if self._parsed is None:
            from mlpath.store.roadmap_yaml import load_roadmap_bytes

            self._parsed = load_roadmap_bytes(
                self.data, self.name, bundled=self.bundled, path=self.path
            )
        return self._parsed

    def phase(self, i: int) -> Phase:
        import marshal

        try:
            return phase_from_dict(marshal.loads(self.blobs[i]))
        except (ValueError, EOFError, KeyError, TypeError, AttributeError, IndexError):
            return self.parsed().phases.at(i)

    def raw(self) -> dict[str, Any]:
        import marshal

        try:
            items = list(self.meta.items())
            items.insert(self.at, ("phases", [marshal.loads(b) for b in self.blobs]))
            return dict(items)
        except (ValueError, EOFError, TypeError):
            return dict(self.parsed().raw)

    def ids(self) -> list[str]:
        """Every id, sorted (`Roadmap.known` looks them up by bisection)."""
        import marshal

        if self._ids is None:
            try:
                ids = marshal.loads(self.ids_blob)
            except (ValueError, EOFError, TypeError):
                ids = None
            self._ids = ids if isinstance(ids, list) else sorted(self.parsed().all_ids())
        return self._ids


def _from_cache(
    key: str, path: str | os.PathLike[str], bundled: bool, data: bytes, name: str
) -> Roadmap | None:
    from mlpath.store import cache

    kept = cache.get("roadmaps", key, key)
    if not isinstance(kept, tuple) or len(kept) != 9 or kept[0] != _KEPT:
        return None
    _, content_hash, meta, at, blobs, numbers, titles, milestones, ids_blob = kept
    try:
        if not (isinstance(meta, dict) and isinstance(blobs, list) and isinstance(at, int)):
            return None
        if len(blobs) != len(numbers) or not isinstance(ids_blob, bytes):
            return None
        parts = _Kept(blobs, ids_blob, meta, at, data, name, os.fspath(path), bundled)
        phases = Phases.kept(parts.phase, numbers, titles, milestones)
        return roadmap_from_parts(
            meta,
            phases,
            parts.raw,
            path=os.fspath(path),
            bundled=bundled,
            content_hash=content_hash,
            ids=parts.ids,
        )
    except (ValueError, KeyError, TypeError, AttributeError, MlpathError):
        return None  # kept by a build whose model differed: parse again


def _to_cache(key: str, roadmap: Roadmap) -> None:
    import marshal

    from mlpath.store import cache

    raw = roadmap.raw
    phases = roadmap.phases
    kept = (
        _KEPT,
        roadmap.content_hash,  # saves hashing the roadmap again on every run
        dict(roadmap.meta),
        list(raw).index("phases"),
        [marshal.dumps(p) for p in raw["phases"]],
        phases.numbers,
        phases.titles,
        phases.milestones,
        marshal.dumps(sorted(roadmap.all_ids())),
    )
    cache.put("roadmaps", key, key, kept)


def load_file(
    path: str | os.PathLike[str], *, bundled: bool = False, display: str | None = None
) -> Roadmap:
    """Load and validate one roadmap file (raises RoadmapError with FILE:LINE)."""
    name = display or os.fspath(path)
    try:
        # a pipe or device would block the read (or never end): only regular files
        if not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path):
            raise UsageError(f"{name} is not a regular file.", "Give the path of a YAML file.")
        with open(path, "rb") as fh:
            data = fh.read(MAX_ROADMAP_BYTES + 1)
            if len(data) > MAX_ROADMAP_BYTES:
                from mlpath.store.roadmap_yaml import too_large

                # only the first MAX_BYTES + 1 were read: say the real size
                raise too_large(name, os.fstat(fh.fileno()).st_size)
    except FileNotFoundError:
        raise UsageError(f"No roadmap file at {name}.", "Check the path.") from None
    except IsADirectoryError:
        raise UsageError(f"{name} is a folder, not a roadmap file.") from None
    except OSError as exc:
        raise MlpathError(f"Cannot read {name}: {exc.strerror}.") from None
    key = _cache_key(data)
    cached = _from_cache(key, path, bundled, data, name)
    if cached is not None:
        return cached
    from mlpath.store.roadmap_yaml import load_roadmap_bytes

    roadmap = load_roadmap_bytes(data, name, bundled=bundled, path=os.fspath(path))
    _to_cache(key, roadmap)
    return roadmap


def _yaml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError:
        return []


def bundled_path(roadmap_id: str) -> Path:
    from pathlib import Path

    return Path(bundled_file(roadmap_id))


def bundled_file(roadmap_id: str) -> str:
    return os.path.join(paths.bundled_roadmaps_str(), f"{roadmap_id}.yaml")


def entries() -> list[Entry]:
    """Bundled roadmaps (in their fixed order) then the user's, each loaded or failed."""
    out: list[Entry] = []
    for rid in BUNDLED_ORDER:
        p = bundled_path(rid)
        try:
            out.append(Entry(p, True, load_file(p, bundled=True)))
        except RoadmapError as exc:
            out.append(Entry(p, True, None, exc))
    seen = {e.roadmap.id: e.path for e in out if e.roadmap is not None}
    for p in _yaml_files(paths.user_roadmaps_dir()):
        try:
            rm = load_file(p)
        except RoadmapError as exc:
            out.append(Entry(p, False, None, exc))
            continue
        except MlpathError as exc:
            out.append(Entry(p, False, None, RoadmapError([f"{p}: {exc.message}"])))
            continue
        if rm.id in seen:  # the first one wins: bundled, then the user's by file name
            out.append(Entry(p, False, None, duplicate_error(p, rm.id, seen[rm.id])))
            continue
        seen[rm.id] = p
        out.append(Entry(p, False, rm))
    return out


def id_line(path: Path) -> int:
    """The line of a roadmap file's top-level `id:` (1 when it cannot be found)."""
    import re

    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for number, line in enumerate(fh, 1):
                if re.match(r"^id\s*:", line):
                    return number
    except OSError:
        pass
    return 1


def shell_word(path: Path) -> str:
    """A file name as a shell word: a name from a shared folder is data, and a command
    mlpath suggests must run as shown (a space or `$(...)` in it included)."""
    import shlex

    return shlex.quote(str(path))


def duplicate_error(path: Path, roadmap_id: str, first: Path) -> RoadmapError:
    bundled = first.parent == paths.bundled_roadmaps_dir()
    owner = "a bundled roadmap" if bundled else f"{first}"
    return RoadmapError(
        [
            f"{path}:{id_line(path)}: id: '{roadmap_id}' is already the id of {owner}, "
            f"which wins; this file is not used by id."
        ],
        f"Give it an id of its own, or use it by its path: `mlpath plan -r {shell_word(path)}`.",
    )


def shadowed(roadmap_id: str) -> list[Path]:
    """The user's roadmap files whose id is ROADMAP_ID, a bundled roadmap's id
    (for `plan` to say the bundled one wins)."""
    if roadmap_id not in BUNDLED_ORDER:
        return []
    out = []
    for p in _yaml_files(paths.user_roadmaps_dir()):
        try:
            if load_file(p).id == roadmap_id:
                out.append(p)
        except MlpathError:
            continue
    return out


def looks_like_path(spec: str) -> bool:
    return os.sep in spec or "/" in spec or spec.endswith((".yaml", ".yml"))


def resolve(spec: str, *, id_only: bool = False) -> Roadmap:
    """A roadmap by id (bundled first, then the user's folder) or by file path.

    `id_only` for a saved plan's roadmap id (data from the state file): never opened
    as a path, so a file named like the id in the working folder (`./job-ready`) or a
    hostile id (`../../etc/passwd`) is not read; a plan on a file records its path
    in `roadmap_path`, checked apart."""
    if not id_only and (
        looks_like_path(spec) or (os.path.isfile(spec) and not spec.isidentifier())
    ):
        from pathlib import Path

        return load_file(Path(spec).expanduser().resolve(), display=spec)
    if spec in BUNDLED_ORDER:
        return load_file(bundled_file(spec), bundled=True)
    known = list(BUNDLED_ORDER)
    by_name: dict[str, str] = {}  # file name without .yaml -> the id inside
    for p in _yaml_files(paths.user_roadmaps_dir()):
        try:
            rm = load_file(p)
        except MlpathError:
            continue
        if rm.id == spec:
            return rm
        known.append(rm.id)
        by_name[p.stem] = rm.id
    from difflib import get_close_matches

    if spec in by_name:  # `-r mine` for mine.yaml: the id is what names it
        hint = f"Did you mean {by_name[spec]} (the id inside {spec}.yaml)?"
    else:
        # near means near: a typo or a prefix ("nope" is not "complete")
        near = [k for k in known if spec and k.startswith(spec)][:3]
        near += [k for k in get_close_matches(spec, known, n=3, cutoff=0.7) if k not in near]
        near_name = get_close_matches(spec, list(by_name), n=1, cutoff=0.7)
        if near_name and by_name[near_name[0]] not in near:
            near.insert(0, by_name[near_name[0]])
        hint = (
            f"Did you mean {' or '.join(near[:3])}?"
            if near
            else f"Known roadmaps: {', '.join(known)}."
        )
    raise UsageError(f"No roadmap with id '{spec}'.", hint + " (`mlpath roadmaps` lists them.)")


def known_ids() -> list[str]:
    """Ids for shell completion: never raises."""
    ids = list(BUNDLED_ORDER)
    for p in _yaml_files(paths.user_roadmaps_dir()):
        ids.append(p.stem)
    return ids


# --- a copy of the user's own roadmap beside the state --------------------------------------
# A plan on a user's own roadmap file would not load on a second machine that lacks the
# file, so the plan keeps a copy in MLPATH_HOME/roadmaps/<content hash>.yaml; it syncs with
# the state (and `mlpath sync` commits it). Bundled roadmaps need none.

KEPT_DIR = "roadmaps"


def kept_roadmap_path(home: str | os.PathLike[str], content_hash: str) -> Path:
    from pathlib import Path

    from mlpath.core.shape import is_roadmap_hash

    if not is_roadmap_hash(content_hash):  # data from a state file: never an odd path
        raise UsageError(f"{content_hash!r:.40} is not a roadmap hash.")
    return Path(home, KEPT_DIR, f"{content_hash}.yaml")


_SPECIAL_ROOTS = ("/proc", "/sys", "/dev")


def plan_file_problem(path: str) -> str | None:
    """Why a plan's roadmap_path (data from a state file, maybe another machine's)
    must not be opened, or None. Only a regular file under 4 MB, outside the
    kernel's pseudo file systems, wherever links lead; a missing file is fine
    (the copy kept beside the state takes over)."""
    if "\0" in path:  # no file name holds one (os.stat would raise ValueError)
        return "it holds a NUL character, which no file name can"
    real = os.path.realpath(path)
    if any(real == root or real.startswith(root + "/") for root in _SPECIAL_ROOTS):
        return f"it leads to {real}, a system file, not a roadmap"
    try:
        info = os.stat(real)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file"
    if info.st_size > MAX_ROADMAP_BYTES:
        return f"it is larger than {MAX_ROADMAP_BYTES // (1024 * 1024)} MB"
    return None


def keep_roadmap_copy(home: str | os.PathLike[str], roadmap: Roadmap) -> None:
    """Copy a user's roadmap file beside the state, once per content hash."""
    if roadmap.bundled or not roadmap.path:
        return
    target = kept_roadmap_path(home, roadmap.content_hash)
    if target.exists():
        return
    from mlpath.store.state import atomic_write_bytes

    try:
        with open(roadmap.path, "rb") as fh:
            data = fh.read()
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, data, public=True)
    except OSError:
        return  # the plan still works here; only other machines would miss the file


def load_kept(home: str | os.PathLike[str], content_hash: str) -> Roadmap | None:
    """The copy kept for a plan's roadmap hash, or None when there is none."""
    try:
        path = kept_roadmap_path(home, content_hash)
    except UsageError:
        return None
    if path.is_symlink() or not path.is_file():
        return None
    return load_file(path)
