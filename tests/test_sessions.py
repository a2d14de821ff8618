"""Sessions end on the server (issue 14 item 11): the attack is a cookie copied before logout, replayed after."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import LoginSession
from helpers import PASSWORD, Session, csrf_from

COOKIES = ("session", "remember_token")


def log_in(app, user, remember: bool = True):
    """A client logged in (with "keep me logged in"), and a copy of its cookies an attacker would take."""
    client = app.test_client()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "remember": "y",
                                           "csrf_token": csrf_from(client)} if remember else
                           {"email": user.email, "password": PASSWORD, "csrf_token": csrf_from(client)})
    assert response.status_code == 302
    return client, stolen(client)


def stolen(client) -> dict[str, str]:
    return {name: cookie.value for name in COOKIES if (cookie := client.get_cookie(name)) is not None}


def replay(app, cookies: dict[str, str], only: str | None = None) -> int:
    """The status a fresh client holding the copied cookies gets from the API."""
    attacker = app.test_client()
    for name, value in cookies.items():
        if only is None or name == only:
            attacker.set_cookie(name, value)
    return attacker.get("/api/v1/me").status_code


def sessions_of(user) -> int:
    return db.session.scalar(select(func.count()).where(LoginSession.user_id == user.id))


def post(client, path: str, data: dict | None = None):
    return client.post(path, data=(data or {}) | {"csrf_token": csrf_from(client, "/settings/")})


def test_copied_cookies_work_before_logout(app, patient):
    """The control: the copy is a working credential while the session lives, so the tests below mean something."""
    _, cookies = log_in(app, patient)
    assert set(cookies) == {"session", "remember_token"}
    assert replay(app, cookies, "session") == 200 and replay(app, cookies, "remember_token") == 200


def test_logout_ends_copied_session_and_remember_cookies(app, patient):
    client, cookies = log_in(app, patient)
    other, other_cookies = log_in(app, patient)  # the same person on another device
    assert post(client, "/logout").status_code == 302
    assert replay(app, cookies, "session") == 401
    assert replay(app, cookies, "remember_token") == 401
    assert replay(app, cookies) == 401
    # Only this session ended: the other device stays logged in.
    assert other.get("/api/v1/me").status_code == 200 and replay(app, other_cookies) == 200
    assert sessions_of(patient) == 1


def test_log_out_everywhere_ends_every_session(app, patient):
    client, cookies = log_in(app, patient)
    phone, phone_cookies = log_in(app, patient)
    assert "Log out everywhere" in client.get("/settings/").get_data(as_text=True)
    response = post(client, "/logout/everywhere")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert phone.get("/api/v1/me").status_code == 401
    for copy in (cookies, phone_cookies):
        assert replay(app, copy, "session") == 401 and replay(app, copy, "remember_token") == 401
    assert sessions_of(patient) == 0


def test_log_out_everywhere_needs_csrf(app, patient):
    client, _ = log_in(app, patient)
    assert client.post("/logout/everywhere").status_code == 400
    assert client.get("/api/v1/me").status_code == 200


def test_password_change_ends_other_sessions_and_old_cookies(app, patient):
    client, cookies = log_in(app, patient)
    phone, phone_cookies = log_in(app, patient)
    response = post(client, "/settings/privacy/password",
                    {"current": PASSWORD, "password": "a brand new password", "confirm": "a brand new password"})
    assert response.status_code == 303
    assert client.get("/api/v1/me").status_code == 200  # the person who changed it stays in
    assert phone.get("/api/v1/me").status_code == 401
    for copy in (cookies, phone_cookies):  # copies taken before the change, this browser's included
        assert replay(app, copy, "session") == 401 and replay(app, copy, "remember_token") == 401
    # It offers a fresh calendar link, and taking it replaces the old one.
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Get a new calendar link" in page
    old = patient.calendar_token
    assert post(client, "/settings/reminders/calendar-link").status_code == 303
    db.session.refresh(patient)
    assert patient.calendar_token != old and client.get(f"/calendar/{old}.ics").status_code == 404


def test_password_reset_ends_every_session(app, patient):
    from app.services.accounts import passwords

    client, cookies = log_in(app, patient)
    visitor = app.test_client()
    path = f"/reset-password/{passwords.reset_token(patient, app.secret_key)}"
    response = visitor.post(path, data={"password": "reset to this one", "confirm": "reset to this one",
                                        "csrf_token": csrf_from(visitor, path)})
    assert response.status_code == 303
    assert client.get("/api/v1/me").status_code == 401 and replay(app, cookies) == 401
    assert sessions_of(patient) == 0


def test_forged_session_ids_are_refused(app, patient, login):
    """Ids the loader must never accept: no secret, a guessed one, another user's number with a real secret."""
    Session(app.test_client(), patient)
    with app.test_request_context():
        from app.security import load_user
        assert load_user(f"{patient.id}") is None
        assert load_user(f"{patient.id}:{patient.session_token}:None") is None
        assert load_user(f"{patient.id}:{patient.session_token}:guess") is None
        assert load_user(f"99999999999:{patient.session_token}:x") is None
