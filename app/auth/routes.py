"""Register, log in, log out."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from app.auth import bp
from app.auth.forms import LoginForm, RegisterForm
from app.extensions import account_key, db, limiter
from app.models import User


def home_for(user: User) -> str:
    if user.is_admin and not user.is_patient and user.approved_at is None:  # an administrator-only account
        return url_for("admin.index")
    return url_for("patient.today") if user.is_patient else url_for("patient.home")


def safe_next(default: str) -> str:
    """Only same-site paths, so a crafted ?next= cannot send people elsewhere."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc and "\\" not in target:
        return target
    return default


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMITS"], methods=["POST"])
@limiter.limit(lambda: current_app.config["ACCOUNT_LOGIN_LIMITS"], key_func=account_key, methods=["POST"])
def login():
    """Log in with email and password."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None or not user.check_password(form.password.data):
            # One message for both cases: do not reveal which emails have accounts.
            form.password.errors.append(_("That email and password do not match an account."))
        else:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(home_for(user)))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMITS"], methods=["POST"])
def register():
    """Create a patient or clinician account."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = RegisterForm()
    if form.validate_on_submit():
        user = User(email=form.email.data.strip().lower(), display_name=form.display_name.data.strip(),
                    role=form.role.data, timezone=form.timezone.data)
        if user.role == "clinician":  # waits for an administrator's approval (services/clinics/approval.py)
            user.profession = form.profession.data.strip()
            user.registration_number = form.registration_number.data.strip()
        user.set_password(form.password.data)
        db.session.add(user)
        db.session.commit()
        login_user(user)
        flash(_("Welcome to Inoplan, %(name)s.", name=user.display_name))
        return redirect(safe_next(home_for(user)))
    return render_template("auth/register.html", form=form), 200 if not form.errors else 422


@bp.route("/logout", methods=["GET", "POST"])
@login_required
def logout():
    """Log out; a GET only asks, so a link from another site cannot log people out."""
    if request.method == "GET":
        return render_template("auth/logout.html")
    logout_user()
    flash(_("You are logged out."))
    response = redirect(url_for("auth.login"))
    # /api/v1/today may sit in the HTTP cache (revalidated by ETag); a shared phone should not keep it.
    # Only "cache": "storage" would also wipe the offline outbox, entries not yet sent.
    response.headers["Clear-Site-Data"] = '"cache"'
    return response
