"""Check-in scores as a FHIR R4 Bundle (type collection): one Patient and one Observation per score.

Pain uses LOINC 72514-3 and sleep duration LOINC 93832-4. Stiffness, fatigue, sleep quality and mood are
Inoplan's own self-rated scales with no exactly matching LOINC code, so they use a local CodeSystem (LOCAL).
"""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import CheckIn, User
from app.services.measures.fhir import entries as measure_entries
from app.services.sleep import fhir as sleep_fhir

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
LOCAL = "https://inoplan.example/fhir/CodeSystem/checkin-scores"
SURVEY = {"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey",
          "display": "Survey"}
# field -> (system, code, display, unit or None, scale text)
SCORES = {
    "pain": (LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", None, "0-10"),
    "stiffness": (LOCAL, "stiffness", "Muscle stiffness, self-rated", None, "0-10"),
    "fatigue": (LOCAL, "fatigue", "Fatigue, self-rated", None, "0-10"),
    "sleep_hours": (LOINC, "93832-4", "Sleep duration", "h", "hours"),
    "sleep_quality": (LOCAL, "sleep-quality", "Sleep quality, self-rated", None, "1-5"),
    "mood": (LOCAL, "mood", "Mood, self-rated", None, "1-5"),
}


def urn() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def observation(checkin: CheckIn, field: str, subject: str) -> dict:
    system, code, display, unit, scale = SCORES[field]
    value = getattr(checkin, field)
    resource = {
        "resourceType": "Observation", "status": "final", "category": [{"coding": [SURVEY]}],
        "code": {"coding": [{"system": system, "code": code, "display": display}], "text": f"{display} ({scale})"},
        "subject": {"reference": subject},
        "effectiveDateTime": checkin.date.isoformat(),
        "issued": checkin.received_at.astimezone(UTC).isoformat(),
        "identifier": [{"system": "urn:inoplan:checkin", "value": f"{checkin.client_id}/{field}"}],
    }
    if unit:
        resource["valueQuantity"] = {"value": value, "unit": unit, "system": UCUM, "code": unit}
    else:
        resource["valueInteger"] = value
    return resource


def bundle(session: Session, user: User) -> dict:
    """The patient and every recorded check-in score."""
    patient_url = urn()
    entries = [{"fullUrl": patient_url, "resource": {
        "resourceType": "Patient", "name": [{"text": user.display_name}],
        "telecom": [{"system": "email", "value": user.email}]}}]
    for checkin in session.scalars(select(CheckIn).where(CheckIn.patient_id == user.id).order_by(CheckIn.date)):
        for field in SCORES:
            if getattr(checkin, field) is not None:
                entries.append({"fullUrl": urn(), "resource": observation(checkin, field, patient_url)})
    entries += [{"fullUrl": urn(), "resource": r} for r in sleep_fhir.observations(session, user, patient_url)]
    entries += measure_entries(session, user.id, patient_url)  # questionnaires (services/measures/fhir.py)
    return {"resourceType": "Bundle", "type": "collection",
            "timestamp": datetime.now(UTC).isoformat(), "entry": entries}
