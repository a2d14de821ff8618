"""Sleep routines and the diary in real Chromium at 390x844 (issue 18.4): the morning link to last night's diary on
Today and at the end of the player, and the evening-routine pattern on Progress; axe, tap size, screenshots.

    SCREENSHOTS_DIR=docs/screenshots .venv/bin/python -m pytest tests/browser/test_sleep_routines_browser.py

refreshes docs/screenshots/sleep-routine-{today,player,insight}-{light,dark}[-de].png.
"""
from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.services.clock import local_today
from app.services.records import sync as records
from axe import axe_violations, blocking
from browser_fixtures import ARTIFACTS, PHONE, log_in
from helpers import PASSWORD, give_plan, make_user, zone_at_hour

TARGET = Path(os.environ.get("SCREENSHOTS_DIR") or ARTIFACTS / "screenshots")
EMAIL = "sleeper@example.com"


def seed(server) -> int:
    """A patient for whom it is morning now, with screens off at 21:00 and a warm bath at 20:00, and twelve diary
    nights: better ones after the evenings a routine was done. Last night is not in the diary yet. Returns the
    screens-off item's id."""
    with server.app.app_context():
        user = make_user(EMAIL, tz=zone_at_hour(9), name="Sam Sleeper")
        version = give_plan(user, slugs=("screens-off", "warm-bath", "gentle-walk"), times=("21:00", "20:00", "10:00"))
        screens, bath = (next(i for i in version.items if i.routine.slug == s) for s in ("screens-off", "warm-bath"))
        today, now = local_today(user.timezone), datetime.now(UTC).isoformat()
        entries = []
        for n in range(1, 13):
            day = today - timedelta(days=n)
            evening = str(day - timedelta(days=1))
            done = n % 3 != 0
            for item in (screens, bath) if done else ():
                entries.append({"client_id": str(uuid.uuid4()), "type": "completion", "plan_item_id": item.id,
                                "date": evening, "slot": item.slots[0], "status": "done", "recorded_at": now})
            entries.append({"client_id": str(uuid.uuid4()), "type": "sleep", "date": str(day), "in_bed": "22:45",
                            "tried_sleep": "23:00", "final_wake": "06:40", "out_of_bed": "07:00",
                            "latency_min": 15 if done else 35, "awakenings": 1 if done else 3,
                            "waso_min": 10 + n % 4 * 5 if done else 60 + n % 3 * 10, "quality": 4 if done else 2,
                            "naps_min": 0, "recorded_at": now})
        assert {r.status for r in records.store(db.session, user, entries)} == {"created"}
        return screens.id


def shoot(locator, name: str) -> Path:
    path = TARGET / f"{name}.png"
    locator.screenshot(path=str(path), animations="disabled", caret="hide")
    return path


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sleep_routines_link_to_the_diary_and_the_pattern_shows(browser, live_server, scheme, lang):
    item_id = seed(live_server)
    TARGET.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, color_scheme=scheme, is_mobile=True,
                                  has_touch=True, service_workers="block", reduced_motion="reduce",
                                  locale="de-DE" if lang == "de" else "en-GB")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    log_in(page, live_server, EMAIL, PASSWORD)
    suffix = f"-{scheme}" + ("-de" if lang == "de" else "")
    words = "Schlaftagebuch für letzte Nacht ausfüllen" if lang == "de" else "Fill in last night's sleep diary"
    shots = []

    page.goto(f"{live_server.url}/today")
    card = page.locator("li.kind-sleep")
    link = card.locator("[data-sleep-diary-link]")
    expect(link).to_have_text(words)
    box = link.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert page.locator("li.kind-heat_cold [data-sleep-diary-link], li.kind-exercise [data-sleep-diary-link]") \
        .count() == 0  # only sleep-hygiene routines link to the diary
    assert blocking(axe_violations(page)) == []
    shots.append(shoot(card, f"sleep-routine-today{suffix}"))

    page.clock.install(time=datetime.now(UTC) - timedelta(hours=2))  # so the hour of screens off can pass at once
    page.goto(f"{live_server.url}/player/{item_id}?slot=21:00")
    player = page.locator("[data-player=routine]")
    for _ in range(20):  # through the steps and the timed hour to the end of the routine
        phase = player.get_attribute("data-phase")
        if phase == "done":
            break
        if phase == "step":
            page.locator("[data-next-btn]").click()
        else:
            page.clock.run_for(61 * 60_000)
    expect(player).to_have_attribute("data-phase", "done")
    page.locator("[data-done-btn]").click()
    saved = page.locator(".player-saved")
    expect(saved.locator("[data-sleep-diary-link]")).to_have_text(words)
    assert blocking(axe_violations(page)) == []
    shots.append(shoot(saved, f"sleep-routine-player{suffix}"))
    saved.locator("[data-sleep-diary-link]").click()
    expect(page.locator("[data-sleep-form]")).to_be_visible()  # the diary for last night, one tap away

    page.goto(f"{live_server.url}/progress")
    pattern = page.locator("[data-insight=sleep_evening_routine]")
    expect(pattern).to_contain_text("Muster, keine Ursache" if lang == "de" else "a pattern, not a cause")
    assert blocking(axe_violations(page)) == []
    shots.append(shoot(page.locator(".sleep-weeks"), f"sleep-routine-insight{suffix}"))
    context.close()
    assert all(p.stat().st_size > 3_000 for p in shots)
    assert errors == []
