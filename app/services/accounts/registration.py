"""Registration that never tells whether an email has an account (issue 14 item 12).

Every valid sign-up answers "check your inbox". A new address gets a link that creates the account; the owner of
an existing account gets a note instead ("you already have an account"). Both paths cost one scrypt hash and
one mail, so neither the answer nor its timing differs. The link is signed and lasts a day; it carries the
details typed in, with the password only as its scrypt hash, and finishing asks for that password again: a
person who receives a link they did not ask for cannot take over an account someone else began in their name.
"""
from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

SALT = "register"
MAX_AGE = 24 * 3600


@dataclass(frozen=True)
class Pending:
    email: str
    display_name: str
    role: str
    timezone: str
    password_hash: str
    next: str | None = None

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT)


def hash_password(password: str) -> str:
    """The same hash a stored password gets (User.set_password); computed for existing emails too."""
    return generate_password_hash(password, method="scrypt")


def token(pending: Pending, secret: str) -> str:
    return _serializer(secret).dumps({"e": pending.email, "n": pending.display_name, "r": pending.role,
                                      "t": pending.timezone, "h": pending.password_hash, "x": pending.next})


def load(value: str, secret: str, max_age: int = MAX_AGE) -> Pending | None:
    """The registration a valid, unexpired link describes; None otherwise."""
    try:
        data = _serializer(secret).loads(value, max_age=max_age)
    except BadSignature:  # also covers SignatureExpired
        return None
    fields = ("e", "n", "r", "t", "h")
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in fields):
        return None
    return Pending(data["e"], data["n"], data["r"], data["t"], data["h"],
                   data.get("x") if isinstance(data.get("x"), str) else None)
