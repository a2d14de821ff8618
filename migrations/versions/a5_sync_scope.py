"""Sync scope: client ids unique per patient (not across everyone); device times from the future brought back.

Revision ID: a5_sync_scope
Revises: a3_plan_snapshots
Create Date: 2026-11-30 05:30:00

A client id was unique across all patients, so a second patient reusing one was answered "duplicate" (an
existence oracle) and could pre-empt another patient's entry. Now (patient_id, client_id) is unique in every log
table with client ids. Rows recorded "in the future" by a phone with a wrong clock froze their slot or day
against every later write: their recorded_at is brought back to when the server received them.
"""
import sqlalchemy as sa
from alembic import op

revision = 'a5_sync_scope'
down_revision = 'a3_plan_snapshots'
branch_labels = None
depends_on = None

TABLES = ("completions", "checkins", "mode_changes")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"uq_{table}_client_id", type_="unique")
            batch_op.create_unique_constraint(f"uq_{table}_patient_id_client_id", ["patient_id", "client_id"])
    connection = op.get_bind()
    received_later = ("recorded_at > received_at + interval '5 minutes'" if connection.dialect.name == "postgresql"
                      else "recorded_at > datetime(received_at, '+5 minutes')")
    for table in ("completions", "checkins"):
        connection.execute(sa.text(f"UPDATE {table} SET recorded_at = received_at WHERE {received_later}"))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"uq_{table}_patient_id_client_id", type_="unique")
            batch_op.create_unique_constraint(f"uq_{table}_client_id", ["client_id"])
