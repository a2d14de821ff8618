"""Clinics and their members; sharing or handing over a patient with the patient's consent."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import found, role_required
from app.clinician.access import patient_or_404
from app.clinics import bp
from app.extensions import db
from app.models.clinics import CLINIC_ROLES
from app.services.clinics import teams, transfers


def clinic_or_404(clinic_id: int):
    """A clinic the signed-in user administers (site-wide) or belongs to; 404 for anyone else."""
    clinic = teams.get(db.session, clinic_id)
    if clinic is None or not (current_user.is_admin or teams.membership(db.session, clinic, current_user)):
        abort(404)
    return clinic


@bp.get("")
@login_required
def index():
    """Administrators: every clinic and a form for a new one. Clinicians: their clinics."""
    if current_user.is_admin:
        rows = [(c, None) for c in teams.all_clinics(db.session)]
    elif current_user.is_clinician:
        rows = teams.clinics_of(db.session, current_user)
    else:
        abort(403, _("This page is for clinicians."))
    return render_template("clinics/index.html", rows=rows)


@bp.post("")
@login_required
def create():
    """A new clinic (administrators only)."""
    if not current_user.is_admin:
        abort(403, _("This page is for administrators."))
    name = (request.form.get("name") or "").strip()
    if not name:
        flash(_("Give the clinic a name."))
        return redirect(url_for("clinics.index")), 303
    clinic = teams.create(db.session, current_user, name)
    db.session.commit()
    return redirect(url_for("clinics.show", clinic_id=clinic.id)), 303


@bp.get("/<int:clinic_id>")
@login_required
def show(clinic_id: int):
    """The clinic's members; managers also see the forms to add and remove them."""
    clinic = clinic_or_404(clinic_id)
    return render_template("clinics/show.html", clinic=clinic, members=teams.members(db.session, clinic),
                           manage=teams.may_manage(db.session, clinic, current_user), roles=CLINIC_ROLES)


@bp.post("/<int:clinic_id>/members")
@login_required
def add_member(clinic_id: int):
    """Add a clinician by email, or change their role."""
    clinic = clinic_or_404(clinic_id)
    if not teams.may_manage(db.session, clinic, current_user):
        abort(403, _("Only the clinic's administrators manage its members."))
    user = teams.add_member(db.session, clinic, request.form.get("email", ""), request.form.get("role", ""))
    if user is None:
        flash(_("No clinician account has that email."))
    else:
        db.session.commit()
        flash(_("%(name)s is a member of %(clinic)s.", name=user.display_name, clinic=clinic.name))
    return redirect(url_for("clinics.show", clinic_id=clinic.id)), 303


@bp.post("/<int:clinic_id>/members/<int:user_id>/remove")
@login_required
def remove_member(clinic_id: int, user_id: int):
    """Remove a member (their patients stay theirs)."""
    clinic = clinic_or_404(clinic_id)
    if not teams.may_manage(db.session, clinic, current_user):
        abort(403, _("Only the clinic's administrators manage its members."))
    if not teams.remove_member(db.session, clinic, user_id):
        abort(404)
    db.session.commit()
    return redirect(url_for("clinics.show", clinic_id=clinic.id)), 303


@bp.route("/patients/<int:patient_id>/share", methods=["GET", "POST"])
@role_required("clinician")
def share(patient_id: int):
    """Ask the patient to let a colleague share their care, or to hand it over."""
    patient = patient_or_404(patient_id)
    people = teams.colleagues(db.session, current_user)
    if request.method == "POST":
        transfer = transfers.propose(db.session, current_user, patient.id, request.form.get("colleague_id"),
                                     request.form.get("mode", ""))
        if transfer is None:
            abort(404)
        db.session.commit()
        flash(_("%(name)s will be asked to agree in Inoplan.", name=patient.display_name))
        return redirect(url_for("clinician.patient", patient_id=patient.id)), 303
    return render_template("clinics/share.html", patient=patient, colleagues=people)


@bp.post("/transfers/<int:transfer_id>/<any(accept, decline):answer>")
@role_required("patient")
def decide(transfer_id: int, answer: str):
    """The patient agrees or declines; shown in their access log either way."""
    transfer = found(transfers.decide(db.session, current_user, transfer_id, answer == "accept"))
    db.session.commit()
    flash(_("Done. Your clinicians are listed below.") if transfer.status == "accepted" else _("Declined."))
    return redirect(url_for("care.mine")), 303
