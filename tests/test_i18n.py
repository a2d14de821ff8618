"""Languages: English and German, chosen from the browser or in settings; complete, compiled catalogues."""
from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from sqlalchemy import select

from app.content.library_de import ROUTINES_DE
from app.content.topics_de import DISCLAIMER_DE, TOPICS_DE
from app.extensions import db
from app.models import Routine
from helpers import backdate, give_plan

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "translations/de/LC_MESSAGES/messages.po"
MO = ROOT / "translations/de/LC_MESSAGES/messages.mo"
GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9,en;q=0.5"}


def german(session_or_client):
    """Make a test client (or a logged-in session's client) send a German Accept-Language header."""
    client = getattr(session_or_client, "client", session_or_client)
    client.environ_base.update(GERMAN)
    return session_or_client


def test_login_page_follows_the_browser_language(client):
    """No header: English; a German browser: German, with <html lang="de">."""
    english = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in english and "Welcome back" in english
    page = german(client).get("/login").get_data(as_text=True)
    assert '<html lang="de">' in page
    assert "Willkommen zurück" in page and "Passwort" in page and "Welcome back" not in page


def test_unsupported_languages_fall_back_to_english(client):
    """A French-only browser gets English."""
    page = client.get("/login", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in page and "Welcome back" in page


def test_today_in_german_shows_german_routines_and_dates(app, patient, login):
    """/today: German headings, nav, German titles of built-in routines, a German month name."""
    give_plan(patient).created_at = datetime(2026, 1, 1, tzinfo=UTC)  # the plan existed on that day
    db.session.commit()
    session = german(login(patient))
    page = session.get("/today?date=2026-03-05").get_data(as_text=True)
    assert '<html lang="de">' in page
    assert "Täglicher Check-in" in page and "Einstellungen" in page and "Erledigt" in page
    assert "5. März 2026" in page or "5 März 2026" in page
    assert "Donnerstag" in page
    assert ROUTINES_DE["knee-to-chest-stretch"]["title"] in page
    assert "Knee-to-chest" not in page
    today = session.get("/today").get_data(as_text=True)
    assert "<h1>Heute" in today


def test_form_errors_are_german(app, patient, login):
    """Validator messages come from the catalogue (and WTForms' own German one)."""
    session = german(login(patient))
    response = session.post("/plan/items", {"routine_id": "", "times": "25:99"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Verwenden Sie 24-Stunden-Zeiten" in page


def test_settings_switch_overrides_the_browser(app, patient, login):
    """A saved choice beats Accept-Language both ways; "browser" clears it."""
    session = german(login(patient))
    form = session.get("/settings/language").get_data(as_text=True)
    assert "Wie mein Browser" in form and 'lang="de"' in form
    response = session.post("/settings/language", {"locale": "en"})
    assert response.status_code == 303
    db.session.refresh(patient)
    assert patient.locale == "en"
    page = session.get("/settings/").get_data(as_text=True)
    assert "Language saved." in page and "Settings" in page and "Einstellungen" not in page
    english_browser = login(patient)
    session.post("/settings/language", {"locale": "de"})
    assert "Einstellungen" in english_browser.get("/settings/").get_data(as_text=True)
    session.post("/settings/language", {"locale": "browser"})
    db.session.refresh(patient)
    assert patient.locale is None
    assert "Settings" in english_browser.get("/settings/").get_data(as_text=True)


def test_language_form_rejects_unknown_choices(app, patient, login):
    """An unknown language is a form error, not a 500, and changes nothing."""
    session = login(patient)
    response = session.post("/settings/language", {"locale": "xx"})
    assert response.status_code == 422
    db.session.refresh(patient)
    assert patient.locale is None


def test_routine_pages_show_german_text_and_custom_routines_stay_as_written(app, patient, login):
    """Built-in routines: German title, steps and precautions; the library lists German titles."""
    session = german(login(patient))
    routine = db.session.scalar(select(Routine).where(Routine.slug == "neck-side-stretch"))
    page = session.get(f"/library/{routine.id}").get_data(as_text=True)
    de = ROUTINES_DE["neck-side-stretch"]
    assert de["title"] in page and de["steps"][0] in page and "Schritte" in page
    assert routine.steps[0] not in page
    library = session.get("/library").get_data(as_text=True)
    assert de["title"] in library and routine.title not in library
    assert "Seitliche Nackendehnung" in library


def test_learn_topics_in_german(client):
    """/learn/red-flags and the index read in German, with the German disclaimer."""
    german(client)
    page = client.get("/learn/red-flags").get_data(as_text=True)
    topic = TOPICS_DE["red-flags"]
    assert topic["title"] in page and topic["sections"][0]["paragraphs"][0] in page
    assert DISCLAIMER_DE in page
    index = client.get("/learn").get_data(as_text=True)
    assert TOPICS_DE["symptoms"]["title"] in index and "Die Teile Ihres Plans" in index


def test_every_message_is_translated_and_none_is_fuzzy():
    """The German catalogue is complete: every msgid has a msgstr (every plural form too), none fuzzy."""
    catalog = read_po(PO.open("rb"), locale="de")
    messages = [m for m in catalog if m.id]
    assert len(messages) > 200
    for m in messages:
        assert not m.fuzzy, m.id
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(s.strip() for s in strings), m.id


def test_placeholders_survive_translation():
    """A translation keeps every %(name)s of its msgid, or formatting would fail at run time."""
    import re
    catalog = read_po(PO.open("rb"), locale="de")
    for m in catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set(re.findall(r"%\(\w+\)[sd]", ids[-1]))
        for s in strings:
            assert set(re.findall(r"%\(\w+\)[sd]", s)) == wanted, m.id


def test_compiled_catalogue_matches_the_po(tmp_path):
    """The committed .mo holds exactly the .po's translations (run `make translations` after editing)."""
    fresh = tmp_path / "messages.mo"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "-q", "compile", "-i", str(PO), "-o", str(fresh),
                    "-l", "de"], check=True)
    committed, compiled = (
        {str(m.id): str(m.string) for m in read_mo(path.open("rb")) if m.id} for path in (MO, fresh))
    assert len(committed) > 200 and committed == compiled


def test_clinician_dashboard_in_german(app, clinician, login):
    """The clinician's patient list and invite form read in German for a German browser."""
    page = german(login(clinician)).get("/clinician").get_data(as_text=True)
    assert "Patientin oder Patienten einladen" in page and "Einladung erstellen" in page
    assert "Invite a patient" not in page


def test_clinician_patient_page_names_routines_in_german(app, clinician, patient, login):
    """Adherence by routine names each built-in routine in the physio's language, not the stored English."""
    from helpers import link, tick
    link(clinician, patient)
    version = give_plan(patient, slugs=("heat-pack",), times=("08:00",))
    backdate(version, 10)
    tick(patient, version.items[0], ago=2)
    page = german(login(clinician)).get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    by_routine = page[page.index('id="by-item"'):]
    assert ROUTINES_DE["heat-pack"]["title"] in by_routine and "Heat pack" not in by_routine


def test_clinician_panels_and_messages_in_german(app, clinician, patient, login):
    """The sleep, questionnaire and draft parts of the physio's pages, and what a post reports, read in German."""
    from helpers import link
    link(clinician, patient)
    give_plan(patient)
    s = german(login(clinician))
    page = s.get(f"/clinician/patients/{patient.id}").get_data(as_text=True)
    assert "Schlaftagebuch und Schlaffenster" in page and "Werte, Verläufe und Zeitplan" in page
    assert "Sleep diary and window" not in page
    s.post(f"/clinician/patients/{patient.id}/plan/standard/draft", data={})
    plan = s.get(f"/clinician/patients/{patient.id}/plan").get_data(as_text=True)
    assert "Entwurf begonnen" in plan and "Entwurf verwerfen" in plan and "Draft started" not in plan


def test_every_message_the_code_marks_is_in_the_german_catalogue(tmp_path):
    """What `make translations-extract` finds in app/ and templates/ has a German entry: a string marked for
    translation but never added to the .po would show in English."""
    pot = tmp_path / "messages.pot"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "-q", "extract", "-F", str(ROOT / "babel.cfg"),
                    "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "--no-location", str(ROOT)], check=True,
                   cwd=ROOT, capture_output=True)
    known = set()
    for m in read_po(PO.open("rb"), locale="de"):
        known.update(m.id if isinstance(m.id, tuple) else (m.id,))
    marked = [m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot.open("rb")) if m.id]
    assert len(marked) > 1000 and [text for text in marked if text not in known] == []


