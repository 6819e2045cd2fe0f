"""Engine and session lifecycle: one engine per app, one session per request or job."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from storage import sqlite_writers

T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_MS = 15_000
# An execution option: this connection's transaction only reads (see `reading`).
READ_ONLY = "lampang_read_only"


def make_engine(url: str) -> Engine:
    # Bound parameters are villagers' texts, LINE ids and staff reasons: keep them out of every
    # exception message (and so out of logs and stored errors).
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args=sqlite_writers.connect_args(SQLITE_BUSY_TIMEOUT_MS / 1000),
                               hide_parameters=True)
        _tune_sqlite(engine)
        return engine
    # No pre-ping: it cost every checkout a round trip, as long as the statement it guards (profiled
    # under load). A connection the server dropped fails on first use instead; SQLAlchemy then
    # discards every pooled connection of that age, and callers retry (`retrying_once`, the worker's
    # rounds, the sender's recording), so a database restart costs one failed attempt per process.
    return create_engine(url, pool_size=5, max_overflow=5, hide_parameters=True)


def _tune_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout and BEGIN IMMEDIATE, so several workers queue instead of failing.

    pysqlite opens transactions lazily with a plain BEGIN; a reader that later writes can then
    fail with "database is locked" without waiting. Taking the write lock at BEGIN makes every
    transaction wait its turn instead, first on the lock file (storage/sqlite_writers.py, woken
    at once), then under SQLite's busy timeout.
    """
    lock_path = sqlite_writers.lock_path(engine.url.database)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI objects
        dbapi_connection.isolation_level = None
        dbapi_connection.attach_lock(lock_path)
        cursor = dbapi_connection.cursor()
        # WAL is a property of the file, kept once set. Setting it again takes a lock that a writer
        # may hold, and fails at once instead of waiting: a connection opened mid-burst would fail.
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # noqa: ANN001
        # A reader takes no write lock: under WAL it never waits for writers, nor they for it.
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
            return
        writer = connection.connection.dbapi_connection
        writer.take_turn()
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            writer.end_turn()
            raise


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back if it raises."""
    with factory() as session, session.begin():
        yield session


@contextmanager
def reading(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that only reads: on SQLite it begins without the write lock (a poll for due work,
    a page), so it never queues behind a writer nor makes the webhook's insert queue behind it."""
    with factory() as session:
        session.connection(execution_options={READ_ONLY: True})
        yield session


def retrying_once(work: Callable[[], T]) -> T:
    """Run `work`, and once more if its connection turned out dead (the database restarted since
    the pool opened it). Only for work that is safe to repeat, such as an INSERT ... ON CONFLICT DO NOTHING."""
    try:
        return work()
    except DBAPIError as error:
        if not error.connection_invalidated:
            raise
        return work()
