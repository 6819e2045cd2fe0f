"""The durable inbox: webhook events stored once each, and leased to a worker."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage import sql
from storage.models import EventState, InboundEvent, utcnow


def record_inbound_events(session: Session, events: Iterable[dict[str, Any]]) -> int:
    """Store events not seen before (LINE redelivers and duplicates); returns how many were new."""
    stored = 0
    now = utcnow()
    for event in events:
        statement = (
            sql.insert_or_ignore(session, InboundEvent.__table__)
            .values(webhook_event_id=event["webhookEventId"], event_type=event["type"][:40], payload=event,
                    received_at=now, state=EventState.PENDING.value, attempts=0)
            .on_conflict_do_nothing(index_elements=["webhook_event_id"])
            .returning(InboundEvent.id)  # psycopg reports rowcount -1 here; RETURNING is exact
        )
        stored += len(session.execute(statement).all())
    return stored


def claim_inbound_events(session: Session, now: datetime, lease: timedelta, limit: int) -> list[int]:
    """Lease pending events to this worker; an expired lease means its worker died, so retake it."""
    due = (
        select(InboundEvent.id)
        .where(InboundEvent.state == EventState.PENDING)
        .where((InboundEvent.lease_until.is_(None)) | (InboundEvent.lease_until < now))
        .order_by(InboundEvent.id)
        .limit(limit)
    )
    ids = list(session.scalars(sql.skip_locked(due, session)))
    if ids:
        session.execute(
            update(InboundEvent)
            .where(InboundEvent.id.in_(ids))
            .values(lease_until=now + lease, attempts=InboundEvent.attempts + 1)
        )
    return ids
