"""Create an account: the form mails a link (or, for a taken address, a note to its owner); the link finishes."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.auth import bp
from app.auth.forms import FinishRegistrationForm, RegisterForm
from app.auth.routes import home_for, is_safe_path, safe_next
from app.extensions import account_key, db, limiter, normal_email
from app.models import User
from app.services import mail
from app.services.accounts import registration, sessions
from app.urls import absolute_url

SENT = _l("Check your inbox: we have sent a message to that address. Open the link in it within 24 hours to "
          "finish creating your account.")


def _safe_next_path() -> str | None:
    target = safe_next("")
    return target or None


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMITS"], methods=["POST"])
@limiter.limit(lambda: current_app.config["REGISTER_ACCOUNT_LIMITS"], key_func=account_key, methods=["POST"])
def register():
    """Ask for an account; the answer is the same whether or not the email already has one."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = RegisterForm()
    if form.validate_on_submit():
        email = normal_email(form.email.data)
        hashed = registration.hash_password(form.password.data)  # both paths pay for one hash
        owner = db.session.scalar(select(User).where(User.email == email))
        if owner is not None:
            mail.send_from_app(owner.email, "You already have an Inoplan account",
                               f"Hello {owner.display_name},\n\nSomeone (we hope you) tried to create a new Inoplan "
                               "account with this address, which already has one. Nothing was changed.\n\n"
                               f"Log in: {absolute_url('auth.login')}\n"
                               f"Forgot your password? {absolute_url('auth.reset_request')}\n\n"
                               "If it was not you, you can ignore this message.\n")
        else:
            pending = registration.Pending(email, form.display_name.data.strip(), form.role.data,
                                           form.timezone.data, hashed, _safe_next_path())
            link = absolute_url("auth.finish_registration",
                                token=registration.token(pending, current_app.secret_key))
            mail.send_from_app(email, "Finish creating your Inoplan account",
                               f"Hello {pending.display_name},\n\nOpen this link within 24 hours and enter the "
                               f"password you chose to finish creating your Inoplan account:\n\n{link}\n\n"
                               "If it was not you, ignore this message: no account is created.\n")
        flash(str(SENT))
        return redirect(url_for("auth.register_sent")), 303
    return render_template("auth/register.html", form=form), 200 if not form.errors else 422


@bp.get("/register/sent")
def register_sent():
    """Where every valid sign-up lands: check your inbox."""
    return render_template("auth/register_sent.html")


@bp.route("/register/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMITS"], methods=["POST"])
def finish_registration(token: str):
    """Finish with the link from the mail and the password chosen before; it creates the account once."""
    pending = registration.load(token, current_app.secret_key)
    if pending is None:
        return render_template("auth/register_invalid.html"), 404
    if db.session.scalar(select(User.id).where(User.email == pending.email)):
        flash(_("Your account is ready. Log in with your email and password."))
        return redirect(url_for("auth.login")), 303
    form = FinishRegistrationForm()
    if form.validate_on_submit():
        if not pending.check_password(form.password.data):
            form.password.errors.append(_("That is not the password you chose when you signed up."))
        else:
            user = User(email=pending.email, display_name=pending.display_name, role=pending.role,
                        timezone=pending.timezone, password_hash=pending.password_hash)
            db.session.add(user)
            try:
                db.session.flush()
            except IntegrityError:  # the same link finished twice at once: the other request created it
                db.session.rollback()
                return redirect(url_for("auth.login")), 303
            sessions.start(db.session, user)
            db.session.commit()
            login_user(user)
            flash(_("Welcome to Inoplan, %(name)s.", name=user.display_name))
            target = pending.next if pending.next and is_safe_path(pending.next) else home_for(user)
            return redirect(target), 303
    return render_template("auth/register_finish.html", form=form, email=pending.email), \
        422 if form.errors else 200
