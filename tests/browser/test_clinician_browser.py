"""The demo physiotherapist changes a dose on a phone; the demo patient then sees it, and what changed, on Today."""
from __future__ import annotations

import pytest

from browser_fixtures import ARTIFACTS, PHONE, log_in


def shot(page, name: str) -> None:
    """What the phone shows (the viewport, with the bottom navigation where it belongs)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000


def test_clinician_changes_dose_and_patient_sees_it(browser, page, live_server):
    log_in(page, live_server, "demo.clinician@example.com")
    assert page.url.endswith("/clinician")
    page.locator(".patient-link", has_text="Sam Taylor").click()
    page.locator("nav.tabs").get_by_role("link", name="Plan", exact=True).click()
    walk = page.locator(".plan-item", has_text="Gentle walk")
    assert walk.locator(".dose").inner_text() == "15 min"
    walk.get_by_role("link", name="Change").click()
    page.fill("input[name=minutes]", "20")
    page.fill("textarea[name=version_note]", "Try 20 minutes on the flat this week.")
    page.get_by_role("button", name="Save as a new version").click()
    page.wait_for_load_state("networkidle")
    assert "Changed Gentle walk" in page.locator(".flashes").inner_text()
    assert page.locator(".plan-item", has_text="Gentle walk").locator(".dose").inner_text() == "20 min"
    assert page.console_errors == []

    patient = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    today = patient.new_page()
    log_in(today, live_server)
    assert today.url.endswith("/today")
    card = today.locator("[data-what-changed]")
    assert "1 change from Alex Morgan (physio): Gentle walk 15 min → 20 min" in card.inner_text()
    card.locator("summary").click()
    text = card.inner_text()
    assert "Try 20 minutes on the flat this week." in text and "Dose: 15 min → 20 min" in text
    item = today.locator("[data-plan-item-id]", has_text="Gentle walk")
    assert item.locator(".dose").inner_text() == "20 min"
    shot(today, "today-what-changed")
    card.get_by_role("button", name="Got it").click()
    today.wait_for_load_state("networkidle")
    assert today.locator("[data-what-changed]").count() == 0
    today.reload()
    assert today.locator("[data-what-changed]").count() == 0
    patient.close()


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_clinician_screens(context, page, live_server, request):
    scheme = request.node.callspec.params["context"]
    log_in(page, live_server, "demo.clinician@example.com")
    rows = page.locator(".patient-row")
    assert rows.count() == 3 and "Jordan Lee" in rows.first.inner_text()
    assert rows.first.locator(".chip").count() == 4
    shot(page, f"clinician-dashboard-{scheme}")
    rows.first.locator(".patient-link").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("svg.chart").count() == 4
    shot(page, f"clinician-patient-{scheme}")
    page.evaluate("document.getElementById('chart-2').scrollIntoView(); window.scrollBy(0, -90)")
    shot(page, f"clinician-patient-trends-{scheme}")
    assert page.console_errors == []
