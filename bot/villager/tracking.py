"""Tracking: a villager's own requests, newest first, and one request's detail and history.

Villagers know a request by its words and a short number ("50"), not by "LP-69-00050": the list
quotes each one and offers a button per item, and a bare number opens the villager's own request.
Someone whose request was merged into another's (a duplicate) may look at that original: its facts,
never the other person's words.
"""

from __future__ import annotations

from typing import Any

from bot import areas, texts
from bot.line import messages
from bot.villager import answers
from bot.villager.chat import Chat
from storage import audit, refs, request_store
from storage.models import Request, Status

LIST_LIMIT = 5
SNIPPET = 40
BUTTON_SNIPPET = 12  # what fits after "ดู 50 " in a 20-character quick reply


def show_list(chat: Chat) -> None:
    requests, total = request_store.requests_of(chat.turn.session, chat.citizen.id, LIST_LIMIT)
    if not requests:
        chat.say(texts.TRACK_EMPTY)
        return
    lines = [texts.track_line(r.seq, r.status.value, areas.district_name(r.district_code), snippet(r))
             for r in requests]
    buttons = [messages.message_item(texts.track_button(r.seq, snippet(r, BUTTON_SNIPPET)), str(r.seq))
               for r in requests]
    chat.say(texts.track_list(lines, total - len(requests), requests[0].seq), buttons)


def find(chat: Chat, typed: str) -> tuple[Request | None, bool]:
    """The request `typed` names that this villager may see, and whether it is their own.

    A full reference names one request; a bare number ("50", "เลขที่ 50") names the villager's own
    request with that number. Someone else's request is visible only as the original of one of
    the villager's merged duplicates.
    """
    session = chat.turn.session
    ref = refs.parse(typed)
    if ref is None:
        number = refs.bare_number(typed)
        request = request_store.own_request_by_number(session, chat.citizen.id, number) if number else None
        return request, request is not None
    request = request_store.request_by_ref(session, ref)
    if request is None:
        return None, False
    if request.citizen_id == chat.citizen.id:
        return request, True
    merged = any(r.citizen_id == chat.citizen.id for r in request_store.merged_into(session, request))
    return (request, False) if merged and request.erased_at is None else (None, False)


def show_detail(chat: Chat, typed: str) -> None:
    request, own = find(chat, typed)
    if request is None:
        shown = refs.parse(typed) or typed.strip()
        chat.say(texts.REQUEST_NOT_FOUND.format(ref=shown))  # never anyone else's
        return
    if not own:
        _show_original(chat, request)
        return
    tz = chat.turn.runtime.tz
    lines = [texts.DETAIL.format(
        ref=request.ref, status=texts.villager_status(request.status.value),
        district=areas.district_name(request.district_code) or texts.UNKNOWN_PLACE,
        category=texts.category_label(request.category),
        created=texts.thai_date(request.created_at.astimezone(tz)), text=request.text or texts.ERASED_TEXT)]
    if request.status_reason:
        lines.append(texts.DETAIL_REASON.format(reason=request.status_reason))
    if request.referred_to:
        lines.append(texts.DETAIL_REFERRED.format(agency=request.referred_to))
    if request.forum is not None:
        lines.append(texts.DETAIL_FORUM.format(when=texts.thai_date(request.forum.held_on)))
    history = audit.status_changes(chat.turn.session, request)
    if history:
        lines.append(texts.DETAIL_HISTORY_HEADER)
        lines.extend(texts.DETAIL_HISTORY_LINE.format(when=texts.thai_date(at.astimezone(tz)),
                                                      status=texts.villager_status(status)) for at, status in history)
    items: list[dict[str, Any]] = []
    original = request.duplicate_of
    if request.status == Status.DUPLICATE and original is not None:
        lines.append(texts.DETAIL_MERGED.format(original=original.ref,
                                                status=texts.villager_status(original.status.value)))
        items.append(messages.message_item(texts.BUTTON_SEE_ORIGINAL, original.ref))
    if request.status == Status.NEW and request.erased_at is None:
        lines.append(texts.DETAIL_NEXT_OPEN)  # withdrawing is possible until staff act
        items.append(answers.withdraw_item(chat, request))
    else:
        lines.append(texts.DETAIL_NEXT)
    items.append(messages.message_item(texts.BUTTON_TRACK))
    chat.say("\n".join(lines), items)


def _show_original(chat: Chat, request: Request) -> None:
    lines = [texts.ORIGINAL_DETAIL.format(
        ref=request.ref, status=texts.villager_status(request.status.value),
        district=areas.district_name(request.district_code) or texts.UNKNOWN_PLACE,
        category=texts.category_label(request.category),
        supporters=request_store.supporters(chat.turn.session, request))]
    if request.forum is not None:
        lines.append(texts.DETAIL_FORUM.format(when=texts.thai_date(request.forum.held_on)))
    if request.referred_to:
        lines.append(texts.DETAIL_REFERRED.format(agency=request.referred_to))
    lines.append(texts.DETAIL_NEXT)
    chat.say("\n".join(lines), [messages.message_item(texts.BUTTON_TRACK)])


def snippet(request: Request, length: int = SNIPPET) -> str:
    text = " ".join((request.text or texts.ERASED_TEXT).split())
    return text if len(text) <= length else text[: length - 1] + "…"
