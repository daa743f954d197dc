"""`mlpath publish DIR`: the static site, its privacy, its determinism, its small files.

The sample learner (tests/sitesample.py), worked out by hand: job-ready at 15 h/week
from Mon 2026-09-07; 12 Sundays of 14 h logged = 168 h; the phase 1 milestone done on
Sat 2026-10-10, the phase 2 project on Fri 2026-11-20. Today Tue 2026-12-01 is in
week 13 ((2026-12-01 - 2026-09-07) = 85 days = 12 weeks + 1 day). Phase 1 is done, so
the page's badge reads "phase 2 of 6" (job-ready has six stages). Every other figure
the page shows is compared with `status --json`'s, the figures' one source.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clirun import Cli
from sitesample import LINK, LOCAL, NOTE_1, NOTE_2, TODAY, make_learner

REPO = Path(__file__).resolve().parent.parent
SHIELDS = json.loads((REPO / "tests" / "schemas" / "shields-endpoint.schema.json").read_text())
FILES = {"index.html", "burndown.svg", "badge.json", "feed.xml", "README-snippet.md"}
ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"


class Figures(HTMLParser):
    """The text of every element marked `data-figure`, by its name."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "meta", "link", "line", "polyline", "rect"):
            return
        self._open.append(dict(attrs).get("data-figure"))
        if self._open[-1]:
            self.found[self._open[-1]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "meta", "link", "line", "polyline", "rect"):
            return
        self._open.pop()

    def handle_data(self, data: str) -> None:
        for name in self._open:
            if name:
                self.found[name] += data


def figures(html: str) -> dict[str, str]:
    parser = Figures()
    parser.feed(html)
    return {k: " ".join(v.split()) for k, v in parser.found.items()}


