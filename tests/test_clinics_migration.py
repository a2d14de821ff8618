"""The c2_clinics migration approves every clinician that existed before it, so nobody loses access."""
from __future__ import annotations

from sqlalchemy import create_engine, text


def test_existing_clinicians_are_approved_by_the_migration(tmp_path, app):
    from flask_migrate import upgrade

    from app import create_app
    url = f"sqlite:///{tmp_path / 'before.sqlite3'}"
    migrated = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with migrated.app_context():
        upgrade(revision="a7_measures")
    engine = create_engine(url)
    with engine.begin() as connection:
        for email, role in (("old.physio@example.com", "clinician"), ("old.patient@example.com", "patient")):
            connection.execute(text(
                "INSERT INTO users (email, password_hash, display_name, role, timezone, follow_device_timezone, "
                "session_token, calendar_token, created_at, data_version) VALUES (:email, 'x', 'Old', :role, 'UTC', "
                "0, :email, :email, '2026-01-01 00:00:00.000000', 1)"), {"email": email, "role": role})
    with migrated.app_context():
        upgrade(revision="c2_clinics")
    with engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT email, approved_at IS NOT NULL FROM users")).all())
    assert rows == {"old.physio@example.com": 1, "old.patient@example.com": 0}
