"""The sleep window's reminders: wind down an hour before bedtime, and get up at the rise time, every day.

They are occurrences like a plan item's, keyed "sleep-winddown" / "sleep-rise" with no plan item, so the
dispatcher claims them in ReminderSent (sent once, quiet hours respected) and the calendar feed carries them
as daily events with an alarm.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext
from icalendar import Alarm, Event
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import ReminderPref, SleepWindow, User
from app.services.clock import zone
from app.services.reminders import schedule as sched
from app.services.sleep.figures import minutes_of
from app.services.sleep.window import hm

WIND_DOWN, RISE = "sleep-winddown", "sleep-rise"
KEYS = (WIND_DOWN, RISE)
WIND_DOWN_MIN = 60


def slots(bedtime: str, rise: str) -> dict[str, str]:
    return {WIND_DOWN: hm(minutes_of(bedtime) - WIND_DOWN_MIN), RISE: rise}


def current_windows(session: Session):
    """(user id, zone, quiet start, quiet end, bedtime, rise) of every patient's current window who takes pushes."""
    from app.services.reminders.dispatch import _pushable
    latest = (select(SleepWindow.patient_id, func.max(SleepWindow.id).label("id"))
              .group_by(SleepWindow.patient_id).subquery())
    return session.execute(
        select(User.id, User.timezone, ReminderPref.quiet_start, ReminderPref.quiet_end, SleepWindow.bedtime,
               SleepWindow.rise)
        .join(latest, latest.c.patient_id == User.id).join(SleepWindow, SleepWindow.id == latest.c.id)
        .outerjoin(ReminderPref, ReminderPref.user_id == User.id).where(_pushable()))


def due_sleep(session: Session, since: datetime, now: datetime, defer: dict) -> list:
    """Every (user, wind-down or rise occurrence) whose time fell in (since, now], as the one `due_in` answers:
    each is a daily item without a plan item."""
    from app.services.reminders.dispatch import Quiet, _place
    quiet, out, found = Quiet(now), [], {}
    for uid, tz, q_start, q_end, bedtime, rise in current_windows(session):
        days = found.get(tz) or found.setdefault(tz, sched.window(tz, 0, since, now))
        for key, at in slots(bedtime, rise).items():
            for due in sched.due_in(sched.Item(key, None, 0b1111111, at), tz, days):
                _place(out, defer, quiet, uid, due, tz, q_start, q_end)
    return out


def payload(d: sched.Due) -> dict:
    when = {"date": d.date.isoformat(), "slot": d.slot}
    if d.key == WIND_DOWN:
        return {"kind": "sleep", "title": gettext("Time to wind down"), "tag": f"inoplan-{d.key}-{d.date}",
                "body": gettext("Your sleep window starts in an hour: dim the lights and put screens away."),
                "url": "/sleep/window", **when}
    return {"kind": "sleep", "title": gettext("Time to get up"), "tag": f"inoplan-{d.key}-{d.date}",
            "body": gettext("Getting up at the same time every day helps your sleep. Fill in your sleep diary."),
            "url": f"/sleep?date={d.date}", **when}


def calendar_events(session: Session, user: User) -> list[Event]:
    """Daily wind-down and rise events with an alarm at the time itself, in the patient's zone."""
    from app.services.sleep.windows import current
    row = current(session, user.id) if session is not None else None
    if row is None:
        return []
    tz = zone(user.timezone)
    start = row.created_at.astimezone(tz).date()  # stable, so the feed's bytes change only with the window
    titles = {WIND_DOWN: gettext("Wind down for sleep"), RISE: gettext("Get up (sleep window)")}
    events = []
    for key, at in slots(row.bedtime, row.rise).items():
        event = Event()
        event.add("uid", f"{key}@inoplan")
        event.add("dtstamp", row.created_at)
        event.add("last-modified", row.created_at)
        event.add("sequence", row.id)
        event.add("summary", titles[key])
        event.add("dtstart", datetime(start.year, start.month, start.day, int(at[:2]), int(at[3:]), tzinfo=tz))
        event.add("duration", timedelta(minutes=15))
        event.add("rrule", {"freq": "daily"})
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", titles[key])
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        events.append(event)
    return events
