"""The flare-up switch on Today, and the "what changed" note after someone else edits the plan."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField
from wtforms.validators import DataRequired, Optional

from app.access import role_required
from app.extensions import db
from app.patient import bp
from app.services.diary import entries, read
from app.services.plans import changes
from app.services.plans import versions as plans
from app.services.records import labels
from app.services.records import sync as records


class ModeForm(FlaskForm):
    client_id = HiddenField(validators=[DataRequired()])
    mode = HiddenField(validators=[DataRequired()])
    suggested_by_pain = HiddenField(validators=[Optional()])
    # The diary follows the switch unless the patient unticks it: start an episode, or end the open one.
    start_flare = BooleanField()
    end_flare = BooleanField()
    flare_client_id = HiddenField(validators=[Optional()])


@bp.post("/today/mode")
@role_required("patient")
def switch_mode():
    """One tap to the flare-up plan and back; stored like any synced entry, so a replay changes nothing."""
    form = ModeForm()
    if not form.validate_on_submit():
        flash(_("That switch could not be saved. Reload the page and try again."), "error")
        return redirect(url_for("patient.today")), 303
    mode = {"type": "mode", "client_id": form.client_id.data, "mode": form.mode.data,
            "suggested_by_pain": form.suggested_by_pain.data or None}
    result, *diary = records.store(db.session, current_user, [mode, *flare_follows(form)])
    for other in diary:
        for name, message in (other.fields or {}).items():
            flash(_("The diary could not follow: %(field)s %(reason)s.", field=labels.label(name), reason=message),
                  "error")
        if other.status == "created":
            flash(_("Your diary notes a flare-up episode from now."))
        elif other.status == "updated":
            flash(_("The flare-up episode in your diary has ended."))
    if result.status == "rejected":
        for message in (result.fields or {}).values():
            flash(_("Could not switch: %(reason)s.", reason=message), "error")
    elif result.status == "created":
        flash(_("Flare-up plan is on: gentler routines until you switch back.") if form.mode.data == "flare"
              else _("Back to your usual plan."))
    return redirect(url_for("patient.today")), 303


def flare_follows(form: ModeForm) -> list[dict]:
    """The diary entry the ticked box asks for: a new episode with the switch to the flare-up plan (none while one
    is open), the end of the open one with the switch back. Its own client id: a write of its own."""
    now = datetime.now(UTC).isoformat()
    episode = read.open_flare(db.session, current_user.id)
    if form.mode.data == "flare" and form.start_flare.data and episode is None:
        return [entries.flare_start(form.flare_client_id.data or str(uuid.uuid4()), now)]
    if form.mode.data == "standard" and form.end_flare.data and episode is not None:
        return [entries.flare_end(episode, form.flare_client_id.data or str(uuid.uuid4()), now)]
    return []


@bp.post("/today/seen")
@role_required("patient")
def seen_changes():
    """Dismiss the "what changed" card."""
    the_plan = plans.plan_for(db.session, current_user)
    if the_plan is None or not changes.mark_seen(db.session, the_plan, request.form.get("version_id", type=int)):
        abort(404)
    db.session.commit()
    return redirect(url_for("patient.today")), 303
