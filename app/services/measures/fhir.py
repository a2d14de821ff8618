"""Measures in the FHIR R4 export: a Questionnaire per instrument used, and per response a QuestionnaireResponse
and an Observation of its score (category survey, derivedFrom the response).

LOINC codes where LOINC has the panel: PEG 91148-7 (score 91147-9), PHQ-9 44249-1 (total 44261-6), GAD-7 69737-5
(total 70274-6). PSFS and WPI/SSS use Inoplan's local CodeSystem.
"""
from __future__ import annotations

import uuid
from datetime import UTC

from sqlalchemy.orm import Session

from app.models import MeasureResponse
from app.services.measures.instruments import BODY_AREAS, BY_ID
from app.services.measures.store import history

LOINC = "http://loinc.org"
LOCAL = "https://inoplan.example/fhir/CodeSystem/measures"
CANONICAL = "https://inoplan.example/fhir/Questionnaire/"
UCUM = "http://unitsofmeasure.org"
SURVEY = {"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey",
          "display": "Survey"}
WPI_SSS_FIELDS = ("fatigue", "unrefreshed", "cognitive", "headache", "abdominal", "depression")


def _code(instrument: str, score: bool) -> dict:
    inst = BY_ID[instrument]
    code = inst.loinc_score if score else inst.loinc_panel
    if code:
        return {"coding": [{"system": LOINC, "code": code}], "text": inst.name + (" score" if score else "")}
    return {"coding": [{"system": LOCAL, "code": f"{instrument}{'-score' if score else ''}"}],
            "text": inst.name + (" score" if score else "")}


def questionnaire(instrument: str) -> dict:
    inst = BY_ID[instrument]
    if instrument == "psfs":
        items = [{"linkId": f"a{i}", "type": "group", "repeats": False, "item": [
            {"linkId": f"a{i}.activity", "text": "Activity", "type": "string"},
            {"linkId": f"a{i}.score", "text": inst.anchors[0] + " (0) to " + inst.anchors[1] + " (10)",
             "type": "integer"}]} for i in range(5)]
    elif instrument == "wpi_sss":
        items = [{"linkId": "areas", "text": "Areas of pain over the last week", "type": "choice", "repeats": True,
                  "answerOption": [{"valueCoding": {"system": LOCAL, "code": a}} for a in BODY_AREAS]}]
        items += [{"linkId": name, "text": name, "type": "integer"} for name in WPI_SSS_FIELDS]
    else:
        items = [{"linkId": f"q{i + 1}", "text": text, "type": "integer"} for i, text in enumerate(inst.items)]
    return {"resourceType": "Questionnaire", "url": CANONICAL + instrument, "version": inst.version,
            "name": instrument.upper(), "title": inst.name, "status": "active",
            "code": _code(instrument, False)["coding"], "item": items}


def _answers(r: MeasureResponse) -> list[dict]:
    if r.instrument == "psfs":
        return [{"linkId": f"a{i}", "item": [
            {"linkId": f"a{i}.activity", "answer": [{"valueString": a["activity"]}]},
            {"linkId": f"a{i}.score", "answer": [{"valueInteger": a["score"]}]}]} for i, a in enumerate(r.answers)]
    if r.instrument == "wpi_sss":
        out = [{"linkId": "areas", "answer": [{"valueCoding": {"system": LOCAL, "code": a}}
                                              for a in r.answers["areas"]]}] if r.answers["areas"] else []
        return out + [{"linkId": n, "answer": [{"valueInteger": r.answers[n]}]} for n in WPI_SSS_FIELDS]
    return [{"linkId": f"q{i + 1}", **({"answer": [{"valueInteger": a}]} if a is not None else {})}
            for i, a in enumerate(r.answers)]


def entries(session: Session, patient_id: int, subject: str) -> list[dict]:
    """Bundle entries for every response of one patient (Questionnaires first)."""
    responses = history(session, patient_id)
    out = [{"fullUrl": CANONICAL + i, "resource": questionnaire(i)}
           for i in dict.fromkeys(r.instrument for r in responses)]
    for r in responses:
        qr_url = f"urn:uuid:{uuid.uuid4()}"
        authored = r.recorded_at.astimezone(UTC).isoformat()
        out.append({"fullUrl": qr_url, "resource": {
            "resourceType": "QuestionnaireResponse", "status": "completed",
            "identifier": {"system": "urn:inoplan:measure", "value": r.client_id},
            "questionnaire": f"{CANONICAL}{r.instrument}|{r.version}", "subject": {"reference": subject},
            "authored": authored, "item": _answers(r)}})
        observation = {
            "resourceType": "Observation", "status": "final", "category": [{"coding": [SURVEY]}],
            "code": _code(r.instrument, True), "subject": {"reference": subject},
            "effectiveDateTime": r.date.isoformat(), "issued": r.received_at.astimezone(UTC).isoformat(),
            "valueQuantity": {"value": r.score, "unit": "{score}", "system": UCUM, "code": "{score}"},
            "derivedFrom": [{"reference": qr_url}]}
        if r.instrument == "wpi_sss":
            observation["component"] = [
                {"code": {"coding": [{"system": LOCAL, "code": part}], "text": part.upper()},
                 "valueQuantity": {"value": r.parts[part], "unit": "{score}", "system": UCUM, "code": "{score}"}}
                for part in ("wpi", "sss")]
        out.append({"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": observation})
    return out
