"""The three work queues share one claim and one backoff: leases, due times and jitter."""

from __future__ import annotations

from datetime import timedelta

from bot.inbox.worker import RETRY_BASE, RETRY_CAP
from storage import work
from storage.db import transaction
from storage.models import Attachment
from tests.harness import Bot

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
