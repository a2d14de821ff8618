"""Today's states in real Chromium at 390x844: flare switch, undo, pain taps, past and future days, errors on the card.

Each test runs in English and German where it checks text.
"""
from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from app.services.clock import local_today
from browser_fixtures import log_in
from offline_helpers import wait_today, wait_waiting

TEXT = {
    "en": {"flare_on": "Flare-up plan is on", "to_flare": "Flare-up? Use my gentler plan",
           "back": "Better? Back to my usual plan", "done": "Done", "undo": "Tap it again to undo.",
           "pain_after": "Pain after: 4", "pain_both": "Pain 6 → 4", "history": "Before your plan began",
           "future": "Coming up. You can tick these on the day."},
    "de": {"flare_on": "Der Plan für Schubtage ist aktiv", "to_flare": "Schub? Meinen sanfteren Plan nutzen",
           "back": "Besser? Zurück zu meinem gewohnten Plan", "done": "Erledigt",
           "undo": "Zum Rückgängigmachen noch einmal tippen.", "pain_after": "Schmerz nachher: 4",
           "pain_both": "Schmerz 6 → 4", "history": "Bevor Ihr Plan begann",
           "future": "Demnächst. Abhaken können Sie diese Einträge am jeweiligen Tag."},
}


def open_today(page, server, query: str = "") -> None:
    log_in(page, server)
    if query:
        page.goto(f"{server.url}/today{query}")
    wait_today(page)


def test_flare_switch_flips_at_once_both_ways(lang_page, live_server):
    page, text = lang_page, TEXT[lang_page.lang]
    open_today(page, live_server)
    to_flare, back = page.locator("[data-action=mode-flare]"), page.locator("[data-action=mode-standard]")
    expect(to_flare).to_be_visible()
    expect(to_flare).to_have_text(text["to_flare"])
    expect(back).to_be_hidden()
    to_flare.click()
    expect(page.locator(".pill-flare")).to_contain_text(text["flare_on"])
    expect(back).to_be_visible()
    expect(back).to_have_text(text["back"])
    expect(to_flare).to_be_hidden()
    wait_waiting(page, 0)
    back.click()
    expect(page.locator(".pill-flare")).to_have_count(0)
    expect(to_flare).to_be_visible()
    expect(back).to_be_hidden()
    wait_waiting(page, 0)
    page.reload()  # what the server says agrees with what was shown
    wait_today(page)
    expect(page.locator("[data-action=mode-flare]")).to_be_visible()
    assert page.console_errors == []


def test_a_tick_can_be_undone(lang_page, live_server):
    page, text = lang_page, TEXT[lang_page.lang]
    open_today(page, live_server)
    card = page.locator("[data-plan-item-id]").first
    done = card.locator("[data-action=done]")
    expect(done).to_have_attribute("aria-pressed", "false")
    done.click()
    expect(card).to_have_attribute("data-status", "done")
    expect(done).to_have_attribute("aria-pressed", "true")
    expect(card.locator("[data-status-label]")).to_contain_text(text["done"])
    expect(card.locator("[data-undo-hint]")).to_have_text(text["undo"])
    wait_waiting(page, 0)
    done.click()  # tap the selected one again: back to not done
    expect(card).to_have_attribute("data-status", "")
    expect(done).to_have_attribute("aria-pressed", "false")
    expect(card.locator("[data-undo-hint]")).to_be_hidden()
    wait_waiting(page, 0)
    item, slot = card.get_attribute("data-plan-item-id"), card.get_attribute("data-slot")
    day = page.evaluate("fetch('/api/v1/today').then(r => r.json())")
    assert [i["status"] for i in day["items"] if str(i["plan_item_id"]) == item and i["slot"] == slot] == [None]
    page.reload()
    wait_today(page)
    expect(page.locator(f'[data-plan-item-id="{item}"][data-slot="{slot}"]')).to_have_attribute("data-status", "")
    assert page.console_errors == []


def test_pain_taps_before_and_after_done_show_on_the_card(lang_page, live_server):
    page, text = lang_page, TEXT[lang_page.lang]
    open_today(page, live_server)
    card = page.locator("[data-plan-item-id]").first
    card.locator(".tick-more summary").click()
    card.locator("label:has(input[name=pain_after][value='4'])").click()  # before Done: only chosen, not sent
    assert page.evaluate("InoplanOutbox.count()") == 0
    card.locator("[data-action=done]").click()
    expect(card.locator("[data-pain-shown]")).to_have_text(text["pain_after"])
    wait_waiting(page, 0)
    card.locator("label:has(input[name=pain_before][value='6'])").click()  # after Done: one tap saves it
    expect(card.locator("[data-pain-shown]")).to_have_text(text["pain_both"])
    wait_waiting(page, 0)
    item, slot = card.get_attribute("data-plan-item-id"), card.get_attribute("data-slot")
    page.reload()
    wait_today(page)
    again = page.locator(f'[data-plan-item-id="{item}"][data-slot="{slot}"]')
    expect(again.locator("[data-pain-shown]")).to_have_text(text["pain_both"])
    expect(again.locator("[data-action=done]")).to_have_attribute("aria-pressed", "true")
    assert page.console_errors == []


def test_days_before_the_plan_are_history_and_future_days_have_no_ticks(lang_page, live_server):
    page, text = lang_page, TEXT[lang_page.lang]
    with live_server.app.app_context():  # after the demo account was made, long before its plan began
        before_plan = local_today("Europe/Berlin") - timedelta(days=100)
    open_today(page, live_server, f"?date={before_plan.isoformat()}")
    expect(page.locator(".empty h2")).to_have_text(text["history"])
    expect(page.locator("[data-tick-form]")).to_have_count(0)
    expect(page.locator("#checkin")).to_be_hidden()
    with live_server.app.app_context():
        later = local_today("Europe/Berlin") + timedelta(days=3)
    page.goto(f"{live_server.url}/today?date={later.isoformat()}")
    wait_today(page)
    assert page.locator("[data-plan-item-id]").count() > 0
    expect(page.locator("[data-tick-form]")).to_have_count(0)
    expect(page.locator("[data-day-note]")).to_have_text(text["future"])
    expect(page.locator("[data-quick-checkin]")).to_have_count(0)
    assert page.console_errors == []


def test_a_refused_tick_says_so_on_its_card(page, live_server):
    open_today(page, live_server)
    card = page.locator("[data-plan-item-id]").first
    # An item the server does not know (as after a plan change on another device): the server refuses it.
    card.locator("input[name=plan_item_id]").evaluate("input => { input.value = '999999'; }")
    card.locator("[data-action=done]").click()
    expect(card.locator("[data-item-error]")).to_be_visible()
    expect(card.locator("[data-item-error]")).not_to_be_empty()


def test_quick_check_in_offline_waits_in_the_outbox(page, live_server):
    open_today(page, live_server)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    page.locator(".quick-pain[value='5']").click()
    wait_waiting(page, 1)
    expect(page.locator("[data-quick-checkin]")).to_have_count(0)
    expect(page.locator("#checkin [data-checkin-summary]")).to_contain_text("pain 5/10")
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    wait_waiting(page, 0)
