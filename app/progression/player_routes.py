"""The routine player (/player/<plan_item_id>) and the pacing timer for everyday activities (/pacing)."""
from __future__ import annotations

import uuid

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy import select

from app.access import role_required
from app.extensions import db
from app.i18n import current_language
from app.models import PlanItem, PlanVersion
from app.page_args import page_day
from app.progression import bp
from app.progression.labels import title_of
from app.services.localize import routine_text
from app.services.plans.versions import plan_for
from app.services.records.validation import SLOT_RE
from app.services.sleep import summary as sleep_summary


def own_item(plan_item_id: int) -> PlanItem:
    plan = plan_for(db.session, current_user)
    item = plan and db.session.scalar(select(PlanItem).join(PlanVersion).where(
        PlanItem.id == plan_item_id, PlanVersion.plan_id == plan.id))
    if not item:
        abort(404)
    return item


@bp.get("/player/<int:plan_item_id>")
@role_required("patient")
def player(plan_item_id: int):
    """A full-screen guide: steps one at a time, hold timer, rep and set counter, rest, Done."""
    item = own_item(plan_item_id)
    day = page_day()
    slot = request.args.get("slot") or (item.slots[0] if item.slots else "08:00")
    if not SLOT_RE.match(slot):
        abort(404)
    routine = item.routine
    lang = current_language()
    steps = routine_text(routine, "steps", lang) or []
    return render_template("progression/player.html", item=item, routine=routine, title=title_of(routine),
                           steps=steps, precautions=routine_text(routine, "precautions", lang) or "",
                           day=day, slot=slot, client_id=str(uuid.uuid4()),
                           sleep_card=sleep_summary.today_card(db.session, current_user, day)
                           if routine.kind == "sleep" else None,
                           config={"planItemId": item.id, "date": day.isoformat(), "slot": slot,
                                   "kind": routine.kind, "steps": steps, **item.dose})


@bp.get("/pacing")
@role_required("patient")
def pacing():
    """Activity and rest cycles for everyday things (gardening, housework, desk work)."""
    return render_template("progression/pacing.html")
