"""Password change and reset by email link: tokens are signed, time-limited and single-use; other sessions end."""
from __future__ import annotations

import email
import logging
import re
import time
from pathlib import Path

import pytest
from itsdangerous import URLSafeTimedSerializer

from app.extensions import db
from app.models import AuditEvent, User
from app.services.accounts import passwords
from helpers import PASSWORD, csrf_from, make_user

NEW = "a brand new long password"


@pytest.fixture
def outbox(app, tmp_path, monkeypatch) -> Path:
    """Mail is written as .eml files to this folder (and logged)."""
    app.config["MAIL_DIR"] = str(tmp_path / "mail")
    # Alembic's logging fileConfig (run in-process by the migration tests) disables loggers that already exist.
    monkeypatch.setattr(logging.getLogger("inoplan.mail"), "disabled", False)
    return tmp_path / "mail"


def sent(outbox: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in sorted(outbox.glob("*.eml"))]


def reset_link(message) -> str:
    return re.search(r"http://localhost(/reset-password/\S+)", message.get_content()).group(1)


def request_reset(client, address: str):
    return client.post("/reset-password", data={"email": address, "csrf_token": csrf_from(client, "/reset-password")})


def test_reset_mail_is_sent_and_logged(client, patient, outbox, caplog):
    caplog.set_level("INFO", logger="inoplan.mail")
    response = request_reset(client, "Patient@Example.com")
    assert response.status_code == 303
    assert "If an account uses that address" in client.get("/login").get_data(as_text=True)
    (message,) = sent(outbox)
    assert message["To"] == patient.email and "new Inoplan password" in message["Subject"]
    assert reset_link(message) in caplog.text


def test_reset_for_unknown_email_reads_the_same_and_sends_nothing(client, patient, outbox):
    response = request_reset(client, "nobody@example.com")
    assert response.status_code == 303
    assert "If an account uses that address" in client.get("/login").get_data(as_text=True)
    assert sent(outbox) == []


def test_reset_link_sets_password_once_and_ends_other_sessions(app, client, login, patient, outbox):
    """The link works once; the old password and every open session stop working."""
    other_device = login(patient)
    assert other_device.get("/api/v1/me").status_code == 200
    request_reset(client, patient.email)
    path = reset_link(sent(outbox)[0])
    assert "Choose a new password" in client.get(path).get_data(as_text=True)
    token = csrf_from(client, path)
    response = client.post(path, data={"password": NEW, "confirm": NEW, "csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"].endswith("/login")
    db.session.refresh(patient)
    assert patient.check_password(NEW) and not patient.check_password(PASSWORD)
    assert other_device.get("/api/v1/me").status_code == 401
    again = client.post(path, data={"password": "yet another password", "confirm": "yet another password",
                                    "csrf_token": token})
    assert again.status_code == 404 and "no longer works" in again.get_data(as_text=True)
    db.session.refresh(patient)
    assert patient.check_password(NEW)
    action = db.session.scalar(db.select(AuditEvent.action).where(AuditEvent.patient_id == patient.id))
    assert action == "password_reset"


def test_reset_form_errors(client, patient, outbox):
    request_reset(client, patient.email)
    path = reset_link(sent(outbox)[0])
    token = csrf_from(client, path)
    short = client.post(path, data={"password": "short", "confirm": "short", "csrf_token": token})
    assert short.status_code == 422 and "at least 10 characters" in short.get_data(as_text=True)
    mismatch = client.post(path, data={"password": NEW, "confirm": NEW + "x", "csrf_token": token})
    assert mismatch.status_code == 422 and "not the same" in mismatch.get_data(as_text=True)
    db.session.refresh(patient)
    assert patient.check_password(PASSWORD)


@pytest.mark.parametrize("make_token", [
    lambda user, app: "garbage",
    lambda user, app: URLSafeTimedSerializer("wrong secret", salt="password-reset").dumps({"u": user.id, "p": "x"}),
    lambda user, app: passwords.reset_token(user, app.secret_key)[:-3] + "abc",
    lambda user, app: URLSafeTimedSerializer(app.secret_key, salt="password-reset").dumps({"u": "1; drop", "p": 1}),
])
def test_forged_reset_tokens_are_refused(app, client, patient, make_token):
    response = client.get(f"/reset-password/{make_token(patient, app)}")
    assert response.status_code == 404 and "no longer works" in response.get_data(as_text=True)


def test_expired_reset_token_is_refused(app, client, patient):
    token = passwords.reset_token(patient, app.secret_key)
    app.config["RESET_TOKEN_MAX_AGE"] = 1
    time.sleep(2.1)  # itsdangerous timestamps have one-second resolution
    assert client.get(f"/reset-password/{token}").status_code == 404


def test_token_of_one_user_cannot_reset_another(app, client, patient):
    other = make_user("other@example.com")
    token = passwords.reset_token(other, app.secret_key)
    assert passwords.user_for_token(db.session, token, app.secret_key, 3600).id == other.id
    client.post(f"/reset-password/{token}", data={"password": NEW, "confirm": NEW,
                                                  "csrf_token": csrf_from(client, f"/reset-password/{token}")})
    db.session.refresh(patient)
    assert patient.check_password(PASSWORD)


def test_change_password_keeps_this_session_and_ends_others(login, patient, outbox):
    here, there = login(patient), login(patient)
    response = here.post("/settings/privacy/password", data={"current": PASSWORD, "password": NEW, "confirm": NEW})
    assert response.status_code == 303
    assert here.get("/api/v1/me").status_code == 200
    assert there.get("/api/v1/me").status_code == 401
    db.session.refresh(patient)
    assert patient.check_password(NEW)
    assert "password was changed" in sent(outbox)[0].get_content()


def test_change_password_needs_the_current_one(login, patient):
    session = login(patient)
    response = session.post("/settings/privacy/password", data={"current": "not it at all", "password": NEW,
                                                                 "confirm": NEW})
    assert response.status_code == 422 and "not your current password" in response.get_data(as_text=True)
    db.session.refresh(patient)
    assert patient.check_password(PASSWORD)


def test_password_hashes_use_scrypt(patient):
    user = db.session.get(User, patient.id)
    assert user.password_hash.startswith("scrypt:")
