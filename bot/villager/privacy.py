"""Erasing a villager's personal data on request (PDPA), and forgetting a message they unsent.

What stays is anonymous: each request keeps its district, tambon, category, status and dates, so
staff statistics still count it, but nothing links it to a person any more.
"""

from __future__ import annotations

import logging

from sqlalchemy import func, select, update

from bot import texts
from bot.line import messages
from bot.turn import Turn
from bot.villager import media
from storage.models import Attachment, AuditLog, Citizen, Conversation, OutboundMessage, OutboxState, Request

log = logging.getLogger(__name__)

ERASED_RECIPIENT = "erased"


def erase(turn: Turn, citizen: Citizen) -> None:
    """Erase everything personal about `citizen`; the caller confirms (the last use of the id)."""
    session, now = turn.session, turn.now
    line_user_id = citizen.line_user_id
    requests = list(session.scalars(select(Request).where(Request.citizen_id == citizen.id)))
    for request in requests:
        request.text, request.lat, request.lon, request.erased_at = None, None, None, now
        request.citizen_id = None
    for attachment in session.scalars(select(Attachment).where(Attachment.citizen_id == citizen.id)):
        media.delete_file(turn.runtime, attachment, session)
        attachment.state, attachment.citizen_id = "removed", None
    if line_user_id:
        # Undelivered or past messages to this person quote their words; keep none of them.
        session.execute(update(OutboundMessage).where(OutboundMessage.recipient == line_user_id)
                        .values(recipient=ERASED_RECIPIENT, messages=[], state=OutboxState.CANCELLED))
    conversation = session.get(Conversation, citizen.id)
    if conversation is not None:
        session.delete(conversation)
    citizen.line_user_id, citizen.display_name, citizen.deleted_at = None, None, now
    citizen.following = False
    session.add(AuditLog(request_id=None, staff_id=None, action="citizen_erased", before={},
                         after={"requests": len(requests)}, at=now))
    turn.citizen_id = None
    log.info("citizen %d erased (%d requests anonymised)", citizen.id, len(requests))


def describe(turn: Turn, citizen: Citizen) -> None:
    """Tell the villager what the bot holds about them (their right to see their data)."""
    session = turn.session
    requests = list(session.scalars(select(Request).where(Request.citizen_id == citizen.id)))
    files = session.scalar(select(func.count()).select_from(Attachment).where(
        Attachment.citizen_id == citizen.id, Attachment.state != "removed")) or 0
    since = (citizen.consent_at or citizen.created_at).astimezone(turn.runtime.tz)
    turn.reply(messages.text(texts.MY_DATA.format(
        since=texts.thai_date(since), requests=len(requests), files=files,
        locations=sum(1 for r in requests if r.lat is not None))))


def forget_message(turn: Turn, citizen: Citizen, message_id: str) -> None:
    """LINE's unsend: remove that message's text or media wherever the bot kept it."""
    if not message_id:
        return
    session = turn.session
    for request in session.scalars(select(Request).where(Request.source_message_id == message_id,
                                                         Request.citizen_id == citizen.id)):
        request.text = None
        session.add(AuditLog(request_id=request.id, action="villager_unsent_text", before={}, after={},
                             at=turn.now))
    attachment = session.scalar(select(Attachment).where(Attachment.line_message_id == message_id,
                                                         Attachment.citizen_id == citizen.id))
    if attachment is not None:
        media.delete_file(turn.runtime, attachment, session)
        attachment.state = "removed"
