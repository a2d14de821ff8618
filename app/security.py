"""Security headers, session loading and the answer to unauthenticated requests."""
from __future__ import annotations

from flask import Flask, jsonify, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import bindparam, select

from .extensions import db, login_manager
from .models import User

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
# Built once: it runs on every signed-in request, and building a statement costs more than running it.
USER_BY_ID = select(User).where(User.id == bindparam("user_id"))


def wants_json() -> bool:
    return request.path.startswith("/api/")


@login_manager.user_loader
def load_user(token: str) -> User | None:
    user_id, _, session_token = token.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.scalar(USER_BY_ID, {"user_id": int(user_id)})
    # A password change rotates session_token, which ends every other session.
    if user is None or user.session_token != session_token:
        return None
    return user


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


def register_security(app: Flask) -> None:
    login_manager.login_view = "auth.login"

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = PERMISSIONS
        response.headers["X-Frame-Options"] = "DENY"
        if app.config.get("HSTS"):
            response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        if request.path.startswith("/api/") or response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response
