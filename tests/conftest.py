"""Fixtures: an app on a real database (SQLite file, or PostgreSQL via TEST_DATABASE_URL), clients, users."""
from __future__ import annotations

import os
import re
import uuid
from datetime import timedelta

import pytest
from hypothesis import settings
from contextlib import contextmanager
from flask import g
from sqlalchemy import delete, event

from app import create_app
from app.extensions import db, limiter
from app.models import CareLink, User
from app.services.library import load_builtin

# CI replays the same examples every run (a failure there is reproducible, never a coin toss);
# locally hypothesis explores new ones each time, and its database remembers failures.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() == "true":
    settings.load_profile("ci")

# One scrypt hash computed once, so creating many users stays fast.
PASSWORD = "correct horse battery"
_HASH: dict[str, str] = {}


def password_hash() -> str:
    if not _HASH:
        u = User()
        u.set_password(PASSWORD)
        _HASH["h"] = u.password_hash
    return _HASH["h"]


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """PostgreSQL when TEST_DATABASE_URL is set (CI), else a SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL")
    return url or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def _schema(database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url} | _testing())
    with app.app_context():
        db.drop_all()
        db.create_all()
        load_builtin(db.session)
        db.session.commit()
    return True


def _testing() -> dict:
    return {"TESTING": True, "SECRET_KEY": "test-secret", "SHOW_DEMO_HINT": False}


@pytest.fixture
def app(database_url, _schema):
    """A fresh app; after each test every table but the built-in library is emptied."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url} | _testing())

    @app.url_value_preprocessor
    def fresh_request_globals(endpoint, values):
        # Tests hold one app context open for direct DB access; each request must still start
        # with empty `g` (Flask-Login caches the user there) and no stale ORM state.
        g.__dict__.clear()
        db.session.expire_all()

    with app.app_context():
        limiter.reset()
        yield app
        db.session.rollback()
        db.session.remove()
        from app.models import Routine
        for table in reversed(db.metadata.sorted_tables):
            if table.name == "routines":
                db.session.execute(delete(Routine).where(Routine.owner_id.is_not(None)))
            else:
                db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def make_user(email: str = None, role: str = "patient", tz: str = "Europe/London", name: str = "Pat Test") -> User:
    user = User(email=email or f"{uuid.uuid4().hex[:10]}@example.com", display_name=name, role=role, timezone=tz,
                password_hash=password_hash())
    db.session.add(user)
    db.session.commit()
    return user


def link(clinician: User, patient: User) -> CareLink:
    care = CareLink(clinician_id=clinician.id, patient_id=patient.id)
    db.session.add(care)
    db.session.commit()
    return care


@pytest.fixture
def patient(app) -> User:
    return make_user("patient@example.com", "patient", name="Pat Patient")


@pytest.fixture
def clinician(app) -> User:
    return make_user("physio@example.com", "clinician", name="Dr Physio")


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


@pytest.fixture
def login(app):
    """login(user) -> a Session with its own cookie jar."""
    def _login(user: User) -> Session:
        return Session(app.test_client(), user)
    return _login


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
    from app.services.plans import ItemSpec, plan_for, save_version
    routines = {r.slug: r for r in db.session.scalars(select(Routine).where(Routine.slug.in_(slugs)))}
    plan = plan_for(db.session, patient, create=True)
    specs = [ItemSpec.from_routine(routines[s], times=[t]) for s, t in zip(slugs, times)]
    version = save_version(db.session, plan, specs, author or patient)
    db.session.commit()
    return version


def entry_completion(item_id: int, day: str, slot: str, status: str = "done", **extra) -> dict:
    return {"client_id": str(uuid.uuid4()), "type": "completion", "plan_item_id": item_id, "date": day,
            "slot": slot, "status": status, "recorded_at": f"{day}T{slot}:00+00:00", **extra}


def entry_checkin(day: str, pain: int = 5, **extra) -> dict:
    return {"client_id": str(uuid.uuid4()), "type": "checkin", "date": day, "pain": pain,
            "recorded_at": f"{day}T09:00:00+00:00", **extra}


pytest_plugins = ["browser_fixtures"]
