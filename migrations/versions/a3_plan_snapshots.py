"""routines.replaced_by_id: a routine in a plan is never edited in place; an edit writes a new routine

Revision ID: a3_plan_snapshots
Revises: 2fb117a2cc07
Create Date: 2026-11-30 05:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a3_plan_snapshots'
down_revision = '2fb117a2cc07'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('routines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replaced_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_routines_replaced_by_id_routines', 'routines', ['replaced_by_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('routines', schema=None) as batch_op:
        batch_op.drop_constraint('fk_routines_replaced_by_id_routines', type_='foreignkey')
        batch_op.drop_column('replaced_by_id')
