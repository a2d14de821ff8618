"""Rate limits on login, registration and password reset: per address and per account, with clear answers."""
from __future__ import annotations

import hashlib
import os
import uuid

import pytest

from app import create_app
from app.extensions import db, limiter
from app.services.accounts import passwords
from helpers import PASSWORD, csrf_from, make_user

REDIS_URI = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4")


def from_address(client, number: int) -> None:
    """Make the test client's next requests come from another IP address."""
    client.environ_base["REMOTE_ADDR"] = f"198.51.100.{number}"


def statuses(client, path: str, data_for, count: int, addresses: bool = False) -> list[int]:
    out = []
    for i in range(count):
        if addresses:
            from_address(client, i + 1)
        out.append(client.post(path, data=data_for(i) | {"csrf_token": csrf_from(client, path)}).status_code)
    return out


def test_registration_is_limited_per_address(client):
    codes = statuses(client, "/register", lambda i: {"email": f"r{i}@example.com", "password": "x"}, 12)
    assert codes[:10] == [422] * 10 and codes[10:] == [429, 429]


def test_login_is_limited_per_account_across_addresses(client, patient):
    """Spreading guesses over many addresses does not help: the account key stops them (10 wrong per minute)."""
    codes = statuses(client, "/login", lambda i: {"email": patient.email, "password": f"guess {i}"}, 30, addresses=True)
    assert codes[:10] == [422] * 10 and set(codes[10:]) == {429}
    page = client.post("/login", data={"email": patient.email, "password": "x", "csrf_token": csrf_from(client)})
    assert "Too many attempts" in page.get_data(as_text=True) and "minute" in page.get_data(as_text=True)


def test_reset_request_is_limited_per_account(client, patient):
    codes = statuses(client, "/reset-password", lambda i: {"email": patient.email}, 5, addresses=True)
    assert codes == [303, 303, 303, 429, 429]


def test_reset_request_is_limited_per_address(client):
    codes = statuses(client, "/reset-password", lambda i: {"email": f"n{i}@example.com"}, 7)
    assert codes[:5] == [303] * 5 and codes[5:] == [429, 429]


def test_reset_with_token_is_limited_per_account(app, client, patient):
    path = f"/reset-password/{passwords.reset_token(patient, app.secret_key)}"
    codes = statuses(client, path, lambda i: {"password": "short", "confirm": "short"}, 5, addresses=True)
    assert codes == [422, 422, 422, 429, 429]


def test_password_change_is_limited_per_account(login, patient):
    session = login(patient)
    codes = [session.post("/settings/privacy/password", data={"current": f"wrong {i}", "password": "x" * 12,
                                                               "confirm": "x" * 12}).status_code for i in range(7)]
    assert codes[:5] == [422] * 5 and codes[5:] == [429, 429]


def test_api_answers_429_as_json(database_url, _schema):
    """JSON clients get the error format with a sentence, not an HTML page."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "t"})

    @app.get("/api/v1/limited-probe")
    @limiter.limit("1 per minute")
    def probe():
        return {"ok": True}

    with app.app_context():
        user = make_user(f"{uuid.uuid4().hex[:8]}@example.com")
        client = app.test_client()
        client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_from(client)})
        assert client.get("/api/v1/limited-probe").status_code == 200
        response = client.get("/api/v1/limited-probe")
        assert response.status_code == 429
        assert response.json["error"] == "rate_limited" and "wait 1 minute" in response.json["message"]
        assert int(response.headers["Retry-After"]) <= 60
        db.session.delete(user)
        db.session.commit()


def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URI, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.RedisError:
        pytest.skip("no Redis server answers on 127.0.0.1:6379")
    return client


def test_login_limit_with_redis_storage_survives_a_restart(database_url, _schema):
    """With RATELIMIT_STORAGE_URI=redis://, counts live in Redis, so every app server (and a restart) sees them."""
    store = redis_client()
    config = {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "t", "RATELIMIT_STORAGE_URI": REDIS_URI}
    email = f"redis-{uuid.uuid4().hex[:8]}@example.com"
    first = create_app(config)
    codes = []
    with first.app_context():
        user = make_user(email)
        client = first.test_client()
        for i in range(6):
            from_address(client, i + 1)
            codes.append(client.post("/login", data={"email": email, "password": "wrong guess",
                                                     "csrf_token": csrf_from(client)}).status_code)
    account = hashlib.sha256(email.encode()).hexdigest()[:32]
    assert any(account in key.decode() for key in store.keys("LIMITS*"))
    second = create_app(config)  # a second server, or the first one restarted: no memory of its own
    with second.app_context():
        client = second.test_client()
        for i in range(6):
            from_address(client, 50 + i)
            codes.append(client.post("/login", data={"email": email, "password": "wrong guess",
                                                     "csrf_token": csrf_from(client)}).status_code)
        db.session.delete(db.session.merge(user))
        db.session.commit()
    assert codes == [422] * 10 + [429, 429]
