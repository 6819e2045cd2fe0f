"""The outbox is a transport: delivered rows lose recipient and content; failed events keep no payload.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

FINISHED = ('sent', 'failed', 'cancelled')


def upgrade() -> None:
    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_count', sa.Integer(), nullable=True))
        batch_op.alter_column('recipient', existing_type=sa.String(length=40), nullable=True)
        batch_op.alter_column('messages', existing_type=sa.JSON(), nullable=True)

    outbound = sa.table('outbound_message', sa.column('id', sa.Integer()), sa.column('state', sa.String()),
                        sa.column('recipient', sa.String()), sa.column('messages', sa.JSON()),
                        sa.column('message_count', sa.Integer()))
    connection = op.get_bind()
    # Rows already delivered, given up or cancelled: keep how many messages they carried, nothing else.
    finished = connection.execute(sa.select(outbound.c.id, outbound.c.messages)
                                  .where(outbound.c.state.in_(FINISHED))).all()
    for row_id, messages in finished:
        connection.execute(sa.update(outbound).where(outbound.c.id == row_id).values(
            recipient=None, messages=sa.null(), message_count=len(messages or [])))

    # Events that ended failed kept the whole raw event (LINE id, text) and an error that could quote
    # SQL parameters; keep only their type.
    inbound = sa.table('inbound_event', sa.column('id', sa.BigInteger()), sa.column('state', sa.String()),
                       sa.column('event_type', sa.String()), sa.column('payload', sa.JSON()),
                       sa.column('error', sa.String()))
    failed = connection.execute(sa.select(inbound.c.id, inbound.c.event_type, inbound.c.error)
                                .where(inbound.c.state == 'failed')).all()
    for row_id, event_type, error in failed:
        # The old error was "Type: message"; the type before the colon is all that stays.
        kind = (error or '').split(':', 1)[0].strip()
        connection.execute(sa.update(inbound).where(inbound.c.id == row_id).values(
            payload={'type': event_type}, error=kind if kind.isidentifier() else None))


def downgrade() -> None:
    # Blanked rows cannot get their content back; give them an empty one so the old NOT NULLs hold.
    outbound = sa.table('outbound_message', sa.column('recipient', sa.String()), sa.column('messages', sa.JSON()))
    connection = op.get_bind()
    connection.execute(sa.update(outbound).where(outbound.c.recipient.is_(None)).values(recipient='erased'))
    connection.execute(sa.update(outbound).where(outbound.c.messages.is_(None)).values(messages=[]))
    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.alter_column('messages', existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column('recipient', existing_type=sa.String(length=40), nullable=False)
        batch_op.drop_column('message_count')
