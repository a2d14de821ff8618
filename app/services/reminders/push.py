"""Turning claimed reminders into pushes, and keeping the subscription table honest."""
from __future__ import annotations

import base64
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace

from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, tuple_, update
from sqlalchemy.orm import Session

from app.formatting import DOSE_FORMS, dose_text, title_of
from app.models import Message, PlanItem, PushSubscription, ReminderPass, ReminderPref, ReminderSent, Routine, User
from app.services.measures import reminders as measure_reminders
from app.services.reminders import schedule as sched
from app.services.reminders.webpush import GONE
from app.services.reminders.words import notification_words
from app.services.sleep import reminders as sleep_reminders
from app.services.sql_lists import CHUNK, among, batches

# [(subscription info, payload)] -> the HTTP status of each, in order; 0 = unreachable (Pusher.send_all)
Send = Callable[[list[tuple[dict, bytes]]], list[int]]


def chunks(items: list) -> list[list]:
    return [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]


def describe(session: Session, due: list[tuple[int, sched.Due]]) -> dict[int, SimpleNamespace]:
    """Plan item id -> the routine's title fields and the item's dose, for the items about to be pushed."""
    ids = sorted({d.plan_item_id for _, d in due if d.plan_item_id})
    out = {}
    for part in batches(session, ids):
        for item_id, title, slug, owner_id, *dose in session.execute(
                select(PlanItem.id, Routine.title, Routine.slug, Routine.owner_id, PlanItem.sets, PlanItem.reps,
                       PlanItem.hold_seconds, PlanItem.minutes).join(Routine, Routine.id == PlanItem.routine_id)
                .where(among(session, PlanItem.id, part))):
            out[item_id] = SimpleNamespace(title=title, slug=slug, owner_id=owner_id,
                                           dose=dict(zip(DOSE_FORMS, dose, strict=True)))
    return out


def languages(session: Session, user_ids) -> dict[int, str | None]:
    """User id -> saved language, so each push is written in its reader's language."""
    out = {}
    for part in batches(session, sorted(set(user_ids))):
        out.update(session.execute(select(User.id, User.locale).where(among(session, User.id, part))).all())
    return out


def payload(d: sched.Due, about: SimpleNamespace | None, owner: int, texts: dict | None = None) -> dict:
    """What the service worker shows and acts on (service_worker.js), in the current locale. `owner` is the
    patient's id: a "Done" tapped on the notification is queued in the outbox for that account, as the page queues
    its own writes. `texts` keeps the wording of each item (and of the check-in) for the next push of the same
    language: in the busiest minute thousands of pushes share a few dozen routines."""
    texts = {} if texts is None else texts
    when = {"date": d.date.isoformat(), "slot": d.slot, "owner": owner}
    if d.key in sleep_reminders.KEYS:
        return sleep_reminders.payload(d) | {"owner": owner}
    if d.key == measure_reminders.KEY:
        return measure_reminders.payload(d) | {"owner": owner}
    if d.key == sched.CHECKIN_KEY:
        if "checkin" not in texts:
            texts["checkin"] = (gettext("Daily check-in"),
                                gettext("How are pain, sleep and mood today? It takes ten seconds."))
        title, body = texts["checkin"]
        return {"kind": "checkin", "title": title, "tag": f"inoplan-checkin-{d.date}", "body": body,
                "url": f"/today?date={d.date}#checkin", **when}
    if d.plan_item_id not in texts:
        title = title_of(about) if about else gettext("Your routine")
        dose = dose_text(about.dose) if about else ""
        done = gettext("Tap Done when you have finished.")
        texts[d.plan_item_id] = (title, f"{dose}. {done}" if dose else done)
    title, body = texts[d.plan_item_id]
    anchor = f"item-{d.plan_item_id}-{d.slot.replace(':', '')}"
    return {"kind": "item", "title": f"{d.slot} {title}", "body": body, "tag": f"inoplan-{d.key}-{d.date}-{d.slot}",
            "url": f"/today?date={d.date}#{anchor}", "plan_item_id": d.plan_item_id, **when}


