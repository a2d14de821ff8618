"""The dashboard and GET /api/v1/patients: who needs attention, and why."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Plan
from app.services.clock import local_today
from helpers import add_checkins, backdate, events, give_plan, link, make_user, tick


def steady(clinician, name: str):
    """A patient doing well: every item ticked for 7 days and today, daily check-ins, pain flat."""
    person = make_user(name=name)
    link(clinician, person)
    version = give_plan(person)
    backdate(version, 20)
    for ago in range(0, 8):
        for item in version.items:
            tick(person, item, ago)
    add_checkins(person, {ago: 3 for ago in range(0, 14)})
    return person


def test_reasons_and_order(login, clinician):
    fine = steady(clinician, "Fiona Fine")
    slipping = make_user(name="Sid Slipping")  # plan, nothing ticked, pain rising, last check-in 4 days ago
    link(clinician, slipping)
    backdate(give_plan(slipping), 20)
    add_checkins(slipping, {4: 7, 5: 7, 8: 4, 9: 4, 10: 5})
    flaring = steady(clinician, "Flo Flaring")
    plan = db.session.scalar(select(Plan).where(Plan.patient_id == flaring.id))
    plan.mode = "flare"
    db.session.commit()
    new = make_user(name="Nina New")
    link(clinician, new)

    rows = login(clinician).get("/api/v1/patients").json
    by_name = {r["display_name"]: r for r in rows}
    assert [r["display_name"] for r in rows] == ["Sid Slipping", "Nina New", "Flo Flaring", "Fiona Fine"]
    assert by_name["Sid Slipping"]["reasons"] == ["low_adherence", "pain_rising", "no_checkin"]
    assert by_name["Sid Slipping"]["adherence_7d"] == 0.0 and by_name["Sid Slipping"]["pain_avg_7d"] == 7.0
    today = local_today(slipping.timezone)
    assert by_name["Sid Slipping"]["last_checkin_date"] == (today.fromordinal(today.toordinal() - 4)).isoformat()
    assert by_name["Nina New"]["reasons"] == ["no_plan", "no_checkin"] and by_name["Nina New"]["adherence_7d"] is None
    assert by_name["Flo Flaring"]["reasons"] == ["flare_mode"] and by_name["Flo Flaring"]["mode"] == "flare"
    fine_row = by_name["Fiona Fine"]
    assert fine_row == {"id": fine.id, "display_name": "Fiona Fine", "adherence_7d": 1.0, "pain_avg_7d": 3.0,
                        "last_checkin_date": local_today(fine.timezone).isoformat(), "needs_attention": False,
                        "reasons": [], "mode": "standard", "urgent": False, "measures_worse": []}


def test_dashboard_page_shows_chips(login, clinician):
    steady(clinician, "Fiona Fine")
    slipping = make_user(name="Sid Slipping")
    link(clinician, slipping)
    backdate(give_plan(slipping), 20)
    html = login(clinician).get("/clinician").get_data(as_text=True)
    assert html.index("Sid Slipping") < html.index("Fiona Fine")
    assert "Low adherence" in html and "No check-ins yet" in html and "1 needs attention" in html
    assert 'aria-current="page"' in html.split("Patients</span>")[0].rsplit("<a", 1)[1]


def test_unlinked_and_inactive_patients_are_not_listed(login, clinician):
    steady(clinician, "Fiona Fine")
    gone = steady(clinician, "Gus Gone")
    from app.models import CareLink
    db.session.scalar(select(CareLink).where(CareLink.patient_id == gone.id)).active = False
    other = make_user("physio2@example.com", "clinician")
    steady(other, "Olly Other")
    db.session.commit()
    names = [r["display_name"] for r in login(clinician).get("/api/v1/patients").json]
    assert names == ["Fiona Fine"]


def test_overview_read_is_audited_once_a_day(login, clinician):
    person = steady(clinician, "Fiona Fine")
    s = login(clinician)
    s.get("/clinician")
    s.get("/api/v1/patients")
    s.get("/clinician")
    seen = events(person.id, "viewed_overview")
    assert len(seen) == 1 and seen[0].actor_id == clinician.id and seen[0].actor_name == "Dr Physio"


def test_patients_api_is_for_clinicians(app, login, patient):
    response = login(patient).get("/api/v1/patients")
    assert response.status_code == 403 and response.json["error"] == "forbidden"
    anonymous = app.test_client().get("/api/v1/patients")
    assert anonymous.status_code == 401 and anonymous.json["error"] == "unauthenticated"
    assert login(patient).get("/clinician").status_code == 403


def test_empty_dashboard_invites(login, clinician):
    html = login(clinician).get("/clinician").get_data(as_text=True)
    assert "No patients yet" in html and "Create invite" in html
    assert login(clinician).get("/api/v1/patients").json == []
