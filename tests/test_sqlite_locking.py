"""SQLite's write lock: readers never take it, so they never wait behind a writer (nor it behind them)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from bot.outbox.sender import Sender
from bot.richmenu import links
from bot.villager import media
from storage.db import reading
from tests.harness import Bot


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
