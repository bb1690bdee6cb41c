"""outbox kind and sealed token

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 01:01:11.475280
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        # The server default fills rows already waiting in the outbox.
        batch_op.add_column(sa.Column('kind', sa.String(length=30), nullable=False, server_default='notice'))
        batch_op.add_column(sa.Column('sealed_token', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('sealed_token')
        batch_op.drop_column('kind')
