"""Retake the manifest's screenshots (static/screenshots/*.png, 390x844) from the demo data in real Chromium.

Run after a visible change to /today: .venv/bin/python tests/browser/manifest_screenshots.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from browser_fixtures import ARGS, CHROMIUM, PHONE, log_in, serve_demo  # noqa: E402

OUT = ROOT / "static" / "screenshots"


def main() -> None:
    live = serve_demo(Path(tempfile.mkdtemp()) / "shots.sqlite3", secret="screenshots")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=PHONE, device_scale_factor=1)
        log_in(page, live)
        for item in page.locator("[data-plan-item-id]").all()[:2]:
            item.locator('[data-action="done"]').click()
        page.wait_for_selector("[data-outbox-badge][hidden]", state="attached")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(OUT / "today.png"))
        page.locator("#checkin").scroll_into_view_if_needed()
        page.locator("input[name=pain][value='4']").check(force=True)
        page.screenshot(path=str(OUT / "checkin.png"))
        browser.close()
    live.server.shutdown()


if __name__ == "__main__":
    main()
