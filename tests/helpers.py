"""Helpers shared by the tests (fixtures live in conftest.py): users, logins, plans, sync entries, query capture."""
from __future__ import annotations

import email
import email.policy
import io
import re
import socket
import threading
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from aiosmtpd.smtp import AuthResult, LoginPassword
from PIL import ExifTags, Image
from sqlalchemy import event, select

from app.extensions import db
from app.models import AuditEvent, CareLink, CheckIn, Completion, FlareEpisode, PainEntry, Routine, Treatment, User
from app.services.clock import local_today

# One scrypt hash computed once, so creating many users stays fast.
PASSWORD = "correct horse battery"
_HASH: dict[str, str] = {}


def password_hash() -> str:
    if not _HASH:
        u = User()
        u.set_password(PASSWORD)
        _HASH["h"] = u.password_hash
    return _HASH["h"]


def testing_config() -> dict:
    return {"TESTING": True, "SECRET_KEY": "test-secret", "SHOW_DEMO_HINT": False}


testing_config.__test__ = False  # a helper, not a test, in the modules that import it by name


ACCOUNTS_SINCE = datetime(2020, 1, 1, tzinfo=UTC)


def make_user(email: str = None, role: str = "patient", tz: str = "Europe/London", name: str = "Pat Test") -> User:
    # Made long ago: sync refuses days before the account existed, and tests record fixed past dates.
    user = User(email=email or f"{uuid.uuid4().hex[:10]}@example.com", display_name=name, role=role, timezone=tz,
                password_hash=password_hash(), created_at=ACCOUNTS_SINCE)
    if role == "clinician":  # approved, as every clinician was before approval existed; tests of approval clear it
        user.approved_at = datetime.now(UTC)
    db.session.add(user)
    db.session.commit()
    return user


def link(clinician: User, patient: User) -> CareLink:
    care = CareLink(clinician_id=clinician.id, patient_id=patient.id)
    db.session.add(care)
    db.session.commit()
    return care


CSRF_RE = re.compile(r'name="csrf-token" content="([^"]+)"')


def csrf_from(client, path: str = "/login") -> str:
    html = client.get(path, follow_redirects=True).get_data(as_text=True)
    return CSRF_RE.search(html).group(1)


class Session:
    """A logged-in test client that knows its CSRF token."""

    def __init__(self, client, user: User):
        self.client, self.user = client, user
        token = csrf_from(client)
        response = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        self.token = csrf_from(client, "/")  # the token bound to the logged-in session

    def get(self, path, **kw):
        return self.client.get(path, **kw)

    def post(self, path, data=None, **kw):
        data = dict(data or {})
        data.setdefault("csrf_token", self.token)
        return self.client.post(path, data=data, **kw)

    def post_json(self, path, body, **kw):
        return self.client.post(path, json=body, headers={"X-CSRFToken": self.token}, **kw)

    def delete_json(self, path, body=None, **kw):
        return self.client.delete(path, json=body, headers={"X-CSRFToken": self.token}, **kw)


TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.I)


@contextmanager
def counting_queries(with_parameters: bool = False):
    """The SQL statements sent while the block runs, as (statement, parameters) pairs `with_parameters`
    (transaction control left out: on SQLite we send BEGIN)."""
    statements: list = []

    def listener(conn, cursor, statement, parameters, *args):
        if not TRANSACTION_CONTROL.match(statement):
            statements.append((statement, parameters) if with_parameters else statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def query_plan(statement: str, parameters) -> list[str]:
    """The database's plan for a statement, a line per step: EXPLAIN QUERY PLAN on SQLite; EXPLAIN on PostgreSQL,
    with sequential scans discouraged (with a handful of rows a scan would win anyway)."""
    connection = db.session.connection()
    if db.engine.dialect.name == "sqlite":
        return [row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)]
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    return [row[0] for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)]


def days(n: int) -> timedelta:
    return timedelta(days=n)


def give_plan(patient: User, slugs=("knee-to-chest-stretch", "gentle-walk", "heat-pack"),
              times=("08:00", "12:30", "19:00"), author: User | None = None):
    """A plan whose items run every day at the given times; returns the version."""
    from sqlalchemy import select

    from app.models import Routine
    from app.services.plans.versions import ItemSpec, plan_for, save_version
    routines = {r.slug: r for r in db.session.scalars(select(Routine).where(Routine.slug.in_(slugs)))}
    plan = plan_for(db.session, patient, create=True)
    specs = [ItemSpec.from_routine(routines[s], times=[t]) for s, t in zip(slugs, times, strict=False)]
    version = save_version(db.session, plan, specs, author or patient)
    db.session.commit()
    return version


def entry_completion(item_id: int, day: str, slot: str, status: str = "done", **extra) -> dict:
    return {"client_id": str(uuid.uuid4()), "type": "completion", "plan_item_id": item_id, "date": day,
            "slot": slot, "status": status, "recorded_at": f"{day}T{slot}:00+00:00", **extra}


