"""The clinician's daily alert digest by Web Push (and mail): a real push receiver, real encryption, a real SMTP
server. The push holds a count and nothing else: no name, no kind of alert, no figure."""
from __future__ import annotations

from app.extensions import db
from app.models import AlertRule
from helpers import link, make_user, subscribed


def add_rule(s, **form):
    response = s.post("/alerts", data={"kind": "no_checkin", "threshold": "3", "csrf_token": s.token, **form})
    assert response.status_code == 303


def digest(runner) -> str:
    result = runner.invoke(args=["alerts", "digest"])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_digest_is_pushed_as_a_count_and_mailed_without_names(app, runner, login, clinician, patient, receiver,
                                                                  smtp_server):
    inbox, port = smtp_server
    app.config.update(MAIL_URL=f"smtp://127.0.0.1:{port}?tls=none", MAIL_DIR=None)
    other = make_user("other.patient@example.com", name="Olga Other")
    link(clinician, patient)
    link(clinician, other)
    s, browser = subscribed(login, receiver, clinician)
    add_rule(s, push="yes", mail="yes")
    assert "daily notification" in s.get("/alerts").get_data(as_text=True)
    assert "Alert digests sent: 1. Pushes accepted: 1." in digest(runner)  # neither has checked in yet
    [push] = receiver.received
    notice = browser.decrypt(push)
    assert notice == {"kind": "alerts", "title": "Inoplan alerts", "body": "2 patients need a look",
                      "tag": "inoplan-alerts", "url": "/clinician"}
    [mail] = inbox.messages
    assert mail["To"] == clinician.email and "No recent check-in: 2 patients" in mail.get_content()
    for name in (patient.display_name, other.display_name, patient.email):
        assert name not in mail.get_content() and name not in str(notice)


def test_the_push_is_in_the_clinicians_language_and_only_for_rules_ticked_for_it(app, runner, login, clinician,
                                                                                 patient, receiver):
    link(clinician, patient)
    s, browser = subscribed(login, receiver, clinician)
    add_rule(s, mail="yes")
    assert "Pushes accepted: 0." in digest(runner) and receiver.received == []
    add_rule(s, push="yes")
    clinician.locale = "de"
    db.session.commit()
    digest(runner)
    notice = browser.decrypt(receiver.received[0])
    assert notice["title"] == "Inoplan-Hinweise" and notice["body"] == "1 Patient braucht einen Blick"


def test_nothing_is_pushed_when_nothing_fires_or_the_clinician_is_not_approved(app, runner, login, clinician,
                                                                             patient, receiver):
    s, _ = subscribed(login, receiver, clinician)
    add_rule(s, push="yes")
    assert "Pushes accepted: 0." in digest(runner)  # no patients, nothing fires
    link(clinician, patient)
    clinician.approved_at = None
    db.session.commit()
    assert "Pushes accepted: 0." in digest(runner) and receiver.received == []


def test_a_gone_subscription_is_deleted_after_the_digest(app, runner, login, clinician, patient, receiver):
    from sqlalchemy import func, select

    from app.models import PushSubscription
    link(clinician, patient)
    s, _ = subscribed(login, receiver, clinician)
    add_rule(s, push="yes")
    receiver.status["/push/phone"] = 410
    digest(runner)
    assert db.session.scalar(select(func.count(PushSubscription.id))) == 0


def test_clinicians_can_turn_notifications_on_and_the_rule_keeps_its_choice(login, clinician):
    s = login(clinician)
    page = s.get("/settings/reminders").get_data(as_text=True)
    assert "data-push-toggle" in page and "how many patients need a look" in page
    add_rule(s, push="yes")
    rule = db.session.scalars(db.select(AlertRule)).one()
    assert rule.push and not rule.mail
