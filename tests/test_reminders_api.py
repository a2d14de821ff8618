"""Push subscription, snooze, preferences and PATCH /api/v1/me: validation and ownership."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import PushSubscription, ReminderSent
from app.services.clock import local_today
from helpers import give_plan, make_user
from push_receiver import Browser, b64url

ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc123"


@pytest.fixture(autouse=True)
def scratch_key(app, tmp_path):
    """The VAPID key in a scratch file, not the developer's instance/."""
    app.config["VAPID_KEY_FILE"] = str(tmp_path / "vapid.pem")
    app.extensions.pop("inoplan_vapid", None)


def sub(endpoint=ENDPOINT, **keys):
    body = Browser(endpoint).subscription()
    body["keys"].update(keys)
    return body


def test_subscribe_refresh_and_unsubscribe(login, patient):
    s = login(patient)
    body = sub()
    assert s.post_json("/api/v1/push/subscriptions", body).status_code == 201
    again = s.post_json("/api/v1/push/subscriptions", body)  # the app re-sends it on every open
    assert again.status_code == 200 and again.json == {"endpoint": ENDPOINT, "created": False}
    assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 1
    assert s.delete_json("/api/v1/push/subscriptions", {"endpoint": ENDPOINT}).json == {"deleted": True}
    assert s.delete_json("/api/v1/push/subscriptions", {"endpoint": ENDPOINT}).status_code == 404


@pytest.mark.parametrize("body, field", [
    ({"endpoint": "http://fcm.googleapis.com/fcm/send/x"}, "endpoint"),       # not https
    ({"endpoint": "https://10.0.0.7/push"}, "endpoint"),                       # an address, not a push service
    ({"endpoint": "https://intranet.example.com/push"}, "endpoint"),           # not a known push service
    ({"endpoint": "ftp://localhost/push"}, "endpoint"),
    ({"endpoint": 42}, "endpoint"),
    ({"keys": {"p256dh": "not base64!"}}, "keys.p256dh"),
    ({"keys": {"p256dh": b64url(b"\x04" + b"\x01" * 64)}}, "keys.p256dh"),     # 65 bytes, not on the curve
    ({"keys": {"p256dh": b64url(b"\x04" * 33)}}, "keys.p256dh"),               # wrong length
    ({"keys": {"auth": b64url(b"short")}}, "keys.auth"),
    ({"keys": {"auth": None}}, "keys.auth"),
])
def test_bad_subscriptions_are_rejected_with_the_field(login, patient, body, field):
    payload = sub()
    payload["keys"].update(body.pop("keys", {}))
    payload.update(body)
    answer = login(patient).post_json("/api/v1/push/subscriptions", payload)
    assert answer.status_code == 422 and field in answer.json["fields"], answer.json
    assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 0


def test_not_json_is_a_clear_error(login, patient):
    s = login(patient)
    answer = s.client.post("/api/v1/push/subscriptions", data="x", headers={"X-CSRFToken": s.token})
    assert answer.status_code == 422 and answer.json["error"] == "invalid"
    assert s.delete_json("/api/v1/push/subscriptions", {"nope": 1}).status_code == 400


def test_loopback_only_when_allowed_and_csrf_needed(app, login, patient):
    s = login(patient)
    loopback = sub("http://127.0.0.1:9/push")
    assert s.post_json("/api/v1/push/subscriptions", loopback).status_code == 201
    app.config["PUSH_ALLOW_LOOPBACK"] = False  # production
    answer = s.post_json("/api/v1/push/subscriptions", sub("http://localhost:9/push"))
    assert answer.status_code == 422 and answer.json["fields"]["endpoint"] == "must be an https URL"
    assert s.client.post("/api/v1/push/subscriptions", json=sub()).status_code == 400  # no CSRF header


