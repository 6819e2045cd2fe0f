"""The sender: one claim a round, one UPDATE a message, its threads kept between rounds, empty polls only read."""

from __future__ import annotations

import threading

from sqlalchemy import select

from bot.inbox.worker import Worker
from bot.outbox.queue import queue_push
from bot.outbox.sender import THREAD_PREFIX, Sender
from bot.richmenu import links
from bot.villager import media
from storage.db import transaction
from storage.models import OutboundMessage, OutboxState, Purpose
from tests.harness import Bot, kinds, statements_run, wait_for


def _queue(bot: Bot, chats: list[str], per_chat: int, purpose: Purpose = Purpose.SUMMARY) -> None:
    """`per_chat` pushes to each chat, the chats' rows interleaved in the outbox."""
    with transaction(bot.runtime.sessions) as session:
        for number in range(1, per_chat + 1):
            for chat in chats:
                queue_push(session, recipient=chat, messages=[{"type": "text", "text": f"ข่าวที่ {number}"}],
                           purpose=purpose, now=bot.runtime.now())


def _texts(bot: Bot, chat: str) -> list[str]:
    return [delivered.message["text"] for delivered in bot.line.inbox(chat)]


def _outbox_threads() -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if thread.name.startswith(THREAD_PREFIX)}



def test_a_round_sends_to_several_chats_each_in_its_own_order_with_the_stored_retry_keys(bot: Bot) -> None:
    chats = [bot.line.add_user(f"คนที่ {n}") for n in range(3)]
    _queue(bot, chats, per_chat=3)

    with Sender(bot.runtime) as outbox:
        assert outbox.send_due() == 9
        assert outbox.send_due() == 0

    assert all(_texts(bot, chat) == ["ข่าวที่ 1", "ข่าวที่ 2", "ข่าวที่ 3"] for chat in chats)
    with bot.session() as session:
        rows = session.scalars(select(OutboundMessage)).all()
    assert {row.state for row in rows} == {OutboxState.SENT}
    pushed_keys = [call.headers.get("X-Line-Retry-Key") for call in bot.line.calls_to("/v2/bot/message/push")]
    assert sorted(pushed_keys) == sorted(row.retry_key for row in rows)


def test_the_sender_keeps_its_threads_from_round_to_round_until_it_is_closed(bot: Bot) -> None:
    chats = [bot.line.add_user(f"คนที่ {n}") for n in range(3)]
    with Sender(bot.runtime) as outbox:
        _queue(bot, chats, per_chat=1)
        assert outbox.send_due() == 3
        first_round = _outbox_threads()
        for _ in range(3):
            _queue(bot, chats, per_chat=1)
            assert outbox.send_due() == 3
        assert first_round and first_round <= _outbox_threads()  # the same threads, still serving
    for thread in first_round:
        thread.join(5)
    assert not any(thread.is_alive() for thread in first_round)
    assert all(len(_texts(bot, chat)) == 4 for chat in chats)


def test_a_round_claims_with_one_statement_and_records_each_message_with_one_update(bot: Bot) -> None:
    chat = bot.line.add_user("ป้าศรี")
    _queue(bot, [chat], per_chat=4)
    with Sender(bot.runtime) as outbox, statements_run(bot) as statements:
        assert outbox.send_due() == 4
    # Looking (held? due?), then the claim, then one UPDATE per message, each in its own transaction.
    assert kinds(statements) == ["SELECT", "SELECT", "UPDATE"] + ["UPDATE"] * 4
    assert len(_texts(bot, chat)) == 4


def test_an_empty_poll_of_every_queue_only_reads(bot: Bot) -> None:
    with Sender(bot.runtime) as outbox, statements_run(bot) as statements:
        assert outbox.send_due() == 0
        assert media.fetch_pending(bot.runtime) == 0
        assert links.apply_due(bot.runtime) == 0
    assert set(kinds(statements)) == {"SELECT"}
    # On SQLite a transaction that may write begins IMMEDIATE, taking the lock the webhook waits for.
    assert not [statement for statement in statements if statement.startswith("BEGIN IMMEDIATE")]


def test_held_notifications_go_out_in_the_first_round_the_quota_has_room_again(bot: Bot) -> None:
    villager = bot.line.add_user("ลุงคำ")
    bot.line.quota_limit, bot.line.consumption = 300, 280  # 20 left: under the reserve kept for replies
    bot.runtime.forget_quota()
    _queue(bot, [villager], per_chat=1, purpose=Purpose.NOTIFY)
    with Sender(bot.runtime) as outbox:
        assert outbox.send_due() == 1
        assert outbox.send_due() == 0  # held, not due
        with bot.session() as session:
            assert session.scalars(select(OutboundMessage.state)).one() == OutboxState.HELD

        bot.line.consumption = 0  # a new month
        bot.runtime.forget_quota()
        assert outbox.send_due() == 1
    assert _texts(bot, villager) == ["ข่าวที่ 1"]
    with bot.session() as session:
        assert session.scalars(select(OutboundMessage.state)).one() == OutboxState.SENT


def test_stopping_the_worker_ends_its_sending_threads(bot: Bot) -> None:
    chats = [bot.line.add_user(f"คนที่ {n}") for n in range(3)]
    worker = Worker(bot.runtime)
    worker.start()
    try:
        _queue(bot, chats, per_chat=2)
        worker.wake()
        assert wait_for(lambda: all(len(_texts(bot, chat)) == 2 for chat in chats), 15)
        running = _outbox_threads()
        assert running  # three chats at once: sent side by side
    finally:
        worker.stop()
    for thread in running:
        thread.join(5)
    assert not any(thread.is_alive() for thread in running)
