"""What a person calls each field of a write, in front of what was wrong with it: one table for the plain forms'
messages (flash_rejected) and the page scripts' rejected-change list (static/js/sync.js reads it from the page's
catalogue, app/i18n.js_catalog). The reason after the name is the sync store's own words (English, like the API)."""
from __future__ import annotations

from flask import flash
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

FIELD_LABELS = {
    "date": _l("Date"), "slot": _l("Time"), "status": _l("Status"), "pain_before": _l("Pain before"),
    "pain_after": _l("Pain after"), "plan_item_id": _l("This routine"), "pain": _l("Pain"),
    "stiffness": _l("Stiffness"), "fatigue": _l("Fatigue"), "sleep_hours": _l("Hours slept"),
    "sleep_quality": _l("Sleep quality"), "mood": _l("Mood"), "note": _l("Note"), "mode": _l("Plan"),
    "client_id": _l("Entry"), "type": _l("Entry"), "entry": _l("Entry"), "recorded_at": _l("Time recorded"),
    "text": _l("Message"), "intensity": _l("Intensity"), "areas": _l("Body areas"), "start": _l("Start"),
    "end": _l("End"), "name": _l("Name"), "effect": _l("Effect"),
}


def label(name: str) -> str:
    """The field's name for a person; a field without one is named as the API names it, made readable."""
    return str(FIELD_LABELS[name]) if name in FIELD_LABELS else name.replace("_", " ").capitalize()


def labels() -> dict[str, str]:
    """Every field's name in the current language (for the page scripts)."""
    return {name: str(text) for name, text in FIELD_LABELS.items()}


def problem(name: str, message: str) -> str:
    """"Pain must be from 0 to 10." in the current language's word order."""
    return gettext("%(field)s %(problem)s.", field=label(name), problem=message)


def flash_rejected(fields: dict[str, str] | None) -> None:
    """A plain form's write the sync store rejected: one error line per field."""
    for name, message in (fields or {}).items():
        flash(problem(name, message), "error")
