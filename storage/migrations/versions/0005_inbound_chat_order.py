"""Inbound events carry their chat (hashed) and LINE's timestamp, so one chat's events run in order.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inbound_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chat_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=True))
    # Events stored before this revision have no chat key: they keep being claimed as before, in
    # arrival order; their time is the arrival time.
    op.execute("UPDATE inbound_event SET occurred_at = received_at")
    with op.batch_alter_table('inbound_event', schema=None) as batch_op:
        batch_op.alter_column('occurred_at', existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.create_index('ix_inbound_event_chat', ['chat_key', 'state', 'occurred_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inbound_event', schema=None) as batch_op:
        batch_op.drop_index('ix_inbound_event_chat')
        batch_op.drop_column('occurred_at')
        batch_op.drop_column('chat_key')
