"""A routine's image, clip and built-in drawing in real Chromium at 390x844: saved when the routine is in the plan,
shown offline, the clip honouring reduced motion, axe-clean, in light and dark."""
from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.content.illustrations import ALT
from app.extensions import db
from app.models import Routine, User
from app.services.media import images
from app.services.plans.versions import ItemSpec, current_specs, plan_for, save_version
from axe import axe_violations, blocking
from browser_fixtures import screenshot
from helpers import animated
from offline_helpers import PATIENT, open_app

CLINICIAN = "demo.clinician@example.com"


def media_in_plan(server, folder) -> dict:
    """A routine of the demo physio with an image and a clip, added to the demo patient's plan, and a built-in
    routine of that plan: their ids, urls and descriptions."""
    server.app.config["MEDIA_DIR"] = str(folder)
    with server.app.app_context():
        physio = db.session.scalar(select(User).where(User.email == CLINICIAN))
        patient = db.session.scalar(select(User).where(User.email == PATIENT))
        routine = Routine(owner_id=physio.id, kind="exercise", title="Wall slide with picture",
                          summary="A small, supported squat against a wall.",
                          steps=["Stand with your back against a wall.", "Slide down a little, then back up."])
        db.session.add(routine)
        db.session.flush()
        data = io.BytesIO()
        from PIL import Image
        Image.new("RGB", (80, 60), (30, 120, 110)).save(data, "JPEG")
        image = images.add(db.session, routine, physio, data.getvalue(), "Back against a wall, knees bent",
                           5_000_000)
        clip = images.add(db.session, routine, physio, animated(frames=8, size=(120, 80)),
                          "A bar sliding from left to right", 5_000_000)
        plan = plan_for(db.session, patient)
        specs = current_specs(db.session, plan)
        builtin = next(s.routine_id for s in specs if db.session.get(Routine, s.routine_id).slug in ALT)
        save_version(db.session, plan, [*specs, ItemSpec.from_routine(routine)], physio)
        db.session.commit()
        slug = db.session.get(Routine, builtin).slug
        return {"routine": routine.id, "url": f"/media/{image.name}", "alt": image.alt,
                "clip": f"/media/{clip.name}", "first": f"/media/{clip.first_frame_name}", "clip_alt": clip.alt,
                "builtin": builtin, "drawing_alt": ALT[slug][0], "slug": slug}


def in_media_cache(page, path_part: str) -> None:
    page.wait_for_function("""async (part) => {
        const cache = await caches.open("inoplan-media");
        return (await cache.keys()).some((r) => r.url.includes(part));
    }""", arg=path_part)


def drawn(page) -> None:
    """The built-in drawing's external <use> was loaded (an unloaded one has an empty box)."""
    page.wait_for_function("() => { const u = document.querySelector('.illustration use');"
                           " return u && u.getBBox().width > 50; }")


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_a_plan_routines_image_clip_and_drawing_are_there_offline(page, live_server, tmp_path, context):
    scheme = "dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "light"
    m = media_in_plan(live_server, tmp_path / "media")
    open_app(page, live_server)
    # Saved by the app on opening, before the routine's page was ever visited.
    for part in (m["url"], m["clip"], m["first"], f"/illustrations/{m['slug']}.svg"):
        in_media_cache(page, part)
    page.context.set_offline(True)
    assert page.evaluate("async (url) => (await fetch(url)).ok", m["url"])  # from the phone, never shown before
    page.context.set_offline(False)
    for target in (m["routine"], m["builtin"]):
        page.goto(f"{live_server.url}/library/{target}")  # the pages themselves are kept once visited
    page.context.set_offline(True)
    page.goto(f"{live_server.url}/library/{m['routine']}")
    shown = page.locator(f"img[alt='{m['alt']}']")
    expect(shown).to_be_visible()
    page.wait_for_function("(img) => img.complete && img.naturalWidth === 80", arg=shown.element_handle())
    clip = page.locator(f"img[alt='{m['clip_alt']}']")
    page.wait_for_function("(img) => img.complete && img.naturalWidth === 120", arg=clip.element_handle())
    assert clip.evaluate("(img) => img.currentSrc").endswith(m["clip"])  # motion allowed: the clip loops
    expect(page.get_by_role("button", name="Pause the clip")).to_be_visible()
    assert blocking(axe_violations(page)) == []
    screenshot(page, f"routine-media-offline-{scheme}")
    page.goto(f"{live_server.url}/library/{m['builtin']}")
    drawing = page.get_by_role("img", name=m["drawing_alt"])
    expect(drawing).to_be_visible()
    drawn(page)
    colour = drawing.evaluate("(svg) => getComputedStyle(svg).color")
    text = page.evaluate("getComputedStyle(document.body).color")
    assert colour == text  # the drawing takes the page's text colour, light or dark
    assert blocking(axe_violations(page)) == []
    screenshot(page, f"routine-drawing-offline-{scheme}")
    assert [e for e in page.console_errors if "ERR_INTERNET_DISCONNECTED" not in e] == []


def test_with_reduced_motion_a_clip_shows_its_first_frame_until_play(page, live_server, tmp_path):
    m = media_in_plan(live_server, tmp_path / "media")
    page.emulate_media(reduced_motion="reduce")
    open_app(page, live_server)
    page.goto(f"{live_server.url}/library/{m['routine']}")
    clip = page.locator(f"img[alt='{m['clip_alt']}']")
    page.wait_for_function("(img) => img.complete && img.naturalWidth === 120", arg=clip.element_handle())
    assert clip.evaluate("(img) => img.currentSrc").endswith(m["first"])
    play = page.get_by_role("button", name="Play the clip")
    expect(play).to_have_attribute("aria-pressed", "false")
    box = play.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    play.click()
    page.wait_for_function(f"(img) => img.currentSrc.endsWith({m['clip']!r})", arg=clip.element_handle())
    expect(page.get_by_role("button", name="Pause the clip")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Pause the clip").click()
    page.wait_for_function(f"(img) => img.currentSrc.endsWith({m['first']!r})", arg=clip.element_handle())
