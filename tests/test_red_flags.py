"""Issue 22: complete red flags with call buttons, reachable in one tap, and German saying the same as English."""
from __future__ import annotations

import re

import pytest

from app.content.topics import TOPICS
from app.content.topics_de import TOPICS_DE
from app.extensions import db
from app.services.clock import local_today
from helpers import entry_checkin, give_plan

# Each warning sign as the English and the German page say it.
SIGNS = [
    ("chest pain", "Schmerzen in der Brust"),
    ("one side of your face or body", "Gesichts- oder Körperhälfte"),
    ("quickly worsening muscle weakness", "rasch zunehmende Muskelschwäche"),
    ("fever with muscle pain", "Fieber mit Muskelschmerzen"),
    ("cola-coloured urine", "colafarbener Urin"),
    ("lose weight without trying", "ungewollt abnehmen"),
    ("bladder or bowel", "Blase oder Darm"),
    ("numbness around your genitals or buttocks", "Taubheit im Genital- oder Gesäßbereich"),
    ("weakness in both legs", "Schwäche in beiden Beinen"),
    ("tender scalp", "empfindliche Kopfhaut"),
    ("jaw when you chew", "Kieferschmerzen beim Kauen"),
    ("change in your vision", "Veränderung beim Sehen"),
    ("over 50", "über 50"),
    ("both shoulders or both hips", "beiden Schultern oder beiden Hüften"),
    ("worst in the morning", "morgens am stärksten"),
    ("polymyalgia rheumatica", "Polymyalgia rheumatica"),
    ("thoughts of harming yourself", "daran denken, sich etwas anzutun"),
    ("life is not worth living", "Leben nicht lebenswert"),
]


@pytest.mark.parametrize("column, language", [(0, "en"), (1, "de")])
def test_red_flags_page_holds_every_warning_sign(client, column, language):
    html = client.get("/learn/red-flags", headers={"Accept-Language": language}).get_data(as_text=True)
    missing = [pair[column] for pair in SIGNS if pair[column] not in html]
    assert not missing


def test_red_flags_start_with_call_buttons_for_the_country(client, login, patient):
    html = client.get("/learn/red-flags").get_data(as_text=True)
    assert html.index("data-help-calls") < html.index("<article")
    assert "Call your local emergency number." in html   # anonymous, no timezone: the generic line
    html = login(patient).get("/learn/red-flags").get_data(as_text=True)   # Europe/London
    assert 'href="tel:999"' in html and 'href="tel:116123"' in html
    patient.timezone = "America/Chicago"
    db.session.commit()
    html = login(patient).get("/learn/red-flags").get_data(as_text=True)
    assert 'href="tel:911"' in html and 'href="tel:988"' in html


def test_the_country_can_be_changed(login, patient):
    s = login(patient)
    assert s.post("/help/country", {"country": "DE"}).status_code == 303
    html = s.get("/learn/red-flags").get_data(as_text=True)
    assert 'href="tel:112"' in html and 'href="tel:08001110111"' in html


def test_deployment_can_configure_contacts(app, client):
    app.config["CRISIS_CONTACTS"] = {"other": {"name": "Elsewhere", "emergency": "112",
                                               "lines": [{"name": "Local line", "number": "0100 200"}]}}
    html = client.get("/learn/red-flags").get_data(as_text=True)
    assert 'href="tel:112"' in html and 'href="tel:0100200"' in html


def test_red_flags_one_tap_from_today_flare_card_and_a_pain_9_checkin(login, patient):
    give_plan(patient)
    s = login(patient)
    assert "/learn/red-flags" in s.get("/today").get_data(as_text=True)
    day = local_today(patient.timezone).isoformat()
    s.post_json("/api/v1/sync", {"items": [entry_checkin(day, pain=9)]})
    html = s.get("/today").get_data(as_text=True)
    flare_card = html.split("data-flare-offer")[1].split("</section>")[0]
    assert "data-help-link" in flare_card and "/learn/red-flags" in flare_card
    checkin = html.split('id="checkin"')[1].split("</section>")[0]
    assert "data-help-link" in checkin


def test_a_pain_6_checkin_does_not_add_the_help_button(login, patient):
    s = login(patient)
    s.post_json("/api/v1/sync", {"items": [entry_checkin(local_today(patient.timezone).isoformat(), pain=6)]})
    checkin = s.get("/today").get_data(as_text=True).split('id="checkin"')[1].split("</section>")[0]
    assert "data-help-link" not in checkin


NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t["slug"])
def test_german_topics_have_the_same_sections_and_numbers(topic):
    german = TOPICS_DE[topic["slug"]]
    assert len(german["sections"]) == len(topic["sections"])
    for en, de in zip(topic["sections"], german["sections"], strict=True):
        assert len(de["paragraphs"]) == len(en["paragraphs"]), en["heading"]
        for p_en, p_de in zip(en["paragraphs"], de["paragraphs"], strict=True):
            assert sorted(NUMBER.findall(p_en)) == sorted(NUMBER.findall(p_de)), (p_en, p_de)
