"""The inbox's pending index in claim order: (state, id) instead of (state, lease_until).

The claim asks for pending events oldest first, twenty at a time. Indexed by lease time, the pending
rows came back unordered: the database checked every pending event of every chat, then sorted them,
then kept twenty. With a backlog of 10,000 events that was 17 to 36 ms per claim on SQLite, holding
the write lock the webhook waits for, and about 60 ms on PostgreSQL; in id order it stops after the
first twenty due (about 3 ms on both).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inbound_event') as batch_op:
        batch_op.drop_index('ix_inbound_event_pending')
        batch_op.create_index('ix_inbound_event_pending', ['state', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inbound_event') as batch_op:
        batch_op.drop_index('ix_inbound_event_pending')
        batch_op.create_index('ix_inbound_event_pending', ['state', 'lease_until'], unique=False)
