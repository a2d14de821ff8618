"""Is this a push service URL? One check for storing a subscription (`prefs.clean_subscription`) and for each push
(`webpush.Pusher`); its own module because the push worker processes import it, and they need no models."""
from __future__ import annotations

import ipaddress

from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

from app.services.records import validation as v

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def check_endpoint(value, allow_loopback: bool, hosts: str) -> str:
    """https on a known push service (or any host when `hosts` is empty); loopback http only when allowed.

    Parsed with urllib3's own parser, the one the sender connects with: `urlsplit` and urllib3 disagree on
    odd URLs (https://fcm.googleapis.com:x@127.0.0.1/ is fcm to one and 127.0.0.1 to the other), so a check
    by another parser proves nothing. Userinfo, whitespace and backslashes are refused outright."""
    if not isinstance(value, str) or not 10 <= len(value) <= 1000:
        raise v.Invalid("must be the push service URL from the browser")
    if any(c in value for c in "@\\") or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value):
        raise v.Invalid("must be a plain push service URL (no user name, spaces or backslashes)")
    try:
        parts = parse_url(value)
    except LocationParseError:
        raise v.Invalid("is not a valid URL") from None
    host = (parts.host or "").lower().strip("[]")
    if parts.auth or not host:
        raise v.Invalid("must be an https URL")
    if allow_loopback and (host in LOOPBACK or _is_loopback_ip(host)) and parts.scheme in ("http", "https"):
        return value
    if parts.scheme != "https":
        raise v.Invalid("must be an https URL")
    if _is_ip(host):
        raise v.Invalid("must name a push service, not an IP address")
    allowed = [h.strip().lower() for h in hosts.split(",") if h.strip()]
    if "." not in host or (allowed and not any(host == h or host.endswith("." + h) for h in allowed)):
        raise v.Invalid("is not a known Web Push service")
    return value


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _is_loopback_ip(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
