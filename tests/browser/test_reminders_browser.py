"""Reminders in real headless Chromium: a push delivered to the service worker through the DevTools protocol,
its "Done" and "Snooze" actions, due items on /today, the timezone follower, and the settings page."""
from __future__ import annotations

import json
from datetime import datetime, time, timedelta

import pytest
from flask_babel import force_locale
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Completion, ReminderSent, User
from app.services.clock import local_today, zone
from app.services.reminders.words import notification_words
from browser_fixtures import log_in, screenshot

NOTIFICATIONS = "async () => (await navigator.serviceWorker.ready).getNotifications().then(ns => ns.map(n => ({" \
                "title: n.title, body: n.body, tag: n.tag, actions: n.actions.map(a => a.title), data: n.data})))"


def registration_id(page, server) -> str:
    """The service worker registration's id, from ServiceWorker.workerRegistrationUpdated."""
    cdp = page.context.new_cdp_session(page)
    found = []
    cdp.on("ServiceWorker.workerRegistrationUpdated",
           lambda event: found.extend(r["registrationId"] for r in event["registrations"]
                                      if r["scopeURL"] == f"{server.url}/" and not r["isDeleted"]))
    cdp.send("ServiceWorker.enable")
    for _ in range(50):
        if found:
            return cdp, found[-1]
        page.wait_for_timeout(100)
    raise AssertionError("no service worker registration reported")


def open_item(page):
    """The first item on /today without a status: (element, payload the dispatcher would send for it)."""
    item = page.locator('[data-plan-item-id][data-status=""]').first
    date = page.locator("[data-today]").get_attribute("data-date")
    plan_item_id, slot = int(item.get_attribute("data-plan-item-id")), item.get_attribute("data-slot")
    key = item.get_attribute("data-key")
    payload = {"kind": "item", "title": f"{slot} {item.locator('h3').inner_text()}",
               "body": "Tap Done when you have finished.",
               "tag": f"inoplan-{key}-{date}-{slot}", "url": f"/today?date={date}", "plan_item_id": plan_item_id,
               "date": date, "slot": slot}
    return item, payload


def nothing_due(page):
    """Pin the page's clock to 03:00 today in London, when no item of the demo plan is due. Otherwise the page
    announces due items itself, and which notifications a test sees depends on the hour it runs at."""
    today = local_today("Europe/London")
    page.clock.set_fixed_time(datetime.combine(today, time(3, 0), tzinfo=zone("Europe/London")))


def wait_for(page, script, predicate, tries=100):  # 10 s, as the expect() timeout (browser_fixtures.py)
    for _ in range(tries):
        value = page.evaluate(script)
        if predicate(value):
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"condition not met; last value {value!r}")


def worker(page):
    page.evaluate("navigator.serviceWorker.ready")
    [sw] = [w for w in page.context.service_workers if w.url.endswith("/service_worker.js")]
    return sw


def test_pushed_reminder_is_shown_and_done_records_the_completion(page, live_server):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    nothing_due(page)
    log_in(page, live_server)
    page.evaluate("navigator.serviceWorker.ready")
    item, payload = open_item(page)
    cdp, reg_id = registration_id(page, live_server)
    cdp.send("ServiceWorker.deliverPushMessage",
             {"origin": live_server.url, "registrationId": reg_id, "data": json.dumps(payload)})
    [shown] = wait_for(page, NOTIFICATIONS, lambda ns: len(ns) == 1)
    assert shown["title"] == payload["title"] and shown["tag"] == payload["tag"]
    assert shown["actions"] == ["Done", "Snooze 30 min"]
    # Headless Chromium has no notification to click: run what a tap on "Done" runs, in the worker.
    entry = worker(page).evaluate("""async () => {
        const [n] = await self.registration.getNotifications();
        return self.InoplanPush.handleAction(n, "done");
    }""")
    assert entry["status"] == "done" and entry["plan_item_id"] == payload["plan_item_id"]
    assert wait_for(page, NOTIFICATIONS, lambda ns: ns == []) == []
    with live_server.app.app_context():
        done = db.session.scalar(select(Completion).where(Completion.client_id == entry["client_id"]))
        assert (done.status, done.slot, done.date.isoformat()) == ("done", payload["slot"], payload["date"])
    outbox = page.evaluate("""() => new Promise((resolve) => {
        const open = indexedDB.open("inoplan", 1);
        open.onsuccess = () => {
            const request = open.result.transaction("outbox").objectStore("outbox").count();
            request.onsuccess = () => { open.result.close(); resolve(request.result); };
        };
    })""")
    assert outbox == 0  # flushed and acknowledged
    page.reload()
    again = page.locator(f'[data-plan-item-id="{payload["plan_item_id"]}"][data-slot="{payload["slot"]}"]')
    assert again.get_attribute("data-status") == "done"
    assert page.console_errors == []


