"""The demo patient's day in real Chromium at phone size."""
from __future__ import annotations

from playwright.sync_api import expect

from browser_fixtures import log_in, screenshot
from offline_helpers import wait_waiting


def test_tick_survives_reload(page, live_server):
    log_in(page, live_server)
    assert page.url.endswith("/today")
    first = page.locator("[data-plan-item-id]").first
    item_id, slot = first.get_attribute("data-plan-item-id"), first.get_attribute("data-slot")
    first.locator('[data-action="done"]').click()
    expect(first).to_have_attribute("data-status", "done")
    wait_waiting(page, 0)  # sent to the server
    page.reload()
    again = page.locator(f'[data-plan-item-id="{item_id}"][data-slot="{slot}"]')
    expect(again).to_have_attribute("data-status", "done")
    expect(again.locator("[data-status-label]")).to_have_text("Done")
    expect(page.locator("[data-done-count]")).to_have_text("1")
    path = screenshot(page, "today-after-tick")
    assert path.stat().st_size > 10_000
    assert page.console_errors == []


def test_service_worker_registers_without_errors(page, live_server):
    log_in(page, live_server)
    state = page.evaluate("""async () => {
        const reg = await navigator.serviceWorker.ready;
        return reg.active ? reg.active.state : null;
    }""")
    assert state in ("activating", "activated")
    assert page.console_errors == []


def test_register_preselects_browser_timezone(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto(f"{live_server.url}/register")
    assert page.locator("select[name=timezone]").input_value() == "Asia/Tokyo"
    context.close()
