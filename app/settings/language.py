"""The language switch: English, Deutsch, or whatever the browser asks for."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import refresh
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import RadioField

from app.extensions import db
from app.i18n import LANGUAGES
from app.settings import bp

BROWSER = "browser"


class LanguageForm(FlaskForm):
    locale = RadioField(_l("Language"), default=BROWSER,
                        choices=[(BROWSER, _l("Same as my browser")), *LANGUAGES.items()])


@bp.route("/language", methods=["GET", "POST"])
@login_required
def language():
    """Choose the interface language, or follow the browser."""
    form = LanguageForm(data={"locale": current_user.locale or BROWSER})
    if form.validate_on_submit():
        current_user.locale = None if form.locale.data == BROWSER else form.locale.data
        db.session.commit()
        refresh()  # so the confirmation below is already in the new language
        flash(_("Language saved."))
        return redirect(url_for("settings.index")), 303
    return render_template("settings/language.html", form=form), 422 if form.errors else 200
