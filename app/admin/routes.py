"""The administrator's page: clinicians waiting for approval."""
from __future__ import annotations

from functools import wraps

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.access import found
from app.admin import bp
from app.extensions import db
from app.services.clinics import approval


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            abort(403, _("This page is for administrators."))
        return view(*args, **kwargs)
    return wrapper


@bp.get("")
@admin_required
def index():
    """Clinicians waiting for approval, and the latest decisions."""
    return render_template("admin/index.html", pending=approval.pending(db.session),
                           decided=approval.decided(db.session))


@bp.post("/clinicians/<int:user_id>/<any(approve, reject):decision>")
@admin_required
def decide(user_id: int, decision: str):
    """Approve or reject a clinician account."""
    person = found(approval.clinician(db.session, user_id))
    (approval.approve if decision == "approve" else approval.reject)(current_user, person)
    db.session.commit()
    flash(_("%(name)s is approved.", name=person.display_name) if decision == "approve"
          else _("%(name)s is rejected and has no access to patient data.", name=person.display_name))
    return redirect(url_for("admin.index")), 303
