"""With German chosen, the main patient and physiotherapist pages read German: no sentence from a list of the
app's English texts, and dates written the German way."""
from __future__ import annotations

import re

import pytest

from app.extensions import db
from helpers import add_checkins, tick

# Sentences and fragments the app writes in English; none may show on a German page.
ENGLISH = [
    "Average pain", "Average sleep", "check-ins", "over the last", "the week before", "looked at your",
    "Adherence by", "Plan done per", "This shows a pattern", "No routines", "Add a routine", "Save rule",
    "times in", "days ago", "No plan yet", " sets", " reps", "hold ", "Every day", "Mon,", "Tue,", "What changed",
    "Pain before", "Flare-up", "flare-up", "Templates", "Remove", "has no plan", "Routines with pain", "Check-in notes",
    "Last 7 days", "Nothing was planned", "Patterns show", "Your progress", "Who looked", "My clinicians",
    "Download your data", "Settings", "Today", "Done", "Skip", "Partly", "lowest", "highest", "week of", "Week of",
    "Dose:", "at least", "Save template", "Apply template", "Usual dose", "No set dose", "no set dose",
    # the physio's sleep, measures and draft panels (English until issue 15 item 7)
    "Sleep diary and window", "No sleep diary entries", "No window set", "Bedtime", "Save window", "Floor (hours)",
    "Questionnaires", "Scores, trends", "No questionnaires answered", "Latest answers", "Acknowledge",
    "Edit as a draft", "Draft:", "Discard draft", "Send to", "sees none of this",
]
ENGLISH_DATE = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|"
                          r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}\b")
GERMAN_DATE = re.compile(r"\b\d{1,2}\. ?(Jan\.|Feb\.|März|Apr\.|Mai|Juni|Juli|Aug\.|Sept\.|Okt\.|Nov\.|Dez\.|"
                         r"Januar|Februar|April|August|September|Oktober|November|Dezember)")
OWN_WORDS = ["Wall angels", "Heat only", "Pat Patient", "Dr Physio"]  # names and a clinician's own text stay


def visible(html: str) -> str:
    """The page's text as a reader sees it (no tags, scripts, attributes, or the app's and people's names)."""
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<meta[^>]*>", " ", html)
    text = re.sub(r"<[^>]+>", " ", html)
    for word in OWN_WORDS:
        text = text.replace(word, " ")
    return re.sub(r"\s+", " ", text)


def english_in(page: str) -> list[str]:
    text = visible(page)
    return [s for s in ENGLISH if s in text] + [m.group(0) for m in ENGLISH_DATE.finditer(text)]


@pytest.fixture
def german_world(world):
    """The world with a week of ticks and check-ins, both users set to German."""
    world.patient.locale = world.c.user.locale = "de"  # Settings > Language; the browser header says German too
    db.session.commit()
    for ago in range(0, 10):
        tick(world.patient, world.items[0], ago, status="partial" if ago % 3 else "done", pain_before=5,
             pain_after=3)
    add_checkins(world.patient, {ago: 3 + ago % 4 for ago in range(0, 20)})
    return world


PATIENT_PAGES = ["/today", "/plan", "/plan/history", "/progress?days=7", "/progress?days=90", "/settings/",
                 "/settings/clinicians", "/settings/privacy", "/library"]


def clinician_pages(w) -> list[str]:
    pid = w.patient.id
    return ["/clinician", f"/clinician/patients/{pid}", f"/clinician/patients/{pid}?days=90",
            f"/clinician/patients/{pid}/plan", f"/clinician/patients/{pid}/plan/flare",
            "/clinician/routines", "/clinician/templates", f"/clinician/templates/{w.template}",
            f"/clinician/routines/{w.own}", "/clinician/routines/new", f"/clinician/patients/{pid}/measures"]


def test_patient_pages_read_german(german_world):
    w = german_world
    w.c.get(f"/clinician/patients/{w.patient.id}")  # something for the access log
    for path in PATIENT_PAGES:
        response = w.p.client.get(path, headers={"Accept-Language": "de"})
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        assert '<html lang="de">' in page, path
        assert english_in(page) == [], (path, english_in(page))
    assert GERMAN_DATE.search(visible(w.p.client.get("/settings/clinicians").get_data(as_text=True)))
    assert GERMAN_DATE.search(visible(w.p.client.get("/plan").get_data(as_text=True)))


def test_clinician_pages_read_german(german_world):
    w = german_world
    for path in clinician_pages(w):
        response = w.c.client.get(path, headers={"Accept-Language": "de"})
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        assert english_in(page) == [], path
    page = visible(w.c.client.get(f"/clinician/patients/{w.patient.id}", headers={"Accept-Language": "de"})
                   .get_data(as_text=True))
    assert GERMAN_DATE.search(page) and "Check-ins" in page and "Durchschnitt" in page


def test_the_physios_draft_and_its_messages_read_german(german_world):
    """The plan editor's draft card and the confirmations of each step (flashed on the next page) in German."""
    w = german_world
    pid, c = w.patient.id, w.c
    c.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "de"
    started = c.post(f"/clinician/patients/{pid}/plan/standard/draft", follow_redirects=True).get_data(as_text=True)
    assert "Entwurf begonnen" in visible(started) and "Als Entwurf bearbeiten" not in visible(started)
    key = w.items[0].key
    removed = visible(c.post(f"/clinician/patients/{pid}/plan/standard/items/{key}/remove",
                             follow_redirects=True).get_data(as_text=True))
    assert "entfernt. Im Entwurf gespeichert" in removed and "Entwurf: 1 Änderung nicht gesendet" in removed
    assert english_in(removed) == []
    sent = visible(c.post(f"/clinician/patients/{pid}/plan/standard/draft/send", data={"version_note": ""},
                          follow_redirects=True).get_data(as_text=True))
    assert "Gesendet." in sent and "sieht, was sich geändert hat" in sent

