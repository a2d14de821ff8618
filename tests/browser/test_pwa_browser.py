"""The installed-app side in real Chromium: plan changes reach the phone, expired sessions, updates, installability."""
from __future__ import annotations

import json

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Routine, User
from app.pwa import routes as pwa_routes
from app.services.plans.versions import ItemSpec, current_specs, plan_for, save_version
from app.services.progress.adherence import adherence_for
from browser_fixtures import ARGS, CHROMIUM, PHONE, log_in
from offline_helpers import (
    PATIENT,
    back_online,
    open_app,
    outbox,
    patient_today,
    rows,
    server_day,
    shown_items,
    wait_today,
)


def clinician_edits_plan(server) -> str:
    """The physio lengthens the first routine and adds slow breathing at 12:00: a new version, same keys."""
    with server.app.app_context():
        patient = db.session.scalar(select(User).where(User.email == PATIENT))
        clinician = db.session.scalar(select(User).where(User.role == "clinician"))
        plan = plan_for(db.session, patient)
        specs = current_specs(db.session, plan)
        specs[0].minutes = 12
        breathing = db.session.scalar(select(Routine).where(Routine.slug == "slow-breathing"))
        specs.append(ItemSpec.from_routine(breathing, times=["12:00"]))
        save_version(db.session, plan, specs, clinician, note="More time for the first stretch")
        db.session.commit()
        return breathing.title


def test_plan_edited_while_offline_reaches_the_phone_and_old_ticks_count(page, live_server):
    open_app(page, live_server)
    day = patient_today(live_server)
    page.context.set_offline(True)
    first = page.locator("[data-plan-item-id]").first
    old_id = int(first.get_attribute("data-plan-item-id"))
    key, slot = first.get_attribute("data-key"), first.get_attribute("data-slot")
    first.locator('[data-action="done"]').click()
    expect(first).to_have_attribute("data-status", "done")

    title = clinician_edits_plan(live_server)
    back_online(page)
    expect(page.locator("[data-plan-item-id] h3", has_text=title)).to_be_visible()
    assert shown_items(page) == server_day(live_server, day)
    same = page.locator(f'[data-key="{key}"][data-slot="{slot}"]')
    assert int(same.get_attribute("data-plan-item-id")) != old_id
    expect(same).to_have_attribute("data-status", "done")
    expect(same.locator(".dose")).to_contain_text("12 min")

    # Stored against the version it was done on, and counted for today's plan.
    assert [c.plan_item_id for c in rows(live_server, day).completions] == [old_id]
    with live_server.app.app_context():
        patient = db.session.scalar(select(User).where(User.email == PATIENT))
        tally = adherence_for(db.session, [plan_for(db.session, patient)], {patient.id: patient.timezone}, day, day)
        assert tally[patient.id].by_item[key].credit == 1.0

    # Offline again, the phone shows the new plan from what it saved.
    page.context.set_offline(True)
    page.reload()
    wait_today(page)
    assert shown_items(page) == server_day(live_server, day)
    expect(page.locator(f'[data-key="{key}"][data-slot="{slot}"]')).to_have_attribute("data-status", "done")
    assert page.console_errors == []


def test_expired_session_keeps_the_queue_and_asks_to_log_in(page, live_server):
    open_app(page, live_server)
    day = patient_today(live_server)
    page.context.set_offline(True)
    first = page.locator("[data-plan-item-id]").first
    first.locator('[data-action="done"]').click()
    page.context.clear_cookies()  # the session ended while the phone was away
    page.context.set_offline(False)
    banner = page.locator("[data-session-banner]")
    expect(banner).to_contain_text("Your session has ended. Your changes are safe on this phone.")
    assert len(outbox(page)) == 1
    expect(page.locator("[data-outbox-badge]")).to_have_text("1 waiting")

    banner.get_by_role("link", name="Log in again").click()
    page.fill("input[name=email]", PATIENT)
    page.fill("input[name=password]", "inoplan-demo")
    page.click("button[type=submit]")
    wait_today(page)
    expect(page.locator("[data-outbox-badge]")).to_be_hidden()
    assert len(rows(live_server, day).completions) == 1
    assert outbox(page) == []


def test_entries_of_another_account_wait_for_it(page, live_server):
    """A change queued by someone else on this phone is never sent under the current account."""
    open_app(page, live_server)
    page.evaluate("""InoplanOutbox.add({type: 'checkin', date: '2026-01-01', pain: 3, owner: 999999})""")
    result = page.evaluate("InoplanOutbox.flush()")
    assert result["status"] == "done" and result["sent"] == 0
    assert [e["owner"] for e in outbox(page)] == [999999]


def test_new_version_offers_update_and_reloads_on_tap(page, live_server, monkeypatch):
    open_app(page, live_server)
    original = pwa_routes.worker_source
    monkeypatch.setattr(pwa_routes, "worker_source", lambda version: original(version).replace(
        "const SHELL_CACHE = `inoplan-shell-${VERSION}`;", "const SHELL_CACHE = `inoplan-shell-${VERSION}-next`;"))
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    banner = page.locator("[data-update-banner]")
    expect(banner).to_be_visible()
    with page.expect_navigation():
        banner.get_by_role("button", name="Reload").click()
    wait_today(page)
    expect(banner).to_be_hidden()
    names = page.evaluate("caches.keys()")
    version = live_server.app.config["ASSET_VERSION"]
    assert [n for n in names if n.startswith("inoplan-shell-")] == [f"inoplan-shell-{version}-next"]
    assert "inoplan-pages" in names and "inoplan-data" in names
    assert page.console_errors == []


def test_logout_forgets_saved_pages(page, live_server):
    open_app(page, live_server)
    assert "inoplan-data" in page.evaluate("caches.keys()")
    page.goto(f"{live_server.url}/logout")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")
    assert "inoplan-data" not in page.evaluate("caches.keys()")
    saved = page.evaluate("caches.open('inoplan-pages').then((c) => c.keys())"
                          ".then((k) => k.map((r) => new URL(r.url).pathname))")
    assert "/today" not in saved


def test_chromium_reports_the_app_installable(browser, live_server, tmp_path):
    # Chromium never offers installation in an incognito-like context, so use a real profile.
    ctx = browser.browser_type.launch_persistent_context(str(tmp_path / "profile"), executable_path=CHROMIUM, args=ARGS,
                                                         headless=True, viewport=PHONE)
    try:
        page = ctx.new_page()
        log_in(page, live_server)
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        cdp = ctx.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == []
        data = json.loads(manifest["data"])
        assert {s["name"] for s in data["shortcuts"]} >= {"Today", "Daily check-in"}
        assert data["screenshots"] and all(s["form_factor"] == "narrow" for s in data["screenshots"])
    finally:
        ctx.close()
