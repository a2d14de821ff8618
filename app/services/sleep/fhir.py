"""Diary nights as FHIR R4 Observations: total sleep time (LOINC 93832-4 "Sleep duration", hours) and sleep
efficiency (%, Inoplan's own code: LOINC has no code for the diary's efficiency). Each has the night's
real start and end (in bed -> out of bed, in the zone of that night) as its effectivePeriod."""
from __future__ import annotations

from datetime import UTC

from sqlalchemy.orm import Session

from app.models import SleepEntry, User
from app.services.sleep import figures as fig
from app.services.sleep import store

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
LOCAL = "https://inoplan.example/fhir/CodeSystem/sleep-diary"
SLEEP_DURATION = (LOINC, "93832-4", "Sleep duration")
SLEEP_EFFICIENCY = (LOCAL, "sleep-efficiency", "Sleep efficiency (total sleep time / time in bed)")


def _observation(entry: SleepEntry, code: tuple, quantity: dict, suffix: str, subject: str) -> dict:
    at = fig.instants(entry.date, entry.times, entry.tz)
    system, value, display = code
    return {
        "resourceType": "Observation", "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                  "code": "survey", "display": "Survey"}]}],
        "code": {"coding": [{"system": system, "code": value, "display": display}], "text": display},
        "subject": {"reference": subject},
        "effectivePeriod": {"start": at["in_bed"].isoformat(), "end": at["out_of_bed"].isoformat()},
        "issued": entry.received_at.astimezone(UTC).isoformat(),
        "identifier": [{"system": "urn:inoplan:sleep", "value": f"{entry.client_id}/{suffix}"}],
        "valueQuantity": {**quantity, "system": UCUM},
    }


def observations(session: Session, user: User, subject: str) -> list[dict]:
    """Two Observations per diary night."""
    out = []
    for entry in store.entries(session, user.id):
        f = store.night_figures(entry)
        out.append(_observation(entry, SLEEP_DURATION, {"value": round(f.total_sleep_min / 60, 2), "unit": "h",
                                                         "code": "h"}, "total-sleep", subject))
        out.append(_observation(entry, SLEEP_EFFICIENCY, {"value": f.efficiency, "unit": "%", "code": "%"},
                                "efficiency", subject))
    return out
