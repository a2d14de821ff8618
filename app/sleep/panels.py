"""What the sleep panels on other pages show, computed by the view that renders them (a template never runs a
query): the morning card on Today, the weeks on Progress, the physio's patient page and dashboard note."""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from app.models import User
from app.services.clock import local_today
from app.services.sleep import store, summary, windows
from app.services.sleep.figures import average_efficiency
from app.sleep.charts import efficiency_chart, total_sleep_chart


def progress(session: Session, patient: User) -> dict | None:
    """The diary's weeks for the Progress page (templates/sleep/_progress.html); None without diary nights."""
    view = summary.overview(session, patient, local_today(patient.timezone))
    if not view.weeks:
        return None
    return {"view": view, "efficiency_chart": efficiency_chart(view.weeks),
            "sleep_chart": total_sleep_chart(view.weeks)}


def for_clinician(session: Session, person: User) -> summary.Overview:
    """The diary summary and window history for the physio's patient page (templates/sleep/_clinician.html)."""
    return summary.overview(session, person, local_today(person.timezone))


def low_efficiency(session: Session, patients: list[User], today: date | None = None) -> list:
    """The patients whose sleep efficiency stayed below 80 % for two weeks (a note on the dashboard)."""
    today = today or datetime.now(UTC).date()
    nights = store.recent_many(session, [p.id for p in patients], today, 14)  # one query for every patient
    return [(person, average_efficiency([f for _, f in nights[person.id]])) for person in patients
            if windows.low_in(nights[person.id], today)]
