"""Questionnaires in a real phone-sized Chromium: answered offline, synced once; PHQ-9 item 9 shows crisis help
offline and flags the physio's dashboard; the red-flags page works offline after one visit. Screenshots of
answering, the crisis message, the trend chart, the urgent flag and the red-flags page go to
docs/screenshots/ (SCREENSHOTS_DIR) or test-artifacts/screenshots/.
"""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.formatting import date_text
from app.models import MeasureResponse, User
from app.services.records.sync import store
from axe import axe_violations, blocking
from browser_fixtures import PHONE, SCREENSHOTS, log_in
from offline_helpers import open_app, wait_waiting


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    scheme = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'")
    height = min(int(2.5 * PHONE["height"]), max(PHONE["height"], page.evaluate("document.body.scrollHeight")))
    page.set_viewport_size({"width": PHONE["width"], "height": height})
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{scheme}.png"), animations="disabled", caret="hide")
    page.set_viewport_size(PHONE)


def tap(page, name: str, value: int) -> None:
    page.locator(f"label:has(input[name={name}][value='{value}'])").click()


def responses(server) -> list[MeasureResponse]:
    with server.app.app_context():
        rows = db.session.scalars(select(MeasureResponse).order_by(MeasureResponse.instrument,
                                                                    MeasureResponse.date)).all()
        db.session.expunge_all()
        return rows


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_peg_and_phq9_offline_then_synced_and_item_9_flags_the_dashboard(page, live_server, browser, context):
    open_app(page, live_server)
    assert page.locator("[data-measures-due]").is_visible()
    page.wait_for_selector("html[data-help-kept=yes]")          # red flags and due questionnaires kept
    page.context.set_offline(True)

    page.goto(f"{live_server.url}/measures/peg")
    page.wait_for_selector(".measure-form.is-stepped")
    assert page.locator("[data-m-progress]").inner_text() == "1 / 3"
    tap(page, "q0", 7)
    assert page.locator("[data-m-progress]").inner_text() == "2 / 3"   # one question per screen
    tap(page, "q1", 5)
    shoot(page, "measure-answering")
    page.reload()                                                # a half-answered questionnaire is kept
    page.wait_for_selector(".measure-form.is-stepped")
    assert page.locator("input[name=q1][value='5']").is_checked()
    tap(page, "q2", 6)
    page.click("[data-m-submit]")
    page.wait_for_selector("[data-m-saved]:not([hidden])")
    wait_waiting(page, 1)

    page.goto(f"{live_server.url}/measures/phq9")
    page.wait_for_selector(".measure-form.is-stepped")
    for i in range(8):
        tap(page, f"q{i}", 1)
    assert page.locator("[data-crisis]").is_hidden()
    tap(page, "q8", 1)
    crisis = page.locator("[data-crisis]")
    assert crisis.is_visible()                                   # at once, offline, before anything is sent
    assert crisis.locator("a[href='tel:999']").is_visible() and crisis.locator("a[href='tel:116123']").count() == 1
    shoot(page, "measure-crisis")
    page.click("[data-m-submit]")
    page.wait_for_selector("[data-m-saved]:not([hidden])")
    assert page.locator("[data-crisis]").is_visible()            # still there after saving
    wait_waiting(page, 2)

    page.goto(f"{live_server.url}/learn/red-flags")             # saved on the phone by the first visit
    assert page.locator("[data-help-calls] a[href^='tel:']").count() >= 2
    shoot(page, "red-flags-offline")

    page.context.set_offline(False)
    page.evaluate("InoplanOutbox.flush()")
    wait_waiting(page, 0)
    rows = responses(live_server)
    assert [(r.instrument, r.score, r.flags) for r in rows] == [("peg", 6.0, []), ("phq9", 9, ["urgent"])]

    with live_server.app.app_context():   # four weeks earlier, lower scores: a trend with a meaningful change
        patient = db.session.scalar(select(User).where(User.email == "demo.patient@example.com"))
        day = rows[0].date - timedelta(days=28)
        store(db.session, patient, [
            {"type": "measure", "client_id": str(uuid.uuid4()), "instrument": "phq9", "date": day.isoformat(),
             "answers": [0, 1, 1, 0, 0, 0, 1, 0, 0]},
            {"type": "measure", "client_id": str(uuid.uuid4()), "instrument": "peg", "date": day.isoformat(),
             "answers": [8, 8, 7]}])
    page.goto(f"{live_server.url}/measures")
    page.wait_for_selector("[data-measure-trend=phq9] svg")
    assert "Worse than the answer before" in page.locator("[data-measure-trend=phq9]").inner_text()
    shoot(page, "measure-trends")

    scheme = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'")
    physio = browser.new_context(viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True,
                                 service_workers="block").new_page()
    log_in(physio, live_server, "demo.clinician@example.com")
    physio.goto(f"{live_server.url}/clinician")
    flag = physio.locator("[data-urgent]")
    with live_server.app.test_request_context():  # the date as the physio's page writes it (English here)
        written = date_text(rows[1].date)
    assert flag.is_visible() and f"PHQ-9 on {written}:" in flag.inner_text()
    top = physio.locator("main [data-urgent]").bounding_box()["y"]
    assert top < physio.locator(".patient-list").bounding_box()["y"]     # above every patient row
    shoot(physio, "clinician-urgent-flag")
    flag.get_by_role("button", name="Acknowledge").click()
    physio.wait_for_load_state("networkidle")
    assert physio.locator("[data-urgent]").count() == 0
    with live_server.app.app_context():
        patient = db.session.scalar(select(User).where(User.email == "demo.patient@example.com"))
        assert db.session.scalar(select(MeasureResponse.alert_open).where(
            MeasureResponse.patient_id == patient.id, MeasureResponse.instrument == "phq9")) is False
    physio.context.close()
    assert page.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_questionnaire_pages_have_no_serious_axe_violation(browser, live_server, scheme):
    """Answering (stepped, with the crisis message shown), trends, the red flags and the physio's flag pass axe."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True,
                                  service_workers="block")
    page = context.new_page()
    log_in(page, live_server)
    found = {}
    page.goto(f"{live_server.url}/measures/phq9")
    page.wait_for_selector(".measure-form.is-stepped")
    for i in range(9):
        tap(page, f"q{i}", 1)
    assert page.locator("[data-crisis]").is_visible()
    found["phq9"] = blocking(axe_violations(page))
    for name, path in (("peg", "/measures/peg"), ("wpi", "/measures/wpi_sss"), ("psfs", "/measures/psfs"),
                       ("measures", "/measures"), ("red-flags", "/learn/red-flags")):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        found[name] = blocking(axe_violations(page))
    context.close()
    assert {k: v for k, v in found.items() if v} == {}
