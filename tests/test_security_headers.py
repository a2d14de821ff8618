"""Security headers on every kind of response, cookie flags, and the production secret check."""
from __future__ import annotations

import pytest

from app import create_app
from app.security import CSP

STRONG_KEY = "k" * 24 + "-not-the-dev-key-" + "z" * 8


def assert_secure_headers(response, hsts: bool = False) -> None:
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert csp == CSP
    script_src = next(part for part in csp.split("; ") if part.startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert ("Strict-Transport-Security" in headers) is hsts


def kinds_of_response(app, client, login, patient) -> dict:
    version = app.config["ASSET_VERSION"]
    return {
        "page": client.get("/login"),
        "api 401": client.get("/api/v1/me"),
        "static versioned": client.get(f"/static/{version}/css/app.css"),
        "static plain": client.get("/static/js/app.js"),
        "not found": client.get("/no/such/page"),
        "api not found": client.get("/api/v1/nope"),
        "method not allowed": client.delete("/login"),
        "csrf error": client.post("/login", data={"email": "a@b.co", "password": "x"}),
        "service worker": client.get("/service_worker.js"),
        "manifest": client.get("/manifest.json"),
        "offline": client.get("/offline"),
        "api json": login(patient).get("/api/v1/today"),
    }


def test_every_kind_of_response_has_the_headers(app, client, login, patient):
    """Pages, JSON, WhiteNoise static files, errors and the worker all carry the same policy."""
    for name, response in kinds_of_response(app, client, login, patient).items():
        assert response.status_code in (200, 400, 401, 404, 405), name
        assert_secure_headers(response), name


def test_server_error_page_has_the_headers(database_url, _schema):
    """Even an unexpected failure answers with the policy (and a friendly page, not a trace)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "t", "PROPAGATE_EXCEPTIONS": False})

    @app.get("/boom")
    def boom():
        raise RuntimeError("kaput")

    response = app.test_client().get("/boom")
    assert response.status_code == 500 and "kaput" not in response.get_data(as_text=True)
    assert_secure_headers(response)


def test_rate_limited_answer_has_the_headers(client, patient):
    from helpers import csrf_from
    for _ in range(12):
        response = client.post("/login", data={"email": patient.email, "password": "nope nope",
                                                "csrf_token": csrf_from(client)})
    assert response.status_code == 429
    assert_secure_headers(response)
    assert "Retry-After" in response.headers


def test_session_cookie_flags_in_development(client):
    client.get("/login")  # the CSRF token is kept in the session
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax" and not cookie.secure


@pytest.fixture
def production_app(monkeypatch, database_url):
    """The production configuration with a strong secret."""
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    app = create_app("production")
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    return app


def test_production_cookies_are_secure_and_hsts_is_sent(production_app):
    client = production_app.test_client()
    response = client.get("/login", base_url="https://inoplan.example")
    assert_secure_headers(response, hsts=True)
    assert "max-age=63072000" in response.headers["Strict-Transport-Security"]
    set_cookie = response.headers["Set-Cookie"]
    assert "Secure" in set_cookie and "HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie
    assert production_app.config["REMEMBER_COOKIE_SECURE"] and production_app.config["REMEMBER_COOKIE_HTTPONLY"]
    static = client.get("/static/css/app.css", base_url="https://inoplan.example")
    assert_secure_headers(static, hsts=True)


@pytest.mark.parametrize("secret", [None, "", "short", "dev-only-not-secret"])
def test_production_refuses_to_start_without_a_real_secret(monkeypatch, secret):
    if secret is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", secret)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production")


def test_production_uses_the_secret_from_the_environment(production_app):
    assert production_app.config["SECRET_KEY"] == STRONG_KEY
    assert not production_app.debug and not production_app.testing
