"""Large text, reduced motion and announced form errors, in real Chromium at 390x844."""
from __future__ import annotations

import pytest

from browser_fixtures import PHONE, log_in

KEY_PAGES = ["/today", "/plan", "/progress", "/learn", "/learn/red-flags", "/settings", "/settings/profile"]
# A phone context (is_mobile) widens the layout viewport to fit wide content, so compare with the phone's width.
OVERFLOW = """(width) => {
    const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
        .map(e => e.tagName + '.' + e.className).slice(0, 5);
    return {scroll: document.documentElement.scrollWidth, inner: Math.min(innerWidth, width), wide};
}"""
DURATIONS = """() => [...document.querySelectorAll('*')].flatMap(e => {
    const s = getComputedStyle(e);
    return [...s.transitionDuration.split(','), ...s.animationDuration.split(',')].map(parseFloat);
})"""


def scale_text(page) -> None:
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")


@pytest.mark.parametrize("path", ["/login", "/register"])
def test_text_at_200_percent_fits_logged_out(page, live_server, path):
    """Doubling the text size never makes the page scroll sideways."""
    page.goto(live_server.url + path)
    scale_text(page)
    result = page.evaluate(OVERFLOW, PHONE["width"])
    assert result["scroll"] <= result["inner"] and not result["wide"], result


def test_text_at_200_percent_fits_on_key_pages(page, live_server):
    """The same on the patient's main pages, with the text still there to read."""
    log_in(page, live_server)
    for path in KEY_PAGES:
        page.goto(live_server.url + path)
        before = page.locator("main").inner_text()
        scale_text(page)
        result = page.evaluate(OVERFLOW, PHONE["width"])
        assert result["scroll"] <= result["inner"] and not result["wide"], (path, result)
        assert page.locator("main").inner_text() == before
        assert page.locator("main h1").first.bounding_box()["height"] > 40, path  # it really grew


def test_reduced_motion_turns_transitions_off(browser, live_server):
    """With prefers-reduced-motion every transition and animation lasts 0 s; without it, buttons do animate."""
    durations = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(viewport=PHONE, reduced_motion=motion, service_workers="block")
        page = context.new_page()
        log_in(page, live_server)
        durations[motion] = page.evaluate(DURATIONS)
        context.close()
    assert max(durations["no-preference"]) > 0
    assert max(durations["reduce"]) == 0


def test_register_errors_are_announced(page, live_server):
    """Invalid fields are marked, described by their message, the message is an alert, and focus goes there."""
    page.goto(live_server.url + "/register")
    page.fill("input[name=email]", "not-an-email")
    page.fill("input[name=password]", "short")
    with page.expect_navigation():
        page.click("button[type=submit]")
    invalid = page.locator('[aria-invalid="true"]')
    assert invalid.count() >= 2
    for i in range(invalid.count()):
        message = page.locator("#" + invalid.nth(i).get_attribute("aria-describedby"))
        assert message.get_attribute("role") == "alert" and message.inner_text().strip()
    assert page.evaluate("() => document.activeElement.getAttribute('aria-invalid')") == "true"


def test_check_in_errors_are_announced(page, live_server):
    """A check-in with no pain and 30 hours of sleep comes back with both errors announced."""
    log_in(page, live_server)
    page.locator(".checkin-full > summary").click()  # folded under the quick check-in until the first one
    form = page.locator("[data-checkin-form]")
    form.locator("summary").click()
    form.locator("input[name=sleep_hours]").fill("30")
    form.locator("button[type=submit]").click()  # checked on the phone before it is queued
    assert page.locator("#pain-error[role=alert]").inner_text() == "Please choose a value."
    assert page.locator("input[name=pain]").first.get_attribute("aria-describedby") == "pain-error"
    assert "0 to 24" in page.locator("#sleep_hours-error[role=alert]").inner_text()
    assert page.locator("#sleep_hours").get_attribute("aria-invalid") == "true"
    assert page.evaluate("() => document.activeElement.name") == "pain"  # focus on the first problem
