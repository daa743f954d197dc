"""Where the fidelity tests find the roadmaps' source documents, and the one line a
skip says when they are not there."""

from __future__ import annotations

import os
from pathlib import Path

# ../shared/seeds beside the checkout, or MLPATH_SEEDS
SEEDS = Path(
    os.environ.get("MLPATH_SEEDS") or Path(__file__).resolve().parents[2] / "shared" / "seeds"
)

# each bundled roadmap's source document (PRODUCT.md's table)
SEED_OF = {
    "beginner": "001_b44ec498a593bf0f.txt",
    "intermediate": "000_48510381da3ad9be.txt",
    "job-ready": "002_ac044bb731e596cf.txt",
    "complete": "003_a1f62e1f066ee2f2.txt",
    "practical": "004_7705888a3d816aa3.txt",
}


def missing(path: Path) -> str:
    return (
        f"source document {path.name} not found: put the seed documents in {SEEDS} "
        "(../shared/seeds beside the checkout) or set MLPATH_SEEDS to their folder"
    )
