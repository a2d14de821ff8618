"""Security headers, session loading and the answer to unauthenticated requests."""
from __future__ import annotations

from flask import Flask, abort, jsonify, redirect, request, url_for
from flask_login import current_user
from werkzeug.routing import IntegerConverter

from app.extensions import db, login_manager
from app.models import User
from app.services.accounts import sessions

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class BoundedInt(IntegerConverter):
    """`<int:id>` up to the database's integer range: larger ids are not found, not a driver overflow."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def wants_json() -> bool:
    return request.path.startswith("/api/")


@login_manager.user_loader
def load_user(token: str) -> User | None:
    """The user of a live server-side session: logout, password change and "log out everywhere" delete the row,
    so a copied session or remember-me cookie stops working at once."""
    user_id, session_token, secret = (token.split(":") + ["", ""])[:3]
    if not user_id.isdigit() or int(user_id) > 2**31 - 1 or not secret or secret == "None":
        return None
    user = sessions.user_for(db.session, int(user_id), secret)
    # A password change rotates session_token, which ends every session (the changing one logs in again).
    return user if user is not None and user.session_token == session_token else None


@login_manager.unauthorized_handler
def unauthorized():
    if wants_json():
        return jsonify(error="unauthenticated", message="Please log in again."), 401
    return redirect(url_for("auth.login", next=request.full_path if request.query_string else request.path))


def register_api_auth(app: Flask) -> None:
    @app.before_request
    def api_needs_login():
        if wants_json() and not current_user.is_authenticated:
            return unauthorized()


def security_headers(hsts: bool) -> dict[str, str]:
    """The headers every response carries, pages, API, errors and static files alike."""
    headers = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
               "Permissions-Policy": PERMISSIONS, "X-Frame-Options": "DENY"}
    if hsts:
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    return headers


def static_headers(app: Flask):
    """WhiteNoise answers static files before Flask runs, so it adds the same headers itself."""
    def add(headers, path: str, url: str) -> None:
        headers["Content-Security-Policy"] = CSP
        for name, value in security_headers(app.config.get("HSTS", False)).items():
            headers[name] = value
    return add


def register_security(app: Flask) -> None:
    login_manager.login_view = "auth.login"

    @app.before_request
    def refuse_nul_characters():
        # No form or query value may hold a NUL character, and PostgreSQL cannot store one: refuse it up front.
        # JSON bodies are checked field by field instead (services/validation.py), so one bad sync entry
        # is rejected alone.
        pairs = [*request.args.items(multi=True), *request.form.items(multi=True),
                 *((name, str(value)) for name, value in (request.view_args or {}).items())]  # path parts too
        bad = sorted({key for key, value in pairs if "\x00" in key or "\x00" in value})
        if bad:
            message = "Your input contains a NUL character (\\0), which Inoplan cannot store. Remove it and try again."
            if wants_json():
                return jsonify(error="bad_request", message=message,
                               fields={name: "must not contain NUL characters" for name in bad}), 400
            abort(400, message)

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.update(security_headers(app.config.get("HSTS", False)))
        if request.path.startswith("/api/") or response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response
