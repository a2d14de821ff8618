"""Server-side login sessions: start one per login, end one (logout), or end all (password change, "log out
everywhere"). The cookie carries `<user id>:<secret>`; only the secret's SHA-256 is stored, so a leaked
database copy cannot be turned into cookies."""
from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from app.models import LoginSession, User

# Built once: it runs on every signed-in request, and building a statement costs more than running it.
USER_FOR_SESSION = (select(User).join(LoginSession, LoginSession.user_id == User.id)
                    .where(User.id == bindparam("user_id"), LoginSession.secret_hash == bindparam("secret_hash")))


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def start(session: Session, user: User) -> str:
    """A new session for `user` (the caller commits); sets `user.login_secret`, which `User.get_id` puts in the
    cookie."""
    secret = secrets.token_urlsafe(32)
    session.add(LoginSession(user_id=user.id, secret_hash=digest(secret)))
    user.login_secret = secret
    return secret


def user_for(session: Session, user_id: int, secret: str) -> User | None:
    """The user whose live session this is, in one query; None once it has ended."""
    user = session.scalar(USER_FOR_SESSION, {"user_id": user_id, "secret_hash": digest(secret)})
    if user is not None:
        user.login_secret = secret
    return user


def end(session: Session, user: User) -> None:
    """End this session (logout); the caller commits."""
    secret = getattr(user, "login_secret", None)
    if secret:
        session.execute(delete(LoginSession).where(LoginSession.user_id == user.id,
                                                   LoginSession.secret_hash == digest(secret)))


def end_all(session: Session, user: User, keep: str | None = None) -> int:
    """End every session of the user, or every one but the session whose secret is `keep`; the caller commits."""
    query = delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep:
        query = query.where(LoginSession.secret_hash != digest(keep))
    return session.execute(query).rowcount
