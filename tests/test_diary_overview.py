"""The pain diary on Progress and on the physio's patient page: the heat map's figures, flare-ups per month and the
diary insights (association wording, own words, never advice), in English and German, on real rows."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from babel.dates import format_date

from app.extensions import db
from app.services.clock import local_today
from app.services.diary import read
from app.services.progress.insights import area_insight, diary_insights, treatment_insight, trigger_insight
from app.services.progress.overview import progress_for
from app.services.progress.summary import summary_for
from helpers import add_flare, add_pain, add_treatment, link, make_user

ADVICE = re.compile(r"\b(should|try|recommend|take more|increase|reduce|cause[sd]?|because)\b", re.I)


def diary_period(patient, days: int) -> read.Period:
    today = local_today(patient.timezone)
    return read.period(db.session, patient, today - timedelta(days=days - 1), today)


def seed(patient) -> None:
    """A month of diary: the lower back better in the second half, the left hip new, stress before each flare;
    and a few entries two and three months ago, so that 90 days of diary have two halves to compare."""
    for ago in (80, 70, 60):
        add_pain(patient, ago, {"lower_back": 8})
    for ago in (25, 22, 19):
        add_pain(patient, ago, {"lower_back": 8, "neck": 2})
    for ago in (10, 7, 4):
        add_pain(patient, ago, {"lower_back": 4, "hip_l": 6}, triggers=["stress"])
    add_pain(patient, 1, {"neck": 4, "shoulder_l": 7})
    for ago, long in ((9, 2), (3, 1.5), (0.5, None)):  # the last one still going on
        add_flare(patient, ago, long, triggers=["weather"] if ago != 0.5 else ["gardening"])
    for ago, effect in ((8, 8), (5, 6)):
        add_treatment(patient, ago, "Warm shower", effect, kind="heat")
    for ago, effect in ((6, 5), (2, 5)):
        add_treatment(patient, ago, "Ibuprofen", effect, kind="medication")
    add_treatment(patient, 3, "Walk", 9, kind="exercise")  # rated once: not ranked


def test_heat_map_figures_follow_the_period_and_the_bands(app, patient):
    seed(patient)
    add_pain(make_user(), 1, {"jaw_l": 10})  # someone else's diary never counts
    heat = read.heat_map(diary_period(patient, 30))
    assert heat["lower_back"] == {"area": "lower_back", "entries": 6, "mean": 6.0, "level": 2}
    assert heat["neck"] == {"area": "neck", "entries": 4, "mean": 2.5, "level": 1}
    assert heat["shoulder_l"]["level"] == 3 and heat["hip_l"]["entries"] == 3
    assert "jaw_l" not in heat and list(heat)[0] == "lower_back"  # most marked first
    week = read.heat_map(diary_period(patient, 7))
    assert week["lower_back"] == {"area": "lower_back", "entries": 1, "mean": 4.0, "level": 2}  # 4 days ago, not 7
    assert "neck" in week and "upper_back" not in week


@pytest.mark.parametrize("mean, level", [(0, 1), (3.4, 1), (3.5, 2), (6.4, 2), (6.5, 3), (10, 3)])
def test_heat_bands(mean, level):
    assert read.heat_level(mean) == level


def test_halves_split_the_days_and_an_odd_middle_day_goes_second(app, patient):
    first, second = read.halves(diary_period(patient, 7))
    assert (first.start, first.end, second.start, second.end) == (
        first.start, first.start + timedelta(days=2), first.start + timedelta(days=3), first.start + timedelta(days=6))
    add_pain(patient, 3, {"neck": 5})  # the middle of a 7-day period: the second half
    first, second = read.halves(diary_period(patient, 7))
    assert (len(first.pain_entries), len(second.pain_entries)) == (0, 1)


def test_area_insight_names_what_changed_between_the_halves(app, patient):
    seed(patient)
    insight = area_insight(diary_period(patient, 30))
    assert insight.key == "areas"
    # largest first: a new area by its mean (from nothing to 6), a compared one by its change (8 to 4)
    assert ("compared: Hip, left: marked in 3 entries in the second half, in none in the first; "
            "Lower back: average 4 in the second half, down from 8 (3 and 3 entries).") in insight.text
    assert "Neck" not in insight.text  # three entries in the first half, one in the second: too few to compare
    assert insight.text.endswith("This shows a pattern, not a cause.")


def test_a_small_change_or_few_entries_say_nothing(app, patient):
    for ago in (25, 22, 19):
        add_pain(patient, ago, {"neck": 5})
    for ago in (9, 6, 3):
        add_pain(patient, ago, {"neck": 5})
    add_pain(patient, 2, {"chest": 9})
    assert area_insight(diary_period(patient, 30)) is None


def test_areas_are_not_compared_when_the_diary_began_in_the_second_half(app, patient):
    for ago in (12, 9, 6, 3):
        add_pain(patient, ago, {"lower_back": 7})
    assert area_insight(diary_period(patient, 30)) is None  # "none in the first half" would only mean "no diary"
    for ago in (27, 24):
        add_pain(patient, ago, {"neck": 3})
    assert area_insight(diary_period(patient, 30)) is None  # two entries in the first half: still too few
    add_pain(patient, 21, {"neck": 3})
    assert "Lower back: marked in 4 entries in the second half" in area_insight(diary_period(patient, 30)).text


def test_trigger_insight_needs_two_flares_and_counts_what_came_before(app, patient):
    add_flare(patient, 5, 1, triggers=["weather"])
    assert trigger_insight(diary_period(patient, 30)) is None
    seed(patient)
    text = trigger_insight(diary_period(patient, 30)).text
    # stress on pain entries within 48 h before the flares 9, 3 and 0.5 days ago; weather on three flares
    assert text.startswith("Noted most often before flare-ups: Stress (before 3 of 4 flare-ups); "
                           "Weather (before 3 of 4 flare-ups).")
    assert "gardening" not in text  # the patient's own tag, on one flare only
    assert not ADVICE.search(text.replace("not a cause", ""))


def test_treatment_insight_shows_own_words_and_ratings_and_never_advises(app, patient):
    seed(patient)
    text = treatment_insight(diary_period(patient, 30)).text
    assert "“Warm shower” 7 out of 10 (2 ratings); “Ibuprofen” 5 out of 10 (2 ratings)" in text
    assert "Walk" not in text  # one rating only
    assert text.endswith("Inoplan never suggests a medicine, a dose or a change; ask your doctor or pharmacist.")
    assert not ADVICE.search(text.split("Inoplan")[0])


def test_progress_shows_the_period_heat_map_and_ninety_days_of_diary_insights(app, patient):
    seed(patient)
    add_pain(patient, 60, {"upper_back": 9})
    today = local_today(patient.timezone)
    p = progress_for(db.session, patient, today, 7)
    assert set(p.diary.heat) == {"lower_back", "hip_l", "neck", "shoulder_l"} and p.diary.entries == 2
    assert {i.key for i in p.insights} >= {"flare_triggers", "treatments", "areas"}
    assert p.diary.flare_open and sum(m["episodes"] for m in p.diary.flares) == 2
    assert "upper_back" in progress_for(db.session, patient, today, 90).diary.heat


def test_flares_by_month_count_episodes_and_their_mean_length(app, patient):
    add_flare(patient, 2, 2)
    add_flare(patient, 1, 1)
    add_flare(patient, 40, 15)  # began before the period and lasted into it: read, but not a month's episode
    p = diary_period(patient, 30)
    assert len(p.flares) == 3
    expected: dict[str, list[float]] = {}
    for flare in p.flares[1:]:
        expected.setdefault(f"{p.local(flare.start):%Y-%m}", []).append((flare.end - flare.start).days)
    rows = read.flares_by_month(p, datetime.now(UTC))
    assert rows == [{"month": m, "episodes": len(v), "mean_days": sum(v) / len(v)} for m, v in sorted(expected.items())]
    assert sum(r["episodes"] for r in rows) == 2


def set_language(s, locale: str) -> None:
    assert s.post("/settings/language", {"locale": locale}).status_code in (302, 303)


def test_progress_page_draws_the_heat_map_its_table_and_the_flares(login, patient):
    seed(patient)
    s = login(patient)
    html = s.get("/progress?days=30").get_data(as_text=True)
    assert re.search(r'class="heat-region heat-2" data-area="lower_back"', html)
    assert re.search(r'class="heat-region heat-0" data-area="upper_back"', html)  # not marked, drawn plain
    assert '<tr data-area-row="lower_back" data-level="2"><th scope="row">Lower back</th><td>6</td><td>6</td>' in html
    assert "15 of the 19 areas were not marked in this period." in html
    assert "average 7–10" in html and "Where it hurt" in html
    month = format_date(local_today(patient.timezone), "MMMM y", locale="en")
    assert month in html and "A flare-up still going on counts up to now." in html
    assert 'data-insight="treatments"' in html and 'data-insight="areas"' in html
    week = s.get("/progress?days=7").get_data(as_text=True)
    assert 'data-area="upper_leg_l"' in week and 'data-area-row="hip_l"' in week
    assert "2 pain diary entries" in week


def test_progress_page_without_diary_is_kind(login, patient):
    html = login(patient).get("/progress").get_data(as_text=True)
    assert "No body areas marked in the pain diary in this period." in html
    assert "No flare-ups recorded in the pain diary in this period." in html
    assert "heat-table" not in html


GERMAN = ["Wo es wehtat", "Schmerz im Schnitt", "Schnitt 7–10", "Schübe pro Monat", "Durchschnittliche Dauer",
          "Körperkarte, erste und zweite Hälfte", "Als am hilfreichsten bewertet", "Am häufigsten vor Schüben"]
ENGLISH = ["Where it hurt", "Average pain", "average 7–10", "Flare-ups by month", "Average length",
           "Body map, the first", "Rated as helping", "Noted most often", "pain diary entr", "were not marked"]


def test_progress_page_in_german(login, patient):
    seed(patient)
    s = login(patient)
    set_language(s, "de")
    html = s.get("/progress?days=30").get_data(as_text=True)
    for words in GERMAN:
        assert words in html, words
    for words in ENGLISH:
        assert words not in html, words
    assert format_date(local_today(patient.timezone), "MMMM y", locale="de") in html
    assert "Lendenwirbelsäule" in html or "Unterer Rücken" in html


def test_physio_page_shows_the_patients_heat_map_and_diary_patterns(login, patient, clinician):
    link(clinician, patient)
    seed(patient)
    physio = login(clinician)
    html = physio.get(f"/clinician/patients/{patient.id}?days=28").get_data(as_text=True)
    assert re.search(r'class="heat-region heat-3" data-area="shoulder_l"', html)
    assert 'data-area-row="hip_l"' in html and "Patterns in the pain diary" in html
    assert 'data-insight="flare_triggers"' in html and "“Warm shower” 7 out of 10" in html
    assert "Open pain diary" not in html
    set_language(physio, "de")
    german = physio.get(f"/clinician/patients/{patient.id}?days=28").get_data(as_text=True)
    assert "Muster im Schmerztagebuch" in german and "Wo es wehtat" in german
    assert not any(words in german for words in ENGLISH)


def test_physio_sees_no_diary_of_an_unlinked_patient(login, patient, clinician):
    seed(patient)
    assert login(clinician).get(f"/clinician/patients/{patient.id}").status_code == 404


def test_summary_api_does_not_read_the_diary(app, patient):
    assert summary_for(db.session, patient, 28).diary is None
    assert diary_insights(diary_period(patient, 28)) == []
