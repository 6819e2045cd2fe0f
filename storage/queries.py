"""Query functions over the models; each takes the session it works in and never commits."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import (
    Citizen,
    EventState,
    InboundEvent,
    RefCounter,
    Request,
    utcnow,
)
from storage.refs import format_ref


def _insert(session: Session, table: Any) -> Any:
    """INSERT with ON CONFLICT support on both backends."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def skip_locked(statement: Select[Any], session: Session) -> Select[Any]:
    """Rows another worker holds are skipped on PostgreSQL; SQLite serialises writers anyway."""
    if session.get_bind().dialect.name == "postgresql":
        return statement.with_for_update(skip_locked=True)
    return statement


# --- the inbox ---------------------------------------------------------------------------------

def record_inbound_events(session: Session, events: Iterable[dict[str, Any]]) -> int:
    """Store events not seen before (LINE redelivers and duplicates); returns how many were new."""
    stored = 0
    now = utcnow()
    for event in events:
        statement = (
            _insert(session, InboundEvent.__table__)
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
    ids = list(session.scalars(skip_locked(due, session)))
    if ids:
        session.execute(
            update(InboundEvent)
            .where(InboundEvent.id.in_(ids))
            .values(lease_until=now + lease, attempts=InboundEvent.attempts + 1)
        )
    return ids


# --- citizens ----------------------------------------------------------------------------------

def new_citizen_key() -> str:
    return "R" + secrets.token_hex(6)


def citizen_for(session: Session, line_user_id: str, now: datetime | None = None) -> Citizen:
    """The citizen behind a LINE user id, created on first contact."""
    citizen = session.scalar(select(Citizen).where(Citizen.line_user_id == line_user_id))
    if citizen is None:
        citizen = Citizen(key=new_citizen_key(), line_user_id=line_user_id, created_at=now or utcnow())
        session.add(citizen)
        session.flush()
    citizen.last_seen_at = now or utcnow()
    return citizen


# --- references and requests -------------------------------------------------------------------

def buddhist_year(moment: datetime, tz: Any) -> int:
    return moment.astimezone(tz).year + 543


def next_sequence(session: Session, year_be: int) -> int:
    """Atomically take the next number of the year: an UPDATE ... RETURNING holds the row lock."""
    session.execute(
        _insert(session, RefCounter.__table__).values(year_be=year_be, last=0)
        .on_conflict_do_nothing(index_elements=["year_be"])
    )
    return session.execute(
        update(RefCounter).where(RefCounter.year_be == year_be)
        .values(last=RefCounter.last + 1).returning(RefCounter.last)
    ).scalar_one()


def create_request(session: Session, *, citizen: Citizen | None, text: str | None, created_at: datetime,
                   tz: Any, source_event_id: str | None = None, source_message_id: str | None = None,
                   **fields: Any) -> Request:
    year_be = buddhist_year(created_at, tz)
    seq = next_sequence(session, year_be)
    request = Request(ref=format_ref(year_be, seq), year_be=year_be, seq=seq, citizen=citizen, text=text,
                      created_at=created_at, updated_at=created_at, source_event_id=source_event_id,
                      source_message_id=source_message_id, **fields)
    session.add(request)
    session.flush()
    return request


def request_by_ref(session: Session, ref: str) -> Request | None:
    return session.scalar(select(Request).where(Request.ref == ref))


def requests_for_export(session: Session, *, district_code: str | None = None,
                        statuses: Sequence[str] | None = None, options: Sequence[Any] = ()) -> list[Request]:
    statement = select(Request).options(*options).order_by(Request.created_at, Request.id)
    if district_code:
        statement = statement.where(Request.district_code == district_code)
    if statuses:
        statement = statement.where(Request.status.in_(list(statuses)))
    return list(session.scalars(statement))


def latest_request_of(session: Session, citizen_id: int, since: datetime) -> Request | None:
    """The citizen's newest request made after `since` (photos and locations attach to it)."""
    return session.scalar(
        select(Request).where(Request.citizen_id == citizen_id, Request.created_at >= since)
        .order_by(Request.created_at.desc(), Request.id.desc()).limit(1)
    )


def requests_of(session: Session, citizen_id: int, limit: int) -> tuple[list[Request], int]:
    """The citizen's requests, newest first, and how many there are in all."""
    requests = list(session.scalars(
        select(Request).where(Request.citizen_id == citizen_id)
        .order_by(Request.created_at.desc(), Request.id.desc()).limit(limit)
    ))
    total = session.scalar(select(func.count()).select_from(Request).where(Request.citizen_id == citizen_id))
    return requests, total or 0
