"""reminders: one row per dispatcher pass (the next pass starts where it ended)

Revision ID: 991e1e1a956c
Revises: 27b7a0aeaad0
Create Date: 2026-11-29 05:37:50.384597

"""
from alembic import op
import sqlalchemy as sa

import app.models.base  # noqa: F401  (custom column types used below)


# revision identifiers, used by Alembic.
revision = '991e1e1a956c'
down_revision = '27b7a0aeaad0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reminder_passes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed', sa.Integer(), nullable=False),
    sa.Column('pushed', sa.Integer(), nullable=False),
    sa.Column('failed', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_passes'))
    )
    with op.batch_alter_table('reminder_passes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_passes_at'), ['at'], unique=False)



def downgrade():
    with op.batch_alter_table('reminder_passes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_passes_at'))

    op.drop_table('reminder_passes')