def number(x: float) -> str:
    """One decimal at most, as people read hours (render/text.py's rule, restated)."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def long(iso: str) -> str:
    from datetime import date

    return date.fromisoformat(iso).strftime("%a %d %b %Y")


@pytest.fixture
def learner(isolated: Path) -> Path:
    make_learner()
    return isolated


def publish(cli: Cli, folder: Path, *extra: str) -> Any:
    result = cli("publish", str(folder), *extra, today=TODAY)
    assert result.exit_code == 0, result.output + result.stderr
    return result


def read(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}


def test_the_page_shows_status_json_figures(cli: Cli, learner: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(cli, site)
    assert {p.name for p in site.iterdir()} == FILES
    status = json.loads(cli("status", "--json", today=TODAY).stdout)
    shown = figures((site / "index.html").read_text(encoding="utf-8"))
    overall, pace = status["overall"], status["pace"]
    assert shown["percent"] == f"{number(overall['percent'])}%"
    assert shown["hours"] == (
        f"{number(overall['completed_hours'])} of {number(overall['total_hours'])} h"
    )
    assert shown["pace"] == pace["label"]
    assert shown["week"] == "13 of 36" == f"{status['plan']['week']['number']} of 36"
    assert shown["planned-finish"] == long(pace["planned_finish"])
    assert shown["projected-finish"] == long(pace["projected_finish"])
    assert shown["logged"] == "168 h"  # 12 x 14 h
    streak = status["study"]["streak_weeks"]
    assert shown["streak"] == f"{streak} week" + ("" if streak == 1 else "s")
    for p in status["phases"]:
        assert shown[f"phase-{p['number']}-percent"] == f"{number(p['percent'])}%"
    assert shown["phase-1-percent"] == "100%"
    nxt = next(m for m in status["milestones"] if m["next"])
    assert shown["next-milestone"] == nxt["title"]


def test_same_state_and_day_give_the_same_bytes(cli: Cli, learner: Path, tmp_path: Path) -> None:
    publish(cli, tmp_path / "a", "--name", "Ada")
    publish(cli, tmp_path / "b", "--name", "Ada")
    assert read(tmp_path / "a") == read(tmp_path / "b")
    stamp = (tmp_path / "a" / "index.html").stat().st_mtime_ns
    publish(cli, tmp_path / "a", "--name", "Ada")  # unchanged files are not rewritten
    assert (tmp_path / "a" / "index.html").stat().st_mtime_ns == stamp
    later = cli("publish", str(tmp_path / "a"), "--name", "Ada", today="2026-12-08")
    assert later.exit_code == 0
    assert read(tmp_path / "a")["index.html"] != read(tmp_path / "b")["index.html"]


def test_private_by_default(cli: Cli, learner: Path, tmp_path: Path) -> None:
    publish(cli, tmp_path / "site")
    text = "\n".join(read(tmp_path / "site").values())
    for secret in (NOTE_1, NOTE_2, LOCAL, str(learner), "Ada"):
        assert secret not in text, secret
    assert LINK in text  # an http(s) link is public evidence
    publish(cli, tmp_path / "all", "--include-notes")
    text = "\n".join(read(tmp_path / "all").values())
    for secret in (NOTE_1, NOTE_2, LOCAL):
        assert secret in text, secret


def test_the_name_only_with_name_and_every_string_escaped(
    cli: Cli, learner: Path, tmp_path: Path
) -> None:
    publish(cli, tmp_path / "site", "--name", "Ada <script>\x1b[31m\u202e")
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Ada &lt;script&gt;\\x1b[31m\\u202e" in page
    assert "<script" not in page and "\x1b" not in page and "\u202e" not in page
    feed = (tmp_path / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "Ada &lt;script&gt;\\x1b[31m\\u202e" in feed


def test_the_page_is_self_contained(cli: Cli, learner: Path, tmp_path: Path) -> None:
    publish(cli, tmp_path / "site")
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data: 'self'\">" in page
    )
    assert "<script" not in page and " src=" not in page and "@import" not in page
    assert "url(" not in page and 'rel="stylesheet"' not in page
    assert "prefers-color-scheme:dark" in page and "@media print" in page
    # the only addresses elsewhere are links a reader follows: evidence
    hrefs = [h.split('"')[0] for h in page.split('href="')[1:]]
    assert [h for h in hrefs if "://" in h] == [LINK]


def test_the_badge_names_the_phase_as_the_roadmap_and_the_page_number_it(
    cli: Cli, isolated: Path, tmp_path: Path
) -> None:
    # complete numbers its phases 0-7: with Phase 0 done the learner is in Phase 1, which
    # the page lists as "Phase 1", and the badge said "phase 2 of 8" (its position)
    assert cli("plan", "-r", "complete", "-s", "2027-01-04", today="2027-01-04").exit_code == 0
    assert cli("done", "0", today="2027-01-06").exit_code == 0
    said = cli("publish", str(tmp_path / "site"), today="2027-01-06")
    assert said.exit_code == 0, said.stderr
    site = tmp_path / "site"
    badge = json.loads((site / "badge.json").read_text(encoding="utf-8"))
    jsonschema.validate(badge, SHIELDS)
    assert badge["message"].startswith("phase 1 (0–7) · "), badge
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "<span>Phase 1: Mathematics" in page and "Phase 8" not in page
    assert "(phase 1 (0–7) · " in " ".join(said.stdout.split())
    snippet = (site / "README-snippet.md").read_text(encoding="utf-8")
    assert "mlpath progress: phase 1 (0–7) · " in snippet
    # a roadmap numbered from 1 keeps its short form, its numbers still its own: with
    # job-ready's stage 1 skipped, stage 2 is "phase 2 of 6" as the page lists it
    plan = ("plan", "-r", "job-ready", "-s", "2027-01-04", "--skip", "1", "--force")
    assert cli(*plan, today="2027-01-06").exit_code == 0
    assert cli("publish", str(site), today="2027-01-06").exit_code == 0
    badge = json.loads((site / "badge.json").read_text(encoding="utf-8"))
    assert badge["message"].startswith("phase 2 of 6 · "), badge


def test_badge_feed_svg_and_snippet(cli: Cli, learner: Path, tmp_path: Path) -> None:
    publish(cli, tmp_path / "site")
    site = tmp_path / "site"
    status = json.loads(cli("status", "--json", today=TODAY).stdout)
    badge = json.loads((site / "badge.json").read_text(encoding="utf-8"))
    jsonschema.validate(badge, SHIELDS)
    pace = status["pace"]
    assert pace["status"] == "ahead"
    assert badge["message"] == f"phase 2 of 6 · {pace['days']} days ahead"
    svg = ET.parse(site / "burndown.svg").getroot()
    assert svg.tag == f"{SVG}svg"
    assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
    assert svg.findall(f"{SVG}polyline")  # planned and actual
    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    # newest first: the project (2026-11-20), then the milestone (2026-10-10)
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2026-11-20T00:00:00Z",
        "2026-10-10T00:00:00Z",
    ]
    assert feed.findtext(f"{ATOM}updated") == "2026-11-20T00:00:00Z"
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert all(i and i.startswith("urn:mlpath:") for i in ids)
    snippet = (site / "README-snippet.md").read_text(encoding="utf-8")
    assert "(burndown.svg)" in snippet and "--base-url" in snippet


def test_base_url_makes_addresses_absolute(cli: Cli, learner: Path, tmp_path: Path) -> None:
    publish(cli, tmp_path / "a")
    publish(cli, tmp_path / "b", "--base-url", "https://ada.github.io/ml")
    snippet = (tmp_path / "b" / "README-snippet.md").read_text(encoding="utf-8")
    assert "https://img.shields.io/endpoint?url=https%3A%2F%2Fada.github.io%2Fml%2Fbadge.json" in (
        snippet
    )
    assert "(https://ada.github.io/ml/burndown.svg)" in snippet
    feed = ET.parse(tmp_path / "b" / "feed.xml").getroot()
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert ids == [
        "https://ada.github.io/ml/index.html#project-kaggle-starter",
        "https://ada.github.io/ml/index.html#milestone-explore-dataset",
    ]
    # ids stay the same from one publish to the next: entries are never doubled
    again = tmp_path / "c"
    publish(cli, again, "--base-url", "https://ada.github.io/ml/")
    assert read(again)["feed.xml"] == read(tmp_path / "b")["feed.xml"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--base-url", "ftp://x.org/"], 2),
        (["--base-url", "/home/ada/site"], 2),
        (["--name", "  "], 2),
    ],
)
def test_bad_options_write_nothing(
    cli: Cli, learner: Path, tmp_path: Path, args: list[str], code: int
) -> None:
    result = cli("publish", str(tmp_path / "site"), *args, today=TODAY)
    assert result.exit_code == code
    assert "Traceback" not in result.output + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "site").exists()


def test_a_file_or_a_missing_parent_is_refused(cli: Cli, learner: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert cli("publish", str(tmp_path / "file"), today=TODAY).exit_code == 2
    missing = cli("publish", str(tmp_path / "no" / "site"), today=TODAY)
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    # a link to nowhere: named as such, not "File exists" with a hint about permissions
    (tmp_path / "dangling").symlink_to(tmp_path / "gone")
    dangling = cli("publish", str(tmp_path / "dangling"), today=TODAY)
    assert dangling.exit_code == 1 and str(tmp_path / "gone") in dangling.stderr
    assert "permission" not in dangling.stderr and not (tmp_path / "gone").exists()


def test_no_plan_is_one_sentence(cli: Cli, tmp_path: Path) -> None:
    result = cli("publish", str(tmp_path / "site"), today=TODAY)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_open_opens_the_page(
    cli: Cli, learner: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    publish(cli, tmp_path / "site", "--open")
    assert opened == [(tmp_path / "site" / "index.html").resolve().as_uri()]


def test_watch_rewrites_and_ctrl_c_exits_130_quietly(learner: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "MLPATH_TODAY": TODAY}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mlpath", "publish", str(site), "--watch"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(200):  # the first write, then the watch loop
            if (site / "index.html").exists():
                break
            time.sleep(0.05)
        first = (site / "index.html").read_text(encoding="utf-8")
        logged = subprocess.run(
            [sys.executable, "-m", "mlpath", "log", "3", "--on", TODAY],
            env=env,
            capture_output=True,
            text=True,
        )
        assert logged.returncode == 0, logged.stderr
        for _ in range(200):
            if (site / "index.html").read_text(encoding="utf-8") != first:
                break
            time.sleep(0.05)
        assert "171 h" in (site / "index.html").read_text(encoding="utf-8")  # 168 + 3
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err == "" and "Ctrl-C stops" in out


# --- privacy, as a property ---------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=30,
)


@pytest.fixture(scope="module")
def sample_state(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("sample")
    make_learner({"MLPATH_HOME": str(home)})
    data: dict[str, Any] = json.loads((home / "state.json").read_text(encoding="utf-8"))
    return data


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=_TEXT, logged=_TEXT, path_tail=_TEXT)
def test_no_note_path_or_home_leaks(
    sample_state: dict[str, Any], tmp_path: Path, note: str, logged: str, path_tail: str
) -> None:
    """Whatever the notes and the local evidence say, none of it reaches the site."""
    import tempfile

    from mlpath.app.publish import site_files, site_view
    from mlpath.app.session import load_active
    from mlpath.store.state import store_for

    user_home = os.path.expanduser("~")
    note, logged = "N0TE" + note, "L0GGED" + logged
    evidence = f"{user_home}/P4TH{path_tail}"
    state = json.loads(json.dumps(sample_state))
    for e in state["events"]:
        if e["type"] == "done":
            e["note"], e["evidence"] = note + " " + user_home, evidence
        if e["type"] == "log":
            e["note"] = logged
    with tempfile.TemporaryDirectory(dir=tmp_path) as home:
        Path(home, "state.json").write_text(json.dumps(state), encoding="utf-8")
        from datetime import date

        active = load_active(store_for(home), date.fromisoformat(TODAY))
        files = site_files(site_view(active), base_url=None)
        share = json.dumps(
            __import__("mlpath.app.export", fromlist=["x"]).export_json(active, share=True)
        )
    for name, data in files.items():
        text = data.decode("utf-8")
        for marker in ("N0TE", "L0GGED", "P4TH"):
            assert marker not in text, (name, marker)
        assert user_home not in text, name
        assert home not in text, name
    for marker in ("N0TE", "L0GGED", "P4TH"):
        assert marker not in share


def test_the_theory_practice_split_shows_when_recorded(learner: Path) -> None:
    """The view carries the split `status` computes (core/balance.py); without one the
    page has no section; given one, it shows it: 21 h practice of 21 + 9 = 30 h is 70%."""
    from datetime import date

    from mlpath.app.publish import site_view
    from mlpath.app.session import load_active
    from mlpath.render.html import publish_page
    from mlpath.store.state import store_for

    view = site_view(load_active(store_for(str(learner)), date.fromisoformat(TODAY)))
    assert {"theory_hours", "practice_hours", "target_practice_share"} <= set(
        view["theory_practice"]
    )
    view["theory_practice"] = None
    assert "Theory and practice" not in publish_page(view)
    view["theory_practice"] = {
        "theory_hours": 9,
        "practice_hours": 21,
        "target_practice_share": 0.5,
        "weeks": [],
        "phases": [],
    }
    page = publish_page(view)
    assert figures(page)["practice-share"] == "70%"
    assert "about 50% practice now" in page


def test_the_burndown_says_the_week_under_way_is_not_over(
    cli: Cli, learner: Path, tmp_path: Path
) -> None:
    """Today (Tue 2026-12-01) is day 2 of week 13: the actual figure is what is left so
    far, set against what the plan leaves by the week's end (Sun 2026-12-06), so the
    chart's words must not call it "the end of week 13"."""
    publish(cli, tmp_path / "site")
    status = json.loads(cli("status", "--json", today=TODAY).stdout)
    burn = status["burndown"]
    assert burn["today_week"] == 13
    now = next(p for p in burn["points"] if p["week"] == 13)
    desc = ET.parse(tmp_path / "site" / "burndown.svg").getroot().findtext(f"{SVG}desc") or ""
    assert "end of week 13" not in desc
    assert f"{number(now['actual_remaining'])} h left so far in week 13" in desc
    # on Monday week 14 is the one under way
    later = cli("publish", str(tmp_path / "later"), today="2026-12-07")
    assert later.exit_code == 0, later.output
    desc = ET.parse(tmp_path / "later" / "burndown.svg").getroot().findtext(f"{SVG}desc") or ""
    assert "so far in week 14" in desc


