"""The sleep window drives wind-down and rise reminders: pushed once by the dispatcher, and in the calendar feed."""
import json
from datetime import UTC, datetime

from icalendar import Calendar

from app.extensions import db
from app.models import PushSubscription
from app.services.reminders import dispatch
from app.services.reminders.calendar import build
from app.services.reminders.schedule import Prefs
from app.services.sleep import windows


def pushes_at(when: datetime) -> list[dict]:
    sent = []

    def send(jobs):
        sent.extend(json.loads(data) for _, data in jobs)
        return [201] * len(jobs)
    dispatch.run(db.session, when, send)
    return sent


def test_wind_down_and_rise_are_pushed_once_each(app, patient):
    db.session.add(PushSubscription(user_id=patient.id, endpoint="https://push.example/1", p256dh="k", auth="a"))
    windows.set_window(db.session, patient, patient, "23:30", "06:45")  # Europe/London, UTC+0 in December
    [wind_down] = pushes_at(datetime(2026, 12, 1, 22, 30, tzinfo=UTC))
    assert (wind_down["title"], wind_down["slot"], wind_down["url"]) == ("Time to wind down", "22:30", "/sleep/window")
    assert pushes_at(datetime(2026, 12, 1, 22, 31, tzinfo=UTC)) == []  # claimed once
    [rise] = pushes_at(datetime(2026, 12, 2, 6, 45, tzinfo=UTC))
    assert (rise["title"], rise["date"]) == ("Time to get up", "2026-12-02")


def test_sleep_reminders_and_events_are_in_the_patients_language(app, patient):
    patient.locale = "de"
    db.session.add(PushSubscription(user_id=patient.id, endpoint="https://push.example/1", p256dh="k", auth="a"))
    windows.set_window(db.session, patient, patient, "23:30", "06:45")
    [wind_down] = pushes_at(datetime(2026, 12, 1, 22, 30, tzinfo=UTC))
    assert (wind_down["title"], wind_down["locale"]) == ("Zeit zum Abschalten", "de")
    assert wind_down["body"].startswith("Ihr Schlaffenster beginnt in einer Stunde")
    assert wind_down["strings"]["snooze"] == "30 Min. später"
    cal = Calendar.from_ical(build(patient, None, Prefs(checkin_time=None), "https://inoplan.example"))
    sleep_events = {str(e["summary"]) for e in cal.walk("VEVENT") if str(e["uid"]).startswith("sleep-")}
    assert sleep_events == {"Zum Schlafen abschalten", "Aufstehen (Schlaffenster)"}


def test_the_calendar_feed_has_daily_sleep_events(app, patient):
    windows.set_window(db.session, patient, patient, "00:15", "06:30")
    cal = Calendar.from_ical(build(patient, None, Prefs(checkin_time=None), "https://inoplan.example"))
    events = {str(e["uid"]): e for e in cal.walk("VEVENT") if not str(e["uid"]).startswith("measures-")}
    assert set(events) == {"sleep-winddown@inoplan", "sleep-rise@inoplan"}
    assert events["sleep-winddown@inoplan"].decoded("dtstart").strftime("%H:%M") == "23:15"
    assert events["sleep-rise@inoplan"]["rrule"]["FREQ"] == ["DAILY"]
