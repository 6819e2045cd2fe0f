"""The durable inbox: webhook events stored once each (claimed by workers through storage.work)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

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
