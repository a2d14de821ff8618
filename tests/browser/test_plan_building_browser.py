"""At phone size (390x844): "Add to my plan" from a routine page, several routines at once, and a physio's draft
sent as one update that the patient sees as one compact card."""
from __future__ import annotations

from browser_fixtures import PHONE, log_in


def test_add_to_my_plan_preselects_the_routine_and_fills_its_dose(page, live_server):
    assert page.viewport_size == PHONE
    log_in(page, live_server)
    page.goto(f"{live_server.url}/library")
    page.get_by_role("link", name="Cat-cow back stretch").first.click()
    page.get_by_role("link", name="Add to my plan").click()
    page.wait_for_load_state("networkidle")
    select = page.locator("#add select[name=routine_id]")
    assert "Cat-cow back stretch" in select.locator("option:checked").inner_text()
    assert page.locator("#add input[name=reps]").input_value() != ""
    select.select_option(label="Heat & cold: Heat pack")
    assert page.locator("#add input[name=minutes]").input_value() == "15"  # the script filled the safe duration
    assert page.locator("#add input[name=reps]").input_value() == ""
    page.locator("#add").get_by_role("button", name="Add to my plan").click()
    page.wait_for_load_state("networkidle")
    assert "Added Heat pack" in page.locator(".flashes").inner_text()
    assert page.console_errors == []


def test_several_routines_at_once(page, live_server):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/plan/add")
    page.fill("#routine-filter", "breath")
    breathing = page.locator(".routine-choice", has_text="Slow breathing")
    assert breathing.is_visible() and not page.locator(".routine-choice", has_text="Chin tuck").is_visible()
    breathing.locator("input").check()
    page.fill("#routine-filter", "scan")
    page.locator(".routine-choice", has_text="Body scan").locator("input").check()
    page.get_by_label("Evening, 19:00").check()
    page.get_by_role("button", name="Add to my plan").click()
    page.wait_for_load_state("networkidle")
    assert "Added 2 routines to your plan." in page.locator(".flashes").inner_text()
    assert page.locator(".plan-item", has_text="Body scan").count() == 1
    assert page.console_errors == []


def test_a_draft_sent_once_shows_as_one_compact_card(browser, page, live_server):
    log_in(page, live_server, "demo.clinician@example.com")
    page.locator(".patient-link", has_text="Sam Taylor").click()
    page.locator("nav.tabs").get_by_role("link", name="Plan", exact=True).click()
    page.get_by_role("button", name="Edit as a draft (send all changes at once)").click()
    page.locator(".plan-item", has_text="Gentle walk").get_by_role("link", name="Change").click()
    page.fill("input[name=minutes]", "20")
    page.get_by_role("button", name="Save to the draft").click()
    page.wait_for_load_state("networkidle")
    assert "Draft: 1 change not sent" in page.locator("#draft").inner_text()
    page.fill("#draft textarea[name=version_note]", "A little longer on the flat.")
    page.locator("#draft").get_by_role("button", name="Send to Sam Taylor").click()
    page.wait_for_load_state("networkidle")
    assert "Sent." in page.locator(".flashes").inner_text()

    patient = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    today = patient.new_page()
    log_in(today, live_server)
    card = today.locator("[data-what-changed]")
    assert card.count() == 1
    assert "Gentle walk 15 min → 20 min" in card.locator("summary").inner_text()
    assert "A little longer on the flat." in card.inner_text()
    assert not card.locator(".changes").is_visible()
    card.locator("summary").click()
    assert "Dose: 15 min → 20 min" in card.locator(".changes").inner_text()
    patient.close()
