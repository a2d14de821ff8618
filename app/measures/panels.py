"""What the measures panels on other pages show, computed by the view that renders them (a template never runs a
query): the due card on Today and the trends on Progress."""
from __future__ import annotations

from sqlalchemy.orm import Session

from app.measures.views import chart, title
from app.models import User
from app.services.clock import local_today
from app.services.measures import schedule, store
from app.services.measures.trends import trends


def due_card(session: Session, patient: User) -> dict:
    """For the card on Today: due measures (unless "not now"), and a PEG at or above the flare-up trigger."""
    today = local_today(patient.timezone)
    plan = schedule.planned(session, patient)
    due = [p for p in plan if p.is_due(today) and not p.waiting(today)]
    peg = next(p for p in plan if p.instrument == "peg")
    flare = None
    if peg.flare_at is not None and peg.last is not None and (today - peg.last).days <= 7:
        latest = store.history(session, patient.id, "peg")[-1]
        flare = latest.score if latest.score >= peg.flare_at else None
    return {"due": due, "flare": flare, "titles": {p.instrument: title(p.instrument) for p in due}}


def trend_charts(session: Session, patient: User) -> list[dict]:
    """The patient's questionnaire trends as charts for the patient (one query): Progress and /measures."""
    return [chart(t, for_patient=True) for t in trends(store.history(session, patient.id))]
