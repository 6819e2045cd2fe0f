"""Two staff acting on one request at the same moment: one wins, the other is told the request changed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, select

from bot.inbox.dispatch import dispatch
from bot.line.events import Incoming
from storage.db import transaction
from storage.models import AuditLog, Request, Status
from tests.harness import Bot
from tests.staff.conftest import request

pytestmark = pytest.mark.postgres


@pytest.fixture
def both_writers_meet(bot: Bot) -> Iterator[threading.Barrier]:
    """Hold each UPDATE of a request until both staff have decided, so they truly collide."""
    barrier = threading.Barrier(2, timeout=10)
    waited = threading.local()

    def wait(*_: object) -> None:
        # Only a thread's first UPDATE meets the other: a decision may flush the request twice
        # (autoflush before looking up the forum, then the forum itself).
        if not getattr(waited, "done", False):
            waited.done = True
            barrier.wait()

    event.listen(Request, "before_update", wait)
    yield barrier
    event.remove(Request, "before_update", wait)


def _command(bot: Bot, user_id: str, text: str, number: int) -> None:
    incoming = Incoming(event_id=f"concurrent-{number}", kind="text", occurred_at=datetime.now(UTC),
                        chat_id=user_id, user_id=user_id, text=text)
    with transaction(bot.runtime.sessions) as session:
        dispatch(bot.runtime, session, incoming, received_at=bot.runtime.now())


def test_of_two_simultaneous_decisions_exactly_one_is_kept_and_the_other_staff_is_told(
        bot: Bot, admin: str, triager: str, villager: str, file_request, both_writers_meet) -> None:
    if bot.runtime.engine.dialect.name != "postgresql":
        pytest.skip("needs TEST_DATABASE_URL: SQLite takes one writer at a time")
    ref = file_request(villager)
    threads = [threading.Thread(target=_command, args=(bot, admin, f"/accept {ref}", 1)),
               threading.Thread(target=_command, args=(bot, triager, f"/reject {ref} ไม่ใช่ภารกิจ", 2))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    bot.drain()

    stored = request(bot, ref)
    assert stored.status in {Status.ACCEPTED, Status.REJECTED}
    winner, loser = (admin, triager) if stored.status == Status.ACCEPTED else (triager, admin)
    assert "✅" in bot.line.texts(winner)[0]
    assert "เพิ่งถูกเจ้าหน้าที่อีกท่านแก้ไข" in bot.line.texts(loser)[0]
    with bot.session() as session:
        assert len(session.scalars(select(AuditLog).where(AuditLog.request_id == stored.id)).all()) == 1
    assert len(bot.line.texts(villager)) == 1  # told once, of the decision that was kept
