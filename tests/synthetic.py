"""Synthetic roadmaps of any size as real YAML files: the scale tests and
benchmarks/bench.py (which imports this module) lay the same kind of plan."""

from __future__ import annotations


def roadmap_yaml(
    rid: str, phases: int, *, topics: int = 10, weeks: tuple[int, int] = (1, 2)
) -> str:
    """`phases` phases of `weeks` (min, max) weeks, each with `topics` topics
    (`t-P-T`, "Topic P.T") and a milestone (`m-P`)."""
    lines = [
        "schema: 1",
        f"id: {rid}",
        f"title: Synthetic roadmap with {phases} phases",
        "source: {document: tests/synthetic.py}",
        "summary: Generated for tests and benchmarks.",
        "duration: {text: generated}",
        "hours_per_week: {value: 10}",
        "phases:",
    ]
    low, high = weeks
    for p in range(1, phases + 1):
        lines += [
            f"  - number: {p}",
            f"    id: phase-{p}",
            f"    title: Phase {p}",
            f"    weeks: {{min: {low}, max: {high}}}",
            "    summary: Generated phase.",
            "    topics:",
        ]
        lines += [f"      - {{id: t-{p}-{t}, title: Topic {p}.{t}}}" for t in range(1, topics + 1)]
        lines += [f"    milestone: {{id: m-{p}, title: Milestone {p}}}"]
    return "\n".join(lines) + "\n"
