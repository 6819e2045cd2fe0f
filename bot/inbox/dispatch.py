"""Routing one incoming event: a staff command, group chatter, or the villager conversation.

Whatever a turn replies is written to the outbox in the same transaction as the effects that
caused it.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

import nlp
from bot import texts
from bot.inbox import groups
from bot.line import messages
from bot.line.events import Incoming
from bot.outbox import queue
from bot.runtime import Runtime
from bot.staff import gate
from bot.turn import Turn
from bot.villager import conversation

log = logging.getLogger(__name__)


def dispatch(runtime: Runtime, session: Session, incoming: Incoming, *, received_at: datetime,
             understood: nlp.Analysis | None = None, may_carry_held: bool = True) -> None:
    """Handle one event; `may_carry_held=False` when its chat is known to have no notifications held back."""
    if incoming.standby or incoming.kind == "unknown":
        return  # in standby another channel module owns the chat; unknown events are logged in events
    turn = Turn(runtime, session, incoming, received_at, understood=understood, may_carry_held=may_carry_held)
    if not gate.handle(turn):
        if incoming.is_private:
            conversation.handle(turn)
        else:
            groups.handle(turn)
    _queue_replies(turn)


def apologise(runtime: Runtime, session: Session, incoming: Incoming, *, received_at: datetime) -> None:
    """Tell the person, in Thai, that something went wrong on our side and nothing needs redoing."""
    if incoming.kind in {"text", "image", "video", "audio", "file", "location", "postback", "sticker"}:
        turn = Turn(runtime, session, incoming, received_at)
        turn.reply(messages.text(texts.SOMETHING_WENT_WRONG))
        _queue_replies(turn)


def _queue_replies(turn: Turn) -> None:
    if not turn.replies or not turn.incoming.chat_id:
        return
    for start in range(0, len(turn.replies), queue.MAX_MESSAGES_PER_CALL):
        queue.queue_reply(
            turn.session, recipient=turn.incoming.chat_id,
            # Only the first call may use the reply token; LINE accepts it once.
            reply_token=turn.incoming.reply_token if start == 0 else None,
            received_at=turn.received_at, messages=turn.replies[start:start + queue.MAX_MESSAGES_PER_CALL],
            citizen_id=turn.citizen_id, request_id=turn.request_id, source_event_id=turn.incoming.event_id,
            may_carry_held=turn.may_carry_held,
        )
