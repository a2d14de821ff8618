"""Retake the manifest's screenshots (static/screenshots/*.png, 390x844) from the demo data in real Chromium.

Run after a visible change to /today: .venv/bin/python tests/browser/manifest_screenshots.py
"""
from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.services.demo import load_demo  # noqa: E402
from browser_fixtures import ARGS, CHROMIUM, PHONE, log_in  # noqa: E402

OUT = ROOT / "static" / "screenshots"


def main() -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tempfile.mkdtemp()}/shots.sqlite3",
                      "SECRET_KEY": "screenshots", "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
        load_demo(db.session)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=PHONE, device_scale_factor=1)
        log_in(page, type("Server", (), {"url": f"http://127.0.0.1:{server.server_port}"}))
        for item in page.locator("[data-plan-item-id]").all()[:2]:
            item.locator('[data-action="done"]').click()
        page.wait_for_selector("[data-outbox-badge][hidden]", state="attached")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(OUT / "today.png"))
        page.locator("#checkin").scroll_into_view_if_needed()
        page.locator("input[name=pain][value='4']").check(force=True)
        page.screenshot(path=str(OUT / "checkin.png"))
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
