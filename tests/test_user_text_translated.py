"""Every sentence a patient or physio reads goes through the translation layer: flash messages in the views and
text written straight into templates. (The catalogue tests in test_i18n.py check that each message has German.)"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.dates import format_date

from app.services.clock import local_today

ROOT = Path(__file__).resolve().parent.parent
GETTEXT = {"_", "_l", "gettext", "ngettext", "lazy_gettext", "str"}


# Helpers that return text built by gettext (app/clinician/plan_routes.py, app/services/records/labels.py).
TRANSLATING_HELPERS = {"left_out", "problem"}


def translated(node: ast.expr) -> bool:
    """A message built by gettext (joined or chosen from such messages); a variable or a form's error is trusted."""
    if isinstance(node, ast.Call):
        return getattr(node.func, "id", getattr(node.func, "attr", "")) in GETTEXT | TRANSLATING_HELPERS
    if isinstance(node, ast.IfExp):
        return translated(node.body) and translated(node.orelse)
    if isinstance(node, ast.BoolOp):
        return all(translated(value) for value in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return translated(node.left) and translated(node.right)
    return isinstance(node, (ast.Name, ast.Subscript, ast.Attribute))


def flashed_literals() -> list[str]:
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "flash" and node.args \
                    and not translated(node.args[0]):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_flash_message_is_translated():
    assert flashed_literals() == []


# Text a template may hold as it is: the product's name, and an instrument shown in its original English because no
# validated German version exists (the page says so in German; see docs/measures.md).
ALLOWED = {("templates/base.html", "Inoplan"), ("templates/base.html", "Inoplan · Inoplan")}
ENGLISH_ONLY_INSTRUMENT = "templates/measures/answer.html"
TAGS = re.compile(r"{#.*?#}|<script.*?</script>|<style.*?</style>|{%\s*block body_class\s*%}.*?{%\s*endblock\s*%}"
                  r"|{{.*?}}|{%.*?%}", re.S)


def template_literals() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        name = str(path.relative_to(ROOT))
        text = TAGS.sub(lambda m: "\n" * m.group(0).count("\n"), path.read_text())
        text = re.sub(r'<[^>]*\blang="en"[^>]*>.*?</(legend|span|p|label)>', "", text, flags=re.S) \
            if name == ENGLISH_ONLY_INSTRUMENT else text
        for attr in re.finditer(r'\b(?:alt|title|aria-label|placeholder)="([^"]*[A-Za-z]{2}[^"]*)"', text):
            found.append((name, text[:attr.start()].count("\n") + 1, attr.group(1)))
        words = re.sub(r"<[^>]*>", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
        for number, line in enumerate(words.split("\n"), 1):
            line = re.sub(r"&#?\w+;", "", line).strip()
            if re.search(r"[A-Za-z]{2}", line) and (name, line) not in ALLOWED:
                found.append((name, number, line))
    return found


def test_templates_hold_no_untranslated_text():
    assert template_literals() == []


def test_templates_write_dates_through_date_text():
    """A fixed Babel pattern in a template is right in one language only ("Montag 30 November" lacks German's comma
    and dot): dates go through `date_text` and its shapes (app/formatting.py PATTERNS)."""
    fixed = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "templates").rglob("*.html"))
             for n, line in enumerate(path.read_text().splitlines(), 1)
             if re.search(r"\|\s*(date|datetime)format\b", line)]
    assert fixed == []


@pytest.mark.parametrize("language, night", [("de", "Nacht auf {EEEE}, {d}. {MMMM}"),
                                             ("en", "Night to {EEEE} {d} {MMMM}")])
def test_a_sleep_diary_night_is_written_the_local_way(login, patient, language, night):
    day = local_today(patient.timezone)
    parts = {p: format_date(day, p, locale=language) for p in ("EEEE", "d", "MMMM")}
    page = login(patient).get(f"/sleep?date={day.isoformat()}", headers={"Accept-Language": language})
    assert night.format(**parts) in page.get_data(as_text=True)
