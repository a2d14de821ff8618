"""Storing what the patient records (completions, check-ins, mode switches), idempotently.

Every entry carries a client-generated UUID, unique per patient. Replays answer `duplicate` (this client id is
already stored for this patient); two entries for the same slot (or the same day's check-in) resolve to the one
recorded last on the device, so any order of delivery ends in the same stored state; the one that loses answers
`superseded`. Device times are bounded by the server's clock and dates by the account's lifetime
(validation.recorded_at, days.recordable_days). A completion with status `cleared` is stored like any other and
returns the slot to not done.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from types import SimpleNamespace

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.models import CLEARED, STATUSES, CheckIn, Completion, ModeChange, Plan, PlanItem, PlanVersion, User
from app.services.diary import entries as diary
from app.services.freshness import touch
from app.services.measures import store as measures
from app.services.messages import store as messages
from app.services.plans.versions import plan_for
from app.services.records import validation as v
from app.services.records.bulk import insert_rows
from app.services.records.days import DayRange, recordable_days
from app.services.records.limits import CHECKIN_LIMITS as LIMITS
from app.services.records.limits import PAIN
from app.services.sleep import store as sleep
from app.services.sql_lists import among_bound
from app.sqlite import LOCK_RETRIES, is_lock_error

COMPLETION_CHECKS = {
    "client_id": (v.client_id, True),
    "plan_item_id": (v.whole_number(1, 2**31 - 1), True),
    "date": (v.local_date, True),
    "slot": (v.slot, True),
    "status": (v.one_of(*STATUSES), True),
    "pain_before": (v.whole_number(*PAIN.range), False),
    "pain_after": (v.whole_number(*PAIN.range), False),
    "note": (v.note, False),
    "recorded_at": (v.recorded_at, False),
}
CHECKIN_CHECKS = {
    "client_id": (v.client_id, True),
    "date": (v.local_date, True),
    "pain": (v.whole_number(*LIMITS["pain"].range), True),
    "stiffness": (v.whole_number(*LIMITS["stiffness"].range), False),
    "fatigue": (v.whole_number(*LIMITS["fatigue"].range), False),
    "sleep_hours": (lambda x: v.number(x, *LIMITS["sleep_hours"].range), False),
    "sleep_quality": (v.whole_number(*LIMITS["sleep_quality"].range), False),
    "mood": (v.whole_number(*LIMITS["mood"].range), False),
    "note": (v.note, False),
    "recorded_at": (v.recorded_at, False),
}
MODE_CHECKS = {
    "client_id": (v.client_id, True),
    "mode": (v.one_of("standard", "flare"), True),
    "suggested_by_pain": (v.whole_number(*PAIN.range), False),
    "recorded_at": (v.recorded_at, False),
}
CHECKS = {"completion": COMPLETION_CHECKS, "checkin": CHECKIN_CHECKS, "mode": MODE_CHECKS, "sleep": sleep.CHECKS,
          "measure": measures.CHECKS, "message": messages.CHECKS}
log = logging.getLogger(__name__)


@dataclass
class Result:
    client_id: str | None
    status: str  # created | updated | duplicate | superseded | rejected
    error: str | None = None
    fields: dict | None = None

    def as_json(self) -> dict:
        out = {"client_id": self.client_id, "status": self.status}
        if self.error:
            out["error"] = self.error
        if self.fields:
            out["fields"] = {name: str(problem) for name, problem in self.fields.items()}  # in the reader's language
        return out


def clean(entry, days: DayRange, now: datetime) -> tuple[str, dict]:
    """Validate one raw entry on its own; raises EntryErrors naming each bad field."""
    if not isinstance(entry, dict):
        raise v.EntryErrors({"entry": "must be an object"})
    kind = entry.get("type")
    if kind in diary.CHECKS:
        return kind, diary.clean(kind, entry)
    if not isinstance(kind, str) or kind not in CHECKS:
        raise v.EntryErrors({"type": "must be one of " + ", ".join([*CHECKS, *diary.CHECKS])})
    checks = CHECKS[kind] | {"recorded_at": (lambda x: v.recorded_at(x, now), False)}
    data = v.collect(entry, checks)
    data = sleep.check(data) if kind == "sleep" else data
    data["recorded_at"], data["recorded_offset_min"] = data.get("recorded_at") or v.recorded_at(None, now)
    if "date" in data:
        try:
            days.check(data["date"])
        except v.Invalid as exc:
            raise v.EntryErrors({"date": str(exc)}) from None
    if data.get("status") == CLEARED:  # a cleared slot keeps no pain scores or note of the tick it undoes
        data.update(pain_before=None, pain_after=None, note="")
    return kind, data


def rejected(entry, exc: Exception) -> Result:
    cid = entry.get("client_id") if isinstance(entry, dict) else None
    cid = cid if isinstance(cid, str) and len(cid) <= 64 else None
    if isinstance(exc, v.EntryErrors):
        return Result(cid, "rejected", "invalid", exc.fields)
    # A checker that let something through it should have refused: this entry alone is rejected, never the batch.
    log.warning("sync entry rejected by an unexpected %s", type(exc).__name__)
    return Result(cid, "rejected", "invalid", {"entry": "could not be read"})


def newer(data: dict, row) -> bool:
    """Last write on the device wins; the client id breaks ties so the order of arrival never matters."""
    return (data["recorded_at"], data["client_id"]) > (row.recorded_at, row.client_id)


def store(session: Session, patient: User, entries: list) -> list[Result]:
    """Validate, store and commit a batch; one result per entry, in order.

    The session must have nothing else pending: if a concurrent request stored one of these rows first, the whole
    transaction rolls back and the batch is applied once more in a new one, which sees that row. (A savepoint
    would do the same for a rare race, but on SQLite every insert under a savepoint also writes a sub-journal,
    about 30 % more time per insert.) SQLite's "database is locked" (the busy timeout ran out) is retried the
    same way; both at most LOCK_RETRIES times, then the error propagates (a 503, see app/sqlite.py).
    """
    now = datetime.now(UTC)
    days = recordable_days(patient, now)
    cleaned: list[tuple[str, dict] | Result] = []
    for entry in entries:
        try:
            cleaned.append(clean(entry, days, now))
        except Exception as exc:  # noqa: BLE001 - each entry is validated in isolation
            cleaned.append(rejected(entry, exc))
    for attempt in range(LOCK_RETRIES + 1):
        try:
            return _apply_and_commit(session, patient, cleaned)
        except (IntegrityError, OperationalError) as exc:
            session.rollback()
            if attempt == LOCK_RETRIES or not (isinstance(exc, IntegrityError) or is_lock_error(exc)):
                raise
    raise AssertionError("unreachable")


def _apply_and_commit(session: Session, patient: User, cleaned: list) -> list[Result]:
    # Only mode switches need the plan row itself; completions find their items through the patient's plans.
    has_modes = any(isinstance(c, tuple) and c[0] == "mode" for c in cleaned)
    plan = plan_for(session, patient) if has_modes else None
    results = _apply(session, patient.id, plan, cleaned)
    session.commit()
    return results


def _apply(session: Session, patient_id: int, plan: Plan | None, cleaned: list) -> list[Result]:
    ctx = _Context(session, patient_id, plan, [c for c in cleaned if isinstance(c, tuple)])
    results = []
    for c in cleaned:
        results.append(c if isinstance(c, Result) else ctx.apply(*c))
    # New rows go in with one executemany per table: an ORM object per row would cost an INSERT each,
    # and SQLAlchemy's own executemany spends more time per row building parameters than the database does.
    for model, rows in ((Completion, ctx.completions), (CheckIn, ctx.checkins)):
        insert_rows(session, model.__table__, [vars(row) for row in rows.values() if isinstance(row, SimpleNamespace)])
    session.flush()
    if any(r.status in ("created", "updated") for r in results):
        touch(session, [ctx.patient_id])
    return results


@cache
def _queries(dialect: str) -> SimpleNamespace:
    """The batch's lookups, built once per dialect: building a statement costs about as much as running it here."""
    patient = bindparam("patient")
    return SimpleNamespace(
        item_keys=select(PlanItem.id, PlanItem.key).join(PlanVersion).join(Plan, Plan.id == PlanVersion.plan_id)
        .where(Plan.patient_id == patient, PlanItem.id.in_(bindparam("ids", expanding=True))),
        # Client ids are unique per patient: another patient's ids are never looked at (no oracle, no pre-emption).
        seen={kind: select(model.client_id).where(model.patient_id == patient,
                                                   among_bound(model.client_id, "ids", dialect))
              for kind, model in (("completion", Completion), ("checkin", CheckIn), ("mode", ModeChange))},
        completions=select(Completion).where(Completion.patient_id == patient,
                                             Completion.item_key.in_(bindparam("keys", expanding=True)),
                                             among_bound(Completion.date, "dates", dialect)),
        checkins=select(CheckIn).where(CheckIn.patient_id == patient, among_bound(CheckIn.date, "dates", dialect)))


