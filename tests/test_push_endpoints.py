"""Push endpoints as an attacker writes them (issue 14 item 13): checked by the parser that sends, refused when
they hide another host, resolved and refused at send time when not public; one bad subscription never stops a
dispatcher pass; an endpoint moves to another account only with its keys."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import PushSubscription
from app.services.records import validation as v
from app.services.reminders import push as push_service
from app.services.reminders import schedule as sched
from app.services.reminders.endpoints import check_endpoint
from app.services.reminders.webpush import Pusher, load_key, public_address
from helpers import give_plan, make_user
from push_receiver import Browser

HOSTS = "fcm.googleapis.com,push.services.mozilla.com"


def pusher(tmp_path, allow_private: bool) -> Pusher:
    return Pusher(load_key(None, tmp_path / "k.pem"), "mailto:ops@inoplan.example", ttl=60, timeout=3,
                  workers=2, allow_private=allow_private)


@pytest.mark.parametrize("endpoint", [
    "https://fcm.googleapis.com:x@127.0.0.1/push",           # urlsplit: fcm; urllib3: 127.0.0.1
    "https://fcm.googleapis.com:443@127.0.0.1:8080/push",    # the same with a port: crashed the whole pass
    "https://user@fcm.googleapis.com/fcm/send/x",             # any userinfo
    "https://fcm.googleapis.com\\@127.0.0.1/x",
    "https://fcm.googleapis.com /fcm/send/x",
    "https://fcm.googleapis.com\t/fcm/send/x",
    "https://127.0.0.1/fcm/send/x",
    "https://[::1]/fcm/send/x",
    "https://fcm.googleapis.com.evil.example/x",
    "https://fcm.googleapis.com:99999/x",
    "http://fcm.googleapis.com/fcm/send/x",
    "http://localhost:9/push",                                # loopback in production
])
def test_production_refuses_endpoints_that_hide_another_host(endpoint):
    with pytest.raises(v.Invalid):
        check_endpoint(endpoint, allow_loopback=False, hosts=HOSTS)


def test_real_push_service_endpoints_pass():
    for endpoint in ("https://fcm.googleapis.com/fcm/send/abc:APA91b-x_y", "https://fcm.googleapis.com:443/x/y",
                     "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk"):
        assert check_endpoint(endpoint, allow_loopback=False, hosts=HOSTS) == endpoint


def test_the_api_refuses_userinfo_even_where_loopback_is_allowed(login, patient, receiver):
    body = Browser(f"https://fcm.googleapis.com:x@127.0.0.1:{receiver.port}/push").subscription()
    answer = login(patient).post_json("/api/v1/push/subscriptions", body)
    assert answer.status_code == 422 and "endpoint" in answer.json["fields"]
    assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 0


@pytest.mark.parametrize("address, public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("169.254.169.254", False),
    ("100.64.0.1", False), ("::1", False), ("fe80::1", False), ("fd00::1", False), ("::ffff:127.0.0.1", False),
    ("0.0.0.0", False), ("8.8.8.8", True), ("2a00:1450:4001:80b::200a", True),
])
def test_public_address(address, public):
    assert public_address(address) is public


def test_send_time_refuses_loopback_unless_explicitly_allowed(tmp_path, receiver):
    """A subscription stored while loopback was allowed (or planted in the database) is not pushed to in
    production; the explicit setting (tests, the smoke test) lets the same push through."""
    local = Browser(receiver.url("/push")).subscription()  # http://127.0.0.1:port/push
    assert pusher(tmp_path, allow_private=False).send(local, b"{}") == 410  # dropped like a forgotten one
    assert receiver.received == []
    assert pusher(tmp_path, allow_private=True).send(local, b"{}") == 201 and len(receiver.received) == 1


def test_public_only_connections_refuse_loopback_after_dns(tmp_path, receiver):
    """The guard sits on the connection, after DNS, so a name that resolves to 127.0.0.1 is refused too."""
    from app.services.reminders.webpush import connection_pool

    pool = connection_pool(1, allow_private=False)
    with pytest.raises(Exception, match="not a public address"):
        pool.request("POST", f"http://localhost:{receiver.port}/push", body=b"x", retries=False)
    assert receiver.received == []


def test_one_bad_subscription_never_stops_a_pass(app, tmp_path, receiver):
    """A stored endpoint that crashed the sender (urllib3 cannot parse the port) now fails alone: the good
    subscription beside it is delivered, the bad one is dropped, and the pass records everything."""
    patient = make_user()
    give_plan(patient)
    good = Browser(receiver.url("/push/good")).subscription()
    bad = Browser("https://fcm.googleapis.com:x@127.0.0.1:8080/push").subscription()
    for info in (bad, good):
        db.session.add(PushSubscription(user_id=patient.id, endpoint=info["endpoint"], p256dh=info["keys"]["p256dh"],
                                        auth=info["keys"]["auth"]))
    db.session.commit()
    at = datetime(2026, 6, 1, 8, tzinfo=UTC)
    due = [(patient.id, sched.Due(key=sched.CHECKIN_KEY, plan_item_id=None, date=date(2026, 6, 1), slot="09:00",
                                  at=at))]
    sender = pusher(tmp_path, allow_private=True)
    outcome = push_service.deliver(db.session, due, sender.send_all, at)
    assert outcome.ok == 1 and outcome.gone == 1 and len(receiver.received) == 1
    assert db.session.scalars(select(PushSubscription.endpoint)).all() == [good["endpoint"]]


def test_an_endpoint_moves_to_another_account_only_with_its_keys(login, patient, receiver):
    victim_browser = Browser(receiver.url("/push/victim"))
    victim = make_user()
    assert login(victim).post_json("/api/v1/push/subscriptions", victim_browser.subscription()).status_code == 201
    # The attacker learnt the endpoint URL and posts it with keys of their own, to take the victim's reminders.
    stolen = Browser(victim_browser.subscription()["endpoint"]).subscription()
    attacker = login(patient)
    answer = attacker.post_json("/api/v1/push/subscriptions", stolen)
    assert answer.status_code == 409 and answer.json["fields"]["endpoint"]
    row = db.session.scalar(select(PushSubscription))
    assert row.user_id == victim.id and row.p256dh == victim_browser.subscription()["keys"]["p256dh"]
    # The same browser (same keys) signing in to another account does move it.
    assert attacker.post_json("/api/v1/push/subscriptions", victim_browser.subscription()).status_code == 200
    db.session.refresh(row)
    assert row.user_id == patient.id