def script_strings() -> set[str]:
    """The literal texts static/js passes to t() or pieces() (both branches of a `cond ? "a" : "b"`)."""
    import re
    call = re.compile(r'\b(?:t|pieces)\(\s*(?:[^()"?]*\?\s*)?"((?:[^"\\]|\\.)*)"(?:\s*:\s*"((?:[^"\\]|\\.)*)")?')
    return {text for path in (ROOT / "static/js").glob("*.js") for match in call.finditer(path.read_text())
            for text in match.groups() if text}


def test_every_script_text_is_in_the_pages_catalogue():
    """A t("...") in a script is translated only if JS_STRINGS lists it (the page's catalogue is built from it)."""
    from app.i18n import JS_STRINGS
    found = script_strings()
    assert len(found) > 60 and {"Pain %(n)s/10", "Your routine", "%(field)s %(problem)s."} <= found
    assert sorted(found - set(JS_STRINGS)) == []


def page_catalogue(session) -> dict:
    import html
    import json
    import re
    page = session.get("/today").get_data(as_text=True)
    return json.loads(html.unescape(re.search(r"<meta name=\"inoplan-i18n\" content='([^']*)'", page).group(1)))


def test_the_pages_catalogue_carries_notification_words_and_field_names(app, patient, login):
    """In both languages the page hands its scripts the notification buttons' words and the names of a write's
    fields (due.js, sync.js); in German every script text too."""
    give_plan(patient)
    english = page_catalogue(login(patient))
    assert english["notification"] == {"done": "Done", "snooze": "Snooze 30 min",
                                       "snooze_offline": "Could not snooze without a connection."}
    assert english["fields"]["pain"] == "Pain" and english["fields"]["plan_item_id"] == "This routine"
    assert english["strings"] == {}  # English scripts use their own texts
    patient = db.session.merge(patient)
    patient.locale = "de"
    db.session.commit()
    deutsch = page_catalogue(login(patient))
    assert deutsch["notification"] == {"done": "Erledigt", "snooze": "30 Min. später",
                                       "snooze_offline": "Ohne Verbindung konnte nicht verschoben werden."}
    assert deutsch["fields"]["pain"] == "Schmerz" and deutsch["fields"]["plan_item_id"] == "Diese Routine"
    assert deutsch["strings"]["Pain %(n)s/10"] == "Schmerz %(n)s/10"
    assert deutsch["strings"]["%(field)s %(problem)s."] == "%(field)s: %(problem)s."
    assert sorted(script_strings() - set(deutsch["strings"])) == []
    assert {text for text in script_strings() if deutsch["strings"][text] == text} <= {"Routine"}  # German too


