"""Reference numbers: taken without holding up other requests, and never given twice."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, text

from storage.citizens import new_citizen_key
from storage.db import transaction
from storage.models import Citizen, Request
from storage.request_store import _numbering_engine, create_request
from tests.harness import Bot

CREATED = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)  # Buddhist year 2569


def _request(session, words: str) -> Request:
    citizen = Citizen(key=new_citizen_key())
    session.add(citizen)
    return create_request(session, citizen=citizen, text=words, tz=UTC, created_at=CREATED,
                          district_code="5201", category="infrastructure")


def _refs(bot: Bot) -> list[str]:
    with bot.session() as session:
        return sorted(session.scalars(text("SELECT ref FROM request")))


def test_on_postgresql_a_request_being_created_does_not_hold_up_the_next_ones_number(bot: Bot) -> None:
    if bot.runtime.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: a second request waits for the first to commit anyway")
    with transaction(bot.runtime.sessions) as first:
        held = _request(first, "ถนนพัง")
        with transaction(bot.runtime.sessions) as second:
            # Were the year's counter row still locked by the first transaction, this would wait
            # for it (for ever, in one thread): fail instead of hanging.
            second.execute(text("SET LOCAL lock_timeout = '5s'"))
            assert _request(second, "ไฟดับ").ref == "LP-69-00002"
    assert held.ref == "LP-69-00001"
    assert _refs(bot) == ["LP-69-00001", "LP-69-00002"]


def test_on_postgresql_many_threads_creating_requests_at_once_each_get_their_own_number(bot: Bot) -> None:
    if bot.runtime.engine.dialect.name != "postgresql":
        pytest.skip("the numbering pool exists on PostgreSQL only")
    # More threads than the main pool and the numbering pool together: each holds a main-pool
    # connection while it takes a number, which must not wait on the pool it holds one of.
    threads, failures = 12, []

    def create(n: int) -> None:
        try:
            with transaction(bot.runtime.sessions) as session:
                session.execute(text("SET LOCAL lock_timeout = '5s'"))
                _request(session, f"ขอซ่อมถนนหมู่ {n}")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)

    workers = [threading.Thread(target=create, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert failures == []
    assert _refs(bot) == [f"LP-69-{n:05d}" for n in range(1, threads + 1)]


def test_a_request_that_fails_never_gives_its_number_to_another(bot: Bot) -> None:
    with pytest.raises(RuntimeError), transaction(bot.runtime.sessions) as session:
        assert _request(session, "ถนนพัง").ref == "LP-69-00001"
        raise RuntimeError("the rest of the event failed")
    with transaction(bot.runtime.sessions) as session:
        after = _request(session, "ไฟดับ").ref
    if bot.runtime.engine.dialect.name == "postgresql":
        assert after == "LP-69-00002"  # taken outside the failed transaction: a gap, never a repeat
    else:
        assert after == "LP-69-00001"  # taken inside it, and rolled back with it
    assert _refs(bot) == [after]


def test_on_postgresql_numbers_are_still_taken_after_the_server_dropped_every_connection(bot: Bot) -> None:
    engine = bot.runtime.engine
    if engine.dialect.name != "postgresql":
        pytest.skip("needs TEST_DATABASE_URL: SQLite's connections are files, not sessions a server can drop")
    backends: set[int] = set()
    event.listen(_numbering_engine(engine), "connect",
                 lambda connection, _record: backends.add(connection.info.backend_pid))
    with transaction(bot.runtime.sessions) as session:
        _request(session, "ถนนพัง")
    assert backends  # the numbering pool holds a live connection now ...
    arguments, options = engine.dialect.create_connect_args(engine.url)
    with engine.dialect.connect(*arguments, **options) as admin:  # ... which the server drops, as in a restart
        admin.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", [sorted(backends)])
    with transaction(bot.runtime.sessions) as session:
        assert _request(session, "ไฟดับ").ref == "LP-69-00002"
