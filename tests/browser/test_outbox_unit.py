"""Unit tests of static/js/outbox.js (globalThis.InoplanOutbox), run in Chromium against the live server."""
from __future__ import annotations

import re
import time

import pytest

from offline_helpers import open_app, outbox

DAY = "2026-11-20"


@pytest.fixture
def app_page(page, live_server):
    """A logged-in patient's page with the outbox loaded, and the sync requests it makes."""
    open_app(page, live_server)
    page.syncs = []
    page.on("request", lambda r: r.url.endswith("/api/v1/sync") and page.syncs.append(r))
    return page


def add(page, *entries):
    return page.evaluate("""async (entries) => {
        const stored = [];
        for (const e of entries) stored.push(await InoplanOutbox.add(e));
        return stored;
    }""", list(entries))


def checkin(pain=3, **extra):
    return {"type": "checkin", "date": DAY, "pain": pain, **extra}


def test_add_fills_id_device_time_and_queue_time_and_announces(app_page):
    announced = app_page.evaluate("""() => new Promise((resolve) => {
        const channel = new BroadcastChannel('inoplan-outbox');
        channel.onmessage = (e) => resolve(e.data);
        InoplanOutbox.add({type: 'checkin', date: '2026-11-20', pain: 3});
    })""")
    assert announced == {"type": "changed"}
    [entry] = outbox(app_page)
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", entry["client_id"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d", entry["recorded_at"])
    assert entry["queued_at"].endswith("Z")
    assert app_page.evaluate("InoplanOutbox.count()") == 1


def test_all_keeps_queue_order_and_remove_deletes_only_those(app_page):
    first, second, third = add(app_page, checkin(1), checkin(2), checkin(3))
    assert [e["pain"] for e in outbox(app_page)] == [1, 2, 3]
    app_page.evaluate("(ids) => InoplanOutbox.remove(ids)", [first["client_id"], third["client_id"]])
    assert [e["client_id"] for e in outbox(app_page)] == [second["client_id"]]


def test_flush_removes_acknowledged_and_flags_rejected_with_the_reason(app_page):
    add(app_page, checkin(2), checkin(11), checkin(4, date="2026-11-21"))
    result = app_page.evaluate("InoplanOutbox.flush()")
    assert result == {"status": "done", "sent": 2, "rejected": 1}
    [left] = outbox(app_page)
    # the fields only: the page names them in its language when it shows them (sync.js rejectedText)
    assert left["pain"] == 11 and left["rejected"] == {"error": "invalid", "fields": {"pain": "must be from 0 to 10"}}
    assert app_page.evaluate("InoplanOutbox.count()") == 0  # rejected entries are not "waiting"
    assert app_page.evaluate("InoplanOutbox.flush()")["status"] == "idle"  # and are never sent again
    assert len(app_page.syncs) == 1
    sent = app_page.syncs[0].post_data_json["items"]
    assert all(set(e) == {"type", "date", "pain", "client_id", "recorded_at"} for e in sent)  # phone-only fields stay


def test_flush_sends_batches_of_at_most_500(app_page):
    app_page.evaluate("""async () => { for (let i = 0; i < 1001; i++)
        await InoplanOutbox.add({type: 'checkin', date: '2026-11-20', pain: i % 11}); }""")
    result = app_page.evaluate("InoplanOutbox.flush()")
    assert result == {"status": "done", "sent": 1001, "rejected": 0}
    assert [len(r.post_data_json["items"]) for r in app_page.syncs] == [500, 500, 1]
    assert app_page.evaluate("InoplanOutbox.count()") == 0


def test_one_flush_at_a_time(app_page):
    add(app_page, checkin(1), checkin(2), checkin(3))
    results = app_page.evaluate("Promise.all([InoplanOutbox.flush(), InoplanOutbox.flush(), InoplanOutbox.flush()])")
    assert sorted(r["status"] for r in results) == ["done", "idle", "idle"]
    assert len(app_page.syncs) == 1


def test_fresh_csrf_token_before_each_flush_even_when_the_page_token_expired(app_page, live_server):
    live_server.app.config["WTF_CSRF_TIME_LIMIT"] = 1
    time.sleep(2)
    stale = app_page.evaluate("""() => fetch('/api/v1/sync', {method: 'POST', body: '{"items": []}',
        headers: {'Content-Type': 'application/json',
                  'X-CSRFToken': document.querySelector('meta[name=csrf-token]').content}}).then((r) => r.status)""")
    assert stale == 400
    add(app_page, checkin(5))
    assert app_page.evaluate("InoplanOutbox.flush()")["status"] == "done"
    assert outbox(app_page) == []


def test_expired_session_keeps_everything(app_page):
    add(app_page, checkin(5), checkin(6))
    app_page.context.clear_cookies()
    assert app_page.evaluate("InoplanOutbox.flush()")["status"] == "login"
    assert len(outbox(app_page)) == 2 and app_page.syncs == []


def test_offline_keeps_everything_without_touching_the_network(app_page):
    add(app_page, checkin(5))
    app_page.context.set_offline(True)
    assert app_page.evaluate("InoplanOutbox.flush()")["status"] == "offline"
    assert len(outbox(app_page)) == 1 and app_page.syncs == []
    app_page.context.set_offline(False)


def test_server_error_keeps_everything(app_page):
    add(app_page, checkin(5))
    app_page.route("**/api/v1/sync", lambda route: route.fulfill(status=502, body="Bad gateway"))
    result = app_page.evaluate("InoplanOutbox.flush()")
    assert result["status"] == "error" and result["sent"] == 0
    assert len(outbox(app_page)) == 1
