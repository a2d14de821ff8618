"""The dispatcher end to end: a real Web Push receiver on 127.0.0.1, real encryption, real VAPID signatures."""
from __future__ import annotations

import subprocess
import sys
import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import PushSubscription, ReminderPref, ReminderSent
from app.services.clock import local_today
from app.services.measures import schedule
from helpers import counting_queries, entry_checkin, entry_completion, give_plan, make_user, subscribed
from push_receiver import Browser, verify_vapid

MONDAY_8_LONDON = "2026-06-01T06:50"  # 08:00 BST is 07:00 UTC; the default lead time is 10 minutes
# The words the service worker puts on the notification itself (its buttons; a snooze that found no connection).
ENGLISH_WORDS = {"done": "Done", "snooze": "Snooze 30 min", "snooze_offline": "Could not snooze without a connection."}
GERMAN_WORDS = {"done": "Erledigt", "snooze": "30 Min. später",
                "snooze_offline": "Ohne Verbindung konnte nicht verschoben werden."}


def send(runner, at):
    result = runner.invoke(args=["reminders", "send", "--at", at])
    assert result.exit_code == 0, result.output
    return result.output


def test_push_is_encrypted_signed_kept_for_hours_and_sent_once(app, runner, login, patient, receiver):
    version = give_plan(patient)
    s, browser = subscribed(login, receiver, patient)
    output = send(runner, MONDAY_8_LONDON)
    assert "claimed 1" in output and "pushes ok 1" in output
    [message] = receiver.received
    assert message.path == "/push/phone"
    assert message.headers["ttl"] == str(4 * 3600)
    item = version.items[0]
    assert item.dose == {"sets": 2, "reps": None, "hold_seconds": 20, "minutes": None}
    assert browser.decrypt(message) == {
        "kind": "item", "title": f"08:00 {item.routine.title}",
        "body": "2 sets · hold 20 s. Tap Done when you have finished.",
        "plan_item_id": item.id, "date": "2026-06-01", "slot": "08:00", "tag": f"inoplan-{item.key}-2026-06-01-08:00",
        "owner": patient.id, "locale": "en", "strings": ENGLISH_WORDS,
        "url": f"/today?date=2026-06-01#item-{item.id}-0800"}
    claims = verify_vapid(message.headers["authorization"], s.get("/api/v1/push/key").json["public_key"])
    assert claims["aud"] == f"http://127.0.0.1:{receiver.port}"
    assert claims["sub"] == app.config["VAPID_CLAIM_SUB"]
    # The same minute again, the next minute, and near the end of the window: nothing is resent.
    for at in (MONDAY_8_LONDON, "2026-06-01T06:51", "2026-06-01T07:59"):
        assert "claimed 0" in send(runner, at)
    assert len(receiver.received) == 1
    assert db.session.scalar(select(func.count()).select_from(ReminderSent)) == 1
    assert db.session.scalar(select(PushSubscription.last_ok_at)) is not None


@pytest.mark.parametrize("locale, words", [(None, ENGLISH_WORDS), ("de", GERMAN_WORDS)])
def test_a_push_carries_its_readers_language_and_button_words(app, runner, login, patient, receiver, locale, words):
    """The service worker has no page to read the language from: the payload says it, with the buttons' words."""
    patient.locale = locale
    version = give_plan(patient)
    _, browser = subscribed(login, receiver, patient)
    send(runner, MONDAY_8_LONDON)
    [message] = receiver.received
    shown = browser.decrypt(message)
    assert shown["locale"] == (locale or "en") and shown["strings"] == words
    title = version.items[0].routine.title
    if locale == "de":
        assert shown["title"] != f"08:00 {title}" and shown["body"].startswith("2 Sätze · 20 s halten.")
    else:
        assert shown["title"] == f"08:00 {title}" and shown["body"].startswith("2 sets · hold 20 s.")


def test_gone_subscription_is_deleted(app, runner, login, patient, receiver):
    give_plan(patient)
    subscribed(login, receiver, patient)
    receiver.status["/push/phone"] = 410
    assert "gone 1" in send(runner, MONDAY_8_LONDON)
    assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 0


