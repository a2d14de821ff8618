"""A German-locale phone: the demo patient's day reads in German, and a tick still works."""
from __future__ import annotations

from playwright.sync_api import expect

from app.content.library_de import ROUTINES_DE
from browser_fixtures import PHONE, log_in, screenshot
from offline_helpers import wait_waiting


def test_german_browser_sees_german_today_and_can_tick(browser, live_server):
    """Chromium with locale de-DE: German /today, a tick goes through the outbox and reads "Erledigt" after reload."""
    context = browser.new_context(viewport=PHONE, locale="de-DE", is_mobile=True, has_touch=True,
                                  service_workers="allow")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        log_in(page, live_server)
        assert page.url.endswith("/today")
        expect(page.locator("html")).to_have_attribute("lang", "de")
        expect(page.locator("h1")).to_contain_text("Heute")
        expect(page.locator("#checkin-title")).to_have_text("Täglicher Check-in")
        expect(page.locator("nav.bottom-nav")).to_contain_text("Einstellungen")
        first = page.locator("[data-plan-item-id]").first
        item_id, slot = first.get_attribute("data-plan-item-id"), first.get_attribute("data-slot")
        first.locator('[data-action="done"]').click()
        expect(first).to_have_attribute("data-status", "done")
        wait_waiting(page, 0)
        page.reload()
        again = page.locator(f'[data-plan-item-id="{item_id}"][data-slot="{slot}"]')
        expect(again).to_have_attribute("data-status", "done")
        expect(again.locator("[data-status-label]")).to_have_text("Erledigt")
        page.wait_for_load_state("networkidle")  # the day is redrawn by script after the sync: still German
        expect(page.locator("[data-progress]")).to_contain_text("erledigt")
        expect(page.locator("#checkin")).not_to_contain_text("Takes ten seconds")
        german_titles = {r["title"] for r in ROUTINES_DE.values()}
        assert page.locator("[data-plan-item-id] h3").first.inner_text().strip() in german_titles
        assert screenshot(page, "today-german").stat().st_size > 10_000
        assert errors == []
    finally:
        context.close()
