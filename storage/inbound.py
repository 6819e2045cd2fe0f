"""The durable inbox: webhook events stored once each, and claimed one chat at a time, in order."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Engine, and_, bindparam, exists, select, update
from sqlalchemy.orm import Session, aliased

from storage import erasure, sql
from storage.db import retrying_once
from storage.models import EventState, InboundEvent, utcnow

STORED_COLUMNS = ("webhook_event_id", "event_type", "payload", "received_at", "state", "attempts", "chat_key",
                  "occurred_at")


def store_events(engine: Engine, events: Sequence[dict[str, Any]]) -> int:
    """Store one webhook's events not seen before; returns how many were new."""
    return store_webhooks(engine, [events])[0]


def store_webhooks(engine: Engine, webhooks: Sequence[Sequence[dict[str, Any]]]) -> list[int]:
    """Store the events of several webhooks not seen before (LINE redelivers and duplicates), in one
    statement committed on its own; returns how many of each webhook's events were new.

    The webhook's cost is its round trips and, on SQLite, its time holding the write lock; several
    webhooks arriving together share both (storage/combining.py). On PostgreSQL the statement runs
    in autocommit (no BEGIN, no COMMIT: one round trip); the caller then announces the new work
    (`work.Announcer`).
    """
    now = utcnow()
    rows = [_row(event, now) for events in webhooks for event in events]
    if not rows:
        return [0] * len(webhooks)
    statement = _store_statement(engine.dialect.name)

    def store() -> list[str]:
        if engine.dialect.name == "postgresql":
            with engine.connect() as connection:
                autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
                return list(autocommit.scalars(statement, rows))
        with engine.begin() as connection:
            return list(connection.scalars(statement, rows))

    new = set(retrying_once(store))  # events already stored are ignored the second time
    counts = []
    for events in webhooks:
        mine = {event["webhookEventId"] for event in events} & new
        new -= mine  # an event in two webhooks at once is new to one of them
        counts.append(len(mine))
    return counts


