"""The worker: drains the durable inbox off the request path, then the outbox (and media, staff menus).

Each claimed event is processed in one transaction together with everything it causes (requests,
audit rows, outbound messages) and its own `done` mark, so a crash at any point either leaves the
event pending (retaken when its lease expires) or fully processed — never half.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import traceback
from collections.abc import Callable
from datetime import timedelta

import nlp
from bot import duplicates
from bot.inbox.dispatch import apologise, dispatch
from bot.line import events as line_events
from bot.line import messenger as line_messenger
from bot.line.events import Incoming, to_incoming
from bot.outbox import queue, sender
from bot.richmenu import links
from bot.runtime import Runtime
from bot.villager import chat, media
from storage import erasure, inbound, work
from storage.db import transaction
from storage.models import EventState

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=120)
MAX_ATTEMPTS = 5
RETRY_BASE, RETRY_CAP = timedelta(seconds=5), timedelta(minutes=5)
BATCH = 20
# How often the loop looks for work nobody announced (retries falling due, expired leases), seconds.
LISTENING_POLL = 2.0  # PostgreSQL: new work is announced (LISTEN/NOTIFY)
SQLITE_POLL = 0.25  # SQLite: polling is the only signal between processes
ROUND_RETRY_BASE, ROUND_RETRY_CAP = timedelta(seconds=1), timedelta(seconds=30)
# Threads processing events side by side in one Worker. On PostgreSQL an event's time is mostly
# spent waiting on database round trips (the GIL is free meanwhile) and claims skip each other's
# rows, so threads overlap their waits; the per-chat claim keeps each villager's events in order
# however many there are. With the sending in a process of its own (bot/inbox/sending_process.py)
# and nothing else serialising them (storage/request_store.next_sequence), 4 answered a burst as
# fast as 8 did, and 8 pushed the webhooks' p99 under sustained load from about 130 to 290 ms.
# SQLite serialises writers: a second thread would only queue.
PROCESSORS = {"postgresql": 4, "sqlite": 1}


def drain(runtime: Runtime, max_rounds: int = 100) -> int:
    """Process every pending event and send every due message; returns events processed."""
    processed = 0
    with sender.Sender(runtime) as outbox:
        for _ in range(max_rounds):
            claimed = process_pending(runtime)
            sent = outbox.send_due()
            fetched = media.fetch_pending(runtime)
            linked = links.apply_due(runtime)
            processed += claimed
            if not claimed and not sent and not fetched and not linked:
                break
    return processed


def process_pending(runtime: Runtime, limit: int = BATCH, *,
                    unfinished: list[inbound.Claimed] | None = None) -> int:
    """Claim a batch of events and process each; returns how many were claimed.

    When the database goes away mid-batch (even an event's failure cannot be recorded), the error
    goes up and the batch's unprocessed claims are added to `unfinished`, for the caller to hand back
    (`inbound.release`) once it is back: left to their lease, they would wait two minutes.
    """
    with transaction(runtime.sessions) as session:
        claimed = inbound.claim_next_of_each_chat(session, now=runtime.now(), lease=LEASE, limit=limit)
        chats = {claim.id: inbound.chat_of(claim.payload) for claim in claimed}
        holding = queue.holding_notifications(session, {chat for chat in chats.values() if chat})
    for position, claim in enumerate(claimed):
        try:
            process_event(runtime, claim, may_carry_held=chats[claim.id] in holding)
        except Exception:
            if unfinished is not None:
                unfinished.extend(claimed[position:])
            raise
    return len(claimed)


def process_event(runtime: Runtime, claim: inbound.Claimed, *, may_carry_held: bool = True) -> None:
    """Process one claimed event in one transaction with everything it causes and its done mark.

    `may_carry_held=False`: its chat had no notifications held back when the batch was claimed. One
    held in the moment since waits for the chat's next reply, or for the quota to allow its push.
    """
    try:
        # Understood before the transaction begins: on SQLite its BEGIN IMMEDIATE takes the write
        # lock, and the webhook's inserts must not wait behind the NLP.
        incoming = to_incoming(claim.payload)
        understood = _understand(incoming)
        with transaction(runtime.sessions) as session:
            # Marked done first, under the lease's fence: a consumer whose lease expired meanwhile
            # finds the event finished or re-claimed (a higher attempt count) and leaves it alone.
            if not inbound.finish(session, claim, runtime.now()):
                log.info("event %d: lease lost, left to its new holder", claim.id)
                return
            dispatch(runtime, session, incoming, received_at=claim.received_at, understood=understood,
                     may_carry_held=may_carry_held)
    except Exception as error:  # one bad event must not stop the queue; it is retried, then parked
        # The type and where, never the message: a database error's message can quote the SQL.
        log.error("event %d failed: %s\n%s", claim.id, erasure.error_type(error), _where(error))
        _record_failure(runtime, claim, error)


def _understand(incoming: Incoming | None) -> nlp.Analysis | None:
    """The NLP's reading of a villager's private text; staff commands and other kinds need none."""
    if incoming is None or incoming.kind != "text" or not incoming.is_private or not incoming.text:
        return None
    if incoming.text.lstrip().startswith("/"):
        return None
    return chat.understand(incoming.text)


def _record_failure(runtime: Runtime, claim: inbound.Claimed, error: Exception) -> None:
    with transaction(runtime.sessions) as session:
        row = inbound.take_for_processing(session, claim)
        if row is None:
            return  # finished or taken over by another consumer meanwhile: theirs to record
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


def yield_cpu_to_webhooks(niceness: int) -> None:
    """Lower the calling thread's CPU priority by `niceness` (Linux: per thread; its new threads inherit it).

    On a host short of CPU (a burst, two cores shared with the web processes), the scheduler then
    runs the webhooks first: LINE counts a webhook unanswered after about 2 s as failed, while an
    event in the inbox can wait a moment. Idle CPU is still the worker's: niceness only orders.
    """
    if niceness <= 0 or not hasattr(os, "setpriority"):
        return
    thread = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, thread, min(19, os.getpriority(os.PRIO_PROCESS, thread) + niceness))
    except OSError as error:  # a platform that will not: run at the usual priority
        log.warning("worker: priority unchanged (%s)", error)


class Worker:
    """The inbox/outbox loop: a thread in each web process (started by the gunicorn hooks in
    gunicorn.conf.py, never by a request) or `flask worker` on its own; both are safe together.

    It runs two kinds of loop on threads of their own: processing events (PROCESSORS of them) and
    sending the outbox and fetching media (`drain` does both in turn, for tests and one-off use).
    On PostgreSQL a listener thread wakes the loop when any process stores work (LISTEN/NOTIFY),
    and the loop polls only as a safety net (retries falling due, leases expiring). SQLite has no
    such signal: the loop polls often, each poll a few short transactions.
    """

    def __init__(self, runtime: Runtime, interval: float | None = None, *, sends: bool = True) -> None:
        self._runtime = runtime
        # False when another process sends the outbox (bot/inbox/sending_process.py): this one
        # only processes, and wakes that one through the database after each batch.
        self._sends = sends
        self._listening = work.can_listen(runtime.engine)
        self._interval = interval if interval is not None else (LISTENING_POLL if self._listening else SQLITE_POLL)
        self._wake = threading.Event()
        self._send_wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._listener: threading.Thread | None = None
        self._sender: threading.Thread | None = None
        self._outbox = sender.Sender(runtime)
        self._processors: list[threading.Thread] = []
        self._unfinished: list[inbound.Claimed] = []  # see process_pending
        self._unfinished_lock = threading.Lock()
        self._prepared = threading.Lock()
        self._ready = False

    def prepare(self) -> None:
        """Load the language models now (before the process takes traffic); idempotent."""
        with self._prepared:
            if self._ready:
                return
            started = time.monotonic()
            nlp.load()
            duplicates.load()
            # The SDK's models, which the web path no longer imports: read and send the first
            # event without paying for them.
            line_events.load_models()
            line_messenger.load_sdk()
            self._ready = True
            log.info("worker: language models loaded in %.2f s", time.monotonic() - started)

    def start(self) -> None:
        """Load the models, then start draining in the background: what is pending now runs at once."""
        if self._thread is not None:
            return
        self.prepare()
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, name="lampang-worker", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()
        self._send_wake.set()  # the work announced may be an outgoing message (a staff action)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        self._send_wake.set()
        for thread in (self._thread, self._sender, self._listener, *self._processors):
            if thread is not None:
                thread.join(timeout)
        self._thread = self._listener = self._sender = None
        self._processors = []
        self._outbox.close()  # its threads; a later start makes new ones

    def run(self) -> None:
        # Every thread the loop starts below inherits the lowered priority.
        yield_cpu_to_webhooks(self._runtime.settings.worker_niceness)
        # The models load before the first event, never inside its database transaction.
        self.prepare()
        self._start_listening()
        # Sending and media downloads run on a thread of their own, so the next batch of events is
        # understood and stored while the last one's replies are on the wire (one after the other,
        # a burst spent a third of its time waiting on LINE's answers with nothing processed).
        if self._sender is None and self._sends:
            self._sender = threading.Thread(target=self._loop, name="lampang-send", daemon=True,
                                            args=(self._send_round, self._send_wake))
            self._sender.start()
        if not self._processors:
            for number in range(1, PROCESSORS.get(self._runtime.engine.dialect.name, 1)):
                self._processors.append(threading.Thread(
                    target=self._loop, name=f"lampang-process-{number}", daemon=True,
                    args=(self._process_round, self._wake)))
                self._processors[-1].start()
        self._loop(self._process_round, self._wake)

    def _start_listening(self) -> None:
        if self._listening and self._listener is None:
            self._listener = threading.Thread(target=work.listen, name="lampang-listen", daemon=True,
                                              args=(self._runtime.engine, self.wake, self._stop))
            self._listener.start()

    def _process_round(self) -> bool:
        """One batch of events; True when there may be more at once."""
        self._hand_back_unfinished()
        unfinished: list[inbound.Claimed] = []
        try:
            claimed = process_pending(self._runtime, unfinished=unfinished)
        finally:
            if unfinished:
                with self._unfinished_lock:
                    self._unfinished.extend(unfinished)
        if claimed:  # their replies are in the outbox now
            if self._sends:
                self._send_wake.set()
            else:
                self._runtime.announce()
        return claimed > 0

    def run_sending(self) -> None:
        """Only send the outbox and fetch media, until stopped: the sending process's loop."""
        yield_cpu_to_webhooks(self._runtime.settings.worker_niceness)
        line_messenger.load_sdk()
        self._start_listening()
        self._loop(self._send_round, self._send_wake)

    def _hand_back_unfinished(self) -> None:
        """Events a batch left claimed when the database went away: due again now that it answers."""
        with self._unfinished_lock:
            if not self._unfinished:
                return
            with transaction(self._runtime.sessions) as session:
                released = inbound.release(session, self._unfinished)
            log.info("worker: %d of %d events left by a failed batch handed back", released, len(self._unfinished))
            self._unfinished.clear()

    def _send_round(self) -> bool:
        sent = self._outbox.send_due()
        fetched = media.fetch_pending(self._runtime)
        return sent > 0 or fetched > 0

    def _loop(self, round_: Callable[[], bool], wake: threading.Event) -> None:
        """Run `round_` until it finds nothing, then wait for a wake-up or the poll interval."""
        failures = 0
        while not self._stop.is_set():
            wait = self._interval
            try:
                more = round_()
                failures = 0
                if more:
                    continue
            except Exception as error:  # keep the loop alive through a database blip
                log.error("worker round failed: %s\n%s", erasure.error_type(error), _where(error))
                failures += 1
                # Jittered, so consumers that failed together (the database restarting) return apart.
                wait = work.backoff(failures, base=ROUND_RETRY_BASE, cap=ROUND_RETRY_CAP).total_seconds()
            wake.wait(wait)
            wake.clear()