def test_only_a_web_address_becomes_a_link(cli: Cli, learner: Path, tmp_path: Path) -> None:
    # --include-notes shows a local path as evidence: as text, not an href to a file the
    # reader does not have; a `javascript:` evidence (typed, or from a copy) no href at all
    publish(cli, tmp_path / "all", "--include-notes")
    page = (tmp_path / "all" / "index.html").read_text(encoding="utf-8")
    feed = (tmp_path / "all" / "feed.xml").read_text(encoding="utf-8")
    assert LOCAL in page and f'href="{LOCAL}' not in page and LOCAL not in feed
    assert f'href="{LINK}"' in page and f'href="{LINK}"' in feed
    reopened = cli("reopen", "kaggle-starter", today=TODAY)
    assert reopened.exit_code == 0, reopened.stderr
    hostile = "javascript:alert(document.domain)"
    again = cli("done", "kaggle-starter", "--evidence", hostile, today=TODAY)
    assert again.exit_code == 0, again.stderr
    publish(cli, tmp_path / "js", "--include-notes")
    page = (tmp_path / "js" / "index.html").read_text(encoding="utf-8")
    feed = (tmp_path / "js" / "feed.xml").read_text(encoding="utf-8")
    assert hostile in page and 'href="javascript' not in page.lower()
    assert "javascript" not in feed.lower()
