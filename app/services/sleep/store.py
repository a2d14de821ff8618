"""Sleep diary entries from the sync batch, and the diary as the rest of the app reads it.

One entry per patient and night (the morning's date): a later write of the same night replaces it if it was
recorded later on the device (ties by client id), and a client id already stored for this patient answers
`duplicate`, so any order and any number of deliveries end in the same state. The zone of the night is the
entry's `tz` if given, else the patient's zone when it arrives. A night also fills the same day's check-in
sleep hours and quality, so the two never disagree.
"""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import CheckIn, SleepEntry, User
from app.services.clock import is_timezone
from app.services.records import validation as v
from app.services.sleep import figures as fig


def _zone(value) -> str:
    if not is_timezone(value):
        raise v.Invalid("must be an IANA timezone such as Europe/Berlin")
    return value


CHECKS = {
    "client_id": (v.client_id, True),
    "date": (v.local_date, True),
    "in_bed": (v.slot, True),
    "tried_sleep": (v.slot, True),
    "final_wake": (v.slot, True),
    "out_of_bed": (v.slot, True),
    "latency_min": (v.whole_number(0, 720), True),
    "awakenings": (v.whole_number(0, 50), True),
    "waso_min": (v.whole_number(0, 720), True),
    "quality": (v.whole_number(1, 5), False),
    "naps_min": (v.whole_number(0, 600), False),
    "tz": (_zone, False),
    "recorded_at": (v.recorded_at, False),
}


def check(data: dict) -> dict:
    """The cross-field checks of a night (after the field checks); raises EntryErrors."""
    try:
        fig.check_night({k: data[k] for k in fig.ORDER}, data["latency_min"], data["waso_min"], data["awakenings"])
    except fig.NightError as exc:
        raise v.EntryErrors(exc.fields) from None
    data["naps_min"] = data.get("naps_min") or 0
    return data


class Batch:
    """The sleep entries of one sync batch: loads this patient's known client ids and nights in two queries."""

    def __init__(self, session: Session, patient_id: int, entries: list[dict]):
        self.session, self.patient_id = session, patient_id
        self.seen: set[str] = set()
        self.nights: dict[date, SleepEntry] = {}
        if not entries:
            return
        self.tz = session.get(User, patient_id).timezone
        self.seen = set(session.scalars(select(SleepEntry.client_id).where(
            SleepEntry.patient_id == patient_id, SleepEntry.client_id.in_([d["client_id"] for d in entries]))))
        self.nights = {e.date: e for e in session.scalars(select(SleepEntry).where(
            SleepEntry.patient_id == patient_id, SleepEntry.date.in_({d["date"] for d in entries})))}

    def apply(self, data: dict) -> tuple[str, str | None, dict | None]:
        """(status, error, fields) for one cleaned entry."""
        cid = data["client_id"]
        if cid in self.seen:
            return "duplicate", None, None
        self.seen.add(cid)
        data = {**data, "tz": data.get("tz") or self.tz}
        row = self.nights.get(data["date"])
        if row is None:
            row = self.nights[data["date"]] = SleepEntry(patient_id=self.patient_id, **data)
            self.session.add(row)
            status = "created"
        elif (data["recorded_at"], cid) <= (row.recorded_at, row.client_id):
            return "superseded", None, None
        else:
            for name, value in data.items():
                setattr(row, name, value)
            status = "updated"
        fill_checkin(self.session, row)
        return status, None, None


def fill_checkin(session: Session, entry: SleepEntry) -> None:
    """The same day's check-in takes its sleep hours and quality from the diary."""
    checkin = session.scalar(select(CheckIn).where(CheckIn.patient_id == entry.patient_id, CheckIn.date == entry.date))
    if checkin is not None:
        checkin.sleep_hours = round(night_figures(entry).total_sleep_min / 60, 2)
        if entry.quality is not None:
            checkin.sleep_quality = entry.quality


def night_figures(entry: SleepEntry) -> fig.Figures:
    return fig.figures(entry.date, entry.times, entry.latency_min, entry.waso_min, entry.tz)


def entries(session: Session, patient_id: int, start: date | None = None, end: date | None = None) -> list[SleepEntry]:
    """The patient's nights with start <= date <= end, oldest first."""
    query = select(SleepEntry).where(SleepEntry.patient_id == patient_id)
    if start:
        query = query.where(SleepEntry.date >= start)
    if end:
        query = query.where(SleepEntry.date <= end)
    return list(session.scalars(query.order_by(SleepEntry.date)))


def entry_for(session: Session, patient_id: int, day: date) -> SleepEntry | None:
    return session.scalar(select(SleepEntry).where(SleepEntry.patient_id == patient_id, SleepEntry.date == day))


def last_entry(session: Session, patient_id: int) -> SleepEntry | None:
    return session.scalar(select(SleepEntry).where(SleepEntry.patient_id == patient_id)
                          .order_by(SleepEntry.date.desc()).limit(1))


def night_json(entry: SleepEntry) -> dict:
    """One night as GET /api/v1/sleep answers it."""
    return {"date": entry.date.isoformat(), **entry.times, "latency_min": entry.latency_min,
            "awakenings": entry.awakenings, "waso_min": entry.waso_min, "quality": entry.quality,
            "naps_min": entry.naps_min, "tz": entry.tz, **night_figures(entry).as_json(),
            "recorded_at": entry.recorded_at.isoformat()}


def recent(session: Session, patient_id: int, today: date, days: int) -> list[tuple[date, fig.Figures]]:
    """(date, figures) of the nights in the `days` days up to and including `today`."""
    return [(e.date, night_figures(e)) for e in entries(session, patient_id, today - timedelta(days=days - 1), today)]


def recent_for_many(session: Session, patient_ids: list[int], today: date, days: int
                    ) -> dict[int, list[tuple[date, fig.Figures]]]:
    """`recent` for many patients in one query (the physio's dashboard): patient id -> (date, figures)."""
    out: dict[int, list[tuple[date, fig.Figures]]] = {i: [] for i in patient_ids}
    for part in range(0, len(patient_ids), 500):
        for e in session.scalars(select(SleepEntry).where(
                SleepEntry.patient_id.in_(patient_ids[part:part + 500]),
                SleepEntry.date >= today - timedelta(days=days - 1), SleepEntry.date <= today)
                .order_by(SleepEntry.patient_id, SleepEntry.date)):
            out[e.patient_id].append((e.date, night_figures(e)))
    return out


def checkin_from_diary(session: Session, patient: User, data: dict) -> dict:
    """A check-in form's data with sleep hours and quality taken from that night's diary, if there is one."""
    try:
        day = v.local_date(data.get("date"))
    except v.Invalid:
        return data
    entry = entry_for(session, patient.id, day)
    if entry is None:
        return data
    return {**data, "sleep_hours": round(night_figures(entry).total_sleep_min / 60, 2),
            "sleep_quality": entry.quality if entry.quality is not None else data.get("sleep_quality")}
