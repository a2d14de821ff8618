"""The whole day works offline in real Chromium, and every change reaches the server exactly once."""
from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from browser_fixtures import ARTIFACTS, PHONE
from offline_helpers import (
    back_online,
    open_app,
    outbox,
    patient_today,
    replay,
    rows,
    server_day,
    shown_items,
    wait_today,
    wait_waiting,
)


@pytest.fixture
def tokyo_page(browser):
    """A phone whose clock runs in Tokyo (+09:00) while the patient's plan is in London: a traveller."""
    ctx = browser.new_context(viewport=PHONE, timezone_id="Asia/Tokyo", service_workers="allow", is_mobile=True,
                              has_touch=True)
    page = ctx.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    ctx.close()


def open_full_checkin(page) -> None:
    """Before the day's first check-in the full form is folded under the quick one (one scale on screen)."""
    page.locator(".checkin-full > summary").click()


def tick_offline(page, count: int) -> list[tuple[int, str]]:
    items = page.locator("[data-plan-item-id]")
    picked = []
    for i in range(count):
        item = items.nth(i)
        item.locator('[data-action="done"]').click()
        expect(item).to_have_attribute("data-status", "done")
        picked.append((int(item.get_attribute("data-plan-item-id")), item.get_attribute("data-slot")))
    return picked


def test_offline_ticks_and_checkin_reach_the_server_exactly_once(tokyo_page, live_server):
    page = tokyo_page
    open_app(page, live_server)
    day = patient_today(live_server)
    page.context.set_offline(True)
    page.reload()
    wait_today(page)
    assert page.evaluate("document.documentElement.hasAttribute('data-offline-copy')")
    assert shown_items(page) == server_day(live_server, day)

    picked = tick_offline(page, 3)
    open_full_checkin(page)
    page.locator("input[name=pain][value='4']").check(force=True)
    page.locator("[data-checkin-form] button[type=submit]").click()
    expect(page.locator("[data-outbox-badge]")).to_have_text("4 waiting")
    expect(page.locator("[data-net-status]")).to_have_text("Offline — your changes are saved on this phone")
    expect(page.locator("[data-checkin-summary]")).to_contain_text("pain 4/10")

    page.reload()
    wait_today(page)
    for item_id, slot in picked:
        li = page.locator(f'[data-plan-item-id="{item_id}"][data-slot="{slot}"]')
        expect(li).to_have_attribute("data-status", "done")
        expect(li.locator("[data-status-label]")).to_contain_text("Done")
    expect(page.locator("[data-done-count]")).to_have_text("3")
    expect(page.locator("[data-checkin-summary]")).to_contain_text("Saved on this phone: pain 4/10")
    queued = outbox(page)
    assert len(queued) == 4
    assert rows(live_server, day).completions == []

    back_online(page)
    expect(page.locator("[data-net-status]")).to_be_hidden()
    stored = rows(live_server, day)
    assert sorted((c.plan_item_id, c.slot, c.status) for c in stored.completions) == sorted(
        (i, s, "done") for i, s in picked)
    assert [c.pain for c in stored.checkins] == [4]
    assert {c.client_id for c in stored.completions + stored.checkins} == {e["client_id"] for e in queued}
    # The device's own time and offset are kept (Tokyo is +09:00 all year).
    assert {c.recorded_offset_min for c in stored.completions + stored.checkins} == {540}

    assert replay(page, queued) == ["duplicate"] * 4
    again = rows(live_server, day)
    assert len(again.completions) == 3 and len(again.checkins) == 1
    expect(page.locator("[data-done-count]")).to_have_text("3")
    assert page.console_errors == []


@pytest.mark.parametrize("reached_server", [True, False], ids=["answer-lost", "request-lost"])
def test_network_failing_mid_sync_loses_and_doubles_nothing(page, live_server, reached_server):
    open_app(page, live_server)
    day = patient_today(live_server)
    page.context.set_offline(True)
    picked = tick_offline(page, 2)
    attempts = []

    def cut(route):
        """The connection drops: after the server answered, or before the request got there."""
        attempts.append(route.request.post_data_json)
        if reached_server:
            route.fetch()
        route.abort("connectionreset")

    # context.route also catches the worker's Background Sync requests.
    page.context.route("**/api/v1/sync", cut)
    page.context.set_offline(False)
    expect(page.locator("[data-net-status]")).to_have_text("Can't reach Inoplan — your changes are saved on this phone")
    expect(page.locator("[data-outbox-badge]")).to_have_text("2 waiting")
    assert attempts and all(len(a["items"]) == 2 for a in attempts)
    assert len(rows(live_server, day).completions) == (2 if reached_server else 0)
    assert len(outbox(page)) == 2

    # Wait for handlers still running (a retry may be in flight), or one would answer an unrouted request.
    page.context.unroute_all(behavior="wait")
    page.locator("[data-outbox-badge]").click()  # "Sync now"
    expect(page.locator("[data-outbox-badge]")).to_be_hidden()
    stored = rows(live_server, day).completions
    assert sorted((c.plan_item_id, c.slot) for c in stored) == sorted(picked)
    assert [e for e in page.console_errors if "ERR_" not in e] == []


