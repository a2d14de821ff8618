"""The sleep diary end to end: sync entries, GET /api/v1/sleep, the weekly window suggestion, the pages."""
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import CheckIn, SleepEntry, SleepWindow
from app.services.clock import local_today
from app.services.records import sync as records
from app.services.sleep import windows
from helpers import entry_checkin, link, make_user, night, short_and_long_nights, sleep_sync


def test_a_night_is_stored_once_and_the_latest_write_wins(login, patient):
    s = login(patient)
    first = night("2026-11-20", recorded_at="2026-11-20T07:05:00+00:00")
    assert sleep_sync(s, first)[0] == ["created"]
    assert sleep_sync(s, first)[0] == ["duplicate"]  # a replay of the same client id
    later = night("2026-11-20", final_wake="07:15", out_of_bed="07:30", recorded_at="2026-11-20T08:00:00+00:00")
    older = night("2026-11-20", final_wake="05:00", recorded_at="2026-11-20T06:00:00+00:00")
    assert sleep_sync(s, later, older)[0] == ["updated", "superseded"]
    rows = db.session.scalars(select(SleepEntry).where(SleepEntry.patient_id == patient.id)).all()
    assert len(rows) == 1 and rows[0].final_wake == "07:15" and rows[0].tz == "Europe/London"


def test_client_ids_are_scoped_to_the_patient(app, login, patient):
    other = make_user()
    entry = night("2026-11-20")
    assert sleep_sync(login(patient), entry)[0] == ["created"]
    assert sleep_sync(login(other), entry)[0] == ["created"]  # the same id from someone else is their own entry


def test_impossible_nights_are_rejected_with_field_errors(login, patient):
    statuses, results = sleep_sync(login(patient), night("2026-11-20", tried_sleep="22:30"),
                                   night("2026-11-20", latency_min=600), night("2026-11-20", in_bed="25:00", quality=9))
    assert statuses == ["rejected"] * 3
    assert "tried_sleep" in results[0]["fields"]
    assert "latency_min" in results[1]["fields"]
    assert set(results[2]["fields"]) == {"in_bed", "quality"}


def test_the_api_answers_nights_with_figures_and_the_window(login, patient):
    s = login(patient)
    sleep_sync(s, night("2026-11-20", tz="America/New_York"), night("2026-11-21"))
    windows.set_window(db.session, patient, patient, "23:30", "06:30")
    body = s.get("/api/v1/sleep?from=2026-11-20&to=2026-11-20").get_json()
    assert body["window"]["bedtime"] == "23:30" and body["window"]["rise"] == "06:30"
    [n] = body["nights"]
    assert (n["date"], n["time_in_bed_min"], n["total_sleep_min"], n["efficiency"], n["tz"]) == (
        "2026-11-20", 480, 420, 87.5, "America/New_York")
    assert s.get("/api/v1/sleep?from=2026-11-22&to=2026-11-20").status_code == 400
    assert s.get("/api/v1/sleep?from=nope").status_code == 400


def test_the_check_in_takes_sleep_from_the_diary(login, patient):
    s = login(patient)
    sleep_sync(s, entry_checkin("2026-11-20", pain=4, sleep_hours=9, sleep_quality=5))
    sleep_sync(s, night("2026-11-20", quality=2))
    checkin = db.session.scalar(select(CheckIn).where(CheckIn.patient_id == patient.id))
    assert (checkin.sleep_hours, checkin.sleep_quality) == (7.0, 2)


def test_the_plain_form_saves_and_shows_field_errors(login, patient):
    s = login(patient)
    today = local_today(patient.timezone)
    form = {k: v for k, v in night(today).items() if k not in ("type", "recorded_at")}
    bad = s.post(f"/sleep/diary?date={today}", {**form, "out_of_bed": "06:00", "client_id": str(uuid.uuid4())})
    assert bad.status_code == 422 and "must be at or after your final waking time" in bad.get_data(as_text=True)
    ok = s.post(f"/sleep/diary?date={today}", form)
    assert ok.status_code == 303
    page = s.get(f"/sleep?date={today}").get_data(as_text=True)
    assert "7 h 00" in page and "87,5" not in page and "87.5 %" in page
    assert "How did you sleep?" in s.get("/today").get_data(as_text=True) or datetime.now(UTC).hour >= 11


def week_of_nights(s, patient, efficiency_low: bool, days: int = 7):
    today = local_today(patient.timezone)
    entries = [night(today - timedelta(days=n), waso_min=90 if efficiency_low else 0, latency_min=0,
                     tried_sleep="23:00", final_wake="07:00", out_of_bed="07:00", awakenings=2)
               for n in range(days)]
    sleep_sync(s, *entries)


