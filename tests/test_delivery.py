"""Nothing is lost between LINE and the villager: crashes, expired reply tokens and flaky pushes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, event, func, select

from bot.inbox.worker import LEASE, drain
from bot.outbox import sender
from linesim import Platform
from storage import work
from storage.db import transaction
from storage.models import EventState, InboundEvent, OutboundMessage, OutboxState, Request
from tests.harness import Bot, make_app, serve


def _outbox(bot: Bot) -> list[OutboundMessage]:
    with bot.session() as session:
        return list(session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)))


def test_events_acknowledged_before_a_crash_are_processed_after_a_restart(
        database_url: str, line_platform: Platform, tmp_path: Path) -> None:
    villager = line_platform.add_user("ลุงคำ")
    first_life = make_app(database_url, line_platform, tmp_path / "a")
    with serve(first_life) as url:
        line_platform.webhook_url = f"{url}/callback"
        assert line_platform.send_text(villager, "ขอซ่อมฝายบ้านหลวงครับ").status_code == 200
    first_life.extensions["lampang"].engine.dispose()  # the process dies before its worker ran

    second_life = make_app(database_url, line_platform, tmp_path / "b")
    runtime = second_life.extensions["lampang"]
    assert drain(runtime) == 1
    with runtime.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Request)) == 1
    assert len({d.request_id for d in line_platform.inbox(villager)}) == 1
    runtime.engine.dispose()


def test_an_event_claimed_by_a_worker_that_died_is_retaken_when_its_lease_expires(bot: Bot, villager: str) -> None:
    bot.line.send_text(villager, "ไฟฟ้าตกบ่อยมาก")
    with transaction(bot.runtime.sessions) as session:  # a worker claims it, then vanishes
        assert len(work.claim_due(session, InboundEvent, pending=EventState.PENDING, now=bot.runtime.now(),
                                  lease=LEASE, limit=10)) == 1

    assert bot.drain() == 0  # still leased to the dead worker
    bot.travel(LEASE + timedelta(seconds=1))
    bot.line.reply_token_ttl = 10_000  # keep this test about the lease, not the reply token
    assert bot.drain() == 1
    with bot.session() as session:
        assert session.scalars(select(InboundEvent)).one().state == EventState.DONE
    assert len(bot.answers(villager)) == 1


def test_an_expired_reply_token_falls_back_to_a_push_with_a_stored_retry_key(bot: Bot, villager: str) -> None:
    bot.line.send_text(villager, "ขอถังขยะให้หมู่บ้านค่ะ")
    bot.travel(timedelta(seconds=70))
    bot.drain()

    delivered = bot.line.inbox(villager)[0]
    [row] = _outbox(bot)
    assert {d.via for d in bot.line.inbox(villager)} == {"push"}
    assert row.state == OutboxState.SENT and row.sent_via == "push"
    assert delivered.retry_key == row.retry_key
    assert bot.line.calls_to("/v2/bot/message/reply") == []


def test_a_reply_token_rejected_by_line_falls_back_to_a_push(bot: Bot, villager: str) -> None:
    bot.line.reply_token_ttl = 0  # LINE already considers the token expired; the bot does not know yet
    bot.line.send_text(villager, "ถนนลูกรังเป็นหลุมเป็นบ่อ")
    bot.drain()

    assert {d.via for d in bot.line.inbox(villager)} == {"push"}
    assert [call.status for call in bot.line.calls_to("/v2/bot/message/reply")] == [400]


def test_a_push_that_fails_with_500_is_retried_with_the_same_key_and_delivered_once(
        bot: Bot, villager: str) -> None:
    bot.line.send_text(villager, "ขอไฟส่องสว่างทางเข้าหมู่บ้าน")
    bot.travel(timedelta(seconds=70))
    bot.line.faults.add(endpoint="push", status=500, times=1)
    bot.drain()
    [row] = _outbox(bot)
    assert row.state == OutboxState.PENDING and row.next_attempt_at is not None

    bot.travel(timedelta(minutes=1))
    bot.drain()
    pushes = bot.line.calls_to("/v2/bot/message/push")
    assert [call.status for call in pushes] == [500, 200]
    assert len({call.headers.get("X-Line-Retry-Key") for call in pushes}) == 1
    assert len(bot.answers(villager)) == 1


def test_a_push_accepted_but_cut_off_is_retried_and_line_answers_409_without_a_second_delivery(
        bot: Bot, villager: str) -> None:
    bot.line.send_text(villager, "รถพยาบาลฉุกเฉินมาช้ามาก")
    bot.travel(timedelta(seconds=70))
    bot.line.faults.add(endpoint="push", drop_after_accept=True, times=1)
    bot.drain()
    bot.travel(timedelta(minutes=1))
    bot.drain()

    [row] = _outbox(bot)
    assert row.state == OutboxState.SENT
    assert [call.status for call in bot.line.calls_to("/v2/bot/message/push")][-1] == 409
    assert len(bot.answers(villager)) == 1


@contextmanager
def database_away_for_recording_sends(engine: Engine, times: int) -> Iterator[list[str]]:
    """The database fails (as a connection lost to a restart does) the next `times` statements that
    record a message as sent; yields the statements it failed."""
    failed: list[str] = []
    lost = engine.dialect.loaded_dbapi.OperationalError

    def fail(_connection, _cursor, statement: str, *_args: object) -> None:  # noqa: ANN001 - DBAPI objects
        if statement.startswith("UPDATE outbound_message") and "sent_via" in statement and len(failed) < times:
            failed.append(statement)
            raise lost("server closed the connection unexpectedly")

    event.listen(engine, "before_cursor_execute", fail)
    try:
        yield failed
    finally:
        event.remove(engine, "before_cursor_execute", fail)


def test_a_reply_delivered_while_the_database_is_away_is_recorded_when_it_is_back_and_never_sent_again(
        bot: Bot, villager: str) -> None:
    bot.line.send_text(villager, "ขอซ่อมถนนหมู่ 3 ตำบลนาแก้ว อำเภอเกาะคา")
    with database_away_for_recording_sends(bot.runtime.engine, times=2) as failed:
        bot.drain()
    assert len(failed) == 2  # LINE had the reply; recording it failed twice, then held

    bot.travel(sender.LEASE + timedelta(seconds=1))  # were the row still leased, it would be pushed now
    bot.drain()
    [row] = _outbox(bot)
    assert row.state == OutboxState.SENT and row.sent_via == "reply"
    assert [d.via for d in bot.line.inbox(villager)] == ["reply"] * len(bot.line.inbox(villager))
    assert len(bot.answers(villager)) == 1
    assert bot.line.calls_to("/v2/bot/message/push") == []


def test_two_workers_draining_at_once_process_each_event_exactly_once(bot: Bot) -> None:
    villagers = [bot.line.add_user(f"คนที่ {n}") for n in range(8)]
    bot.line.deliver([bot.line.event_text(v, f"ขอซ่อมถนนซอย {n}") for n, v in enumerate(villagers)])
    workers = [threading.Thread(target=drain, args=(bot.runtime,)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)

    with bot.session() as session:
        refs = session.scalars(select(Request.ref)).all()
    assert len(refs) == len(set(refs)) == 8
    assert all(len(bot.answers(v)) == 1 for v in villagers)
