"""The state file: the only module that writes mlpath's files.

state.json holds what cannot be derived: the plan settings and an append-only
list of events. Every change takes an exclusive lock, re-reads the file,
applies the change, writes a temp file in the same folder, fsyncs it,
renames it over the old one and fsyncs the folder; the previous version is
kept as state.json.bak. A file that does not read as a valid state is never
overwritten: the user is told which file and how to recover.

Decisions worth knowing:
- A symlinked state.json is followed: the new version is written atomically
  beside the link's target and renamed over the target, so the link (say,
  into a synced folder) survives. The .bak stays beside the link.
- The lock lives outside MLPATH_HOME (store/local.py: a synced folder carries
  everything in it) and is opened with O_NOFOLLOW; it is never truncated. The
  .bak is read without following a link (a link planted there is refused) and
  replaced by a rename, so a link there is replaced, never written through.
- Older state versions are upgraded in memory on every read (MIGRATIONS) and
  written in the new version on the first change; the .bak then keeps the
  old version. A newer version is refused, never downgraded.
- Temp files left by a killed save are removed by the next successful save.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import sys
import time

from mlpath.errors import MlpathError, StateError
from mlpath.store.cache import FileId, file_id
from mlpath.store.layout import archive_lines, encode_state

STATE_NAME = "state.json"
FORMAT = "mlpath-state"
VERSION = 3
MAX_STATE_BYTES = 64 * 1024 * 1024
LOCK_TIMEOUT = 30.0
STALE_TEMP_SECONDS = 3600.0

TYPE_CHECKING = False  # typing costs start-up time on every command; annotations only
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path
    from typing import Any

    PathLike = str | os.PathLike[str]


# Indirections so the reliability tests can inject faults (ENOSPC, EIO) at the
# k-th open, write, fsync or rename without touching the real os module.
_open = os.open
_write = os.write
_fsync = os.fsync
_replace = os.replace

# Test-only hooks, read once and inert unless their variable is set:
# MLPATH_TEST_CRASH_AT=STEP (or bak:STEP) SIGKILLs the process at that step of
#   saving state.json (or its backup): temp-created, half-written, fsynced,
#   before-rename, after-rename; `locked` right after the lock is taken.
# MLPATH_TEST_NO_LOCK=1 skips the lock and MLPATH_TEST_IN_PLACE=1 overwrites
#   the file in place: both break mlpath on purpose, so the reliability suite
#   can show that it catches lost updates and torn files.
# MLPATH_TEST_REPORT_LOCK_WAIT=FILE appends each lock wait (seconds) to FILE.
_crash_at = os.environ.get("MLPATH_TEST_CRASH_AT", "")
_no_lock = os.environ.get("MLPATH_TEST_NO_LOCK", "") == "1"
_in_place = os.environ.get("MLPATH_TEST_IN_PLACE", "") == "1"
_report_wait_to = os.environ.get("MLPATH_TEST_REPORT_LOCK_WAIT", "")

# a save's temp file: .NAME.PID.8HEX.tmp (compiled by `re` on first use: most saves
# find no temp file left behind, so most commands never compile it)
_TEMP = r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp$"
_DIR_FSYNC_UNSUPPORTED = {errno.EINVAL, errno.EBADF, errno.ENOTSUP, errno.EOPNOTSUPP}


def _checkpoint(step: str, what: str | None = "") -> None:
    """Test-only crash hook: inert unless MLPATH_TEST_CRASH_AT names this step.

    `what` is "" for state.json, "bak" for its backup, None for other files
    (caches), which never crash.
    """
    if not _crash_at or what is None:
        return
    if _crash_at == (f"{what}:{step}" if what else step):
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def empty_state() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "events": []}


def _reason(exc: OSError) -> str:
    return {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.EIO: "an I/O error occurred",
    }.get(exc.errno or 0, exc.strerror or str(exc))


def _file_in_the_way(path: PathLike) -> Path | None:
    """The nearest existing folder of `path` that is a file instead (MLPATH_HOME or
    --home pointing at a file), if any."""
    from pathlib import Path

    for parent in Path(path).parents:
        if os.path.lexists(parent):
            return parent if not parent.is_dir() else None
    return None


def _not_a_folder(path: PathLike) -> StateError | None:
    blocker = _file_in_the_way(path)
    if blocker is None:
        return None
    return StateError(
        f"{blocker} is a file, not a folder, so {os.path.basename(path)} cannot live in it.",
        "Point MLPATH_HOME (or --home) at a folder; mlpath creates it if it is missing.",
    )


def _io_error(path: PathLike, exc: OSError) -> StateError:
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        blocked = _not_a_folder(path)
        if blocked is not None:
            return blocked
    return StateError(
        f"Could not save {path}: {_reason(exc)}; nothing was changed.",
        _SAVE_HINTS.get(
            exc.errno or 0,
            "Free some space or fix the folder's permissions, then run the command again.",
        ),
    )


# what to do when a save fails, where the cause says (else the generic hint above)
_SAVE_HINTS = {
    errno.ENOSPC: "Free some space, then run the command again.",
    errno.EDQUOT: "Free some space, then run the command again.",
    errno.EROFS: (
        "Remount the folder writable, or point MLPATH_HOME (or --home) at a folder you "
        "can write, then run the command again."
    ),
}


def io_error(path: PathLike, exc: OSError) -> StateError:
    """The one-line message for a file mlpath could not save (disk full, permissions)."""
    return _io_error(path, exc)


class _SavedButNotDurable(OSError):
    """The rename happened but the folder could not be fsynced."""


def _fsync_dir(folder: PathLike) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows has no directory fsync
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a folder we cannot open for reading cannot be fsynced; the rename stands
    try:
        _fsync(fd)
    except OSError as exc:
        if exc.errno not in _DIR_FSYNC_UNSUPPORTED:  # some file systems cannot do it
            raise _SavedButNotDurable(exc.errno or errno.EIO, exc.strerror) from exc
    finally:
        os.close(fd)


def _temp_name(path: PathLike) -> str:
    folder, name = os.path.split(os.fspath(path))
    return os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")


def _write_all(fd: int, data: bytes | bytearray, what: str | None) -> None:
    view = memoryview(data)
    half = len(view) // 2
    written = 0
    while written < half:
        written += _write(fd, view[written:half])
    _checkpoint("half-written", what)
    while written < len(view):
        written += _write(fd, view[written:])


def atomic_write_bytes(
    path: PathLike,
    data: bytes | bytearray,
    *,
    durable: bool = True,
    public: bool = False,
    _crash_label: str | None = None,
) -> None:
    """Write data to path so that a crash leaves the old or the new file, never a mix.

    mlpath's own files are private (0600). A `public` file (an export, the config)
    gets the usual permissions under the umask, or keeps those of the file it replaces.

    On a failure the temp file is removed and the old file is untouched, except
    when only the final folder fsync fails: then the new file is in place and
    _SavedButNotDurable (an OSError) says so, so the caller can roll back.
    """
    if _in_place:  # the broken writer the reliability suite must catch
        fd = _open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            _write_all(fd, data, _crash_label)
        finally:
            os.close(fd)
        return
    tmp = _temp_name(path)
    fd = -1
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = _open(tmp, flags, 0o666 if public else 0o600)
        if public and hasattr(os, "fchmod"):
            with contextlib.suppress(OSError):
                os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode))
        _checkpoint("temp-created", _crash_label)
        _write_all(fd, data, _crash_label)
        if durable:
            _fsync(fd)
        _checkpoint("fsynced", _crash_label)
        os.close(fd)
        fd = -1
        _checkpoint("before-rename", _crash_label)
        _replace(tmp, path)
    except BaseException:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _checkpoint("after-rename", _crash_label)
    if durable:
        _fsync_dir(os.path.dirname(os.fspath(path)) or os.curdir)


def remove_stale_temps(folder: PathLike, name: str) -> list[Path]:
    """Delete temp files of `name` left in `folder` by saves that were killed.

    A temp file is stale when the process that made it is gone or it is over an
    hour old; a live writer's temp file is left alone. Returns what was removed.
    """
    removed: list[Path] = []
    for tmp in stray_temps(folder, name):
        m = re.match(_TEMP, tmp.name)
        pid = int(m["pid"]) if m else 0
        try:
            old = time.time() - tmp.stat().st_mtime > STALE_TEMP_SECONDS
        except OSError:
            continue
        if old or pid == os.getpid() or not _alive(pid):
            with contextlib.suppress(OSError):
                tmp.unlink()
                removed.append(tmp)
    return removed


def stray_temps(folder: PathLike, name: str) -> list[Path]:
    """Temp files of `name` (state.json, state.json.bak) in `folder`."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    out = []
    for entry in entries:
        if not entry.name.endswith(".tmp"):
            continue
        m = re.match(_TEMP, entry.name)
        if m and m["name"] in (name, name + ".bak"):
            from pathlib import Path

            out.append(Path(entry.path))
    return sorted(out)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover
        return True  # cannot tell cheaply; the age rule cleans up
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def recovery_hint(path: PathLike) -> str:
    bak = os.fspath(path) + ".bak"
    if os.path.exists(bak):
        return (
            f"mlpath left it untouched. `mlpath doctor --restore` puts back the previous "
            f"version from {bak} and keeps this one aside."
        )
    return (
        f"mlpath left it untouched; there is no backup ({bak} does not exist). Move it aside "
        "to start afresh, or repair it by hand (`mlpath doctor` explains what is wrong)."
    )


