"""Every link and button on the main pages is at least 44x44 px at 390x844, and the bottom bar uses real icons."""
from __future__ import annotations

from browser_fixtures import PHONE
from pages import visit_all

# Visible links, buttons, summaries and scale options. A link inside a sentence is exempt (WCAG 2.5.8): it
# wraps with the text, and a taller box would push the lines apart.
MEASURE = """() => {
  const inSentence = (el) => el.tagName === 'A' && el.parentElement && ['P', 'LI', 'SPAN', 'SMALL', 'BLOCKQUOTE',
    'DD', 'LABEL'].includes(el.parentElement.tagName) && [...el.parentElement.childNodes].some(
    (n) => n.nodeType === 3 && n.textContent.trim().length > 1);
  const small = [];
  document.querySelectorAll('a[href], button, summary, .scale-option, .quick-pain').forEach((el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden' || el.closest('[hidden], .skip')) return;
    if (inSentence(el)) return;
    if (box.width < 43.5 || box.height < 43.5) {
      small.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className.split(' ')[0] : ''} ` +
        `"${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ` +
        `${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  });
  return small;
}"""


def test_every_tap_target_is_at_least_44_px(browser, live_server):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
    page = context.new_page()
    found = {}

    def check(name, pg):
        pg.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        small = pg.evaluate(MEASURE)
        if small:
            found[name] = small
    visit_all(page, live_server, check)
    context.close()
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_the_harness_reports_a_small_target(browser, live_server):
    """The measurement can fail: a 20 px high link planted on a real page is reported."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/login")
    page.evaluate("""() => { const a = document.createElement('a'); a.href = '/x'; a.textContent = 'tiny';
        a.style.display = 'inline-block'; a.style.height = '20px'; document.querySelector('main').append(a); }""")
    small = page.evaluate(MEASURE)
    context.close()
    assert any('"tiny"' in s for s in small)


def test_bottom_bar_shows_vendored_icons(page, live_server):
    from browser_fixtures import log_in
    log_in(page, live_server)
    icons = page.locator(".bottom-nav svg.nav-icon")
    assert icons.count() == 5
    assert "lucide-calendar-check" in (icons.first.get_attribute("class") or "")
    box = icons.first.bounding_box()
    assert box["width"] >= 20 and box["height"] >= 20


def test_clinician_range_selector_fits_one_row_at_390(page, live_server):
    from browser_fixtures import log_in
    log_in(page, live_server, "demo.clinician@example.com")
    page.locator(".patient-link").first.click()
    tops = page.locator(".segmented a").evaluate_all(
        "links => links.map((a) => Math.round(a.getBoundingClientRect().top))")
    assert len(tops) >= 3 and len(set(tops)) == 1
    assert page.locator(".segmented").evaluate("el => el.scrollWidth <= el.clientWidth")
