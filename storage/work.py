"""The three work queues (inbox events, outgoing messages, media downloads): one claim, one backoff.

A row is due when it waits in its pending state, its lease has expired (its worker died, or it was
never leased) and, where the table has one, its next attempt time has come. Claiming leases the
due rows to this worker and counts the attempt, under `FOR UPDATE SKIP LOCKED` on PostgreSQL so
workers never wait on each other; SQLite serialises writers anyway.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage import sql


def claim_due(session: Session, model: Any, *, pending: Any, now: datetime, lease: timedelta,
              limit: int) -> list[int]:
    """Lease up to `limit` due rows of `model` (oldest first) and return their ids."""
    due = (
        select(model.id)
        .where(model.state == pending)
        .where(model.lease_until.is_(None) | (model.lease_until < now))
        .order_by(model.id)
        .limit(limit)
    )
    if hasattr(model, "next_attempt_at"):
        due = due.where(model.next_attempt_at.is_(None) | (model.next_attempt_at <= now))
    ids = list(session.scalars(sql.skip_locked(due, session)))
    if ids:
        session.execute(update(model).where(model.id.in_(ids))
                        .values(lease_until=now + lease, attempts=model.attempts + 1))
    return ids


def backoff(attempts: int, *, base: timedelta, cap: timedelta,
            fraction: Callable[[], float] = random.random) -> timedelta:
    """How long to wait before attempt `attempts + 1`: doubling from `base`, at most `cap`, jittered.

    Half the wait is fixed and half random ("equal jitter"), so rows that failed together (LINE down
    for a minute, the database restarting) come back spread out instead of all at once.
    """
    ceiling = min(cap, base * 2 ** max(0, attempts - 1))
    return ceiling / 2 + ceiling / 2 * fraction()
