"""The one place that knows every personal field, and how to erase it.

Used by the villager's own erasure ("ลบข้อมูล"), the nightly retention purge and LINE's unsend, so a
column that starts holding personal data is erased by all three once it is handled here. Modelled
on FixMyStreet's `anonymize_account`. Where personal data lives:

- citizen: line_user_id, display_name, wants_staff_at (when they asked for a person);
  conversation: the dialogue state (may quote texts);
- request: text, lat, lon, and citizen_id (the link from an anonymous request to the person);
- attachment: the stored file (path: its bytes in media_blob, or on disk if kept before 0005) and
  citizen_id; media_blob: the bytes, deleted once no attachment refers to them;
- outbound_message: recipient and messages, blanked as soon as a row is finished (`blank_outbound`);
  pending rows to the person, or to staff quoting the person, are cancelled and blanked here;
- inbound_event: the raw payload and the chat key (a hash of the chat's LINE id), blanked when
  processed or failed (`blank_event`); error holds an exception type only.

Files are unlinked only after the transaction commits, so a rolled-back erasure (or a dry run)
never leaves rows pointing at missing files.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session

from storage import blobs
from storage.models import (
    Attachment,
    Citizen,
    Conversation,
    EventState,
    InboundEvent,
    OutboundMessage,
    OutboxState,
    Request,
)

log = logging.getLogger(__name__)

FINISHED = (OutboxState.SENT, OutboxState.FAILED, OutboxState.CANCELLED)
UNSENT = (OutboxState.PENDING, OutboxState.HELD)
# Staff cards quote a request's first 80 characters (whitespace collapsed) and the summary its first
# 80; a shorter prefix still finds them, and one this long is specific to the person.
QUOTE_PREFIX = 24
MIN_QUOTE = 8  # shorter texts ("ok") would match unrelated rows


@dataclass
class Erased:
    requests: int = 0
    attachments: int = 0
    outbound: int = 0
    events: int = 0
    citizens: int = 0


# --- rows finished with -----------------------------------------------------------------------------

# What a finished outbox row loses; the rest (purpose, state, dates, LINE's id, message_count as
# counted when it was queued) is what counts and audits need.
BLANKED_OUTBOUND = {"recipient": None, "messages": None, "reply_token": None}


def blank_outbound(row: OutboundMessage) -> None:
    """A finished outbox row keeps what counts and audits need (purpose, state, dates, LINE's id)."""
    if row.messages is not None:
        row.message_count = len(row.messages)
    for column, value in BLANKED_OUTBOUND.items():
        setattr(row, column, value)


def blank_event(row: InboundEvent) -> None:
    """An inbox row that has served (done or given up) keeps its type and nothing of the raw event.

    Its chat key (a hash of the LINE id, kept only to order a chat's pending events) goes too.
    """
    for column, value in blanked_event(row.event_type).items():
        setattr(row, column, value)


def blanked_event(event_type: str) -> dict[str, Any]:
    """The columns of a blanked inbox row (`blank_event`), for an UPDATE that never loads the row."""
    return {"payload": {"type": event_type}, "chat_key": None}


def error_type(error: BaseException) -> str:
    """What may be stored or logged about an exception: its type; messages can quote SQL parameters."""
    return type(error).__name__[:500]


# --- the erasures -------------------------------------------------------------------------------------

def erase_citizen(session: Session, citizen: Citizen, *, now: datetime, instance_path: Path,
                  keep_event: str | None = None, received_at: datetime | None = None) -> Erased:
    """Erase everything personal about `citizen`; anonymous facts of their requests stay.

    `keep_event` is the webhook event id being processed right now (the "ยืนยัน" itself): the
    worker blanks it when it finishes, and its reply (the confirmation) must still reach the person.
    Pending events received after `received_at` (default: now) are new contact and stay.
    """
    requests = list(session.scalars(select(Request).where(Request.citizen_id == citizen.id)))
    erased = Erased(citizens=1)
    _cancel_quotes(session, requests, erased)
    erased.requests = _anonymise(session, requests, now)
    attachments = session.scalars(select(Attachment).where(
        or_(Attachment.citizen_id == citizen.id, Attachment.request_id.in_([r.id for r in requests]))))
    erased.attachments = _remove_files(session, attachments, instance_path)
    if citizen.line_user_id:
        erased.outbound += _blank_outbound_to(session, citizen.line_user_id)
        erased.events = _blank_events_of(session, citizen.line_user_id, now, received_at or now, keep_event)
    session.execute(update(OutboundMessage).where(OutboundMessage.citizen_id == citizen.id)
                    .values(citizen_id=None))
    conversation = session.get(Conversation, citizen.id)
    if conversation is not None:
        session.delete(conversation)
    citizen.line_user_id, citizen.display_name, citizen.deleted_at = None, None, now
    citizen.wants_staff_at = None
    citizen.following = False
    log.info("citizen %d erased: %d requests, %d files, %d outbound rows, %d events", citizen.id,
             erased.requests, erased.attachments, erased.outbound, erased.events)
    return erased


def forget_message(session: Session, citizen: Citizen, message_id: str, *, instance_path: Path) -> Erased:
    """LINE's unsend: that message's text or media goes wherever the bot kept it (and staff's queued quotes)."""
    erased = Erased()
    requests = list(session.scalars(select(Request).where(Request.source_message_id == message_id,
                                                          Request.citizen_id == citizen.id)))
    _cancel_quotes(session, requests, erased, whole=False)
    for request in requests:
        request.text = None
    erased.requests = len(requests)
    erased.attachments = _remove_files(session, session.scalars(select(Attachment).where(
        Attachment.line_message_id == message_id, Attachment.citizen_id == citizen.id)), instance_path)
    return erased


def withdraw_request(session: Session, request: Request, *, now: datetime, instance_path: Path) -> Erased:
    """A villager withdraws one request: its words, point and files go, and it leaves the staff queue.

    The taxonomy's statuses stay as they are (a withdrawal is not a staff decision): the request is
    erased like any other (erased_at set, no longer linked to the person), and the caller audits it.
    """
    erased = Erased()
    _cancel_quotes(session, [request], erased)
    erased.attachments = _remove_files(session, session.scalars(select(Attachment).where(
        Attachment.request_id == request.id)), instance_path)
    erased.requests = _anonymise(session, [request], now)
    return erased


def purge(session: Session, *, cutoff: datetime, now: datetime, instance_path: Path) -> Erased:
    """The retention purge: everything personal older than `cutoff`, whoever it belongs to."""
    erased = Erased()
    # Citizens silent since the cutoff lose everything (all their requests are older than it too).
    silent = list(session.scalars(select(Citizen).where(
        Citizen.line_user_id.is_not(None),
        or_(Citizen.last_seen_at < cutoff, Citizen.last_seen_at.is_(None) & (Citizen.created_at < cutoff)))))
    for citizen in silent:
        done = erase_citizen(session, citizen, now=now, instance_path=instance_path)
        erased.citizens += 1
        erased.requests += done.requests
        erased.attachments += done.attachments
        erased.outbound += done.outbound
        erased.events += done.events
    # Old requests of people still in touch: anonymous, and no longer linked to them.
    old = list(session.scalars(select(Request).where(
        Request.created_at < cutoff, Request.erased_at.is_(None),
        or_(Request.text.is_not(None), Request.lat.is_not(None), Request.citizen_id.is_not(None)))))
    _cancel_quotes(session, old, erased)
    erased.requests += _anonymise(session, old, now)
    erased.attachments += _remove_files(session, session.scalars(select(Attachment).where(
        Attachment.path.is_not(None) | Attachment.citizen_id.is_not(None),
        or_(Attachment.request_id.in_([r.id for r in old]),
            # A photo sent without a request ever following it.
            Attachment.request_id.is_(None) & (Attachment.created_at < cutoff)))), instance_path)
    # Outbox rows still carrying content after the retention period will never be sent usefully.
    for row in list(session.scalars(select(OutboundMessage).where(OutboundMessage.created_at < cutoff,
                                                                  OutboundMessage.messages.is_not(None)))):
        if row.state in UNSENT:
            row.state = OutboxState.CANCELLED
        blank_outbound(row)
        erased.outbound += 1
    # Inbox rows that kept more than their type (failed before blanking existed, or stuck).
    for row in list(session.scalars(select(InboundEvent).where(InboundEvent.received_at < cutoff))):
        if set(row.payload or {}) - {"type"}:
            blank_event(row)
            if row.state == EventState.PENDING:
                row.state = EventState.FAILED
            erased.events += 1
    return erased


# --- the pieces ---------------------------------------------------------------------------------------

def _anonymise(session: Session, requests: Iterable[Request], now: datetime) -> int:
    count = 0
    for request in requests:
        request.text, request.lat, request.lon = None, None, None
        request.citizen_id = None  # the link to the person: without it the request is anonymous
        request.erased_at = request.erased_at or now
        # Outbox rows name both the citizen and the request; cut that link too.
        session.execute(update(OutboundMessage).where(OutboundMessage.request_id == request.id)
                        .values(citizen_id=None))
        count += 1
    return count


def _remove_files(session: Session, attachments: Iterable[Attachment], instance_path: Path) -> int:
    count, doomed, paths = 0, [], set()
    for attachment in list(attachments):
        if attachment.path:
            paths.add(attachment.path)
            shared = session.scalar(select(Attachment.id).where(
                Attachment.path == attachment.path, Attachment.id != attachment.id,
                Attachment.path.is_not(None)).limit(1))
            if shared is None:  # the same bytes sent twice are stored once
                doomed.append(instance_path / attachment.path)  # kept on disk before media_blob existed
        attachment.path, attachment.citizen_id = None, None
        if attachment.state != "removed":
            attachment.state = "removed"
            count += 1
    blobs.forget_unreferenced(session, paths)  # in this transaction: rolled back with it
    if doomed:
        _unlink_after_commit(session, doomed)
    return count


def _unlink_after_commit(session: Session, paths: list[Path]) -> None:
    def unlink(_session: Session) -> None:
        for path in paths:
            path.unlink(missing_ok=True)

    event.listen(session, "after_commit", unlink, once=True)


def _blank_outbound_to(session: Session, line_user_id: str) -> int:
    count = 0
    for row in list(session.scalars(select(OutboundMessage).where(OutboundMessage.recipient == line_user_id))):
        if row.state in UNSENT:
            row.state = OutboxState.CANCELLED
        blank_outbound(row)
        count += 1
    return count


def _blank_events_of(session: Session, line_user_id: str, now: datetime, until: datetime,
                     keep_event: str | None) -> int:
    """Failed events of the person, and pending ones received before the erasure, lose their payload.

    The payload is JSON on both databases; reading the (few) unfinished rows beats dialect-specific
    JSON queries. Done events were blanked when processed.
    """
    count = 0
    for row in list(session.scalars(select(InboundEvent).where(
            InboundEvent.state.in_((EventState.FAILED, EventState.PENDING))))):
        source = (row.payload or {}).get("source") or {}
        if row.webhook_event_id == keep_event or source.get("userId") != line_user_id:
            continue
        if row.state == EventState.PENDING and row.received_at > until:
            continue
        blank_event(row)
        if row.state == EventState.PENDING:  # nothing left to process: the person asked to be forgotten
            row.state, row.processed_at, row.lease_until = EventState.DONE, now, None
        count += 1
    return count


def _cancel_quotes(session: Session, requests: list[Request], erased: Erased, *, whole: bool = True) -> None:
    """Unsent rows that quote these requests (staff cards, summaries) are cancelled and blanked.

    Delivered rows are already blank; an unsent one is found by the request it is about or by a
    quote of its text or coordinates in its JSON. Staff miss that one card; they can ask again.
    `whole=False` (an unsent message) looks for the text only: the request itself stays.
    """
    if not requests:
        return
    ids = {r.id for r in requests}
    needles = [q for r in requests for q in _quotes(r, coordinates=whole)]
    for row in list(session.scalars(select(OutboundMessage).where(OutboundMessage.state.in_(UNSENT),
                                                                  OutboundMessage.messages.is_not(None)))):
        body = " ".join(json.dumps(row.messages, ensure_ascii=False).split())
        if (whole and row.request_id in ids) or any(needle in body for needle in needles):
            row.state = OutboxState.CANCELLED
            blank_outbound(row)
            erased.outbound += 1


def _quotes(request: Request, *, coordinates: bool) -> list[str]:
    found = []
    text = " ".join((request.text or "").split())
    if len(text) >= MIN_QUOTE:
        found.append(text[:QUOTE_PREFIX])
    if coordinates and request.lat is not None and request.lon is not None:
        found += [f"{request.lat:.5f}", f"{request.lon:.5f}"]
    return found
