"""The sender: drains the outbox to LINE, replying while a token is fresh and pushing otherwise.

Rows are claimed in batches under a lease in one short transaction (one statement that also reads
them back), sent with no transaction open (several chats at once), and each outcome recorded right
after its call: the window in which a crash leaves a delivered reply unrecorded (and so pushed
again) stays one call long, and a database that goes away meanwhile is waited for while the lease
lasts. Pushes always carry the row's stored X-Line-Retry-Key, so a retry after a timeout or a crash
can never deliver twice: LINE answers 409 for a key it accepted.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, bindparam, select, update
from sqlalchemy.exc import OperationalError

from bot.line.messenger import SendResult
from bot.runtime import Runtime
from storage import erasure, work
from storage.db import reading, transaction
from storage.models import OutboundMessage, OutboxState, Purpose

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
RETRY_WINDOW = timedelta(hours=23)  # a retry key is honoured for 24 h
RETRY_BASE, MAX_BACKOFF = timedelta(seconds=2), timedelta(minutes=30)
SENDERS = 8  # chats sent to at once; well under LINE's per-channel rate limits for a batch of 20
THREAD_PREFIX = "lampang-outbox"
# What sending a claimed row needs (with its id): read back by the claim itself.
SENDING = ("recipient", "messages", "purpose", "reply_token", "reply_token_expires_at", "retry_key", "attempts",
           "created_at", "lease_until")
Claimed = Row[Any]  # an outbox row leased to this sender: its id and the SENDING columns
OUTBOX = OutboundMessage.__table__
# An outcome's UPDATE, built once (the columns it sets are the parameters given): building and
# keying a fresh statement for every message cost more than running it (profiled), and the ORM's
# bulk update would also search the session for the row to synchronise it, for nothing.
_RECORD = update(OUTBOX).where(OUTBOX.c.id == bindparam("row_id"))
# Recording a delivered message again while the database is away (restarting, failing over).
RECORD_RETRY_BASE, RECORD_RETRY_CAP = timedelta(seconds=0.2), timedelta(seconds=5)


class Sender:
    """Drains the outbox for one consumer: the worker's sending thread, a `drain`, a summary run.

    Chats are sent to side by side (LINE's API answers each call in tens of milliseconds; one at a
    time, a burst waits mostly on the network), each chat's rows one after another in their order.
    The threads that do it live as long as the Sender (started on the first round with several
    chats, ended by `close`): starting them afresh every round cost more than the round's database
    work. One thread at a time calls `send_due`.
    """

    def __init__(self, runtime: Runtime, threads: int = SENDERS) -> None:
        self._runtime = runtime
        self._threads = threads
        self._pool: ThreadPoolExecutor | None = None

    def __enter__(self) -> Sender:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def send_due(self, limit: int = 20) -> int:
        """Send what is due now; returns how many rows were attempted."""
        rows = _claim(self._runtime, limit) if _anything_due(self._runtime) else []
        by_chat: dict[str | None, list[Claimed]] = {}
        for row in rows:
            by_chat.setdefault(row.recipient, []).append(row)
        if len(by_chat) <= 1:
            _send_in_order(self._runtime, rows)
            return len(rows)
        pool = self._started_pool()
        for done in [pool.submit(_send_in_order, self._runtime, chat_rows) for chat_rows in by_chat.values()]:
            done.result()
        return len(rows)

    def close(self) -> None:
        """End the threads; a call in flight still finishes and records its outcome first."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False)

    def _started_pool(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self._threads, thread_name_prefix=THREAD_PREFIX)
        return self._pool


def _anything_due(runtime: Runtime) -> bool:
    """Whether a round has rows to claim, releasing held notifications first if the quota has room.

    A plain read decides: on SQLite claiming takes the write lock the webhook's inserts wait for,
    and most polls find nothing to claim.
    """
    now = runtime.now()
    with reading(runtime.sessions) as session:
        held = session.scalar(select(OUTBOX.c.id).where(OUTBOX.c.state == OutboxState.HELD).limit(1)) is not None
        due = work.any_due(session, OutboundMessage, pending=OutboxState.PENDING, now=now)
    if held and _quota_allows_notification(runtime):
        due = _release_held_notifications(runtime) or due
    return due


def _send_in_order(runtime: Runtime, rows: list[Claimed]) -> None:
    for row in rows:
        _send_one(runtime, row)


def _claim(runtime: Runtime, limit: int) -> list[Claimed]:
    """Lease due rows to this sender, oldest first, in one statement that also reads what sending needs."""
    with transaction(runtime.sessions) as session:
        return work.claim_due_rows(session, OutboundMessage, SENDING, pending=OutboxState.PENDING,
                                   now=runtime.now(), lease=LEASE, limit=limit)


def _send_one(runtime: Runtime, row: Claimed) -> None:
    now = runtime.now()
    if row.purpose == Purpose.NOTIFY and not _quota_allows_notification(runtime):
        _finish(runtime, row.id, state=OutboxState.HELD, error="held: push quota reserve")
        return
    if not row.recipient or not isinstance(row.messages, list) or not row.messages:
        _unsendable(runtime, row, "nothing to send")
        return
    try:
        via, result = _deliver(runtime, row, now)
    except Exception as error:  # the stored messages cannot be made into a request: no retry changes that
        # (network and LINE's answers come back as a SendResult; this is the row itself.)
        _unsendable(runtime, row, erasure.error_type(error))
        return
    _record(runtime, row, via, result, now)


