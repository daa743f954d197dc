"""The state file: the only module that writes mlpath's files.

state.json holds what cannot be derived: the plan settings and an append-only
list of events. Every change takes an exclusive lock, re-reads the file,
applies the change, writes a temp file in the same folder, fsyncs it,
renames it over the old one and fsyncs the folder; the previous version is
kept as state.json.bak. A file that does not read as a valid state is never
overwritten: the user is told which file and how to recover.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import MlpathError, StateError

STATE_NAME = "state.json"
FORMAT = "mlpath-state"
VERSION = 1
MAX_STATE_BYTES = 64 * 1024 * 1024
LOCK_TIMEOUT = 30.0

# Indirections so the reliability tests can inject faults (ENOSPC, EIO) at the
# k-th write, fsync or rename without touching the real os module.
_open = os.open
_write = os.write
_fsync = os.fsync
_replace = os.replace
_crash_at = os.environ.get("MLPATH_TEST_CRASH_AT", "")


def _checkpoint(step: str) -> None:
    """Test-only crash hook: inert unless MLPATH_TEST_CRASH_AT names this step."""
    if _crash_at and _crash_at == step:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def empty_state() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "events": []}


def _io_error(path: Path, exc: OSError) -> StateError:
    import errno

    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.EIO: "an I/O error occurred",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return StateError(
        f"Could not save {path}: {reason}; nothing was changed.",
        "Free space or fix permissions, then run the command again.",
    )


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        _fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write data to path so that a crash leaves the old or the new file, never a mix."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = -1
    try:
        fd = _open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        _checkpoint("temp-created")
        view = memoryview(data)
        half = len(view) // 2
        written = 0
        while written < len(view):
            if written >= half:
                _checkpoint("half-written")
            written += _write(fd, view[written:])
        if durable:
            _fsync(fd)
        _checkpoint("fsynced")
        os.close(fd)
        fd = -1
        _checkpoint("before-rename")
        _replace(tmp, path)
        _checkpoint("after-rename")
        if durable:
            _fsync_dir(path.parent)
    except BaseException:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _recovery_hint(path: Path) -> str:
    bak = path.with_name(path.name + ".bak")
    if bak.exists():
        return (
            f"mlpath left it untouched. Run `mlpath doctor` to check it, or restore the "
            f"previous version with `cp '{bak}' '{path}'`."
        )
    return (
        "mlpath left it untouched. Move it aside to start afresh, or repair it by hand "
        "(`mlpath doctor` explains what is wrong)."
    )


def _check_shape(data: Any, path: Path) -> dict[str, Any]:
    """A parsed state must have the shape this version writes, or it is refused."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StateError(f"{path} is not an mlpath state file.", _recovery_hint(path))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StateError(f"{path} has no valid version number.", _recovery_hint(path))
    if version > VERSION:
        raise StateError(
            f"{path} was written by a newer mlpath (state version {version}; this one "
            f"reads up to {VERSION}).",
            "Upgrade mlpath (`pip install -U mlpath`); the file was left untouched.",
        )
    from .state_model import check_state

    problem = check_state(data)
    if problem:
        raise StateError(f"{path} is damaged: {problem}.", _recovery_hint(path))
    return data


class Store:
    """One state folder: state.json, its backup and its lock."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.path = home / STATE_NAME
        self.backup = home / (STATE_NAME + ".bak")
        self.lock_path = home / (STATE_NAME + ".lock")
        self.lock_wait = 0.0

    def _read_bytes(self) -> bytes | None:
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StateError(f"Cannot read {self.path}: {exc.strerror}.") from None
        if size > MAX_STATE_BYTES:
            raise StateError(
                f"{self.path} is {size / 1024 / 1024:.0f} MB, far larger than any mlpath state.",
                _recovery_hint(self.path),
            )
        try:
            with open(self.path, "rb") as fh:
                return fh.read()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StateError(f"Cannot read {self.path}: {exc.strerror}.") from None

    def parse(self, raw: bytes) -> dict[str, Any]:
        if not raw.strip():
            raise StateError(f"{self.path} is empty.", _recovery_hint(self.path))
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise StateError(
                f"{self.path} is not UTF-8 text (damaged).", _recovery_hint(self.path)
            ) from None
        except json.JSONDecodeError as exc:
            raise StateError(
                f"{self.path} is not valid JSON (line {exc.lineno}: {exc.msg}); it may be "
                "truncated or damaged.",
                _recovery_hint(self.path),
            ) from None
        except RecursionError:
            raise StateError(f"{self.path} nests too deeply.", _recovery_hint(self.path)) from None
        return _check_shape(data, self.path)

    def read(self) -> dict[str, Any]:
        """The current state, without locking (a reader sees the old or the new file)."""
        raw = self._read_bytes()
        return empty_state() if raw is None else self.parse(raw)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _io_error(self.home, exc) from None
        started = time.monotonic()
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            from filelock import FileLock, Timeout

            lock = FileLock(str(self.lock_path), timeout=LOCK_TIMEOUT)
            try:
                lock.acquire()
            except Timeout:
                raise self._busy() from None
            self.lock_wait = time.monotonic() - started
            try:
                yield
            finally:
                lock.release()
            return
        import fcntl

        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise _io_error(self.lock_path, exc) from None
        try:
            # flock is released by the kernel when the holder dies, even on SIGKILL.
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() - started > LOCK_TIMEOUT:
                        raise self._busy() from None
                    time.sleep(0.002)
            self.lock_wait = time.monotonic() - started
            yield
        finally:
            os.close(fd)

    def _busy(self) -> StateError:
        return StateError(
            f"Another mlpath has held the lock on {self.path} for over {LOCK_TIMEOUT:.0f}s.",
            "Wait for it to finish, then try again.",
        )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[dict[str, Any]]:
        """Lock, read, let the caller change the state, then write it atomically.

        Nothing is written if the caller raises or leaves the state unchanged.
        """
        with self._locked():
            raw = self._read_bytes()
            state = empty_state() if raw is None else self.parse(raw)
            before = json.dumps(state, sort_keys=True)
            yield state
            if json.dumps(state, sort_keys=True) == before and raw is not None:
                return
            state["version"] = VERSION
            new = (json.dumps(state, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
            try:
                if raw is not None:
                    atomic_write_bytes(self.backup, raw)
                atomic_write_bytes(self.path, new)
            except OSError as exc:
                raise _io_error(self.path, exc) from None


def store_for(home: str | os.PathLike[str] | None = None) -> Store:
    from .paths import home_dir

    return Store(home_dir(home))


__all__ = ["Store", "store_for", "atomic_write_bytes", "empty_state", "MlpathError"]
