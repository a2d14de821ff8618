"""The words a notification's service worker adds itself (its buttons, and the line it shows when a snooze could
not reach the server), in the current locale. The worker has no page to read the language from, so they travel
with each notification: in the push payload (push.payloads) and in the page's catalogue for its own due-now
notification (static/js/due.js). service_worker.js keeps the English ones for a payload without them."""
from __future__ import annotations

from flask_babel import gettext


def notification_words() -> dict[str, str]:
    return {"done": gettext("Done"), "snooze": gettext("Snooze 30 min"),
            "snooze_offline": gettext("Could not snooze without a connection.")}
