"""Privacy pages in real Chromium at phone size: export download, deletion, forgotten password."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser_fixtures import log_in, screenshot


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_privacy_page_downloads_the_export(page, live_server, context):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/settings/privacy")
    scheme = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") and "dark" or "light"
    assert screenshot(page, f"privacy-{scheme}").stat().st_size > 10_000
    with page.expect_download() as download:
        page.click("text=All data (JSON)")
    data = json.loads(Path(download.value.path()).read_text())
    assert data["profile"]["email"] == "demo.patient@example.com" and len(data["checkins"]) > 10
    for link in page.locator("main a.btn").all():
        box = link.bounding_box()
        assert box["height"] >= 44
    assert page.console_errors == []


def test_delete_account_in_the_browser(page, live_server):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/settings/privacy/delete")
    page.fill("input[name=password]", "inoplan-demo")
    page.fill("input[name=phrase]", "delete")
    page.click("button[type=submit]")
    assert "to confirm" in page.inner_text("main")
    screenshot(page, "privacy-delete-error")
    page.fill("input[name=password]", "inoplan-demo")
    page.fill("input[name=phrase]", "Delete my account")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/login") and "account and your data are deleted" in page.inner_text("main")
    log_in(page, live_server)
    assert "do not match an account" in page.inner_text("main")
    # The refused form posts answer 422, which Chromium logs; nothing else (no CSP violation) may appear.
    assert [e for e in page.console_errors if "status of 422" not in e] == []


def test_forgot_password_page(page, live_server):
    page.goto(f"{live_server.url}/login")
    page.click("text=Forgot your password?")
    page.fill("input[name=email]", "demo.patient@example.com")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "If an account uses that address" in page.inner_text("main")
    screenshot(page, "reset-requested")
    assert page.console_errors == []
