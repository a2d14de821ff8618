"""Password changes and reset links: time-limited, signed, single-use tokens."""
from __future__ import annotations

import hashlib
import secrets

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from app.models import User
from app.services.accounts import sessions
from app.services.care import audit

SALT = "password-reset"
_DUMMY: list[str] = []


def _fingerprint(user: User) -> str:
    # The token names the current hash, so it stops working as soon as the password changes (single use).
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT)


def reset_token(user: User, secret: str) -> str:
    return _serializer(secret).dumps({"u": user.id, "p": _fingerprint(user)})


def token_user_id(token: str, secret: str) -> int | None:
    """The account a token names, without checking age or use (for rate-limit keys only)."""
    try:
        valid, payload = _serializer(secret).loads_unsafe(token)
    except Exception:  # loads_unsafe raises on garbage that is not even decodable
        return None
    return payload.get("u") if valid and isinstance(payload, dict) and isinstance(payload.get("u"), int) else None


def user_for_token(session: Session, token: str, secret: str, max_age: int) -> User | None:
    """The user a valid, unexpired, unused token belongs to; None otherwise."""
    try:
        payload = _serializer(secret).loads(token, max_age=max_age)
    except BadSignature:  # also covers SignatureExpired
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        return None
    user = session.get(User, payload["u"])
    if user is None or payload.get("p") != _fingerprint(user):
        return None
    return user


def dummy_hash() -> str:
    """A hash of a random password, made with the same method as real ones (computed once per process)."""
    if not _DUMMY:
        _DUMMY.append(generate_password_hash(secrets.token_urlsafe(24), method="scrypt"))
    return _DUMMY[0]


def verify(user: User | None, password: str) -> bool:
    """Check a password; with no such user, check it against a dummy hash at the same cost and say no."""
    hashed = user.password_hash if user is not None else dummy_hash()
    return check_password_hash(hashed, password) and user is not None


def set_password(session: Session, user: User, password: str, how: str, keep_session: str | None = None) -> None:
    """Store a new password and end every session but `keep_session` (the secret of the one changing it); a reset
    keeps none. The caller commits."""
    user.set_password(password)
    sessions.end_all(session, user, keep=keep_session)
    audit.record(session, user, user.id, how)
