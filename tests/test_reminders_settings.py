"""The reminder settings page: preferences, bad input, the calendar block."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import ReminderPref

GOOD = {"push_enabled": "y", "in_app_enabled": "y", "calendar_enabled": "y", "lead_minutes": "15",
        "quiet_start": "22:00", "quiet_end": "07:00", "checkin_time": "21:30"}


def test_page_shows_feed_qr_and_honest_note(login, patient):
    html = login(patient).get("/settings/reminders").get_data(as_text=True)
    feed = f"http://localhost/calendar/{patient.calendar_token}.ics"
    assert f'value="{feed}"' in html
    assert f'href="webcal://localhost/calendar/{patient.calendar_token}.ics"' in html
    assert 'href="/settings/reminders/plan.ics"' in html
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'class="qr"' in svg and "style" not in svg.lower()  # the CSP forbids style attributes
    assert "style=" not in html
    assert "12 to" in html and "Remove Alerts" in html
    assert "data-push-toggle" in html and "<script>" not in html


def test_saving_preferences(login, patient):
    s = login(patient)
    answer = s.post("/settings/reminders", GOOD)
    assert answer.status_code == 303
    prefs = db.session.scalar(select(ReminderPref).where(ReminderPref.user_id == patient.id))
    saved = (prefs.lead_minutes, prefs.quiet_start, prefs.quiet_end, prefs.checkin_time)
    assert saved == (15, "22:00", "07:00", "21:30")
    assert (prefs.push_enabled, prefs.in_app_enabled, prefs.calendar_enabled) == (True, True, True)
    # Unticked boxes and empty times turn things off.
    s.post("/settings/reminders", {"lead_minutes": "0", "quiet_start": "", "quiet_end": "", "checkin_time": ""})
    db.session.refresh(prefs)
    saved = (prefs.push_enabled, prefs.calendar_enabled, prefs.quiet_start, prefs.checkin_time)
    assert saved == (False, False, None, None)
    html = s.get("/settings/reminders").get_data(as_text=True)
    assert "The calendar feed is off" in html and "webcal://" not in html
    assert "Notifications are paused for your account" in html


def test_the_first_save_can_turn_the_checkin_reminder_off(login, patient):
    """A new preferences row saved with no check-in time keeps it empty (it came back as the 20:00 default)."""
    s = login(patient)
    assert s.post("/settings/reminders", {**GOOD, "checkin_time": ""}).status_code == 303
    assert db.session.scalar(select(ReminderPref.checkin_time).where(ReminderPref.user_id == patient.id)) is None
    assert s.get("/api/v1/reminders/prefs").json["checkin_time"] is None


@pytest.mark.parametrize("change, message", [
    ({"quiet_start": "25:00"}, "Enter a time as HH:MM"),
    ({"quiet_end": "7am"}, "Enter a time as HH:MM"),
    ({"quiet_end": ""}, "Set both quiet-hours times, or clear both."),
    ({"quiet_end": "22:00"}, "Quiet hours must end at a different time"),
    ({"checkin_time": "8pm"}, "Enter a time as HH:MM"),
    ({"lead_minutes": "7"}, "Not a valid choice"),
    ({"lead_minutes": "soon"}, "Invalid Choice"),
])
def test_bad_input_shows_the_field_error_and_saves_nothing(login, patient, change, message):
    answer = login(patient).post("/settings/reminders", {**GOOD, **change})
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert message in html and 'class="field-error"' in html
    assert db.session.scalar(select(ReminderPref)) is None


def test_csrf_and_login_are_required(client, login, patient):
    assert client.get("/settings/reminders").status_code == 302
    s = login(patient)
    assert s.client.post("/settings/reminders", data=GOOD).status_code == 400
    assert db.session.scalar(select(ReminderPref)) is None


def test_clinicians_are_told_reminders_are_for_patients(login, clinician):
    answer = login(clinician).get("/settings/reminders")
    assert answer.status_code == 200 and "Reminders follow a patient's plan" in answer.get_data(as_text=True)


def test_settings_index_lists_reminders(login, patient):
    assert 'href="/settings/reminders"' in login(patient).get("/settings/").get_data(as_text=True)
