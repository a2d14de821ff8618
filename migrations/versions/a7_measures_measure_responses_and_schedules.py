"""measure responses and schedules

Revision ID: a7_measures
Revises: a8_sleep
Create Date: 2026-11-30 05:24:11.845647

"""
import sqlalchemy as sa
from alembic import op

import app.models.base  # noqa: F401  (custom column types used below)

# revision identifiers, used by Alembic.
revision = 'a7_measures'
down_revision = 'a8_sleep'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('measure_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('instrument', sa.String(length=12), nullable=False),
    sa.Column('version', sa.String(length=24), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('parts', sa.JSON(), nullable=False),
    sa.Column('flags', sa.JSON(), nullable=False),
    sa.Column('alert_open', sa.Boolean(), nullable=False),
    sa.Column('acknowledged_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_offset_min', sa.Integer(), nullable=False),
    sa.Column('received_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['acknowledged_by_id'], ['users.id'],
                            name=op.f('fk_measure_responses_acknowledged_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['patient_id'], ['users.id'], name=op.f('fk_measure_responses_patient_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_responses')),
    sa.UniqueConstraint('patient_id', 'client_id', name=op.f('uq_measure_responses_patient_id_client_id'))
    )
    with op.batch_alter_table('measure_responses', schema=None) as batch_op:
        batch_op.create_index('ix_measure_responses_patient_alert', ['patient_id', 'alert_open'], unique=False)
        batch_op.create_index('ix_measure_responses_patient_instrument_date', ['patient_id', 'instrument', 'date'],
                              unique=False)

    op.create_table('measure_schedules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('instrument', sa.String(length=12), nullable=False),
    sa.Column('every_days', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('dismissed_due', sa.Date(), nullable=True),
    sa.Column('flare_at', sa.Float(), nullable=True),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['users.id'], name=op.f('fk_measure_schedules_patient_id_users'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_by_id'], ['users.id'], name=op.f('fk_measure_schedules_set_by_id_users'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_schedules')),
    sa.UniqueConstraint('patient_id', 'instrument', name=op.f('uq_measure_schedules_patient_id_instrument'))
    )


def downgrade():
    op.drop_table('measure_schedules')
    with op.batch_alter_table('measure_responses', schema=None) as batch_op:
        batch_op.drop_index('ix_measure_responses_patient_instrument_date')
        batch_op.drop_index('ix_measure_responses_patient_alert')

    op.drop_table('measure_responses')
