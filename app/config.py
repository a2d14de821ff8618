"""Configuration classes, read from the environment with safe development defaults."""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"
DEV_SECRET = "dev-only-not-secret"
DEV_BASE_URL = "http://127.0.0.1:5000"
SHARED_STORAGE = ("redis://", "rediss://", "redis+sentinel://", "redis+cluster://", "valkey://", "valkeys://")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def env_flag(name: str, environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def host_of(base_url: str) -> str:
    """The Host header a request for BASE_URL carries (host, with the port when one is given)."""
    return urlsplit(base_url).netloc.rpartition("@")[2].lower()


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET)
    # Every absolute link (reset mails, invites, the calendar feed, QR codes) is built from this, never from
    # the request's Host header (app/urls.py). Production requires it.
    BASE_URL = os.environ.get("BASE_URL", DEV_BASE_URL)
    # Hosts a request may name; empty means any (development). Production: the host of BASE_URL (plus these).
    TRUSTED_HOSTS: list[str] = []
    # Reverse proxies in front of the app that set X-Forwarded-For/-Proto/-Host; 0 = trust no such header.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", 0) or 0)
    # smtp://user:pass@host:587 (STARTTLS), smtps://...:465 (TLS); unset: mail is logged (and filed in MAIL_DIR).
    MAIL_URL: str | None = os.environ.get("MAIL_URL") or None
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'inoplan.sqlite3'}")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Tokens stay valid for the whole session; the PWA also fetches a fresh one before each sync.
    WTF_CSRF_TIME_LIMIT = 3600
    WTF_CSRF_SSL_STRICT = True
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_LIMITS = os.environ.get("LOGIN_LIMITS", "10 per minute;50 per hour")  # per address (also register)
    # Wrong passwords per (address, account): strict, so one address cannot keep guessing one account.
    ADDRESS_ACCOUNT_LOGIN_LIMITS = os.environ.get("ADDRESS_ACCOUNT_LOGIN_LIMITS", "5 per minute;20 per hour")
    # Wrong passwords per account from all addresses together: looser, and only failures count, so guesses
    # spread over many addresses stop while the owner (right password, own address) still gets in.
    ACCOUNT_LOGIN_LIMITS = os.environ.get("ACCOUNT_LOGIN_LIMITS", "10 per minute;50 per hour")
    RESET_LIMITS = os.environ.get("RESET_LIMITS", "5 per minute;20 per hour")
    ACCOUNT_RESET_LIMITS = os.environ.get("ACCOUNT_RESET_LIMITS", "3 per hour")
    PASSWORD_LIMITS = os.environ.get("PASSWORD_LIMITS", "5 per minute;20 per hour")  # change, delete: per account
    REGISTER_ACCOUNT_LIMITS = os.environ.get("REGISTER_ACCOUNT_LIMITS", "3 per hour")  # mails per address
    RESET_TOKEN_MAX_AGE = 3600
    MAIL_FROM = os.environ.get("MAIL_FROM", "Inoplan <no-reply@inoplan.example>")
    MAIL_DIR: str | None = os.environ.get("MAIL_DIR")
    # Creating invites (per clinician) and accepting or looking up codes (per address).
    INVITE_CREATE_LIMITS = os.environ.get("INVITE_CREATE_LIMITS", "20 per hour;100 per day")
    # Routine images and clips: stored under MEDIA_DIR (instance/media by default), or in the S3-compatible bucket
    # MEDIA_S3_BUCKET when set (MEDIA_S3_ENDPOINT_URL for a provider other than AWS, MEDIA_S3_PREFIX for a key
    # prefix; credentials and region from the standard AWS_* variables), at most MEDIA_MAX_BYTES per upload.
    MEDIA_DIR = os.environ.get("MEDIA_DIR", str(INSTANCE / "media"))
    MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET") or None
    MEDIA_S3_ENDPOINT_URL = os.environ.get("MEDIA_S3_ENDPOINT_URL") or None
    MEDIA_S3_PREFIX = os.environ.get("MEDIA_S3_PREFIX", "")
    MEDIA_MAX_BYTES = int(os.environ.get("MEDIA_MAX_BYTES", 5 * 1024 * 1024))
    MESSAGE_LIMITS = os.environ.get("MESSAGE_LIMITS", "20 per minute;300 per day")  # per sender, any way in
    INVITE_LIMITS = os.environ.get("INVITE_LIMITS", "10 per minute;30 per hour")
    HSTS = False
    DEMO_PASSWORD = "inoplan-demo"
    SYNC_MAX_ITEMS = 500
    # Any request body (JSON or form) above this answers 413. A full sync batch is about 150 KB; 500 entries with
    # 2,000-character notes written entirely in escaped non-Latin text would be about 6 MB.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 8 * 1024 * 1024))
    # Entries (a patient's day as JSON, a few KB each) in each process's Today cache; 0 turns it off.
    DAY_CACHE_SIZE = int(os.environ.get("DAY_CACHE_SIZE", 4096))
    VAPID_CLAIM_SUB = os.environ.get("VAPID_CLAIM_SUB", "mailto:reminders@inoplan.example")
    # Push endpoints on loopback/private addresses (a local test receiver). Production refuses them unless
    # PUSH_ALLOW_LOOPBACK=1 is set explicitly (the smoke test does, nobody else should).
    PUSH_ALLOW_LOOPBACK = True
    # Reminders (docs/reminders.md): the VAPID key as PEM/base64url text, else this file (created on first use).
    VAPID_PRIVATE_KEY = os.environ.get("VAPID_PRIVATE_KEY")
    VAPID_KEY_FILE = os.environ.get("VAPID_KEY_FILE", str(INSTANCE / "vapid_private.pem"))
    PUSH_TTL = int(os.environ.get("PUSH_TTL", 4 * 3600))
    PUSH_ENDPOINT_HOSTS = os.environ.get("PUSH_ENDPOINT_HOSTS", "fcm.googleapis.com,android.googleapis.com,"
                                         "push.services.mozilla.com,push.apple.com,notify.windows.com")
    PUSH_WORKERS = int(os.environ.get("PUSH_WORKERS", 8))
    # Worker processes for large dispatcher runs (500+ pushes each); default: one per CPU core.
    PUSH_PROCESSES = int(os.environ.get("PUSH_PROCESSES", os.cpu_count() or 1))
    PUSH_PRUNE_DAYS = int(os.environ.get("PUSH_PRUNE_DAYS", 30))
    # Background jobs (docs/scale.md): empty = push from the dispatcher itself; a redis:// URL = each pass fans
    # out into batches that `flask reminders worker` processes send, on any number of machines.
    QUEUE_URL = os.environ.get("QUEUE_URL", "")
    QUEUE_NAMESPACE = os.environ.get("QUEUE_NAMESPACE", "inoplan")
    QUEUE_BATCH = int(os.environ.get("QUEUE_BATCH", 200))  # reminders per job
    QUEUE_RETRIES = int(os.environ.get("QUEUE_RETRIES", 3))  # then the job is parked with its error
    # A worker that stops answering for this long is taken as dead and its unfinished jobs go to others.
    QUEUE_HEARTBEAT_MS = int(os.environ.get("QUEUE_HEARTBEAT_MS", 60_000))
    # Crisis contacts per country, replacing or adding to the defaults in services/measures/crisis.py, as JSON:
    # {"IE": {"name": "Ireland", "emergency": "112", "lines": [{"name": "Samaritans", "number": "116 123"}]}}
    CRISIS_CONTACTS = json.loads(os.environ.get("CRISIS_CONTACTS", "{}"))


