"""Production starts, names every missing setting, and builds links from configuration only (issue 14 items 1-2).

Attacks: a forged Host header on a reset request, on the calendar link and on invite links; a request for an
unknown host in production; an X-Forwarded-For header sent by the client itself."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from app.config import ProductionConfig
from helpers import csrf_from, give_plan, link
from helpers import testing_config as base_config

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k" * 24 + "-not-the-dev-key-" + "z" * 8
FORGED = {"Host": "evil.example"}


def production_env(database_url: str) -> dict[str, str]:
    return {"SECRET_KEY": STRONG_KEY, "BASE_URL": "https://inoplan.example.org", "DATABASE_URL": database_url,
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/4"}


def test_production_starts_as_the_readme_says(database_url):
    """The original bug: the secret was compared with a default read from the same variable, so a real key was
    refused. A fresh interpreter imports wsgi.py exactly as gunicorn does."""
    env = {k: v for k, v in os.environ.items() if k not in ("TEST_DATABASE_URL",)}
    env |= production_env(database_url) | {"INOPLAN_ENV": "production"}
    result = subprocess.run([sys.executable, "-c", "from wsgi import app; print(app.config['BASE_URL'])"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("https://inoplan.example.org")


def test_production_names_everything_missing_at_once():
    with pytest.raises(RuntimeError) as error:
        ProductionConfig.check({})
    message = str(error.value)
    for name in ("SECRET_KEY", "BASE_URL", "RATELIMIT_STORAGE_URI", "DATABASE_URL"):
        assert name in message


@pytest.mark.parametrize("name, value, named", [
    ("SECRET_KEY", "dev-only-not-secret", "SECRET_KEY"),
    ("SECRET_KEY", "short", "SECRET_KEY"),
    ("BASE_URL", "", "BASE_URL"),
    ("BASE_URL", "http://inoplan.example.org", "BASE_URL"),  # plain http only for loopback (the smoke test)
    ("BASE_URL", "https://user@inoplan.example.org", "BASE_URL"),
    ("RATELIMIT_STORAGE_URI", "memory://", "RATELIMIT_STORAGE_URI"),
    ("DATABASE_URL", "", "DATABASE_URL"),
    ("DATABASE_URL", "sqlite://", "DATABASE_URL"),
    ("TRUSTED_PROXIES", "one", "TRUSTED_PROXIES"),
])
def test_production_refuses_each_unsafe_setting(database_url, name, value, named):
    env = production_env(database_url) | {name: value}
    with pytest.raises(RuntimeError, match=named):
        ProductionConfig.check(env)


def test_redis_url_is_enough_for_shared_limits(database_url):
    env = production_env(database_url)
    del env["RATELIMIT_STORAGE_URI"]
    settings = ProductionConfig.check(env | {"REDIS_URL": "redis://127.0.0.1:6379/4"})
    assert settings["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/4"
    assert settings["TRUSTED_HOSTS"] == ["inoplan.example.org"] and settings["PUSH_ALLOW_LOOPBACK"] is False


@pytest.fixture
def production_app(monkeypatch, database_url, _schema):
    for name, value in production_env(database_url).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    monkeypatch.delenv("PUSH_ALLOW_LOOPBACK", raising=False)
    return create_app("production")


def test_production_refuses_unknown_hosts(production_app):
    client = production_app.test_client()
    assert client.get("/login", base_url="https://inoplan.example.org").status_code == 200
    assert client.get("/login", base_url="https://inoplan.example.org:443").status_code == 200
    for host in ("evil.example", "inoplan.example.org.evil.example", "127.0.0.1"):
        response = client.get("/login", base_url=f"https://{host}")
        assert response.status_code == 400, host
        assert client.get("/static/css/app.css", base_url=f"https://{host}").status_code == 400


def test_forged_host_reset_mails_a_link_to_base_url(app, client, patient, tmp_path):
    """The attack: ask for the victim's reset link with Host: evil.example, hoping the mailed link points there."""
    app.config.update(BASE_URL="https://inoplan.example.org", MAIL_DIR=str(tmp_path))
    page = client.get("/reset-password", headers=FORGED).get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    response = client.post("/reset-password", data={"email": patient.email, "csrf_token": token},
                           headers=FORGED | {"X-Forwarded-Host": "evil.example"})
    assert response.status_code == 303
    [message] = [p.read_text() for p in tmp_path.glob("*.eml")]
    assert "https://inoplan.example.org/reset-password/" in message and "evil.example" not in message


