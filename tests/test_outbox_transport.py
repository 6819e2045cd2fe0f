"""The outbox is a transport, not an archive: finished rows keep metadata, never recipient or content."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select, text

from storage.migrate import upgrade
from storage.models import EventState, InboundEvent, OutboundMessage, OutboxState
from tests.harness import Bot


def _outbox(bot: Bot) -> list[OutboundMessage]:
    with bot.session() as session:
        return list(session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)))


def test_a_delivered_reply_keeps_its_metadata_but_neither_recipient_nor_content(bot: Bot, villager: str) -> None:
    bot.line.send_text(villager, "ขอให้ซ่อมไฟถนนหน้าโรงเรียน อ.เกาะคา ค่ะ")
    bot.drain()

    [row] = _outbox(bot)
    delivered = bot.line.inbox(villager)
    assert row.state == OutboxState.SENT and row.sent_at is not None and row.line_request_id
    assert (row.recipient, row.messages, row.reply_token) == (None, None, None)
    assert row.message_count == len(delivered) >= 1


def test_a_push_line_refuses_for_good_is_blanked_too(bot: Bot, villager: str) -> None:
    bot.line.send_text(villager, "ขอถังขยะเพิ่มที่ตลาดค่ะ")
    bot.travel(timedelta(seconds=70))  # the reply token has expired: the answer is pushed
    bot.line.faults.add(endpoint="push", status=400, message="bad request")
    bot.drain()

    [row] = _outbox(bot)
    assert row.state == OutboxState.FAILED and row.error.startswith("status 400")
    assert (row.recipient, row.messages) == (None, None) and row.message_count


@pytest.fixture
def database_at_0001(tmp_path: Path) -> Iterator[Engine]:
    """An empty database migrated to 0001 only (its own PostgreSQL schema when TEST_DATABASE_URL is set)."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url:
        engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
        upgrade(engine, "0001")
        yield engine
        engine.dispose()
        return
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"test_migration_{os.getpid()}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"))
    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    upgrade(engine, "0001")
    yield engine
    engine.dispose()
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def test_the_migration_blanks_rows_finished_before_it_and_leaves_waiting_ones(database_at_0001: Engine) -> None:
    engine = database_at_0001
    now = datetime(2026, 11, 30, tzinfo=UTC)
    with engine.begin() as connection:
        for n, state in enumerate(["sent", "failed", "cancelled", "pending", "held"]):
            connection.execute(OutboundMessage.__table__.insert().values(
                recipient="Uvillager", messages=[{"type": "text", "text": "ถนนพังหน้าบ้าน"}] * 2,
                purpose="reply", retry_key=f"key-{n}", state=state, attempts=1, created_at=now))
        for n, state in enumerate(["failed", "pending"]):
            connection.execute(InboundEvent.__table__.insert().values(
                webhook_event_id=f"event-{n}", event_type="message", received_at=now, state=state, attempts=5,
                payload={"type": "message", "source": {"userId": "Uvillager"}, "message": {"text": "ถนนพัง"}},
                error="IntegrityError: INSERT ... [parameters: ('ถนนพัง',)]"))

    upgrade(engine, "head")

    with engine.connect() as connection:
        rows = {r.state: r for r in connection.execute(select(OutboundMessage.__table__))}
        events = {r.state: r for r in connection.execute(select(InboundEvent.__table__))}
    for state in ("sent", "failed", "cancelled"):
        assert (rows[state].recipient, rows[state].messages, rows[state].message_count) == (None, None, 2)
    for state in ("pending", "held"):  # still to be delivered
        assert rows[state].recipient == "Uvillager" and len(rows[state].messages) == 2
    assert events[EventState.FAILED.value].payload == {"type": "message"}
    assert events[EventState.FAILED.value].error == "IntegrityError"
    assert events[EventState.PENDING.value].payload["message"]["text"] == "ถนนพัง"  # not processed yet