def entry_checkin(day: str, pain: int = 5, **extra) -> dict:
    return {"client_id": str(uuid.uuid4()), "type": "checkin", "date": day, "pain": pain,
            "recorded_at": f"{day}T09:00:00+00:00", **extra}


def measure(instrument: str, answers, day: str, **extra) -> dict:
    """A questionnaire answered on `day` (YYYY-MM-DD) as a sync entry."""
    return {"client_id": str(uuid.uuid4()), "type": "measure", "instrument": instrument, "date": day,
            "answers": answers, "recorded_at": f"{day}T09:00:00+00:00"} | extra


def routine_id(slug: str) -> int:
    return db.session.scalar(select(Routine.id).where(Routine.slug == slug))


def add_checkins(patient, pains: dict[int, int]) -> None:
    """pains: days ago -> pain."""
    today = local_today(patient.timezone)
    for ago, pain in pains.items():
        day = today - timedelta(days=ago)
        db.session.add(CheckIn(client_id=str(uuid.uuid4()), patient_id=patient.id, date=day, pain=pain,
                               stiffness=pain, fatigue=max(0, pain - 1), sleep_hours=7.0, sleep_quality=3, mood=3,
                               note="", recorded_at=datetime.now(UTC)))
    db.session.commit()


def tick(patient, item, ago: int, status: str = "done", **extra) -> Completion:
    day = local_today(patient.timezone) - timedelta(days=ago)
    row = Completion(client_id=str(uuid.uuid4()), patient_id=patient.id, plan_item_id=item.id, item_key=item.key,
                     date=day, slot=item.slots[0], status=status, recorded_at=datetime.now(UTC), **extra)
    db.session.add(row)
    db.session.commit()
    return row


def backdate(version, days: int) -> None:
    version.created_at = datetime.now(UTC) - timedelta(days=days)
    db.session.commit()


def events(patient_id: int, action: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.patient_id == patient_id)
    if action:
        query = query.where(AuditEvent.action == action)
    return list(db.session.scalars(query))


def item_form(slug: str, **fields) -> dict:
    return {"routine_id": routine_id(slug), "days": [str(d) for d in range(7)], "times": "08:00"} | fields


def response_text(response) -> str:
    """What a person would read in a response: the page, the JSON, or the text of a PDF."""
    if response.mimetype == "application/pdf":
        import io

        from pypdf import PdfReader
        return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages).split())
    return response.get_data(as_text=True)


@contextmanager
def outbox():
    """Every mail the app sends inside the block (a list of EmailMessage)."""
    from app.services.mail import message_sent

    sent = []
    with message_sent.connected_to(sent.append):
        yield sent


def register(client, data: dict, path: str = "/register"):
    """Sign up through the form (signed in at once); the response."""
    response = client.post(path, data=data | {"csrf_token": csrf_from(client, path)})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response
def without_tokens(html: str) -> str:
    """A page with its CSRF tokens blanked, so two renderings of the same content compare equal."""
    import re
    return re.sub(r'((?:name="csrf_token"[^>]*?value|name="csrf-token" content)=")[^"]*', r"\1", html)


# Query counts (test_query_counts.py, test_page_query_counts.py)
SLUGS = ("knee-to-chest-stretch", "gentle-walk", "heat-pack", "neck-side-stretch", "glute-bridge",
         "hamstring-stretch", "screens-off", "wind-down-routine")
TIMES = ("07:00", "08:00", "09:30", "12:30", "15:00", "18:00", "19:00", "21:30")


def queries(session, path: str, body=None) -> int:
    db.session.close()  # nothing cached in the test's own session may stand in for a query
    with counting_queries() as statements:
        response = session.get(path) if body is None else session.post_json(path, body)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return len(statements)


def with_history(patient, n_items: int, days: int):
    """A plan of n_items (one slot each) and `days` days of ticks and check-ins, stored through the API."""
    version = give_plan(patient, SLUGS[:n_items], TIMES[:n_items])
    today = local_today(patient.timezone)
    entries = []
    for back in range(days):
        day = (today - timedelta(days=back)).isoformat()
        entries += [entry_completion(i.id, day, i.slots[0]) for i in version.items] + [entry_checkin(day)]
    return version, entries


# Sleep diary entries (test_sleep_diary.py, test_sleep_export.py)
def night(day, **extra) -> dict:
    entry = {"client_id": str(uuid.uuid4()), "type": "sleep", "date": str(day), "in_bed": "23:00",
             "tried_sleep": "23:15", "final_wake": "06:45", "out_of_bed": "07:00", "latency_min": 15,
             "awakenings": 1, "waso_min": 15, "quality": 3, "naps_min": 0,
             "recorded_at": datetime.now(UTC).isoformat()}
    entry.update(extra)
    return entry


