"""No account enumeration (issue 14 item 12): registration and login answer the same, at the same cost, whether
or not an email has an account. Timing is checked as "the same hash function, with the same parameters, was
called the same number of times", not by a wall clock."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from app.extensions import db
from app.models import User
from app.services.accounts import passwords, registration
from helpers import csrf_from, make_user, outbox

GOOD = {"display_name": "Robin", "password": "a long enough pass", "role": "patient", "timezone": "Europe/Berlin"}


def users() -> int:
    return db.session.scalar(select(func.count(User.id)))


def sign_up(app, email: str):
    """What an attacker sees: status, where it leads, the page there, the cookies set; and the mail sent."""
    client = app.test_client()
    with outbox() as sent:
        response = client.post("/register", data=GOOD | {"email": email, "csrf_token": csrf_from(client, "/register")})
        landing = client.get(response.headers.get("Location", "/register/sent"))
    page = re.sub(r'content="[^"]+"|value="[^"]+"', "", landing.get_data(as_text=True))  # CSRF tokens differ
    cookies = sorted(h.split("=", 1)[0] for h in response.headers.getlist("Set-Cookie"))
    return (response.status_code, response.headers.get("Location"), page, cookies), sent


def test_registration_answers_the_same_for_taken_and_free_emails(app, patient):
    taken, taken_mail = sign_up(app, "PATIENT@example.com")
    free, free_mail = sign_up(app, "someone.new@example.com")
    assert taken[:2] == free[:2] and taken[3] == free[3]  # status, where it leads, the cookies it sets
    assert taken[0] == 303 and taken[1].endswith("/today")
    for page in (taken[2], free[2]):
        assert "already" not in page and "exists" not in page
    assert users() == 2  # the free address has its account; the taken one is unchanged
    # Each address got exactly one mail: the owner a note, the newcomer a welcome.
    assert [m["To"] for m in taken_mail] == [patient.email] and "already have" in taken_mail[0]["Subject"]
    assert [m["To"] for m in free_mail] == ["someone.new@example.com"] and "Welcome" in free_mail[0]["Subject"]


def test_registering_a_taken_email_changes_nothing_and_signs_nobody_in(app, patient):
    before = patient.password_hash
    client = app.test_client()
    client.post("/register", data=GOOD | {"email": patient.email, "csrf_token": csrf_from(client, "/register")})
    db.session.refresh(patient)
    assert patient.password_hash == before and patient.display_name != GOOD["display_name"]
    assert client.get("/api/v1/me").status_code == 401


def test_registration_costs_the_same_hash_for_taken_and_free_emails(app, patient, monkeypatch):
    calls = []
    real = registration.generate_password_hash
    monkeypatch.setattr(registration, "generate_password_hash",
                        lambda pw, method: calls.append(method) or real(pw, method=method))
    sign_up(app, patient.email)
    taken = list(calls)
    calls.clear()
    sign_up(app, "someone.new@example.com")
    assert taken == calls == ["scrypt"]


def hash_params(hashed: str) -> str:
    return hashed.split("$", 1)[0]  # "scrypt:32768:8:1": the method and its cost, not the salt


def test_login_with_an_unknown_email_costs_the_same_hash(client, patient, monkeypatch):
    calls = []
    real = passwords.check_password_hash
    monkeypatch.setattr(passwords, "check_password_hash",
                        lambda hashed, pw: calls.append(hash_params(hashed)) or real(hashed, pw))
    answers = []
    for email in (patient.email, "nobody@example.com"):
        response = client.post("/login", data={"email": email, "password": "wrong password",
                                               "csrf_token": csrf_from(client)})
        answers.append((response.status_code, "do not match an account" in response.get_data(as_text=True)))
    assert answers == [(422, True), (422, True)]
    assert len(calls) == 2 and calls[0] == calls[1] and calls[0].startswith("scrypt:")
    assert calls[0] == hash_params(patient.password_hash)


def test_the_per_address_sign_up_limit_is_the_same_for_taken_and_free_emails(app):
    make_user("taken@example.com")
    codes = {}
    for email in ("taken@example.com", "free@example.com"):
        codes[email] = []
        for i in range(4):
            client = app.test_client()  # a new visitor each time: the first free sign-up is signed in
            codes[email].append(client.post("/register", data=GOOD | {"email": email, "csrf_token": csrf_from(
                client, "/register")}, environ_base={"REMOTE_ADDR": f"198.51.100.{i}"}).status_code)
    assert codes["taken@example.com"] == codes["free@example.com"] == [303, 303, 303, 429]
