"""Register, log in, log out."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from app.auth import bp
from app.auth.forms import LoginForm
from app.extensions import account_key, address_account_key, db, limiter, normal_email
from app.models import User
from app.services.accounts import passwords, sessions


def home_for(user: User) -> str:
    if user.is_admin and not user.is_patient and user.approved_at is None:  # an administrator-only account
        return url_for("admin.index")
    return url_for("patient.today") if user.is_patient else url_for("patient.home")


def is_safe_path(target: str) -> bool:
    """A same-site path, so a crafted ?next= cannot send people elsewhere."""
    return target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc \
        and "\\" not in target


def safe_next(default: str) -> str:
    target = request.args.get("next", "")
    return target if is_safe_path(target) else default


def failed_login(response) -> bool:
    """Only wrong passwords count towards the per-account limits, so the owner's own logins never use them up."""
    return response.status_code == 422


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMITS"], methods=["POST"])
@limiter.limit(lambda: current_app.config["ADDRESS_ACCOUNT_LOGIN_LIMITS"], key_func=address_account_key,
               methods=["POST"])
@limiter.limit(lambda: current_app.config["ACCOUNT_LOGIN_LIMITS"], key_func=account_key, methods=["POST"],
               deduct_when=failed_login)
def login():
    """Log in with email and password."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(select(User).where(User.email == normal_email(form.email.data)))
        # An unknown email costs the same scrypt hash as a wrong password, so timing reveals no account.
        if not passwords.verify(user, form.password.data):
            # One message for both cases: do not reveal which emails have accounts.
            form.password.errors.append(_("That email and password do not match an account."))
        else:
            sessions.start(db.session, user)
            db.session.commit()
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(home_for(user)))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


def logged_out(message: str):
    flash(message)
    response = redirect(url_for("auth.login"))
    # /api/v1/today may sit in the HTTP cache (revalidated by ETag); a shared phone should not keep it.
    # Only "cache": "storage" would also wipe the offline outbox, entries not yet sent.
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@bp.route("/logout", methods=["GET", "POST"])
@login_required
def logout():
    """Log out; a GET only asks, so a link from another site cannot log people out. The session ends on the
    server, so a copy of this browser's cookies no longer works either."""
    if request.method == "GET":
        return render_template("auth/logout.html")
    sessions.end(db.session, current_user)
    db.session.commit()
    logout_user()
    return logged_out(_("You are logged out."))


@bp.post("/logout/everywhere")
@login_required
def logout_everywhere():
    """End every session of the account: phones, other browsers, remember-me cookies, this one too."""
    sessions.end_all(db.session, current_user)
    db.session.commit()
    logout_user()
    return logged_out(_("You are logged out on every device."))
