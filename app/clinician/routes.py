"""The clinician's dashboard, invites and a patient's page."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import role_required
from app.clinician import bp
from app.clinician.access import patient_or_404
from app.clinician.forms import InviteForm
from app.extensions import db, limiter
from app.models.base import utcnow
from app.progression import panels as progression_panels
from app.services.care import audit, invites
from app.services.care.dashboard import note_overview, patient_rows
from app.services.clinics import alerts
from app.services.plans import removals
from app.services.progress.summary import RANGES, charts, mode_reason_text, summary_for
from app.sleep import panels as sleep_panels


def clinician_key() -> str:
    return f"clinician:{current_user.get_id()}"


@bp.route("")
@role_required("clinician")
def dashboard():
    """Linked patients, the ones needing attention first, and the invites."""
    rows = patient_rows(db.session, current_user)
    patients = [r.patient for r in rows]
    note_overview(db.session, current_user, [p.id for p in patients])
    db.session.commit()
    return render_template("clinician/dashboard.html", rows=rows, form=InviteForm(),
                           invites=invites.recent_for(db.session, current_user),
                           removed=removals.for_clinician(db.session, current_user), reasons=removals.REASONS,
                           alerts=alerts.fired(rows, alerts.rules_for(db.session, current_user), utcnow()),
                           low_sleep=sleep_panels.low_efficiency(db.session, patients),
                           stalled=progression_panels.stalled(db.session, patients))


@bp.post("/invites")
@limiter.limit(lambda: current_app.config["INVITE_CREATE_LIMITS"], key_func=clinician_key)
@role_required("clinician")
def create_invite():
    """A new single-use invite link and code, valid for 14 days."""
    form = InviteForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(errors[0], "error")
        return redirect(url_for("clinician.dashboard") + "#invites"), 303
    invite = invites.create(db.session, current_user, form.label.data or "")
    db.session.commit()
    flash(_("Invite ready: share the link or the code %(code)s. It works once, for 14 days.", code=invite.pretty_code))
    return redirect(url_for("clinician.dashboard") + f"#invite-{invite.id}"), 303


@bp.post("/invites/<int:invite_id>/revoke")
@role_required("clinician")
def revoke_invite(invite_id: int):
    """Withdraw an invite that has not been used yet."""
    invite = invites.revoke(db.session, current_user, invite_id)
    if invite is None:
        return render_template("errors/error.html", code=404, message=_("No such invite.")), 404
    db.session.commit()
    flash(_("Invite withdrawn.") if invite.state() == "revoked" else _("That invite was already used or had expired."))
    return redirect(url_for("clinician.dashboard") + "#invites"), 303


@bp.route("/patients/<int:patient_id>")
@role_required("clinician")
def patient(patient_id: int):
    """One patient: adherence by item and week, symptom trends, completions with pain, notes."""
    person = patient_or_404(patient_id)
    days = request.args.get("days", type=int)
    days = days if days in RANGES else 28
    audit.record(db.session, current_user, person.id, "viewed_log", days=days)
    db.session.commit()
    summary = summary_for(db.session, person, days, with_diary=True)
    return render_template("clinician/patient.html", person=person, s=summary, charts=charts(summary),
                           days=days, ranges=RANGES, last_week=summary.adherence.last_days(summary.end),
                           mode_reason=mode_reason_text, sleep_view=sleep_panels.for_clinician(db.session, person),
                           progression_view=progression_panels.for_clinician(db.session, person))
