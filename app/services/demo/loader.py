"""Demo accounts with a plan and weeks of believable history, so a newcomer sees a living app."""
from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import CareLink, CheckIn, Completion, Routine, User
from app.models.base import utcnow
from app.services.clock import local_today, zone
from app.services.plans.library import builtin_defaults, load_builtin
from app.services.plans.today import scheduled
from app.services.plans.versions import ItemSpec, days_to_mask, plan_for, save_version

PATIENT_EMAIL = "demo.patient@example.com"
CLINICIAN_EMAIL = "demo.clinician@example.com"
PASSWORD = "inoplan-demo"
DEMO_TZ = "Europe/London"
DEMO_ACCOUNT_AGE = timedelta(days=400)
STANDARD = ["knee-to-chest-stretch", "neck-side-stretch", "gentle-walk", "glute-bridge", "hamstring-stretch",
            "heat-pack", "screens-off", "wind-down-routine"]
FLARE = ["knee-to-chest-stretch", "slow-breathing", "warm-bath", "wind-down-routine"]


def make_user(session: Session, email: str, name: str, role: str) -> User:
    # Demo accounts come with months of history, so they are dated from before it: the sync accepts no day
    # before an account existed (services/records/days.py).
    user = User(email=email, display_name=name, role=role, timezone=DEMO_TZ,
                created_at=datetime.now(UTC) - DEMO_ACCOUNT_AGE)
    if role == "clinician":  # the demo physio is approved, as if an administrator had checked them
        user.profession, user.registration_number, user.approved_at = "Physiotherapist", "DEMO-0001", utcnow()
    user.set_password(PASSWORD)
    session.add(user)
    return user


def specs_for(session: Session, slugs: list[str], **overrides) -> list[ItemSpec]:
    by_slug = {r.slug: r for r in session.scalars(select(Routine).where(Routine.slug.in_(slugs)))}
    specs = []
    for slug in slugs:
        data = builtin_defaults(slug)
        spec = ItemSpec.from_routine(by_slug[slug], days_to_mask(data["default_days"]), [data["default_time"]])
        for name, value in overrides.get(slug, {}).items():
            setattr(spec, name, value)
        specs.append(spec)
    return specs


def load_demo(session: Session, days: int = 28, seed: int = 7) -> str:
    """Idempotent: does nothing when the demo data exists."""
    from app.services.demo.patients import add_more_patients, mark_seen
    if session.scalar(select(User.id).where(User.email == PATIENT_EMAIL)):
        clinician = session.scalar(select(User).where(User.email == CLINICIAN_EMAIL))
        added = add_more_patients(session, clinician, DEMO_TZ) if clinician else 0
        session.commit()
        return "Demo data already present." + (f" Added {added} more demo patients." if added else "")
    load_builtin(session)
    clinician = make_user(session, CLINICIAN_EMAIL, "Alex Morgan (physio)", "clinician")
    patient = make_user(session, PATIENT_EMAIL, "Sam Taylor", "patient")
    session.flush()
    session.add(CareLink(clinician_id=clinician.id, patient_id=patient.id))
    plan = plan_for(session, patient, create=True)
    first = save_version(session, plan, specs_for(session, STANDARD, **{"gentle-walk": {"minutes": 10}}), clinician,
                         note="Starting plan after our first session")
    keys = {item.routine_id: item.key for item in first.items}
    second_specs = specs_for(session, STANDARD)
    for spec in second_specs:
        spec.key = keys[spec.routine_id]
    second = save_version(session, plan, second_specs, clinician, note="Walk raised to 15 minutes")
    save_version(session, plan, specs_for(session, FLARE), clinician, variant="flare",
                 note="Gentler plan for flare-ups")
    today = local_today(DEMO_TZ)
    switch_day = today - timedelta(days=days // 2)
    first.created_at = _at(today - timedelta(days=days), time(9), DEMO_TZ)
    second.created_at = _at(switch_day, time(9), DEMO_TZ)
    rows = _history(patient.id, first, second, switch_day, today, days, random.Random(seed))
    session.add_all(rows)
    mark_seen(session, patient)
    add_more_patients(session, clinician, DEMO_TZ)
    session.commit()
    return f"Demo data loaded: {len(rows)} history rows for {PATIENT_EMAIL} and {CLINICIAN_EMAIL}."


def _at(day, clock: time, tz: str) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone(tz)).astimezone(UTC)


def _history(patient_id: int, first, second, switch_day, today, days: int, rng: random.Random) -> list:
    rows = []
    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        progress = 1 - offset / days  # pain eases slowly as the plan settles in
        pain = max(1, min(9, round(6.2 - 1.6 * progress + rng.gauss(0, 1.0))))
        if rng.random() < 0.9:
            sleep = round(max(4.0, min(8.5, 7.6 - 0.35 * pain + rng.gauss(0, 0.5))), 1)
            rows.append(CheckIn(
                client_id=str(uuid.uuid4()), patient_id=patient_id, date=day, pain=pain,
                stiffness=max(0, min(10, pain + rng.choice([-1, 0, 1, 1]))),
                fatigue=max(0, min(10, pain + rng.choice([-2, -1, 0, 1]))), sleep_hours=sleep,
                sleep_quality=max(1, min(5, round(sleep - 3.2))), mood=max(1, min(5, 6 - (pain + 1) // 2)),
                note=rng.choice(["", "", "", "Stiff on waking, easier after the walk.", "Long day at the desk.",
                                 "Heat pack helped in the evening."]),
                recorded_at=_at(day, time(8, 40), DEMO_TZ)))
        version = first if day < switch_day else second
        for item, slot in scheduled(version, day):
            roll = rng.random() + (pain - 5) * 0.04
            if roll > 0.93:
                continue  # not recorded at all
            status = "done" if roll < 0.72 else "partial" if roll < 0.82 else "skipped"
            before = after = None
            if status != "skipped" and item.routine.kind in ("exercise", "heat_cold") and rng.random() < 0.6:
                before = max(0, min(10, pain + rng.choice([0, 1])))
                relief = 2 if item.routine.kind == "heat_cold" else 1
                after = max(0, before - rng.choice([0, relief, relief, relief + 1]))
            hour, minute = map(int, slot.split(":"))
            rows.append(Completion(
                client_id=str(uuid.uuid4()), patient_id=patient_id, plan_item_id=item.id, item_key=item.key,
                date=day, slot=slot, status=status, pain_before=before, pain_after=after,
                recorded_at=_at(day, time(hour, minute), DEMO_TZ) + timedelta(minutes=rng.randint(5, 50))))
    return rows
