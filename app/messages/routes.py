"""Secure messages: a conversation per active care link (patient <-> approved clinician)."""
from __future__ import annotations

import uuid
from functools import wraps

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.access import found
from app.extensions import db
from app.messages import bp
from app.messages.notify import push_new_messages
from app.models.base import utcnow
from app.models.messages import MESSAGE_MAX
from app.services.clinics.approval import clinician_approved
from app.services.messages import read, store


class MessageForm(FlaskForm):
    text = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=MESSAGE_MAX)])
    client_id = HiddenField()


def may_message(view):
    """Patients, and clinicians an administrator approved."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if current_user.is_clinician and not clinician_approved(current_user):
            return render_template("clinics/waiting.html"), 403
        return view(*args, **kwargs)
    return wrapper


def partner_or_404(user_id: int):
    return found(store.partner(db.session, current_user, user_id))


@bp.get("")
@may_message
def index():
    """One conversation per active care link."""
    return render_template("messages/index.html", threads=read.threads(db.session, current_user))


@bp.route("/<int:user_id>", methods=["GET", "POST"])
@may_message
def conversation(user_id: int):
    """The conversation with one linked person; opening it marks their messages read."""
    other = partner_or_404(user_id)
    form = MessageForm()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            client_id = form.client_id.data if _is_uuid(form.client_id.data) else str(uuid.uuid4())
            result, _error, _fields = store.apply(db.session, current_user, {
                "client_id": client_id, "to": other.id, "text": store.message_text(form.text.data),
                "recorded_at": utcnow()})
            if result == "rejected":
                db.session.rollback()
                flash(_("Too many messages. Please wait a minute and try again."))
                status = 429
            else:
                db.session.commit()
                push_new_messages()
                return redirect(url_for("messages.conversation", user_id=other.id) + "#latest"), 303
        else:
            status = 422
    read.mark_read(db.session, current_user, other)
    db.session.commit()
    messages = read.conversation(db.session, current_user, other)
    form.client_id.data = str(uuid.uuid4())
    return render_template("messages/conversation.html", other=other, messages=messages, form=form,
                           max_length=MESSAGE_MAX), status


def _is_uuid(value) -> bool:
    try:
        return str(uuid.UUID(str(value))) == value
    except ValueError:
        return False
