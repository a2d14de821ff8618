"""The patient's plan as an RFC 5545 calendar: one weekly recurring event per item and time, with an alarm.

DTSTART carries the patient's zone as TZID and the calendar carries its VTIMEZONE, so an 08:00 routine
stays at 08:00 local time across DST changes. UIDs come from the item's stable key, and SEQUENCE is the
plan version's number, so an edit updates the events in place instead of adding new ones.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import segno
from flask_babel import gettext as _
from icalendar import Alarm, Calendar, Event
from markupsafe import Markup

from app import formatting
from app.models import PlanVersion, User
from app.services.clock import zone
from app.services.localize import routine_text

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DEFAULT_MINUTES = 15


def first_day(start: date, days_mask: int) -> date:
    """The first date on or after `start` that the item is scheduled (DTSTART must be an occurrence)."""
    for offset in range(7):
        day = start + timedelta(days=offset)
        if days_mask >> day.weekday() & 1:
            return day
    raise ValueError("an item needs at least one day")


def describe(item, base_url: str) -> str:
    """The event's text in the current locale: dose, note, steps, precautions, and where to tick it off."""
    routine, language = item.routine, formatting.language()
    lines = []
    dose = formatting.dose_text(item.dose)
    if dose:
        lines.append(_("Dose: %(dose)s", dose=dose))
    if item.notes:
        lines.append(_("Note: %(note)s", note=item.notes))
    lines += [f"{n}. {step}" for n, step in enumerate(routine_text(routine, "steps", language) or [], 1)]
    precautions = routine_text(routine, "precautions", language)
    if precautions:
        lines.append(_("Take care: %(text)s", text=precautions))
    lines.append(_("Tick it off in Inoplan: %(url)s", url=f"{base_url}/today"))
    return "\n".join(lines)


def build(user: User, version: PlanVersion | None, lead_minutes: int, base_url: str) -> bytes:
    """The .ics text of the patient's standard plan (an empty calendar without one), in the patient's language."""
    with formatting.in_language(user):
        return _build(user, version, lead_minutes, base_url)


def _build(user: User, version: PlanVersion | None, lead_minutes: int, base_url: str) -> bytes:
    tz = zone(user.timezone)
    cal = Calendar()
    cal.add("prodid", "-//Inoplan//Plan reminders//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("Inoplan plan"))
    cal.add("x-wr-timezone", user.timezone)
    # A hint only: many apps refresh subscribed calendars every 12-24 h whatever it says.
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    if version is None:
        return cal.to_ical()
    start = version.created_at.astimezone(tz).date()
    for item in version.items:
        for slot in item.slots:
            day = first_day(start, item.days_mask)
            event = Event()
            event.add("uid", f"{item.key}-{slot.replace(':', '')}@inoplan")
            event.add("dtstamp", version.created_at)
            event.add("last-modified", version.created_at)
            event.add("sequence", version.number)
            event.add("summary", formatting.title_of(item.routine))
            event.add("dtstart", datetime(day.year, day.month, day.day, int(slot[:2]), int(slot[3:]), tzinfo=tz))
            event.add("duration", timedelta(minutes=item.minutes or DEFAULT_MINUTES))
            event.add("rrule", {"freq": "weekly", "byday": [BYDAY[d] for d in item.days]})
            event.add("description", describe(item, base_url))
            event.add("url", f"{base_url}/today")
            event.add("transp", "TRANSPARENT")
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", formatting.title_of(item.routine))
            alarm.add("trigger", timedelta(minutes=-lead_minutes))
            event.add_component(alarm)
            cal.add_component(event)
    cal.add_missing_timezones(first_date=start - timedelta(days=366))
    return cal.to_ical()


def qr_svg(text: str) -> Markup:
    """A QR code as inline SVG markup (presentation attributes only: the CSP forbids style attributes)."""
    svg = segno.make(text, error="m").svg_inline(scale=4, dark="#000", light="#fff", omitsize=True,
                                                 svgclass="qr", lineclass=None, title=_("QR code of the calendar link"))
    return Markup(svg)
