"""Where the fidelity tests find the roadmaps' source documents, and the one line a
skip says when they are not there."""

from __future__ import annotations

import os
from pathlib import Path

# ../shared/seeds beside the checkout, or MLPATH_SEEDS
SEEDS = Path(
    os.environ.get("MLPATH_SEEDS") or Path(__file__).resolve().parents[2] / "shared" / "seeds"
)


def missing(path: Path) -> str:
    return (
        f"source document {path.name} not found: put the seed documents in {SEEDS} "
        "(../shared/seeds beside the checkout) or set MLPATH_SEEDS to their folder"
    )