def forged_host(session):
    """The signed-in session's cookies, also sent to the forged host (as a client naming it would)."""
    for name in ("session", "remember_token"):
        if (cookie := session.client.get_cookie(name)) is not None:
            session.client.set_cookie(name, cookie.value, domain="evil.example")
    return session


def test_calendar_links_and_qr_ignore_the_host_header(app, login, patient):
    app.config["BASE_URL"] = "https://inoplan.example.org"
    give_plan(patient)
    session = forged_host(login(patient))
    me = session.get("/api/v1/me", headers=FORGED | {"X-Forwarded-Host": "evil.example"}).json
    assert me["calendar_url"] == f"https://inoplan.example.org/calendar/{patient.calendar_token}.ics"
    page = session.get("/settings/reminders", headers=FORGED).get_data(as_text=True)
    assert "webcal://inoplan.example.org/calendar/" in page and "evil.example" not in page
    feed = session.get(f"/calendar/{patient.calendar_token}.ics", headers=FORGED).get_data(as_text=True)
    assert "https://inoplan.example.org/today" in feed and "evil.example" not in feed


def test_invite_links_ignore_the_host_header(app, login, clinician):
    app.config["BASE_URL"] = "https://inoplan.example.org"
    session = forged_host(login(clinician))
    response = session.post("/clinician/invites", data={"label": "x"}, headers=FORGED)
    page = session.get("/clinician", headers=FORGED).get_data(as_text=True)
    assert response.status_code == 303
    assert re.search(r'value="https://inoplan\.example\.org/invite/[^"]+"', page)
    assert "https://inoplan.example.org/invite" in page and "evil.example" not in page


def posts_until_limited(app, forwarded_for) -> list[int]:
    client = app.test_client()
    codes = []
    for i in range(12):
        headers = {"X-Forwarded-For": forwarded_for(i)}
        codes.append(client.post("/login", headers=headers, data={
            "email": f"someone{i}@example.com", "password": "wrong password",
            "csrf_token": csrf_from(client)}).status_code)
    return codes


def test_client_forwarded_for_is_ignored_without_trusted_proxies(database_url, _schema):
    """An attacker rotating X-Forwarded-For still counts as one address (10 logins a minute)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url} | base_config())
    with app.app_context():
        codes = posts_until_limited(app, lambda i: f"203.0.113.{i}")
    assert codes[:10] == [422] * 10 and codes[10:] == [429, 429]


def test_trusted_proxy_reports_the_real_client_address(database_url, _schema):
    """Behind one trusted proxy, each real client (the proxy's X-Forwarded-For) has its own count."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TRUSTED_PROXIES": 1} | base_config())
    with app.app_context():
        codes = posts_until_limited(app, lambda i: f"203.0.113.{i}")
        assert set(codes) == {422}
        seen = app.test_client().get("/login", headers={"X-Forwarded-For": "198.51.100.7, 203.0.113.9"})
        assert seen.status_code == 200


def test_dashboard_invite_hint_uses_base_url(app, login, clinician, patient):
    link(clinician, patient)
    app.config["BASE_URL"] = "https://inoplan.example.org"
    page = forged_host(login(clinician)).get("/clinician", headers=FORGED).get_data(as_text=True)
    assert "https://inoplan.example.org/invite" in page and "evil.example" not in page
