"""Group commit: webhooks arriving together are stored in one statement and one commit."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import event, func, select

from storage.combining import Combiner
from storage.models import InboundEvent
from tests.harness import Bot


def test_callers_arriving_while_a_batch_is_written_go_together_in_the_next_each_with_its_own_result() -> None:
    first_in, let_go, batches = threading.Event(), threading.Event(), []

    def write(batch: list[Sequence[int]]) -> list[int]:
        batches.append([list(items) for items in batch])
        if len(batches) == 1:
            first_in.set()
            assert let_go.wait(10)
        return [sum(items) for items in batch]

    combine: Combiner[int] = Combiner(write)
    with ThreadPoolExecutor(max_workers=4) as pool:
        alone = pool.submit(combine, [1])
        assert first_in.wait(10)  # the first caller is writing its batch ...
        later = [pool.submit(combine, [n, n]) for n in (2, 3, 4)]
        while sum(len(t.items) for t in combine._waiting) < 3 * 2:  # ... while three more arrive
            threading.Event().wait(0.01)
        let_go.set()
        assert alone.result(10) == 1 and [f.result(10) for f in later] == [4, 6, 8]
    assert batches == [[[1]], [[2, 2], [3, 3], [4, 4]]]


def test_a_failed_batch_fails_each_of_its_callers_and_the_next_batch_is_written() -> None:
    calls = []

    def write(batch: list[Sequence[str]]) -> list[int]:
        calls.append(batch)
        if len(calls) == 1:
            raise ConnectionError("database away")
        return [len(items) for items in batch]

    combine: Combiner[str] = Combiner(write)
    with pytest.raises(ConnectionError):
        combine(["a"])
    assert combine(["b", "c"]) == 2


def test_many_webhooks_at_once_are_each_stored_once_in_no_more_statements_than_webhooks(bot: Bot) -> None:
    villagers = [bot.line.add_user(f"ชาวบ้าน {n}") for n in range(40)]
    inserts = []
    event.listen(bot.runtime.engine, "before_cursor_execute",
                 lambda _c, _cu, statement, *_: inserts.append(1) if statement.startswith("INSERT INTO inbound_event")
                 else None)
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda v: bot.line.send_text(v, "ถนนชำรุดครับ").status_code, villagers))
    assert answers == [200] * len(villagers)
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(InboundEvent)) == len(villagers)
    assert 1 <= len(inserts) <= len(villagers)
