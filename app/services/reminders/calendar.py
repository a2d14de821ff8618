"""The patient's plan as an RFC 5545 calendar: one weekly recurring event per item and time, one daily event
for the check-in, one event on each date a questionnaire falls due, each with an alarm.

DTSTART carries the patient's zone as TZID and the calendar carries its VTIMEZONE, so an 08:00 routine
stays at 08:00 local time across DST changes, exactly as `schedule.slot_instant` reads it for push reminders.
UIDs come from the item's stable key, and SEQUENCE is the plan version's number, so an edit updates the events
in place instead of adding new ones. The alarms use the same lead time as push (none for the check-in).
"""
from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import segno
from flask_babel import gettext
from icalendar import Alarm, Calendar, Event
from markupsafe import Markup
from sqlalchemy.orm import object_session

from app import formatting
from app.models import PlanVersion, User
from app.services.clock import zone
from app.services.localize import routine_text
from app.services.measures import reminders as measure_reminders
from app.services.reminders.schedule import Prefs, runs_on
from app.services.sleep import reminders as sleep_reminders

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DEFAULT_MINUTES = 15  # only for a dose that says nothing about its length
CHECKIN_MINUTES = 5
MEASURE_MINUTES = 10  # a short questionnaire takes a few minutes
# Estimating a length from sets, reps and holds: moving into and out of one repetition, rest between sets,
# and calendar blocks in steps of five minutes.
REP_SECONDS = 4
REST_SECONDS = 30
STEP_MINUTES = 5


def first_day(start: date, days_mask: int) -> date:
    """The first date on or after `start` that the item is scheduled (DTSTART must be an occurrence)."""
    for offset in range(7):
        day = start + timedelta(days=offset)
        if runs_on(days_mask, day):
            return day
    raise ValueError("an item needs at least one day")


def duration_minutes(sets: int | None, reps: int | None, hold_seconds: int | None, minutes: int | None) -> int:
    """How long an event lasts: the dose's minutes; else sets x reps x (hold + moving) plus rests, in 5-minute
    steps; DEFAULT_MINUTES only when the dose says nothing."""
    if minutes:
        return minutes
    if not (sets or reps or hold_seconds):
        return DEFAULT_MINUTES
    sets, reps = sets or 1, reps or 1
    seconds = sets * reps * ((hold_seconds or 0) + REP_SECONDS) + (sets - 1) * REST_SECONDS
    return max(1, math.ceil(seconds / (STEP_MINUTES * 60))) * STEP_MINUTES


def describe(item, base_url: str) -> str:
    """The event's text in the current locale: dose, note, steps, precautions, and where to tick it off."""
    routine, language = item.routine, formatting.language()
    lines = []
    dose = formatting.dose_text(item.dose)
    if dose:
        lines.append(gettext("Dose: %(dose)s", dose=dose))
    if item.notes:
        lines.append(gettext("Note: %(note)s", note=item.notes))
    lines += [f"{n}. {step}" for n, step in enumerate(routine_text(routine, "steps", language) or [], 1)]
    precautions = routine_text(routine, "precautions", language)
    if precautions:
        lines.append(gettext("Take care: %(text)s", text=precautions))
    lines.append(gettext("Tick it off in Inoplan: %(url)s", url=f"{base_url}/today"))
    return "\n".join(lines)


def _alarm(text: str, lead_minutes: int) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", timedelta(minutes=-lead_minutes))
    return alarm


def _at(day: date, slot: str, tz) -> datetime:
    return datetime(day.year, day.month, day.day, int(slot[:2]), int(slot[3:5]), tzinfo=tz)


def item_events(version: PlanVersion, tz, lead_minutes: int, base_url: str) -> list[Event]:
    start = version.created_at.astimezone(tz).date()
    events = []
    for item in version.items:
        for slot in item.slots:
            event = Event()
            event.add("uid", f"{item.key}-{slot.replace(':', '')}@inoplan")
            event.add("dtstamp", version.created_at)
            event.add("last-modified", version.created_at)
            event.add("sequence", version.number)
            event.add("summary", formatting.title_of(item.routine))
            event.add("dtstart", _at(first_day(start, item.days_mask), slot, tz))
            event.add("duration", timedelta(minutes=duration_minutes(item.sets, item.reps, item.hold_seconds,
                                                                     item.minutes)))
            event.add("rrule", {"freq": "weekly", "byday": [BYDAY[d] for d in item.days]})
            event.add("description", describe(item, base_url))
            event.add("url", f"{base_url}/today")
            event.add("transp", "TRANSPARENT")
            event.add_component(_alarm(formatting.title_of(item.routine), lead_minutes))
            events.append(event)
    return events


