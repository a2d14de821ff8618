"""Shared steps for the offline browser tests: open the app until it works offline, read the server's rows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import CheckIn, Completion, User
from app.services.clock import local_today
from app.services.plans.today import day_for
from browser_fixtures import log_in

PATIENT = "demo.patient@example.com"


def open_app(page, server, email: str = PATIENT) -> None:
    """Log in and wait until the worker controls the page and has saved today's data for offline use."""
    log_in(page, server, email)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_selector("html[data-offline-ready=yes]")
    wait_today(page)


def stored(server, model, email: str = PATIENT) -> list:
    """The server's rows of `model` (a table with patient_id) for the account, detached for reading."""
    with server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        rows = list(db.session.scalars(select(model).where(model.patient_id == user.id)))
        db.session.expunge_all()
        return rows


def wait_today(page) -> None:
    page.wait_for_selector("[data-today][data-ready=yes]")


def shown_items(page) -> list[tuple[int, str]]:
    return [(int(li.get_attribute("data-plan-item-id")), li.get_attribute("data-slot"))
            for li in page.locator("[data-plan-item-id]").all()]


def outbox(page) -> list[dict]:
    return page.evaluate("InoplanOutbox.all()")


@dataclass
class Rows:
    completions: list[Completion]
    checkins: list[CheckIn]


def patient_today(server) -> date:
    with server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == PATIENT))
        return local_today(user.timezone)


def server_day(server, day: date) -> list[tuple[int, str]]:
    """What the server would list for the demo patient on that day."""
    with server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == PATIENT))
        return [(d.item.id, d.slot) for d in day_for(db.session, user, day).items]


def rows(server, day: date) -> Rows:
    with server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == PATIENT))
        completions = list(db.session.scalars(select(Completion).where(
            Completion.patient_id == user.id, Completion.date == day).order_by(Completion.slot)))
        checkins = list(db.session.scalars(select(CheckIn).where(CheckIn.patient_id == user.id, CheckIn.date == day)))
        db.session.expunge_all()
        return Rows(completions, checkins)


REPLAY = """async (items) => {
  const token = (await (await fetch('/api/v1/csrf')).json()).csrf_token;
  const response = await fetch('/api/v1/sync', {method: 'POST', body: JSON.stringify({items}),
    headers: {'Content-Type': 'application/json', 'X-CSRFToken': token}});
  return (await response.json()).results.map((r) => r.status);
}"""


def replay(page, entries: list[dict]) -> list[str]:
    """POST the same entries again, as a phone that never heard the answer would."""
    local = ("queued_at", "owner", "key", "label", "rejected")
    return page.evaluate(REPLAY, [{k: v for k, v in e.items() if k not in local} for e in entries])


def wait_waiting(page, n: int, timeout_ms: int = 10_000) -> None:
    """Wait until the outbox holds n entries waiting (page.wait_for_function does not await promises)."""
    for _ in range(timeout_ms // 50):
        if page.evaluate("InoplanOutbox.count()") == n:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"outbox never reached {n} waiting entries: {page.evaluate('InoplanOutbox.count()')}")


def back_online(page) -> None:
    """Go online and wait until the outbox has sent everything (the badge alone is no signal: it may not have been
    drawn yet when the phone comes back, and a hidden badge then says nothing about the sync)."""
    page.context.set_offline(False)
    wait_waiting(page, 0)
    expect(page.locator("[data-outbox-badge]")).to_be_hidden()