class _Context:
    """Loads everything a batch needs in a few queries, then applies entries from memory.

    Stored rows are ORM objects (changed in place); rows new in this batch are namespaces, inserted in bulk.
    """

    def __init__(self, session: Session, patient_id: int, plan: Plan | None, entries: list[tuple[str, dict]]):
        self.session, self.patient_id, self.plan = session, patient_id, plan
        self.sleep = sleep.Batch(session, patient_id, [d for k, d in entries if k == "sleep"])
        queries = _queries(session.get_bind().dialect.name)
        ids = {d["plan_item_id"] for k, d in entries if k == "completion"}
        self.item_keys: dict[int, str] = {}
        if ids:
            self.item_keys = dict(session.execute(queries.item_keys, {"patient": patient_id, "ids": list(ids)}).all())
        # A replay has the type of its original, so each table is asked only about entries of its type.
        self.seen: set[str] = set()
        for kind, query in queries.seen.items():
            cids = [d["client_id"] for k, d in entries if k == kind]
            if cids:
                self.seen.update(session.scalars(query, {"patient": patient_id, "ids": cids}))
        slots = {(self.item_keys.get(d["plan_item_id"]), d["date"], d["slot"]) for k, d in entries if k == "completion"}
        self.completions = {}
        if slots:
            # By key and date (indexed), then the exact slots in Python: a 500-tuple IN list is slow on SQLite.
            rows = session.scalars(queries.completions, {"patient": patient_id, "keys": list({k for k, _, _ in slots}),
                                                         "dates": list({day for _, day, _ in slots})})
            self.completions = {slot: c for c in rows if (slot := (c.item_key, c.date, c.slot)) in slots}
        dates = {d["date"] for k, d in entries if k == "checkin"}
        self.checkins = {}
        if dates:
            rows = session.scalars(queries.checkins, {"patient": patient_id, "dates": list(dates)})
            self.checkins = {c.date: c for c in rows}
        self.measures = measures.Batch(session, patient_id, [d for k, d in entries if k == "measure"])

    def apply(self, kind: str, data: dict) -> Result:
        cid = data["client_id"]
        if kind in diary.CHECKS:
            return Result(cid, diary.apply(self.session, self.patient_id, kind, data))  # not on Today: no touch
        if kind == "sleep":
            return Result(cid, *self.sleep.apply(data))
        if kind == "message":  # replays are per sender; not on Today
            return Result(cid, *messages.apply(self.session, self.session.get(User, self.patient_id), data))
        if cid in self.seen:
            return Result(cid, "duplicate")
        if kind == "measure":
            return Result(cid, *self.measures.apply(data))
        result = self.completion(data) if kind == "completion" else self.checkin(data) if kind == "checkin" else \
            self.mode(data)
        if result.status == "created" or result.status == "updated" and kind != "mode":
            self.seen.add(cid)  # stored: a second copy in this batch is a duplicate
        return result

    def completion(self, data: dict) -> Result:
        key = self.item_keys.get(data["plan_item_id"])
        if key is None:
            return Result(data["client_id"], "rejected", "not_found", {"plan_item_id": "is not an item of your plan"})
        return self.latest(self.completions, (key, data["date"], data["slot"]), data, item_key=key)

    def checkin(self, data: dict) -> Result:
        return self.latest(self.checkins, data["date"], data)

    def latest(self, rows: dict, key, data: dict, **extra) -> Result:
        """The one rule of a slot (a routine's, a day's check-in): a new entry takes an empty one, and replaces
        what is there only if it was recorded later on the device (`newer`)."""
        row = rows.get(key)
        if row is None:
            rows[key] = SimpleNamespace(patient_id=self.patient_id, **extra, **data)
            return Result(data["client_id"], "created")
        if not newer(data, row):
            return Result(data["client_id"], "superseded")
        for name, value in data.items():
            setattr(row, name, value)
        return Result(data["client_id"], "updated")

    def mode(self, data: dict) -> Result:
        if self.plan is None:
            return Result(data["client_id"], "rejected", "no_plan", {"mode": "you have no plan yet"})
        # Mode switches have no row of their own; a replay after a later switch must not undo it.
        # Two switches at the same instant resolve by name, so the order of arrival never matters.
        stored = (self.plan.mode_changed_at, self.plan.mode)
        if self.plan.mode_changed_at and stored >= (data["recorded_at"], data["mode"]):
            return Result(data["client_id"], "superseded")
        if self.plan.mode == data["mode"]:
            # Already in that mode: nothing to log, but remember this later write so an older switch
            # arriving afterwards cannot undo it (the order of arrival must never matter).
            self.plan.mode_changed_at = data["recorded_at"]
            return Result(data["client_id"], "updated")
        if data["mode"] == "flare" and not self.session.scalar(select(PlanVersion.id).where(
                PlanVersion.plan_id == self.plan.id, PlanVersion.variant == "flare").limit(1)):
            return Result(data["client_id"], "rejected", "no_flare_plan", {"mode": "your plan has no flare-up variant"})
        self.plan.mode = data["mode"]
        self.plan.mode_changed_at = data["recorded_at"]
        pain = data.get("suggested_by_pain")
        # The clinician sees when and why the mode changed.
        self.session.add(ModeChange(client_id=data["client_id"], patient_id=self.patient_id, mode=data["mode"],
                                    at=data["recorded_at"],
                                    reason=f"suggested by pain {pain}" if pain is not None else "patient switched"))
        return Result(data["client_id"], "created")
