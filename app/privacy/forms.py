"""Privacy forms: change password, delete account."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from app.auth.forms import NewPasswordForm

PHRASE = "delete my account"


class ChangePasswordForm(NewPasswordForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    field_order = ("current", "password", "confirm")


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=200)])
    phrase = StringField(_l('Type "%(phrase)s"', phrase=PHRASE), validators=[DataRequired(), Length(max=100)],
                         render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"})

    def validate_phrase(self, field) -> None:
        if " ".join(field.data.lower().split()) != PHRASE:
            raise ValidationError(_('Type the words "%(phrase)s" to confirm.', phrase=PHRASE))
