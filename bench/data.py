"""Bulk data for the benchmark: patients with plans and history, written with executemany in chunks.

Ids are assigned here (not by the database) so related rows can be built without reading them back;
on PostgreSQL the id sequences are moved past them afterwards.
"""
from __future__ import annotations

import random
import secrets
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from app import models as m
from app.extensions import db
from app.services.clock import local_today, zone

PASSWORD = "bench-password-123"
# Where patients live (weights in percent): Europe-heavy, with the Americas, Asia and Australia, half-hour offsets
# (Kolkata) and zones with and without daylight saving time.
ZONES = (("Europe/London", 20), ("Europe/Berlin", 20), ("Europe/Madrid", 10), ("America/New_York", 15),
         ("America/Chicago", 5), ("America/Los_Angeles", 10), ("Asia/Tokyo", 5), ("Asia/Kolkata", 5),
         ("Australia/Sydney", 5), ("UTC", 5))


def clock_range(first: str, last: str, step: int = 15) -> tuple[str, ...]:
    start, end = int(first[:2]) * 60 + int(first[3:]), int(last[:2]) * 60 + int(last[3:])
    return tuple(f"{minute // 60:02d}:{minute % 60:02d}" for minute in range(start, end + 1, step))


MORNING, MIDDAY = clock_range("07:00", "09:30"), clock_range("11:30", "14:00")
EVENING, NIGHT = clock_range("17:30", "20:30"), clock_range("21:00", "23:00")
# (routine slug, days mask with bit 0 = Monday, the times it may be planned at, one choice per tuple): about
# 5.7 slots a day. Each patient gets times picked on a quarter-hour grid, as people plan around their own day.
PLAN = (("knee-to-chest-stretch", 0b1111111, (MORNING,)), ("neck-side-stretch", 0b1111111, (MORNING, EVENING)),
        ("gentle-walk", 0b0011111, (MIDDAY,)), ("heat-pack", 0b1111111, (EVENING,)),
        ("wind-down-routine", 0b1111111, (NIGHT,)))
CHECKIN_TIMES = clock_range("19:00", "22:00", 30)  # for the 40 % who changed the default (20:00)
STATUSES = ("done",) * 7 + ("partial", "partial", "skipped")
TABLES = (m.User, m.Plan, m.PlanVersion, m.PlanItem, m.CareLink, m.Completion, m.CheckIn, m.PushSubscription,
          m.ReminderPref)
CHUNK = 250  # patients per round trip batch, to bound memory


def stamp(day: date, clock: time, tz: str) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone(tz)).astimezone(UTC)


def insert(conn, table: str, rows: list[dict]) -> None:
    """executemany; on PostgreSQL COPY, its bulk path, which is several times faster for a million rows."""
    if conn.dialect.name != "postgresql":
        conn.execute(db.metadata.tables[table].insert(), rows)
        return
    names = list(rows[0])
    with conn.connection.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[n] for n in names])


