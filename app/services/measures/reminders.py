"""Due questionnaires through the reminder channels: one push on the due date, and a calendar event on it.

Every due date is a fixed date (`schedule.planned_for`), so a measure's reminder is one occurrence: the key
"measures" on its due date at the patient's check-in time (20:00 when the check-in reminder is off), found by the
one `due_in` as a daily item and kept only on a date something falls due. The dispatcher claims it in ReminderSent
like every reminder, so it is pushed once, on the inline and the queue path alike, with quiet hours and the push
setting respected. Measures due on the same date share that push. Nothing repeats it: an overdue measure waits on
Today until it is answered. Neither the push nor the calendar names a questionnaire, since a lock screen or a
shared calendar must not say "Mood (PHQ-9)".
"""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import ReminderPref, User
from app.services.measures.schedule import planned_for
from app.services.reminders import schedule as sched

KEY = "measures"
AT = func.coalesce(ReminderPref.checkin_time, sched.DEFAULTS.checkin_time)


def at(checkin_time: str | None) -> str:
    """The time of day a due questionnaire is pushed and put in the calendar."""
    return checkin_time or sched.DEFAULTS.checkin_time


def due_dates(plan) -> set[date]:
    """The dates on which an active measure falls due and the patient has not said "not now" to it."""
    return {p.due_date for p in plan if p.active and p.dismissed_due != p.due_date}


def due_measures(session: Session, since: datetime, now: datetime, defer: dict) -> list:
    """Every (user, "measures" occurrence) whose time fell in (since, now] on a date a measure falls due."""
    from app.services.reminders.dispatch import Quiet, _place, _pushable, patient_zone_windows
    windows, labels = patient_zone_windows(session, since, now)
    if not labels:
        return []
    rows = session.execute(
        select(User.id, User.timezone, User.created_at, ReminderPref.quiet_start, ReminderPref.quiet_end, AT)
        .outerjoin(ReminderPref, ReminderPref.user_id == User.id)
        .where(User.role == "patient", AT.in_(sorted(labels)), _pushable())).all()
    if not rows:
        return []
    plans = planned_for(session, rows)
    quiet, out = Quiet(now), []
    for uid, tz, _created, q_start, q_end, time in rows:
        found = windows.get(tz) or windows.setdefault(tz, sched.window(tz, 0, since, now))
        dates = due_dates(plans[uid])
        for due in sched.due_in(sched.Item(KEY, None, sched.EVERY_DAY, time), tz, found):
            if due.date in dates:
                _place(out, defer, quiet, uid, due, tz, q_start, q_end)
    return out


def title() -> str:
    return gettext("Time for a short questionnaire")


def body() -> str:
    return gettext("It helps you and your physiotherapist see what is changing. It takes a few minutes.")


def payload(d: sched.Due) -> dict:
    """The push, in the current locale: no questionnaire's name, no health text."""
    return {"kind": KEY, "title": title(), "body": body(), "tag": f"inoplan-{KEY}-{d.date}", "url": "/today#measures",
            "date": d.date.isoformat(), "slot": d.slot}


def calendar_dates(session: Session, user: User) -> list[date]:
    """The dates the calendar feed shows a due questionnaire on."""
    return sorted(due_dates(planned_for(session, [user])[user.id]))
