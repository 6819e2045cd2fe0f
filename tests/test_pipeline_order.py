"""One villager's events run one at a time in the order LINE sent them, however many consumers drain
the inbox; a lease that expired never lets an event run twice; a send is never delivered twice."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select, update

from bot.inbox.worker import LEASE, drain, process_event
from bot.outbox import queue, sender
from storage import inbound
from storage.db import transaction
from storage.models import Attachment, EventState, InboundEvent, OutboundMessage, OutboxState, Purpose, Request
from tests.harness import Bot

CONSUMERS = 4
LAMPANG = (18.2888, 99.4908)  # Mueang Lampang


def _consume_at_once(bot: Bot, consumers: int = CONSUMERS) -> None:
    start = threading.Barrier(consumers)

    def consume() -> None:
        start.wait()
        drain(bot.runtime)

    threads = [threading.Thread(target=consume) for _ in range(consumers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    bot.drain()  # whatever a consumer left for a later round


def _claim(bot: Bot, limit: int = 20) -> list[inbound.Claimed]:
    with transaction(bot.runtime.sessions) as session:
        return inbound.claim_next_of_each_chat(session, now=bot.runtime.now(), lease=LEASE, limit=limit)


def test_rapid_text_photo_location_and_postback_of_each_villager_run_in_order_under_several_consumers(
        bot: Bot) -> None:
    villagers = [bot.line.add_user(f"ชาวบ้าน {n}") for n in range(12)]
    sent: dict[str, list[str]] = {v: [] for v in villagers}
    rounds = [
        lambda v, n: bot.line.event_text(v, f"ขอซ่อมถนนลูกรังหมู่ {n} อ.เมืองลำปาง ครับ"),
        lambda v, n: bot.line.event_image(v),
        lambda v, n: bot.line.event_location(v, *LAMPANG),
        lambda v, n: bot.line.event_postback(v, "not-a-signed-payload"),
    ]
    for make in rounds:  # each event its own webhook, the villagers' events interleaved, as in a burst
        for n, villager in enumerate(villagers):
            event = make(villager, n)
            sent[villager].append(event["webhookEventId"])
            assert bot.line.deliver([event])[0].status_code == 200

    _consume_at_once(bot)

    with bot.session() as session:
        events = {e.webhook_event_id: e for e in session.scalars(select(InboundEvent))}
        assert {e.state for e in events.values()} == {EventState.DONE}
        for villager in villagers:
            finished = [events[i].processed_at for i in sent[villager]]
            assert finished == sorted(finished), "a villager's events ran out of the order they were sent"
        requests = list(session.scalars(select(Request)))
        assert len(requests) == len(villagers)  # the photo and the location joined each one's request
        assert all(r.lat is not None for r in requests)
        photos = list(session.scalars(select(Attachment)))
        assert len(photos) == len(villagers) and all(p.request_id is not None for p in photos)


def test_a_chats_next_event_waits_until_the_one_before_it_is_finished_while_other_chats_go_ahead(
        bot: Bot) -> None:
    first, second = bot.line.add_user("ลุงคำ"), bot.line.add_user("ป้าแก้ว")
    bot.line.deliver([bot.line.event_text(first, "ขอซ่อมถนน"), bot.line.event_text(first, "ที่บ้านหลวง"),
                      bot.line.event_text(second, "ไฟทางดับ")])
    with bot.session() as session:
        ids = list(session.scalars(select(InboundEvent.id).order_by(InboundEvent.id)))

    claimed = _claim(bot)
    assert [c.id for c in claimed] == [ids[0], ids[2]]  # one event of each chat
    assert _claim(bot) == []  # the first chat's second event waits, though nobody holds it
    process_event(bot.runtime, claimed[0])
    assert [c.id for c in _claim(bot)] == [ids[1]]


def test_an_older_event_redelivered_late_does_not_run_beside_the_one_in_hand(bot: Bot, villager: str) -> None:
    later = bot.line.event_text(villager, "ที่บ้านหลวงครับ")
    earlier = dict(bot.line.event_text(villager, "ขอซ่อมถนน"), timestamp=later["timestamp"] - 5_000)
    bot.line.deliver([later])
    [in_hand] = _claim(bot)
    bot.line.deliver([earlier])  # LINE's redelivery of an event sent before the one being processed
    assert _claim(bot) == []
    process_event(bot.runtime, in_hand)
    assert [c.id for c in _claim(bot)] == [in_hand.id + 1]


def test_a_consumer_whose_lease_expired_leaves_the_event_to_the_one_that_took_it_over(
        bot: Bot, villager: str) -> None:
    bot.line.reply_token_ttl = 10_000  # this test is about the lease, not the reply token
    bot.line.send_text(villager, "ขอซ่อมฝายบ้านหลวงครับ")
    [stale] = _claim(bot)
    bot.travel(LEASE + timedelta(seconds=1))  # the first consumer stalls past its lease
    [fresh] = _claim(bot)
    assert (fresh.id, fresh.attempt) == (stale.id, stale.attempt + 1)

    process_event(bot.runtime, stale)  # the stalled consumer comes back first
    with bot.session() as session:
        assert session.get(InboundEvent, stale.id).state == EventState.PENDING  # it did nothing
    process_event(bot.runtime, fresh)
    process_event(bot.runtime, stale)  # and again, after the owner finished
    bot.drain()

    with bot.session() as session:
        assert session.get(InboundEvent, stale.id).state == EventState.DONE
        assert len(session.scalars(select(Request)).all()) == 1
    assert len(bot.answers(villager)) == 1


def test_two_consumers_holding_the_same_event_at_once_process_it_once(bot: Bot, villager: str) -> None:
    bot.line.reply_token_ttl = 10_000
    bot.line.send_text(villager, "ช่วยเหลือ")  # a reply only: no unique request row to catch a second run
    [stale] = _claim(bot)
    bot.travel(LEASE + timedelta(seconds=1))
    [fresh] = _claim(bot)
    start = threading.Barrier(2)

    def run(claim: inbound.Claimed) -> None:
        start.wait()
        process_event(bot.runtime, claim)

    threads = [threading.Thread(target=run, args=(claim,)) for claim in (stale, fresh)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    bot.drain()

    with bot.session() as session:
        assert len(session.scalars(select(OutboundMessage)).all()) == 1
    assert len(bot.answers(villager)) == 1


def test_a_crash_between_sending_a_push_and_recording_it_delivers_once(bot: Bot, villager: str) -> None:
    bot.line.send_text(villager, "ขอไฟส่องสว่างทางเข้าหมู่บ้าน")
    bot.travel(timedelta(seconds=70))  # the reply token has expired: the answer goes as a push
    drain_inbox_only = _claim(bot)
    for claim in drain_inbox_only:
        process_event(bot.runtime, claim)
    [row] = sender._claim(bot.runtime, 20)
    sender._deliver(bot.runtime, row, bot.runtime.now())  # LINE has it; the process dies before recording

    bot.travel(sender.LEASE + timedelta(seconds=1))
    bot.drain()

    pushes = bot.line.calls_to("/v2/bot/message/push")
    assert [call.status for call in pushes] == [200, 409]  # the retry key made the second a no-op
    assert len({call.headers.get("X-Line-Retry-Key") for call in pushes}) == 1
    assert len(bot.answers(villager)) == 1  # one call's messages, delivered once
    with bot.session() as session:
        assert session.get(OutboundMessage, row.id).state == OutboxState.SENT


def test_a_malformed_stored_message_fails_for_good_once_instead_of_being_retried_every_minute(
        bot: Bot, villager: str) -> None:
    with transaction(bot.runtime.sessions) as session:
        row = queue.queue_push(session, recipient=villager, messages=[{"type": "no-such-type", "x": 1}],
                               purpose=Purpose.NOTIFY, now=bot.runtime.now())
    bot.drain()
    bot.travel(timedelta(minutes=5))
    bot.drain()

    with bot.session() as session:
        stored = session.get(OutboundMessage, row.id)
        assert stored.state == OutboxState.FAILED and stored.error.startswith("unsendable")
        assert stored.attempts == 1
        assert (stored.recipient, stored.messages) == (None, None)
    assert bot.line.calls_to("/v2/bot/message/push") == []


def test_events_a_failed_batch_left_claimed_are_handed_back_unless_finished_or_taken_over(bot: Bot) -> None:
    villagers = [bot.line.add_user(f"ชาวบ้าน {n}") for n in range(3)]
    for villager in villagers:
        bot.line.send_text(villager, "ขอซ่อมถนนครับ")
    finished, taken_over, left = _claim(bot)  # then the database went away mid-batch, say
    process_event(bot.runtime, finished)
    with transaction(bot.runtime.sessions) as session:  # another consumer's claim after this one's lease
        session.execute(update(InboundEvent).where(InboundEvent.id == taken_over.id)
                        .values(attempts=InboundEvent.attempts + 1))
    with transaction(bot.runtime.sessions) as session:
        assert inbound.release(session, [finished, taken_over, left]) == 1
    [again] = _claim(bot)  # due at once, not when the lease runs out
    assert (again.id, again.attempt) == (left.id, left.attempt + 1)
