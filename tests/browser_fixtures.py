"""Real headless Chromium (Debian's, at /usr/bin/chromium) driven by Playwright, against a live server.

Without the browser the tests are skipped loudly; in CI (CI=true) a missing browser is a failure.
"""
from __future__ import annotations

import os
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from app.services.demo.loader import load_demo

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR") or ARTIFACTS / "screenshots")  # see docs/experience.md
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session."""
    if not os.path.exists(CHROMIUM):
        message = f"BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        warnings.warn(message, stacklevel=2)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright
    # Assertions wait for their condition; 10 s instead of 5 leaves room for a loaded two-core CI machine.
    expect.set_options(timeout=10_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class LiveServer:
    url: str
    app: Flask
    server: object = field(repr=False)


def serve_demo(database: Path, secret: str = "browser-test") -> LiveServer:
    """The app on a fresh SQLite file with the demo data, served on a free loopback port in a thread."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "SECRET_KEY": secret,
                      "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
        load_demo(db.session)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return LiveServer(f"http://127.0.0.1:{server.server_port}", app, server)


@pytest.fixture
def live_server(tmp_path):
    """The demo app served for one test (see serve_demo)."""
    live = serve_demo(tmp_path / "live.sqlite3")
    yield live
    live.server.shutdown()
    with live.app.app_context():
        db.engine.dispose()


@pytest.fixture
def context(browser, request):
    scheme = getattr(request, "param", "light")
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=2, color_scheme=scheme, service_workers="allow",
                              is_mobile=True, has_touch=True)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A phone-sized page that records console errors in page.console_errors."""
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    return pg


BROWSER_LOCALES = {"en": "en-GB", "de": "de-DE"}


def still_page(browser, scheme: str, **options):
    """A phone page for screenshots and axe in `scheme` (light or dark): no service worker, no motion; its
    context closes with page.context.close()."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, color_scheme=scheme, is_mobile=True,
                                  has_touch=True, service_workers="block", reduced_motion="reduce", **options)
    return context.new_page()


@pytest.fixture(params=["en", "de"])
def lang_page(request, browser):
    """A phone-sized touch page whose browser asks for English or German (`page.lang`), recording script errors
    in page.console_errors; a test marked `reduced_motion` gets a browser that asks for no motion."""
    motion = {"reduced_motion": "reduce"} if request.node.get_closest_marker("reduced_motion") else {}
    context = browser.new_context(viewport=PHONE, locale=BROWSER_LOCALES[request.param], is_mobile=True,
                                  has_touch=True, service_workers="allow", **motion)
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.lang = request.param
    yield page
    context.close()


def log_in(page, server: LiveServer, email: str = "demo.patient@example.com", password: str = "inoplan-demo"):
    page.goto(f"{server.url}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
