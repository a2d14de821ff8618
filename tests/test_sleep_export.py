"""Diary nights in the JSON/CSV export and as FHIR Observations, checked by an independent R4 model."""
import csv
import io
import zipfile

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation

from helpers import night, sleep_sync


def test_the_export_holds_the_diary_with_its_figures(login, patient):
    s = login(patient)
    sleep_sync(s, night("2026-11-20"))
    data = s.get("/api/v1/export").get_json()
    [row] = data["sleep_diary"]
    assert (row["date"], row["in_bed"], row["total_sleep_min"], row["efficiency"]) == ("2026-11-20", "23:00", 420, 87.5)
    assert "sleep_entries" not in data["other"]
    archive = zipfile.ZipFile(io.BytesIO(s.get("/api/v1/export?format=csv").data))
    [csv_row] = list(csv.DictReader(io.StringIO(archive.read("sleep_diary.csv").decode())))
    assert csv_row["efficiency"] == "87.5" and csv_row["tz"] == "Europe/London"


def test_fhir_observations_for_total_sleep_and_efficiency_validate(login, patient):
    s = login(patient)
    sleep_sync(s, night("2026-10-25", tz="Europe/Berlin", in_bed="23:00", tried_sleep="23:00", final_wake="07:00",
                  out_of_bed="07:00", latency_min=0, waso_min=0, awakenings=0))
    body = s.get("/api/v1/export?format=fhir").get_json()
    Bundle.model_validate(body)
    sleep = [e["resource"] for e in body["entry"]
             if e["resource"]["resourceType"] == "Observation" and "sleep" in e["resource"]["identifier"][0]["system"]]
    assert len(sleep) == 2
    total, eff = (Observation.model_validate(r) for r in sleep)
    assert (total.code.coding[0].system, total.code.coding[0].code) == ("http://loinc.org", "93832-4")
    assert (float(total.valueQuantity.value), total.valueQuantity.unit) == (9.0, "h")  # the clocks went back
    assert (float(eff.valueQuantity.value), eff.valueQuantity.code) == (100.0, "%")
    assert total.effectivePeriod.start.isoformat() == "2026-10-24T21:00:00+00:00"
