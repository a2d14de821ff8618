"""The flare-up switch with the diary following it, in real Chromium at 390x844, English and German: switching on
starts a flare episode (a ticked box), switching back ends it, online and offline; the box shows the right state at
once; each write is its own outbox entry; replaying them changes nothing; axe finds nothing serious, light and dark.

    SCREENSHOTS_DIR=docs/screenshots .venv/bin/python -m pytest tests/browser/test_flare_episode_browser.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import FlareEpisode, Plan, User
from axe import axe_violations, blocking
from browser_fixtures import ARTIFACTS
from offline_helpers import PATIENT, open_app, outbox, replay, wait_waiting

TARGET = Path(os.environ.get("SCREENSHOTS_DIR") or ARTIFACTS / "screenshots")
TEXT = {
    "en": {"start": "Also start a flare-up episode in my diary", "end": "Also end the flare-up episode in my diary",
           "started": "Flare-up episode started", "ended": "Flare-up episode ended"},
    "de": {"start": "Auch einen Schub in meinem Tagebuch eintragen", "end": "Auch den Schub in meinem Tagebuch beenden",
           "started": "Schub begonnen", "ended": "Schub beendet"},
}


def stored(server) -> tuple[str, list[tuple[str, bool]]]:
    """The demo patient's mode and flare episodes (client id, still open), oldest first."""
    with server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == PATIENT))
        mode = db.session.scalar(select(Plan.mode).where(Plan.patient_id == user.id))
        rows = db.session.execute(select(FlareEpisode.client_id, FlareEpisode.end).where(
            FlareEpisode.patient_id == user.id).order_by(FlareEpisode.start)).all()
        return mode, [(cid, end is None) for cid, end in rows]


def check_and_shoot(page, name: str) -> None:
    """axe in light and dark, and a screenshot of the switch's card in each."""
    TARGET.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        serious = blocking(axe_violations(page))
        assert serious == [], (name, scheme, serious)
        page.locator("[data-mode-switch]").scroll_into_view_if_needed()
        page.screenshot(path=str(TARGET / f"{name}-{page.lang}-{scheme}.png"), animations="disabled", caret="hide")
    page.emulate_media(color_scheme="light")


@pytest.mark.reduced_motion
def test_the_switch_starts_and_ends_a_diary_episode_online_and_offline(lang_page, live_server):
    page, text = lang_page, TEXT[lang_page.lang]
    open_app(page, live_server)
    to_flare, back = page.locator("[data-action=mode-flare]"), page.locator("[data-action=mode-standard]")
    start_box, end_box = page.locator("input[name=start_flare]"), page.locator("input[name=end_flare]")
    expect(page.locator("label", has=start_box)).to_have_text(text["start"])
    expect(start_box).to_be_checked()  # pre-ticked: the diary follows unless the patient says otherwise
    box = page.locator("label", has=start_box).bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # the whole label is the tap target
    check_and_shoot(page, "today-flare-episode-offer")

    # Online: the switch and the episode are two writes with their own client ids, stored at once.
    to_flare.click()
    expect(back).to_be_visible()
    expect(end_box).to_be_visible()
    expect(end_box).to_be_checked()
    expect(page.locator("label", has=end_box)).to_have_text(text["end"])
    wait_waiting(page, 0)
    mode, episodes = stored(live_server)
    assert mode == "flare" and len(episodes) == 1 and episodes[0][1]
    first = episodes[0][0]
    check_and_shoot(page, "today-flare-episode-on")

    # Offline: back ends the episode, on again starts a new one; the box is right at once each time.
    page.context.set_offline(True)
    back.click()
    expect(to_flare).to_be_visible()
    expect(start_box).to_be_visible()
    expect(start_box).to_be_checked()
    to_flare.click()
    expect(back).to_be_visible()
    expect(end_box).to_be_visible()
    expect(end_box).to_be_checked()
    check_and_shoot(page, "today-flare-episode-offline")
    waiting = outbox(page)
    assert [(e["type"], e.get("mode")) for e in waiting] == [("mode", "standard"), ("flare", None), ("mode", "flare"),
                                                               ("flare", None)]
    assert [waiting[1]["label"], waiting[3]["label"]] == [text["ended"], text["started"]]  # as the outbox lists them
    assert waiting[1]["of"] == first and waiting[1]["end"] and waiting[3]["end"] is None
    assert len({e["client_id"] for e in waiting}) == 4
    assert stored(live_server) == ("flare", [(first, True)])  # nothing sent yet

    page.context.set_offline(False)
    page.evaluate("InoplanOutbox.flush()")
    wait_waiting(page, 0)
    mode, episodes = stored(live_server)
    assert mode == "flare" and episodes == [(first, False), (waiting[3]["client_id"], True)]
    # The phone never heard the answers: sending everything again changes nothing.
    assert set(replay(page, waiting)) <= {"duplicate", "superseded"}
    assert stored(live_server) == (mode, episodes)
    page.reload()
    page.locator("[data-today][data-ready=yes]").wait_for()
    expect(end_box).to_be_visible()  # what the server says agrees with what was shown
    assert page.console_errors == []
