"""A villager's request costs the worker a known number of SQL statements and ORM flushes.

Under a burst the worker's time went on statements and flushes (issue 13), not on the database or
the NLP; these ceilings are where that work left them, so a change that adds one fails here first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event

from bot.inbox.worker import process_pending
from tests.harness import Bot

REQUEST = "ขอซ่อมถนนหมู่ {n} ตำบลนาแก้ว อำเภอเกาะคา ถนนเป็นหลุมเป็นบ่อ"
# Claiming the batch (due events, their lease, held notifications: once for up to 20 events), then the
# event: its done mark, the citizen, the reference number, the request, the conversation, the reply.
CEILING = 9
FLUSHES = 2  # the request (its id goes into the reply's buttons), then the commit


@dataclass
class Counted:
    statements: list[str] = field(default_factory=list)
    flushes: int = 0


@contextmanager
def counting(bot: Bot) -> Iterator[Counted]:
    """The statements sent to the database (transaction control left out: SQLite's BEGIN IMMEDIATE
    is a statement, PostgreSQL's BEGIN is not) and the ORM flushes that wrote something."""
    counted = Counted()
    # Only this thread's: the processing runs here, while the test server's threads and the web's
    # announcer (its NOTIFY after a webhook, PostgreSQL) go on beside it and are not the event's cost.
    processing = threading.get_ident()

    def statement(_conn, _cursor, sql: str, *_args) -> None:  # noqa: ANN001
        if threading.get_ident() != processing:
            return
        if not sql.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            counted.statements.append(" ".join(sql.split())[:90])

    def flushed(*_args) -> None:  # noqa: ANN002
        counted.flushes += 1

    event.listen(bot.runtime.engine, "before_cursor_execute", statement)
    event.listen(bot.runtime.sessions, "after_flush", flushed)
    try:
        yield counted
    finally:
        event.remove(bot.runtime.engine, "before_cursor_execute", statement)
        event.remove(bot.runtime.sessions, "after_flush", flushed)


def _process_one(bot: Bot, villager: str, text: str) -> Counted:
    assert bot.line.send_text(villager, text).status_code == 200
    with counting(bot) as counted:
        assert process_pending(bot.runtime) == 1
    return counted


def test_a_new_villagers_request_costs_at_most_nine_statements_and_two_flushes(bot: Bot, villager: str) -> None:
    counted = _process_one(bot, villager, REQUEST.format(n=4))

    assert len(counted.statements) <= CEILING, "\n".join(counted.statements)
    assert counted.flushes <= FLUSHES
    assert bot.drain() == 0 and "LP-" in bot.answers(villager)[0][0]  # and it was answered


def test_a_returning_villagers_request_costs_no_more(bot: Bot, villager: str) -> None:
    _process_one(bot, villager, REQUEST.format(n=4))
    bot.drain()

    counted = _process_one(bot, villager, REQUEST.format(n=5))

    assert len(counted.statements) <= CEILING, "\n".join(counted.statements)
    assert counted.flushes <= FLUSHES
    bot.drain()
    assert len(bot.answers(villager)) == 2


def test_a_request_after_a_photo_adopts_it_at_the_cost_of_one_statement(bot: Bot, villager: str) -> None:
    bot.line.send_image(villager)
    bot.drain()

    counted = _process_one(bot, villager, REQUEST.format(n=4))

    assert len(counted.statements) <= CEILING + 2, "\n".join(counted.statements)  # the adoption, the note's update
    assert sum("attachment" in sql for sql in counted.statements) == 1
