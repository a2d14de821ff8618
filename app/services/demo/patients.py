"""More for the demo clinician: two more patients with different stories, templates, an own routine.

Jordan Lee is struggling (pain rising, routines slipping, no check-in for days, flare mode on);
Riley Chen is doing well. Both are idempotent additions to `flask demo load`.
"""
from __future__ import annotations

import random
import uuid
from datetime import time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import CareLink, CheckIn, Completion, ModeChange, PlanTemplate, PlanVersion, Routine, User
from app.services.clock import local_today
from app.services.plans.templates import create as create_template
from app.services.plans.today import scheduled
from app.services.plans.versions import plan_for, save_version

MORE = [
    # email, name, days of history, pain at start and end, share done at start and end, days without check-in
    ("demo.jordan@example.com", "Jordan Lee", 21, (4.0, 7.2), (0.8, 0.35), 4),
    ("demo.riley@example.com", "Riley Chen", 35, (5.5, 3.0), (0.75, 0.92), 0),
]
LOWER_BACK = ["knee-to-chest-stretch", "cat-cow", "glute-bridge", "gentle-walk", "heat-pack"]
SLEEP_RESET = ["fixed-wake-time", "caffeine-cutoff", "screens-off", "wind-down-routine", "bedroom-cool-dark-quiet"]
FLARE = ["knee-to-chest-stretch", "slow-breathing", "warm-bath"]


def add_more_patients(session: Session, clinician: User, tz: str, seed: int = 11) -> int:
    """Returns how many patients were added (0 when they exist)."""
    from app.services.demo.loader import _at, make_user, specs_for
    if session.scalar(select(User.id).where(User.email == MORE[0][0])):
        return 0
    _extras(session, clinician)
    rng = random.Random(seed)
    today = local_today(tz)
    for email, name, days, pains, dones, quiet in MORE:
        patient = make_user(session, email, name, "patient")
        session.flush()
        session.add(CareLink(clinician_id=clinician.id, patient_id=patient.id))
        plan = plan_for(session, patient, create=True)
        standard = save_version(session, plan, specs_for(session, LOWER_BACK), clinician,
                                note="Plan from template \u201cLower back starter\u201d")
        standard.created_at = _at(today - timedelta(days=days), time(9), tz)
        flare = save_version(session, plan, specs_for(session, FLARE), clinician, variant="flare",
                             note="Gentler plan for flare-ups")
        flare.created_at = standard.created_at
        plan.flare_pain_threshold = 7
        switch = today - timedelta(days=quiet + 1) if quiet else None
        if switch:
            plan.mode, plan.mode_changed_at = "flare", _at(switch, time(8, 50), tz)
            session.add(ModeChange(client_id=str(uuid.uuid4()), patient_id=patient.id, mode="flare",
                                   reason="suggested by pain 8", at=plan.mode_changed_at))
        for offset in range(days, 0, -1):
            day = today - timedelta(days=offset)
            share = 1 - offset / days
            pain = max(0, min(10, round(pains[0] + (pains[1] - pains[0]) * share + rng.gauss(0, 0.7))))
            pain = 8 if day == switch else pain  # the check-in that suggested the flare-up plan
            if offset > quiet and (day == switch or rng.random() < 0.93):
                session.add(CheckIn(client_id=str(uuid.uuid4()), patient_id=patient.id, date=day, pain=pain,
                                    stiffness=max(0, min(10, pain + rng.choice([-1, 0, 1]))),
                                    fatigue=max(0, min(10, pain - rng.choice([0, 1, 2]))),
                                    sleep_hours=round(max(4.0, min(8.5, 8 - 0.4 * pain + rng.gauss(0, .4))), 1),
                                    sleep_quality=max(1, min(5, 6 - (pain + 1) // 2)), mood=max(1, min(5,
                                                                                                       6 - pain // 2)),
                                    note=rng.choice(["", "", "", "Back tight after driving.", "Slept badly.",
                                                     "Walk felt good today."]),
                                    recorded_at=_at(day, time(8, 30), tz)))
            done_rate = dones[0] + (dones[1] - dones[0]) * share
            version = flare if switch and day >= switch else standard
            for item, slot in scheduled(version, day):
                roll = rng.random()
                if roll > done_rate + 0.08:
                    continue
                status = "done" if roll < done_rate else "partial"
                before = pain if item.routine.kind in ("exercise", "heat_cold") and rng.random() < 0.5 else None
                hour, minute = map(int, slot.split(":"))
                session.add(Completion(
                    client_id=str(uuid.uuid4()), patient_id=patient.id, plan_item_id=item.id, item_key=item.key,
                    date=day, slot=slot, status=status, pain_before=before,
                    pain_after=None if before is None else max(0, before - rng.choice([0, 1, 1, 2])),
                    recorded_at=_at(day, time(hour, minute), tz) + timedelta(minutes=rng.randint(5, 40))))
        plan.patient_seen_version_id = flare.id
    return len(MORE)


def _extras(session: Session, clinician: User) -> None:
    """Two templates and one routine of the clinician's own."""
    from app.services.demo.loader import specs_for
    if not session.scalar(select(func.count(PlanTemplate.id)).where(PlanTemplate.owner_id == clinician.id)):
        create_template(session, clinician, "Lower back starter", "Gentle stretches, a walk and heat for a stiff "
                        "lower back.", specs_for(session, LOWER_BACK))
        create_template(session, clinician, "Sleep reset", "A steady evening wind-down and a fixed wake time.",
                        specs_for(session, SLEEP_RESET))
    session.add(Routine(
        owner_id=clinician.id, kind="exercise", title="Side-lying trunk rotation",
        summary="A slow rotation lying on your side that loosens the middle and upper back.",
        steps=["Lie on your side with knees bent and arms straight out in front, palms together.",
               "Slowly open the top arm up and over, turning your chest towards the ceiling.",
               "Let your head follow the hand and breathe out as you open.",
               "Pause, then bring the arm back over. Repeat, then change sides."],
        reps=8, sets=1, precautions="Keep the knees together and the movement within comfort. Stop if pain "
        "shoots down a leg or an arm."))


def mark_seen(session: Session, patient: User) -> None:
    """The demo patient has already seen the demo's versions, so Today starts clean."""
    plan = plan_for(session, patient)
    plan.patient_seen_version_id = session.scalar(select(func.max(PlanVersion.id))
                                                  .where(PlanVersion.plan_id == plan.id))
    plan.flare_pain_threshold = 7