def push_topic(tag: str) -> str:
    """RFC 8030 Topic for a notification: a push service replaces a waiting message with the same topic, so a
    reminder sent twice (a retry, a redelivered queue job) reaches the phone once. At most 32 base64url chars."""
    return base64.urlsafe_b64encode(hashlib.sha256(tag.encode()).digest()[:24]).decode()


def payloads(session: Session, due: list[tuple[int, sched.Due]]) -> list[tuple[bytes, str]]:
    """The payload of each due reminder, written in its patient's saved language (English when none), with its
    push Topic."""
    about, spoken = describe(session, due), languages(session, (uid for uid, _d in due))
    by_language: dict[str, list[int]] = defaultdict(list)
    for i, (uid, _d) in enumerate(due):
        by_language[spoken.get(uid) or "en"].append(i)
    out: list[tuple[bytes, str]] = [(b"", "")] * len(due)
    for language, indexes in by_language.items():
        texts: dict = {}  # each item's wording, written once per language and pass
        with force_locale(language):  # switched once per language, not once per push
            words = notification_words()
            for i in indexes:
                uid, d = due[i]
                message = payload(d, about.get(d.plan_item_id), uid, texts) | {"locale": language, "strings": words}
                out[i] = (json.dumps(message).encode(), push_topic(message["tag"]))
    return out


@dataclass
class Outcome:
    ok: int = 0  # pushes accepted by the push service
    gone: int = 0  # subscriptions deleted (404/410)
    failed: int = 0  # pushes that failed otherwise
    retry: list = field(default_factory=list)  # (user id, Due) that reached no device: try again next run


