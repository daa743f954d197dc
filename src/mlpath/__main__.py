"""`python -m mlpath` and the `mlpath` console script.

The daily commands take a fast path that skips Typer and rich (see
cli/fastpath.py); everything else, and anything the fast path does not fully
understand, goes to the Typer app. MLPATH_NO_FASTPATH=1 forces Typer.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    from mlpath.cli.output import allow_detach

    allow_detach()  # the real command line: a change may draw the next screens ahead
    if not os.environ.get("MLPATH_NO_FASTPATH"):
        from mlpath.cli.fastpath import main as fast

        code = fast(sys.argv[1:])
        if code is not None:
            sys.exit(code)
    from mlpath.cli.main import run

    run()


if __name__ == "__main__":
    main()
