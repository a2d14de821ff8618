"""`flask demo load` and the Alembic migrations."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import create_engine, func, inspect, select

from app.extensions import db
from app.models import CareLink, CheckIn, Completion, User
from app.services.clock import local_today


def test_demo_load_is_complete_and_idempotent(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0 and "loaded" in result.output
    patient = db.session.scalar(select(User).where(User.email == "demo.patient@example.com"))
    clinician = db.session.scalar(select(User).where(User.email == "demo.clinician@example.com"))
    assert patient.check_password("inoplan-demo") and clinician.check_password("inoplan-demo")
    assert db.session.scalar(select(CareLink).where(CareLink.patient_id == patient.id)).clinician_id == clinician.id
    first_day = db.session.scalar(select(func.min(Completion.date)).where(Completion.patient_id == patient.id))
    assert first_day <= local_today(patient.timezone) - timedelta(days=27)
    assert db.session.scalar(select(func.count(CheckIn.id))) >= 20
    completions = db.session.scalar(select(func.count(Completion.id)))
    assert completions > 150
    again = runner.invoke(args=["demo", "load"])
    assert "already present" in again.output
    assert db.session.scalar(select(func.count(Completion.id))) == completions


def test_migrations_build_the_same_schema_as_the_models(tmp_path, app):
    """`flask db upgrade` on an empty database yields every table and column the models declare."""
    from flask_migrate import upgrade
    url = f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    from app import create_app
    migrated = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with migrated.app_context():
        upgrade()
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    engine = create_engine(url)
    inspector = inspect(engine)
    for table in db.metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    with engine.connect() as connection:
        # Anything the models declare that no migration creates (run `flask db migrate`).
        assert compare_metadata(MigrationContext.configure(connection), db.metadata) == []