def deliver(session: Session, due: list[tuple[int, sched.Due]], send: Send, now: datetime) -> Outcome:
    """Push each reminder to every subscription of its user, in parallel; then record what happened."""
    outcome = Outcome()
    if not due:
        return outcome
    texts = payloads(session, due)
    subs: dict[int, list[tuple[int, dict]]] = defaultdict(list)
    for part in batches(session, sorted({uid for uid, _ in due})):
        for sub_id, uid, endpoint, p256dh, auth in session.execute(
                select(PushSubscription.id, PushSubscription.user_id, PushSubscription.endpoint,
                       PushSubscription.p256dh, PushSubscription.auth)
                .outerjoin(ReminderPref, ReminderPref.user_id == PushSubscription.user_id)
                .where(among(session, PushSubscription.user_id, part),
                       func.coalesce(ReminderPref.push_enabled, True).is_(True))):
            subs[uid].append((sub_id, {"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}}))
    jobs = [(i, sub_id, {**info, "topic": texts[i][1]}, texts[i][0])
            for i, (uid, d) in enumerate(due) for sub_id, info in subs.get(uid, [])]
    # End the read transaction before the network: on SQLite a transaction that has read cannot wait for the write
    # lock later (another queue worker's commit makes its snapshot stale), and a failed write after the pushes went
    # out would have the batch sent again.
    session.commit()
    codes = send([(info, data) for _, _, info, data in jobs])
    ok, gone, failed = set(), set(), set()
    reached, tried_again = set(), set()
    for (i, sub_id, _, _), code in zip(jobs, codes, strict=False):
        if 200 <= code < 300:
            ok.add(sub_id)
            reached.add(i)
            outcome.ok += 1
        elif code in GONE:
            gone.add(sub_id)
        else:
            failed.add(sub_id)
            tried_again.add(i)
            outcome.failed += 1
    outcome.gone = len(gone)
    outcome.retry = [due[i] for i in sorted(tried_again - reached)]
    for part in batches(session, sorted(ok)):
        session.execute(update(PushSubscription).where(among(session, PushSubscription.id, part))
                        .values(last_ok_at=now, failures=0))
    for part in batches(session, sorted(failed - ok)):
        session.execute(update(PushSubscription).where(among(session, PushSubscription.id, part))
                        .values(failures=PushSubscription.failures + 1))
    for part in batches(session, sorted(gone)):
        session.execute(delete(PushSubscription).where(among(session, PushSubscription.id, part)))
    session.commit()
    return outcome


def prune(session: Session, now: datetime, days: int) -> int:
    """Delete subscriptions with no successful push for `days` days, and sent rows older than three days.

    A browser that drops a subscription never says so, and not every push service answers 404 for it;
    the app re-registers its subscription on its next open anyway."""
    cutoff = now - timedelta(days=days)
    stale = session.execute(delete(PushSubscription).where(
        func.coalesce(PushSubscription.last_ok_at, PushSubscription.created_at) < cutoff)).rowcount
    session.execute(delete(ReminderSent).where(ReminderSent.date < (now - timedelta(days=3)).date(),
                                               ReminderSent.snoozed_until.is_(None)))
    session.execute(delete(ReminderPass).where(ReminderPass.at < now - timedelta(days=3)))
    session.commit()
    return stale


def release(session: Session, retry: list[tuple[int, sched.Due]], now: datetime, late: timedelta) -> None:
    """Queue what reached no device for the next pass (through the snooze path), unless it was first claimed
    more than `late` ago: then forget it, as a reminder that late is noise."""
    pk = tuple_(ReminderSent.user_id, ReminderSent.item_key, ReminderSent.date, ReminderSent.slot)
    for part in chunks([(uid, *d.ident) for uid, d in retry]):
        session.execute(update(ReminderSent).where(pk.in_(part), ReminderSent.sent_at > now - late)
                        .values(snoozed_until=now))
        session.execute(delete(ReminderSent).where(pk.in_(part), ReminderSent.sent_at <= now - late))
    session.commit()


# A message push says who wrote, never what: lock screens and push services must not see health text.
MESSAGE_TITLES = {"clinician": _l("New message from your physio"), "patient": _l("New message from your patient")}


def message_pushes(session: Session, send: Send, now: datetime, limit: int = 500) -> int:
    """Push one notice per (recipient, sender) for messages not yet notified; returns pushes accepted.

    The messages are marked notified (and committed) before sending, so a retry never repeats them; the Topic
    header makes a push service replace a notice still waiting with the same sender's newer one."""
    rows = session.execute(select(Message.id, Message.sender_id, Message.recipient_id, User.role)
                           .join(User, User.id == Message.sender_id).where(Message.notified_at.is_(None))
                           .order_by(Message.id).limit(limit)).all()
    if not rows:
        return 0
    session.execute(update(Message).where(Message.id.in_([r.id for r in rows])).values(notified_at=now))
    session.commit()
    pairs = {(r.recipient_id, r.sender_id): r.role for r in rows}
    spoken = languages(session, (to for to, _ in pairs))
    notices = []
    for (to, sender), role in pairs.items():
        locale = spoken.get(to) or "en"
        with force_locale(locale):
            notices.append((to, {"kind": "message", "title": str(MESSAGE_TITLES.get(role, _l("New message"))),
                                 "body": "", "locale": locale, "tag": f"inoplan-message-{sender}",
                                 "url": f"/messages/{sender}"}))
    return push_notices(session, notices, send)


def push_notices(session: Session, notices: list[tuple[int, dict]], send: Send) -> int:
    """Push each (user id, notice) to every subscription of that user; subscriptions the push service says are gone
    are deleted. Returns the pushes accepted. The notice's tag becomes its Topic, so a newer one replaces it."""
    subs = defaultdict(list)
    for sub_id, uid, endpoint, p256dh, auth in session.execute(
            select(PushSubscription.id, PushSubscription.user_id, PushSubscription.endpoint, PushSubscription.p256dh,
                   PushSubscription.auth).where(PushSubscription.user_id.in_({to for to, _ in notices}))):
        subs[uid].append((sub_id, {"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}}))
    jobs = []
    for to, notice in notices:
        data, topic = json.dumps(notice).encode(), push_topic(notice["tag"])
        jobs.extend((sub_id, {**info, "topic": topic}, data) for sub_id, info in subs.get(to, []))
    codes = send([(info, data) for _, info, data in jobs]) if jobs else []
    gone = {sub_id for (sub_id, _, _), code in zip(jobs, codes, strict=False) if code in GONE}
    if gone:
        session.execute(delete(PushSubscription).where(PushSubscription.id.in_(gone)))
        session.commit()
    return sum(1 for code in codes if 200 <= code < 300)
