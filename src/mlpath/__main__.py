"""`python -m mlpath` and the `mlpath` console script.

The daily commands take a fast path that skips Typer and rich (see
cli/fastpath.py); everything else, and anything the fast path does not fully
understand, goes to the Typer app. MLPATH_NO_FASTPATH=1 forces Typer.

Two things are settled before anything else: a closed standard stream (cron,
systemd, `mlpath assess <&-`) is reopened on /dev/null, so no file mlpath opens
can land on fd 0-2 and `sys.stdin` is never None; and Ctrl-C at any moment,
start-up imports included, ends with one line and exit 130.
"""

from __future__ import annotations

import gc
import os
import sys

# A command lives a fraction of a second and allocates some tens of thousands of
# objects, nearly none in cycles: collecting the youngest generation every 700
# allocations (the default) cost a change ~3 ms and a warm `next` ~1 ms. Long runs
# (merge, the app) still collect, every 20,000.
GC_YOUNG = 20_000


def _reopen_closed_streams() -> None:
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDWR)
            except OSError:
                continue
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            if getattr(sys, name) is None:
                setattr(sys, name, open(fd, mode, closefd=False))  # noqa: SIM115


def _interrupted() -> None:
    try:
        sys.stderr.write("Interrupted.\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError, KeyboardInterrupt):
        pass
    sys.exit(130)


def main() -> None:
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
    try:
        _reopen_closed_streams()
        if not os.environ.get("MLPATH_NO_FASTPATH"):
            from mlpath.cli.fastpath import main as fast

            code = fast(sys.argv[1:])
            if code is not None:
                sys.exit(code)
        from mlpath.cli.main import run

        run()
    except KeyboardInterrupt:
        _interrupted()


if __name__ == "__main__":
    main()
