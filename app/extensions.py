"""Extension singletons, initialised in create_app()."""
from __future__ import annotations

import hashlib
import ipaddress
import unicodedata

from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    # Stable constraint names so Alembic migrations behave on SQLite and PostgreSQL alike.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


# Objects stay loaded after a commit (docs/architecture.md, "Sessions"): a request commits its writes and then
# renders what it already loaded, without one reload query per row.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
login_manager = LoginManager()
csrf = CSRFProtect()
migrate = Migrate()
babel = Babel()
limiter = Limiter(key_func=lambda: address_key(), default_limits=[])


def normal_email(value: str | None) -> str:
    """The form an email is stored and counted in: Unicode-normalised, no whitespace anywhere, lowercase."""
    return "".join(unicodedata.normalize("NFKC", value or "").split()).lower()


def address_key() -> str:
    """Rate-limit key for the client address: the socket's peer, or the address a TRUSTED_PROXIES proxy reported
    (ProxyFix, app/urls.py); a client's own X-Forwarded-For is never believed. IPv6 counts per /64, the block
    one household or server usually holds."""
    address = get_remote_address() or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def account_key() -> str:
    """Rate-limit key for the account being tried (the submitted email, normalised), not the address."""
    email = normal_email(request.form.get("email"))
    if not email:
        return address_key()
    return "account:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def address_account_key() -> str:
    """Rate-limit key for one address trying one account."""
    return f"{address_key()}|{account_key()}"
