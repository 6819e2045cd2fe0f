"""SQLite's write lock: readers never take it; writers take turns on a lock file, woken as it frees."""

from __future__ import annotations

import sqlite3
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.outbox.sender import Sender
from bot.richmenu import links
from bot.villager import media
from storage import sqlite_writers
from storage.db import reading, transaction
from tests.harness import Bot

if sys.platform != "win32":
    import fcntl


def test_a_reader_and_a_new_connection_are_not_held_up_by_a_writer_holding_the_lock(bot: Bot) -> None:
    if bot.runtime.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL has no database-wide write lock")
    with reading(bot.runtime.sessions) as session:  # the app's first connection puts the file in WAL mode
        assert session.scalar(text("PRAGMA journal_mode")) == "wal"
    # And a connection opened while the lock is held (a pool growing mid-burst) must not fail either.
    bot.runtime.engine.dispose()
    writer = sqlite3.connect(bot.runtime.engine.url.database, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO ref_counter (year_be, last) VALUES (2600, 1)")
        # Were `reading` to take the write lock, this would wait out the busy timeout and fail.
        with reading(bot.runtime.sessions) as session:
            seen = session.scalar(text("SELECT count(*) FROM ref_counter WHERE year_be = 2600"))
        assert seen == 0  # the writer's row is not committed yet
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def _sqlite_only(bot: Bot) -> None:
    if bot.runtime.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL has no database-wide write lock")


def test_a_writer_waits_for_the_one_holding_the_turn_and_goes_in_as_it_commits(bot: Bot) -> None:
    _sqlite_only(bot)
    entered, wrote = threading.Event(), []

    def second_writer() -> None:
        with transaction(bot.runtime.sessions) as session:
            wrote.append(session.scalar(text("SELECT last FROM ref_counter WHERE year_be = 2601")))
            entered.set()  # its first statement began the transaction: it has the turn

    with transaction(bot.runtime.sessions) as session:
        session.execute(text("INSERT INTO ref_counter (year_be, last) VALUES (2601, 7)"))
        waiting = threading.Thread(target=second_writer)
        waiting.start()
        assert not entered.wait(0.5)  # it queues behind this transaction (on the lock file)
    waiting.join(10)
    assert entered.is_set() and wrote == [7]  # and goes in after the commit, seeing the row


def test_a_transaction_that_fails_gives_up_its_turn(bot: Bot) -> None:
    _sqlite_only(bot)
    with pytest.raises(RuntimeError), transaction(bot.runtime.sessions) as session:
        session.execute(text("INSERT INTO ref_counter (year_be, last) VALUES (2602, 1)"))
        raise RuntimeError("a step failed")
    done = threading.Event()

    def next_writer() -> None:
        with transaction(bot.runtime.sessions) as session:
            session.execute(text("INSERT INTO ref_counter (year_be, last) VALUES (2602, 2)"))
        done.set()

    threading.Thread(target=next_writer).start()
    assert done.wait(10)
    with reading(bot.runtime.sessions) as session:
        assert session.scalar(text("SELECT last FROM ref_counter WHERE year_be = 2602")) == 2


def test_the_turn_is_taken_on_a_file_beside_the_database_in_every_process(bot: Bot) -> None:
    _sqlite_only(bot)
    database = bot.runtime.engine.url.database
    lock = sqlite_writers.lock_path(database)
    assert lock is not None and lock.parent == Path(database).parent
    with transaction(bot.runtime.sessions) as session:
        session.execute(text("SELECT 1"))
        # Another process (here: another open file description) cannot take the turn meanwhile.
        with open(lock, "ab") as rival, pytest.raises(BlockingIOError):
            fcntl.flock(rival.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    with open(lock, "ab") as rival:
        fcntl.flock(rival.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # free once the transaction ended
        fcntl.flock(rival.fileno(), fcntl.LOCK_UN)


def test_polls_that_find_nothing_due_do_not_wait_for_a_writer_holding_the_lock(bot: Bot) -> None:
    if bot.runtime.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL has no database-wide write lock")
    with reading(bot.runtime.sessions) as session:  # the file in WAL mode, as above
        session.scalar(text("SELECT 1"))
    writer = sqlite3.connect(bot.runtime.engine.url.database, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # the webhook storing an event, say
        # Were a poll to take the write lock, it would wait out the busy timeout and fail.
        with Sender(bot.runtime) as outbox:
            assert outbox.send_due() == 0
        assert media.fetch_pending(bot.runtime) == 0
        assert links.apply_due(bot.runtime) == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()
