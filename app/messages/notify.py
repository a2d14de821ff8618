"""Flask glue: push "New message from your physio/patient" after a message is stored (best effort)."""
from __future__ import annotations

from flask import current_app

from app.extensions import db
from app.models.base import utcnow
from app.services.reminders.push import message_pushes


def sender():
    """The configured web push sender (replaced in tests)."""
    from app.reminders.push import pusher
    return pusher().send_all


def push_new_messages() -> None:
    """Never fails the request that stored the message: the message is saved; only the notice is lost."""
    try:
        # The sender is built only when there is something to push (it loads the VAPID key).
        message_pushes(db.session, lambda jobs: sender()(jobs), utcnow())
    except Exception:  # noqa: BLE001 (a push service or key problem must not lose the user's answer)
        db.session.rollback()
        current_app.logger.exception("Message push failed")
