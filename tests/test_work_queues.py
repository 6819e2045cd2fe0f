"""The three work queues share one claim and one backoff: leases, due times and jitter."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from bot.inbox.worker import RETRY_BASE, RETRY_CAP
from storage import inbound, work
from storage.db import reading, transaction
from storage.models import Attachment
from tests.harness import Bot, kinds, statements_run, wait_for

LEASE = timedelta(minutes=5)


def _attachments(bot: Bot, count: int) -> list[int]:
    with transaction(bot.runtime.sessions) as session:
        rows = [Attachment(kind="image", line_message_id=str(900000 + n), state="pending") for n in range(count)]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def _claim(bot: Bot, limit: int = 10) -> list[int]:
    with transaction(bot.runtime.sessions) as session:
        return work.claim_due(session, Attachment, pending="pending", now=bot.runtime.now(), lease=LEASE, limit=limit)


def test_a_claimed_row_is_not_claimed_again_until_its_lease_expires(bot: Bot) -> None:
    ids = _attachments(bot, 3)
    assert _claim(bot, limit=2) == ids[:2]
    assert _claim(bot) == ids[2:]
    assert _claim(bot) == []
    bot.travel(LEASE + timedelta(seconds=1))
    assert _claim(bot) == ids
    with bot.session() as session:
        assert [session.get(Attachment, i).attempts for i in ids] == [2, 2, 2]


def test_a_row_waits_for_its_next_attempt_time(bot: Bot) -> None:
    [row_id] = _attachments(bot, 1)
    with transaction(bot.runtime.sessions) as session:
        session.get(Attachment, row_id).next_attempt_at = bot.runtime.now() + timedelta(minutes=1)
    assert _claim(bot) == []
    bot.travel(timedelta(minutes=1))
    assert _claim(bot) == [row_id]


def test_rows_in_other_states_are_never_claimed(bot: Bot) -> None:
    ids = _attachments(bot, 2)
    with transaction(bot.runtime.sessions) as session:
        session.get(Attachment, ids[0]).state = "stored"
    assert _claim(bot) == ids[1:]


def test_a_claim_leases_counts_the_attempt_and_reads_the_rows_back_in_one_statement(bot: Bot) -> None:
    ids = _attachments(bot, 3)
    now = bot.runtime.now()
    with transaction(bot.runtime.sessions) as session, statements_run(bot) as statements:
        rows = work.claim_due_rows(session, Attachment, ("attempts", "lease_until", "line_message_id"),
                                   pending="pending", now=now, lease=LEASE, limit=2)
    assert [(row.id, row.attempts, row.lease_until) for row in rows] == [(row_id, 1, now + LEASE) for row_id in ids[:2]]
    assert [row.line_message_id for row in rows] == ["900000", "900001"]
    assert kinds(statements) == ["UPDATE"]
    with bot.session() as session:
        assert [session.get(Attachment, i).attempts for i in ids] == [1, 1, 0]


def test_on_postgresql_a_claim_skips_rows_another_open_claim_holds_without_waiting(bot: Bot) -> None:
    if bot.runtime.engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises claims: a second one waits for the first to commit")
    ids = _attachments(bot, 5)
    with transaction(bot.runtime.sessions) as first:
        held = work.claim_due(first, Attachment, pending="pending", now=bot.runtime.now(), lease=LEASE, limit=2)
        with transaction(bot.runtime.sessions) as second:
            second.execute(text("SET LOCAL lock_timeout = '5s'"))  # were it to wait, fail instead of hanging
            assert work.claim_due(second, Attachment, pending="pending", now=bot.runtime.now(), lease=LEASE,
                                  limit=10) == ids[2:]
    assert held == ids[:2]
    with bot.session() as session:
        assert [session.get(Attachment, i).attempts for i in ids] == [1] * 5


def test_looking_for_due_rows_only_reads(bot: Bot) -> None:
    [row_id] = _attachments(bot, 1)
    with reading(bot.runtime.sessions) as session, statements_run(bot) as statements:
        due = work.any_due(session, Attachment, pending="pending", now=bot.runtime.now())
    assert due
    assert kinds(statements) == ["SELECT"]
    _claim(bot)
    with reading(bot.runtime.sessions) as session:
        assert not work.any_due(session, Attachment, pending="pending", now=bot.runtime.now())
    with bot.session() as session:
        assert session.get(Attachment, row_id).attempts == 1


def test_backoff_doubles_up_to_its_cap_with_half_of_it_random() -> None:
    base, cap = timedelta(seconds=5), timedelta(minutes=5)
    lowest = [work.backoff(n, base=base, cap=cap, fraction=lambda: 0.0) for n in range(1, 10)]
    highest = [work.backoff(n, base=base, cap=cap, fraction=lambda: 1.0) for n in range(1, 10)]
    assert highest[:4] == [timedelta(seconds=s) for s in (5, 10, 20, 40)]
    assert max(highest) == cap and highest[-1] == cap
    assert all(low * 2 == high for low, high in zip(lowest, highest, strict=True))


def test_retries_of_rows_that_failed_together_spread_out() -> None:
    waits = {work.backoff(3, base=RETRY_BASE, cap=RETRY_CAP) for _ in range(50)}
    assert len(waits) > 40
    assert all(RETRY_BASE * 2 <= wait <= RETRY_BASE * 4 for wait in waits)



@contextmanager
def _listening(engine: Engine) -> Iterator[Any]:
    """A connection of its own LISTENing for the announcer's wake-ups (PostgreSQL; skips on SQLite)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("needs TEST_DATABASE_URL: SQLite has no signal between processes")
    arguments, options = engine.dialect.create_connect_args(engine.url)
    with engine.dialect.connect(*arguments, autocommit=True, **options) as listener:
        listener.execute(f"LISTEN {work.WAKE_CHANNEL}")
        yield listener


