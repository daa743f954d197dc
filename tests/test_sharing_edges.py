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


def _share(cli: Cli, folder: Path) -> dict[str, Any]:
    make_learner()
    target = folder / "ada.json"
    assert cli("export", "json", "--share", "-o", str(target), today=TODAY).exit_code == 0
    doc: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return doc


def test_a_file_with_an_enormous_number_is_refused_the_others_shown(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    doc = _share(cli, tmp_path)
    doc["learner"] = "someone-else"
    text = json.dumps(doc).replace(
        f'"completed_hours": {doc["progress"]["completed_hours"]}',
        '"completed_hours": 1' + "0" * 400,
        1,
    )
    (tmp_path / "huge-number.json").write_text(text, encoding="utf-8")
    result = cli("cohort", str(tmp_path))
    assert result.exit_code == 1
    assert "internal error" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "Refused: huge-number.json is not an mlpath export: a field it needs is missing or wrong."
    ]
    assert "ada" in result.stdout


def test_cohort_json_stays_json_whatever_a_file_holds(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    doc = _share(cli, tmp_path)
    for k, bad in enumerate(("NaN", "Infinity", "-Infinity", "true")):
        one = dict(doc, learner=f"l{k}")
        text = json.dumps(one).replace(f'"tspi": {json.dumps(doc["tspi"])}', f'"tspi": {bad}')
        (tmp_path / f"odd{k}.json").write_text(text, encoding="utf-8")
    result = cli("cohort", str(tmp_path), "--json")
    view = _strict(result.stdout)
    assert len(view["learners"]) == 5
    assert [r["tspi"] for r in view["learners"] if r["file"] != "ada.json"] == [None] * 4


def test_a_link_in_a_class_folder_is_not_followed_out_of_it(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    """A shared folder (a git repository, a sync folder) may bring a link to any file of
    the reader's: cohort reads only what it was named."""
    klass = tmp_path / "class"
    klass.mkdir()
    _share(cli, klass)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    secret = dict(json.loads((klass / "ada.json").read_text()), learner="x", name="Secret")
    (outside / "private.json").write_text(json.dumps(secret), encoding="utf-8")
    os.symlink(outside / "private.json", klass / "bo.json")
    result = cli("cohort", str(klass))
    assert result.exit_code == 1
    assert "Secret" not in result.stdout and "ada" in result.stdout
    assert result.stderr.count("Refused: ") == 1 and "bo.json" in result.stderr
    # named directly, the same file is read: the reader named it
    named = cli("cohort", str(outside / "private.json"))
    assert named.exit_code == 0 and "Secret" in named.stdout


def test_the_page_shows_no_practice_share_before_any_time_is_recorded(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    """0 h of 0 h is no share at all: the page says "—", as cohort does, not "0%"."""
    plan = ("plan", "--roadmap", "complete", "--start", "2026-09-14", "--hours", "12")
    assert cli(*plan, today=DAY).exit_code == 0
    status = json.loads(cli("status", "--json", today=DAY).stdout)
    split = status["theory_practice"]
    assert (split["theory_hours"], split["practice_hours"]) == (0, 0)
    assert cli("publish", str(tmp_path / "site"), today=DAY).exit_code == 0
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<span data-figure="practice-share">—</span>' in page
    target = tmp_path / "me.json"
    assert cli("export", "json", "--share", "-o", str(target), today=DAY).exit_code == 0
    view = json.loads(cli("cohort", str(target), "--json").stdout)
    assert view["learners"][0]["practice_share"] is None


def test_a_noncharacter_is_shown_escaped_so_the_feed_stays_xml(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    """XML 1.0 has no U+FFFE or U+FFFF: a name holding one made feed.xml unreadable."""
    import xml.etree.ElementTree as ET

    make_learner()
    name = "Ada\ufffe\uffff"
    assert cli("publish", str(tmp_path / "site"), "--name", name, today=TODAY).exit_code == 0
    feed = ET.parse(tmp_path / "site" / "feed.xml").getroot()
    author = feed.find("{http://www.w3.org/2005/Atom}author/{http://www.w3.org/2005/Atom}name")
    assert author is not None and author.text == "Ada\\ufffe\\uffff"
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Ada\\ufffe\\uffff" in page and "\ufffe" not in page and "\uffff" not in page


def test_the_snippet_links_hold_an_address_with_a_parenthesis(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    """`[text](https://x.org/ml(2026/index.html)` ends at the first `)`: Markdown
    readers linked to https://x.org/ml(2026/index.html only by luck of balance."""
    import re

    make_learner()
    base = "https://ada.github.io/ml(2026/"
    result = cli("publish", str(tmp_path / "site"), "--base-url", base, today=TODAY)
    assert result.exit_code == 0
    snippet = (tmp_path / "site" / "README-snippet.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]*)\)", snippet)
    assert targets[-2:] == [
        "https://ada.github.io/ml%282026/index.html",
        "https://ada.github.io/ml%282026/burndown.svg",
    ]


def test_the_class_order_does_not_depend_on_the_order_files_are_named(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    """Two learners who both call themselves Ada, equal in pace and percent: the file
    name breaks the tie, whatever order the files come in."""
    doc = _share(cli, tmp_path)
    for stem, learner in (("b-ada", "l-b"), ("a-ada", "l-a")):
        one = dict(doc, learner=learner, name="Ada")
        (tmp_path / f"{stem}.json").write_text(json.dumps(one), encoding="utf-8")
    (tmp_path / "ada.json").unlink()
    a, b = str(tmp_path / "a-ada.json"), str(tmp_path / "b-ada.json")
    for sort in ("behind", "done", "roadmap", "idle", "due", "practice"):
        orders = {
            tuple(
                r["file"]
                for r in json.loads(cli("cohort", *args, "--sort", sort, "--json").stdout)[
                    "learners"
                ]
            )
            for args in ((a, b), (b, a))
        }
        assert orders == {("a-ada.json", "b-ada.json")}, sort


def test_the_home_folder_is_hidden_only_where_it_stands_as_a_path() -> None:
    # With the home /root, a title "Square/roots" is text, not the home folder: hiding
    # the folder must not turn it into "Square~s" (a share differing by machine).
    from mlpath.app.share import scrub

    dirs = ["/home/ann/ml", "/root"]
    assert scrub("Square/roots and /rooted", dirs) == "Square/roots and /rooted"
    assert scrub("/root.bak, /home/ann/ml.old", dirs) == "/root.bak, /home/ann/ml.old"
    assert scrub("kept in /home/ann/ml/state.json", dirs) == "kept in ~/state.json"
    assert scrub("(/root/x) or /root.", dirs) == "(~/x) or ~."
    assert scrub("/root", dirs) == "~"
