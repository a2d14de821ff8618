"""Privacy: export in JSON, CSV and FHIR, the access trail, and account deletion that leaves no trace."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from sqlalchemy import func, or_, select

from app.extensions import db
from app.models import AuditEvent, CareLink, CheckIn, Completion, PlanVersion, Routine, User
from app.services.accounts.export import user_fk_tables
from app.services.care import audit
from helpers import PASSWORD, entry_checkin, entry_completion, give_plan, link, make_user

NOTE = "note-only-the-victim-wrote-7731"


@pytest.fixture
def history(login, patient, clinician):
    """A linked patient with a plan (written by the clinician), a tick and two check-ins."""
    link(clinician, patient)
    version = give_plan(patient, author=clinician)
    item = version.items[0]
    s = login(patient)
    body = {"items": [entry_completion(item.id, "2026-01-05", item.slots[0], note=NOTE),
                      entry_checkin("2026-01-05", pain=6, stiffness=4, fatigue=7, sleep_hours=6.5, sleep_quality=2,
                                    mood=3, note=NOTE),
                      entry_checkin("2026-01-06", pain=3)]}
    assert all(r["status"] == "created" for r in s.post_json("/api/v1/sync", body).json["results"])
    audit.record(db.session, clinician, patient.id, "viewed_log")
    db.session.commit()
    return s


def test_json_export_holds_everything(history, patient, clinician):
    response = history.get("/api/v1/export")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = response.json
    assert data["profile"]["email"] == patient.email and "password_hash" not in data["profile"]
    assert "session_token" not in json.dumps(data) and patient.password_hash not in json.dumps(data)
    assert len(data["plan_versions"]) == 1 and data["plan_versions"][0]["author_name"] == clinician.display_name
    assert len(data["plan_items"]) == 3 and data["plan_items"][0]["routine_title"]
    assert [c["note"] for c in data["completions"]] == [NOTE]
    assert [c["pain"] for c in data["checkins"]] == [6, 3]
    assert data["care_links"][0]["clinician_name"] == clinician.display_name
    assert [e["action"] for e in data["audit_trail"]] == ["viewed_log"]


def test_each_export_is_audited(history, patient):
    for fmt in ("json", "csv", "fhir"):
        assert history.get(f"/api/v1/export?format={fmt}").status_code == 200
    details = db.session.scalars(select(AuditEvent.detail).where(
        AuditEvent.patient_id == patient.id, AuditEvent.action == "export").order_by(AuditEvent.id))
    assert [d["format"] for d in details] == ["json", "csv", "fhir"]


def test_csv_export_is_a_zip_of_csv_files(history):
    response = history.get("/api/v1/export?format=csv")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert {"profile.csv", "checkins.csv", "completions.csv", "plan_items.csv", "care_links.csv",
            "audit_trail.csv", "plan_versions.csv"} <= set(archive.namelist())
    checkins = list(csv.DictReader(io.StringIO(archive.read("checkins.csv").decode())))
    assert [row["pain"] for row in checkins] == ["6", "3"] and checkins[0]["note"] == NOTE


def test_csv_export_defuses_spreadsheet_formulas(login, patient):
    s = login(patient)
    s.post_json("/api/v1/sync", {"items": [entry_checkin("2026-01-05", note="=HYPERLINK(\"http://x\")")]})
    archive = zipfile.ZipFile(io.BytesIO(s.get("/api/v1/export?format=csv").data))
    row = next(csv.DictReader(io.StringIO(archive.read("checkins.csv").decode())))
    assert row["note"].startswith("'=")


def test_fhir_export_is_an_r4_bundle_of_observations(history, patient):
    response = history.get("/api/v1/export?format=fhir")
    assert response.status_code == 200 and response.mimetype == "application/fhir+json"
    bundle = response.json
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    patient_entry, *observations = bundle["entry"]
    assert patient_entry["resource"]["resourceType"] == "Patient"
    assert len(observations) == 7  # six scores on the first day, pain alone on the second
    by_code = {(o["resource"]["code"]["coding"][0]["code"], o["resource"]["effectiveDateTime"]): o["resource"]
               for o in observations}
    pain = by_code[("72514-3", "2026-01-05")]
    assert pain["code"]["coding"][0]["system"] == "http://loinc.org" and pain["valueInteger"] == 6
    assert pain["subject"]["reference"] == patient_entry["fullUrl"] and pain["status"] == "final"
    assert by_code[("72514-3", "2026-01-06")]["valueInteger"] == 3
    sleep = by_code[("93832-4", "2026-01-05")]
    assert sleep["valueQuantity"] == {"value": 6.5, "unit": "h", "system": "http://unitsofmeasure.org", "code": "h"}
    assert by_code[("fatigue", "2026-01-05")]["valueInteger"] == 7
    assert all(o["fullUrl"].startswith("urn:uuid:") for o in observations)


def test_export_rejects_unknown_format(history):
    response = history.get("/api/v1/export?format=xml")
    assert response.status_code == 400 and response.json["fields"] == {"format": "must be json, csv or fhir"}


def test_privacy_page_links_exports_and_shows_who_looked(history, clinician):
    html = history.get("/settings/privacy").get_data(as_text=True)
    for href in ("/api/v1/export", "/api/v1/export?format=csv", "/api/v1/export?format=fhir",
                 "/settings/privacy/password", "/settings/privacy/delete"):
        assert f'href="{href}"' in html
    assert f"{clinician.display_name} looked at your ticks and check-ins" in html
    assert "/settings/privacy" in history.get("/settings/").get_data(as_text=True)


def rows_naming(user_id: int) -> dict[str, int]:
    """Rows in every table that point at the user through a foreign key."""
    counts = {}
    for table, columns in user_fk_tables():
        n = db.session.scalar(select(func.count()).select_from(table).where(or_(*(c == user_id for c in columns))))
        if n:
            counts[table.name] = n
    return counts


def delete(session, password=PASSWORD, phrase="delete my account"):
    return session.post("/settings/privacy/delete", data={"password": password, "phrase": phrase})


def test_patient_deletes_account(history, patient, clinician):
    """Data and care links go; only an 'account_deleted' record without personal data stays."""
    pid, email = patient.id, patient.email
    assert rows_naming(pid)
    response = delete(history)
    assert response.status_code == 303 and response.headers["Location"].endswith("/login")
    assert history.get("/api/v1/me").status_code == 401
    db.session.expire_all()
    assert db.session.get(User, pid) is None and rows_naming(pid) == {}
    assert db.session.scalar(select(func.count(CheckIn.id))) == 0
    assert db.session.scalar(select(func.count(Completion.id))) == 0
    assert db.session.scalar(select(func.count(CareLink.id))) == 0
    (event,) = db.session.scalars(select(AuditEvent))
    assert event.action == "account_deleted" and event.actor_id is None and event.patient_id is None
    assert event.actor_name == "" and email not in json.dumps(event.detail) and NOTE not in json.dumps(event.detail)
    assert db.session.get(User, clinician.id) is not None


def test_clinician_deletes_account(login, patient, clinician):
    """Their routines and links go; patients keep their plans, now without an author."""
    link(clinician, patient)
    give_plan(patient, author=clinician)
    used = db.session.scalar(select(Routine).where(Routine.slug == "gentle-walk"))
    own = [Routine(owner_id=clinician.id, kind="exercise", title=t) for t in ("Unused stretch", "Used stretch")]
    db.session.add_all(own)
    audit.record(db.session, clinician, patient.id, "viewed_log")
    db.session.commit()
    from app.services.plans.versions import ItemSpec, current_specs, plan_for, save_version
    plan = plan_for(db.session, patient)
    save_version(db.session, plan, current_specs(db.session, plan) + [ItemSpec(own[1].id)], clinician)
    db.session.commit()
    cid, unused_id, used_id = clinician.id, own[0].id, own[1].id
    assert delete(login(clinician)).status_code == 303
    db.session.expire_all()
    assert rows_naming(cid) == {} and db.session.get(User, cid) is None
    assert db.session.scalar(select(func.count(PlanVersion.id)).where(PlanVersion.author_id.is_(None))) == 2
    assert db.session.get(Routine, unused_id) is None
    kept = db.session.get(Routine, used_id)
    assert kept.owner_id is None and kept.archived and used is not None
    # The patient's own trail still says who looked, by the name copied at the time.
    # (Logging in lands the clinician on the dashboard, which itself records a read.)
    names = [e.actor_name for e in audit.trail_for(db.session, patient.id)]
    assert names and set(names) == {"Dr Physio"}
    assert login(patient).get("/today").status_code == 200


@pytest.mark.parametrize("password, phrase, message", [
    ("wrong password!", "delete my account", "not your password"),
    (PASSWORD, "delete", "to confirm"),
    (PASSWORD, "", "This field is required"),
])
def test_delete_needs_password_and_phrase(login, patient, password, phrase, message):
    response = delete(login(patient), password, phrase)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.get(User, patient.id) is not None


def test_delete_without_csrf_changes_nothing(login, patient):
    session = login(patient)
    response = session.client.post("/settings/privacy/delete", data={"password": PASSWORD,
                                                                      "phrase": "delete my account"})
    assert response.status_code == 400 and db.session.get(User, patient.id) is not None


def test_deleting_one_account_leaves_others_whole(login, patient):
    other = make_user("other@example.com")
    give_plan(other)
    before = rows_naming(other.id)
    assert delete(login(patient)).status_code == 303
    assert rows_naming(other.id) == before


def test_clinician_export_lists_their_routines_and_links(login, patient, clinician):
    link(clinician, patient)
    db.session.add(Routine(owner_id=clinician.id, kind="exercise", title="Clinic stretch"))
    db.session.commit()
    data = login(clinician).get("/api/v1/export").json
    assert data["plan"] is None and [r["title"] for r in data["routines"]] == ["Clinic stretch"]
    assert data["care_links"][0]["patient_name"] == patient.display_name
