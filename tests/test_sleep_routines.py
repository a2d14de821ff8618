"""Sleep-hygiene routines and the sleep diary (issue 18.4): the morning link to last night's diary, and the pattern
of evening sleep and heat routines and the night after."""
from __future__ import annotations

import re
from datetime import timedelta

from app.extensions import db
from app.services.clock import local_today
from app.services.sleep.insights import evening_routine
from helpers import (
    entry_completion,
    give_plan,
    make_user,
    night,
    short_and_long_nights,
    sleep_sync,
    zone_at_hour,
)


def card(page: str, anchor: str) -> str:
    """The markup of one routine's card on Today."""
    match = re.search(rf'<li [^>]*id="{anchor}".*?</li>', page, re.S)
    assert match, anchor
    return match.group(0)


def test_a_sleep_routine_links_to_last_nights_diary_in_the_morning(login):
    patient = make_user(tz=zone_at_hour(9))
    version = give_plan(patient, slugs=("screens-off", "gentle-walk"), times=("21:00", "10:00"))
    screens, walk = sorted(version.items, key=lambda i: i.routine.slug != "screens-off")
    s = login(patient)
    today = local_today(patient.timezone).isoformat()
    href = f'href="/sleep?date={today}" data-sleep-diary-link>Fill in last night\'s sleep diary</a>'
    page = s.get("/today").get_data(as_text=True)
    assert href in card(page, f"item-{screens.id}-2100")
    assert "data-sleep-diary-link" not in card(page, f"item-{walk.id}-1000")  # a walk is not a sleep routine
    player = s.get(f"/player/{screens.id}?date={today}&slot=21:00").get_data(as_text=True)
    assert href in player  # at the end of the routine player, beside "Back to Today"
    assert "data-sleep-diary-link" not in s.get(f"/player/{walk.id}?date={today}&slot=10:00").get_data(as_text=True)
    patient.locale = "de"
    db.session.commit()
    assert "Schlaftagebuch für letzte Nacht ausfüllen" in s.get("/today").get_data(as_text=True)
    sleep_sync(s, night(today))  # last night recorded: nothing left to ask
    assert "data-sleep-diary-link" not in s.get("/today").get_data(as_text=True)
    assert "data-sleep-diary-link" not in s.get(f"/player/{screens.id}?date={today}&slot=21:00").get_data(as_text=True)


def test_no_diary_link_in_the_afternoon_or_on_another_day(login):
    patient = make_user(tz=zone_at_hour(15))
    give_plan(patient, slugs=("screens-off",), times=("21:00",))
    s = login(patient)
    assert "data-sleep-diary-link" not in s.get("/today").get_data(as_text=True)
    morning = make_user(tz=zone_at_hour(9))
    version = give_plan(morning, slugs=("screens-off",), times=("21:00",))
    m = login(morning)
    assert "data-sleep-diary-link" in m.get("/today").get_data(as_text=True)
    day = (local_today(morning.timezone) - timedelta(days=1)).isoformat()
    assert "data-sleep-diary-link" not in m.get(f"/today?date={day}").get_data(as_text=True)
    assert "data-sleep-diary-link" not in m.get(f"/player/{version.items[0].id}?date={day}&slot=21:00").get_data(
        as_text=True)


# Evening sleep and heat routines and that night's sleep (issue 18.4), with the thresholds of progress/insights.py.
def test_the_evening_routine_pattern_needs_enough_nights_and_says_pattern_not_cause():
    nights = [(True, 90.0)] * 6 + [(False, 78.0)] * 6
    assert evening_routine(nights[:3] + nights[6:12]) is None  # 9 nights: too few
    assert evening_routine([(True, 90.0)] * 2 + [(False, 78.0)] * 9) is None  # only 2 evenings with a routine
    insight = evening_routine(nights)
    assert insight.key == "sleep_evening_routine" and insight.sample == 12
    assert insight.text == ("After evenings when you did a sleep or heat routine, your sleep efficiency averaged 90%; "
                            "after other evenings 78% (6 and 6 nights). This shows a pattern, not a cause.")
    flat = evening_routine([(True, 85.0), (False, 85.2)] * 6)
    assert flat.text.startswith("So far there is no clear link") and "cause" not in flat.text


def test_progress_relates_evening_routines_to_the_night(login, patient):
    version = give_plan(patient, slugs=("warm-bath", "gentle-walk", "heat-pack"), times=("20:00", "19:00", "08:00"))
    bath, walk, pack = (next(i for i in version.items if i.routine.slug == s)
                        for s in ("warm-bath", "gentle-walk", "heat-pack"))
    s = login(patient)
    today = local_today(patient.timezone)
    entries = []
    for n in range(1, 13):
        day = today - timedelta(days=n)  # the night ending this morning
        evening = str(day - timedelta(days=1))
        entries.append(entry_completion(walk.id, evening, "19:00"))  # an evening walk is not a sleep routine
        if n % 2:
            entries.append(entry_completion(bath.id, evening, "20:00"))
            entries.append(night(day))  # 87.5 %
        else:
            entries.append(entry_completion(pack.id, evening, "08:00"))  # a heat pack in the morning: not evening
            entries.append(entry_completion(bath.id, evening, "20:00", status="skipped"))  # skipped is not done
            entries.append(night(day, waso_min=90))  # 71.9 %
    assert set(sleep_sync(s, *entries)[0]) == {"created"}
    page = s.get("/progress").get_data(as_text=True)
    assert ('data-insight="sleep_evening_routine">After evenings when you did a sleep or heat routine, your sleep '
            "efficiency averaged 88%; after other evenings 72% (6 and 6 nights). This shows a pattern, not a cause."
            in page)
    assert "sleep_evening_routine" in s.get("/sleep").get_data(as_text=True)  # the diary's weeks show it too
    patient.locale = "de"
    db.session.commit()
    page = s.get("/progress").get_data(as_text=True)
    assert "Nach Abenden, an denen Sie eine Schlaf- oder Wärmeroutine gemacht haben" in page
    assert "Das zeigt ein Muster, keine Ursache." in page


def test_the_short_night_pattern_is_translated(login, patient):
    patient.locale = "de"
    db.session.commit()
    s = login(patient)
    today = local_today(patient.timezone)
    sleep_sync(s, *short_and_long_nights(today))
    assert ("An Tagen nach Nächten mit weniger als 6 Stunden Schlaf war Ihr Schmerz im Schnitt 2 Punkte höher als "
            "nach längeren Nächten (6 kurze und 6 längere Nächte). Das zeigt ein Muster, keine Ursache."
            in s.get("/progress").get_data(as_text=True))