def test_a_day_never_visited_opens_offline_from_the_saved_plan(page, live_server):
    open_app(page, live_server)
    future = patient_today(live_server) + timedelta(days=9)
    # Today's saved page carries today's check-in; the other day must not inherit it.
    open_full_checkin(page)
    page.locator("input[name=pain][value='7']").check(force=True)
    page.locator("[data-checkin-form] button[type=submit]").click()
    wait_waiting(page, 0)
    page.reload()
    wait_today(page)
    assert page.locator("input[name=pain][value='7']").is_checked()
    page.context.set_offline(True)
    page.goto(f"{live_server.url}/today?date={future.isoformat()}")
    wait_today(page)
    assert shown_items(page) == server_day(live_server, future)
    assert page.locator("input[name=pain]:checked").count() == 0
    expect(page.locator("#checkin > p").first).to_have_text(re.compile("^Takes ten seconds"))
    expect(page.locator("[data-today] h1")).to_contain_text(future.strftime("%A"))
    expect(page.locator("[data-today] h1 small")).to_have_text(f"{future.day} {future.strftime('%B %Y')}")
    assert page.locator("[data-checkin-form] input[name=date]").input_value() == future.isoformat()

    # A future day shows what is coming without tick buttons or a check-in (nothing to refuse later).
    expect(page.locator("[data-day-note]")).to_be_visible()
    expect(page.locator("[data-tick-form]")).to_have_count(0)
    expect(page.locator("#checkin")).to_be_hidden()
    assert rows(live_server, future).completions == []
    assert [e for e in page.console_errors if "ERR_" not in e] == []


def test_saved_day_offline_looks_calm(browser, live_server):
    """Screenshots of /today offline with changes waiting, light and dark."""
    for scheme in ("light", "dark"):
        ctx = browser.new_context(viewport=PHONE, device_scale_factor=2, color_scheme=scheme, service_workers="allow")
        page = ctx.new_page()
        open_app(page, live_server)
        ctx.set_offline(True)
        page.reload()
        wait_today(page)
        tick_offline(page, 2)
        page.evaluate("window.scrollTo(0, 0)")
        net = page.locator("[data-net-status]")
        expect(net).to_be_visible()
        badge = page.locator("[data-outbox-badge]")
        assert badge.bounding_box()["height"] >= 44 and net.bounding_box()["width"] > 300
        ARTIFACTS.mkdir(exist_ok=True)
        assert len(page.screenshot(path=str(ARTIFACTS / f"today-offline-{scheme}.png"))) > 10_000
        ctx.close()


SWITCH = """(mode) => {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/plan/mode';
  form.dataset.outbox = 'mode';
  const button = Object.assign(document.createElement('button'), {type: 'submit', name: 'mode', value: mode,
    textContent: 'Switch'});
  button.dataset.testSwitch = '';
  form.append(button);
  document.querySelector('main').prepend(form);
}"""


def test_flare_switch_offline_shows_the_flare_plan_at_once_and_syncs(page, live_server):
    """Any form marked data-outbox="mode" (the flare-up switch) is queued and redraws the day offline."""
    open_app(page, live_server)
    day = patient_today(live_server)
    standard = shown_items(page)
    page.context.set_offline(True)
    page.evaluate(SWITCH, "flare")
    page.locator("[data-test-switch]").click()
    expect(page.locator(".pill-flare")).to_be_visible()
    offline_flare = shown_items(page)
    assert offline_flare != standard
    assert [e["mode"] for e in outbox(page)] == ["flare"]

    back_online(page)
    assert server_day(live_server, day) == offline_flare
    assert page.console_errors == []


def test_checkin_without_pain_says_so_and_queues_nothing(page, live_server):
    open_app(page, live_server)
    page.context.set_offline(True)
    open_full_checkin(page)
    page.locator("[data-checkin-form] button[type=submit]").click()
    expect(page.locator("[data-checkin-form] .field-error")).to_have_text("Please choose a value.")
    assert outbox(page) == []
    page.locator("input[name=pain][value='6']").check(force=True)
    page.locator("[data-checkin-form] button[type=submit]").click()
    expect(page.locator("[data-checkin-form] .field-error")).to_have_count(0)
    assert [e["pain"] for e in outbox(page)] == [6]


def test_background_sync_sends_with_no_page_open(page, live_server):
    """Ticked offline, app closed, network back: the worker's Background Sync sends the changes."""
    page.add_init_script("""navigator.storage.persist = () => {
        window.persistAsked = true; return Promise.resolve(false); };""")
    open_app(page, live_server)
    day = patient_today(live_server)
    page.context.set_offline(True)
    picked = tick_offline(page, 2)
    wait_waiting(page, 2)
    assert page.evaluate("window.persistAsked === true")  # asked to keep the outbox through storage pressure
    context = page.context
    page.close()
    context.set_offline(False)
    deadline = time.monotonic() + 30  # the worker's sync event comes when the browser chooses; a busy CI is slow
    while len(rows(live_server, day).completions) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted((c.plan_item_id, c.slot) for c in rows(live_server, day).completions) == sorted(picked)
