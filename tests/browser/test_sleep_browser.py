"""The sleep diary in real Chromium at 390x844: entered offline, synced once; and its screenshots.

    SCREENSHOTS_DIR=docs/screenshots .venv/bin/python -m pytest tests/browser/test_sleep_browser.py

refreshes the pictures in docs/screenshots/ (sleep-*-{light,dark}[-de].png).
"""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import SleepEntry, User
from app.services.records import sync as records
from app.services.sleep import windows
from axe import axe_violations, blocking
from browser_fixtures import BROWSER_LOCALES, PHONE, SCREENSHOTS, log_in, still_page
from offline_helpers import PATIENT, back_online, open_app, patient_today, stored


def test_a_diary_entered_offline_reaches_the_server_once(page, live_server):
    open_app(page, live_server)
    day = patient_today(live_server)
    page.goto(f"{live_server.url}/sleep")  # online once, so the page is saved for offline use
    expect(page.locator("[data-sleep-form]")).to_be_visible()
    page.context.set_offline(True)
    page.reload()
    form = page.locator("[data-sleep-form]")
    form.locator("[name=in_bed]").fill("22:45")
    form.locator("[name=final_wake]").fill("06:30")
    latency = form.locator("[data-stepper]").filter(has=page.locator("[name=latency_min]"))
    latency.locator("[data-step-by='1']").click()  # 15 -> 20 minutes
    expect(form.locator("[name=latency_min]")).to_have_value("20")
    form.locator("[name=quality][value='4']").check(force=True)
    expect(form.locator("[data-sleep-live]")).not_to_be_empty()
    form.locator("button[type=submit]").click()
    expect(form.locator("[data-sleep-saved]")).to_be_visible()
    expect(page.locator("[data-outbox-badge]")).to_have_text("1 waiting")
    assert stored(live_server, SleepEntry) == []

    back_online(page)
    [night] = stored(live_server, SleepEntry)
    assert (night.date, night.in_bed, night.final_wake, night.latency_min, night.quality) == (
        day, "22:45", "06:30", 20, 4)
    assert night.tz == page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    assert page.console_errors == []


def seed(server) -> None:
    """Five weeks of nights that slowly improve, a window set eight days ago (so a suggestion shows)."""
    with server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == PATIENT))
        today = datetime.now(UTC).date()
        entries = []
        for n in range(1, 35):
            waso = 30 + (n * 7) % 45
            entries.append({"client_id": str(uuid.uuid4()), "type": "sleep", "date": str(today - timedelta(days=n)),
                            "in_bed": "23:00", "tried_sleep": "23:10", "final_wake": "06:20", "out_of_bed": "06:40",
                            "latency_min": 15 + n % 4 * 5, "awakenings": 2, "waso_min": waso, "quality": 3})
        records.store(db.session, user, entries)
        if windows.current(db.session, user.id) is None:
            windows.set_window(db.session, user, user, "23:30", "06:30",
                               now=datetime.now(UTC) - timedelta(days=8))


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sleep_screenshots(browser, live_server, scheme, lang):
    """The diary, the window and the weekly charts render without errors; pictures for the docs."""
    seed(live_server)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = still_page(browser, scheme, locale=BROWSER_LOCALES[lang])
    context = page.context
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    from browser_fixtures import log_in
    log_in(page, live_server)
    suffix = f"-{scheme}" + ("-de" if lang == "de" else "")
    shots = []
    for name, path, anchor in (("sleep-diary", "/sleep", None), ("sleep-window", "/sleep/window", None),
                               ("sleep-charts", "/sleep", "#sleep-weeks-title")):
        page.goto(f"{live_server.url}{path}")
        if anchor:
            target = page.locator(anchor).locator("xpath=..")
            target.screenshot(path=str(SCREENSHOTS / f"{name}{suffix}.png"), animations="disabled", caret="hide")
        else:
            height = min(int(2.5 * PHONE["height"]), page.evaluate("document.documentElement.scrollHeight"))
            page.set_viewport_size({"width": PHONE["width"], "height": max(PHONE["height"], height)})
            page.screenshot(path=str(SCREENSHOTS / f"{name}{suffix}.png"), animations="disabled", caret="hide")
            page.set_viewport_size(PHONE)
        shots.append(SCREENSHOTS / f"{name}{suffix}.png")
    heading = page.locator("h1").first.text_content()
    context.close()
    assert heading.startswith("Schlaftagebuch" if lang == "de" else "Sleep diary")
    assert all(p.stat().st_size > 5_000 for p in shots)
    assert errors == []


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_physios_sleep_panel_reads_in_their_language(browser, live_server, scheme, lang):
    """The physio's sleep panel (weeks, window, suggestion, the form, the history) in English and German, axe
    clean; pictures for the docs."""
    seed(live_server)
    with live_server.app.app_context():
        patient_id = db.session.scalar(select(User.id).where(User.email == PATIENT))
    page = still_page(browser, scheme, locale=BROWSER_LOCALES[lang])
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    log_in(page, live_server, "demo.clinician@example.com")
    page.goto(f"{live_server.url}/clinician/patients/{patient_id}#sleep")
    panel = page.locator("#sleep")
    text = panel.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"sleep-physio-{scheme}{'-de' if lang == 'de' else ''}.png"
    # a page as tall as the document: the panel is shot whole, without scrolling under the sticky header
    page.set_viewport_size({"width": PHONE["width"], "height": page.evaluate("document.documentElement.scrollHeight")})
    panel.screenshot(path=str(shot), animations="disabled", caret="hide")
    found = blocking(axe_violations(page))
    page.goto(f"{live_server.url}/clinician")  # two weeks under 80 %: the dashboard's note
    note = page.locator("[data-sleep-note]").inner_text()
    found += blocking(axe_violations(page))
    page.context.close()
    assert ("Schlafeffizienz seit zwei Wochen unter 80" if lang == "de" else "sleep efficiency below 80 %") in note
    words = (["Schlaftagebuch und Schlaffenster", "Woche ab", "Nächte", "Zubettgehzeit", "Fenster speichern",
              "Vorschlag für diese Woche"] if lang == "de" else
             ["Sleep diary and window", "Week of", "Nights", "Bedtime", "Save window", "Suggestion for this week"])
    assert [w for w in words if w not in text] == []
    if lang == "de":
        assert [w for w in ("Latest week", "thresholds", "Week of", "Save window", "Keep as it is") if w in text] == []
    assert found == [] and errors == [] and shot.stat().st_size > 5_000