def test_done_from_a_notification_goes_through_the_one_outbox(page, live_server):
    """The worker's "Done" is queued like a page's write: for the reminder's owner only, rejected entries kept and
    flagged on the phone, and the fields that belong to the phone never sent (the old copy in sw_push.js did all
    three differently)."""
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    nothing_due(page)
    log_in(page, live_server)
    _, payload = open_item(page)
    me = int(page.locator("meta[name=inoplan-user]").get_attribute("content"))
    bodies = []
    page.context.on("request", lambda r: r.url.endswith("/api/v1/sync") and bodies.append(r.post_data_json))
    tap_done = """async (payload) => {
        await self.InoplanPush.show(payload);
        const [n] = await self.registration.getNotifications({tag: payload.tag});
        return self.InoplanPush.handleAction(n, "done");
    }"""
    sw = worker(page)
    someone_else = sw.evaluate(tap_done, {**payload, "owner": me + 1000, "tag": "other"})
    not_in_plan = sw.evaluate(tap_done, {**payload, "owner": me, "plan_item_id": 999999, "tag": "gone"})
    stored = {e["client_id"]: e for e in page.evaluate("InoplanOutbox.all()")}
    waiting = stored[someone_else["client_id"]]
    assert waiting["owner"] == me + 1000 and "rejected" not in waiting
    assert stored[not_in_plan["client_id"]]["rejected"]["fields"]["plan_item_id"]
    sent = [entry for body in bodies for entry in body["items"]]
    assert [e["client_id"] for e in sent] == [not_in_plan["client_id"]]  # never the other account's entry
    assert not {"owner", "queued_at", "label", "rejected"} & set(sent[0])
    with live_server.app.app_context():
        assert db.session.scalar(select(Completion).where(Completion.client_id == someone_else["client_id"])) is None
    assert page.console_errors == []


def test_snooze_asks_the_server_to_push_again(page, live_server):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    nothing_due(page)
    log_in(page, live_server)
    _, payload = open_item(page)
    result = worker(page).evaluate("""async (payload) => {
        await self.InoplanPush.show(payload);
        const [n] = await self.registration.getNotifications();
        return self.InoplanPush.handleAction(n, "snooze");
    }""", payload)
    snoozed_until = datetime.fromisoformat(result["snoozed_until"])
    with live_server.app.app_context():
        row = db.session.scalar(select(ReminderSent))
        assert (row.plan_item_id, row.slot) == (payload["plan_item_id"], payload["slot"])
        assert row.snoozed_until == snoozed_until
    assert page.console_errors == []


def test_due_item_is_highlighted_and_announced_while_open(page, live_server):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    log_in(page, live_server)
    item, payload = open_item(page)
    tz = zone("Europe/London")
    slot_time = datetime.fromisoformat(f"{payload['date']}T{payload['slot']}").replace(tzinfo=tz)
    page.clock.set_fixed_time(slot_time - timedelta(minutes=5))  # the default lead time is 10 minutes
    page.reload()
    due = page.locator(".is-due")
    due.first.wait_for()
    slots = {s for s in due.evaluate_all("els => els.map(e => e.dataset.slot)")}
    assert payload["slot"] in slots
    assert all(abs(int(s[:2]) * 60 + int(s[3:]) - (slot_time.hour * 60 + slot_time.minute)) <= 60 for s in slots)
    shown = wait_for(page, NOTIFICATIONS, lambda ns: any(n["tag"] == payload["tag"] for n in ns))
    assert next(n for n in shown if n["tag"] == payload["tag"])["actions"] == ["Done", "Snooze 30 min"]
    done = page.locator(f'[data-plan-item-id="{payload["plan_item_id"]}"][data-slot="{payload["slot"]}"]')
    done.locator('[data-action="done"]').click()
    page.wait_for_load_state("networkidle")
    assert "is-due" not in (done.get_attribute("class") or "")
    assert page.console_errors == []


# What the worker puts on a notification itself, and what a rejected change shows, in the patient's language.
WORDS = {"en": {"buttons": ["Done", "Snooze 30 min"],
                "body": "It is time for this routine. Tap Done when you have finished.",
                "rejected": "This routine is not an item of your plan."},
         "de": {"buttons": ["Erledigt", "30 Min. später"],
                "body": "Zeit für diese Routine. Tippen Sie auf „Erledigt“, wenn Sie fertig sind.",
                "rejected": "Diese Routine: is not an item of your plan."}}


@pytest.fixture
def saved_lang_page(lang_page, live_server):
    """lang_page, with notifications allowed and the language also saved (what a push is written in)."""
    with live_server.app.app_context():
        db.session.execute(User.__table__.update().values(locale=lang_page.lang))
        db.session.commit()
    lang_page.context.grant_permissions(["notifications"], origin=live_server.url)
    return lang_page


