"""Errors answer JSON on the API and a friendly page elsewhere; never a bare 500 for bad input."""
from __future__ import annotations

import time

from flask import Flask, jsonify, render_template
from flask_babel import gettext, ngettext
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from app.extensions import limiter
from app.formatting import N_
from app.security import wants_json
from app.sqlite import BUSY_TIMEOUT_MS, is_lock_error

CSRF_MESSAGE = N_("Your session's security token is missing or expired. Reload the page and try again.")
CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 413: "too_large", 422: "invalid", 429: "rate_limited", 500: "server_error", 503: "busy"}


def api_error(status: int, message: str, fields: dict | None = None, code: str | None = None):
    body = {"error": code or CODES.get(status, "error"), "message": message}
    if fields:
        body["fields"] = fields
    return jsonify(body), status


def too_many_message(translate: bool = False) -> str:
    """Say how long to wait, from the limit that was hit (in the page's language when `translate`)."""
    current = limiter.current_limit
    seconds = max(1, int(current.reset_at - time.time())) if current else 60
    minutes = -(-seconds // 60)
    one, many = ("Too many attempts. To keep accounts safe, please wait %(num)d minute and try again.",
                 "Too many attempts. To keep accounts safe, please wait %(num)d minutes and try again.")
    if translate:
        return ngettext(one, many, minutes)
    return (one if minutes == 1 else many) % {"num": minutes}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        message = CSRF_MESSAGE
        if wants_json():
            return api_error(400, message, code="csrf")
        return render_template("errors/error.html", code=400, message=gettext(message)), 400

    @app.errorhandler(OperationalError)
    def database_busy(exc: OperationalError):
        """SQLite's write lock stayed taken past the busy timeout (and the retries): try again shortly, not a 500."""
        if not is_lock_error(exc):
            raise exc
        message = "Inoplan is busy saving other changes. Nothing was lost; please try again in a moment."
        seconds = str(max(1, BUSY_TIMEOUT_MS // 1000 // 5))
        if wants_json():
            response, status = api_error(503, message)
        else:
            response, status = render_template("errors/error.html", code=503, message=message), 503
        return response, status, {"Retry-After": seconds}

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        if wants_json():
            return api_error(status, exc.description if status != 429 else too_many_message())
        if status == 429:
            message = too_many_message(translate=True)
        elif exc.description != type(exc).description:
            message = exc.description  # the app's own words, translated where it called abort()
        else:  # Werkzeug's English default
            message = gettext("The link may be old or mistyped. Nothing you recorded is lost.") if status == 404 \
                else gettext("Nothing you recorded is lost. Go back and try again.")
        return render_template("errors/error.html", code=status, message=message), status
