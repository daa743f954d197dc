"""Files mlpath keeps on this machine only: the state's lock and this machine's id.

They live outside MLPATH_HOME, in the user's cache dir, in a folder keyed by the
state file's real path: a synced folder (git, Dropbox, Syncthing) carries
everything inside MLPATH_HOME, and a lock or a machine id that travelled to the
other machine would be wrong there (two machines sharing one id would break the
version vectors of state version 3, a pushed lock symlink could truncate a file).

Nothing here is read through a symlink: the folder is created 0700 and every
file is opened with O_NOFOLLOW, so a link planted in it is refused, never followed.
"""

from __future__ import annotations

import os
import stat

from mlpath.store import paths

STATE_NAME = "state.json"
_ID_HEX = 8  # 32 random bits: a learner has a handful of machines, not thousands

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def sha256_hex(data: bytes) -> str:
    """The sha256 of `data` in hex, from CPython's own sha256 module when it has one:
    hashlib loads OpenSSL's binding first, a millisecond of every change's start-up."""
    for name in ("_sha2", "_sha256"):  # CPython 3.12+, then 3.10 and 3.11
        try:
            return str(__import__(name).sha256(data).hexdigest())
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256(data).hexdigest()


_keys: dict[str, str] = {}


def state_key(home: str | os.PathLike[str]) -> str:
    """16 hex digits naming one state file on this machine: the sha256 of its real
    path (a `state.json` that is a symlink is keyed by the file it points to)."""
    real = os.path.realpath(os.path.join(os.fspath(home), STATE_NAME))
    key = _keys.get(real)
    if key is None:
        key = _keys[real] = sha256_hex(real.encode("utf-8", "surrogateescape"))[:16]
    return key


def local_dir(home: str | os.PathLike[str], *, create: bool = False) -> str:
    """The folder of this machine's files for the state in `home`."""
    folder = os.path.join(paths.cache_str(), "local", state_key(home))
    if create:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    return folder


def lock_path(home: str | os.PathLike[str]) -> str:
    return os.path.join(local_dir(home), "lock")


def _read_small(path: str, limit: int = 64) -> str | None:
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return None
    try:
        return os.read(fd, limit).decode("ascii", "replace").strip()
    finally:
        os.close(fd)


def _write_small(path: str, text: str) -> None:
    """Write a tiny file by a new temp file renamed over it (never through a link)."""
    tmp = f"{path}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)
    try:
        os.write(fd, text.encode("ascii"))
    finally:
        os.close(fd)
    os.replace(tmp, path)


def is_machine_id(v: object) -> bool:
    return isinstance(v, str) and len(v) == _ID_HEX and all(c in "0123456789abcdef" for c in v)


def host_name() -> str:
    """This computer's name, without importing socket (a few ms of every change)."""
    uname = getattr(os, "uname", None)
    name = uname().nodename if uname is not None else os.environ.get("COMPUTERNAME", "")
    return "".join(c for c in name if c.isascii() and c.isprintable() and c != " ") or "-"


def _ids_by_host(text: str | None) -> dict[str, str]:
    """The machine file's ids, each under the host it was made on: lines "ID HOST".
    A file of an earlier mlpath holds the bare id: it is this host's (key "")."""
    out: dict[str, str] = {}
    for line in (text or "").splitlines():
        found, _, host = line.strip().partition(" ")
        if is_machine_id(found):
            out.setdefault(host, found)
    return out


def machine_id(home: str | os.PathLike[str]) -> str:
    """This machine's id for the state in `home` (8 hex digits), made on first use.

    Kept per state file, so two homes on one machine (tests, a what-if copy) are
    two writers, as they are; and per host, so a cache copied with a whole home
    folder to a new computer (a migration, a restored backup) gives that computer
    an id of its own: two computers writing one id would make every later merge
    refuse their copies. Losing it (a cleared cache) only starts a new writer: its
    events get fresh ids and nothing is counted twice. Where the cache dir cannot be
    written, the id comes from the host name and the state's real path, so it is
    still the same on every run.
    """
    try:
        folder = local_dir(home, create=True)
    except OSError:
        return _fallback_id(home)
    path = os.path.join(folder, "machine")
    host = host_name()
    text = _read_small(path, 4096)
    ids = _ids_by_host(text)
    found = ids.get(host)
    if found is not None:
        return found
    legacy = ids.pop("", None)  # an earlier mlpath's bare id: made here, so this host's
    new = legacy or os.urandom(_ID_HEX // 2).hex()
    ids[host] = new
    try:
        _write_small(path, "".join(f"{i} {h}\n" for h, i in ids.items()))
    except FileExistsError:  # another process is writing it: take theirs
        again = _ids_by_host(_read_small(path, 4096)).get(host)
        if again is not None:
            return again
    except OSError:
        return legacy or _fallback_id(home)
    # two processes racing to make the id: the file that won the rename is the id
    settled = _ids_by_host(_read_small(path, 4096)).get(host)
    return settled if settled is not None else new


def _fallback_id(home: str | os.PathLike[str]) -> str:
    key = f"{host_name()}\0{state_key(home)}"
    return sha256_hex(key.encode("utf-8", "surrogateescape"))[:_ID_HEX]


def high_water(home: str | os.PathLike[str]) -> int:
    """The last event counter this machine wrote to the state in `home` (0 if none),
    so a restored backup never makes it hand out an id twice."""
    text = _read_small(os.path.join(local_dir(home), "counter"), 32)
    return int(text) if text and text.isdigit() else 0


def set_high_water(home: str | os.PathLike[str], counter: int) -> None:
    """Best effort: the state itself also tells the next counter.

    Written in place, as one fixed-width write under the state's lock (a rename over
    the old file made ext4 flush it on every change). Only a file mlpath made is
    written: a regular file with one link, no longer than the number."""
    try:
        path = os.path.join(local_dir(home, create=True), "counter")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o600)
    except OSError:
        return
    try:
        info = os.fstat(fd)
        if info.st_nlink == 1 and info.st_size <= _COUNTER_WIDTH and stat.S_ISREG(info.st_mode):
            os.pwrite(fd, f"{counter:<{_COUNTER_WIDTH - 1}}\n".encode("ascii"), 0)
    except OSError:
        pass
    finally:
        os.close(fd)


_COUNTER_WIDTH = 24  # a counter (at most 15 digits), space-padded: never a truncate
