"""A fork server that runs real mlpath commands in real, separate processes.

Starting a Python interpreter costs ~0.2 s, so 1,000 concurrent writers or
300 kills would take minutes. This script imports mlpath once, then forks one
child per command: every command still runs in its own process (own pid, own
file descriptors, own lock, killed with a real SIGKILL), through the same
entry point as `python -m mlpath` (mlpath.__main__.main), only without paying
for the imports again. The suite also runs a round through `python -m mlpath`
itself, to show the two behave the same.

Protocol: one JSON request per line on stdin, one JSON reply per line on stdout.
  {"op": "batch", "commands": [{"argv": [...], "env": {...}}, ...]}
      forks all commands at once, waits for all -> {"status": [code, ...]}
      (a negative code is the signal that ended the child).
  {"op": "kill", "argv": [...], "env": {...}, "after": SECONDS}
      forks one command, SIGKILLs it after SECONDS unless it ended first
      -> {"status": code, "killed": bool}
MLPATH_DRIVER_SETUP=module:function in a command's env calls that function (from
this folder) in the child first, e.g. to install a simulated newer state version.
A child's stderr goes to a file in MLPATH_DRIVER_ERRDIR named after its pid,
so the test can show what a failing command said.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from typing import Any

# Import everything a command needs before forking, so children start warm.
import mlpath.__main__
import mlpath.app.actions
import mlpath.app.session
import mlpath.cli.main
import mlpath.core.views
import mlpath.store.catalog
import mlpath.store.state

for _optional in ("mlpath.cli.fastpath", "mlpath.render.roadmaps", "mlpath.app.clock"):
    try:
        __import__(_optional)
    except ImportError:
        pass

ERRDIR = os.environ.get("MLPATH_DRIVER_ERRDIR", "")
_HOOKS = {
    "MLPATH_TEST_CRASH_AT": ("_crash_at", str),
    "MLPATH_TEST_NO_LOCK": ("_no_lock", lambda v: v == "1"),
    "MLPATH_TEST_IN_PLACE": ("_in_place", lambda v: v == "1"),
    "MLPATH_TEST_REPORT_LOCK_WAIT": ("_report_wait_to", str),
}


def _child(argv: list[str], env: dict[str, str]) -> None:
    """Runs in the forked child: never returns."""
    code = 70
    try:
        os.environ.update(env)
        for var, (attr, conv) in _HOOKS.items():  # storage reads these at import
            if var in env:
                setattr(mlpath.store.state, attr, conv(env[var]))
        setup = env.get("MLPATH_DRIVER_SETUP")  # "module:function" run first, e.g. a fake v2
        if setup:
            module, function = setup.split(":")
            getattr(__import__(module), function)()
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 0)  # stdin is the request pipe: never the child's
        os.dup2(devnull, 1)
        if ERRDIR:
            err = os.open(
                os.path.join(ERRDIR, f"{os.getpid()}.err"), os.O_WRONLY | os.O_CREAT, 0o600
            )
            os.dup2(err, 2)
        else:
            os.dup2(devnull, 2)
        sys.argv = ["mlpath", *argv]
        try:
            mlpath.__main__.main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except Exception:
                pass
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 71
    os._exit(code)


def _status(wait_status: int) -> int:
    if os.WIFSIGNALED(wait_status):
        return -os.WTERMSIG(wait_status)
    return os.WEXITSTATUS(wait_status)


def _fork(argv: list[str], env: dict[str, str]) -> int:
    pid = os.fork()
    if pid == 0:
        _child(argv, env)
    return pid


def batch(commands: list[dict[str, Any]]) -> dict[str, Any]:
    pids = [_fork(c["argv"], c.get("env", {})) for c in commands]
    status = [_status(os.waitpid(pid, 0)[1]) for pid in pids]
    return {"status": status, "pids": pids}


def kill(argv: list[str], env: dict[str, str], after: float) -> dict[str, Any]:
    pid = _fork(argv, env)
    deadline = time.monotonic() + after
    while True:
        done_pid, wait_status = os.waitpid(pid, os.WNOHANG)
        if done_pid:
            return {"status": _status(wait_status), "killed": False, "pid": pid}
        left = deadline - time.monotonic()
        if left <= 0:
            break
        time.sleep(min(left, 0.001))
    os.kill(pid, signal.SIGKILL)
    _, wait_status = os.waitpid(pid, 0)
    return {"status": _status(wait_status), "killed": _status(wait_status) == -9, "pid": pid}


def main() -> None:
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        if req["op"] == "batch":
            reply = batch(req["commands"])
        elif req["op"] == "kill":
            reply = kill(req["argv"], req.get("env", {}), float(req["after"]))
        else:
            reply = {"error": f"unknown op {req['op']}"}
        out.write(json.dumps(reply) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
