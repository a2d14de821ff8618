"""Layout rules that hold on every page at 390x844: what the page hides takes no space (a component's own
`display` rule once showed the pacing timer's empty box), every text box is as tall as a tap target (text
inputs without a `type` attribute were once left unstyled, a few pixels high), and no control sticks out of its
card."""
from __future__ import annotations

from browser_fixtures import PHONE
from pages import PAGES, visit_all

SHOWN_HIDDEN = """() => [...document.querySelectorAll('[hidden]')].filter((el) => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
}).map((el) => el.outerHTML.slice(0, 80))"""

TEXT_BOXES = ("input:not([type]), input[type=text], input[type=email], input[type=password], input[type=number], "
              "input[type=time], input[type=date], select, textarea")
LOW_TEXT_BOXES = """() => [...document.querySelectorAll('""" + TEXT_BOXES + """')].filter((el) => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && box.height < 43.5;
}).map((el) => `${el.outerHTML.slice(0, 80)} ${Math.round(el.getBoundingClientRect().height)}px`)"""


# A control that sticks out of its card (date inputs in a two-column grid once did, by their minimum width).
OUT_OF_CARD = """() => [...document.querySelectorAll(
    '.card input, .card select, .card textarea, .card button, .card .btn')].filter((el) => {
    const box = el.getBoundingClientRect(), card = el.closest('.card').getBoundingClientRect();
    return box.width > 0 && (box.right > card.right + 0.5 || box.left < card.left - 0.5);
  }).map((el) => el.outerHTML.slice(0, 80))"""


def test_hidden_stays_hidden_and_text_boxes_are_tap_sized(browser, live_server):
    page = browser.new_context(viewport=PHONE, service_workers="block").new_page()
    found, seen = {}, []

    def check(name, pg):
        seen.append(name)
        pg.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        problems = pg.evaluate(SHOWN_HIDDEN) + pg.evaluate(LOW_TEXT_BOXES) + pg.evaluate(OUT_OF_CARD)
        if problems:
            found[name] = problems
    visit_all(page, live_server, check)
    page.context.close()
    assert seen == [name for name, _, _ in PAGES]
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_the_checks_can_fail(browser, live_server):
    """A box shown despite `hidden` and a low text input, planted on a real page, are both reported."""
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(live_server.url + "/login")
    page.evaluate("""() => { const d = document.createElement('div'); d.hidden = true; d.textContent = 'x';
        d.style.setProperty('display', 'block', 'important'); document.querySelector('main').append(d);
        const i = document.createElement('input'); i.style.setProperty('height', '12px', 'important');
        i.style.setProperty('min-height', '0', 'important'); document.querySelector('main').append(i); }""")
    assert len(page.evaluate(SHOWN_HIDDEN)) == 1 and len(page.evaluate(LOW_TEXT_BOXES)) == 1
    page.evaluate("""() => { const card = document.querySelector('.card') || document.querySelector('main');
        card.classList.add('card'); const wide = document.createElement('input'); wide.type = 'text';
        wide.style.setProperty('width', '900px', 'important'); card.append(wide); }""")
    assert any("900px" in found for found in page.evaluate(OUT_OF_CARD))
    page.context.close()
