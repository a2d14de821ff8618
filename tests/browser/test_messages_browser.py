"""A conversation in real Chromium at 390x844: a message written offline waits in the outbox, then is sent once."""
from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Message, User
from browser_fixtures import screenshot
from offline_helpers import PATIENT, back_online, open_app

CLINICIAN = "demo.clinician@example.com"
TEXT = "Walked 15 minutes <b>today</b>, the stretch felt easier."


def ids(server) -> tuple[int, int]:
    with server.app.app_context():
        found = dict(db.session.execute(select(User.email, User.id).where(User.email.in_([PATIENT, CLINICIAN]))).all())
    return found[PATIENT], found[CLINICIAN]


def stored(server) -> list[tuple[int, int, str]]:
    with server.app.app_context():
        return [tuple(r) for r in db.session.execute(select(Message.sender_id, Message.recipient_id, Message.text))]


def test_a_message_written_offline_is_sent_once(page, live_server):
    patient_id, clinician_id = ids(live_server)
    open_app(page, live_server)
    page.goto(f"{live_server.url}/messages/{clinician_id}")  # online once, so the page is saved for offline use
    expect(page.locator("[data-message-form]")).to_be_visible()
    expect(page.locator(".not-emergency a[href='/learn/red-flags']")).to_be_visible()
    page.context.set_offline(True)
    page.reload()
    page.fill("[data-message-form] textarea", TEXT)
    page.click("[data-message-form] button[type=submit]")
    bubble = page.locator(".message.mine").last
    expect(bubble.locator(".message-text")).to_have_text(TEXT)  # shown as text, not markup
    expect(bubble.locator("[data-state]")).to_have_text("Waiting to send")
    expect(page.locator("[data-outbox-badge]")).to_have_text("1 waiting")
    screenshot(page, "messages-offline")
    assert stored(live_server) == []

    back_online(page)
    expect(bubble.locator("[data-state]")).to_have_text("Sent")
    assert stored(live_server) == [(patient_id, clinician_id, TEXT)]
    page.reload()
    expect(page.locator(".message.mine .message-text")).to_have_text([TEXT])
    assert page.console_errors == []

