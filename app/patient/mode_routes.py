"""The flare-up switch on Today, and the "what changed" note after someone else edits the plan."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import DataRequired, Optional

from app.access import role_required
from app.extensions import db
from app.patient import bp
from app.patient.routes import store
from app.services.plans import changes
from app.services.plans import versions as plans


class ModeForm(FlaskForm):
    client_id = HiddenField(validators=[DataRequired()])
    mode = HiddenField(validators=[DataRequired()])
    suggested_by_pain = HiddenField(validators=[Optional()])


@bp.post("/today/mode")
@role_required("patient")
def switch_mode():
    """One tap to the flare-up plan and back; stored like any synced entry, so a replay changes nothing."""
    form = ModeForm()
    if not form.validate_on_submit():
        flash(_("That switch could not be saved. Reload the page and try again."), "error")
        return redirect(url_for("patient.today")), 303
    result = store({"type": "mode", "client_id": form.client_id.data, "mode": form.mode.data,
                    "suggested_by_pain": form.suggested_by_pain.data or None})
    if result.status == "rejected":
        for message in (result.fields or {}).values():
            flash(_("Could not switch: %(reason)s.", reason=message), "error")
    elif result.status == "created":
        flash(_("Flare-up plan is on: gentler routines until you switch back.") if form.mode.data == "flare"
              else _("Back to your usual plan."))
    return redirect(url_for("patient.today")), 303


@bp.post("/today/seen")
@role_required("patient")
def seen_changes():
    """Dismiss the "what changed" card."""
    the_plan = plans.plan_for(db.session, current_user)
    if the_plan is None or not changes.mark_seen(db.session, the_plan, request.form.get("version_id", type=int)):
        abort(404)
    db.session.commit()
    return redirect(url_for("patient.today")), 303
