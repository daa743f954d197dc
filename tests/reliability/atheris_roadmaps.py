"""libFuzzer (atheris) harness for the roadmap loader, run by test_atheris.py.

    python atheris_roadmaps.py CORPUS_DIR -runs=N ...

Any exception other than RoadmapError, or a RoadmapError line that is not
`FILE:LINE: path: message`, is a crash that libFuzzer reports (exit != 0).
"""

from __future__ import annotations

import re
import sys

import atheris

with atheris.instrument_imports():
    from mlpath.core import roadmap
    from mlpath.store import roadmap_yaml
from mlpath.errors import RoadmapError

PROBLEM_RE = re.compile(r"\Afuzz\.yaml:(?P<line>[1-9]\d*): (?P<path>\S.*?): (?P<msg>\S.*)\Z")
assert roadmap  # instrumented for coverage feedback


def one(data: bytes) -> None:
    try:
        roadmap_yaml.load_roadmap_bytes(data, "fuzz.yaml")
    except RoadmapError as exc:
        for problem in exc.problems:
            if not PROBLEM_RE.match(problem):
                raise AssertionError(f"not FILE:LINE: path: message: {problem!r}") from None


if __name__ == "__main__":
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()
