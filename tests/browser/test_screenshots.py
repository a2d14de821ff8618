"""Phone-size screenshots of every page in light and dark: a visual check, and the pictures in docs/screenshots/.

    SCREENSHOTS_DIR=docs/screenshots .venv/bin/python -m pytest tests/browser/test_screenshots.py

refreshes the committed pictures; without the variable they go to test-artifacts/screenshots/.
"""
from __future__ import annotations

import pytest

from browser_fixtures import PHONE, SCREENSHOTS, still_page
from pages import PAGES, visit_all

MAX_HEIGHT = int(2.5 * PHONE["height"])  # long pages are cut there: enough to judge, small files


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_a_screenshot(browser, live_server, scheme):
    """Each page renders at 390x844 without console errors and yields a non-trivial picture."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = still_page(browser, scheme)
    context = page.context
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    shots = []

    def shoot(name, pg):
        # Grow the viewport to the page (at most two and a half screens) so the fixed bottom nav sits at the bottom.
        height = min(MAX_HEIGHT, max(PHONE["height"], pg.evaluate("document.documentElement.scrollHeight")))
        pg.set_viewport_size({"width": PHONE["width"], "height": height})
        path = SCREENSHOTS / f"{name}-{scheme}.png"
        pg.screenshot(path=str(path), animations="disabled", caret="hide")
        pg.set_viewport_size(PHONE)
        shots.append(path)

    visit_all(page, live_server, shoot)
    context.close()
    assert [p.stem for p in shots] == [f"{name}-{scheme}" for name, _, _ in PAGES]
    assert all(p.stat().st_size > 5_000 for p in shots)
    assert errors == []