class DevelopmentConfig(Config):
    SHOW_DEMO_HINT = True
    MAIL_DIR = os.environ.get("MAIL_DIR", str(INSTANCE / "mail"))


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"
    BASE_URL = "http://localhost"  # the test client's default host
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = True
    RATELIMIT_ENABLED = True


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS = True
    PUSH_ALLOW_LOOPBACK = False
    MAIL_DIR = None

    @classmethod
    def check(cls, environ: Mapping[str, str] = os.environ) -> dict:
        """The settings production reads from the environment now; refuses to start, naming every missing
        or unsafe one at once, rather than run with a development default."""
        problems, out = [], {}
        key = environ.get("SECRET_KEY", "")
        if len(key) < 32 or key == DEV_SECRET:
            problems.append("SECRET_KEY: set it to at least 32 random characters "
                            "(python -c 'import secrets; print(secrets.token_urlsafe(48))').")
        out["SECRET_KEY"] = key
        base = environ.get("BASE_URL", "").strip().rstrip("/")
        parts = urlsplit(base)
        loopback = (parts.hostname or "") in LOOPBACK_HOSTS
        if not parts.hostname or parts.scheme not in ("https", "http") or (parts.scheme == "http" and not loopback) \
                or parts.username or parts.query or parts.fragment:
            problems.append("BASE_URL: set it to the https address people open, e.g. https://inoplan.example.org "
                            "(every link in mails, invites and calendar feeds is built from it).")
        out["BASE_URL"] = base
        extra = [h.strip().lower() for h in environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()]
        out["TRUSTED_HOSTS"] = [host_of(base), *extra] if parts.hostname else extra
        storage = environ.get("RATELIMIT_STORAGE_URI") or environ.get("REDIS_URL") or ""
        if not storage.startswith(SHARED_STORAGE):
            problems.append("RATELIMIT_STORAGE_URI (or REDIS_URL): set it to a Redis server, e.g. "
                            "redis://127.0.0.1:6379/0, so every worker counts login attempts together.")
        out["RATELIMIT_STORAGE_URI"] = storage
        database = environ.get("DATABASE_URL", "")
        if not database or database.rstrip("/") in ("sqlite:", "sqlite:/", "sqlite://") or ":memory:" in database:
            problems.append("DATABASE_URL: set it to the database to use, e.g. "
                            "postgresql+psycopg://inoplan@127.0.0.1:5432/inoplan.")
        out["SQLALCHEMY_DATABASE_URI"] = database
        try:
            out["TRUSTED_PROXIES"] = int(environ.get("TRUSTED_PROXIES", 0) or 0)
        except ValueError:
            problems.append("TRUSTED_PROXIES: the number of reverse proxies in front of the app (0, 1, 2...).")
        out["PUSH_ALLOW_LOOPBACK"] = env_flag("PUSH_ALLOW_LOOPBACK", environ)
        out["MAIL_URL"] = environ.get("MAIL_URL") or None
        if not out["MAIL_URL"]:
            out["MAIL_DIR"] = None  # logged only; the start-up log says so
        if problems:
            raise RuntimeError("Inoplan cannot start in production:\n  - " + "\n  - ".join(problems))
        return out


CONFIGS = {"development": DevelopmentConfig, "testing": TestingConfig, "production": ProductionConfig}
