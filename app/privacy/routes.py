"""Privacy and data: export, password change, the access trail, account deletion."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.extensions import db, limiter
from app.formatting import in_language, language
from app.privacy import bp
from app.privacy.forms import ChangePasswordForm, DeleteAccountForm
from app.services import mail
from app.services.accounts import deletion as accounts
from app.services.accounts import passwords
from app.services.care.access_log import log_lines


def user_key() -> str:
    """Rate-limit key for password checks of the signed-in account."""
    return f"user:{current_user.get_id().partition(':')[0]}" if current_user.is_authenticated else "anonymous"


@bp.route("/settings/privacy")
@login_required
def index():
    """Export links, password, who read your data, and account deletion."""
    trail = log_lines(db.session, current_user, limit=10)
    return render_template("privacy/index.html", trail=trail, password_changed="password_changed" in request.args,
                           has_clinicians=current_user.is_patient)


@bp.route("/settings/privacy/password", methods=["GET", "POST"])
@login_required
@limiter.limit(lambda: current_app.config["PASSWORD_LIMITS"], key_func=user_key, methods=["POST"])
def password():
    """Change the password; every other session ends, this one stays logged in."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("That is not your current password."))
        else:
            passwords.set_password(db.session, current_user, form.password.data, "password_changed",
                                   keep_session=current_user.login_secret)
            db.session.commit()
            login_user(current_user._get_current_object())  # this session now carries the new session token
            with in_language(current_user, fallback=language()):
                subject = _("Your Inoplan password was changed")
                body = _("Your password was changed and your other devices were logged out.\n"
                         "If this was not you, reset your password from the login page at once.\n")
            mail.send_from_app(current_user.email, subject, body)
            flash(_("Password changed. Your other devices are logged out."))
            # Offers a fresh calendar link: the feed's secret address is not tied to the password.
            return redirect(url_for("privacy.index", password_changed=1) + "#calendar-link"), 303
    return render_template("privacy/password.html", form=form), 422 if form.errors else 200


@bp.route("/settings/privacy/delete", methods=["GET", "POST"])
@login_required
@limiter.limit(lambda: current_app.config["PASSWORD_LIMITS"], key_func=user_key, methods=["POST"])
def delete_account():
    """Delete the account and its data after the password and a typed phrase."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.password.data):
            form.password.errors.append(_("That is not your password."))
        else:
            user = current_user._get_current_object()
            logout_user()
            accounts.delete_account(db.session, user)
            db.session.commit()
            flash(_("Your account and your data are deleted. Thank you for using Inoplan."))
            return redirect(url_for("auth.login")), 303
    return render_template("privacy/delete.html", form=form), 422 if form.errors else 200
