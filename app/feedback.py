"""What a form post could not save, told in the person's language: one home for the field names the server
names in a rejected entry (the phone's outbox shows the same names; see docs/i18n.md)."""
from __future__ import annotations

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

FIELD_LABELS = {
    "date": _l("Date"), "slot": _l("Time"), "status": _l("Status"), "pain_before": _l("Pain before"),
    "pain_after": _l("Pain after"), "plan_item_id": _l("This routine"), "pain": _l("Pain"),
    "stiffness": _l("Stiffness"), "fatigue": _l("Fatigue"), "sleep_hours": _l("Hours slept"),
    "sleep_quality": _l("Sleep quality"), "mood": _l("Mood"), "note": _l("Note"), "mode": _l("Plan"),
    "client_id": _l("Entry"), "type": _l("Entry"), "recorded_at": _l("Time recorded"), "entry": _l("Entry"),
    "at": _l("Time"), "intensity": _l("Pain"), "areas": _l("Where it hurts"), "triggers": _l("Triggers"),
    "helped": _l("What helped"), "name": _l("Name"), "kind": _l("Kind"), "effect": _l("Effect"),
    "start": _l("Start"), "end": _l("End"), "bedtime": _l("Bedtime"), "rise": _l("Rise time"),
}


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name) or name.replace("_", " ").capitalize())


def flash_rejected(fields: dict | None) -> None:
    """One error message per field that was not accepted ("Pain: must be from 0 to 10")."""
    for name, problem in (fields or {}).items():
        flash(_("%(field)s: %(problem)s", field=field_label(name), problem=problem), "error")
