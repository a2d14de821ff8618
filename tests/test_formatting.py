"""One formatter for doses, schedules, dates and numbers, and one definition of the check-in limits, read by
every surface that shows or checks them."""
from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from flask_babel import force_locale

from app import formatting
from app.extensions import db
from app.services.records import sync
from app.services.records.limits import CHECKIN_LIMITS, NOTE_MAX, limits_json
from app.services.reminders import calendar
from app.services.reminders.schedule import Prefs
from helpers import entry_checkin, give_plan


@pytest.mark.parametrize("dose, english, german", [
    ({"sets": 1, "reps": 1, "hold_seconds": None, "minutes": None}, "1 set · 1 rep", "1 Satz · 1 Wiederholung"),
    ({"sets": 2, "reps": 8, "hold_seconds": 5, "minutes": None}, "2 sets · 8 reps · hold 5 s",
     "2 Sätze · 8 Wiederholungen · 5 s halten"),
    ({"sets": None, "reps": None, "hold_seconds": None, "minutes": 15}, "15 min", "15 Min."),
    ({"sets": None, "reps": None, "hold_seconds": None, "minutes": None}, "", ""),
])
def test_dose_text_in_both_languages(app, dose, english, german):
    with app.test_request_context():
        assert formatting.dose_text(dose) == english
        assert formatting.dose_text(SimpleNamespace(**dose)) == english  # a plan item or routine works the same
        with force_locale("de"):
            assert formatting.dose_text(dose) == german


def test_schedules_dates_and_numbers(app):
    with app.test_request_context():
        assert formatting.schedule_text(0b0010101, ["08:00", "18:30"]) == "Mon, Wed, Fri at 08:00, 18:30"
        assert formatting.days_text(0b1111111) == "Every day"
        assert formatting.date_text(date(2026, 11, 30)) == "30 Nov 2026"
        assert formatting.time_text(datetime(2026, 11, 30, 9, 2, tzinfo=UTC), "Europe/Berlin") == "30 Nov 2026, 10:02"
        assert (formatting.number_text(6.5), formatting.percent_text(0.381), formatting.percent_text(None)) == \
            ("6.5", "38%", "–")
        with force_locale("de"):
            assert formatting.schedule_text(0b0010101, ["08:00"]) == "Mo., Mi., Fr. um 08:00"
            assert formatting.days_text(0b1111111) == "Jeden Tag"
            assert formatting.date_text(date(2026, 11, 30)) == "30. Nov. 2026"
            assert (formatting.number_text(6.5), formatting.percent_text(0.381)) == ("6,5", "38\xa0%")


def test_page_scripts_get_the_same_dose_rule(app):
    with app.test_request_context(), force_locale("de"):
        rule = formatting.dose_rule()
    assert rule["order"] == ["sets", "reps", "hold_seconds", "minutes"] and rule["separator"] == " · "
    assert rule["forms"]["sets"] == ["%(num)d Satz", "%(num)d Sätze"]
    assert rule["forms"]["minutes"] == ["%(num)d Min.", "%(num)d Min."]


def test_calendar_writes_one_set_not_one_sets_and_in_the_patients_language(app, patient):
    version = give_plan(patient, slugs=("knee-to-chest-stretch",), times=("08:00",))
    version.items[0].sets = 1
    db.session.commit()
    text = calendar.build(patient, version, Prefs(lead_minutes=10), "https://example.test").decode()
    unfolded = re.sub(r"\r\n ", "", text)
    assert "Dose: 1 set · hold 20 s" in unfolded and "1 sets" not in unfolded
    patient.locale = "de"
    db.session.commit()
    german = re.sub(r"\r\n ", "", calendar.build(patient, version, Prefs(lead_minutes=10), "https://example.test").decode())
    assert "Dosis: 1 Satz · 20 s halten" in german and "In Inoplan abhaken" in german


def test_checkin_limits_are_read_by_forms_sync_html_and_the_pages_json(app, patient, login):
    give_plan(patient)
    whole = login(patient).get("/today").get_data(as_text=True)
    quick = whole[whole.index("data-quick-checkin"):whole.index("</section>", whole.index("data-quick-checkin"))]
    assert re.findall(r'name="pain" value="(\d+)"', quick) == [str(n) for n in range(0, 11)]
    page = whole[whole.index("data-checkin-form"):]
    # the HTML: the scales have exactly the defined options, the hours field its min/max
    for name, limit in CHECKIN_LIMITS.items():
        if limit.whole:
            values = [int(v) for v in re.findall(rf'name="{name}" value="(\d+)"', page)]
            assert values == list(range(limit.lo, limit.hi + 1)), name
    assert re.search(r'id="sleep_hours"[^>]*max="24"', page) or re.search(r'max="24"[^>]*id="sleep_hours"', page)
    assert f'maxlength="{NOTE_MAX}"' in page
    # the JSON the page's scripts read
    data = json.loads(re.search(r'data-limits="([^"]*)"', whole).group(1).replace("&#34;", '"').replace("&quot;", '"'))
    assert data == limits_json() and data["sleep_hours"] == {"min": 0, "max": 24, "whole": False}
    # the sync validation
    day = "2026-03-05"
    too_high = sync.store(db.session, patient, [entry_checkin(day, pain=CHECKIN_LIMITS["pain"].hi + 1)])[0]
    assert too_high.status == "rejected" and "pain" in too_high.fields
    bad_mood = sync.store(db.session, patient, [entry_checkin(day, mood=CHECKIN_LIMITS["mood"].lo - 1)])[0]
    assert bad_mood.status == "rejected" and "mood" in bad_mood.fields
    assert sync.store(db.session, patient, [entry_checkin(day, pain=CHECKIN_LIMITS["pain"].hi)])[0].status == \
        "created"
