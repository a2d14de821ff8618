"""JSON shapes of the API (see shared API.md)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from app.models import CheckIn, Completion, PlanItem, PlanVersion, User
from app.services.clinics.approval import clinician_approved
from app.services.plans.today import Day


def device_time(moment: datetime, offset_min: int) -> str:
    """The time as the phone saw it: UTC moved to the offset it was recorded with."""
    return moment.astimezone(timezone(timedelta(minutes=offset_min))).isoformat()


def user_json(user: User, calendar_url: str | None = None) -> dict:
    return {"id": user.id, "email": user.email, "display_name": user.display_name, "role": user.role,
            "timezone": user.timezone, "follow_device_timezone": user.follow_device_timezone,
            "calendar_url": calendar_url} | ({"approved": clinician_approved(user)} if user.is_clinician else {})


def routine_json(item: PlanItem) -> dict:
    r = item.routine
    return {"id": r.id, "slug": r.slug, "kind": r.kind, "title": r.title, "summary": r.summary, "steps": r.steps,
            "precautions": r.precautions, "topic": r.topic}


def item_json(item: PlanItem) -> dict:
    return {"plan_item_id": item.id, "key": item.key, "routine": routine_json(item), "dose": item.dose,
            "days": item.days, "times": item.slots, "notes": item.notes}


def checkin_json(c: CheckIn | None) -> dict | None:
    if c is None:
        return None
    return {"client_id": c.client_id, "date": c.date.isoformat(), "pain": c.pain, "stiffness": c.stiffness,
            "fatigue": c.fatigue, "sleep_hours": c.sleep_hours, "sleep_quality": c.sleep_quality, "mood": c.mood,
            "note": c.note, "recorded_at": device_time(c.recorded_at, c.recorded_offset_min)}


def completion_json(c: Completion) -> dict:
    return {"client_id": c.client_id, "plan_item_id": c.plan_item_id, "key": c.item_key, "date": c.date.isoformat(),
            "slot": c.slot, "status": c.status, "pain_before": c.pain_before, "pain_after": c.pain_after,
            "note": c.note, "recorded_at": device_time(c.recorded_at, c.recorded_offset_min)}


def version_json(version: PlanVersion | None) -> dict | None:
    if version is None:
        return None
    return {"id": version.id, "number": version.number, "variant": version.variant,
            "created_at": version.created_at.isoformat(), "note": version.note,
            "items": [item_json(i) for i in version.items]}


def day_json(day: Day) -> dict:
    plan = None
    if day.plan is not None and day.version is not None:
        plan = {"id": day.plan.id, "version": day.version.number, "version_id": day.version.id, "mode": day.plan.mode}
    return {
        "date": day.date.isoformat(),
        "plan": plan,
        "items": [{"plan_item_id": d.item.id, "key": d.item.key, "slot": d.slot, "part": d.part,
                   "routine": {"id": d.item.routine.id, "slug": d.item.routine.slug,
                               "kind": d.item.routine.kind, "title": d.item.routine.title},
                   "dose": d.item.dose, "notes": d.item.notes, "status": d.status,
                   "pain_before": d.completion.pain_before if d.status else None,
                   "pain_after": d.completion.pain_after if d.status else None} for d in day.items],
        "checkin": checkin_json(day.checkin),
    }
