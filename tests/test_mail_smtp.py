"""Mail is delivered over SMTP when MAIL_URL is set (issue 14 item 3), tested against a real SMTP server
(aiosmtpd) on 127.0.0.1: the reset mail arrives, with a link built from BASE_URL."""
from __future__ import annotations

import re

import pytest

from app.services import mail
from helpers import csrf_from, free_port


def test_mail_url_is_parsed_with_tls_choices():
    server = mail.SmtpServer.from_url("smtp://me%40example.org:p%40ss@mail.example.org")
    assert (server.host, server.port, server.tls, server.user, server.password) == \
        ("mail.example.org", 587, "starttls", "me@example.org", "p@ss")
    assert mail.SmtpServer.from_url("smtps://mail.example.org").port == 465
    assert mail.SmtpServer.from_url("smtps://mail.example.org").tls == "ssl"
    assert mail.SmtpServer.from_url("smtp://127.0.0.1:2525?tls=none").tls == "none"
    for bad in ("http://mail.example.org", "smtp://", "smtp://host?tls=maybe"):
        with pytest.raises(ValueError):
            mail.SmtpServer.from_url(bad)


def test_reset_mail_is_delivered_over_smtp_with_the_configured_link(app, client, patient, smtp_server):
    """The reset request carries a forged Host; the mail still arrives over SMTP and links to BASE_URL."""
    inbox, port = smtp_server
    app.config.update(MAIL_URL=f"smtp://inoplan:p%40ss%3Aw%2Frd@127.0.0.1:{port}?tls=none", MAIL_DIR=None,
                      BASE_URL="https://inoplan.example.org")
    forged = {"Host": "evil.example"}
    page = client.get("/reset-password", headers=forged).get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    response = client.post("/reset-password", data={"email": patient.email.upper(), "csrf_token": token},
                           headers=forged)
    assert response.status_code == 303
    assert inbox.arrived.wait(10), "no mail reached the SMTP server"
    [message] = inbox.messages
    assert message["To"] == patient.email and "new Inoplan password" in message["Subject"]
    links = re.findall(r"https?://\S+", message.get_content())
    assert links and all(link.startswith("https://inoplan.example.org/reset-password/") for link in links)
    assert "evil.example" not in message.get_content()
    assert inbox.logins == [("inoplan", "p@ss:w/rd")]


def test_unreachable_mail_server_is_logged_and_the_answer_stays_the_same(app, client, patient, caplog):
    app.config.update(MAIL_URL=f"smtp://127.0.0.1:{free_port()}?tls=none&timeout=2", MAIL_DIR=None)
    caplog.set_level("ERROR", logger="inoplan.mail")
    response = client.post("/reset-password", data={"email": patient.email,
                                                    "csrf_token": csrf_from(client, "/reset-password")})
    assert response.status_code == 303
    assert "not sent" in caplog.text and "reset-password/" not in caplog.text  # no credential in the log


def test_smtp_delivery_does_not_log_the_body(smtp_server, caplog):
    inbox, port = smtp_server
    caplog.set_level("INFO", logger="inoplan.mail")
    mail.send("a@example.org", "Subject here", "secret link body", "Inoplan <no-reply@inoplan.example>",
              url=f"smtp://127.0.0.1:{port}?tls=none")
    assert inbox.arrived.wait(10) and inbox.messages[0].get_content().strip() == "secret link body"
    assert "Subject here" in caplog.text and "secret link body" not in caplog.text
