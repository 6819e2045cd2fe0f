"""The worker: drains the durable inbox off the request path, then the outbox.

Each claimed event is processed in one transaction together with everything it causes (requests,
audit rows, outbound messages) and its own `done` mark, so a crash at any point either leaves the
event pending (retaken when its lease expires) or fully processed — never half.
"""

from __future__ import annotations

import logging
import threading
import traceback
from datetime import timedelta

import nlp
from bot import duplicates
from bot.inbox.dispatch import apologise, dispatch
from bot.line.events import to_incoming
from bot.outbox import sender
from bot.runtime import Runtime
from bot.villager import media
from storage import erasure, work
from storage.db import transaction
from storage.models import EventState, InboundEvent

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=120)
MAX_ATTEMPTS = 5
RETRY_BASE, RETRY_CAP = timedelta(seconds=5), timedelta(minutes=5)
BATCH = 20


def drain(runtime: Runtime, max_rounds: int = 100) -> int:
    """Process every pending event and send every due message; returns events processed."""
    processed = 0
    for _ in range(max_rounds):
        claimed = process_pending(runtime)
        sent = sender.send_due(runtime)
        fetched = media.fetch_pending(runtime)
        processed += claimed
        if not claimed and not sent and not fetched:
            break
    return processed


def process_pending(runtime: Runtime, limit: int = BATCH) -> int:
    with transaction(runtime.sessions) as session:
        ids = work.claim_due(session, InboundEvent, pending=EventState.PENDING, now=runtime.now(), lease=LEASE,
                             limit=limit)
    for event_id in ids:
        process_event(runtime, event_id)
    return len(ids)


def process_event(runtime: Runtime, row_id: int) -> None:
    try:
        with transaction(runtime.sessions) as session:
            row = session.get(InboundEvent, row_id)
            if row is None or row.state != EventState.PENDING:
                return
            incoming = to_incoming(row.payload)
            dispatch(runtime, session, incoming, received_at=row.received_at)
            row.state, row.processed_at, row.lease_until, row.error = EventState.DONE, runtime.now(), None, None
            erasure.blank_event(row)  # the raw event holds personal data; it has served
    except Exception as error:  # one bad event must not stop the queue; it is retried, then parked
        # The type and where, never the message: a database error's message can quote the SQL.
        log.error("event %d failed: %s\n%s", row_id, erasure.error_type(error), _where(error))
        _record_failure(runtime, row_id, error)


def _record_failure(runtime: Runtime, row_id: int, error: Exception) -> None:
    with transaction(runtime.sessions) as session:
        row = session.get(InboundEvent, row_id)
        if row is None:
            return
        row.error = erasure.error_type(error)
        row.lease_until = runtime.now() + work.backoff(row.attempts, base=RETRY_BASE, cap=RETRY_CAP)
        if row.attempts >= MAX_ATTEMPTS:
            row.state = EventState.FAILED
            # The villager still hears back, in Thai, when their message could not be handled.
            apologise(runtime, session, to_incoming(row.payload), received_at=row.received_at)
            # Given up: nobody will read the raw event again, and it holds the person's id and words.
            erasure.blank_event(row)


def _where(error: BaseException) -> str:
    """The traceback's frames (files, lines, functions) without the exception's message."""
    return "".join(traceback.format_tb(error.__traceback__)).rstrip()


class Worker:
    """A background thread in the web process; `flask worker` runs the same loop on its own."""

    def __init__(self, runtime: Runtime, interval: float = 1.0) -> None:
        self._runtime = runtime
        self._interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self.run, name="lampang-worker", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def run(self) -> None:
        # Load the language models before the first event, not inside its database transaction.
        nlp.load()
        duplicates.load()
        while not self._stop.is_set():
            try:
                drain(self._runtime)
            except Exception as error:  # keep the loop alive through a database blip
                log.error("worker round failed: %s\n%s", erasure.error_type(error), _where(error))
            self._wake.wait(self._interval)
            self._wake.clear()
