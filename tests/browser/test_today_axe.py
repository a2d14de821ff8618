"""Today in every state a patient meets, light and dark: axe-core finds no serious or critical violation, the done
label passes WCAG AA contrast, and each state leaves a screenshot (docs/screenshots/ with SCREENSHOTS_DIR set).

    SCREENSHOTS_DIR=docs/screenshots .venv/bin/python -m pytest tests/browser/test_today_axe.py
"""
from __future__ import annotations

import pytest

from axe import axe_violations, blocking
from browser_fixtures import PHONE, SCREENSHOTS, log_in
from offline_helpers import wait_today, wait_waiting

MAX_HEIGHT = int(2.5 * PHONE["height"])

# WCAG relative luminance contrast of an element's text against the first opaque background behind it.
CONTRAST = """(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b]
    .map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  let node = el, bg = null;
  while (node && !bg) {
    const c = getComputedStyle(node).backgroundColor;
    if (rgb(c).length === 3 || rgb(c)[3] === 1) bg = c;
    node = node.parentElement;
  }
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(bg || 'rgb(255,255,255)'))].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = min(MAX_HEIGHT, max(PHONE["height"], page.evaluate("document.documentElement.scrollHeight")))
    page.set_viewport_size({"width": PHONE["width"], "height": height})
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), animations="disabled", caret="hide")
    page.set_viewport_size(PHONE)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_today_in_every_state_passes_axe(browser, live_server, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True,
                                  service_workers="allow", reduced_motion="reduce")
    page = context.new_page()
    found = {}

    def check(state: str) -> None:
        page.evaluate("window.scrollTo(0, 0)")  # a reload keeps the scroll; the sticky top bar would cover targets
        shoot(page, f"today-{state}-{scheme}")
        serious = blocking(axe_violations(page))
        if serious:
            found[state] = serious

    log_in(page, live_server)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    wait_today(page)
    check("nothing-done")
    cards = page.locator("[data-plan-item-id]")
    cards.nth(0).locator("[data-action=done]").click()
    cards.nth(1).locator("[data-action=partial]").click()
    cards.nth(2).locator("[data-action=skipped]").click()
    cards.nth(0).locator(".tick-more summary").click()
    cards.nth(0).locator("label:has(input[name=pain_after][value='3'])").click()
    wait_waiting(page, 0)
    page.reload()
    wait_today(page)
    done_label = page.locator(".is-done [data-status-label]").first
    assert done_label.evaluate(CONTRAST) >= 4.5
    check("done-partly-skipped")
    # Due now: due.js outlines the routine whose time has come; mark one as the clock would.
    cards.nth(3).evaluate("li => li.classList.add('is-due')")
    check("due-now")
    page.locator("[data-action=mode-flare]").click()
    page.locator(".pill-flare").wait_for()
    wait_waiting(page, 0)
    check("flare-on")
    page.locator("[data-action=mode-standard]").click()
    wait_waiting(page, 0)
    page.reload()
    wait_today(page)
    context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    page.locator("[data-plan-item-id]").nth(4).locator("[data-action=done]").click()
    page.locator("[data-outbox-badge]:not([hidden])").wait_for()
    check("offline-waiting")
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    wait_waiting(page, 0)
    card = page.locator("[data-plan-item-id]").nth(5)
    card.locator("input[name=plan_item_id]").evaluate("input => { input.value = '999999'; }")
    card.locator("[data-action=done]").click()
    card.locator("[data-item-error]").wait_for()
    check("error-shown")
    context.close()
    assert found == {}, found
