"""Configuration classes, read from the environment with safe development defaults."""
from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
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
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_LIMITS = os.environ.get("LOGIN_LIMITS", "10 per minute;50 per hour")
    ACCOUNT_LOGIN_LIMITS = os.environ.get("ACCOUNT_LOGIN_LIMITS", "5 per minute;20 per hour")
    RESET_LIMITS = os.environ.get("RESET_LIMITS", "5 per minute;20 per hour")
    ACCOUNT_RESET_LIMITS = os.environ.get("ACCOUNT_RESET_LIMITS", "3 per hour")
    PASSWORD_LIMITS = os.environ.get("PASSWORD_LIMITS", "5 per minute;20 per hour")  # change, delete: per account
    RESET_TOKEN_MAX_AGE = 3600
    MAIL_FROM = os.environ.get("MAIL_FROM", "Inoplan <no-reply@inoplan.example>")
    MAIL_DIR: str | None = os.environ.get("MAIL_DIR")
    # Creating invites (per clinician) and accepting or looking up codes (per address).
    INVITE_CREATE_LIMITS = os.environ.get("INVITE_CREATE_LIMITS", "20 per hour;100 per day")
    # Routine images: stored under MEDIA_DIR (instance/media by default), at most MEDIA_MAX_BYTES per upload.
    MEDIA_DIR = os.environ.get("MEDIA_DIR", str(INSTANCE / "media"))
    MEDIA_MAX_BYTES = int(os.environ.get("MEDIA_MAX_BYTES", 5 * 1024 * 1024))
    MESSAGE_LIMITS = os.environ.get("MESSAGE_LIMITS", "20 per minute;300 per day")  # per sender, any way in
    INVITE_LIMITS = os.environ.get("INVITE_LIMITS", "10 per minute;30 per hour")
    HSTS = False
    DEMO_PASSWORD = "inoplan-demo"
    SYNC_MAX_ITEMS = 500
    # Entries (a patient's day as JSON, a few KB each) in each process's Today cache; 0 turns it off.
    DAY_CACHE_SIZE = int(os.environ.get("DAY_CACHE_SIZE", 4096))
    VAPID_CLAIM_SUB = os.environ.get("VAPID_CLAIM_SUB", "mailto:reminders@inoplan.example")
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
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = True
    RATELIMIT_ENABLED = True


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS = True
    PUSH_ALLOW_LOOPBACK = False

    @classmethod
    def check(cls) -> None:
        """Refuse to start with the development secret."""
        key = os.environ.get("SECRET_KEY", "")
        if len(key) < 32 or key == Config.SECRET_KEY:
            raise RuntimeError("Production needs SECRET_KEY set to at least 32 random characters.")
        cls.SECRET_KEY = key


CONFIGS = {"development": DevelopmentConfig, "testing": TestingConfig, "production": ProductionConfig}
