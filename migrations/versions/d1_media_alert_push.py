"""alert rules can go in the daily push digest too

Revision ID: d1_media_alert_push
Revises: c2_clinics
Create Date: 2026-11-30 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'd1_media_alert_push'
down_revision = 'c2_clinics'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('alert_rules') as batch:
        batch.add_column(sa.Column('push', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('alert_rules') as batch:
        batch.drop_column('push')
