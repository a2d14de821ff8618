"""The private calendar feed, parsed back with icalendar and expanded with dateutil."""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Calendar
from sqlalchemy import select

from app.extensions import db
from app.models import PlanVersion, ReminderPref, Routine
from app.services.plans.today import scheduled
from app.services.plans.versions import ItemSpec, current_specs, plan_for, save_version
from app.services.reminders.calendar import DEFAULT_MINUTES, duration_minutes
from app.services.reminders.schedule import DEFAULTS
from helpers import make_user

BERLIN = ZoneInfo("Europe/Berlin")
START = date(2026, 3, 16)  # a Monday; Berlin moves to summer time on 29 March


def berlin_plan(patient):
    """Stretch Mon/Wed/Fri 08:00, walk daily 07:30 and 19:00, dated before the DST change."""
    routines = {r.slug: r for r in db.session.scalars(select(Routine).where(
        Routine.slug.in_(["hamstring-stretch", "gentle-walk"])))}
    plan = plan_for(db.session, patient, create=True)
    version = save_version(db.session, plan, [
        ItemSpec.from_routine(routines["hamstring-stretch"], days_mask=0b0010101, times=["08:00"]),
        ItemSpec.from_routine(routines["gentle-walk"], times=["07:30", "19:00"]),
    ], patient)
    version.created_at = datetime(2026, 3, 16, 6, 0, tzinfo=UTC)
    db.session.commit()
    return plan, version


