"""Keyboard-only use of the today screen: no mouse, no touch, only Tab, Shift+Tab, Space, Enter and arrows."""
from __future__ import annotations

from browser_fixtures import log_in

FOCUSED = "() => { const e = document.activeElement; return e ? e.outerHTML.slice(0, 200) : ''; }"


def tab_to(page, test: str, limit: int = 150, key: str = "Tab") -> None:
    """Press Tab until `test` (JS taking the focused element) is true; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean(el && ({test})); }}"):
            return
    raise AssertionError(f"never reached {test}; focus is on {page.evaluate(FOCUSED)}")


def focus_is_visible(page) -> bool:
    return page.evaluate("""() => {
        const el = document.activeElement, s = getComputedStyle(el), span = el.nextElementSibling;
        const own = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        const drawn = span && getComputedStyle(span).outlineStyle !== 'none';  // custom radios draw it on the span
        return own || Boolean(drawn);
    }""")


def wait_for_empty_outbox(page) -> None:
    page.wait_for_function("async () => (await globalThis.InoplanOutbox.count()) === 0")


def test_check_in_with_the_keyboard_only(page, live_server):
    """Tab into the pain scale, pick 4 with the arrow keys, Tab on to Save and press Enter."""
    log_in(page, live_server)
    # Before the day's first check-in the full form is folded under the quick one: open it with the keyboard.
    tab_to(page, "el.matches('.checkin-full > summary')")
    page.keyboard.press("Enter")
    tab_to(page, "el.type === 'radio' && el.name === 'pain' && el.closest('[data-checkin-form]')")
    assert focus_is_visible(page)
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.value") == "4"
    assert page.locator("[data-checkin-form] input[name=pain]:checked").get_attribute("value") == "4"
    tab_to(page, "el.type === 'submit' && el.closest('[data-checkin-form]')")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")  # saved on the phone at once, then synced (docs/offline.md)
    page.wait_for_function("() => /Saved: pain 4\\/10/.test(document.querySelector('#checkin').innerText)")
    wait_for_empty_outbox(page)
    page.reload()
    assert "Saved: pain 4/10" in page.locator("#checkin").inner_text()


def test_tick_an_item_with_the_keyboard_only(page, live_server):
    """Tab to the first Done button and press Space: the item is stored as done."""
    log_in(page, live_server)
    first = page.locator("[data-plan-item-id]").first
    item_id, slot = first.get_attribute("data-plan-item-id"), first.get_attribute("data-slot")
    tab_to(page, "el.dataset.action === 'done'")
    tab_to(page, "el.dataset.action === 'partial'")  # and back again with Shift+Tab
    tab_to(page, "el.dataset.action === 'done'", limit=1, key="Shift+Tab")
    assert focus_is_visible(page)
    page.keyboard.press("Space")
    page.wait_for_selector(f'[data-plan-item-id="{item_id}"][data-slot="{slot}"][data-status="done"]')  # at once
    wait_for_empty_outbox(page)
    page.reload()
    assert page.locator(f'[data-plan-item-id="{item_id}"][data-slot="{slot}"]').get_attribute("data-status") == "done"


def test_quick_check_in_is_one_key_press(page, live_server):
    """The bad-day check-in: Tab to a pain number and press Enter; that is all."""
    log_in(page, live_server)
    tab_to(page, "el.classList.contains('quick-pain') && el.value === '0'")
    for _ in range(7):
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.value") == "7"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Saved: pain 7/10" in page.locator("#checkin").inner_text()
    assert page.locator("[data-quick-checkin]").count() == 0
    assert page.locator("[data-flare-offer]").is_visible()  # pain 7 offers the gentler plan