def test_a_pushed_reminders_buttons_are_in_the_patients_language(saved_lang_page, live_server):
    """The worker has no page: the payload's `strings` (app/services/reminders/words.py) name its buttons."""
    page, words = saved_lang_page, WORDS[saved_lang_page.lang]
    nothing_due(page)
    log_in(page, live_server)
    page.evaluate("navigator.serviceWorker.ready")
    _, payload = open_item(page)
    with live_server.app.test_request_context(), force_locale(page.lang):
        payload |= {"locale": page.lang, "strings": notification_words()}
    cdp, reg_id = registration_id(page, live_server)
    cdp.send("ServiceWorker.deliverPushMessage",
             {"origin": live_server.url, "registrationId": reg_id, "data": json.dumps(payload)})
    [shown] = wait_for(page, NOTIFICATIONS, lambda ns: len(ns) == 1)
    assert shown["actions"] == words["buttons"]
    # A "Done" the server refuses (the item left the plan) is listed on the page, with the field's name in the
    # page's language: the worker stored only the fields.
    worker(page).evaluate("""async (payload) => {
        await self.InoplanPush.show(payload);
        const [n] = await self.registration.getNotifications({tag: payload.tag});
        return self.InoplanPush.handleAction(n, "done");
    }""", {**payload, "plan_item_id": 999999, "tag": "gone"})
    page.reload()
    expect(page.locator("[data-rejected]")).to_contain_text(words["rejected"])
    assert page.console_errors == []


def test_the_pages_due_now_notification_is_in_the_patients_language(saved_lang_page, live_server):
    page, words = saved_lang_page, WORDS[saved_lang_page.lang]
    log_in(page, live_server)
    _, payload = open_item(page)
    slot_time = datetime.fromisoformat(f"{payload['date']}T{payload['slot']}").replace(tzinfo=zone("Europe/London"))
    page.clock.set_fixed_time(slot_time - timedelta(minutes=5))
    page.reload()
    shown = wait_for(page, NOTIFICATIONS, lambda ns: any(n["tag"] == payload["tag"] for n in ns))
    mine = next(n for n in shown if n["tag"] == payload["tag"])
    assert (mine["actions"], mine["body"]) == (words["buttons"], words["body"])
    assert mine["data"]["strings"]["done"] == words["buttons"][0] and mine["data"]["locale"] == page.lang
    assert page.console_errors == []


def test_the_phone_timezone_wins_only_when_the_setting_is_on(browser, live_server):
    with live_server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == "demo.patient@example.com"))
        assert user.timezone == "Europe/London"
    for follow, expected in ((False, "Europe/London"), (True, "Asia/Tokyo")):
        with live_server.app.app_context():
            db.session.execute(User.__table__.update().values(follow_device_timezone=follow))
            db.session.commit()
        context = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id="Asia/Tokyo")
        page = context.new_page()
        log_in(page, live_server)
        page.wait_for_load_state("networkidle")
        with live_server.app.app_context():
            assert db.session.scalar(select(User.timezone).where(User.id == user.id)) == expected
        context.close()


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_settings_page_at_phone_size(page, live_server, context):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/settings/reminders")
    toggle = page.locator("[data-push-toggle]")
    toggle.wait_for()
    assert toggle.inner_text() == "Turn on notifications"
    assert page.evaluate("Notification.permission") == "default"  # nothing asked before a tap
    assert page.locator("svg.qr").bounding_box()["width"] >= 150
    for target in page.locator("#calendar .btn, [data-push-toggle], .reminder-prefs .btn").all():
        assert target.bounding_box()["height"] >= 44
    scheme = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    path = screenshot(page, f"reminders-settings-{'dark' if scheme else 'light'}")
    assert path.stat().st_size > 20_000
    assert page.console_errors == []


def test_turning_on_where_push_is_unavailable_fails_politely(page, live_server):
    """Playwright's contexts are incognito, where Chromium refuses PushManager.subscribe(): the page says so."""
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    log_in(page, live_server)
    page.goto(f"{live_server.url}/settings/reminders")
    page.locator("[data-push-toggle]").click()
    text = wait_for(page, """() => document.querySelector('[data-push-toggle]').disabled ? ""
                                   : document.querySelector('[data-push-state]').textContent""",
                    lambda t: t.startswith("That did not work"), tries=100)
    assert "Registration failed" in text
    assert page.locator("[data-push-toggle]").inner_text() == "Turn on notifications"
    # Chromium itself logs why (incognito); nothing else may be logged.
    assert [e for e in page.console_errors if "incognito" not in e] == []
