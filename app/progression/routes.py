"""The patient's progression page: this period's proposed steps, accepting or keeping them, goals."""
from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import role_required
from app.extensions import db
from app.progression import bp
from app.progression.labels import proposal_text, title_of, version_note
from app.services.clock import local_today
from app.services.progression import goals, overview, store


def back():
    target = request.form.get("next") or ""
    return redirect(target if target.startswith("/") and not target.startswith("//")
                    else url_for("progression.index")), 303


@bp.get("/progression")
@role_required("patient")
def index():
    """Proposed steps, each item's dose with its rule and steps, and the patient's goals."""
    today = local_today(current_user.timezone)
    rules = store.decided_rules(db.session, current_user, today)
    items = overview.items_progress(db.session, current_user, today, rules)
    by_key = {row.item.key: row.item for row in items}
    proposals = [(p, proposal_text(title_of(by_key[p.rule.item_key].routine), p.rule.field, p.from_dose, p.to_dose))
                 for p in store.open_proposals(db.session, current_user.id) if p.rule.item_key in by_key]
    return render_template("progression/index.html", proposals=proposals, items=items,
                           goals=goals.goal_views(db.session, current_user.id),
                           psfs=goals.psfs_activities(db.session, current_user.id))


@bp.post("/progression/<int:proposal_id>/accept")
@role_required("patient")
def accept(proposal_id: int):
    """Accept a step: a new plan version with the reason. Again (a double tap) changes nothing."""
    proposal = store.proposal_of(db.session, current_user.id, proposal_id) or abort(404)
    item = store.current_items(db.session, current_user).get(proposal.rule.item_key)
    title = title_of(item.routine) if item else ""
    note = version_note(title, proposal.rule.field, proposal.from_dose, proposal.to_dose, proposal.adherence)
    if store.accept(db.session, current_user, proposal, current_user, note):
        flash(_("Your plan is updated from today."))
    db.session.commit()
    return back()


@bp.post("/progression/<int:proposal_id>/keep")
@role_required("patient")
def keep(proposal_id: int):
    """Keep the current dose for another period."""
    proposal = store.proposal_of(db.session, current_user.id, proposal_id) or abort(404)
    if store.keep(db.session, proposal, current_user):
        flash(_("You kept your current dose."))
    db.session.commit()
    return back()


@bp.post("/progression/goals")
@role_required("patient")
def add_goal():
    """A goal in the patient's own words."""
    try:
        goals.add_goal(db.session, current_user, current_user, request.form.get("text", ""),
                       request.form.get("activity", ""), request.form.get("item_key") or None,
                       request.form.get("psfs_activity") or None)
    except goals.GoalError as exc:
        flash(_("You can have up to five open goals.") if str(exc) == "too_many"
              else _("Write your goal in 3 to 200 characters."), "error")
        return back()
    db.session.commit()
    flash(_("Goal saved."))
    return back()


@bp.post("/progression/goals/<int:goal_id>/achieved")
@role_required("patient")
def achieved(goal_id: int):
    """Mark a goal reached (or open again)."""
    if not goals.mark_achieved(db.session, current_user.id, goal_id, local_today(current_user.timezone),
                               request.form.get("achieved") != "no"):
        abort(404)
    db.session.commit()
    return back()


@bp.get("/api/v1/progression")
@role_required("patient")
def api():
    """Open proposals and each rule's history as JSON (docs/api.md)."""
    today = local_today(current_user.timezone)
    out = []
    for row in overview.items_progress(db.session, current_user, today,
                                       store.decided_rules(db.session, current_user, today)):
        out.append({"plan_item_id": row.item.id, "key": row.item.key, "field": row.field,
                    "prescribed": row.prescribed, "baseline": row.baseline,
                    "rule": None if row.rule is None else {
                        "step_kind": row.rule.step_kind, "step": row.rule.step, "every_weeks": row.rule.every_weeks,
                        "min_adherence": row.rule.min_adherence, "floor": row.rule.floor,
                        "ceiling": row.rule.ceiling, "start_share": row.rule.start_share},
                    "steps": [{"id": p.id, "period_start": p.period_start.isoformat(),
                               "period_end": p.period_end.isoformat(), "kind": p.kind, "from": p.from_dose,
                               "to": p.to_dose, "adherence": p.adherence, "flare": p.flare, "status": p.status}
                              for p in row.history]})
    return jsonify({"items": out})
