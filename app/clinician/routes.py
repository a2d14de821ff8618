"""The clinician's dashboard, invites and a patient's page."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.clinician import bp
from app.clinician.access import clinician_required, patient_or_404
from app.clinician.forms import InviteForm
from app.extensions import db, limiter
from app.models.base import utcnow
from app.services.care import audit, invites
from app.services.care.dashboard import note_overview, patient_rows
from app.services.clinics import alerts
from app.services.progress.summary import RANGES, charts, summary_for


def clinician_key() -> str:
    return f"clinician:{current_user.get_id()}"


@bp.route("")
@clinician_required
def dashboard():
    """Linked patients, the ones needing attention first, and the invites."""
    rows = patient_rows(db.session, current_user)
    note_overview(db.session, current_user, [r.patient.id for r in rows])
    # Render before the commit: committing expires the loaded rows, and reloading them costs a query each.
    html = render_template("clinician/dashboard.html", rows=rows, form=InviteForm(),
                           invites=invites.recent_for(db.session, current_user),
                           alerts=alerts.fired(rows, alerts.rules_for(db.session, current_user), utcnow()))
    db.session.commit()
    return html


@bp.post("/invites")
@limiter.limit(lambda: current_app.config["INVITE_CREATE_LIMITS"], key_func=clinician_key)
@clinician_required
def create_invite():
    """A new single-use invite link and code, valid for 14 days."""
    form = InviteForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(errors[0], "error")
        return redirect(url_for("clinician.dashboard") + "#invites"), 303
    invite = invites.create(db.session, current_user, form.label.data or "")
    db.session.commit()
    flash(f"Invite ready: share the link or the code {invite.pretty_code}. It works once, for 14 days.")
    return redirect(url_for("clinician.dashboard") + f"#invite-{invite.id}"), 303


@bp.post("/invites/<int:invite_id>/revoke")
@clinician_required
def revoke_invite(invite_id: int):
    """Withdraw an invite that has not been used yet."""
    invite = invites.revoke(db.session, current_user, invite_id)
    if invite is None:
        return render_template("errors/error.html", code=404, message="No such invite."), 404
    db.session.commit()
    flash("Invite withdrawn." if invite.state() == "revoked" else "That invite was already used or had expired.")
    return redirect(url_for("clinician.dashboard") + "#invites"), 303


@bp.route("/patients/<int:patient_id>")
@clinician_required
def patient(patient_id: int):
    """One patient: adherence by item and week, symptom trends, completions with pain, notes."""
    person = patient_or_404(patient_id)
    days = request.args.get("days", type=int)
    days = days if days in RANGES else 28
    # Commit the audit event before loading the data: a commit expires loaded rows, and rendering them
    # afterwards would reload each one (an N+1 the bench found: 73 queries).
    audit.record(db.session, current_user, person.id, "viewed_log", days=days)
    db.session.commit()
    summary = summary_for(db.session, person, days)
    return render_template("clinician/patient.html", person=person, s=summary, charts=charts(summary),
                           days=days, ranges=RANGES)
