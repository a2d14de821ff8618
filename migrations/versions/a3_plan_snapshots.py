"""routines.replaced_by_id: a routine in a plan is never edited in place; an edit writes a new routine.
plan_drafts: a clinician's unsent plan changes, sent once as one version.
item_removals: a patient removed a prescribed routine, with a reason

Revision ID: a3_plan_snapshots
Revises: a4_sessions
Create Date: 2026-11-30 05:30:00

"""
from alembic import op
import sqlalchemy as sa

from app.models.base import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'a3_plan_snapshots'
down_revision = 'a4_sessions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'plan_drafts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('variant', sa.String(length=16), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('base_version_id', sa.Integer(), nullable=True),
        sa.Column('items', sa.JSON(), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_plan_drafts_author_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['base_version_id'], ['plan_versions.id'],
                                name=op.f('fk_plan_drafts_base_version_id_plan_versions'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_plan_drafts_plan_id_plans'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_drafts')),
        sa.UniqueConstraint('plan_id', 'variant', 'author_id', name=op.f('uq_plan_drafts_plan_id_variant_author_id')),
    )
    with op.batch_alter_table('plan_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_drafts_author_id'), ['author_id'], unique=False)
    op.create_table(
        'item_removals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('patient_id', sa.Integer(), nullable=False),
        sa.Column('prescribed_by_id', sa.Integer(), nullable=True),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('item_key', sa.String(length=32), nullable=False),
        sa.Column('title', sa.String(length=80), nullable=False),
        sa.Column('reason', sa.String(length=16), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('removed_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('undone_at', UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['patient_id'], ['users.id'], name=op.f('fk_item_removals_patient_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['prescribed_by_id'], ['users.id'],
                                name=op.f('fk_item_removals_prescribed_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['version_id'], ['plan_versions.id'],
                                name=op.f('fk_item_removals_version_id_plan_versions'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_item_removals')),
    )
    with op.batch_alter_table('item_removals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_removals_patient_id'), ['patient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_removals_prescribed_by_id'), ['prescribed_by_id'], unique=False)
    with op.batch_alter_table('routines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replaced_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_routines_replaced_by_id_routines', 'routines', ['replaced_by_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('item_removals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_removals_prescribed_by_id'))
        batch_op.drop_index(batch_op.f('ix_item_removals_patient_id'))
    op.drop_table('item_removals')
    with op.batch_alter_table('plan_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_drafts_author_id'))
    op.drop_table('plan_drafts')
    with op.batch_alter_table('routines', schema=None) as batch_op:
        batch_op.drop_constraint('fk_routines_replaced_by_id_routines', type_='foreignkey')
        batch_op.drop_column('replaced_by_id')
