"""The villager conversation: each private message becomes a step in a small state machine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot import messages, texts
from storage import queries

if TYPE_CHECKING:
    from bot.dispatch import Turn


def handle(turn: Turn) -> None:
    incoming = turn.incoming
    if incoming.kind != "text" or not incoming.user_id:
        return
    citizen = queries.citizen_for(turn.session, incoming.user_id, turn.now)
    turn.citizen_id = citizen.id
    request = queries.create_request(turn.session, citizen=citizen, text=incoming.text, created_at=incoming.occurred_at,
                                     tz=turn.runtime.tz, source_event_id=incoming.event_id,
                                     source_message_id=incoming.message_id)
    turn.request_id = request.id
    turn.reply(messages.text(texts.request_received(request.ref, None, None, None)))
