"""Drawings of the built-in routines: one per routine, described in English and German, drawn in the text colour,
shown on the routine page, the library and the player, and listed for offline use when the routine is in the plan."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from app.assets import STATIC, shell_files
from app.content.illustrations import ALT
from app.content.library import BUILTIN_ROUTINES
from helpers import give_plan, routine_id

FOLDER = STATIC / "illustrations"
SVG = "{http://www.w3.org/2000/svg}"
GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}


def test_every_builtin_routine_has_a_drawing_and_a_description_in_both_languages():
    slugs = {r["slug"] for r in BUILTIN_ROUTINES}
    assert set(ALT) == slugs
    assert {p.stem for p in FOLDER.glob("*.svg")} == slugs
    for english, german in ALT.values():
        assert english.strip() and german.strip() and english != german
    assert "CC0" in (FOLDER / "LICENSE").read_text()


def test_drawings_use_only_the_text_colour_and_no_script_or_style():
    for path in FOLDER.glob("*.svg"):
        text = path.read_text()
        root = ET.fromstring(text)
        assert root.tag == f"{SVG}svg" and re.fullmatch(r"0 \d+ 200 \d+", root.get("viewBox"))
        group = root.find(f"{SVG}g")
        assert group.get("id") == "d" and group.get("stroke") == "currentColor" and group.get("fill") == "none"
        assert not re.search(r"#[0-9a-fA-F]{3,6}\b|rgb\(|<script|<style|style=|href=|on\w+=", text), path.name
        assert len(text) < 3000, path.name  # a few hundred bytes gzip each


def test_drawings_stay_out_of_the_first_load_precache():
    assert not [f for f in shell_files() if f.startswith("illustrations/")]


def test_the_routine_page_library_and_player_show_the_drawing_with_its_description(login, patient):
    s = login(patient)
    walk = routine_id("gentle-walk")
    english, german = ALT["gentle-walk"]
    page = s.get(f"/library/{walk}").get_data(as_text=True)
    href = re.search(r'<svg role="img" aria-label="([^"]+)"[^>]*>'
                     r'<use href="(/static/\w+/illustrations/gentle-walk\.svg#d)">', page)
    assert href and href.group(1) == english
    drawing = s.client.get(href.group(2).split("#")[0])
    assert drawing.status_code == 200 and "immutable" in drawing.headers["Cache-Control"]
    assert f'aria-label="{english}"' in s.get("/library").get_data(as_text=True)
    s.client.environ_base.update(GERMAN)
    assert f'aria-label="{german}"' in s.get(f"/library/{walk}").get_data(as_text=True)
    version = give_plan(patient, slugs=("gentle-walk",), times=("09:00",))
    s.client.environ_base.pop("HTTP_ACCEPT_LANGUAGE")
    player = s.get(f"/player/{version.items[0].id}")
    assert player.status_code == 200 and f'aria-label="{english}"' in player.get_data(as_text=True)


def test_a_clinicians_own_routine_has_no_builtin_drawing(login, clinician, patient):
    from app.extensions import db
    from app.models import Routine
    own = Routine(owner_id=clinician.id, kind="exercise", title="Gentle walk (my version)", slug=None)
    db.session.add(own)
    db.session.commit()
    from helpers import link
    link(clinician, patient)
    assert "illustration" not in login(patient).get(f"/library/{own.id}").get_data(as_text=True)


def test_the_plans_drawings_are_listed_for_offline_use(login, patient):
    s = login(patient)
    assert s.get("/api/v1/media").json["illustrations"] == []
    give_plan(patient, slugs=("gentle-walk", "heat-pack"), times=("09:00", "18:00"))
    listed = s.get("/api/v1/media").json["illustrations"]
    assert [u.rsplit("/", 1)[1] for u in listed] == ["gentle-walk.svg", "heat-pack.svg"]
    assert all(s.client.get(u).status_code == 200 for u in listed)