@pytest.mark.parametrize("locale, why, generic", [
    (None, "This page is for clinicians.", "Nothing you recorded is lost. Go back and try again."),
    ("de", "Diese Seite ist für Fachpersonen.", "Nichts von dem, was Sie erfasst haben, ist verloren.")])
def test_error_pages_say_why_in_the_readers_language(app, patient, login, locale, why, generic):
    """The app's own reason for a refusal, and a plain line instead of Werkzeug's English default."""
    patient.locale = locale
    db.session.commit()
    s = login(patient)
    refused = s.get("/clinics")
    assert refused.status_code == 403 and why in refused.get_data(as_text=True)
    wrong_method = s.client.delete("/clinics")
    page = wrong_method.get_data(as_text=True)
    assert wrong_method.status_code == 405 and generic in page and "The method is not allowed" not in page


def test_wtforms_own_messages_follow_each_requests_language(app, patient, login):
    """WTForms' built-in messages (its catalogue is loaded once per language, app/i18n.py) switch with the request:
    German, then English, then German again in the same process."""
    session = login(patient)

    def error_for(language: str) -> str:
        session.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
        return session.post("/today/checkin", {"client_id": str(uuid.uuid4()), "date": date.today().isoformat(),
                                               "pain": "4", "sleep_hours": "many"}).get_data(as_text=True)

    assert "Not a valid decimal value" in error_for("en")
    german_page = error_for("de")
    assert "Not a valid decimal value" not in german_page and "Keine gültige Dezimalzahl" in german_page
    assert "Not a valid decimal value" in error_for("en")
