"""Outgoing mail without a mail server: every message is logged, and written as an .eml file when a folder is set.

Development writes to instance/mail/ so a person can open the message; production logs only (the log is then the
delivery channel and must be treated as secret, since reset links are credentials).
"""
from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

log = logging.getLogger("inoplan.mail")


def send(to: str, subject: str, body: str, sender: str, directory: str | Path | None = None) -> EmailMessage:
    """Deliver one plain-text message; returns it (and its file path in `X-Inoplan-File` when written)."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    now = datetime.now(UTC)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="inoplan.local")
    message.set_content(body)
    log.info("Mail to %s: %s\n%s", to, subject, body)
    if directory:
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
        path.write_bytes(bytes(message))
        message["X-Inoplan-File"] = str(path)
    return message
