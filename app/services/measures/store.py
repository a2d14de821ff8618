"""Storing answered questionnaires (the sync entry type "measure") and the safety flags they raise.

Hooked into services/records/sync.py: `CHECKS` validates the fields every entry has, `Batch` applies a batch's
measure entries. A response is its own row: a replay of a client id (unique per patient) answers `duplicate`;
two responses on one day are both kept (the history shows both). Scores are computed here, on the server.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import MeasureResponse, User
from app.models.base import utcnow
from app.services.care.audit import record
from app.services.measures.instruments import BY_ID, INSTRUMENTS
from app.services.measures.scoring import Incomplete, score
from app.services.records import validation as v

ALERT_FLAGS = ("urgent", "severe")


def _answers(value):
    if not isinstance(value, (list, dict)):
        raise v.Invalid("must be a list (or, for wpi_sss, an object) of answers")
    return value


CHECKS = {
    "client_id": (v.client_id, True),
    "instrument": (v.one_of(*INSTRUMENTS), True),
    "date": (v.local_date, True),
    "answers": (_answers, True),
    "recorded_at": (v.recorded_at, False),
}


class Batch:
    """A batch's measure entries: known client ids loaded in one query, new rows added to the session."""

    def __init__(self, session: Session, patient_id: int, entries: list[dict]):
        self.session, self.patient_id = session, patient_id
        ids = [d["client_id"] for d in entries]
        self.seen: set[str] = set()
        if ids:
            self.seen = set(session.scalars(select(MeasureResponse.client_id).where(
                MeasureResponse.patient_id == patient_id, MeasureResponse.client_id.in_(ids))))

    def apply(self, data: dict) -> tuple[str, str | None, dict | None]:
        """(status, error, fields) for sync.Result."""
        if data["client_id"] in self.seen:
            return "duplicate", None, None
        try:
            result = score(data["instrument"], data["answers"])
        except Incomplete as exc:
            return "rejected", "invalid", {"answers": str(exc)}
        self.seen.add(data["client_id"])
        self.session.add(response_row(self.patient_id, data, result))
        return "created", None, None


def response_row(patient_id: int, data: dict, result) -> MeasureResponse:
    return MeasureResponse(
        client_id=data["client_id"], patient_id=patient_id, instrument=data["instrument"],
        version=BY_ID[data["instrument"]].version, date=data["date"], answers=data["answers"],
        score=result.score, parts=result.parts, flags=result.flags,
        alert_open=any(f in ALERT_FLAGS for f in result.flags),
        recorded_at=data["recorded_at"], recorded_offset_min=data.get("recorded_offset_min", 0))


def open_alerts(session: Session, patient_ids: list[int]) -> dict[int, list[MeasureResponse]]:
    """Unacknowledged flagged responses per patient, newest first (one query)."""
    out: dict[int, list[MeasureResponse]] = {}
    if not patient_ids:
        return out
    for row in session.scalars(select(MeasureResponse).where(
            MeasureResponse.patient_id.in_(patient_ids), MeasureResponse.alert_open.is_(True))
            .order_by(MeasureResponse.date.desc(), MeasureResponse.id.desc())):
        out.setdefault(row.patient_id, []).append(row)
    return out


def acknowledge(session: Session, clinician: User, patient_id: int, now: datetime | None = None) -> int:
    """Acknowledge every open flag of one patient (the caller checks the care link); audited; commits."""
    rows = open_alerts(session, [patient_id]).get(patient_id, [])
    now = now or utcnow()
    for row in rows:
        row.alert_open = False
        row.acknowledged_at = now
        row.acknowledged_by_id = clinician.id
    if rows:
        record(session, clinician, patient_id, "acknowledged_measure_flag",
               responses=[r.client_id for r in rows], flags=sorted({f for r in rows for f in r.flags}),
               dates=sorted({r.date.isoformat() for r in rows}))
    session.commit()
    return len(rows)


def history(session: Session, patient_id: int, instrument: str | None = None) -> list[MeasureResponse]:
    """Every response, oldest first."""
    query = select(MeasureResponse).where(MeasureResponse.patient_id == patient_id)
    if instrument:
        query = query.where(MeasureResponse.instrument == instrument)
    return list(session.scalars(query.order_by(MeasureResponse.date, MeasureResponse.recorded_at)))
