"""Pictures of the app's five views at 80×24 and 120×40, for the fixed sample plan
(tests/uisample.py) on a fixed day, compared byte for byte (tests/picture.py).

docs/ui.md's screenshot, docs/ui-today.svg, is one of them: the Today view at
120×40, so it cannot drift from what the app draws.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from picture import assert_picture
from uisample import TODAY, make_sample

pytest.importorskip("textual")

from mlpath.ui.app import MlpathApp  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PICTURES = Path(__file__).resolve().parent / "pictures" / "ui"
README_PICTURE = REPO / "docs" / "ui-today.svg"
VIEWS = ["today", "plan", "roadmap", "dashboard", "reviews"]
SIZES = [(80, 24), (120, 40)]


def screenshot(home: Path, view: str, size: tuple[int, int]) -> str:
    app = MlpathApp(home=home, today=TODAY)
    # the tab underline slides to the new tab: a picture taken while it moves differs
    app.animation_level = "none"
    shot: list[str] = []

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press(str(VIEWS.index(view) + 1))
            await pilot.pause()
            await pilot.pause(0.1)  # the plan's scroll to this week lands after a refresh
            shot.append(app.export_screenshot(title=f"mlpath ui · {view}"))

    asyncio.run(main())
    return shot[0]


def picture_path(view: str, size: tuple[int, int]) -> Path:
    if (view, size) == ("today", (120, 40)):
        return README_PICTURE
    return PICTURES / f"{view}-{size[0]}x{size[1]}.svg"


@pytest.mark.picture
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", VIEWS)
def test_view_picture(isolated: Path, view: str, size: tuple[int, int]) -> None:
    make_sample(isolated)
    assert_picture(picture_path(view, size), screenshot(isolated, view, size))


def test_the_app_page_shows_the_today_picture() -> None:
    page = (REPO / "docs" / "ui.md").read_text(encoding="utf-8")
    assert "](ui-today.svg)" in page