def test_another_users_subscription_cannot_be_deleted_but_a_browser_moves_with_its_account(login, patient):
    other = make_user()
    s_other = login(other)
    browser = Browser(ENDPOINT)
    assert s_other.post_json("/api/v1/push/subscriptions", browser.subscription()).status_code == 201
    s = login(patient)
    assert s.delete_json("/api/v1/push/subscriptions", {"endpoint": ENDPOINT}).status_code == 404
    # The same browser profile (same keys), now logged in as the patient, re-registers: it follows the account.
    assert s.post_json("/api/v1/push/subscriptions", browser.subscription()).status_code == 200
    assert db.session.scalar(select(PushSubscription.user_id)) == patient.id


def test_anonymous_push_api_is_401(client):
    assert client.get("/api/v1/push/key").status_code == 401
    assert client.post("/api/v1/push/subscriptions", json=sub()).status_code == 401


def test_push_key_is_a_p256_point(login, patient):
    key = login(patient).get("/api/v1/push/key").json["public_key"]
    assert len(key) == 87 and key.startswith("B")  # 65 bytes, uncompressed point (0x04...)


def test_snooze_validation_and_ownership(login, patient):
    version = give_plan(patient)
    other_version = give_plan(make_user())
    s = login(patient)
    today = local_today(patient.timezone).isoformat()
    item = version.items[0]
    ok = s.post_json("/api/v1/push/snooze", {"plan_item_id": item.id, "date": today, "slot": "08:00"})
    assert ok.status_code == 200 and "snoozed_until" in ok.json
    assert db.session.scalar(select(ReminderSent.snoozed_until)) is not None
    checkin = s.post_json("/api/v1/push/snooze", {"kind": "checkin", "date": today, "slot": "20:00"})
    assert checkin.status_code == 200
    mine_not = s.post_json("/api/v1/push/snooze", {"plan_item_id": other_version.items[0].id, "date": today,
                                                    "slot": "08:00"})
    assert mine_not.status_code == 404
    for bad, field in (({"slot": "25:00"}, "slot"), ({"date": "2020-01-01"}, "date"), ({"date": "soon"}, "date"),
                       ({"kind": "nap"}, "kind")):
        body = {"plan_item_id": item.id, "date": today, "slot": "08:00", **bad}
        answer = s.post_json("/api/v1/push/snooze", body)
        assert answer.status_code == 422 and field in answer.json["fields"], (bad, answer.json)


def test_prefs_json(login, patient):
    """Every default is applied by the server, with the lateness limit: the page derives nothing itself."""
    prefs = login(patient).get("/api/v1/reminders/prefs").json
    assert prefs == {"push": True, "calendar": True, "in_app": True, "quiet_start": None, "quiet_end": None,
                     "lead_minutes": 10, "checkin_time": "20:00", "late_minutes": 60}


def test_me_has_calendar_url_and_patch_sets_timezone(login, patient, clinician):
    s = login(patient)
    me = s.get("/api/v1/me").json
    assert me["calendar_url"] == f"http://localhost/calendar/{patient.calendar_token}.ics"
    answer = s.client.patch("/api/v1/me", json={"timezone": "Asia/Tokyo"}, headers={"X-CSRFToken": s.token})
    assert answer.status_code == 200 and answer.json["timezone"] == "Asia/Tokyo"
    db.session.refresh(patient)
    assert patient.timezone == "Asia/Tokyo"
    assert login(clinician).get("/api/v1/me").json["calendar_url"] is None


@pytest.mark.parametrize("body, status", [
    ({"timezone": "Mars/Olympus"}, 422), ({"timezone": 5}, 422), ({"follow_device_timezone": "yes"}, 422),
    ({"display_name": "x"}, 400), ([], 400),
])
def test_patch_me_rejects_bad_input(login, patient, body, status):
    s = login(patient)
    answer = s.client.patch("/api/v1/me", json=body, headers={"X-CSRFToken": s.token})
    assert answer.status_code == status and "message" in answer.json
    db.session.refresh(patient)
    assert patient.timezone == "Europe/London"


def test_patch_me_needs_csrf(login, patient):
    assert login(patient).client.patch("/api/v1/me", json={"timezone": "Asia/Tokyo"}).status_code == 400
