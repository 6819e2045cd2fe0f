"""The three work queues (inbox events, outgoing messages, media downloads): one claim, one backoff.

A row is due when it waits in its pending state, its lease has expired (its worker died, or it was
never leased) and, where the table has one, its next attempt time has come. Claiming leases the
due rows to this worker and counts the attempt, under `FOR UPDATE SKIP LOCKED` on PostgreSQL so
workers never wait on each other; SQLite serialises writers anyway.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Row, Select, Table, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from storage import sql
from storage.db import reading, transaction

log = logging.getLogger(__name__)

# PostgreSQL's LISTEN/NOTIFY channel: "new work" from any process wakes the consumers of every other.
WAKE_CHANNEL = "lampang_work"
LISTEN_RETRY_BASE, LISTEN_RETRY_CAP = timedelta(seconds=1), timedelta(seconds=30)
IDLE_ANNOUNCER_EXITS_AFTER_S = 60.0
# At most one NOTIFY per process in this long. Under a burst every webhook asks; a NOTIFY for each
# cost the web process a fifth of its webhooks (measured: 1,000 against 800 a second), and a consumer
# already woken finds what arrived meanwhile in its next claim. An idle consumer waits this much more.
ANNOUNCE_EVERY_S = 0.02


def any_due(session: Session, model: Any, *, pending: Any, now: datetime) -> bool:
    """Whether a row of `model` is due now: a plain read, so a poll that finds nothing takes no lock.

    Run it in a `storage.db.reading` session: on SQLite a claim's transaction takes the database's
    write lock, which the webhook's inserts then wait for; an empty poll of every queue, several
    times a second, would hold it for nothing.
    """
    return bool(session.scalar(select(_due(model.__table__, pending=pending, now=now).exists())))


def claim_due(session: Session, model: Any, *, pending: Any, now: datetime, lease: timedelta,
              limit: int) -> list[int]:
    """Lease up to `limit` due rows of `model` (oldest first) and return their ids."""
    return [row.id for row in claim_due_rows(session, model, (), pending=pending, now=now, lease=lease, limit=limit)]


def claim_due_rows(session: Session, model: Any, columns: Sequence[str], *, pending: Any, now: datetime,
                   lease: timedelta, limit: int) -> list[Row[Any]]:
    """Lease up to `limit` due rows of `model` (oldest first), counting the attempt, in one statement;
    returns their id and `columns` as leased (the attempt already counted), ordered by id.

    `UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING ...`: choosing, leasing
    and reading the rows back is one round trip instead of three. A Core statement on the table:
    the ORM's bulk update would look for the rows in the session to synchronise them, for nothing.
    """
    table = model.__table__
    chosen = sql.skip_locked(_due(table, pending=pending, now=now).order_by(table.c.id).limit(limit), session)
    leased = session.execute(
        update(table)
        .where(table.c.id.in_(chosen.scalar_subquery()))
        .values(lease_until=now + lease, attempts=table.c.attempts + 1)
        # RETURNING follows no order; callers get the rows oldest first.
        .returning(table.c.id, *(table.c[name] for name in columns))
    ).all()
    return sorted(leased, key=lambda row: row.id)


def _due(table: Table, *, pending: Any, now: datetime) -> Select[Any]:
    """The ids of the rows due now (see the module's docstring)."""
    due = (
        select(table.c.id)
        .where(table.c.state == pending)
        .where(table.c.lease_until.is_(None) | (table.c.lease_until < now))
    )
    if "next_attempt_at" in table.c:
        due = due.where(table.c.next_attempt_at.is_(None) | (table.c.next_attempt_at <= now))
    return due


def backoff(attempts: int, *, base: timedelta, cap: timedelta,
            fraction: Callable[[], float] = random.random) -> timedelta:
    """How long to wait before attempt `attempts + 1`: doubling from `base`, at most `cap`, jittered.

    Half the wait is fixed and half random ("equal jitter"), so rows that failed together (LINE down
    for a minute, the database restarting) come back spread out instead of all at once.
    """
    ceiling = min(cap, base * 2 ** max(0, attempts - 1))
    return ceiling / 2 + ceiling / 2 * fraction()


def announce(session: Session) -> None:
    """Tell consumers in other processes that work was added; sent when (and only if) the transaction commits.

    PostgreSQL only: on SQLite the consumers poll (there is no cross-process signal to use).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": WAKE_CHANNEL})


class Announcer:
    """Tells consumers in other processes that work was stored, from a thread of its own (PostgreSQL).

    For the webhook, which stores work hundreds of times a second in a burst. A NOTIFY inside the
    storing transaction holds PostgreSQL's notification queue lock through that commit, fsync
    included, so every such commit on the server waits its turn (measured here with pgbench, 8
    clients: 8,300 plain inserts/s against 3,000 with a NOTIFY each). Instead the webhook commits
    alone, then calls this, which only sets a flag: the thread sends one NOTIFY, in a transaction
    that writes nothing (so waits for no disk), for however many asked meanwhile, and at most one
    every ANNOUNCE_EVERY_S. The rows are committed before it is asked, so a consumer woken by it sees
    them. A NOTIFY lost to a database blip costs a consumer's safety poll, nothing more.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._asked = threading.Event()
        self._started_in: int | None = None  # the process whose thread this is (gunicorn forks)
        self._starting = threading.Lock()

    def __call__(self) -> None:
        self._asked.set()
        # Under the lock the idle thread exits by: either it sees this ask, or this sees it gone.
        with self._starting:
            if self._started_in != os.getpid():
                threading.Thread(target=self._run, name="lampang-announce", daemon=True).start()
                self._started_in = os.getpid()

    def _run(self) -> None:
        while True:
            if not self._asked.wait(IDLE_ANNOUNCER_EXITS_AFTER_S):
                with self._starting:  # idle a while: end (a quiet process holds no thread for this)
                    if not self._asked.is_set():
                        self._started_in = None
                        return
            self._asked.clear()
            try:
                with self._engine.connect() as connection:
                    connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                        text("SELECT pg_notify(:channel, '')"), {"channel": WAKE_CHANNEL})
            except Exception as error:  # the database is away: consumers find the work by polling
                log.warning("announce: not sent (%s)", type(error).__name__)
            time.sleep(ANNOUNCE_EVERY_S)  # asks meanwhile share the next NOTIFY


