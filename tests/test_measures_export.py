"""Measures in the exports: a FHIR bundle that an independent validator accepts, and the JSON and CSV files."""
from __future__ import annotations

import io
import json
import uuid
import zipfile

from fhir.resources.R4B.bundle import Bundle

from app.services.clock import local_today
from app.services.measures.instruments import BODY_AREAS

ANSWERS = {
    "peg": [7, 5, 6],
    "psfs": [{"activity": "Climbing stairs", "score": 3}, {"activity": "Gardening", "score": 6}],
    "phq9": [1, 2, 1, 0, 1, 0, 2, None, 1],
    "gad7": [1, 1, 2, 0, 0, 1, 1],
    "wpi_sss": {"areas": list(BODY_AREAS[:5]), "fatigue": 2, "unrefreshed": 1, "cognitive": 1, "headache": 1,
                "abdominal": 0, "depression": 0},
}


def answer_everything(s, patient):
    day = local_today(patient.timezone).isoformat()
    items = [{"client_id": str(uuid.uuid4()), "type": "measure", "instrument": i, "date": day, "answers": a}
             for i, a in ANSWERS.items()]
    results = s.post_json("/api/v1/sync", {"items": items}).json["results"]
    assert [r["status"] for r in results] == ["created"] * 5


def test_fhir_export_of_every_instrument_validates_as_r4(login, patient):
    s = login(patient)
    answer_everything(s, patient)
    body = s.get("/api/v1/export?format=fhir").get_data(as_text=True)
    bundle = Bundle.model_validate_json(body)          # raises on anything that is not valid FHIR
    resources = [e.resource for e in bundle.entry]
    kinds = [r.__resource_type__ for r in resources]
    assert kinds.count("Questionnaire") == 5 and kinds.count("QuestionnaireResponse") == 5
    data = json.loads(body)
    by_url = {e["fullUrl"]: e["resource"] for e in data["entry"]}
    scores = [r for r in by_url.values() if r["resourceType"] == "Observation" and "derivedFrom" in r]
    assert len(scores) == 5
    codes = {o["code"]["coding"][0]["code"]: o["valueQuantity"]["value"] for o in scores}
    assert codes["91147-9"] == 6.0 and codes["70274-6"] == 6 and codes["44261-6"] == 9   # 8 answered, prorated
    for o in scores:
        assert o["category"][0]["coding"][0]["code"] == "survey"
        response = by_url[o["derivedFrom"][0]["reference"]]
        assert response["resourceType"] == "QuestionnaireResponse"
        url, version = response["questionnaire"].split("|")
        assert by_url[url]["resourceType"] == "Questionnaire" and by_url[url]["version"] == version
    panels = {q["code"][0]["code"] for q in by_url.values() if q["resourceType"] == "Questionnaire"}
    assert {"91148-7", "44249-1", "69737-5"} <= panels


def test_json_and_csv_exports_hold_the_measures(login, patient):
    s = login(patient)
    answer_everything(s, patient)
    data = s.get("/api/v1/export").json
    assert sorted(r["instrument"] for r in data["other"]["measure_responses"]) == sorted(ANSWERS)
    archive = zipfile.ZipFile(io.BytesIO(s.get("/api/v1/export?format=csv").data))
    text = archive.read("other_measure_responses.csv").decode()
    assert text.count("\n") == 6 and "phq9" in text and "Climbing stairs" in text
