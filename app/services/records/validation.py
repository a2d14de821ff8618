"""Validation of values that arrive from phones, forms and other clients.

Each checker returns a cleaned value or raises Invalid with a sentence a person can act on.
"""
from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from app.services.records.limits import NOTE_MAX

# Exact patterns: `$` would also accept a trailing newline ("08:00\n"), so fullmatch or \Z, never `$`.
SLOT_RE = re.compile(r"\A([01]\d|2[0-3]):[0-5]\d\Z")  # \Z: exact with match() too (WTForms Regexp)
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
INTEGER_RE = re.compile(r"-?\d{1,6}")
CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# How far ahead of the server's clock a device time may run before it is taken as the time of receipt.
DEVICE_CLOCK_SLACK = timedelta(minutes=5)


class Invalid(ValueError):
    pass


class EntryErrors(Exception):
    """Field -> message for one entry or form."""

    def __init__(self, fields: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


def integer(value, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and INTEGER_RE.fullmatch(value.strip()):
            value = int(value)
        else:
            raise Invalid(f"must be a whole number from {lo} to {hi}")
    if not lo <= value <= hi:
        raise Invalid(f"must be from {lo} to {hi}")
    return value


def number(value, lo: float, hi: float) -> float:
    if isinstance(value, bool):
        raise Invalid(f"must be a number from {lo:g} to {hi:g}")
    try:
        f = float(value)
    except (TypeError, ValueError, OverflowError):
        raise Invalid(f"must be a number from {lo:g} to {hi:g}") from None
    if f != f or not lo <= f <= hi:  # f != f catches NaN
        raise Invalid(f"must be from {lo:g} to {hi:g}")
    return round(f, 2)


def whole_number(lo: int, hi: int):
    """A checker for `integer(value, lo, hi)`; an int in range passes without a second call (the sync's hot path)."""
    def check(value) -> int:
        if type(value) is int and lo <= value <= hi:
            return value
        return integer(value, lo, hi)
    return check


def local_date(value) -> date:
    if not isinstance(value, str):
        raise Invalid("must be a date as YYYY-MM-DD")
    return _parse_date(value)


@lru_cache(maxsize=1024)  # a batch names the same few days again and again
def _parse_date(value: str) -> date:
    if not DATE_RE.fullmatch(value):
        raise Invalid("must be a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid("is not a real calendar date") from None


def slot(value) -> str:
    if not isinstance(value, str) or not SLOT_RE.fullmatch(value):
        raise Invalid("must be a time as HH:MM")
    return value


def client_id(value) -> str:
    if not isinstance(value, str) or len(value) > 45:  # 36, or with braces and a urn:uuid: prefix
        raise Invalid("must be a UUID")
    if CANONICAL_UUID.fullmatch(value):
        return value  # what crypto.randomUUID() sends, already in the form str(uuid.UUID(...)) gives
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise Invalid("must be a UUID") from None


def note(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid("must be text")
    if "\x00" in value:
        raise Invalid("must not contain NUL characters")
    if not value.isascii():
        try:  # a lone surrogate ("\\ud800" in JSON) parses to a str that no database can store
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Invalid("must be valid Unicode text") from None
    if len(value) > NOTE_MAX:
        raise Invalid(f"must be at most {NOTE_MAX} characters")
    return value.strip()


def time_with_offset(value) -> tuple[datetime, int]:
    """An ISO 8601 time that names its UTC offset: the instant in UTC and the offset in minutes."""
    if not isinstance(value, str) or len(value) > 40:
        raise Invalid("must be an ISO 8601 time with offset")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            raise Invalid("must include a timezone offset")
        offset = parsed.utcoffset()
        at = parsed.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:59-14:00 is past the last representable UTC time
        raise Invalid("is out of range") from None
    except ValueError:
        raise Invalid("must be an ISO 8601 time with offset") from None
    return at, int(offset.total_seconds() // 60) if offset else 0


def recorded_at(value, now: datetime | None = None) -> tuple[datetime, int]:
    """The device time of the write and its UTC offset in minutes, never later than the server's clock allows.

    The phone's clock is not the truth: a time more than DEVICE_CLOCK_SLACK ahead of the server is taken as
    the server's time of receipt, so a phone set to 2099 cannot make its write win every later one.
    """
    now = now or datetime.now(UTC)
    if value is None:
        return now, 0
    at, offset = time_with_offset(value)
    return min(at, now) if at > now + DEVICE_CLOCK_SLACK else at, offset


def one_of(*options: str):
    """A checker that accepts exactly one of the options."""
    def check(value) -> str:
        if value in options:
            return value
        raise Invalid("must be one of " + ", ".join(options))
    return check


def collect(entry: dict, checks: dict) -> dict:
    """Run field checks {name: (fn, required)}; gather every error before raising."""
    cleaned, errors = {}, {}
    for name, (check, required) in checks.items():
        value = entry.get(name)
        if value is None or value == "":
            if required:
                errors[name] = "is required"
            else:
                cleaned[name] = None if name not in ("note",) else ""
            continue
        try:
            cleaned[name] = check(value)
        except Invalid as exc:
            errors[name] = str(exc)
    if errors:
        raise EntryErrors(errors)
    return cleaned