def feed(client, user):
    response = client.get(f"/calendar/{user.calendar_token}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data)


def routine_events(cal: Calendar) -> list:
    """The plan's events, without the daily check-in and the questionnaires' due dates."""
    return [e for e in cal.walk("VEVENT") if not str(e["uid"]).startswith(("checkin-", "measures-"))]


def occurrences(cal: Calendar, until: datetime, events=None) -> set[tuple]:
    out = set()
    for event in routine_events(cal) if events is None else events:
        start = event.decoded("dtstart")
        rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
        for when in rule.between(start - timedelta(seconds=1), until):
            out.add((str(event["uid"]), when.date(), when.strftime("%H:%M"), when.utcoffset()))
    return out


def test_four_weeks_of_occurrences_match_the_plan_across_dst(client, app):
    patient = make_user(tz="Europe/Berlin")
    plan, version = berlin_plan(patient)
    cal = feed(client, patient)
    until = datetime(2026, 4, 12, 23, 59, tzinfo=BERLIN)
    got = occurrences(cal, until)
    expected = set()
    for offset in range(28):
        day = START + timedelta(days=offset)
        for item, slot in scheduled(version, day):
            local = datetime.combine(day, datetime.strptime(slot, "%H:%M").time(), BERLIN)
            expected.add((f"{item.key}-{slot.replace(':', '')}@inoplan", day, slot, local.utcoffset()))
    assert got == expected
    assert len(got) == 12 + 28 * 2
    offsets = {(d < date(2026, 3, 29), off) for _, d, _, off in got}
    assert offsets == {(True, timedelta(hours=1)), (False, timedelta(hours=2))}  # wall clock kept, offset moved
    [vtimezone] = cal.walk("VTIMEZONE")
    assert str(vtimezone["tzid"]) == "Europe/Berlin"
    tz = vtimezone.to_tz(lookup_tzid=False)  # the feed's own rules, not the system's
    assert datetime(2026, 3, 28, 8, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 3, 30, 8, tzinfo=tz).utcoffset() == timedelta(hours=2)


def test_events_carry_alarm_steps_tzid_and_stable_uids(client, app):
    patient = make_user(tz="Europe/Berlin")
    plan, version = berlin_plan(patient)
    db.session.add(ReminderPref(user_id=patient.id, lead_minutes=15))
    db.session.commit()
    raw = client.get(f"/calendar/{patient.calendar_token}.ics").get_data(as_text=True)
    assert "DTSTART;TZID=Europe/Berlin:20260316T080000" in raw
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR" in raw
    cal = Calendar.from_ical(raw)
    events = {str(e["uid"]): e for e in routine_events(cal)}
    assert len(events) == 3
    stretch = next(e for e in events.values() if "08:00" in e.decoded("dtstart").strftime("%H:%M"))
    routine = version.items[0].routine
    assert str(stretch["summary"]) == routine.title
    description = str(stretch["description"])
    assert all(f"{n}. {step}" in description for n, step in enumerate(routine.steps, 1))
    [alarm] = stretch.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(minutes=-15) and str(alarm["action"]) == "DISPLAY"
    assert {int(e["sequence"]) for e in events.values()} == {1}
    # Edit the plan: same UIDs, higher SEQUENCE, new time.
    specs = current_specs(db.session, plan)
    specs[0].times = ["09:15"]
    save_version(db.session, plan, specs, patient)
    db.session.commit()
    edited = {str(e["uid"]): e for e in routine_events(feed(client, patient))}
    stretch_key = version.items[0].key
    assert f"{stretch_key}-0915@inoplan" in edited and f"{stretch_key}-0800@inoplan" not in edited
    assert {int(e["sequence"]) for e in edited.values()} == {2}
    assert {u for u in edited if not u.startswith(stretch_key)} == {u for u in events if not u.startswith(stretch_key)}


def test_unknown_clinician_and_disabled_feeds_answer_404(client, app, clinician):
    patient = make_user()
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404
    assert client.get(f"/calendar/{'x' * 300}.ics").status_code == 404
    assert client.get(f"/calendar/{clinician.calendar_token}.ics").status_code == 404
    assert client.get(f"/calendar/{patient.calendar_token}.ics").status_code == 200  # no plan: an empty calendar
    db.session.add(ReminderPref(user_id=patient.id, calendar_enabled=False))
    db.session.commit()
    assert client.get(f"/calendar/{patient.calendar_token}.ics").status_code == 404


def test_new_link_retires_the_old_one(client, login, app):
    patient = make_user()
    old = patient.calendar_token
    s = login(patient)
    answer = s.post("/settings/reminders/calendar-link")
    assert answer.status_code == 303
    db.session.refresh(patient)
    assert patient.calendar_token != old and len(patient.calendar_token) >= 40
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{patient.calendar_token}.ics").status_code == 200
    assert s.get("/api/v1/me").json["calendar_url"].endswith(f"/calendar/{patient.calendar_token}.ics")
    assert login(patient).client.post("/settings/reminders/calendar-link").status_code == 400  # no CSRF token


def test_download_and_conditional_get(client, login, app):
    patient = make_user(tz="Europe/Berlin")
    berlin_plan(patient)
    s = login(patient)
    download = s.get("/settings/reminders/plan.ics")
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    # and the daily check-in, and the date every questionnaire is first due
    assert len(Calendar.from_ical(download.data).walk("VEVENT")) == 3 + 1 + 1
    assert client.get("/settings/reminders/plan.ics").status_code == 302  # login first
    first = client.get(f"/calendar/{patient.calendar_token}.ics")
    again = client.get(f"/calendar/{patient.calendar_token}.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert db.session.scalar(select(PlanVersion.number)) == 1


def test_the_daily_checkin_is_an_event_at_the_chosen_time_with_its_alarm(client, app):
    patient = make_user(tz="Europe/Berlin")
    berlin_plan(patient)
    db.session.add(ReminderPref(user_id=patient.id, lead_minutes=15, checkin_time="21:15"))
    db.session.commit()
    cal = feed(client, patient)
    [checkin] = [e for e in cal.walk("VEVENT") if str(e["uid"]).startswith("checkin-")]
    assert str(checkin["uid"]) == f"checkin-{patient.id}@inoplan"
    assert str(checkin["summary"]) == "Daily check-in"
    assert checkin.decoded("dtstart") == datetime(2026, 3, 16, 21, 15, tzinfo=BERLIN)
    assert checkin["rrule"].to_ical() == b"FREQ=DAILY"
    [alarm] = checkin.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(0)  # at the time, like the push reminder: no lead
    # Every day at 21:15 Berlin time, before and after the change to summer time.
    days = occurrences(cal, datetime(2026, 4, 1, 23, 59, tzinfo=BERLIN), [checkin])
    assert len(days) == 17 and {slot for _, _, slot, _ in days} == {"21:15"}
    assert {off for _, d, _, off in days if d > date(2026, 3, 29)} == {timedelta(hours=2)}


def test_the_checkin_event_follows_the_default_and_disappears_when_turned_off(client, app):
    patient = make_user(tz="Europe/Berlin")  # no preferences saved, and no plan yet
    [checkin] = [e for e in feed(client, patient).walk("VEVENT") if str(e["uid"]).startswith("checkin-")]
    assert checkin.decoded("dtstart").strftime("%H:%M") == DEFAULTS.checkin_time
    db.session.add(ReminderPref(user_id=patient.id, checkin_time=None))
    db.session.commit()
    assert [e for e in feed(client, patient).walk("VEVENT") if str(e["uid"]).startswith("checkin-")] == []


def test_event_length_comes_from_the_dose():
    assert duration_minutes(None, None, None, 20) == 20  # minutes win
    assert duration_minutes(3, 10, None, None) == 5  # 3 x 10 x 4 s + 2 rests of 30 s = 3 min
    assert duration_minutes(3, 12, 5, None) == 10  # 3 x 12 x 9 s + 60 s = 6.4 min
    assert duration_minutes(2, None, 30, None) == 5
    assert duration_minutes(5, 10, 30, None) == 35  # 5 x 10 x 34 s + 4 rests = 30.3 min, up to 5-min steps
    assert duration_minutes(None, None, None, None) == DEFAULT_MINUTES == 15


def test_feed_durations_and_dose_text_with_plurals(client, app):
    patient = make_user(tz="Europe/Berlin")
    walk, stretch = (db.session.scalar(select(Routine.id).where(Routine.slug == s))
                     for s in ("gentle-walk", "hamstring-stretch"))
    plan = plan_for(db.session, patient, create=True)
    save_version(db.session, plan, [ItemSpec(walk, times=["07:00"], minutes=25),
                                    ItemSpec(stretch, times=["08:00"], sets=1, reps=1, hold_seconds=30),
                                    ItemSpec(stretch, times=["09:00"], sets=3, reps=12, hold_seconds=5),
                                    ItemSpec(stretch, times=["10:00"])], patient)
    db.session.commit()
    events = {e.decoded("dtstart").strftime("%H:%M"): e for e in routine_events(feed(client, patient))}
    assert {t: e.decoded("duration") for t, e in events.items()} == {
        "07:00": timedelta(minutes=25), "08:00": timedelta(minutes=5), "09:00": timedelta(minutes=10),
        "10:00": timedelta(minutes=15)}
    assert "Dose: 1 set · 1 rep · hold 30 s\n" in str(events["08:00"]["description"]) + "\n"
    assert "Dose: 3 sets · 12 reps · hold 5 s" in str(events["09:00"]["description"])
    assert "Dose" not in str(events["10:00"]["description"])
    patient.locale = "de"  # the feed is written in the patient's saved language (calendar apps send none)
    db.session.commit()
    german = Calendar.from_ical(client.get(f"/calendar/{patient.calendar_token}.ics").data)
    assert "Täglicher Check-in" in {str(e["summary"]) for e in german.walk("VEVENT")}
    texts = [str(e["description"]) for e in german.walk("VEVENT")]
    assert any("Dosis: 1 Satz · 1 Wiederholung · 30 s halten" in t for t in texts)
    assert any("Dosis: 3 Sätze · 12 Wiederholungen" in t for t in texts)


def test_each_questionnaire_due_date_is_an_event_with_an_alarm(client, login, app):
    patient = make_user(tz="Europe/Berlin")
    patient.created_at = datetime(2026, 3, 16, 6, 0, tzinfo=UTC)  # every measure first due on 16 March
    db.session.add(ReminderPref(user_id=patient.id, checkin_time="19:30"))
    db.session.commit()

    def measure_events():
        return {str(e["uid"]): e for e in feed(client, patient).walk("VEVENT") if str(e["uid"]).startswith("meas")}
    [first] = measure_events().values()
    assert str(first["uid"]) == "measures-2026-03-16@inoplan"
    assert first.decoded("dtstart") == datetime(2026, 3, 16, 19, 30, tzinfo=BERLIN)  # at the push's time
    assert "rrule" not in first  # one date, not a series
    assert str(first["summary"]) == "Time for a short questionnaire"  # no questionnaire's name
    [alarm] = first.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(0)
    s = login(patient)
    entry = {"client_id": str(uuid.uuid4()), "type": "measure", "instrument": "peg", "answers": [3, 4, 5],
             "date": "2026-03-20", "recorded_at": "2026-03-20T09:00:00+01:00"}
    assert s.post_json("/api/v1/sync", {"items": [entry]}).json["results"][0]["status"] == "created"
    assert set(measure_events()) == {"measures-2026-03-16@inoplan", "measures-2026-03-27@inoplan"}  # PEG weekly
    patient.locale = "de"
    db.session.commit()
    assert str(measure_events()["measures-2026-03-27@inoplan"]["summary"]) == "Zeit für einen kurzen Fragebogen"
