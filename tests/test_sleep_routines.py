"""Sleep-hygiene routines and the sleep diary (issue 18.4): the morning link to last night's diary."""
from __future__ import annotations

import re
from datetime import timedelta

from app.extensions import db
from app.services.clock import local_today
from helpers import give_plan, make_user, night, sleep_sync, zone_at_hour


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
