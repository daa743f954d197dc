"""5. Hostile roadmaps: the loader only ever says FILE:LINE: path: message.

Over 10,000 Hypothesis inputs: line-level and structure-level mutations of the
real bundled roadmaps, YAML built from random data, and random bytes. Each
either loads (and then schedules without crashing) or raises RoadmapError whose
every line is `FILE:LINE: path: message`. Anything else counts as a traceback.
Alias bombs, deep nesting and huge files are refused quickly, in bounded memory.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import tracemalloc
from collections import Counter
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import ROADMAPS, Figures

from mlpath.core.schedule import Settings, build
from mlpath.errors import MlpathError, RoadmapError
from mlpath.store.roadmap_yaml import load_roadmap_bytes

NAME = "fuzz.yaml"
PROBLEM_RE = re.compile(r"\Afuzz\.yaml:(?P<line>[1-9]\d*): (?P<path>\S.*?): (?P<msg>\S.*)\Z")
SOURCES = {p.stem: p.read_bytes() for p in sorted(ROADMAPS.glob("*.yaml"))}
SMALL = ["beginner", "intermediate", "job-ready", "practical"]  # quicker to fuzz than complete
EXAMPLES = {"lines": 3500, "structure": 1500, "generated": 2000, "bytes": 3000}

TRICKY_LINES = [
    "&a",
    "*a",
    "<<: *a",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGk=",
    "? complex key",
    "- - -",
    "\t- tab",
    "%YAML 1.1",
    "---",
    "...",
    "{",
    "[",
    "'unterminated",
    '"\\x00"',
    "|",
    ">-",
    "key: 2027-01-04",
    "weeks: [3, 1]",
    "hours_per_week: -1",
    "hours_per_week: .inf",
    "weeks: .nan",
    "id: Not-Kebab",
    "id: " + "a" * 300,
    "null: ~",
    "number: 1e999",
    "number: 0x7fffffffffffffffffff",
    "schema: 99",
    "\ufeff",
    "\x85",
    "\u2028",
]


class Tally:
    def __init__(self) -> None:
        self.c: Counter[str] = Counter()
        self.problems: list[str] = []

    def check(self, data: bytes, label: str) -> None:
        self.c["inputs"] += 1
        try:
            roadmap = load_roadmap_bytes(data, NAME)
        except RoadmapError as exc:
            self.c["rejected"] += 1
            lines = data.count(b"\n") + 2
            for problem in exc.problems:
                m = PROBLEM_RE.match(problem)
                if m is None or int(m["line"]) > lines:
                    self.c["not FILE:LINE"] += 1
                    self.problems.append(f"{label}: not FILE:LINE: path: message: {problem!r}")
            return
        except Exception as exc:  # anything but RoadmapError is a bug
            self.c["tracebacks"] += 1
            self.problems.append(f"{label}: {type(exc).__name__}: {exc} on {data[:200]!r}")
            return
        self.c["accepted"] += 1
        try:  # an accepted roadmap must also schedule
            build(roadmap, Settings("beginner", Fraction(10), date(2027, 1, 4)))
        except MlpathError:
            pass
        except Exception as exc:
            self.c["tracebacks"] += 1
            self.problems.append(f"{label}: accepted, then build raised {type(exc).__name__}")

    def record(self, figures: Figures, what: str) -> None:
        figures.add("tracebacks", self.c["tracebacks"], self.c["inputs"])
        figures.add("rejections not FILE:LINE", self.c["not FILE:LINE"], self.c["rejected"])
        figures.note(
            f"hostile roadmaps: {self.c['inputs']} {what}: {self.c['rejected']} rejected, "
            f"{self.c['accepted']} accepted, {self.c['tracebacks']} tracebacks, "
            f"{self.c['not FILE:LINE']} rejections not FILE:LINE"
        )


def _settings(n: int) -> Any:
    return settings(
        max_examples=n,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _mutate_lines(text: str, data: st.DataObject) -> str:
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(
            st.sampled_from(["delete", "duplicate", "swap", "indent", "value", "insert"])
        )
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "indent":
            shift = data.draw(st.integers(-4, 4))
            lines[i] = " " * shift + lines[i] if shift > 0 else lines[i][-shift:]
        elif action == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            value = data.draw(
                st.one_of(st.sampled_from(TRICKY_LINES), st.text(max_size=20), st.integers())
            )
            lines[i] = f"{key}: {value}"
        else:
            indent = len(lines[i]) - len(lines[i].lstrip())
            tricky = data.draw(st.one_of(st.sampled_from(TRICKY_LINES), st.text(max_size=30)))
            lines.insert(i, " " * indent + tricky)
    return "\n".join(lines)


def _mutate_structure(doc: Any, data: st.DataObject) -> Any:
    values = st.recursive(
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(-(10**6), 10**6),
            st.floats(allow_nan=True, allow_infinity=True),
            st.text(max_size=10),
            st.dates(),
        ),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
        ),
        max_leaves=6,
    )
    for _ in range(data.draw(st.integers(1, 3))):
        node, key = doc, None
        for _depth in range(data.draw(st.integers(0, 6))):
            if isinstance(node, dict) and node:
                key = data.draw(st.sampled_from(sorted(node, key=str)))
            elif isinstance(node, list) and node:
                key = data.draw(st.integers(0, len(node) - 1))
            else:
                break
            if isinstance(node[key], (dict, list)) and data.draw(st.booleans()):
                node = node[key]
                key = None
            else:
                break
        action = data.draw(st.sampled_from(["replace", "delete", "add", "duplicate"]))
        if key is None:
            if isinstance(node, dict):
                node[data.draw(st.text(max_size=8))] = data.draw(values)
            elif isinstance(node, list):
                node.append(data.draw(values))
        elif action == "replace":
            node[key] = data.draw(values)
        elif action == "delete":
            del node[key]
        elif action == "add" and isinstance(node[key], dict):
            node[key][data.draw(st.text(max_size=8))] = data.draw(values)
        elif action == "duplicate" and isinstance(node, list):
            node.insert(key, node[key])
    return doc


def test_line_mutations_of_real_roadmaps(figures: Figures) -> None:
    tally = Tally()

    @_settings(EXAMPLES["lines"])
    @given(st.sampled_from(SMALL), st.data())
    def check(name: str, data: st.DataObject) -> None:
        text = _mutate_lines(SOURCES[name].decode("utf-8"), data)
        tally.check(text.encode("utf-8", "surrogatepass"), f"lines of {name}")

    check()
    tally.record(figures, "line mutations of the bundled roadmaps")
    assert tally.problems == []


def test_structure_mutations_of_real_roadmaps(figures: Figures) -> None:
    tally = Tally()
    parsed = {name: yaml.load(SOURCES[name], Loader=yaml.CSafeLoader) for name in SMALL}

    @_settings(EXAMPLES["structure"])
    @given(st.sampled_from(SMALL), st.data())
    def check(name: str, data: st.DataObject) -> None:
        doc = _mutate_structure(copy.deepcopy(parsed[name]), data)
        text = yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        tally.check(text.encode("utf-8", "surrogatepass"), f"structure of {name}")

    check()
    tally.record(figures, "structure mutations of the bundled roadmaps")
    assert tally.problems == []


def test_generated_yaml(figures: Figures) -> None:
    tally = Tally()
    keys = st.sampled_from(
        ["schema", "id", "title", "phases", "weeks", "hours_per_week", "topics", "milestone"]
    ) | st.text(max_size=6)
    docs = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
        max_leaves=20,
    )

    @_settings(EXAMPLES["generated"])
    @given(docs, st.booleans())
    def check(doc: Any, flow: bool) -> None:
        text = yaml.dump(doc, Dumper=yaml.CSafeDumper, default_flow_style=flow, allow_unicode=True)
        tally.check(text.encode("utf-8", "surrogatepass"), "generated")

    check()
    tally.record(figures, "YAML documents built from random data")
    assert tally.problems == []


def test_random_bytes(figures: Figures) -> None:
    tally = Tally()
    alphabet = st.sampled_from(list(b"ab:-[]{}&*!|>'\"#\n \t\x00\xff\xfe%?,.1") + [0xC3, 0xA9])

    @_settings(EXAMPLES["bytes"])
    @given(st.one_of(st.binary(max_size=200), st.lists(alphabet, max_size=200).map(bytes)))
    def check(data: bytes) -> None:
        tally.check(data, "bytes")

    check()
    tally.record(figures, "random byte strings")
    assert tally.problems == []


def test_fuzz_count(figures: Figures) -> None:
    figures.note(f"hostile roadmaps: {sum(EXAMPLES.values()):,} Hypothesis inputs in all")
    assert sum(EXAMPLES.values()) >= 10_000


# --- bombs ---------------------------------------------------------------------------


def _laughs(levels: int) -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines).encode()


BOMBS = {
    "billion laughs": _laughs(10),
    "billion laughs after a real roadmap": SOURCES["practical"] + b"\n" + _laughs(10),
    "100,000 nested [": b"[" * 100_000 + b"]" * 100_000,
    "1,000,000 nested {": b"{a: " * 1_000_000 + b"1" + b"}" * 1_000_000,
    "2,000 nested block mappings": "".join("  " * i + "a:\n" for i in range(2000)).encode(),
    "600,000 keys (over 4 MB)": b"".join(b"k%d: 1\n" % i for i in range(600_000)),
    "3 MB line": b"title: " + b"x" * 3_000_000,
    "python tag": b"!!python/object/apply:os.system ['echo pwned']\n",
}

# Each bomb is loaded in a child process: deep nesting once overflowed libyaml's C
# stack (a segfault), which must fail one test, not end the whole run.
CHILD = """
import json, sys, time, tracemalloc
from mlpath.errors import RoadmapError
from mlpath.store.roadmap_yaml import load_roadmap_bytes
data = open(sys.argv[1], "rb").read()
tracemalloc.start()
started = time.perf_counter()
try:
    load_roadmap_bytes(data, "fuzz.yaml")
    problems = None