def test_the_weekly_suggestion_waits_a_week_and_needs_acceptance(login, patient):
    s = login(patient)
    windows.set_window(db.session, patient, patient, "23:00", "07:00")
    week_of_nights(s, patient, efficiency_low=True)  # 390 / 480 = 81.3 %
    assert windows.weekly(db.session, patient) is None  # the window is new
    row = windows.current(db.session, patient.id)
    row.created_at -= timedelta(days=8)
    db.session.commit()
    found = windows.weekly(db.session, patient)
    assert (found.suggestion.direction, found.suggestion.bedtime, found.nights) == ("shorter", "23:15", 7)
    assert windows.current(db.session, patient.id).bedtime == "23:00"  # nothing changes by itself
    page = s.get("/sleep/window").get_data(as_text=True)
    assert "23:15" in page and "Do not drive" in page
    assert s.post("/sleep/window/decide", {"accept": "yes"}).status_code == 303
    assert windows.current(db.session, patient.id).bedtime == "23:15"
    assert windows.weekly(db.session, patient) is None  # the new window starts a new week


def test_the_physio_sets_the_window_and_its_rule(login, patient, clinician):
    link(clinician, patient)
    physio = login(clinician)
    response = physio.post(f"/sleep/patients/{patient.id}/window",
                           {"bedtime": "00:00", "rise": "06:00", "lower_at": "80", "raise_at": "90",
                            "floor_hours": "5.5"})
    assert response.status_code == 303
    row = windows.current(db.session, patient.id)
    assert (row.bedtime, row.lower_at, row.floor_min, row.set_by_id) == ("00:00", 80.0, 330, clinician.id)
    physio.post(f"/sleep/patients/{patient.id}/window", {"bedtime": "01:00", "rise": "06:00"})  # 5 h < floor
    assert windows.current(db.session, patient.id).bedtime == "00:00"
    assert login(patient).post("/sleep/window", {"bedtime": "22:00", "rise": "06:00"}).status_code == 403
    page = physio.get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    assert "Sleep diary and window" in page and "00:00 – 06:00" in page


def test_the_dashboard_notes_two_weeks_of_low_efficiency(login, patient, clinician):
    link(clinician, patient)
    week_of_nights(login(patient), patient, efficiency_low=True, days=14)
    page = login(clinician).get("/clinician").get_data(as_text=True)
    assert "sleep efficiency below 80 % for two weeks" not in page  # 81.3 % is not below 80
    s = login(patient)
    today = local_today(patient.timezone)
    later = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    sleep_sync(s, *[night(today - timedelta(days=n), waso_min=120, latency_min=0, tried_sleep="23:00",
                          final_wake="07:00",
                    out_of_bed="07:00", awakenings=3, recorded_at=later) for n in range(14)])
    page = login(clinician).get("/clinician").get_data(as_text=True)
    assert "sleep efficiency below 80 % for two weeks (75.0 % on average)" in page


def test_progress_shows_the_weeks_and_the_sleep_pain_pattern(login, patient):
    s = login(patient)
    today = local_today(patient.timezone)
    sleep_sync(s, *short_and_long_nights(today))
    page = s.get("/progress").get_data(as_text=True)
    assert "Your sleep over the weeks" in page
    assert ("On days after nights with less than 6 hours of sleep, your pain was on average 2 points higher"
            in page)


def test_sync_rejects_a_bad_zone_and_store_is_replay_safe_under_retry(app, patient):
    results = records.store(db.session, patient, [night("2026-11-20", tz="Mars/Olympus")])
    assert results[0].status == "rejected" and "tz" in results[0].fields
    assert db.session.scalar(select(SleepWindow)) is None


def test_with_the_night_in_the_diary_the_check_in_does_not_ask_about_sleep_again(login, patient):
    s = login(patient)
    today = local_today(patient.timezone)
    assert "data-sleep-from-diary" not in s.get("/today").get_data(as_text=True)
    sleep_sync(s, night(today, quality=4))
    assert 'data-sleep-hours="7.0"' in s.get("/today").get_data(as_text=True)
    s.post("/today/checkin", {"client_id": str(uuid.uuid4()), "date": str(today), "pain": "3"})
    checkin = db.session.scalar(select(CheckIn).where(CheckIn.patient_id == patient.id))
    assert (checkin.pain, checkin.sleep_hours, checkin.sleep_quality) == (3, 7.0, 4)