def _unsendable(runtime: Runtime, row: Claimed, why: str) -> None:
    """A malformed row fails for good, at once: left to its lease it would be retried every minute, for ever."""
    _finish(runtime, row.id, state=OutboxState.FAILED, error=f"unsendable: {why}"[:500])
    log.error("outbox %d failed for good: unsendable (%s)", row.id, why)


def _deliver(runtime: Runtime, row: Claimed, now: datetime) -> tuple[str, SendResult]:
    token_fresh = (row.reply_token and row.reply_token_expires_at is not None
                   and row.reply_token_expires_at > now and row.attempts <= 1)
    if token_fresh:
        result = runtime.messenger.reply(row.reply_token, row.messages)
        if result.ok or not (result.invalid_reply_token or result.retryable):
            return "reply", result
        # The token is spent or unusable (a timed-out reply may still have used it): push instead.
        log.info("outbox %d: reply failed (%s), falling back to push", row.id, result.status)
    return "push", runtime.messenger.push(row.recipient, row.messages, row.retry_key)


def _record(runtime: Runtime, row: Claimed, via: str, result: SendResult, now: datetime) -> None:
    if result.ok:
        _record_delivered(runtime, row, via=via, request_id=result.request_id, sent_at=now)
        if via == "push":
            runtime.forget_quota()
        log.info("outbox %d sent via %s (status %d)", row.id, via, result.status)
        return
    if result.quota_exhausted and row.purpose != Purpose.SUMMARY:
        _finish(runtime, row.id, state=OutboxState.HELD, error="held: monthly push limit reached")
        return
    if result.retryable and now - row.created_at < RETRY_WINDOW:
        delay = work.backoff(row.attempts, base=RETRY_BASE, cap=MAX_BACKOFF)
        _finish(runtime, row.id, state=OutboxState.PENDING, error=_describe(result), next_attempt_at=now + delay)
        log.warning("outbox %d: %s, retrying in %ss", row.id, _describe(result), int(delay.total_seconds()))
        return
    _finish(runtime, row.id, state=OutboxState.FAILED, error=_describe(result))
    log.error("outbox %d failed for good: %s", row.id, _describe(result))


def _record_delivered(runtime: Runtime, row: Claimed, *, via: str, request_id: str | None,
                      sent_at: datetime) -> None:
    """Mark a row LINE has accepted as sent, trying again while the database is unreachable and the
    lease still holds the row for this sender.

    Left pending, the row is taken again when its lease expires and sent a second time, as a push
    (a reply carries no retry key for LINE to recognise): a villager whose reply went out just as the
    database restarted got it twice. Past the lease another sender may have the row: the error goes
    up as before.
    """
    give_up_at = time.monotonic() + min((row.lease_until - runtime.now()).total_seconds(), LEASE.total_seconds())
    failures = 0
    while True:
        try:
            _finish(runtime, row.id, state=OutboxState.SENT, via=via, request_id=request_id, sent_at=sent_at)
            return
        except OperationalError as error:
            failures += 1
            wait = work.backoff(failures, base=RECORD_RETRY_BASE, cap=RECORD_RETRY_CAP).total_seconds()
            if time.monotonic() + wait >= give_up_at:
                raise
            log.warning("outbox %d: delivered, recording it failed (%s); trying again in %.1f s",
                        row.id, erasure.error_type(error), wait)
            time.sleep(wait)


def _release_held_notifications(runtime: Runtime) -> bool:
    """Held notifications go out again once the quota has room (e.g. a new month began); True if any did."""
    with transaction(runtime.sessions) as session:
        return session.execute(update(OUTBOX).where(OUTBOX.c.state == OutboxState.HELD)
                               .values(state=OutboxState.PENDING, next_attempt_at=None)).rowcount > 0


def _quota_allows_notification(runtime: Runtime) -> bool:
    quota = runtime.quota()
    if quota is None or quota.remaining is None:
        return True
    return quota.remaining > runtime.settings.push_reserve


def _finish(runtime: Runtime, row_id: int, *, state: OutboxState, via: str | None = None,
            request_id: str | None = None, sent_at: datetime | None = None, error: str | None = None,
            next_attempt_at: datetime | None = None) -> None:
    values: dict[str, object] = {"state": state, "lease_until": None, "next_attempt_at": next_attempt_at,
                                 "error": error}
    if via is not None:
        values.update(sent_via=via, line_request_id=request_id, sent_at=sent_at)
    if state in erasure.FINISHED:
        values.update(erasure.BLANKED_OUTBOUND)  # a transport, not an archive: the content has served
    # One UPDATE, no read first: this runs once per message sent, each its own short transaction
    # (on SQLite it holds the write lock the webhook waits for).
    with transaction(runtime.sessions) as session:
        session.execute(_RECORD, {"row_id": row_id, **values})


def _describe(result: SendResult) -> str:
    return f"status {result.status}: {result.error or 'no answer'}"[:500]
