"""git's merge driver for state.json: `python -m mlpath.app.merge_driver %O %A %B`.

`mlpath sync` installs it (`.gitattributes`: `state.json merge=mlpath`, and
`merge.mlpath.driver` in the repository's config) with the interpreter that runs
mlpath, so it works from a virtual environment. git calls it with the common
ancestor (%O, unused: a union needs none), this side (%A, where the result
goes) and the other side (%B). Exit 0 when merged; otherwise one sentence on
stderr, %A left as it was and exit 1, so git reports a conflict.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mlpath.core.merge import merge_states
from mlpath.errors import MlpathError
from mlpath.store.state import (
    VERSION,
    atomic_write_bytes,
    empty_state,
    encode_state,
    parse_state,
    read_regular,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _read(path: Path, label: str) -> dict[str, Any]:
    raw = read_regular(path)
    if raw is None or not raw.strip():
        return empty_state()  # a side where state.json did not exist
    return parse_state(raw, Path(label))


def merge_sides(ours: Path, theirs: Path) -> None:
    """Merge `theirs` into `ours` (in place); MlpathError when they cannot be merged."""
    from mlpath.app.merge_stream import merge_sides_long

    if merge_sides_long(ours, theirs):  # two long histories, as their events come
        return
    a = _read(ours, "state.json (this side)")
    b = _read(theirs, "state.json (the other side)")
    merged = merge_states(
        [("this side's state.json", a), ("the other side's state.json", b)],
        renumber_in_place=True,  # both sides are this function's own
    )
    merged["version"] = VERSION
    atomic_write_bytes(ours, encode_state(merged))


DRIVER_SAYS = "mlpath could not merge state.json:"  # `sync` finds its reason by it


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        sys.stderr.write("usage: python -m mlpath.app.merge_driver ANCESTOR OURS THEIRS\n")
        return 2
    from mlpath.app.merge import no_gc

    try:
        with no_gc():
            merge_sides(Path(argv[1]), Path(argv[2]))
    except (MlpathError, OSError) as exc:
        from mlpath.render.safe import line

        # git shows this on the terminal; the reason may quote the other side's data
        sys.stderr.write(f"{DRIVER_SAYS} {line(str(exc))}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
