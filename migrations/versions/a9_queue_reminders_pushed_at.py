"""reminders_sent.pushed_at and reminder_passes.queued for queue workers

Revision ID: a9_queue
Revises: 2fb117a2cc07
Create Date: 2026-11-30 06:30:00
"""
import sqlalchemy as sa
from alembic import op

import app.models.base

revision = 'a9_queue'
down_revision = '2fb117a2cc07'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('reminders_sent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pushed_at', app.models.base.UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table('reminder_passes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('queued', sa.Integer(), nullable=False, server_default='0'))


def downgrade():
    with op.batch_alter_table('reminder_passes', schema=None) as batch_op:
        batch_op.drop_column('queued')
    with op.batch_alter_table('reminders_sent', schema=None) as batch_op:
        batch_op.drop_column('pushed_at')
