"""Sharing progress at its edges: `export json --share`, `publish` and `cohort` against
`status --json`, private words that are not called notes, and class files that are
hostile in ways a JSON parser accepts.

Worked out by hand: job-ready (intermediate) at 15 h/week; phase 1 is 75 h of the
plan's 525 h, so ticking its milestone makes 75/525 = 14.2857...% done, which
`status` shows rounded down (never 100% before the end): 14.2.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from clirun import Cli
from sitesample import TODAY, make_learner

DAY = "2026-09-07"


def _strict(text: str) -> Any:
    """JSON as every parser reads it: NaN and Infinity are not JSON."""

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _phase_one_done(cli: Cli) -> None:
    plan = ("plan", "--roadmap", "job-ready", "--start", DAY, "--hours", "15")
    assert cli(*plan, "--level", "intermediate", today=DAY).exit_code == 0
    assert cli("done", "explore-dataset", today=DAY).exit_code == 0


def test_share_export_percent_is_status_percent(cli: Cli, isolated: Path) -> None:
    _phase_one_done(cli)
    status = json.loads(cli("status", "--json", today=DAY).stdout)
    assert status["overall"]["percent"] == 14.2
    for args in (("export", "json"), ("export", "json", "--share")):
        doc = json.loads(cli(*args, today=DAY).stdout)
        assert doc["progress"]["percent"] == 14.2, args


def test_share_leaves_out_the_words_given_with_skip(cli: Cli, isolated: Path) -> None:
    """A skip's --reason is the learner's own words, as private as a note."""
    make_learner()
    said = "did it at uni, see /srv/private/grades"
    assert cli("skip", "dbscan", "--reason", said, today=TODAY).exit_code == 0
    full = json.loads(cli("export", "json", today=TODAY).stdout)
    assert said in json.dumps(full)  # the learner's own export keeps them
    shared = json.loads(cli("export", "json", "--share", today=TODAY).stdout)
    text = json.dumps(shared)
    assert "did it at uni" not in text and "/srv/private" not in text
    assert {"item": "dbscan", "reason": "learner"} in shared["skips"]
    item = next(i for i in shared["items"] if i["id"] == "dbscan")
    assert item["status"] == "skipped" and item["skip_reason"] is None
