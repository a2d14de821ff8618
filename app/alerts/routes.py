"""The clinician's alert thresholds: per patient or for all their patients."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import role_required
from app.alerts import bp
from app.extensions import db
from app.services.care.links import linked_patients
from app.services.clinics import alerts


@bp.get("")
@role_required("clinician")
def index():
    """The rules, and a form for a new one."""
    return render_template("alerts/index.html", rules=alerts.rules_for(db.session, current_user),
                           describe=alerts.describe, kinds=alerts.KINDS,
                           patients=linked_patients(db.session, current_user))


@bp.post("")
@role_required("clinician")
def add():
    """A new rule; an unknown kind, a threshold out of range or someone else's patient is refused."""
    form = request.form
    rule = alerts.add(db.session, current_user, form.get("kind", ""), form.get("threshold"),
                      form.get("patient_id") or None, mail=form.get("mail") == "yes", push=form.get("push") == "yes")
    if rule is None:
        db.session.rollback()
        flash(_("That alert could not be saved. Check the number."))
        return redirect(url_for("alerts.index")), 303
    db.session.commit()
    return redirect(url_for("alerts.index")), 303


@bp.post("/<int:rule_id>/delete")
@role_required("clinician")
def delete(rule_id: int):
    """Remove one of the clinician's own rules."""
    if not alerts.remove(db.session, current_user, rule_id):
        abort(404)
    db.session.commit()
    return redirect(url_for("alerts.index")), 303
