"""Photos, videos, audio and files: attach them to a request and fetch their bytes off the request path.

Receiving only records an `attachment` row (state "pending"); `fetch_pending` later downloads the
content from LINE (never more than the size cap), recognises its type from its first bytes, and
keeps it in the database (`media_blob`) by its hash.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from bot.runtime import Runtime
from bot.villager import reporting
from bot.villager.chat import Chat
from storage import blobs, work
from storage.db import transaction
from storage.models import Attachment, Request

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
MAX_ATTEMPTS = 6
LEASE = timedelta(minutes=5)  # longer than a 20 MB download may take (the messenger stops at 120 s)
RETRY_BASE, RETRY_CAP = timedelta(seconds=10), timedelta(minutes=10)
# What is kept, by the type its first bytes show (the sender's declared type is not trusted: an
# "application/octet-stream" file, or an "image/png" that is really HTML, would otherwise be
# stored and later served as whatever it claimed).
ALLOWED_TYPES = {
    "image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp",
    "video/mp4": ".mp4", "video/quicktime": ".mov",
    "audio/mp4": ".m4a", "audio/mpeg": ".mp3", "audio/aac": ".aac",
    "application/pdf": ".pdf",
}


@dataclass(frozen=True)
class Received:
    """A file recorded for download: the request it joined (None: it waits for one), and whether to answer."""

    request: Request | None
    answer: bool


def receive(chat: Chat) -> Received | None:
    """Record the file for download; None when the event carries no message id to fetch."""
    incoming = chat.turn.incoming
    if not incoming.message_id:
        return None
    request = reporting.request_for_extras(chat)
    chat.turn.session.add(Attachment(
        request_id=request.id if request else None, citizen_id=chat.citizen.id, kind=incoming.kind,
        line_message_id=incoming.message_id,
        # LINE serves no content for media hosted elsewhere; there is nothing to fetch.
        state="failed" if incoming.external_content else "pending", created_at=chat.turn.now,
    ))
    if request is None:
        chat.files_wait(chat.turn.now + reporting.ATTACH_WINDOW)
    # One answer for an album, not one per photo.
    return Received(request, answer=incoming.image_set_index in (None, 1))


def attachment_count(chat: Chat, request: Request) -> int:
    """How many files the request already has (a location acknowledgement offers a photo only if none)."""
    return chat.turn.session.query(Attachment).filter(Attachment.request_id == request.id,
                                                      Attachment.state != "removed").count()


def fetch_pending(runtime: Runtime, limit: int = 10) -> int:
    """Download waiting attachments, each leased to this worker; returns how many were tried."""
    return work.run_due(runtime.sessions, Attachment, lambda row_id: _fetch_one(runtime, row_id), pending="pending",
                        now=runtime.now(), lease=LEASE, limit=limit)


def _fetch_one(runtime: Runtime, attachment_id: int) -> None:
    with runtime.sessions() as session:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None or attachment.state != "pending":
            return
        message_id = attachment.line_message_id
    content = runtime.messenger.content(message_id, MAX_BYTES)
    with transaction(runtime.sessions) as session:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None or attachment.state != "pending":
            return  # erased or unsent meanwhile
        attachment.lease_until = None
        if content.status == 410:
            attachment.state = "removed"
        elif content.status in (400, 404):
            attachment.state = "failed"  # not found, or an id LINE refuses: asking again cannot help
        elif content.too_large:
            attachment.state = "failed"
            log.warning("attachment %d refused: over %d bytes", attachment_id, MAX_BYTES)
        elif content.data is None:
            # 202 (video still being prepared) or a network error: try again later, a few times.
            if attachment.attempts >= MAX_ATTEMPTS:
                attachment.state = "failed"
            else:
                attachment.next_attempt_at = runtime.now() + work.backoff(attachment.attempts, base=RETRY_BASE,
                                                                          cap=RETRY_CAP)
        else:
            _store(runtime, session, attachment, content.data)
    log.info("attachment %d: status %d", attachment_id, content.status)


def _store(runtime: Runtime, session: Session, attachment: Attachment, data: bytes) -> None:
    kind = sniff(data, attachment.kind)
    if len(data) > MAX_BYTES or kind is None:
        attachment.state, attachment.size, attachment.content_type = "failed", len(data), None
        log.warning("attachment %d refused: not an allowed kind, %d bytes", attachment.id, len(data))
        return
    digest = hashlib.sha256(data).hexdigest()
    path = f"media/{digest[:2]}/{digest}{ALLOWED_TYPES[kind]}"
    # In the database, in this transaction: every host reaches the bytes, the erasure deletes them
    # with the rows, and a crash leaves neither a half file nor a file without its row.
    blobs.keep(session, path, kind, data, runtime.now())
    attachment.state, attachment.path = "stored", path
    attachment.content_type, attachment.size, attachment.sha256 = kind, len(data), digest


def sniff(data: bytes, kind: str) -> str | None:
    """The allowed media type that the first bytes show, or None; `kind` is LINE's message type."""
    head = data[:16]
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":  # the ISO media container: LINE's videos (mp4) and voice notes (m4a)
        brand = head[8:12]
        if brand == b"qt  ":
            return "video/quicktime"
        return "audio/mp4" if brand in (b"M4A ", b"M4B ") or kind == "audio" else "video/mp4"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"ID3"):
        return "audio/mpeg"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:  # an MPEG audio frame sync
        return "audio/aac" if head[1] & 0x06 == 0 else "audio/mpeg"  # layer bits 00 mean ADTS (AAC)
    return None