def test_a_failing_push_service_is_retried_on_the_next_run(app, runner, login, patient, receiver):
    give_plan(patient)
    subscribed(login, receiver, patient)
    receiver.status["/push/phone"] = 503
    assert "failed 1, to retry 1" in send(runner, MONDAY_8_LONDON)
    assert db.session.scalar(select(PushSubscription.failures)) == 1
    receiver.status.clear()
    assert "pushes ok 1" in send(runner, "2026-06-01T06:51")
    assert len(receiver.received) == 2
    db.session.expire_all()
    assert db.session.scalar(select(PushSubscription.failures)) == 0


def test_done_items_quiet_hours_and_push_off_send_nothing(app, runner, login, patient, receiver):
    version = give_plan(patient)
    s, _ = subscribed(login, receiver, patient)
    s.post_json("/api/v1/sync", {"items": [entry_completion(version.items[0].id, "2026-06-01", "08:00")]})
    assert "due 0" in send(runner, MONDAY_8_LONDON)
    db.session.add(ReminderPref(user_id=patient.id, quiet_start="12:00", quiet_end="13:00", push_enabled=False))
    db.session.commit()
    assert "due 0" in send(runner, "2026-06-01T11:20")  # 12:30 item, 12:20 local, push off
    assert receiver.received == []


def test_a_reminder_due_in_quiet_hours_waits_for_their_end(app, runner, login, patient, receiver):
    give_plan(patient)  # 08:00 and 12:30 (the 12:30 item is due at 12:20 local)
    _, browser = subscribed(login, receiver, patient)
    db.session.add(ReminderPref(user_id=patient.id, quiet_start="12:00", quiet_end="13:00"))
    db.session.commit()
    assert "deferred to the end of quiet hours 1" in send(runner, "2026-06-01T11:20")  # 12:20 BST: quiet
    assert receiver.received == []
    assert "snoozed re-sends 0" in send(runner, "2026-06-01T11:59")
    assert "snoozed re-sends 1, pushes ok 1" in send(runner, "2026-06-01T12:00")  # 13:00 BST
    assert browser.decrypt(receiver.received[0])["slot"] == "12:30"


def test_quiet_hours_that_end_too_late_drop_the_reminder(app, runner, login, patient, receiver):
    give_plan(patient)
    subscribed(login, receiver, patient)
    db.session.add(ReminderPref(user_id=patient.id, quiet_start="12:00", quiet_end="16:00"))
    db.session.commit()
    assert "due 0" in send(runner, "2026-06-01T11:20")
    assert "snoozed re-sends 0" in send(runner, "2026-06-01T15:00")
    assert receiver.received == []


def test_daily_checkin_reminder_unless_already_checked_in(app, runner, login, patient, receiver):
    s, browser = subscribed(login, receiver, patient)
    send(runner, "2026-06-01T19:00")  # 20:00 BST, the default check-in time
    [message] = receiver.received
    assert browser.decrypt(message)["kind"] == "checkin"
    day = local_today(patient.timezone).isoformat()
    s.post_json("/api/v1/sync", {"items": [entry_checkin(day)]})
    at = datetime.fromisoformat(f"{day}T20:00").replace(tzinfo=UTC) - timedelta(hours=1)
    assert "due 0" in send(runner, at.strftime("%Y-%m-%dT%H:%M"))


