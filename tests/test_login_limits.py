"""An attacker's wrong guesses must not lock the owner out (issue 14 item 4), and limits hold across workers.

Two app instances share one Redis, as two gunicorn workers do. Limits: per address (all logins), per
(address, account) strictly, per account more loosely and counting wrong passwords only."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import delete

from app import create_app
from app.extensions import db, limiter
from app.models import User
from helpers import PASSWORD, csrf_from, make_user
from helpers import testing_config as base_config

REDIS_URI = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4")
ATTACKER, OWNER = "203.0.113.66", "198.51.100.20"


@pytest.fixture
def workers(database_url, _schema):
    """Two app instances ("workers") counting in the same Redis, and a fresh victim account."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URI, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        pytest.skip("no Redis server answers on 127.0.0.1:6379")
    config = {"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_STORAGE_URI": REDIS_URI} | base_config()
    apps = [create_app(config), create_app(config)]
    with apps[0].app_context():
        limiter.reset()  # this test's own Redis database: counts from an earlier run must not leak in
        victim = make_user(f"victim-{uuid.uuid4().hex[:8]}@example.com")
        victim_id, email = victim.id, victim.email
    yield apps, email
    with apps[0].app_context():
        db.session.execute(delete(User).where(User.id == victim_id))
        db.session.commit()


def attempt(app, address: str, email: str, password: str, headers: dict | None = None) -> int:
    with app.app_context():
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = address
        return client.post("/login", headers=headers or {}, data={"email": email, "password": password,
                                                                  "csrf_token": csrf_from(client)}).status_code


def variants(email: str) -> list[str]:
    """The same account written differently: the limits must count them as one."""
    return [email, email.upper(), email.title(), email.capitalize(), email.upper()]


def test_attackers_guesses_do_not_lock_the_owner_out(workers):
    apps, victim = workers
    codes = [attempt(apps[i % 2], ATTACKER, written, "wrong password", {"X-Forwarded-For": OWNER})
             for i, written in enumerate(variants(victim))]
    assert codes == [422] * 5
    # The attacker's sixth guess, on either worker, is refused: 5 per minute per (address, account).
    assert attempt(apps[1], ATTACKER, victim, "wrong password") == 429
    assert attempt(apps[0], ATTACKER, victim.upper(), PASSWORD) == 429  # even the right one, from there
    # The owner, from their own address, still gets in on either worker.
    assert attempt(apps[0], OWNER, victim, PASSWORD) == 302
    assert attempt(apps[1], OWNER, victim, PASSWORD) == 302


def test_guesses_spread_over_addresses_stop_at_the_account_limit(workers):
    apps, victim = workers
    codes = [attempt(apps[i % 2], f"203.0.113.{i + 1}", victim, f"guess {i}") for i in range(12)]
    assert codes[:10] == [422] * 10 and codes[10:] == [429, 429]


def test_workers_count_together_per_address(workers):
    """In-memory limits counted per worker (12 of 40 got through); shared storage counts 10 in total."""
    apps, _ = workers
    address = f"192.0.2.{uuid.uuid4().int % 200 + 1}"
    codes = [attempt(apps[i % 2], address, f"nobody{i}@example.com", "wrong password") for i in range(12)]
    assert codes[:10] == [422] * 10 and codes[10:] == [429, 429]
