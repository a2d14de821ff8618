"""The pain heat map at 390x844 in real Chromium: drawn front and back with its legend and table, shaded in light
and dark (and printed light), axe clean, on the patient's Progress and on the physio's patient page, in English and
German.

    SCREENSHOTS_DIR=docs/screenshots .venv/bin/python -m pytest tests/browser/test_heat_map_browser.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import User
from axe import axe_violations, blocking
from browser_fixtures import ARTIFACTS, PHONE, log_in
from helpers import add_flare, add_pain, add_treatment

TARGET = Path(os.environ.get("SCREENSHOTS_DIR") or ARTIFACTS / "screenshots")
PATIENT, PHYSIO = "demo.patient@example.com", "demo.clinician@example.com"
PRINTED = "rgb(155, 28, 18)"  # --heat-3 of the light scheme


def seed_diary(server) -> int:
    """Three weeks of the demo patient's pain diary: back and neck most, the hips new lately, two flare-ups."""
    with server.app.app_context():
        patient = db.session.scalar(select(User).where(User.email == PATIENT))
        for ago in (20, 17, 14, 12):
            add_pain(patient, ago, {"lower_back": 8, "neck": 5, "shoulder_r": 4})
        for ago in (9, 6, 4, 2, 1):
            add_pain(patient, ago, {"lower_back": 5, "hip_l": 7, "hip_r": 6, "upper_back": 2}, triggers=["stress"])
        add_flare(patient, 10, 3, triggers=["weather"])
        add_flare(patient, 2.5, None, triggers=["poor_sleep"])
        for ago, effect in ((8, 7), (3, 8)):
            add_treatment(patient, ago, "Warm bath", effect, kind="heat")
        patient_id = patient.id
        db.session.remove()
        return patient_id


def check_heat_map(page, scheme: str, fills: dict) -> None:
    card = page.locator("[data-heat-map]")
    expect(card).to_be_visible()
    expect(card.locator("svg.body-svg")).to_have_count(2)  # front and back
    expect(card.locator(".heat-region.heat-2[data-area=lower_back]")).to_have_count(1)  # mean 6.3, back view only
    expect(card.locator(".heat-region.heat-3[data-area=hip_l]")).to_have_count(2)  # mean 7, front and back
    expect(card.locator("table.heat-table tbody tr")).to_have_count(6)
    expect(card.locator("table.heat-table tbody tr").first).to_have_attribute("data-area-row", "lower_back")
    expect(card.locator(".heat-legend li")).to_have_count(4)
    fill = card.locator(".heat-region.heat-3").first.evaluate("e => getComputedStyle(e).fill")
    plain = card.locator(".heat-region.heat-0").first.evaluate("e => getComputedStyle(e).fill")
    assert fill not in (plain, "none") and fills.setdefault(scheme, fill) == fill, (scheme, fill, plain)
    assert blocking(axe_violations(page)) == [], scheme


def shoot(page, name: str, heading: str = "heat-title") -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    page.evaluate(f"document.getElementById('{heading}').scrollIntoView(); window.scrollBy(0, -70)")  # sticky top bar
    path = TARGET / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled", caret="hide")
    assert path.stat().st_size > 5_000


def phone(browser, scheme: str, locale: str, errors: list[str]):
    """A 390x844 phone in a colour scheme and language; page errors are collected in `errors`."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, color_scheme=scheme, is_mobile=True,
                                  has_touch=True, service_workers="block", reduced_motion="reduce", locale=locale)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_heat_map_and_its_table_render_and_pass_axe(browser, live_server, scheme):
    patient_id = seed_diary(live_server)
    fills: dict = {}
    errors: list[str] = []
    for locale, suffix in (("en-GB", "en"), ("de-DE", "de")):
        context, page = phone(browser, scheme, locale, errors)
        log_in(page, live_server)
        page.goto(f"{live_server.url}/progress?days=30")
        check_heat_map(page, scheme, fills)
        expect(page.locator("#heat-title")).to_have_text("Where it hurt" if suffix == "en" else "Wo es wehtat")
        shoot(page, f"heatmap-progress-{scheme}-{suffix}")
        expect(page.locator("[data-flares-by-month] tbody tr")).not_to_have_count(0)
        page.emulate_media(media="print")  # on paper: the light shades on white, whatever the screen's scheme
        card = page.locator("[data-heat-map]")
        assert card.locator(".heat-region.heat-3").first.evaluate("e => getComputedStyle(e).fill") == PRINTED
        assert card.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"
        context.close()

        context, physio = phone(browser, scheme, locale, errors)
        log_in(physio, live_server, PHYSIO)
        physio.goto(f"{live_server.url}/clinician/patients/{patient_id}?days=28")
        check_heat_map(physio, scheme, fills)
        expect(physio.locator("[data-diary-insights] [data-insight]")).not_to_have_count(0)
        shoot(physio, f"heatmap-physio-{scheme}-{suffix}")
        shoot(physio, f"heatmap-physio-patterns-{scheme}-{suffix}", "flares-title")  # flare-ups and diary patterns
        context.close()
    assert errors == []
