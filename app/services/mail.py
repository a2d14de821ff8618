"""Outgoing mail: over SMTP when MAIL_URL is set (production), else logged and filed as .eml (development).

MAIL_URL names the server the way a database URL does:

    smtp://user:password@mail.example.org:587        STARTTLS (the default for smtp://; ?tls=none turns it off)
    smtps://user:password@mail.example.org:465       TLS from the first byte
    smtp://127.0.0.1:25?tls=none                     a local relay without TLS

User and password are percent-decoded, so a password may hold any character. Without MAIL_URL every message is
logged (logger `inoplan.mail`, body included: reset links are credentials, so that log is secret) and written to
MAIL_DIR when set; development sets MAIL_DIR=instance/mail/ so a person can open the message.
"""
from __future__ import annotations

import logging
import smtplib
import ssl
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from blinker import Namespace

log = logging.getLogger("inoplan.mail")
# Sent with the message after each delivery (tests subscribe to read what went out).
message_sent = Namespace().signal("inoplan-message-sent")
TLS_MODES = ("starttls", "ssl", "none")


class MailError(RuntimeError):
    """The mail server refused the message or could not be reached."""


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    tls: str  # starttls | ssl | none
    user: str | None = None
    password: str | None = None
    timeout: float = 10.0

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("MAIL_URL must look like smtp://user:password@host:587 or smtps://host:465")
        query = parse_qs(parts.query)
        tls = query.get("tls", ["ssl" if parts.scheme == "smtps" else "starttls"])[0].lower()
        if tls not in TLS_MODES:
            raise ValueError(f"MAIL_URL ?tls= must be one of {', '.join(TLS_MODES)}")
        port = parts.port or (465 if tls == "ssl" else 587)
        timeout = float(query.get("timeout", ["10"])[0])
        return cls(parts.hostname, port, tls, unquote(parts.username) if parts.username else None,
                   unquote(parts.password) if parts.password else None, timeout)

    def deliver(self, message: EmailMessage) -> None:
        context = ssl.create_default_context()
        try:
            if self.tls == "ssl":
                client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with client:
                if self.tls == "starttls":
                    client.starttls(context=context)
                if self.user:
                    client.login(self.user, self.password or "")
                client.send_message(message)
        except (smtplib.SMTPException, OSError) as exc:
            raise MailError(f"mail to {message['To']} not sent via {self.host}:{self.port}: {exc}") from exc


def compose(to: str, subject: str, body: str, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Date"] = format_datetime(datetime.now(UTC))
    domain = parseaddr(sender)[1].rpartition("@")[2] or "inoplan.local"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(body)
    return message


def send(to: str, subject: str, body: str, sender: str, directory: str | Path | None = None,
         url: str | None = None) -> EmailMessage:
    """Deliver one plain-text message; returns it (with its file path in `X-Inoplan-File` when filed).

    With `url` (MAIL_URL) it goes over SMTP and only the recipient and subject are logged; a failure is logged
    and raised as MailError, never swallowed."""
    message = compose(to, subject, body, sender)
    if url:
        SmtpServer.from_url(url).deliver(message)
        log.info("Mail to %s sent: %s", to, subject)
    else:
        log.info("Mail to %s: %s\n%s", to, subject, body)
    if directory:
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
        path.write_bytes(bytes(message))
        message["X-Inoplan-File"] = str(path)
    message_sent.send(message)
    return message


def send_from_app(to: str, subject: str, body: str) -> EmailMessage | None:
    """`send` with the app's settings (MAIL_FROM, MAIL_DIR, MAIL_URL). A mail server that fails is logged, not
    shown: the page answers the same, and the person can ask again."""
    from flask import current_app

    config = current_app.config
    try:
        return send(to, subject, body, config["MAIL_FROM"], config.get("MAIL_DIR"), config.get("MAIL_URL"))
    except MailError as exc:
        log.error("%s", exc)
        return None
