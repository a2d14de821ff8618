"""The pain diary in real Chromium at 390x844: the body map by touch and by keyboard, an entry made offline and
synced once. (Axe, tap targets, layout and screenshots of /diary and /reports: tests/browser/pages.py's pages.)"""
from __future__ import annotations

from playwright.sync_api import expect

from app.models import PainEntry
from offline_helpers import back_online, open_app, stored


def test_body_map_by_touch_and_keyboard_and_an_entry_made_offline_is_sent_once(page, live_server):
    open_app(page, live_server)
    page.goto(f"{live_server.url}/diary")  # online once, so the page is kept for offline use
    expect(page.locator("[data-body-map]")).to_be_visible()
    page.context.set_offline(True)
    page.reload()
    form = page.locator("[data-diary-form=pain_entry]")
    form.locator("[name=intensity][value='6']").check(force=True)
    # Touch: tapping the lower back on the back view ticks it in the list and marks the region.
    form.locator(".body-region[data-area=lower_back]").tap()
    expect(form.locator("[data-area-box=lower_back]")).to_be_checked()
    expect(form.locator(".body-region[data-area=lower_back]")).to_have_class("body-region is-marked")
    # Keyboard: the list is the accessible control; space ticks the neck.
    form.locator("details.area-list summary").focus()
    page.keyboard.press("Enter")
    form.locator("[data-area-box=neck]").focus()
    page.keyboard.press("Space")
    expect(form.locator("[data-area-box=neck]")).to_be_checked()
    expect(form.locator(".body-region[data-area=neck]").first).to_have_class("body-region is-marked")
    form.locator("[name=triggers][value=long_sitting]").check(force=True)
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-outbox-badge]")).to_have_text("1 waiting")
    assert stored(live_server, PainEntry) == []

    back_online(page)
    [entry] = stored(live_server, PainEntry)
    assert entry.intensity == 6 and entry.triggers == ["long_sitting"]
    assert sorted(a["area"] for a in entry.areas) == ["lower_back", "neck"]
    assert page.console_errors == []
