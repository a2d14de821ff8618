"""Settings: an index of sections (each owned by its blueprint) and the profile."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.extensions import db
from app.settings import bp
from app.settings.forms import ProfileForm

# (endpoint, title, description); "My clinicians" is a patient's page.
SECTIONS = [
    ("settings.profile", _l("Profile and timezone"), _l("Your name, timezone and travel setting.")),
    ("reminders.settings", _l("Reminders"), _l("Notifications, calendar feed, quiet hours.")),
    ("care.mine", _l("My clinicians"), _l("Who can see your plan and log, and when they looked.")),
    ("privacy.index", _l("Privacy and data"), _l("Export your data, change your password, delete your account.")),
    ("settings.language", _l("Language"), _l("English or Deutsch.")),
]


@bp.route("/")
@login_required
def index():
    """Every settings section on one page."""
    sections = [s for s in SECTIONS if not (s[0] == "care.mine" and not current_user.is_patient)]
    return render_template("settings/index.html", sections=sections)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    """Name, timezone and whether the phone's timezone wins while travelling."""
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        form.populate_obj(current_user)
        db.session.commit()
        flash(_("Profile saved."))
        return redirect(url_for("settings.index")), 303
    return render_template("settings/profile.html", form=form), 422 if form.errors else 200