def checkin_event(user: User, checkin_time: str, since: datetime, tz, base_url: str) -> Event:
    """The daily check-in at the chosen time, its alarm at that time (the push reminder has no lead either)."""
    title = gettext("Daily check-in")
    event = Event()
    event.add("uid", f"checkin-{user.id}@inoplan")
    event.add("dtstamp", since)
    event.add("summary", title)
    event.add("dtstart", _at(since.astimezone(tz).date(), checkin_time, tz))
    event.add("duration", timedelta(minutes=CHECKIN_MINUTES))
    event.add("rrule", {"freq": "daily"})
    event.add("description", "\n".join([
        gettext("How are pain, sleep and mood today? It takes ten seconds."),
        gettext("Tick it off in Inoplan: %(url)s", url=f"{base_url}/today#checkin")]))
    event.add("url", f"{base_url}/today#checkin")
    event.add("transp", "TRANSPARENT")
    event.add_component(_alarm(title, 0))
    return event


def measure_events(user: User, checkin_time: str | None, tz, base_url: str) -> list[Event]:
    """An event on each date a questionnaire falls due, at the time its push comes, with an alarm then."""
    session = object_session(user)
    if session is None:
        return []
    time, url = measure_reminders.at(checkin_time), f"{base_url}/today#measures"
    events = []
    for day in measure_reminders.calendar_dates(session, user):
        event = Event()
        event.add("uid", f"{measure_reminders.KEY}-{day.isoformat()}@inoplan")
        event.add("dtstamp", user.created_at)  # fixed, so the feed's bytes change only with the due dates
        event.add("summary", measure_reminders.title())
        event.add("dtstart", _at(day, time, tz))
        event.add("duration", timedelta(minutes=MEASURE_MINUTES))
        event.add("description", "\n".join([measure_reminders.body(),
                                             gettext("Answer it in Inoplan: %(url)s", url=url)]))
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        event.add_component(_alarm(measure_reminders.title(), 0))
        events.append(event)
    return events


def build(user: User, version: PlanVersion | None, prefs: Prefs, base_url: str) -> bytes:
    """The .ics text of the patient's standard plan and daily check-in (`prefs`: a ReminderPref or Prefs), in the
    patient's language."""
    with formatting.in_language(user):
        return _build(user, version, prefs, base_url)


def _build(user: User, version: PlanVersion | None, prefs: Prefs, base_url: str) -> bytes:
    tz = zone(user.timezone)
    cal = Calendar()
    cal.add("prodid", "-//Inoplan//Plan reminders//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", gettext("Inoplan plan"))
    cal.add("x-wr-timezone", user.timezone)
    # A hint only: many apps refresh subscribed calendars every 12-24 h whatever it says.
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    events = item_events(version, tz, prefs.lead_minutes, base_url) if version is not None else []
    if prefs.checkin_time:
        since = version.created_at if version is not None else user.created_at
        events.append(checkin_event(user, prefs.checkin_time, since, tz, base_url))
    events += sleep_reminders.calendar_events(object_session(user), user)  # the sleep window's wind-down and rise
    events += measure_events(user, prefs.checkin_time, tz, base_url)
    if not events:
        return cal.to_ical()
    for event in events:
        cal.add_component(event)
    first = min(event.decoded("dtstart") for event in events).date()
    cal.add_missing_timezones(first_date=first - timedelta(days=366))
    return cal.to_ical()


def qr_svg(text: str) -> Markup:
    """A QR code as inline SVG markup (presentation attributes only: the CSP forbids style attributes)."""
    svg = segno.make(text, error="m").svg_inline(scale=4, dark="#000", light="#fff", omitsize=True, svgclass="qr",
                                                 lineclass=None, title=gettext("QR code of the calendar link"))
    return Markup(svg)
