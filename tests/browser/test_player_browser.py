"""The routine player, a proposed step and the pacing timer in real Chromium at 390x844.

Time is faked with Playwright's clock: `fast_forward` jumps ahead and fires each due timer at most once, like a
phone that locked or a tab the browser suspended, so the player must compute the time from timestamps.

    SCREENSHOTS_DIR=docs/screenshots .venv/bin/python -m pytest tests/browser/test_player_browser.py

refreshes the pictures in docs/screenshots/ (player-*, progression-step-*, progression-physio-*).
"""
from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Completion, ProgressionProposal, User
from app.services.clock import local_today
from app.services.plans.today import day_for
from app.services.plans.versions import current_version, plan_for
from app.services.progression import store
from browser_fixtures import BROWSER_LOCALES, PHONE, SCREENSHOTS, log_in, still_page
from offline_helpers import PATIENT, open_app


def timed_item(server) -> tuple[int, str, int]:
    """(plan item id, slot, minutes) of one of today's items dosed in minutes only, not ticked yet."""
    with server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == PATIENT))
        for due in day_for(db.session, user, local_today(user.timezone)).items:
            if due.item.minutes and not due.item.reps and due.item.routine.kind != "heat_cold" and not due.completion:
                return due.item.id, due.slot, due.item.minutes
    pytest.skip("no timed routine today in the demo plan")


def left_ms(page) -> int:
    return int(page.locator("[data-clock]").get_attribute("data-left-ms"))


def hide_and_show(page, ms: int) -> None:
    """The page goes to the background, `ms` pass with timers frozen, and it comes back."""
    page.evaluate("""() => { Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
                             document.dispatchEvent(new Event('visibilitychange')); }""")
    page.clock.fast_forward(ms)
    page.evaluate("""() => { Object.defineProperty(document, 'visibilityState', {value: 'visible', configurable: true});
                             document.dispatchEvent(new Event('visibilitychange')); }""")


def test_player_offline_keeps_time_across_a_lock_and_queues_done(page, live_server):
    item_id, slot, minutes = timed_item(live_server)
    open_app(page, live_server)
    page.wait_for_selector("html[data-help-kept=yes]")      # the player links of today are saved for offline
    href = page.locator(f"a[data-player-link][href^='/player/{item_id}?']").first.get_attribute("href")
    page.context.set_offline(True)
    page.reload()                                             # offline, Today is drawn from the saved day
    expect(page.locator("html[data-offline-copy]")).to_have_count(1)
    expect(page.locator(f"a[data-player-link][href^='/player/{item_id}?']").first).to_have_attribute("href", href)
    # the fake clock starts in the past, so the "Done" recorded after jumping ahead is not in the future
    page.clock.install(time=datetime.now(UTC) - timedelta(minutes=minutes + 10))
    page.goto(f"{live_server.url}{href}")
    player = page.locator("[data-player=routine]")
    expect(player).to_have_attribute("data-index", "0")
    while player.get_attribute("data-phase") == "step":
        page.locator("[data-next-btn]").click()
    expect(player).to_have_attribute("data-phase", "timed")
    assert minutes * 60_000 - 3_000 <= left_ms(page) <= minutes * 60_000
    expect(page.locator("[data-announce]")).to_contain_text(f"{minutes}:00")

    hide_and_show(page, 4 * 60_000)                           # locked for four minutes
    page.wait_for_function(f"() => Number(document.querySelector('[data-clock]').dataset.leftMs) < "
                           f"{(minutes - 4) * 60_000 + 1}")
    assert (minutes - 4) * 60_000 - 3_000 <= left_ms(page) <= (minutes - 4) * 60_000

    hide_and_show(page, minutes * 60_000)                     # long past the end: the session is finished
    expect(player).to_have_attribute("data-phase", "done")
    expect(page.locator("[data-announce]")).to_contain_text("Well done")
    page.fill("[data-finish] [name=pain_before]", "5")
    page.fill("[data-finish] [name=pain_after]", "3")
    page.locator("[data-done-btn]").click()
    expect(player).to_have_attribute("data-saved", "yes")
    [entry] = page.evaluate("InoplanOutbox.all()")
    assert (entry["type"], entry["plan_item_id"], entry["slot"], entry["status"], entry["pain_after"]) == (
        "completion", item_id, slot, "done", 3)

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    def stored():
        with live_server.app.app_context():
            return db.session.scalar(select(Completion).where(Completion.client_id == entry["client_id"]))
    deadline = time.monotonic() + 15
    while (row := stored()) is None and time.monotonic() < deadline:   # polls for the server's row
        time.sleep(0.1)
    assert row is not None and (row.status, row.pain_before, row.pain_after) == ("done", 5, 3)
    assert page.console_errors == []


