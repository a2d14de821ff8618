"""A new patient's first day at 390x844, in English and German: register, five questions, accept the starter plan,
first tick. Counts the taps (docs/experience.md states them)."""
from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from browser_fixtures import PHONE
from offline_helpers import wait_today

TEXT = {"en": {"suggest": "Suggest a starter plan", "area": "Neck and shoulders", "activity": "A little: short walks",
               "sleep": "Poorly", "warmth": "Warmth", "go": "Suggest my starter plan", "accept": "Start with this plan",
               "ready": "Your starter plan is ready"},
        "de": {"suggest": "Startplan vorschlagen", "area": "Nacken und Schultern",
               "activity": "Etwas: kurze Spaziergänge", "sleep": "Schlecht", "warmth": "Wärme",
               "go": "Meinen Startplan vorschlagen",
               "accept": "Mit diesem Plan beginnen", "ready": "Ihr Startplan ist fertig"}}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_first_day_from_register_to_first_tick(browser, live_server, lang):
    text = TEXT[lang]
    context = browser.new_context(viewport=PHONE, locale={"en": "en-GB", "de": "de-DE"}[lang], is_mobile=True,
                                  has_touch=True, timezone_id="Europe/Berlin")
    page = context.new_page()
    taps = 0

    def tap(locator):
        nonlocal taps
        locator.click()
        taps += 1

    page.goto(f"{live_server.url}/register")
    page.fill("input[name=display_name]", "Sam")
    page.fill("input[name=email]", f"new-{uuid.uuid4().hex[:8]}@example.com")
    page.fill("input[name=password]", "a long enough passphrase")
    tap(page.locator("button[type=submit]"))
    wait_today(page)
    # One 0-10 scale on the first screen: the full check-in is folded away.
    expect(page.locator(".quick-pain")).to_have_count(11)
    expect(page.locator("#checkin .scale-options").first).to_be_hidden()
    tap(page.get_by_role("link", name=text["suggest"]))
    for answer in ("area", "activity", "sleep", "warmth"):
        tap(page.locator("label.choice-option", has_text=text[answer]))
    tap(page.get_by_role("button", name=text["go"]))
    expect(page.locator("input[name=pick]").first).to_be_checked()
    page.screenshot(path=str(_shot(f"first-day-starter-plan-{lang}")), full_page=True)
    tap(page.get_by_role("button", name=text["accept"]))
    wait_today(page)
    expect(page.locator(".flash")).to_contain_text(text["ready"])
    card = page.locator("[data-plan-item-id]").first
    tap(card.locator("[data-action=done]"))
    expect(card).to_have_attribute("data-status", "done")
    context.close()
    assert taps == 9  # register, "suggest", four answers, "suggest my plan", "start", Done


def _shot(name: str):
    from browser_fixtures import ARTIFACTS
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"
