"""Erasing a villager's personal data on request (PDPA), and forgetting a message they unsent.

What stays is anonymous: each request keeps its district, tambon, category, status and dates, so
staff statistics still count it, but nothing links it to a person any more.
"""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from bot import texts
from bot.line import messages
from bot.turn import Turn
from storage import audit, erasure
from storage.models import Attachment, Citizen, Request

log = logging.getLogger(__name__)


def erase(turn: Turn, citizen: Citizen) -> None:
    """Erase everything personal about `citizen`; the caller confirms (the last use of the id).

    The confirmation's outbox row loses the LINE id once delivered, like every outbox row.
    """
    done = erasure.erase_citizen(turn.session, citizen, now=turn.now,
                                 instance_path=turn.runtime.settings.instance_path,
                                 keep_event=turn.incoming.event_id, received_at=turn.received_at)
    audit.record(turn.session, action="citizen_erased", after={"requests": done.requests}, at=turn.now)
    turn.citizen_id = None


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
    requests = list(session.scalars(select(Request).where(Request.source_message_id == message_id,
                                                          Request.citizen_id == citizen.id)))
    erasure.forget_message(session, citizen, message_id, instance_path=turn.runtime.settings.instance_path)
    for request in requests:
        audit.record(session, request=request, action="villager_unsent_text", at=turn.now)