def propose_walk_step(server) -> int:
    """A rule on the demo patient's walk and a proposed step for the period that just ended."""
    with server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == PATIENT))
        physio = db.session.scalar(select(User).where(User.email == "demo.clinician@example.com"))
        version = current_version(db.session, plan_for(db.session, user), "standard")
        walk = next(i for i in version.items if i.routine.slug == "gentle-walk")
        today = local_today(user.timezone)
        rule = store.set_rule(db.session, user, physio, walk.key, store.RuleInput("minutes", ceiling=40), today)
        rule.start_date = today - timedelta(days=7)
        proposal = ProgressionProposal(rule=rule, period_index=0, period_start=today - timedelta(days=7),
                                       period_end=today - timedelta(days=1), kind="up", from_dose=walk.minutes,
                                       to_dose=walk.minutes + 1, adherence=0.9, status="proposed")
        db.session.add(proposal)
        db.session.commit()
        return walk.minutes


def walk_minutes(server) -> int:
    with server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == PATIENT))
        version = current_version(db.session, plan_for(db.session, user), "standard")
        return next(i for i in version.items if i.routine.slug == "gentle-walk").minutes


def test_accepting_a_step_updates_the_plan_once(page, live_server):
    before = propose_walk_step(live_server)
    log_in(page, live_server)
    card = page.locator("[data-step-proposal]")
    expect(card).to_contain_text(f"Next week: Gentle walk {before + 1} min, up from {before} min.")
    card.locator("[data-step-accept]").dblclick()             # a double tap
    expect(page.locator(".flash")).to_contain_text("Your plan is updated")
    expect(page.locator("[data-step-proposal]")).to_have_count(0)
    assert walk_minutes(live_server) == before + 1
    page.goto(f"{live_server.url}/plan/history")
    expect(page.locator("main")).to_contain_text(f"up from {before} min")
    assert page.console_errors == []


