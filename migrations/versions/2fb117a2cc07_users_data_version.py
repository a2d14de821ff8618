"""users.data_version: changes with every write that changes the patient's day (keys the Today cache)

Revision ID: 2fb117a2cc07
Revises: 991e1e1a956c
Create Date: 2026-11-29 05:32:30.651678

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2fb117a2cc07'
down_revision = '991e1e1a956c'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data_version', sa.BigInteger(), server_default='0', nullable=False))
    # A random start per user rather than the 0 default: a database restored from an older backup and migrated
    # again must not hand out (user id, version) pairs that a running process cached from newer data.
    connection = op.get_bind()
    ids = connection.execute(sa.text("SELECT id FROM users")).scalars().all()
    if ids:
        connection.execute(sa.text("UPDATE users SET data_version = :version WHERE id = :id"),
                           [{"id": i, "version": secrets.randbelow(2**63 - 1) + 1} for i in ids])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('data_version')
