"""Create an account and sign in, or, for a taken address, mail its owner: the answer is the same either way."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.auth import bp
from app.auth.forms import RegisterForm
from app.auth.routes import home_for, safe_next
from app.extensions import account_key, db, limiter, normal_email
from app.models import User
from app.services import mail
from app.services.accounts import registration, sessions
from app.urls import absolute_url

WELCOME = _l("Welcome to Inoplan. We have sent you a short message to confirm your address.")


def _safe_next_path() -> str | None:
    target = safe_next("")
    return target or None


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMITS"], methods=["POST"])
@limiter.limit(lambda: current_app.config["REGISTER_ACCOUNT_LIMITS"], key_func=account_key, methods=["POST"])
def register():
    """Create an account and sign in; for a taken email, mail its owner instead. Either way the answer is the same
    redirect, after one password hash and one mail, so it never says whether the email has an account."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = RegisterForm()
    if form.validate_on_submit():
        email = normal_email(form.email.data)
        hashed = registration.hash_password(form.password.data)  # both paths pay for one hash
        target = _safe_next_path() or url_for("patient.today" if form.role.data == "patient" else "patient.home")
        flash(str(WELCOME))  # both paths set the same session cookie
        owner = db.session.scalar(select(User).where(User.email == email))
        user = None
        if owner is None:
            user = User(email=email, display_name=form.display_name.data.strip(), role=form.role.data,
                        timezone=form.timezone.data, password_hash=hashed)
            if user.role == "clinician":  # waits for an administrator's approval (services/clinics/approval.py)
                user.profession = (form.profession.data or "").strip()
                user.registration_number = (form.registration_number.data or "").strip()
            db.session.add(user)
            try:
                db.session.flush()
            except IntegrityError:  # the same address registered twice at once: the other request made it
                db.session.rollback()
                owner, user = db.session.scalar(select(User).where(User.email == email)), None
        if user is None:
            mail.send_from_app(owner.email, "You already have an Inoplan account",
                               f"Hello {owner.display_name},\n\nSomeone (we hope you) tried to create a new Inoplan "
                               "account with this address, which already has one. Nothing was changed.\n\n"
                               f"Log in: {absolute_url('auth.login')}\n"
                               f"Forgot your password? {absolute_url('auth.reset_request')}\n\n"
                               "If it was not you, you can ignore this message.\n")
            return redirect(target), 303
        sessions.start(db.session, user)
        db.session.commit()
        login_user(user)
        mail.send_from_app(email, "Welcome to Inoplan",
                           f"Hello {user.display_name},\n\nYour Inoplan account is ready: {absolute_url('auth.login')}"
                           "\n\nIf you did not create it, reset the password with this address to take it over, "
                           f"and every other session ends: {absolute_url('auth.reset_request')}\n")
        return redirect(target), 303
    return render_template("auth/register.html", form=form), 200 if not form.errors else 422
