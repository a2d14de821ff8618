"""axe-core (vendored in tests/vendor/axe.min.js, MPL-2.0) run inside a Playwright page."""
from __future__ import annotations

from pathlib import Path

AXE_SOURCE = (Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js").read_text()
BLOCKING = ("serious", "critical")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[dict]:
    """Every axe violation on the page, as {id, impact, help, targets}."""
    # evaluate() runs through the DevTools protocol, so the page's strict CSP does not block the script
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate("() => {" + AXE_SOURCE + "\n}")
    result = page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""", TAGS)
    return result


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]