def can_listen(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def listen(engine: Engine, on_work: Callable[[], None], stop: threading.Event, *, poll: float = 1.0) -> None:
    """Call `on_work` for every `announce` from any process, until `stop` is set (PostgreSQL only).

    A connection of its own, outside the pool, in autocommit (LISTEN holds no transaction). When
    the database goes away it reconnects with jittered backoff; consumers still poll meanwhile.
    """
    failures = 0
    while not stop.is_set():
        try:
            arguments, options = engine.dialect.create_connect_args(engine.url)
            connection = engine.dialect.connect(*arguments, **options)
        except Exception as error:  # the database is down or restarting: try again later
            failures += 1
            log.warning("listen: cannot connect (%s)", type(error).__name__)
            stop.wait(backoff(failures, base=LISTEN_RETRY_BASE, cap=LISTEN_RETRY_CAP).total_seconds())
            continue
        try:
            connection.autocommit = True
            connection.execute(f"LISTEN {WAKE_CHANNEL}")
            failures = 0
            on_work()  # anything announced while not listening is picked up now
            while not stop.is_set():
                for _ in connection.notifies(timeout=poll, stop_after=1):
                    on_work()
        except Exception as error:  # connection lost: reconnect
            failures += 1
            log.warning("listen: connection lost (%s)", type(error).__name__)
            stop.wait(backoff(failures, base=LISTEN_RETRY_BASE, cap=LISTEN_RETRY_CAP).total_seconds())
        finally:
            connection.close()


def run_due(sessions: sessionmaker[Session], model: Any, handle: Callable[[int], None], *, pending: Any,
            now: datetime, lease: timedelta, limit: int) -> int:
    """Claim due rows in one short transaction, then `handle` each id with no transaction open
    (the work may call LINE); returns how many were claimed.

    A plain read looks first, so an empty poll (nearly all of them) takes no write lock on SQLite.
    """
    with reading(sessions) as session:
        if not any_due(session, model, pending=pending, now=now):
            return 0
    with transaction(sessions) as session:
        ids = claim_due(session, model, pending=pending, now=now, lease=lease, limit=limit)
    for row_id in ids:
        handle(row_id)
    return len(ids)