def upgrade(data: dict[str, Any], path: PathLike) -> dict[str, Any]:
    """Bring a parsed state of an older version up to VERSION (in memory)."""
    start: int = data["version"]
    version = start
    if version >= VERSION:
        return data
    from mlpath.store.migrations import MIGRATIONS

    while version < VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StateError(
                f"{path} has state version {start}, which this mlpath cannot upgrade to "
                f"version {VERSION}.",
                recovery_hint(path),
            )
        try:
            data = step(data)
        except Exception:  # a damaged old file: refuse it like any damaged file
            raise StateError(
                f"{path} (state version {start}) is damaged and cannot be upgraded.",
                recovery_hint(path),
            ) from None
        version += 1
        data["version"] = version
    return data


def check_shape(data: Any, path: PathLike) -> dict[str, Any]:
    """A parsed state must have the shape this version writes, or it is refused."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StateError(f"{path} is not an mlpath state file.", recovery_hint(path))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StateError(f"{path} has no valid version number.", recovery_hint(path))
    if version > VERSION:
        bak = os.fspath(path) + ".bak"
        raise StateError(
            f"{path} was written by a newer mlpath (state version {version}; this one "
            f"reads up to {VERSION}).",
            "Upgrade mlpath (`pip install -U mlpath`); the file was left untouched."
            + (
                f" If no newer mlpath ever wrote it, it is damaged: `mlpath doctor --restore` "
                f"puts back {bak}."
                if os.path.exists(bak)
                else ""
            ),
        )
    state = upgrade(data, path)
    from mlpath.core.ledger import check_state

    problem = check_state(state)
    if problem:
        raise StateError(f"{path} is damaged: {problem}.", recovery_hint(path))
    return state


def parse_state(raw: bytes, path: PathLike) -> dict[str, Any]:
    """Bytes of a state file -> the state (upgraded), or StateError naming path."""
    if not raw.strip():
        raise StateError(f"{path} is empty.", recovery_hint(path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise StateError(f"{path} is not UTF-8 text (damaged).", recovery_hint(path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        from mlpath.store.copies import has_git_conflict

        if has_git_conflict(raw):
            raise StateError(
                f"{path} holds a git merge conflict: both sides of it are in the file.",
                "`mlpath merge` merges them into one, losing nothing (and `mlpath sync` "
                "merges by itself next time).",
            ) from None
        raise StateError(
            f"{path} is not valid JSON (line {exc.lineno}: {exc.msg}); it may be "
            "truncated or damaged.",
            recovery_hint(path),
        ) from None
    except RecursionError:
        raise StateError(f"{path} nests too deeply.", recovery_hint(path)) from None
    except ValueError as exc:  # e.g. an integer too long to convert
        raise StateError(f"{path} is damaged: {exc}.", recovery_hint(path)) from None
    return check_shape(data, path)


def write_archive(folder: str, first: int, last: int, data: bytes | bytearray) -> bool:
    """Keep the lines of events seq `first` to `last` that a compaction moved out of the
    state in `folder`, in state.json.history/, written durably (before the state is).
    False when they cannot be written: the caller then keeps every event in the state
    rather than lose history."""
    history = os.path.join(folder, STATE_NAME + ".history")
    if os.path.islink(history):
        return False  # never write through a link
    try:
        if not os.path.isdir(history):
            os.mkdir(history)
        atomic_write_bytes(os.path.join(history, f"events-{first:09d}-{last:09d}.jsonl"), data)
    except OSError:
        return False
    return True


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_regular(
    path: PathLike, limit: int = MAX_STATE_BYTES, *, follow: bool = True
) -> bytes | None:
    """The bytes of path (symlinks followed unless `follow` is False), None when
    missing; StateError otherwise.

    Refuses what is not a regular file (a folder, a pipe, a device) without
    blocking on it, and anything larger than limit. With follow=False a symlink
    is refused (a file mlpath keeps for itself, such as the .bak).
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    if not follow:
        flags |= _NOFOLLOW
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if follow or exc.errno != errno.ELOOP or not os.path.islink(path):
            raise _open_error(path, exc) from None
        raise StateError(
            f"{path} is a symbolic link; mlpath never reads its own files through one.",
            f"Delete the link (`rm {_quoted(path)}`); the next change writes a real file.",
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise StateError(f"{path} is not a regular file.", recovery_hint(path))
        if info.st_size > limit:
            raise StateError(
                f"{path} is {info.st_size / 1024 / 1024:.0f} MB, far larger than any mlpath state.",
                recovery_hint(path),
            )
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise StateError(
                    f"{path} is far larger than any mlpath state.", recovery_hint(path)
                )
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise StateError(
            f"Cannot read {path}: {exc.strerror or exc}.", "Check the file and its permissions."
        ) from None
    finally:
        os.close(fd)


def _quoted(path: str | os.PathLike[str]) -> str:
    import shlex

    return shlex.quote(os.fspath(path))


def _open_error(path: PathLike, exc: OSError) -> StateError:
    if isinstance(exc, IsADirectoryError):
        return StateError(f"{path} is a folder, not a state file.", recovery_hint(path))
    if isinstance(exc, NotADirectoryError):
        return _not_a_folder(path) or StateError(f"Cannot read {path}: not a folder.")
    return StateError(
        f"Cannot read {path}: {exc.strerror or exc}.", "Check the file and its permissions."
    )


def _take_lock(fd: int, started: float, busy: Callable[[], StateError]) -> None:
    """flock(fd) exclusively, giving up after LOCK_TIMEOUT seconds.

    Polls every 2 ms: measured against a blocking flock (in a helper thread, to
    keep the timeout), polling hands the lock on faster when fifty processes
    queue on two cores, and it needs no thread.
    """
    import fcntl

    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() - started > LOCK_TIMEOUT:
                raise busy() from None
            time.sleep(0.002)


class Store:
    """One state folder: state.json, its backup and its lock.

    Held as plain strings (`folder`, `file`, `backup_file`): a change needs no
    pathlib, whose import was a tenth of `done`'s start-up. `home`, `path` and
    `backup` give them as Paths to the commands that want one."""

    def __init__(self, home: PathLike) -> None:
        from mlpath.store.paths import home_str

        self.folder = home_str(home)
        self.file = os.path.join(self.folder, STATE_NAME)
        self.backup_file = self.file + ".bak"
        self.lock_wait = 0.0
        self.written: FileId | None = None  # the file's identity after the last transaction

    @property
    def home(self) -> Path:
        from pathlib import Path

        return Path(self.folder)

    @property
    def path(self) -> Path:
        from pathlib import Path

        return Path(self.file)

    @property
    def backup(self) -> Path:
        from pathlib import Path

        return Path(self.backup_file)

    @property
    def lock_path(self) -> Path:
        """This machine's lock on the state, outside MLPATH_HOME (store/local.py)."""
        from pathlib import Path

        from mlpath.store.local import lock_path

        return Path(lock_path(self.folder))

    @property
    def old_lock_path(self) -> Path:
        """Where mlpath 0.3 kept its lock: ignored now, never opened."""
        return self.home / (STATE_NAME + ".lock")

    def _read_bytes(self) -> bytes | None:
        return read_regular(self.file)

    def append(self, state: dict[str, Any], kind: str, **fields: Any) -> dict[str, Any]:
        """Append an event written by this machine now (core/ledger.py's `append`
        with the time and the writer id it must not read itself)."""
        from mlpath.core import ledger
        from mlpath.store import local

        writer = local.machine_id(self.folder)
        floor = local.high_water(self.folder) + 1
        event = ledger.append(state, kind, now_stamp(), writer=writer, counter=floor, **fields)
        local.set_high_water(self.folder, int(event["id"][9:]))
        return event

    def parse(self, raw: bytes) -> dict[str, Any]:
        return parse_state(raw, self.file)

    def read(self) -> dict[str, Any]:
        """The current state, without locking (a reader sees the old or the new file)."""
        raw = self._read_bytes()
        return empty_state() if raw is None else self.parse(raw)

    def target(self) -> str:
        """Where saves really go: state.json, or the file it is a symlink to."""
        if os.path.islink(self.file):
            return os.path.realpath(self.file)
        return self.file

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            os.makedirs(self.folder, exist_ok=True)
        except OSError as exc:
            raise _io_error(self.file, exc) from None
        started = time.monotonic()
        if _no_lock:  # test-only: the race the suite must catch
            self.lock_wait = 0.0
            yield
            return
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            from filelock import FileLock, Timeout

            lock = FileLock(str(self.lock_path), timeout=LOCK_TIMEOUT)
            try:
                lock.acquire()
            except Timeout:
                raise self._busy() from None
            self._acquired(started)
            try:
                yield
            finally:
                lock.release()
            return

        fd = self._open_lock()
        try:
            # flock is released by the kernel when the holder dies, even on SIGKILL.
            _take_lock(fd, started, self._busy)
            self._acquired(started)
            _note_holder(fd)
            _checkpoint("locked", "")
            yield
        finally:
            os.close(fd)

    def _open_lock(self) -> int:
        """The lock file, made 0600 in this machine's folder; a link there is refused."""
        from mlpath.store.local import local_dir

        try:
            folder = local_dir(self.folder, create=True)
        except OSError as exc:
            raise StateError(
                f"Cannot make mlpath's lock folder {local_dir(self.folder)}: {_reason(exc)}; "
                "nothing was changed.",
                "mlpath keeps its lock in the user cache folder: fix its permissions, or set "
                "MLPATH_CACHE_DIR to a folder you can write.",
            ) from None
        try:
            lock = os.path.join(folder, "lock")
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | _NOFOLLOW, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise _linked_lock(self.lock_path) from None
            raise _io_error(self.file, exc) from None
        try:
            regular = stat.S_ISREG(os.fstat(fd).st_mode)
        except OSError:
            regular = False
        if not regular:
            os.close(fd)
            raise StateError(
                f"{self.lock_path} is not a regular file, so mlpath cannot lock the state.",
                f"Remove it (`rm -r {_quoted(self.lock_path)}`); mlpath makes a new one.",
            )
        return fd

    def _acquired(self, started: float) -> None:
        self.lock_wait = time.monotonic() - started
        if _report_wait_to:
            with contextlib.suppress(OSError):
                fd = os.open(_report_wait_to, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                try:
                    os.write(fd, f"{self.lock_wait:.6f}\n".encode())
                finally:
                    os.close(fd)

    def _busy(self) -> StateError:
        return StateError(
            f"Another mlpath has held the lock on {self.file} for over {LOCK_TIMEOUT:.0f}s.",
            "Wait for it to finish, then try again (`mlpath doctor` shows who holds it).",
        )

    def locked(self) -> contextlib.AbstractContextManager[None]:
        """The state's lock, for work that changes it other than by a transaction
        (`mlpath sync` while git rewrites state.json)."""
        return self._locked()

    @contextlib.contextmanager
    def transaction(
        self, parse: Callable[[bytes], dict[str, Any]] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Lock, read, let the caller change the state, then write it atomically.

        Nothing is written if the caller raises or leaves the state unchanged
        (an older version is written in the new one with the first change).
        `parse` reads the file's bytes instead of the usual check (`mlpath merge`
        reads a state.json that holds a git conflict); then the state is written
        whenever its bytes would differ.
        """
        with self._locked():
            raw = self._read_bytes()
            state = empty_state() if raw is None else (parse or self.parse)(raw)
            before = None if parse else _signature(state)
            yield state
            if raw is not None and before is not None and _signature(state) == before:
                self.written = file_id(self.file)
                return
            state["version"] = VERSION
            self._archive_old_events(state)
            new = encode_state(state)
            if new != raw:
                self._save(raw, new)
            # taken under the lock: the identity of exactly this state, for the caches
            # a command fills for the next read (app/views.py)
            self.written = file_id(self.file)

    def _archive_old_events(self, state: dict[str, Any]) -> None:
        """Past COMPACT_AT events, fold the old ones into the state's snapshot and
        keep them, unchanged, in an archive file written (durably) before the state."""
        from mlpath.core.compaction import COMPACT_AT, compact

        if len(state.get("events", [])) <= COMPACT_AT:
            return
        trial = dict(state)
        moved = compact(trial)
        if moved and self.archive(moved):
            state.clear()
            state.update(trial)

    def archive(self, moved: list[dict[str, Any]]) -> bool:
        """Keep the events a compaction moved out of the state, unchanged, in an archive
        file beside it (`write_archive`)."""
        return write_archive(self.folder, moved[0]["seq"], moved[-1]["seq"], archive_lines(moved))

    def _save(self, raw: bytes | None, new: bytes) -> None:
        target = self.target()
        try:
            if raw is not None:
                atomic_write_bytes(self.backup_file, raw, _crash_label="bak")
            atomic_write_bytes(target, new, _crash_label="")
        except _SavedButNotDurable as exc:
            # The new file is in place but may not survive a power cut: put the
            # old one back, so what is on disk matches what we report.
            with contextlib.suppress(OSError):
                if raw is None:
                    os.unlink(target)
                else:
                    atomic_write_bytes(target, raw, durable=False)
            raise _io_error(self.file, exc) from None
        except OSError as exc:
            raise _io_error(self.file, exc) from None
        if not _no_lock:
            remove_stale_temps(self.folder, STATE_NAME)
            elsewhere, name = os.path.split(target)
            if elsewhere != self.folder:
                remove_stale_temps(elsewhere, name)

    def restore_backup(self, keep_as: PathLike) -> None:
        """Put state.json.bak back as state.json, keeping the current file as keep_as.

        The backup must read as a valid state. The current file is linked (or
        copied) to keep_as before the backup is renamed over it, so a crash at
        any point leaves the damaged file, its copy or the restored file.
        """
        with self._locked():
            bak = read_regular(self.backup_file, follow=False)
            if bak is None:
                raise StateError(
                    f"There is no backup to restore ({self.backup_file} does not exist)."
                )
            parse_state(bak, self.backup_file)
            target = self.target()
            kept = False
            try:
                if os.path.isdir(target):
                    raise StateError(f"{target} is a folder; move it aside by hand first.")
                if os.path.lexists(target):
                    try:
                        os.link(target, keep_as)
                    except OSError:
                        import shutil

                        shutil.copyfile(target, keep_as)
                    kept = True
                atomic_write_bytes(target, bak)
            except OSError as exc:
                if kept:  # the file stays as it was: its kept copy would say otherwise
                    with contextlib.suppress(OSError):
                        os.unlink(keep_as)
                raise _io_error(self.file, exc) from None

    def lock_holder(self) -> int | None:
        """The pid holding the lock right now, 0 if unknown, None if it is free."""
        if sys.platform == "win32":  # pragma: no cover
            return None
        import fcntl

        try:
            fd = os.open(self.lock_path, os.O_RDONLY | os.O_CLOEXEC | _NOFOLLOW)
        except OSError:
            return None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                text = os.pread(fd, _HOLDER_WIDTH, 0).decode("ascii", "replace").strip()
                return int(text) if text.isdigit() else 0
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)


_HOLDER_WIDTH = 24  # the pid, space-padded: written in place, so never a truncate


def _note_holder(fd: int) -> None:
    """Write who holds the lock (for `mlpath doctor`) into a lock file mlpath made:
    one link and no longer than the note; anything else is left as it is."""
    try:
        info = os.fstat(fd)
        if info.st_nlink == 1 and info.st_size <= _HOLDER_WIDTH:
            os.pwrite(fd, f"{os.getpid():<{_HOLDER_WIDTH - 1}}\n".encode(), 0)
    except OSError:
        pass


def _linked_lock(lock: PathLike) -> StateError:
    return StateError(
        f"{lock} is a symbolic link; mlpath never takes its lock through one.",
        f"Delete it (`rm {_quoted(lock)}`); mlpath makes a new one.",
    )


def now_stamp() -> str:
    """The time of an event: UTC to the microsecond (the one clock read for `at`)."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _signature(state: dict[str, Any]) -> object:
    """Cheap change detection: events are only ever appended, so their count and the
    last one stand for all of them; the rest of the state is small."""
    events = state.get("events", [])
    rest = {k: v for k, v in state.items() if k != "events"}
    last = json.dumps(events[-1], sort_keys=True) if events else None
    return len(events), last, json.dumps(rest, sort_keys=True, default=str)


def __getattr__(name: str) -> Any:
    """The migrations by their old names here (`state.MIGRATIONS`), loaded on use."""
    if name in ("MIGRATIONS", "migrate_1_to_2", "migrate_2_to_3"):
        from mlpath.store import migrations

        return getattr(migrations, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def store_for(home: str | os.PathLike[str] | None = None) -> Store:
    from mlpath.store.paths import home_str

    return Store(home_str(home))


__all__ = [
    "Store",
    "store_for",
    "atomic_write_bytes",
    "empty_state",
    "encode_state",
    "parse_state",
    "check_shape",
    "recovery_hint",
    "MlpathError",
]
