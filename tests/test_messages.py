"""Secure messages along care links, written as attacks where access is involved."""
from __future__ import annotations

import io
import json
import uuid
import zipfile

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.messages import notify
from app.models import CareLink, Message, PushSubscription
from app.services.accounts.deletion import delete_account
from helpers import link, make_user

SECRET = "my shoulder pain is 8 today 71c2"


def message(to: int, text: str = SECRET, client_id: str | None = None) -> dict:
    return {"client_id": client_id or str(uuid.uuid4()), "type": "message", "to": to, "text": text,
            "recorded_at": "2026-01-05T09:00:00+01:00"}


def send(session, *entries) -> list[dict]:
    return session.post_json("/api/v1/sync", {"items": list(entries)}).json["results"]


@pytest.fixture
def pair(login, patient, clinician):
    care = link(clinician, patient)
    return login(patient), login(clinician), care


@pytest.fixture
def pushes(monkeypatch):
    """Every push job a message would send: (subscription info, decoded payload)."""
    sent = []

    def fake_send(jobs):
        sent.extend((info, json.loads(data)) for info, data in jobs)
        return [201] * len(jobs)
    monkeypatch.setattr(notify, "sender", lambda: fake_send)
    return sent


def test_offline_entry_is_stored_once_and_read_oldest_first(pair, patient, clinician, pushes):
    p, c, _ = pair
    first = message(clinician.id, "first")
    assert [r["status"] for r in send(p, first, message(clinician.id, "second"))] == ["created", "created"]
    assert send(p, first)[0]["status"] == "duplicate"  # the outbox replays after a lost answer
    assert db.session.scalar(select(func.count(Message.id))) == 2
    body = c.get(f"/api/v1/messages?with={patient.id}").json
    assert [m["text"] for m in body["messages"]] == ["first", "second"]
    assert body["messages"][0]["from"] == patient.id and body["messages"][0]["to"] == clinician.id
    # Read receipts: the clinician opened the conversation.
    mine = p.get(f"/api/v1/messages?with={clinician.id}").json["messages"]
    assert all(m["read_at"] for m in mine)
    assert "Read" in p.get(f"/messages/{clinician.id}").get_data(as_text=True)


def test_clinician_replies_by_form_and_text_is_escaped(pair, patient, clinician, pushes):
    p, c, _ = pair
    client_id = str(uuid.uuid4())
    attack = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    for _ in range(2):  # a double submit of the same form stores one message
        response = c.post(f"/messages/{patient.id}", data={"text": attack, "client_id": client_id})
        assert response.status_code == 303
    assert db.session.scalar(select(func.count(Message.id))) == 1
    html = p.get(f"/messages/{clinician.id}").get_data(as_text=True)
    assert attack not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert p.get(f"/api/v1/messages?with={clinician.id}").json["messages"][0]["text"] == attack  # JSON is data


def test_only_along_an_active_link(login, pair, patient, clinician, pushes):
    p, _, _ = pair
    stranger = make_user("stranger@example.com", "clinician", name="Dr Stranger")
    other_patient = make_user("other@example.com", "patient", name="Olga Other")
    link(stranger, other_patient)
    results = send(p, message(stranger.id), message(other_patient.id), message(patient.id), message(999999))
    assert [r["status"] for r in results] == ["rejected"] * 4
    assert all("to" in r["fields"] for r in results)
    s = login(stranger)
    assert s.get(f"/messages/{patient.id}").status_code == 404
    assert s.get(f"/api/v1/messages?with={patient.id}").status_code == 404
    assert s.post(f"/messages/{patient.id}", data={"text": "hi"}).status_code == 404
    assert login(other_patient).get(f"/api/v1/messages?with={clinician.id}").status_code == 404
    assert db.session.scalar(select(func.count(Message.id))) == 0


