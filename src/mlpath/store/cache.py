"""The one reader and writer of mlpath's caches: views, drawn screens, parsed roadmaps.

A cache entry is a file `<cache folder>/<area>/<slot>.cache` (the slot names the file,
so a newer entry replaces an older one of the same slot instead of piling up). It holds
one line with the CRC-32 and the length of the body, then the body: the marshalled
(key, deps, value). An entry is served only when its checksum holds, its key is the
key asked for (which always includes mlpath's version, the code stamp of the installed
modules and the interpreter's version, whose marshal format it is) and every file it
was derived from (`deps`) still has the identity it had (`file_id`: inode, size,
modification time). Entries are written to a temporary file in the same folder and
renamed into place, never read through a symbolic link, and kept private (0600).

A cache only saves time: every failure here (no cache folder, a full disk, a damaged
or foreign entry) costs only that time, and this module is the one place that
swallows those errors. Nothing heavy is imported: the daily commands read through it.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FileId = tuple[int, int, int]
_MAGIC = b"mlpath-cache 1 "
_stamp: str | None = None
_counter = 0


def stamp() -> str:
    """mlpath's version, the identity of its installed code and the interpreter's
    version: part of every key, so an upgrade or an edit never serves an old entry."""
    global _stamp
    if _stamp is None:
        from mlpath import __version__
        from mlpath.store.paths import code_stamp

        _stamp = f"{__version__}|{code_stamp()}|{sys.version}"
    return _stamp


def file_id(path: str) -> FileId | None:
    """The identity of a file as a cache depends on it: inode, size and modification
    time (any write of the state or a roadmap replaces or touches it), or None."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def slot(*parts: str) -> str:
    """A short file name for an entry that stands for `parts` (a state's path, a command
    line): two CRCs, so two keys sharing a slot is rare, and then only a miss."""
    import zlib

    data = "\0".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _head(body: bytes) -> bytes:
    import zlib

    return _MAGIC + f"{zlib.crc32(body):08x} {len(body)}".encode("ascii")


def _path(area: str, name: str) -> str | None:
    from mlpath.store.paths import cache_str

    try:
        return os.path.join(cache_str(), area, f"{name}.cache")
    except Exception:  # no usable cache location (no HOME, a bad variable): no cache
        return None


def get(area: str, name: str, key: str) -> Any:
    """The value kept under (area, name) for exactly `key`, or None."""
    import marshal

    path = _path(area, name)
    if path is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        try:
            raw = b""
            while chunk := os.read(fd, 1 << 20):
                raw += chunk
        finally:
            os.close(fd)
        head, _, body = raw.partition(b"\n")
        if head != _head(body):
            return None
        entry_key, deps, value = marshal.loads(body)
        if entry_key != f"{stamp()}|{key}":
            return None
        for dep_path, dep_id in deps:  # an id of None: the file was absent, and still is
            if file_id(dep_path) != (None if dep_id is None else tuple(dep_id)):
                return None
        return value
    except Exception:  # missing, damaged, foreign or unreadable: a miss, never an error
        return None


def put(
    area: str,
    name: str,
    key: str,
    value: Any,
    deps: tuple[tuple[str, FileId | None], ...] = (),
) -> bool:
    """Keep `value` (made of what marshal keeps: str, bytes, numbers, lists, dicts...)
    under (area, name) for `key`, valid while each file of `deps` keeps its identity
    (None: while it stays absent).
    False when it could not be kept (which costs only speed)."""
    import marshal

    global _counter
    path = _path(area, name)
    if path is None:
        return False
    tmp = ""
    try:
        kept_deps = [(p, None if i is None else list(i)) for p, i in deps]
        body = marshal.dumps((f"{stamp()}|{key}", kept_deps, value))
        head = _head(body) + b"\n"
        folder = os.path.dirname(path)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        _counter += 1
        tmp = os.path.join(folder, f".{name}.{os.getpid()}.{_counter}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            data = head + body
            while data:
                data = data[os.write(fd, data) :]
        finally:
            os.close(fd)
        os.replace(tmp, path)
        return True
    except Exception:  # a cache that cannot be written only costs speed
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False
