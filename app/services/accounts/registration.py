"""Registration that never tells whether an email has an account (issue 14 item 12).

A new address gets its account at once (and a welcome mail); the owner of an existing account gets a note instead
("you already have an account"), and the form answers with the same redirect. Both paths cost one scrypt hash and
one mail, so neither the answer nor its timing differs. Someone who registers with another person's address can
be locked out by that person at any time: a password reset to the address ends every session (docs/security.md).
"""
from __future__ import annotations

from werkzeug.security import generate_password_hash


def hash_password(password: str) -> str:
    """The same hash a stored password gets (User.set_password); computed for existing emails too."""
    return generate_password_hash(password, method="scrypt")
