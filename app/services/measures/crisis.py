"""Emergency numbers and crisis lines, per country; the deployment can replace them (config CRISIS_CONTACTS).

Shown by the PHQ-9 item 9 safety path and at the top of "When to get medical help". The country comes from a
choice the person made on that page, else from their timezone, else the generic "call your local emergency
number" entry. Numbers: UK 999 and Samaritans 116 123; Germany 112 and TelefonSeelsorge 0800 111 0 111 /
0800 111 0 222; US 911 and the 988 Suicide & Crisis Lifeline (docs/clinical.md lists the sources).
"""
from __future__ import annotations

from flask import current_app

COUNTRIES = ("GB", "DE", "US", "other")
DEFAULT_CONTACTS = {
    "GB": {"name": "United Kingdom", "emergency": "999",
           "lines": [{"name": "Samaritans", "number": "116 123", "hours": "24/7"}]},
    "DE": {"name": "Deutschland", "emergency": "112",
           "lines": [{"name": "TelefonSeelsorge", "number": "0800 111 0 111", "hours": "24/7"},
                     {"name": "TelefonSeelsorge", "number": "0800 111 0 222", "hours": "24/7"}]},
    "US": {"name": "United States", "emergency": "911",
           "lines": [{"name": "988 Suicide & Crisis Lifeline", "number": "988", "hours": "24/7"}]},
    "other": {"name": "Other country", "emergency": None, "lines": []},
}
# IANA zones -> country, for the few countries with defaults (anything else: "other").
ZONE_PREFIX = {"Europe/London": "GB", "Europe/Belfast": "GB", "GB": "GB", "Europe/Berlin": "DE",
               "Europe/Busingen": "DE", "US/": "US", "America/New_York": "US", "America/Chicago": "US",
               "America/Denver": "US", "America/Phoenix": "US", "America/Los_Angeles": "US",
               "America/Anchorage": "US", "America/Detroit": "US", "America/Indiana/": "US",
               "America/Kentucky/": "US", "America/Boise": "US", "Pacific/Honolulu": "US"}


def contacts() -> dict:
    """The deployment's contacts (config CRISIS_CONTACTS replaces or adds countries)."""
    return DEFAULT_CONTACTS | (current_app.config.get("CRISIS_CONTACTS") or {})


def country_for(timezone: str | None, chosen: str | None = None) -> str:
    table = contacts()
    if chosen in table:
        return chosen
    for prefix, country in ZONE_PREFIX.items():
        if timezone and (timezone == prefix or (prefix.endswith("/") and timezone.startswith(prefix))):
            return country if country in table else "other"
    return "other"


def tel(number: str | None) -> str | None:
    """A tel: link target: digits only (and a leading +)."""
    if not number:
        return None
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def for_country(country: str) -> dict:
    entry = contacts().get(country) or contacts()["other"]
    return {"country": country, "name": entry["name"], "emergency": entry.get("emergency"),
            "emergency_tel": tel(entry.get("emergency")),
            "lines": [line | {"tel": tel(line["number"])} for line in entry.get("lines", [])]}