def sleep_sync(s, *entries):
    response = s.post_json("/api/v1/sync", {"items": list(entries)})
    assert response.status_code == 200, response.get_data(as_text=True)
    return [r["status"] for r in response.get_json()["results"]], response.get_json()["results"]


# Pain diary rows (test_diary_overview.py, the heat map's browser test), written straight to the tables
def diary_at(patient, days_ago: float) -> datetime:
    """Noon in the patient's zone, `days_ago` days before their today, as a UTC instant."""
    noon = datetime.combine(local_today(patient.timezone), datetime.min.time(), ZoneInfo(patient.timezone))
    return (noon + timedelta(hours=12) - timedelta(days=days_ago)).astimezone(UTC)


def add_pain(patient, days_ago: float, areas: dict[str, int], triggers=()):
    at = diary_at(patient, days_ago)
    row = PainEntry(client_id=str(uuid.uuid4()), patient_id=patient.id, recorded_at=at, at=at,
                    intensity=max(areas.values(), default=5), triggers=list(triggers),
                    areas=[{"area": a, "intensity": n, "qualities": []} for a, n in areas.items()])
    db.session.add(row)
    db.session.commit()
    return row


def add_flare(patient, days_ago: float, days_long: float | None = None, triggers=()):
    start = diary_at(patient, days_ago)
    client = str(uuid.uuid4())
    row = FlareEpisode(client_id=client, last_client_id=client, patient_id=patient.id, recorded_at=start,
                       start=start, end=None if days_long is None else start + timedelta(days=days_long),
                       triggers=list(triggers))
    db.session.add(row)
    db.session.commit()
    return row


def add_treatment(patient, days_ago: float, name: str, effect: int | None = None, kind: str = "other"):
    at = diary_at(patient, days_ago)
    client = str(uuid.uuid4())
    row = Treatment(client_id=client, last_client_id=client, patient_id=patient.id, recorded_at=at, at=at,
                    name=name, kind=kind, effect=effect)
    db.session.add(row)
    db.session.commit()
    return row


def short_and_long_nights(today, days: int = 12) -> list[dict]:
    """Sleep diary nights alternating short (woke 04:45, then pain 6) and long (woke 06:45, pain 4), with check-ins."""
    entries = []
    for n in range(days):
        day = today - timedelta(days=n)
        short = n % 2 == 0
        entries.append(night(day, final_wake="04:45" if short else "06:45", out_of_bed="07:00"))
        entries.append(entry_checkin(str(day), pain=6 if short else 4))
    return entries


def zone_at_hour(hour: int) -> str:
    """A timezone whose clock shows `hour` o'clock now (Etc/GMT-N is UTC+N), for pages that differ by time of day."""
    offset = (hour - datetime.now(UTC).hour + 12) % 24 - 12
    return f"Etc/GMT{-offset:+d}" if offset else "UTC"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """What the SMTP server received, and the logins it accepted."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.logins: list[tuple[str, str]] = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        self.arrived.set()
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"p@ss:w/rd"
        if ok:
            self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=ok)


def subscribed(login, receiver, user, path="/push/phone"):
    """Log the user in and subscribe a fresh browser key pair (tests/push_receiver.py) through the API."""
    from push_receiver import Browser
    s = login(user)
    browser = Browser(receiver.url(path))
    assert s.post_json("/api/v1/push/subscriptions", browser.subscription()).status_code == 201
    return s, browser


def jpeg_with_gps(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 60, 60))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.Base.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (52.0, 31.0, 12.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    data = out.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the fixture really has GPS
    return data


def animated(fmt="GIF", frames=6, size=(60, 40), duration=80, **extra) -> bytes:
    """A real animated GIF or WebP: a bar moving across, with a comment or EXIF that must not survive."""
    pictures = []
    for n in range(frames):
        frame = Image.new("RGB", size, (240, 240, 240))
        frame.paste((20, 90, 160), (n * size[0] // frames, 0, n * size[0] // frames + 8, size[1]))
        frame.putpixel((0, 0), (n % 6 * 51, n // 6 % 6 * 51, n // 36 % 6 * 51))  # no two alike (else merged)
        pictures.append(frame if fmt == "WEBP" else frame.convert("P", palette=Image.Palette.ADAPTIVE))
    out = io.BytesIO()
    pictures[0].save(out, fmt, save_all=True, append_images=pictures[1:], duration=duration, loop=0, **extra)
    return out.getvalue()


def upload_image(session, routine_id, data: bytes, name="photo.jpg", alt="A person sliding their back up a wall"):
    """Post an image to a routine as its owner's form does."""
    return session.client.post(f"/clinician/routines/{routine_id}/images", headers={"X-CSRFToken": session.token},
                               data={"image": (io.BytesIO(data), name), "alt": alt, "csrf_token": session.token},
                               content_type="multipart/form-data")
