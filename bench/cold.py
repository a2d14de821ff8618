"""First visits of the day: many patients, each signed in, each asking for a day no worker has cached yet.

Signing 2,000 patients in through the login form would hash 2,000 passwords; instead one real login's session
cookie is decoded with the app's own serializer and re-signed for each patient (the same `_user_id` form the
user loader checks: id, session token and the secret of a live server-side session, one inserted per patient).
Between rounds every patient's `data_version` is replaced, exactly what a write does, so each round's requests all
miss the per-worker day cache (its key is user, version, date).
"""
from __future__ import annotations

import threading
from secrets import token_urlsafe

from flask import Flask
from sqlalchemy import insert, select, update

from app.extensions import db
from app.models import LoginSession, Plan, User
from app.models.users import new_data_version
from app.services.accounts.sessions import digest

from .client import Client, timed


def patients_with_plans(app: Flask, limit: int, skip: set[int]) -> list[int]:
    """Up to `limit` patient ids with a plan, oldest first (the ones with history come first)."""
    with app.app_context():
        return [i for i in db.session.scalars(select(Plan.patient_id).order_by(Plan.patient_id).limit(limit + 50))
                if i not in skip][:limit]


def forged_cookies(app: Flask, signed_in: dict, ids: list[int]) -> list[dict]:
    """A cookie jar per patient, from one signed-in jar: the session re-signed for each id."""
    serializer = app.session_interface.get_signing_serializer(app)
    name = app.config["SESSION_COOKIE_NAME"]
    session = serializer.loads(signed_in[name])
    secrets = {i: token_urlsafe(32) for i in ids}
    with app.app_context():
        tokens = dict(db.session.execute(select(User.id, User.session_token).where(User.id.in_(ids))).all())
        # each a live server-side session, as a login would start (services/accounts/sessions.py)
        db.session.execute(insert(LoginSession), [{"user_id": i, "secret_hash": digest(s)} for i, s in secrets.items()])
        db.session.commit()
    return [{**signed_in, name: serializer.dumps({**session, "_user_id": f"{i}:{tokens[i]}:{secrets[i]}"})}
            for i in ids]


def make_cold(app: Flask, ids: list[int]) -> None:
    """Give each patient a new data_version, as any write would: no worker has their day cached any more."""
    with app.app_context():
        for i in range(0, len(ids), 500):
            db.session.execute(update(User).where(User.id.in_(ids[i:i + 500])).values(data_version=new_data_version()))
        db.session.commit()


def each_once_per_second(port: int, path: str, jars: list[dict], concurrency: int) -> float:
    """One GET per cookie jar (so per patient), from `concurrency` threads; requests per second."""
    errors: list[str] = []

    def worker(part: list[dict]):
        client = Client(port)
        for jar in part:
            client.cookies = dict(jar)
            reply = client.get(path)
            if reply.status != 200:
                errors.append(f"{path}: {reply.status}")
                return

    elapsed = timed([threading.Thread(target=worker, args=(jars[n::concurrency],)) for n in range(concurrency)])
    if errors:
        raise RuntimeError(errors[0])
    return len(jars) / elapsed