except RoadmapError as exc:
    problems = exc.problems
elapsed = time.perf_counter() - started
print(json.dumps({"problems": problems, "elapsed": elapsed,
                  "peak": tracemalloc.get_traced_memory()[1]}))
"""


@pytest.mark.parametrize("name", list(BOMBS))
def test_bombs_are_refused_quickly_in_bounded_memory(
    name: str, tmp_path: Path, figures: Figures
) -> None:
    data = BOMBS[name]
    bomb = tmp_path / "bomb.yaml"
    bomb.write_bytes(data)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(bomb)], capture_output=True, text=True, timeout=120
    )
    assert child.returncode == 0, (child.returncode, child.stderr[-2000:])
    out = json.loads(child.stdout)
    assert out["problems"], "the bomb was accepted"
    assert all(PROBLEM_RE.match(p) for p in out["problems"]), out["problems"]
    figures.note(
        f"hostile roadmaps: {name} ({len(data) / 1e6:.1f} MB): refused in "
        f"{out['elapsed']:.3f} s, peak memory {out['peak'] / 1e6:.1f} MB"
    )
    # Generous bounds (the figures above are what to watch); the point is "not minutes, not GBs".
    assert out["elapsed"] < 10
    assert out["peak"] < 64e6 + 4 * len(data)


def test_deep_nesting_cannot_crash_the_cli(tmp_path: Path) -> None:
    bomb = tmp_path / "deep.yaml"
    bomb.write_bytes(b"[" * 1_000_000 + b"]" * 1_000_000)
    result = subprocess.run(
        [sys.executable, "-m", "mlpath", "roadmaps", "validate", str(bomb)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    # mlpath's contract, not PyYAML's wording (6.0.4 stops deep nesting itself):
    # one line naming FILE:LINE and the field, exit 1, no traceback.
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{bomb}:1: yaml: "), result.stderr
    assert "Traceback" not in result.stderr


def test_huge_file_is_read_only_up_to_the_limit(tmp_path: Path, figures: Figures) -> None:
    from mlpath.store.catalog import load_file

    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as fh:  # sparse: 100 MB without writing them
        fh.write(SOURCES["practical"])
        fh.truncate(100 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(RoadmapError) as info:
            load_file(huge, display=NAME)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "100" in info.value.problems[0] and PROBLEM_RE.match(info.value.problems[0])
    figures.note(f"hostile roadmaps: a 100 MB file: refused, peak memory {peak / 1e6:.1f} MB")
    assert peak < 16e6


def test_catches_a_loader_that_leaks_yaml_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above can fail: a loader that lets yaml's own errors escape is caught."""
    import mlpath.store.roadmap_yaml as ry

    monkeypatch.setattr(ry, "_compose", lambda text, filename: yaml.compose(text))
    tally = Tally()
    tally.check(b"title: [unclosed\n", "leaky loader")
    assert tally.c["tracebacks"] == 1
