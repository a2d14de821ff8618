"""The patient's side of care links: accept an invite, see and remove clinicians, read the access log."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from app.access import found, role_required
from app.care import bp
from app.extensions import db, limiter
from app.services.care import invites
from app.services.care import links as care
from app.services.care.access_log import log_lines
from app.services.clinics import transfers


class CodeForm(FlaskForm):
    code = StringField(_l("Invite code"),
                       validators=[DataRequired(message=_l("Enter the 8-character code.")), Length(max=20)],
                       description=_l("8 letters and digits, e.g. ABCD-EF23. Capitals or not, dashes or not."),
                       render_kw={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"})


def invite_limits() -> str:
    return current_app.config["INVITE_LIMITS"]


@bp.route("/settings/clinicians")
@role_required("patient")
def mine():
    """Who can see your plan and log, and every time they looked."""
    return render_template("care/mine.html", links=care.clinicians_of(db.session, current_user),
                           trail=log_lines(db.session, current_user),
                           transfers=transfers.pending_for(db.session, current_user))


@bp.post("/settings/clinicians/<int:link_id>/remove")
@role_required("patient")
def remove(link_id: int):
    """End a care link; the clinician loses access at once. Your plan stays yours."""
    clinician = found(care.unlink(db.session, current_user, link_id))
    db.session.commit()
    flash(_("%(name)s can no longer see your plan or log. Your plan and history stay with you.",
            name=clinician.display_name))
    return redirect(url_for("care.mine")), 303


@bp.route("/invite", methods=["GET", "POST"])
@limiter.limit(invite_limits, methods=["POST"])
def enter_code():
    """Type the code your physiotherapist gave you."""
    form = CodeForm()
    if form.validate_on_submit():
        invite = invites.by_code(db.session, form.code.data)
        if invite is not None:
            return redirect(url_for("care.invite", token=invite.token)), 303
        form.code.errors.append(_("That code does not match an invite. Check it and try again."))
    return render_template("care/code.html", form=form), 422 if form.errors else 200


@bp.route("/invite/<token>")
def invite(token: str):
    """What accepting means, with log in / register links that bring you back here."""
    found = invites.by_token(db.session, token)
    if found is None:
        abort(404, _("This invite link is not valid. Check you copied all of it, or enter the code instead."))
    state = found.state()
    problem = invites.MESSAGES.get(state)
    if current_user.is_authenticated and not current_user.is_patient and not problem:
        problem = _("Invites link a patient to a physiotherapist. Log out and log in with a patient account to accept.")
    status = 410 if state != "pending" else 200
    return render_template("care/invite.html", invite=found, problem=problem, form=FlaskForm(),
                           clinician=found.clinician), status


@bp.post("/invite/<token>")
@limiter.limit(invite_limits)
@login_required
def accept(token: str):
    """Accept: your physiotherapist can now see your plan and log, and plan for you."""
    found = invites.by_token(db.session, token)
    if found is None:
        abort(404, _("This invite link is not valid."))
    try:
        invites.accept(db.session, found, current_user)
    except invites.InviteError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("care.invite", token=token)), 303
    db.session.commit()
    flash(_("You are now linked with %(name)s. They can see your plan and log, and you can remove them here at "
            "any time.", name=found.clinician.display_name))
    return redirect(url_for("care.mine")), 303
