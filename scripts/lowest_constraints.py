#!/usr/bin/env python3
"""Print a pip constraints file pinning every runtime dependency to the lowest
version pyproject.toml declares, so CI can prove mlpath works at that end too.

    python scripts/lowest_constraints.py > lowest.txt
    pip install -c lowest.txt -e '.[test]'

Only `>=` bounds are read (mlpath declares no other kind of lower bound); the
test tools are left free, since they are not what users install.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)")


def lowest(requirements: list[str]) -> list[str]:
    pins = []
    for req in requirements:
        m = _REQ.match(req)
        if not m:
            raise SystemExit(f"pyproject.toml: cannot read the requirement {req!r}")
        name, spec = m.group(1), m.group(2)
        low = re.search(r">=\s*([0-9][0-9A-Za-z.]*)", spec)
        if not low:
            raise SystemExit(f"pyproject.toml: {name} declares no lower bound (>=); add one")
        pins.append(f"{name}=={low.group(1)}")
    return pins


def main() -> int:
    with PYPROJECT.open("rb") as fh:
        project = tomllib.load(fh)["project"]
    print("\n".join(lowest(project["dependencies"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
