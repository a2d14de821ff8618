"""The app's VAPID key and a configured Pusher (Flask glue around services/webpush.py)."""
from __future__ import annotations

import re
from pathlib import Path

from flask import Flask, current_app
from py_vapid import Vapid

from app.services.reminders.webpush import Pusher, load_key, public_key

# RFC 8292: the `sub` claim is a contact, a mailto: address or an https: URL.
CLAIM_SUB = re.compile(r"^(mailto:[^@\s/]+@[^@\s/]+\.[^@\s/]+|https://[^\s/@]+\.[^\s@]+)$", re.IGNORECASE)


def vapid(app: Flask | None = None) -> Vapid:
    """The private key, loaded once per app (and written to VAPID_KEY_FILE on first use)."""
    app = app or current_app
    if "inoplan_vapid" not in app.extensions:
        app.extensions["inoplan_vapid"] = load_key(app.config.get("VAPID_PRIVATE_KEY"),
                                                   Path(app.config["VAPID_KEY_FILE"]))
    return app.extensions["inoplan_vapid"]


def application_server_key() -> str:
    return public_key(vapid())


def pusher(app: Flask | None = None) -> Pusher:
    app = app or current_app
    sub = app.config["VAPID_CLAIM_SUB"]
    if not CLAIM_SUB.match(sub or ""):
        raise ValueError(f"VAPID_CLAIM_SUB must be a mailto: address or an https: URL, not {sub!r}.")
    return Pusher(vapid(app), sub, ttl=int(app.config["PUSH_TTL"]), workers=int(app.config["PUSH_WORKERS"]),
                  processes=int(app.config["PUSH_PROCESSES"]), allow_private=bool(app.config["PUSH_ALLOW_LOOPBACK"]))
