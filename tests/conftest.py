"""Fixtures: an app on a real database (SQLite file, or PostgreSQL via TEST_DATABASE_URL), clients, users."""
from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from flask import g
from hypothesis import settings
from sqlalchemy import delete

from app import create_app
from app.extensions import db, limiter
from app.models import Routine, User
from app.services.clock import local_today
from app.services.plans import templates as plan_templates
from app.services.plans.library import load_builtin
from app.services.plans.versions import ItemSpec, current_specs, plan_for, save_version
from helpers import Inbox, Session, free_port, give_plan, link, make_user, routine_id, testing_config
from push_receiver import start_receiver

# CI replays the same examples every run (a failure there is reproducible, never a coin toss);
# locally hypothesis explores new ones each time, and its database remembers failures.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() == "true":
    settings.load_profile("ci")

@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """PostgreSQL when TEST_DATABASE_URL is set (CI), else a SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL")
    return url or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def _schema(database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url} | testing_config())
    with app.app_context():
        db.drop_all()
        db.create_all()
        load_builtin(db.session)
        db.session.commit()
    return True




@pytest.fixture
def app(database_url, _schema):
    """A fresh app; after each test every table but the built-in library is emptied."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url} | testing_config())

    @app.url_value_preprocessor
    def fresh_request_globals(endpoint, values):
        # Tests hold one app context open for direct DB access; each request must still start
        # with empty `g` (Flask-Login caches the user there) and no stale ORM state.
        g.__dict__.clear()
        db.session.expire_all()

    @app.teardown_request
    def fresh_test_reads(exc):
        # Objects stay loaded after a commit (expire_on_commit=False); the test's own reads after a
        # request must still see what the request wrote.
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


@pytest.fixture
def patient(app) -> User:
    return make_user("patient@example.com", "patient", name="Pat Patient")


@pytest.fixture
def clinician(app) -> User:
    return make_user("physio@example.com", "clinician", name="Dr Physio")


@pytest.fixture
def login(app):
    """login(user) -> a Session with its own cookie jar."""
    def _login(user: User) -> Session:
        return Session(app.test_client(), user)
    return _login


@pytest.fixture
def routine(clinician) -> Routine:
    """One of the clinician's own exercises, with no image yet."""
    own = Routine(owner_id=clinician.id, kind="exercise", title="Wall slide")
    db.session.add(own)
    db.session.commit()
    return own


@pytest.fixture
def receiver(app, tmp_path):
    """A push service on loopback (tests/push_receiver.py), and the app's VAPID key in a scratch file."""
    app.config["VAPID_KEY_FILE"] = str(tmp_path / "vapid.pem")
    app.extensions.pop("inoplan_vapid", None)
    rec, server = start_receiver()
    yield rec
    server.shutdown()


@pytest.fixture
def world(login, patient, clinician):
    """A linked patient whose plan has three built-in routines and one of the clinician's own, a flare-up
    variant, and a template of the clinician's; both signed in."""
    link(clinician, patient)
    give_plan(patient, author=clinician)
    own = Routine(owner_id=clinician.id, kind="exercise", title="Wall angels", reps=8)
    db.session.add(own)
    db.session.flush()
    plan = plan_for(db.session, patient)
    specs = current_specs(db.session, plan) + [ItemSpec.from_routine(own, times=["10:00"])]
    version = save_version(db.session, plan, specs, clinician)
    save_version(db.session, plan, specs[:1], clinician, variant="flare")
    template = plan_templates.create(db.session, clinician, "Heat only",
                                     specs=[ItemSpec.from_routine(db.session.get(Routine, routine_id("heat-pack")))])
    db.session.commit()
    return SimpleNamespace(p=login(patient), c=login(clinician), patient=patient, own=own.id, template=template.id,
                           items=version.items, day=local_today(patient.timezone).isoformat())


pytest_plugins = ["browser_fixtures"]


@pytest.fixture
def late_in_the_day(monkeypatch):
    """The figures' clock at 23:59 of today in London, so every slot of today is due (adherence counts a slot
    later today only once it is due); the dates stay today's whatever the real time."""
    from datetime import UTC, datetime, time

    from app.services.clock import local_today, zone
    late = datetime.combine(local_today("Europe/London"), time(23, 59), zone("Europe/London")).astimezone(UTC)
    for module in ("app.services.progress.summary", "app.services.progress.overview",
                   "app.services.care.dashboard"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: late)
    return late


@pytest.fixture(autouse=True)
def _loggers_enabled():
    """Alembic's logging fileConfig (run in-process by the migration tests) disables every logger that exists then;
    turn the app's own back on, so tests that read the log see it whatever ran before."""
    import logging
    for name, logger in logging.root.manager.loggerDict.items():
        if isinstance(logger, logging.Logger) and name.startswith(("inoplan", "app")):
            logger.disabled = False


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on loopback: (inbox, port); it accepts the login user / p@ss:w/rd."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=inbox.authenticate,
                            auth_require_tls=False)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()

