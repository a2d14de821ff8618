"""A routine's image in real Chromium at 390x844: saved when the routine is in the plan, shown offline."""
from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Routine, User
from app.services.media import images
from app.services.plans.versions import ItemSpec, current_specs, plan_for, save_version
from browser_fixtures import screenshot
from offline_helpers import PATIENT, open_app

CLINICIAN = "demo.clinician@example.com"


def image_in_plan(server, folder) -> tuple[int, str, str]:
    """A routine of the demo physio with an image, added to the demo patient's plan: (routine id, url, alt)."""
    server.app.config["MEDIA_DIR"] = str(folder)
    with server.app.app_context():
        physio = db.session.scalar(select(User).where(User.email == CLINICIAN))
        patient = db.session.scalar(select(User).where(User.email == PATIENT))
        routine = Routine(owner_id=physio.id, kind="exercise", title="Wall slide with picture")
        db.session.add(routine)
        db.session.flush()
        data = io.BytesIO()
        Image.new("RGB", (80, 60), (30, 120, 110)).save(data, "JPEG")
        image = images.add(db.session, routine, physio, data.getvalue(), "Back against a wall, knees bent",
                           5_000_000)
        plan = plan_for(db.session, patient)
        save_version(db.session, plan, [*current_specs(db.session, plan), ItemSpec.from_routine(routine)], physio)
        db.session.commit()
        return routine.id, f"/media/{image.name}", image.alt


def test_a_plan_routines_image_is_there_offline(page, live_server, tmp_path):
    routine_id, url, alt = image_in_plan(live_server, tmp_path / "media")
    open_app(page, live_server)
    # Saved by the app on opening, before the routine's page was ever visited.
    page.wait_for_function("""async (url) => {
        const cache = await caches.open("inoplan-media");
        return Boolean(await cache.match(url));
    }""", arg=url)
    page.context.set_offline(True)
    assert page.evaluate("async (url) => (await fetch(url)).ok", url)  # from the phone, never shown before
    page.context.set_offline(False)
    page.goto(f"{live_server.url}/library/{routine_id}")
    expect(page.locator(f"img[alt='{alt}']")).to_be_visible()
    page.context.set_offline(True)
    page.reload()
    shown = page.locator(f"img[alt='{alt}']")
    expect(shown).to_be_visible()
    page.wait_for_function("(img) => img.complete && img.naturalWidth === 80", arg=shown.element_handle())
    screenshot(page, "routine-image-offline")
