"""Registration, login and logout, including every kind of bad input."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import User
from helpers import PASSWORD, counting_queries, csrf_from, make_user, outbox, query_plan, register

GOOD = {"display_name": "Robin", "email": "robin@example.com", "password": "a long enough pass",
        "role": "patient", "timezone": "Europe/Berlin"}


def user_count() -> int:
    return db.session.scalar(select(func.count(User.id)))


def test_register_creates_patient_and_logs_in(client):
    """A new patient lands on today, signed in, in the zone they picked, with a hashed password."""
    response = register(client, GOOD)
    assert response.status_code == 303 and response.headers["Location"].endswith("/today")
    user = db.session.scalar(select(User).where(User.email == "robin@example.com"))
    assert user.role == "patient" and user.timezone == "Europe/Berlin"
    assert user.password_hash.startswith("scrypt:") and GOOD["password"] not in user.password_hash
    assert client.get("/today").status_code == 200


def test_register_offers_timezone_list(client):
    html = client.get("/register").get_data(as_text=True)
    assert '<option value="Europe/Berlin">' in html and '<option selected value="UTC">' in html


@pytest.mark.parametrize("field, value, message", [
    ("email", "not-an-email", "Invalid email address"),
    ("email", "", "This field is required"),
    ("password", "short", "at least 10 characters"),
    ("display_name", "", "This field is required"),
    ("timezone", "Mars/Olympus", "Not a valid choice"),
    ("role", "admin", "Not a valid choice"),
])
def test_register_rejects_bad_input(client, field, value, message):
    """Each bad field gets its message on the form and nothing is stored."""
    before = user_count()
    data = GOOD | {field: value, "csrf_token": csrf_from(client, "/register")}
    response = client.post("/register", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert user_count() == before


def test_register_with_a_taken_email_creates_nothing_and_mails_the_owner(client):
    make_user("robin@example.com")
    with outbox() as sent:
        response = client.post("/register", data=GOOD | {"email": "Robin@Example.com",
                                                         "csrf_token": csrf_from(client, "/register")})
    assert response.status_code == 303 and response.headers["Location"].endswith("/today")
    assert "already exists" not in client.get("/today", follow_redirects=True).get_data(as_text=True)
    assert user_count() == 1
    [note] = sent
    assert note["To"] == "robin@example.com" and "already have an Inoplan account" in note["Subject"]


def test_register_without_csrf_is_refused(client):
    response = client.post("/register", data=GOOD)
    assert response.status_code == 400
    assert user_count() == 0


@pytest.mark.parametrize("email, password", [
    ("patient@example.com", "wrong password"),
    ("nobody@example.com", PASSWORD),
])
def test_login_failures_share_one_message(client, patient, email, password):
    """Wrong password and unknown email read the same, so accounts cannot be discovered."""
    response = client.post("/login", data={"email": email, "password": password,
                                           "csrf_token": csrf_from(client)})
    assert response.status_code == 422
    assert "do not match an account" in response.get_data(as_text=True)
    assert client.get("/today").status_code == 302


def test_login_malformed_email(client):
    response = client.post("/login", data={"email": "nope", "password": "x", "csrf_token": csrf_from(client)})
    assert response.status_code == 422 and "Invalid email address" in response.get_data(as_text=True)


def test_login_then_logout(client, patient):
    response = client.post("/login", data={"email": "PATIENT@example.com", "password": PASSWORD,
                                           "csrf_token": csrf_from(client)})
    assert response.status_code == 302
    assert client.get("/today").status_code == 200
    token = csrf_from(client, "/logout")
    out = client.post("/logout", data={"csrf_token": token})
    assert out.status_code == 302
    assert out.headers["Clear-Site-Data"] == '"cache"'  # the HTTP cache may hold /api/v1/today; the outbox stays
    assert client.get("/today").status_code == 302


def test_login_ignores_offsite_next(client, patient):
    response = client.post("/login?next=//evil.example/x", data={
        "email": patient.email, "password": PASSWORD, "csrf_token": csrf_from(client)})
    assert response.headers["Location"] == "/today"


def test_login_follows_local_next(client, patient):
    response = client.post("/login?next=/plan", data={
        "email": patient.email, "password": PASSWORD, "csrf_token": csrf_from(client)})
    assert response.headers["Location"] == "/plan"


def test_login_is_rate_limited_per_account(client, patient):
    """Guessing one account's password is stopped long before 30 tries."""
    codes = []
    for _ in range(30):
        codes.append(client.post("/login", data={"email": patient.email, "password": "guess guess",
                                                 "csrf_token": csrf_from(client)}).status_code)
    assert 429 in codes and codes.index(429) < 10
    assert "Too many attempts" in client.post("/login", data={
        "email": patient.email, "password": "x", "csrf_token": csrf_from(client)}).get_data(as_text=True)


def test_password_change_ends_other_sessions(app, login, patient):
    session = login(patient)
    assert session.get("/api/v1/me").status_code == 200
    patient.set_password("another long password")
    db.session.commit()
    assert session.get("/api/v1/me").status_code == 401


def email_lookups(client, path: str, data: dict):
    """Post a form; the SQL statements (with parameters) it sent that find a user by email."""
    data = data | {"csrf_token": csrf_from(client, path)}
    with counting_queries(with_parameters=True) as sent:
        response = client.post(path, data=data)
    found = [(statement, parameters) for statement, parameters in sent
             if len(where := re.split(r"\sWHERE\s", statement, maxsplit=1)) == 2 and "email" in where[1]]
    return response, found


def uses_email_index(statement: str, parameters) -> bool:
    plan = " ".join(query_plan(statement, parameters))
    if db.engine.dialect.name == "sqlite":
        return re.search(r"SEARCH users USING (COVERING )?INDEX \S+ \(email=\?\)", plan) is not None
    return "Index" in plan and "email" in plan


@pytest.mark.parametrize("path, data, status", [
    ("/login", {"email": "Patient@Example.COM", "password": PASSWORD}, 302),
    ("/register", GOOD | {"email": "PATIENT@example.com"}, 303),
    ("/reset-password", {"email": "Patient@Example.com"}, 303),
])
def test_email_lookups_ignore_case_and_use_the_index(client, patient, path, data, status):
    """Emails are stored lowercased, so a mixed-case address still finds the account with an indexed lookup
    (not a full scan per login)."""
    response, lookups = email_lookups(client, path, data)
    assert response.status_code == status
    assert lookups and all(uses_email_index(*lookup) for lookup in lookups)


def test_emails_are_stored_lowercased(app):
    user = make_user("  Mixed.Case@Example.COM ")
    assert user.email == "mixed.case@example.com"
