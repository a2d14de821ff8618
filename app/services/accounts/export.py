"""Everything Inoplan holds about one user, as JSON-ready data or a zip of CSV files."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from app.extensions import db
from app.models import AuditEvent, CareLink, CheckIn, Completion, Plan, PlanVersion, Routine, User
from app.services.clinics.approval import clinician_approved
from app.services.sleep import store as sleep_store

COVERED = {"users", "care_links", "plans", "plan_versions", "plan_items", "completions", "checkins", "audit_events",
           "routines", "sleep_entries"}
SECRET_WORDS = ("token", "hash", "secret", "auth", "p256dh", "password")
# Columns that only the user named in the first column may see: a clinician's private label for an invite is not
# the patient's data, though the patient accepted that invite.
PRIVATE_TO = {"invites": ("clinician_id", ("label",))}
# Tables whose rows belong to the user in this column alone: a patient's reason for removing a routine is shown to
# their physiotherapist while linked, but it is the patient's data, not the physiotherapist's.
ROWS_OF = {"item_removals": "patient_id"}


def plain(value):
    """A JSON-safe copy of a column value."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def row_dict(obj, skip=()) -> dict:
    return {c.key: plain(getattr(obj, c.key)) for c in obj.__table__.columns if c.key not in skip}


def user_fk_tables():
    """(table, [columns]) for every table with a foreign key to users.id, including those added later."""
    for table in db.metadata.sorted_tables:
        columns = [fk.parent for fk in table.foreign_keys if fk.column.table.name == "users"]
        if columns:
            yield table, columns


def other_tables(session: Session, user: User) -> dict[str, list[dict]]:
    """Rows of tables this module does not know by name (reminders, push...), secrets left out."""
    out = {}
    for table, columns in user_fk_tables():
        if table.name in COVERED:
            continue
        owned_by = table.c[ROWS_OF[table.name]] if table.name in ROWS_OF else None
        where = owned_by == user.id if owned_by is not None else or_(*(c == user.id for c in columns))
        rows = session.execute(select(table).where(where)).mappings()
        owner, private = PRIVATE_TO.get(table.name, (None, ()))
        out[table.name] = [{k: plain(v) for k, v in row.items() if not any(w in k for w in SECRET_WORDS)
                            and (k not in private or row[owner] == user.id)} for row in rows]
    return out


def link_row(link: CareLink, user: User, people: dict[int, str]) -> dict:
    """A care link with both names; a clinician whose link the patient ended no longer sees the patient's name."""
    hidden = user.id == link.clinician_id and not link.active
    return row_dict(link, skip=("patient_id",) if hidden else ()) | {
        "clinician_name": people.get(link.clinician_id, ""),
        "patient_name": "" if hidden else people.get(link.patient_id, "")}


def export_data(session: Session, user: User) -> dict:
    """Profile, plan versions and items, completions, check-ins, care links, routines, audit trail."""
    plan = session.scalar(select(Plan).where(Plan.patient_id == user.id))
    versions = list(session.scalars(select(PlanVersion).where(PlanVersion.plan_id == (plan.id if plan else -1))
                                    .order_by(PlanVersion.variant, PlanVersion.number)
                                    .options(selectinload(PlanVersion.items))))
    links = list(session.scalars(select(CareLink).where(
        or_(CareLink.patient_id == user.id, CareLink.clinician_id == user.id)).order_by(CareLink.id)))
    people = {u.id: u.display_name for u in session.scalars(select(User).where(User.id.in_(
        {v.author_id for v in versions} | {x for link in links for x in (link.clinician_id, link.patient_id)})))}
    if user.is_clinician and not clinician_approved(user):  # no patient's name before an administrator approves
        people = {uid: name for uid, name in people.items() if uid == user.id}
    return {
        "format": "inoplan-export", "version": 1,
        "exported_at": datetime.now(UTC).isoformat(),
        "profile": row_dict(user, skip=("password_hash", "session_token", "calendar_token")),
        "plan": row_dict(plan) if plan else None,
        "plan_versions": [row_dict(v) | {"author_name": people.get(v.author_id, "")} for v in versions],
        "plan_items": [row_dict(i) | {"variant": v.variant, "version_number": v.number,
                                      "routine_title": i.routine.title} for v in versions for i in v.items],
        "completions": [row_dict(c) for c in session.scalars(
            select(Completion).where(Completion.patient_id == user.id).order_by(Completion.date, Completion.slot))],
        "checkins": [row_dict(c) for c in session.scalars(
            select(CheckIn).where(CheckIn.patient_id == user.id).order_by(CheckIn.date))],
        "sleep_diary": sleep_rows(session, user),
        "care_links": [link_row(link, user, people) for link in links],
        "routines": [row_dict(r) for r in session.scalars(select(Routine).where(Routine.owner_id == user.id))],
        "audit_trail": [row_dict(e, skip=("patient_id",)) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.patient_id == user.id).order_by(AuditEvent.at))],
        "other": other_tables(session, user),
    }


def sleep_rows(session: Session, user: User) -> list[dict]:
    """Diary nights with their derived figures (time in bed, total sleep, efficiency)."""
    return [row_dict(e) | sleep_store.night_figures(e).as_json() for e in sleep_store.entries(session, user.id)]


def cell(value):
    """A CSV cell; text that a spreadsheet would run as a formula is prefixed with a quote."""
    if isinstance(value, (dict, list)):
        value = json.dumps(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv_zip(data: dict, files: dict[str, bytes] | None = None) -> bytes:
    """One CSV per list (nested values as JSON text), the profile as a one-row CSV, a README, and the user's image
    files under images/ (named as in other_routine_images.csv)."""
    sheets = {"profile": [data["profile"]], "plan": [data["plan"]] if data["plan"] else []}
    sheets |= {k: v for k, v in data.items() if isinstance(v, list)}
    sheets |= {f"other_{k}": v for k, v in data["other"].items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in sheets.items():
            text = io.StringIO()
            columns = list(dict.fromkeys(k for row in rows for k in row))
            writer = csv.DictWriter(text, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: cell(v) for k, v in row.items()})
            archive.writestr(f"{name}.csv", text.getvalue())
        for name, body in (files or {}).items():
            archive.writestr(f"images/{name}", body)
        archive.writestr("README.txt", f"Inoplan export of {data['exported_at']}. One CSV file per kind of record; "
                                       "times are UTC, dates are your local dates.\n")
    return buffer.getvalue()
