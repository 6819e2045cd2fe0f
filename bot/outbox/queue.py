"""Recording outgoing messages in the outbox, inside the transaction that decided to send them."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.erasure import blank_outbound
from storage.models import OutboundMessage, OutboxState, Purpose

MAX_MESSAGES_PER_CALL = 5  # LINE's limit for reply and push
# LINE keeps a reply token for about a minute after the webhook; leave room for the network.
REPLY_TOKEN_LIFETIME = timedelta(seconds=50)


def queue_reply(session: Session, *, recipient: str, reply_token: str | None, received_at: datetime,
                messages: list[dict[str, Any]], citizen_id: int | None = None, request_id: int | None = None,
                source_event_id: str | None = None, may_carry_held: bool = True) -> OutboundMessage:
    """An answer to an event: sent with its reply token while valid, else pushed with a retry key.

    Notifications held back for lack of push quota ride along, as far as the five-message limit allows;
    `may_carry_held=False` says the caller knows the recipient has none (`holding_notifications`).
    """
    carried = (_take_held_notifications(session, recipient, room=MAX_MESSAGES_PER_CALL - len(messages))
               if may_carry_held else [])
    row = OutboundMessage(
        recipient=recipient, messages=carried + list(messages), message_count=len(carried) + len(messages),
        purpose=Purpose.REPLY,
        reply_token=reply_token, reply_token_expires_at=received_at + REPLY_TOKEN_LIFETIME if reply_token else None,
        retry_key=str(uuid.uuid4()), citizen_id=citizen_id, request_id=request_id, source_event_id=source_event_id,
        created_at=received_at,
    )
    session.add(row)  # inserted when the event's transaction commits: nothing here needs its id
    return row


def queue_push(session: Session, *, recipient: str, messages: list[dict[str, Any]], purpose: Purpose,
               now: datetime, citizen_id: int | None = None, request_id: int | None = None) -> OutboundMessage:
    """A message nobody asked for just now (a status change, the weekly summary): costs push quota."""
    if not 1 <= len(messages) <= MAX_MESSAGES_PER_CALL:
        raise ValueError(f"a push carries 1 to {MAX_MESSAGES_PER_CALL} messages, not {len(messages)}")
    row = OutboundMessage(recipient=recipient, messages=list(messages), message_count=len(messages), purpose=purpose,
                          retry_key=str(uuid.uuid4()), citizen_id=citizen_id, request_id=request_id,
                          created_at=now)
    session.add(row)
    session.flush()
    return row


def holding_notifications(session: Session, recipients: Collection[str]) -> set[str]:
    """Which of these recipients have messages held back (for push quota): one query for a batch of
    events, so that each reply looks for held messages only where there are some (rarely any)."""
    if not recipients:
        return set()
    return set(session.scalars(
        select(OutboundMessage.recipient).distinct()
        .where(OutboundMessage.recipient.in_(list(recipients)), OutboundMessage.state == OutboxState.HELD)
    ))


def _take_held_notifications(session: Session, recipient: str, room: int) -> list[dict[str, Any]]:
    if room <= 0:
        return []
    held = session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.recipient == recipient, OutboundMessage.state == OutboxState.HELD)
        .order_by(OutboundMessage.id)
    ).all()
    carried: list[dict[str, Any]] = []
    for row in held:
        if row.messages is None or len(carried) + len(row.messages) > room:
            break
        carried.extend(row.messages)
        row.state = OutboxState.SENT
        row.sent_via = "carried"
        blank_outbound(row)  # its messages now travel in the reply row
    return carried
