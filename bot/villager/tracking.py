"""Tracking: a villager's own requests, newest first, and one request's detail and history."""

from __future__ import annotations

from bot import areas, texts
from bot.villager.chat import Chat
from storage import audit, refs, request_store
from storage.models import Request

LIST_LIMIT = 5
SNIPPET = 40


def show_list(chat: Chat) -> None:
    requests, total = request_store.requests_of(chat.turn.session, chat.citizen.id, LIST_LIMIT)
    if not requests:
        chat.say(texts.TRACK_EMPTY)
        return
    lines = [texts.track_line(r.ref, r.status.value, areas.district_name(r.district_code), _snippet(r))
             for r in requests]
    chat.say(texts.track_list(lines, total - len(requests)))


def show_detail(chat: Chat, typed_ref: str) -> None:
    ref = refs.parse(typed_ref)
    request = request_store.request_by_ref(chat.turn.session, ref) if ref else None
    if request is None or request.citizen_id != chat.citizen.id:
        chat.say(texts.REQUEST_NOT_FOUND.format(ref=ref or typed_ref.strip()))  # never anyone else's
        return
    tz = chat.turn.runtime.tz
    lines = [texts.DETAIL.format(
        ref=request.ref, status=texts.status_label(request.status.value),
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
                                                      status=texts.status_label(status)) for at, status in history)
    chat.say("\n".join(lines))


def _snippet(request: Request) -> str:
    text = " ".join((request.text or texts.ERASED_TEXT).split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"