class Generator:
    """Adds patients (with a plan and `days` of history each) to an existing schema."""

    def __init__(self, engine: Engine, password_hash: str, seed: int = 7):
        self.engine, self.password_hash, self.rng = engine, password_hash, random.Random(seed)
        with engine.connect() as conn:
            self.next_id = {model: (conn.scalar(select(func.max(model.id))) or 0) + 1 for model in TABLES}
            self.routines = dict(conn.execute(select(m.Routine.slug, m.Routine.id)
                                              .where(m.Routine.owner_id.is_(None))).all())
        self.rows = {model: 0 for model in TABLES}

    def _ids(self, model, n: int) -> range:
        start = self.next_id[model]
        self.next_id[model] = start + n
        self.rows[model] += n
        return range(start, start + n)

    def clinician(self, name: str = "Bench Clinician") -> int:
        (uid,) = self._ids(m.User, 1)
        with self.engine.begin() as conn:
            # approved, as a clinician must be before any clinician view opens (services/clinics/approval.py)
            conn.execute(m.User.__table__.insert(), [{**self._user(uid, "clinician", "Europe/London", name),
                                                    "approved_at": datetime.now(UTC) - timedelta(days=3000)}])
        return uid

    def _user(self, uid: int, role: str, tz: str, name: str) -> dict:
        return {"id": uid, "email": f"bench-{role}-{uid}@example.com", "password_hash": self.password_hash,
                "display_name": name, "role": role, "timezone": tz, "follow_device_timezone": False,
                "session_token": secrets.token_hex(8), "calendar_token": f"bench-{uid}-{secrets.token_hex(6)}",
                "created_at": datetime.now(UTC) - timedelta(days=3650)}  # history (and the sync bench) goes back years

    def patients(self, n: int, days: int, clinician_id: int | None = None) -> list[int]:
        """n patients with a plan; each has `days` days of completions and check-ins, and this morning's."""
        ids: list[int] = []
        for start in range(0, n, CHUNK):
            ids += self._chunk(min(CHUNK, n - start), days, clinician_id)
        return ids

    def _chunk(self, n: int, days: int, clinician_id: int | None) -> list[int]:
        uids = list(self._ids(m.User, n))
        users, plans, versions, items, links, completions, checkins, prefs = [], [], [], [], [], [], [], []
        zones, weights = zip(*ZONES, strict=False)
        for uid in uids:
            tz = self.rng.choices(zones, weights)[0]
            users.append(self._user(uid, "patient", tz, f"Patient {uid}"))
            (plan_id,) = self._ids(m.Plan, 1)
            (version_id,) = self._ids(m.PlanVersion, 1)
            today = local_today(tz)
            start = today - timedelta(days=max(days, 1))
            created = stamp(start, time(9), tz)
            plans.append({"id": plan_id, "patient_id": uid, "mode": "standard", "created_at": created})
            versions.append({"id": version_id, "plan_id": plan_id, "variant": "standard", "number": 1,
                             "author_id": clinician_id or uid, "note": "", "created_at": created})
            plan_items = []
            for position, (item_id, (slug, mask, choices)) in enumerate(zip(self._ids(m.PlanItem, len(PLAN)), PLAN,
                                                                            strict=False)):
                key = f"{item_id:032x}"
                times = ",".join(sorted({self.rng.choice(c) for c in choices}))
                items.append({"id": item_id, "version_id": version_id, "key": key, "position": position,
                              "routine_id": self.routines[slug], "days_mask": mask, "times": times,
                              "sets": None, "reps": None, "hold_seconds": None, "minutes": None, "notes": ""})
                plan_items.append((item_id, key, mask, times.split(",")))
            if clinician_id:
                (link_id,) = self._ids(m.CareLink, 1)
                links.append({"id": link_id, "clinician_id": clinician_id, "patient_id": uid, "active": True,
                              "created_at": created, "ended_at": None})
            self._history(uid, tz, plan_items, today, days, completions, checkins)
            self._prefs(uid, prefs)
        with self.engine.begin() as conn:
            for model, rows in ((m.User, users), (m.Plan, plans), (m.PlanVersion, versions), (m.PlanItem, items),
                                (m.CareLink, links), (m.Completion, completions), (m.CheckIn, checkins),
                                (m.ReminderPref, prefs)):
                if rows:
                    insert(conn, model.__tablename__, rows)
        return uids

    def _prefs(self, uid: int, prefs: list[dict]) -> None:
        """40 % chose their own check-in time, and a quarter of those also set quiet hours; the rest keep the
        defaults (no row)."""
        if self.rng.random() >= 0.4:
            return
        quiet = self.rng.random() < 0.25
        prefs.append({"id": self._ids(m.ReminderPref, 1)[0], "user_id": uid, "push_enabled": True,
                      "calendar_enabled": True, "in_app_enabled": True, "quiet_start": "22:30" if quiet else None,
                      "quiet_end": "07:00" if quiet else None, "lead_minutes": 10,
                      "checkin_time": self.rng.choice(CHECKIN_TIMES)})

    def _history(self, uid, tz, plan_items, today, days, completions, checkins) -> None:
        rng, now = self.rng, datetime.now(UTC)
        for offset in range(days, -1 if days else 0, -1):  # up to today, where only the morning is recorded
            day = today - timedelta(days=offset)
            weekday = day.weekday()
            pain = rng.randint(2, 8)
            if rng.random() < 0.9:
                checkins.append({
                    "id": (cid := self._ids(m.CheckIn, 1)[0]), "client_id": f"00000000-0000-4000-9000-{cid:012x}",
                    "patient_id": uid, "date": day,
                    "pain": pain, "stiffness": pain, "fatigue": max(0, pain - 1), "sleep_hours": 6.5,
                    "sleep_quality": 3, "mood": 3, "note": "", "recorded_at": stamp(day, time(8, 40), tz),
                    "recorded_offset_min": 0, "received_at": now})
            for item_id, key, mask, slots in plan_items:
                if not mask >> weekday & 1:
                    continue
                for slot in slots:
                    if rng.random() < 0.15 or (offset == 0 and slot >= "12:00"):
                        continue  # not recorded, or not yet
                    status = rng.choice(STATUSES)
                    completions.append({
                        "id": (cid := self._ids(m.Completion, 1)[0]),
                        "client_id": f"00000000-0000-4000-8000-{cid:012x}", "patient_id": uid,
                        "plan_item_id": item_id, "item_key": key, "date": day, "slot": slot, "status": status,
                        "pain_before": pain if status != "skipped" else None,
                        "pain_after": max(0, pain - 1) if status != "skipped" else None, "note": "",
                        "recorded_at": stamp(day, time(int(slot[:2]), int(slot[3:])), tz),
                        "recorded_offset_min": 0, "received_at": now})

    def subscriptions(self, endpoint: str, p256dh: str, auth: str) -> int:
        """One push subscription (at endpoint/<user id>) for every patient without one; how many were added."""
        with self.engine.connect() as conn:
            uids = conn.scalars(select(m.User.id).where(m.User.role == "patient", ~select(m.PushSubscription.id)
                                .where(m.PushSubscription.user_id == m.User.id).exists()).order_by(m.User.id)).all()
        now = datetime.now(UTC)
        for start in range(0, len(uids), CHUNK * 20):
            part = uids[start:start + CHUNK * 20]
            rows = [{"id": sid, "user_id": uid, "endpoint": f"{endpoint}/{uid}", "p256dh": p256dh, "auth": auth,
                     "created_at": now, "last_ok_at": None, "failures": 0}
                    for sid, uid in zip(self._ids(m.PushSubscription, len(part)), part, strict=False)]
            with self.engine.begin() as conn:
                insert(conn, m.PushSubscription.__tablename__, rows)
        return len(uids)

    def finish(self) -> None:
        """Move PostgreSQL id sequences past the ids written here, and refresh planner statistics."""
        if self.engine.dialect.name != "postgresql":
            return
        with self.engine.begin() as conn:
            for model in TABLES:
                table = model.__tablename__
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))  # what autovacuum does soon after a bulk load
