"""events by staff and time

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 02:00:00.000000
"""
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Routing asks for each candidate's latest assignment; without this it reads every event.
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_staff_id_at', ['staff_id', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_staff_id_at')