def test_snooze_pushes_again_after_thirty_minutes(app, runner, login, patient, receiver):
    version = give_plan(patient, times=("00:00", "00:01", "00:02"))
    s, browser = subscribed(login, receiver, patient)
    item = version.items[0]
    today = local_today(patient.timezone).isoformat()
    answer = s.post_json("/api/v1/push/snooze", {"plan_item_id": item.id, "date": today, "slot": "00:00"})
    assert answer.status_code == 200
    until = datetime.fromisoformat(answer.json["snoozed_until"])
    assert "snoozed re-sends 0" in send(runner, (until - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"))
    assert "snoozed re-sends 1" in send(runner, (until + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"))
    assert browser.decrypt(receiver.received[-1])["plan_item_id"] == item.id
    assert "snoozed re-sends 0" in send(runner, (until + timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M"))


def test_two_dispatchers_at_once_send_each_reminder_once(app, login, patient, receiver):
    give_plan(patient)
    subscribed(login, receiver, patient)
    barrier = threading.Barrier(2)
    outputs = []

    def dispatcher():
        barrier.wait()
        outputs.append(app.test_cli_runner().invoke(args=["reminders", "send", "--at", MONDAY_8_LONDON]).output)

    threads = [threading.Thread(target=dispatcher) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert len(outputs) == 2 and len(receiver.received) == 1, outputs


def test_query_count_does_not_grow_with_patients(app, runner, login, receiver):
    def run_with(n: int) -> int:
        for _ in range(n):
            user = make_user()
            give_plan(user)
            db.session.add(PushSubscription(user_id=user.id, endpoint=receiver.url(f"/push/{user.id}"),
                                            **{k: v for k, v in Browser("x").subscription()["keys"].items()}))
        db.session.commit()
        with counting_queries() as statements:
            send(runner, MONDAY_8_LONDON)
        db.session.execute(ReminderSent.__table__.delete())
        db.session.commit()
        return len(statements)

    few, many = run_with(3), run_with(40)
    assert len(receiver.received) == 3 + 43
    assert few == many, (few, many)


def test_subscriptions_without_success_for_thirty_days_are_pruned(app, runner, patient, receiver):
    old = datetime.now(UTC) - timedelta(days=31)
    fresh = Browser(receiver.url("/push/fresh")).subscription()["keys"]
    db.session.add_all([PushSubscription(user_id=patient.id, endpoint=receiver.url("/push/old"), created_at=old,
                                         **fresh),
                        PushSubscription(user_id=patient.id, endpoint=receiver.url("/push/fresh"), **fresh)])
    db.session.commit()
    assert "pruned 1" in send(runner, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M"))
    assert db.session.scalars(select(PushSubscription.endpoint)).all() == [receiver.url("/push/fresh")]


def test_cli_rejects_bad_time_and_bad_claim(app, runner, receiver):
    result = runner.invoke(args=["reminders", "send", "--at", "tomorrow at eight"])
    assert result.exit_code == 2 and "YYYY-MM-DDTHH:MM" in result.output
    app.config["VAPID_CLAIM_SUB"] = "reminders@example.com"  # needs mailto:
    result = runner.invoke(args=["reminders", "send"])
    assert result.exit_code == 1 and "VAPID_CLAIM_SUB" in result.output


def test_vapid_keys_are_created_once(app, runner, login, patient, receiver):
    first = runner.invoke(args=["reminders", "vapid-keys"])
    assert first.exit_code == 0 and "Wrote a new key" in first.output
    again = runner.invoke(args=["reminders", "vapid-keys"])
    assert "already exists" in again.output
    public = first.output.split("Public key: ")[1].strip()
    assert again.output.split("Public key: ")[1].strip() == public
    assert login(patient).get("/api/v1/push/key").json["public_key"] == public


def test_claim_lets_only_one_of_two_racing_dispatchers_push(app, patient):
    """Both dispatchers computed the same due list before either wrote: the insert decides."""
    from app.services.reminders.dispatch import claim
    from app.services.reminders.schedule import Due
    now = datetime(2026, 6, 1, 6, 50, tzinfo=UTC)
    due = [(patient.id, Due("k" * 32, None, now.date(), "08:00", now))]
    assert claim(db.session, due, now) == {(patient.id, "k" * 32, now.date(), "08:00")}
    assert claim(db.session, due, now) == set()


def test_each_pass_starts_where_the_last_one_ended(app, runner, login, patient, receiver):
    """Passes a few minutes apart miss nothing in between; after an outage only the last hour is caught up."""
    give_plan(patient, times=("08:00", "08:05", "09:00"))  # due 06:50, 06:55 and 07:50 UTC (BST, lead 10)
    subscribed(login, receiver, patient)
    assert "claimed 0" in send(runner, "2026-06-01T06:45")
    assert "claimed 2" in send(runner, "2026-06-01T06:56")  # both fell due since 06:45
    assert "claimed 0" in send(runner, "2026-06-01T06:57")
    assert "claimed 1" in send(runner, "2026-06-01T07:50")
    assert len(receiver.received) == 3


def test_a_catch_up_after_an_outage_sends_only_the_last_hour(app, runner, login, patient, receiver):
    give_plan(patient, times=("08:00", "09:00"))  # due 06:50 and 07:50 UTC
    subscribed(login, receiver, patient)
    assert "claimed 0" in send(runner, "2026-06-01T05:00")
    assert "claimed 1" in send(runner, "2026-06-01T07:55")  # 06:50 is more than an hour ago: dropped
    assert len(receiver.received) == 1


def test_large_runs_are_split_across_worker_processes_in_order(app, receiver, monkeypatch):
    """send_all in two spawned processes: every message encrypted for its own subscription, codes in job order."""
    from app.reminders.push import pusher
    from app.services.reminders import webpush
    monkeypatch.setattr(webpush, "PROCESS_MIN", 2)
    with app.app_context():
        push = pusher()
    push.processes = 2
    browsers = [Browser(receiver.url(f"/push/{n}")) for n in range(6)]
    receiver.status["/push/3"] = 410
    jobs = [(b.subscription(), f'{{"n": {n}}}'.encode()) for n, b in enumerate(browsers)]
    codes = push.send_all(jobs)
    assert codes == [201, 201, 201, 410, 201, 201]
    by_path = {m.path: m for m in receiver.received}
    assert sorted(by_path) == [f"/push/{n}" for n in range(6)]
    assert all(browsers[n].decrypt(by_path[f"/push/{n}"]) == {"n": n} for n in range(6))


def test_without_worker_processes_the_dispatcher_sends_itself(app, receiver, monkeypatch):
    from app.reminders.push import pusher
    from app.services.reminders import webpush

    def no_processes(_method):
        raise OSError("process limit reached")

    monkeypatch.setattr(webpush, "PROCESS_MIN", 1)
    monkeypatch.setattr(webpush, "get_context", no_processes)
    with app.app_context():
        push = pusher()
    push.processes = 2
    browsers = [Browser(receiver.url(f"/push/{n}")) for n in range(3)]
    assert push.send_all([(b.subscription(), b'{"n": 1}') for b in browsers]) == [201, 201, 201]
    assert len(receiver.received) == 3


def test_a_push_worker_process_imports_the_push_stack_and_not_the_app():
    """A spawned push process imports webpush to reach `_send_in_worker`; that import must not bring Flask, Alembic,
    SQLAlchemy, the models or the blueprints (they were most of a second per process: docs/bench.md, sixth pass)."""
    code = "import sys, app.services.reminders.webpush; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parents[1], capture_output=True,
                            text=True, check=True).stdout.split()
    heavy = [m for m in loaded if m.split(".")[0].startswith(("flask", "werkzeug", "jinja2", "alembic", "sqlalchemy",
                                                             "dramatiq", "babel"))]
    ours = [m for m in loaded if m.split(".")[0] == "app"]
    assert heavy == []
    assert [m for m in ours if m.split(".")[:2] != ["app", "services"] and m != "app"] == []  # no models, no blueprints
    assert "app.services.reminders.webpush" in ours and "app.services.reminders.prefs" not in ours


# A due questionnaire: one push on its due date, at the check-in time, then it waits on Today (issue 16.1).
FIRST_DAY = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)  # 10:00 BST: every measure is first due that day


def measure_entry(instrument: str, answers, day: str) -> dict:
    return {"client_id": str(uuid.uuid4()), "type": "measure", "instrument": instrument, "date": day,
            "answers": answers, "recorded_at": f"{day}T09:00:00+00:00"}


def starting_on(patient, when=FIRST_DAY, **prefs) -> None:
    patient.created_at = when
    db.session.add(ReminderPref(user_id=patient.id, **prefs))
    db.session.commit()


def test_a_due_questionnaire_is_pushed_once_and_then_waits(app, runner, login, patient, receiver):
    starting_on(patient, checkin_time=None)  # no check-in reminder: questionnaires come at the default 20:00
    s, browser = subscribed(login, receiver, patient)
    output = send(runner, "2026-06-01T19:00")  # 20:00 BST on the first day
    assert "claimed 1" in output and "pushes ok 1" in output  # five measures due, one push
    [message] = receiver.received
    assert browser.decrypt(message) == {
        "kind": "measures", "title": "Time for a short questionnaire",
        "body": "It helps you and your physiotherapist see what is changing. It takes a few minutes.",
        "tag": "inoplan-measures-2026-06-01", "url": "/today#measures", "date": "2026-06-01", "slot": "20:00",
        "owner": patient.id, "locale": "en", "strings": ENGLISH_WORDS}
    # Overdue is not nagging: later passes, later evenings, and after the sent row is pruned, nothing more.
    for at in ("2026-06-01T19:01", "2026-06-02T19:00", "2026-06-05T19:00", "2026-06-08T19:00"):
        assert "claimed 0" in send(runner, at)
    assert len(receiver.received) == 1
    # Answering the PEG moves its due date a week on; that date brings one push of its own.
    r = s.post_json("/api/v1/sync", {"items": [measure_entry("peg", [4, 5, 6], "2026-06-02")]})
    assert r.json["results"][0]["status"] == "created"
    assert "claimed 1" in send(runner, "2026-06-09T19:00")
    assert browser.decrypt(receiver.received[1])["date"] == "2026-06-09"
    assert "claimed 0" in send(runner, "2026-06-10T19:00")


def test_a_questionnaire_follows_the_check_in_time_and_quiet_hours(app, runner, login, patient, receiver):
    starting_on(patient, checkin_time="21:00", quiet_start="21:00", quiet_end="21:30")
    s, browser = subscribed(login, receiver, patient)
    s.post_json("/api/v1/sync", {"items": [entry_checkin("2026-06-01")]})  # checked in: no check-in reminder
    assert "claimed 0" in send(runner, "2026-06-01T19:00")  # not at 20:00 any more
    assert "deferred to the end of quiet hours 1" in send(runner, "2026-06-01T20:00")  # 21:00 BST: quiet
    assert receiver.received == []
    assert "snoozed re-sends 1, pushes ok 1" in send(runner, "2026-06-01T20:30")
    assert browser.decrypt(receiver.received[0])["kind"] == "measures"


def test_not_now_push_off_and_inactive_measures_send_nothing(app, runner, login, patient, receiver):
    starting_on(patient, checkin_time=None)
    s, _ = subscribed(login, receiver, patient)
    assert s.post("/measures/not-now").status_code == 303  # "Not now" to this due date, before its push
    assert "due 0" in send(runner, "2026-06-01T19:00")
    s.post_json("/api/v1/sync", {"items": [measure_entry("peg", [4, 5, 6], "2026-06-01")]})
    db.session.execute(update(ReminderPref).values(push_enabled=False))
    db.session.commit()
    assert "due 0" in send(runner, "2026-06-08T19:00")  # the PEG is due again, but push is off
    db.session.execute(update(ReminderPref).values(push_enabled=True))
    db.session.commit()
    schedule.set_schedule(db.session, patient, patient.id, "peg", 7, active=False)
    assert "due 0" in send(runner, "2026-06-08T19:00")  # push on again, but the PEG is no longer asked
    assert receiver.received == []
    schedule.set_schedule(db.session, patient, patient.id, "peg", 7, active=True)
    assert "claimed 1" in send(runner, "2026-06-08T19:00")  # the same pass with all three allowed pushes it


def test_the_questionnaire_push_is_in_the_patients_language(app, runner, login, patient, receiver):
    starting_on(patient, checkin_time=None)
    patient.locale = "de"
    db.session.commit()
    _, browser = subscribed(login, receiver, patient)
    send(runner, "2026-06-01T19:00")
    message = browser.decrypt(receiver.received[0])
    assert message["title"] == "Zeit für einen kurzen Fragebogen"
    assert "PHQ" not in message["body"] and "PEG" not in message["body"]


def test_each_push_of_a_pass_is_written_in_its_readers_language(app, runner, login, receiver):
    """Pushes are worded once per language and item in a pass (push.payloads): two English and two German patients
    with the same routine at the same time, then at their check-in time, each read their own language."""
    phones = {}
    for n, language in enumerate(("en", "de", "en", "de")):
        person = make_user(f"lang{n}@example.com")
        person.locale = language
        give_plan(person)
        db.session.commit()
        phones[f"/push/{n}"] = (language, subscribed(login, receiver, person, f"/push/{n}")[1])
    for at, english, german in ((MONDAY_8_LONDON, "Tap Done when you have finished.",
                                 "Tippen Sie auf „Erledigt“, wenn Sie fertig sind."),
                                ("2026-06-01T19:00", "Daily check-in", "Täglicher Check-in")):
        receiver.received.clear()
        assert "pushes ok 4" in send(runner, at)
        for message in receiver.received:
            language, browser = phones[message.path]
            shown = browser.decrypt(message)
            text = f"{shown['title']} {shown['body']}"
            assert (german if language == "de" else english) in text
            assert (english if language == "de" else german) not in text
