"""The dashboard and GET /api/v1/patients run a fixed number of SQL statements, however many patients."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import func, insert, select

from app.extensions import db
from app.models import CareLink, CheckIn, Completion, Plan, PlanItem, PlanVersion, Routine, User
from app.models.users import new_token
from app.services.clock import local_today
from helpers import counting_queries, password_hash

# Fixed whatever the number of patients: the rows, the measures flags, the removed routines and one query for
# every patient's last two weeks of sleep diary.
BOUND = 15
SLUGS = ("knee-to-chest-stretch", "gentle-walk", "heat-pack")




def bulk_patients(clinician, n: int, days: int, start: int = 0) -> None:
    """n linked patients, each with a three-item daily plan and `days` of ticks and check-ins, in bulk inserts."""
    routines = dict(db.session.execute(select(Routine.slug, Routine.id).where(Routine.slug.in_(SLUGS))).all())
    stamp = datetime.now(UTC)
    db.session.execute(insert(User), [
        {"email": f"bulk{start + i}@example.com", "password_hash": password_hash(),
         "display_name": f"Bulk {start + i:03d}",
         "role": "patient", "timezone": "Europe/London", "session_token": new_token(), "calendar_token": new_token(),
         "created_at": stamp} for i in range(n)])
    ids = list(db.session.scalars(select(User.id).where(User.email.like("bulk%@example.com"))
                                  .order_by(User.id)))[start:start + n]
    db.session.execute(insert(CareLink), [{"clinician_id": clinician.id, "patient_id": pid, "active": True,
                                           "created_at": stamp} for pid in ids])
    db.session.execute(insert(Plan), [{"patient_id": pid, "mode": "flare" if pid % 7 == 0 else "standard",
                                       "created_at": stamp} for pid in ids])
    plans = dict(db.session.execute(select(Plan.patient_id, Plan.id).where(Plan.patient_id.in_(ids))).all())
    created = stamp - timedelta(days=days + 1)
    db.session.execute(insert(PlanVersion), [
        {"plan_id": plans[pid], "variant": variant, "number": 1, "author_id": clinician.id, "note": "",
         "created_at": created} for pid in ids for variant in ("standard", "flare")])
    versions = db.session.execute(select(PlanVersion.id, PlanVersion.plan_id, PlanVersion.variant)
                                  .where(PlanVersion.plan_id.in_(plans.values()))).all()
    items = [{"version_id": vid, "key": uuid.uuid4().hex, "position": pos, "routine_id": routines[slug],
              "days_mask": 127, "times": t, "notes": ""}
             for vid, _, variant in versions
             for pos, (slug, t) in enumerate(zip(SLUGS, ("08:00", "12:00", "19:00"), strict=False))
             if variant == "standard" or pos == 0]
    db.session.execute(insert(PlanItem), items)
    standard = {plan_id: vid for vid, plan_id, variant in versions if variant == "standard"}
    item_rows = db.session.execute(select(PlanItem.id, PlanItem.key, PlanItem.times, PlanItem.version_id)
                                   .where(PlanItem.version_id.in_(standard.values()))).all()
    by_version: dict[int, list] = {}
    for row in item_rows:
        by_version.setdefault(row.version_id, []).append(row)
    today = local_today("Europe/London")
    completions, checkins = [], []
    for pid in ids:
        for ago in range(1, days + 1):
            day = today - timedelta(days=ago)
            at = datetime.combine(day, time(9), tzinfo=UTC)
            for k, item in enumerate(by_version[standard[plans[pid]]]):
                if (pid + ago + k) % 4:  # three in four ticked
                    completions.append({"client_id": str(uuid.uuid4()), "patient_id": pid, "plan_item_id": item.id,
                                        "item_key": item.key, "date": day, "slot": item.times,
                                        "status": "done" if (pid + k) % 5 else "partial", "note": "",
                                        "pain_before": 5, "pain_after": 4, "recorded_at": at,
                                        "recorded_offset_min": 0, "received_at": at})
            if (pid + ago) % 6:
                checkins.append({"client_id": str(uuid.uuid4()), "patient_id": pid, "date": day,
                                 "pain": 3 + (pid + ago) % 5, "stiffness": 4, "fatigue": 4, "sleep_hours": 6.5,
                                 "sleep_quality": 3, "mood": 3, "note": "", "recorded_at": at,
                                 "recorded_offset_min": 0, "received_at": at})
    fast_insert(Completion.__table__, completions)
    fast_insert(CheckIn.__table__, checkins)
    db.session.commit()


def fast_insert(table, rows: list[dict]) -> None:
    """Tens of thousands of rows: COPY on PostgreSQL, a Core executemany on SQLite (no ORM bookkeeping)."""
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(table.insert(), rows)
        return
    columns = list(rows[0])
    with connection.connection.driver_connection.cursor() as cursor, \
            cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


@pytest.mark.slow
def test_dashboard_query_count_is_fixed(login, clinician):
    bulk_patients(clinician, 3, 90)
    s = login(clinician)  # logging in lands on the dashboard once, which audits the first read of the day
    with counting_queries() as few_dashboard:
        assert s.get("/clinician").status_code == 200
    with counting_queries() as few_api:
        assert len(s.get("/api/v1/patients").json) == 3

    bulk_patients(clinician, 197, 90, start=3)
    assert db.session.scalar(select(func.count(Completion.id))) > 40_000
    with counting_queries() as first_dashboard:  # also writes 197 audit events, in one statement
        html = s.get("/clinician").get_data(as_text=True)
    with counting_queries() as many_dashboard:
        s.get("/clinician")
    with counting_queries() as many_api:
        rows = s.get("/api/v1/patients").json

    assert len(rows) == 200 and html.count('class="card patient-row') == 200
    assert all(r["adherence_7d"] is not None and 0 < r["adherence_7d"] < 1 for r in rows)
    assert all(r["last_checkin_date"] is not None and r["pain_avg_7d"] is not None for r in rows)
    assert sum(r["mode"] == "flare" for r in rows) > 20
    assert max(len(first_dashboard), len(many_dashboard), len(many_api)) <= BOUND, first_dashboard
    assert len(first_dashboard) == len(few_dashboard) + 1
    assert len(many_dashboard) == len(few_dashboard) and len(many_api) == len(few_api)