def _row(event: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {"webhook_event_id": event["webhookEventId"], "event_type": event["type"][:40], "payload": event,
            "received_at": now, "state": EventState.PENDING.value, "attempts": 0, "chat_key": chat_key(event),
            "occurred_at": _occurred_at(event, now)}


@cache
def _store_statement(dialect: str) -> Any:
    """The INSERT ... ON CONFLICT DO NOTHING RETURNING of events, built once per process: building
    and keying a fresh statement for every webhook cost more than running it (profiled). Given
    several rows, SQLAlchemy sends them as one multi-row INSERT ("insertmanyvalues")."""
    table = InboundEvent.__table__
    return (sql.insert_or_ignore_on(dialect, table)
            .values({name: bindparam(name, type_=table.c[name].type) for name in STORED_COLUMNS})
            .on_conflict_do_nothing(index_elements=["webhook_event_id"])
            .returning(table.c.webhook_event_id))


def chat_key(event: dict[str, Any]) -> str | None:
    """The chat an event belongs to, hashed; None for chatless events."""
    chat = chat_of(event)
    if chat is None:
        return None
    return hashlib.sha256(chat.encode("utf-8", "surrogatepass")).hexdigest()


def chat_of(event: dict[str, Any]) -> str | None:
    """The chat an event belongs to and its answers go to (LINE's user, group or room id); None if chatless."""
    source = event.get("source")
    if not isinstance(source, dict):
        return None
    chat = source.get("groupId") or source.get("roomId") or source.get("userId")
    if not isinstance(chat, str) or not chat:
        return None
    return chat


def _occurred_at(event: dict[str, Any], received_at: datetime) -> datetime:
    """LINE's `timestamp` (milliseconds), or the arrival time when it is missing or absurd."""
    value = event.get("timestamp")
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            when = datetime.fromtimestamp(value / 1000, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return received_at
        # A timestamp far from now is not LINE's clock; it must not jump its chat's queue for ever.
        if abs(when - received_at) < timedelta(days=2):
            return when
    return received_at


@dataclass(frozen=True)
class Claimed:
    """An event leased to one consumer, with what processing it needs (read in the claim itself).

    `attempt` fences the lease: a consumer whose lease expired and was taken over finds a higher
    count on the row and leaves the event to its new owner.
    """

    id: int
    attempt: int
    event_type: str
    received_at: datetime
    payload: dict[str, Any] = field(repr=False, compare=False)  # personal data: the raw event, never logged


def claim_next_of_each_chat(session: Session, *, now: datetime, lease: timedelta, limit: int) -> list[Claimed]:
    """Lease due events that are the oldest pending one of their chat (by LINE's time, then arrival).

    An event whose chat has an older pending event is not due, even when that one is leased to
    another consumer or waits for a retry, nor while another event of its chat is leased: so one
    chat's events never run side by side, nor out of order, however many consumers there are.
    Events of different chats run in parallel; events without a chat are not held back.
    """
    other = aliased(InboundEvent)
    waits_for_another = exists().where(
        other.chat_key == InboundEvent.chat_key,
        other.state == EventState.PENDING,
        other.id != InboundEvent.id,
        # an older one (LINE's time, then arrival) ...
        (other.occurred_at < InboundEvent.occurred_at)
        | and_(other.occurred_at == InboundEvent.occurred_at, other.id < InboundEvent.id)
        # ... or any one a consumer holds now (a redelivered older event must not overtake it).
        | (other.lease_until >= now),
    )
    due = (
        select(InboundEvent.id)
        .where(InboundEvent.state == EventState.PENDING)
        .where(InboundEvent.lease_until.is_(None) | (InboundEvent.lease_until < now))
        .where(~waits_for_another)
        .order_by(InboundEvent.id)
        .limit(limit)
    )
    ids = list(session.scalars(sql.skip_locked(due, session)))
    if not ids:
        return []
    # The rows come back with the lease: one round trip for the whole batch, none per event.
    leased = session.execute(
        update(InboundEvent).where(InboundEvent.id.in_(ids))
        .values(lease_until=now + lease, attempts=InboundEvent.attempts + 1)
        .returning(InboundEvent.id, InboundEvent.attempts, InboundEvent.event_type, InboundEvent.received_at,
                   InboundEvent.payload)
    ).all()
    return sorted((Claimed(row.id, row.attempts, row.event_type, row.received_at, row.payload) for row in leased),
                  key=lambda c: c.id)


def take_for_processing(session: Session, claimed: Claimed) -> InboundEvent | None:
    """The event row, locked until this transaction ends, if it is still pending under this lease.

    None when it was finished, erased, or re-claimed by another consumer after this lease expired.
    """
    row = session.scalar(sql.lock_row(select(InboundEvent).where(InboundEvent.id == claimed.id), session))
    if row is None or row.state != EventState.PENDING or row.attempts != claimed.attempt:
        return None
    return row


def finish(session: Session, claimed: Claimed, now: datetime) -> bool:
    """Mark the event done (and blank it) if it is still pending under this lease; False when it is not.

    The first statement of the event's transaction, and its fence: everything the event causes
    commits with this mark or not at all. A consumer whose lease expired and was taken over finds
    a higher attempt count and changes nothing. On PostgreSQL the row stays locked until the
    transaction ends, so a competing holder's UPDATE waits, then finds the row done.
    """
    marked = session.execute(_finish_statement(), {
        "event_id": claimed.id, "attempt": claimed.attempt, "now": now,
        **erasure.blanked_event(claimed.event_type),  # the raw event holds personal data; it has served
    })
    return marked.rowcount == 1


def release(session: Session, claims: Iterable[Claimed]) -> int:
    """Hand back events this consumer claimed but could not process (the database went away in
    the middle of its batch): due again at once instead of when the lease runs out. Fenced like
    `finish`: an event finished, or re-claimed by another consumer, meanwhile is left alone."""
    table = InboundEvent.__table__
    released = 0
    for claim in claims:
        released += session.execute(
            update(table).where(table.c.id == claim.id, table.c.state == EventState.PENDING,
                                table.c.attempts == claim.attempt).values(lease_until=None)).rowcount
    return released


@cache
def _finish_statement() -> Any:
    """Built once per process, in Core: the ORM's UPDATE cost five times as much CPU (profiled)."""
    table = InboundEvent.__table__
    blanked = {column: bindparam(column, type_=table.c[column].type) for column in erasure.blanked_event("")}
    return (
        update(table)
        .where(table.c.id == bindparam("event_id"), table.c.state == EventState.PENDING,
               table.c.attempts == bindparam("attempt"))
        .values(state=EventState.DONE, processed_at=bindparam("now", type_=table.c.processed_at.type),
                lease_until=None, error=None, **blanked)
    )
