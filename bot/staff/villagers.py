"""Answering villagers who asked to talk to staff: /reply (/ตอบ).

A villager's "ขอคุยกับเจ้าหน้าที่" sets `citizen.wants_staff_at` (bot.villager.steps.talk_to_staff).
Staff see the waiting villagers on the /queue card (bot.staff.reading) by their pseudonymous key and answer with
`/reply KEY words` (`/ตอบ`): the words are pushed to the villager in a polite frame, the flag is
cleared and the answer is audited by its length, never its words.

LINE has no button that opens the keyboard with "/ตอบ KEY " filled in (a message action sends its
text at once), so the card's [ตอบ] sends "/ตอบ KEY" alone and the answer is the command to copy.
"""

from __future__ import annotations

import logging
from typing import Any

from bot import texts
from bot.line import messages, postback
from bot.outbox import queue
from bot.staff import buttons, permissions
from bot.staff.context import Context, Refusal, UsageError
from bot.staff.permissions import Permission
from bot.staff.registry import command
from storage import audit, citizens, request_store
from storage.models import Citizen, Purpose

log = logging.getLogger(__name__)

KEY_LENGTH = Citizen.key.property.columns[0].type.length  # a longer token cannot be a key


@command("reply", Permission.TRIAGE)
def reply(ctx: Context) -> None:
    """`/reply KEY words`: push the words to that villager, clear their "talk to staff" flag, audit it."""
    parts = ctx.rest.split(maxsplit=1)
    if not parts:
        raise UsageError
    key = _canonical_key(parts[0])
    words = parts[1].strip() if len(parts) > 1 else ""
    if not words:  # the card's [ตอบ], or the words forgotten: the command to copy, with the key filled in
        ctx.say(texts.STAFF_REPLY_HOW.format(key=key[:KEY_LENGTH]))
        return
    citizen = citizens.citizen_by_key(ctx.session, key) if len(key) <= KEY_LENGTH else None
    if citizen is None or citizen.line_user_id is None:
        raise Refusal(texts.STAFF_REPLY_NO_VILLAGER.format(key=key[:KEY_LENGTH]))
    latest = request_store.latest_request_of_each(ctx.session, [citizen.id]).get(citizen.id)
    # As on the queue card: staff limited to some districts answer villagers whose newest request lies in
    # them; a villager with no placed request is for unlimited staff.
    if not permissions.may_change(ctx.staff, latest.district_code if latest else None):
        raise Refusal(texts.STAFF_REPLY_OUTSIDE.format(key=citizen.key))
    if not citizen.following:
        raise Refusal(texts.STAFF_REPLY_UNREACHABLE.format(key=citizen.key))
    body = texts.STAFF_ANSWER_TO_VILLAGER.format(text=words)
    if messages.utf16_length(body) > messages.MAX_TEXT:  # refused, never clipped: staff's words arrive whole
        room = messages.MAX_TEXT - messages.utf16_length(texts.STAFF_ANSWER_TO_VILLAGER.format(text=""))
        raise Refusal(texts.STAFF_TOO_LONG.format(limit=texts.thai_number(room)))
    queue.queue_push(ctx.session, recipient=citizen.line_user_id,
                     messages=[messages.text(body, [_talk_again_item(ctx, citizen)])],
                     purpose=Purpose.NOTIFY, now=ctx.now, citizen_id=citizen.id)
    cleared = citizens.staff_answered(ctx.session, citizen.key)
    audit.record(ctx.session, action="staff_reply", at=ctx.now, staff=ctx.staff,
                 after={"citizen": citizen.key, "length": len(words), "cleared": cleared})
    log.info("staff %d answered citizen %d (%d characters)", ctx.staff.id, citizen.id, len(words))
    told = texts.STAFF_REPLY_SENT.format(key=citizen.key, length=texts.thai_number(len(words)))
    if cleared:
        told += "\n" + texts.STAFF_REPLY_CLEARED
    quick = [item for item in (buttons.queue_item(),) if item is not None]
    ctx.answer(messages.text(told, quick or None))


def _canonical_key(token: str) -> str:
    """Keys are "R" and lower-case hex; staff may type them in either case."""
    token = token.strip()
    return token[:1].upper() + token[1:].lower()


def _talk_again_item(ctx: Context, citizen: Citizen) -> dict[str, Any]:
    """[คุยกับเจ้าหน้าที่], signed for this villager as their own chat signs it: one tap flags them again."""
    data = postback.encode(ctx.turn.runtime.postback_secret, citizen.key, postback.Payload("staff", 0))
    return messages.postback_item(texts.BUTTON_TALK_TO_STAFF, data, texts.BUTTON_TALK_TO_STAFF)
