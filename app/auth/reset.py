"""Forgotten password: ask for a link by email, then choose a new password with it."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from app.auth import bp
from app.auth.forms import NewPasswordForm, ResetRequestForm
from app.extensions import account_key, address_key, db, limiter, normal_email
from app.formatting import in_language, language
from app.models import User
from app.services import mail
from app.services.accounts import passwords
from app.urls import absolute_url

SENT = _l("If an account uses that address, we have sent it a link to choose a new password. It works for one hour.")


def token_account_key() -> str:
    """Rate-limit key: the account the link names, so guessing through many addresses still stops."""
    user_id = passwords.token_user_id((request.view_args or {}).get("token", ""), current_app.secret_key)
    return f"account-id:{user_id}" if user_id else address_key()


@bp.route("/reset-password", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_LIMITS"], methods=["POST"])
@limiter.limit(lambda: current_app.config["ACCOUNT_RESET_LIMITS"], key_func=account_key, methods=["POST"])
def reset_request():
    """Ask for a reset link; the answer never tells whether the email has an account."""
    if current_user.is_authenticated:
        return redirect(url_for("privacy.password"))
    form = ResetRequestForm()
    if form.validate_on_submit():
        email = normal_email(form.email.data)
        user = db.session.scalar(select(User).where(User.email == email))
        if user is not None:
            link = absolute_url("auth.reset_password", token=passwords.reset_token(user, current_app.secret_key))
            with in_language(user, fallback=language()):  # the reader's saved language, else this page's
                subject = _("Choose a new Inoplan password")
                body = _("Hello %(name)s,\n\nSomeone (we hope you) asked to reset your Inoplan password.\n"
                         "Open this link within one hour to choose a new one:\n\n%(link)s\n\n"
                         "If it was not you, ignore this message: your password stays as it is.\n",
                         name=user.display_name, link=link)
            mail.send_from_app(user.email, subject, body)
        flash(str(SENT))
        return redirect(url_for("auth.login")), 303
    return render_template("auth/reset_request.html", form=form), 422 if form.errors else 200


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_LIMITS"], methods=["POST"])
@limiter.limit(lambda: current_app.config["ACCOUNT_RESET_LIMITS"], key_func=token_account_key, methods=["POST"])
def reset_password(token: str):
    """Choose a new password with a valid link; it ends every session of the account."""
    user = passwords.user_for_token(db.session, token, current_app.secret_key,
                                    current_app.config["RESET_TOKEN_MAX_AGE"])
    if user is None:
        return render_template("auth/reset_invalid.html"), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        passwords.set_password(db.session, user, form.password.data, "password_reset")
        db.session.commit()
        flash(_("Your password is changed and every device was logged out. Log in with the new password."))
        return redirect(url_for("auth.login")), 303
    return render_template("auth/reset_password.html", form=form), 422 if form.errors else 200