def test_a_pacing_cycle_prompts_at_each_switch(page, live_server):
    log_in(page, live_server)
    page.clock.install()
    page.goto(f"{live_server.url}/pacing")
    page.fill("[name=name]", "Gardening")
    page.fill("[name=activity]", "2")
    page.fill("[name=rest]", "1")
    page.fill("[name=rounds]", "2")
    page.locator("[data-pacing-start]").click()
    player = page.locator("[data-player=pacing]")
    expect(player).to_have_attribute("data-phase", "activity")
    expect(player.locator("[data-phase-label]")).to_have_text("Round 1 of 2")
    expect(player.locator("[data-phase-text]")).to_contain_text("Gardening")
    page.clock.fast_forward(2 * 60_000 + 500)
    expect(player).to_have_attribute("data-phase", "rest")
    expect(page.locator("[data-announce]")).to_contain_text("Time to rest")
    page.clock.fast_forward(60_000 + 500)
    expect(player.locator("[data-phase-label]")).to_have_text("Round 2 of 2")
    expect(page.locator("[data-announce]")).to_contain_text("Gardening")
    page.clock.fast_forward(2 * 60_000 + 500)
    expect(player).to_have_attribute("data-phase", "done")
    expect(page.locator("[data-announce]")).to_contain_text("All rounds done")
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_progression_screenshots(browser, live_server, scheme, lang):
    """The player, a proposed step on Today and the physio's progression view; pictures for the docs."""
    propose_walk_step(live_server)
    item_id, slot, _ = timed_item(live_server)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    suffix = f"-{scheme}" + ("-de" if lang == "de" else "")
    shots = []
    for who in ("demo.patient@example.com", "demo.clinician@example.com"):
        page = still_page(browser, scheme, locale=BROWSER_LOCALES[lang])
        context = page.context
        errors = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        log_in(page, live_server, who)
        if who.startswith("demo.patient"):
            card = page.locator("[data-step-proposal]")
            card.screenshot(path=str(SCREENSHOTS / f"progression-step{suffix}.png"), animations="disabled")
            page.goto(f"{live_server.url}/player/{item_id}?slot={slot}")
            page.locator("[data-next-btn]").click()
            page.screenshot(path=str(SCREENSHOTS / f"player{suffix}.png"), animations="disabled", caret="hide")
            shots += [SCREENSHOTS / f"progression-step{suffix}.png", SCREENSHOTS / f"player{suffix}.png"]
        else:
            with live_server.app.app_context():
                pid = db.session.scalar(select(User.id).where(User.email == PATIENT))
            page.goto(f"{live_server.url}/clinician/patients/{pid}#progression")
            page.locator("#progression").screenshot(path=str(SCREENSHOTS / f"progression-physio{suffix}.png"),
                                                    animations="disabled")
            shots.append(SCREENSHOTS / f"progression-physio{suffix}.png")
        context.close()
        assert errors == []
    assert all(p.stat().st_size > 3_000 for p in shots)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_progression_pages_have_no_serious_axe_violation(browser, live_server, scheme):
    """The player (steps and timer), pacing, /progression, Today with a proposal, the physio's section."""
    from axe import axe_violations, blocking
    propose_walk_step(live_server)
    item_id, slot, _ = timed_item(live_server)
    found = {}
    for who, paths in (("demo.patient@example.com", ["/today", f"/player/{item_id}?slot={slot}", "/pacing",
                                                     "/progression", "/progress"]),
                       ("demo.clinician@example.com", ["/clinician"])):
        context = browser.new_context(viewport=PHONE, color_scheme=scheme, service_workers="block")
        page = context.new_page()
        log_in(page, live_server, who)
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            found[path] = blocking(axe_violations(page))
        if who.startswith("demo.clinician"):
            with live_server.app.app_context():
                pid = db.session.scalar(select(User.id).where(User.email == PATIENT))
            page.goto(f"{live_server.url}/clinician/patients/{pid}")
            found["physio"] = blocking(axe_violations(page))
        context.close()
    assert {k: v for k, v in found.items() if v} == {}


def test_reps_are_counted_and_holds_time_themselves(page, live_server):
    """A repetition routine counts taps to the dose; a hold routine's timer moves on by itself, rest between sets."""
    with live_server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == PATIENT))
        version = current_version(db.session, plan_for(db.session, user), "standard")
        hold = next(i for i in version.items if i.hold_seconds)
        reps = next(i for i in version.items if i.reps and i.id != hold.id)
        reps.hold_seconds, reps.minutes, reps.sets = None, None, 2   # a plain repetition dose, two sets
        db.session.commit()
        reps_dose, hold_dose = (reps.id, reps.reps, reps.sets or 1), (hold.id, hold.hold_seconds, hold.sets or 1)
    log_in(page, live_server)
    page.clock.install()
    page.goto(f"{live_server.url}/player/{reps_dose[0]}")
    player = page.locator("[data-player=routine]")
    while player.get_attribute("data-phase") == "step":
        page.locator("[data-next-btn]").click()
    expect(player).to_have_attribute("data-phase", "reps")
    for _ in range(reps_dose[1]):
        page.locator("[data-count-btn]").click()
    expect(page.locator("[data-count]")).to_have_text(f"{reps_dose[1]} of {reps_dose[1]}")
    expect(page.locator("[data-announce]")).to_contain_text("Set done")
    page.locator("[data-next-btn]").click()
    expect(player).to_have_attribute("data-phase", "rest" if reps_dose[2] > 1 else "done")

    page.goto(f"{live_server.url}/player/{hold_dose[0]}")
    while player.get_attribute("data-phase") == "step":
        page.locator("[data-next-btn]").click()
    expect(player).to_have_attribute("data-phase", "hold")
    page.clock.fast_forward(hold_dose[1] * 1000 + 500)
    expect(player).not_to_have_attribute("data-phase", "hold")
    assert player.get_attribute("data-phase") in ("relax", "rest", "done")
    assert page.console_errors == []