def test_on_postgresql_the_announcer_wakes_listeners_and_leaves_no_thread_behind_when_idle(
        bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(work, "IDLE_ANNOUNCER_EXITS_AFTER_S", 0.05)
    with _listening(bot.runtime.engine) as listener:
        announce = work.Announcer(bot.runtime.engine)
        before = threading.active_count()
        for _ in range(2):  # the second time after its thread ended, idle
            announce()
            assert next(listener.notifies(timeout=10, stop_after=1), None) is not None
            assert wait_for(lambda: threading.active_count() == before, 10)


def test_on_postgresql_a_stream_of_asks_shares_a_few_notifies_and_the_last_ask_is_never_lost(
        bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every webhook asks; a NOTIFY for each cost the web process a fifth of its webhooks.
    monkeypatch.setattr(work, "ANNOUNCE_EVERY_S", 0.05)
    with _listening(bot.runtime.engine) as listener:
        announce = work.Announcer(bot.runtime.engine)
        began = time.monotonic()
        while time.monotonic() - began < 0.3:  # about 0.3 s of asks, as fast as they come
            announce()
        last_ask = time.monotonic()
        heard = []
        for _ in listener.notifies(timeout=1.0):
            heard.append(time.monotonic())
    assert 2 <= len(heard) <= 0.3 / 0.05 + 2
    assert heard[-1] > last_ask  # what was asked last is announced after it, not swallowed


def test_the_inbox_claim_walks_pending_events_oldest_first_without_sorting_the_backlog(bot: Bot) -> None:
    # Sorting every pending event to keep twenty made each claim cost the whole backlog, under the
    # write lock on SQLite (migration 0008). SQLite's plan is fixed by its indexes alone.
    if bot.runtime.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's plan depends on its statistics; measured in bench/load.py instead")
    claims: list[tuple[str, object]] = []
    event.listen(bot.runtime.engine, "before_cursor_execute",
                 lambda _c, _cu, statement, parameters, *_: claims.append((statement, parameters))
                 if statement.startswith("SELECT inbound_event.id") else None)
    with transaction(bot.runtime.sessions) as session:
        inbound.claim_next_of_each_chat(session, now=bot.runtime.now(), lease=LEASE, limit=20)
    [(statement, parameters)] = claims
    with bot.runtime.engine.connect() as connection:
        plan = [row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)]
    assert any("ix_inbound_event_pending" in step for step in plan)
    assert not any("TEMP B-TREE" in step for step in plan), plan