def test_removed_clinician_loses_access_at_once(pair, patient, clinician, pushes):
    p, c, care = pair
    assert send(p, message(clinician.id))[0]["status"] == "created"
    assert c.get(f"/messages/{patient.id}").status_code == 200
    assert p.post(f"/settings/clinicians/{care.id}/remove").status_code == 303
    page = c.get(f"/messages/{patient.id}")
    assert page.status_code == 404 and SECRET not in page.get_data(as_text=True)
    assert c.get(f"/api/v1/messages?with={patient.id}").status_code == 404
    assert c.post(f"/messages/{patient.id}", data={"text": "still there?"}).status_code == 404
    assert SECRET not in c.get("/messages").get_data(as_text=True)
    assert send(p, message(clinician.id))[0]["status"] == "rejected"


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001, 42, None])
def test_text_is_checked(pair, clinician, text):
    p, _, _ = pair
    (result,) = send(p, message(clinician.id, text))
    assert result["status"] == "rejected" and "text" in result["fields"]


def test_two_thousand_characters_fit(pair, clinician, pushes):
    p, _, _ = pair
    assert send(p, message(clinician.id, "y" * 2000))[0]["status"] == "created"


def test_push_says_who_not_what(pair, patient, clinician, pushes):
    p, c, _ = pair
    db.session.add_all([PushSubscription(user_id=clinician.id, endpoint="https://push.example.com/c1", p256dh="k",
                                         auth="a"),
                        PushSubscription(user_id=patient.id, endpoint="https://push.example.com/p1", p256dh="k",
                                         auth="a")])
    db.session.commit()
    send(p, message(clinician.id), message(clinician.id, "another " + SECRET))
    assert len(pushes) == 1  # one notice per conversation, not per message
    info, payload = pushes[0]
    assert info["endpoint"].endswith("/c1") and payload["title"] == "New message from your patient"
    assert SECRET not in json.dumps(payload) and payload["body"] == "" and payload["url"] == f"/messages/{patient.id}"
    c.post(f"/messages/{patient.id}", data={"text": SECRET, "client_id": str(uuid.uuid4())})
    assert pushes[1][0]["endpoint"].endswith("/p1") and pushes[1][1]["title"] == "New message from your physio"
    assert SECRET not in json.dumps(pushes[1][1])
    assert db.session.scalar(select(func.count(Message.id)).where(Message.notified_at.is_(None))) == 0


def test_the_push_is_in_the_readers_language(pair, patient, clinician, pushes):
    p, _, _ = pair
    clinician.locale = "de"
    db.session.add(PushSubscription(user_id=clinician.id, endpoint="https://push.example.com/c1", p256dh="k",
                                    auth="a"))
    db.session.commit()
    send(p, message(clinician.id))
    [(_, payload)] = pushes
    assert payload["title"] == "Neue Nachricht von Ihrer Patientin oder Ihrem Patienten" and payload["locale"] == "de"


def test_rate_limited_per_sender(app, pair, clinician, pushes):
    app.config["MESSAGE_LIMITS"] = "3 per minute"
    p, _, _ = pair
    statuses = [r["status"] for r in send(p, *[message(clinician.id, f"n{i}") for i in range(5)])]
    assert statuses == ["created"] * 3 + ["rejected"] * 2


def test_messages_are_exported_and_deleted_with_the_account(pair, patient, clinician, pushes):
    p, _, _ = pair
    send(p, message(clinician.id))
    data = json.loads(p.get("/api/v1/export").get_data())
    assert [m["text"] for m in data["other"]["messages"]] == [SECRET]
    archive = zipfile.ZipFile(io.BytesIO(p.get("/api/v1/export?format=csv").get_data()))
    assert any(SECRET in archive.read(name).decode() for name in archive.namelist() if "messages" in name)
    delete_account(db.session, db.session.get(type(patient), patient.id))
    db.session.commit()
    assert db.session.scalar(select(func.count(Message.id))) == 0
    assert db.session.scalar(select(func.count(CareLink.id))) == 0


def test_conversation_pages_list_threads_and_warn_about_emergencies(pair, patient, clinician, pushes):
    p, c, _ = pair
    send(p, message(clinician.id))
    listing = c.get("/messages").get_data(as_text=True)
    assert patient.display_name in listing and "1 unread" in listing
    page = p.get(f"/messages/{clinician.id}").get_data(as_text=True)
    assert "not for emergencies" in page and "/learn/red-flags" in page
    assert f"/messages/{patient.id}" in c.get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
