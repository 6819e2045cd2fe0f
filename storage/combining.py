"""Group commit: the writes of requests arriving together go to the database as one.

Under a burst every webhook's insert is its own transaction: on SQLite each takes the one write
lock in turn, on PostgreSQL each waits for its own commit. A `Combiner` lets the first caller lead:
it writes what every caller waiting meanwhile brought, in one call of `write_batch`, and each caller
returns its own share of the result once that commit is done (the durability each of them
promises LINE). Alone, a caller writes at once; nobody waits for a batch to fill.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item")


class _Ticket(Generic[Item]):
    def __init__(self, items: Sequence[Item]) -> None:
        self.items = items
        self.turn = threading.Event()  # set when finished, or when this caller is to lead the next batch
        self.finished = False
        self.result = 0
        self.error: BaseException | None = None

    def finish(self, result: int = 0, error: BaseException | None = None) -> None:
        self.result, self.error, self.finished = result, error, True
        self.turn.set()

    def outcome(self) -> int:
        if self.error is not None:
            raise self.error
        return self.result


class Combiner(Generic[Item]):
    """Calls `write_batch(list of each caller's items)`, which returns one result per caller, for
    callers arriving while a batch is being written; at most one batch is written at a time."""

    def __init__(self, write_batch: Callable[[list[Sequence[Item]]], list[int]]) -> None:
        self._write_batch = write_batch
        self._lock = threading.Lock()
        self._waiting: list[_Ticket[Item]] = []
        self._busy = False

    def __call__(self, items: Sequence[Item]) -> int:
        ticket: _Ticket[Item] = _Ticket(items)
        with self._lock:
            self._waiting.append(ticket)
            leads = not self._busy
            self._busy = True
        if not leads:
            ticket.turn.wait()
            if ticket.finished:  # written in someone else's batch
                return ticket.outcome()
        self._lead()
        return ticket.outcome()

    def _lead(self) -> None:
        with self._lock:
            batch, self._waiting = self._waiting, []
        try:
            results = self._write_batch([ticket.items for ticket in batch])
        except BaseException as error:  # every caller of the batch answers with the failure
            for ticket in batch:
                ticket.finish(error=error)
        else:
            for ticket, result in zip(batch, results, strict=True):
                ticket.finish(result)
        with self._lock:
            if self._waiting:
                self._waiting[0].turn.set()  # the next to arrive leads the next batch
            else:
                self._busy = False
