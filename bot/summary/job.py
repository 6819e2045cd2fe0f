"""The weekly summary run: record one delivery per (week, recipient) with its outbox row, then send.

Exactly once: the SummaryDelivery row (unique on week + recipient) and its OutboundMessage (purpose
summary, with its own X-Line-Retry-Key) are committed together before anything is sent. A second
run finds the rows and records nothing; a push that failed or timed out stays pending in the outbox
and is retried with the same key (LINE answers 409 for a key it already accepted), by the worker
or by the next run. A run that died before committing left nothing behind, so the next one starts
clean; one that died after committing left pending rows, which the next one sends.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.outbox import sender
from bot.outbox.queue import queue_push
from bot.runtime import Runtime
from bot.summary import chart
from bot.summary.data import last_complete_week, parse_iso_week
from bot.summary.week import summary_messages
from storage.db import transaction
from storage.models import ChatGroup, Lock, OutboundMessage, OutboxState, Purpose, Role, Staff, SummaryDelivery
from storage.sql import insert_or_ignore

log = logging.getLogger(__name__)

LOCK_NAME = "weekly-summary"
LOCK_TTL = timedelta(minutes=15)  # a crashed holder's lock lapses by itself
MAX_SEND_ROUNDS = 50


@dataclass(frozen=True)
class RunResult:
    iso_week: str
    recipients: int
    recorded: int  # deliveries this run recorded (0 on a re-run)
    sent: int  # deliveries of the week LINE has accepted, all runs together
    pending: int  # still in the outbox, to be retried with their stored retry key
    failed: int
    locked_out: bool = False  # another run held the lock; it does the work


def run(runtime: Runtime, iso_week: str | None = None) -> RunResult:
    """Deliver `iso_week`'s summary (default: the last complete week) to every official, once."""
    week = iso_week or last_complete_week(runtime.now(), runtime.tz)
    parse_iso_week(week)
    holder = f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
    if not _acquire_lock(runtime, holder):
        log.info("summary %s: another run holds the lock", week)
        return _result(runtime, week, recorded=0, locked_out=True)
    try:
        recorded = _record_deliveries(runtime, week)
        _send(runtime)
    finally:
        _release_lock(runtime, holder)
    result = _result(runtime, week, recorded=recorded)
    log.info("summary %s: %d recipients, %d recorded now, %d sent, %d pending, %d failed", week,
             result.recipients, result.recorded, result.sent, result.pending, result.failed)
    return result


def recipients(session: Session) -> list[str]:
    """LINE ids of officials (1:1) and of groups registered as official groups."""
    officials = select(Staff.line_user_id).where(Staff.role == Role.OFFICIAL, Staff.removed_at.is_(None))
    groups = select(ChatGroup.line_group_id).where(ChatGroup.kind == "official")
    return sorted(set(session.scalars(officials)) | set(session.scalars(groups)))


def undelivered(session: Session, iso_week: str) -> list[str]:
    """Recipients with no delivery recorded for the week yet."""
    recorded = set(session.scalars(select(SummaryDelivery.recipient).where(SummaryDelivery.iso_week == iso_week)))
    return [recipient for recipient in recipients(session) if recipient not in recorded]


def _record_deliveries(runtime: Runtime, week: str) -> int:
    with transaction(runtime.sessions) as session:
        missing = undelivered(session, week)
        if not missing:
            return 0
        flex_messages = summary_messages(runtime, session, week)
        with_chart = chart.enabled(runtime.settings)
        now = runtime.now()
        recorded = 0
        for recipient in missing:
            token = chart.new_token() if with_chart else None
            # RETURNING rather than rowcount: psycopg reports -1 for INSERT ... ON CONFLICT DO NOTHING.
            claimed = session.execute(
                insert_or_ignore(session, SummaryDelivery.__table__)
                .values(iso_week=week, recipient=recipient, chart_token=token, created_at=now)
                .on_conflict_do_nothing(index_elements=["iso_week", "recipient"])
                .returning(SummaryDelivery.__table__.c.id)
            ).first()
            if claimed is None:  # a concurrent run recorded it first
                continue
            messages = flex_messages + ([chart.image_message(runtime.settings, token)] if token else [])
            row = queue_push(session, recipient=recipient, messages=messages, purpose=Purpose.SUMMARY, now=now)
            session.execute(update(SummaryDelivery)
                            .where(SummaryDelivery.iso_week == week, SummaryDelivery.recipient == recipient)
                            .values(outbound_message_id=row.id))
            recorded += 1
        return recorded


def _send(runtime: Runtime) -> None:
    """Send what is due now; pushes waiting for a retry are left to the worker or the next run."""
    with sender.Sender(runtime) as outbox:
        for _ in range(MAX_SEND_ROUNDS):
            if not outbox.send_due():
                return


def _result(runtime: Runtime, week: str, *, recorded: int, locked_out: bool = False) -> RunResult:
    with runtime.sessions() as session:
        states = dict(session.execute(
            select(OutboundMessage.state, func.count())
            .join(SummaryDelivery, SummaryDelivery.outbound_message_id == OutboundMessage.id)
            .where(SummaryDelivery.iso_week == week)
            .group_by(OutboundMessage.state)
        ).all())
        return RunResult(iso_week=week, recipients=len(recipients(session)), recorded=recorded,
                         sent=states.get(OutboxState.SENT, 0), pending=states.get(OutboxState.PENDING, 0),
                         failed=states.get(OutboxState.FAILED, 0), locked_out=locked_out)


# --- the cross-process lock (job_lock) ---------------------------------------------------------

def _acquire_lock(runtime: Runtime, holder: str) -> bool:
    now = runtime.now()
    with transaction(runtime.sessions) as session:
        inserted = session.execute(
            insert_or_ignore(session, Lock.__table__).values(name=LOCK_NAME, holder=holder, until=now + LOCK_TTL)
            .on_conflict_do_nothing(index_elements=["name"]).returning(Lock.__table__.c.name)
        ).first()
        if inserted is not None:
            return True
        # rowcount is unreliable here (psycopg reports -1), so ask for the row back instead.
        return session.execute(
            update(Lock).where(Lock.name == LOCK_NAME, Lock.until < now)
            .values(holder=holder, until=now + LOCK_TTL).returning(Lock.name)
        ).first() is not None


def _release_lock(runtime: Runtime, holder: str) -> None:
    with transaction(runtime.sessions) as session:
        session.execute(delete(Lock).where(Lock.name == LOCK_NAME, Lock.holder == holder))

