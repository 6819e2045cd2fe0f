"""Reporting a request: save it at once, say what was understood, and let the villager correct it.

A request is stored before any question is asked, so an unanswered question never loses it.
Corrections come back as signed postbacks and only touch the villager's own requests that staff
have not triaged yet; each correction is written to the audit log like a staff change.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import nlp
from bot import messages, places, texts
from bot.chat import Chat, State
from bot.postback import Payload
from storage import queries
from storage.models import Attachment, AuditLog, Request, Status

ATTACH_WINDOW = timedelta(minutes=30)  # photos and locations this soon after a request belong to it
CATEGORY_SURE = 0.55  # below this the villager is asked to pick the category
CATEGORY_CHOICES = 3


def start_items() -> list[dict[str, Any]]:
    """Quick replies that help someone start a report: share a location or take a photo."""
    return [messages.location_item(texts.BUTTON_SEND_LOCATION), messages.camera_item(texts.BUTTON_TAKE_PHOTO)]


def create_from_text(chat: Chat, text: str, analysis: nlp.Analysis, *, message_id: str | None = None) -> Request:
    turn = chat.turn
    incoming = turn.incoming
    pending = _pending_location(chat)
    request = queries.create_request(
        turn.session, citizen=chat.citizen, text=text, created_at=turn.now, tz=turn.runtime.tz,
        source_event_id=incoming.event_id, source_message_id=message_id or incoming.message_id,
        district_code=analysis.district_code, tambon_code=analysis.tambon_code,
        category=analysis.category,
        confidence={key: round(float(value), 3) for key, value in analysis.confidence.items()},
    )
    turn.request_id = request.id
    attached = _adopt_waiting_attachments(chat, request)
    if pending:
        _apply_location(request, *pending)
    chat.say(texts.request_received(request.ref, places.district_name(request.district_code),
                                    places.tambon_name(request.tambon_code), request.category))
    category_unsure = request.category is None or analysis.confidence.get("category", 0) < CATEGORY_SURE
    if request.district_code is None:
        chat.goto(State.AWAITING_DISTRICT, request_id=request.id, ask_category=category_unsure,
                  categories=_likely_categories(analysis))
        chat.say(texts.ASK_DISTRICT, district_items(chat, request))
    elif category_unsure:
        chat.goto(State.AWAITING_CATEGORY, request_id=request.id)
        chat.say(texts.ASK_CATEGORY, category_items(chat, request, _likely_categories(analysis)))
    else:
        chat.reset()
        chat.say(texts.FIX_PROMPT, fix_items(chat, request, photo_needed=not attached))
    return request


def district_items(chat: Chat, request: Request) -> list[dict[str, Any]]:
    """Exactly the 13 amphoe: LINE's maximum number of quick-reply buttons."""
    return [messages.postback_item(name, chat.sign("d", request.id, code),
                                    texts.DISTRICT_CHOSEN.format(name=name))
            for code, name in places.districts()]


def category_items(chat: Chat, request: Request, likely: list[str]) -> list[dict[str, Any]]:
    slugs = [slug for slug in likely if slug != "other"][:CATEGORY_CHOICES]
    for slug in texts.CATEGORY_LABELS:  # always offer a full set, most likely first
        if slug not in slugs and slug != "other":
            slugs.append(slug)
    items = [messages.postback_item(texts.category_label(slug), chat.sign("c", request.id, slug),
                                    texts.category_label(slug)) for slug in slugs[:12]]
    items.append(messages.postback_item(texts.BUTTON_OTHER_CATEGORY, chat.sign("c", request.id, "other"),
                                        texts.BUTTON_OTHER_CATEGORY))
    return items


def fix_items(chat: Chat, request: Request, photo_needed: bool = True) -> list[dict[str, Any]]:
    items = [
        messages.postback_item(texts.BUTTON_FIX_DISTRICT, chat.sign("fd", request.id), texts.BUTTON_FIX_DISTRICT),
        messages.postback_item(texts.BUTTON_FIX_CATEGORY, chat.sign("fc", request.id), texts.BUTTON_FIX_CATEGORY),
        messages.location_item(texts.BUTTON_SEND_LOCATION),
    ]
    if photo_needed:
        items.append(messages.camera_item(texts.BUTTON_TAKE_PHOTO))
    return items


def own_open_request(chat: Chat, request_id: Any) -> Request | None:
    """The citizen's own request (else None); `still_editable` says whether they may still change it."""
    if not isinstance(request_id, int):
        return None
    request = chat.turn.session.get(Request, request_id)
    if request is None or request.citizen_id != chat.citizen.id:
        return None
    return request


def still_editable(chat: Chat, request: Request) -> bool:
    """Whether the villager may still change district or location: only until staff have decided.

    Buttons, a typed district and a sent location all ask here, so none of them can move a request
    staff already accepted (and scheduled for a district's forum). When it is too late the villager
    is told so politely.
    """
    if request.status == Status.NEW:
        return True
    chat.say(texts.ALREADY_HANDLED.format(ref=request.ref))
    return False


def on_choice(chat: Chat, payload: Payload) -> None:
    """A tapped quick reply about one request: set or fix its district or category."""
    request = own_open_request(chat, payload.request_id)
    if request is None:
        chat.say(texts.CHOICE_NOT_YOURS)
        return
    if request.status != Status.NEW:  # a tapped button is answered in its own words
        chat.say(texts.CHOICE_TOO_LATE.format(ref=request.ref))
        return
    if payload.action == "d" and places.district_name(payload.value):
        set_district(chat, request, payload.value, None)
    elif payload.action == "c" and payload.value in texts.CATEGORY_LABELS:
        _set_category(chat, request, payload.value)
    elif payload.action == "fd":
        chat.goto(State.AWAITING_DISTRICT, request_id=request.id)
        chat.say(texts.ASK_DISTRICT, district_items(chat, request))
    elif payload.action == "fc":
        chat.goto(State.AWAITING_CATEGORY, request_id=request.id)
        chat.say(texts.ASK_CATEGORY, category_items(chat, request, []))
    else:
        chat.say(texts.CHOICE_NOT_YOURS)


def set_district(chat: Chat, request: Request, code: str, tambon_code: str | None) -> None:
    before = {"district_code": request.district_code, "tambon_code": request.tambon_code}
    if request.district_code != code:
        request.tambon_code = tambon_code if tambon_code and tambon_code.startswith(code) else None
    request.district_code = code
    _audit(chat, request, "villager_set_district", before,
           {"district_code": code, "tambon_code": request.tambon_code})
    chat.say(texts.DISTRICT_SET.format(district=places.district_name(code), ref=request.ref))
    context = chat.context
    if context.get("ask_category"):
        chat.goto(State.AWAITING_CATEGORY, request_id=request.id)
        chat.say(texts.ASK_CATEGORY, category_items(chat, request, context.get("categories", [])))
    else:
        chat.reset()


def _set_category(chat: Chat, request: Request, slug: str) -> None:
    before = {"category": request.category}
    request.category = slug
    _audit(chat, request, "villager_set_category", before, {"category": slug})
    chat.reset()
    chat.say(texts.CATEGORY_SET.format(category=texts.category_label(slug), ref=request.ref))


def receive_location(chat: Chat) -> None:
    incoming = chat.turn.incoming
    lat, lon = incoming.latitude, incoming.longitude
    if lat is None or lon is None or nlp.locate(lat, lon) is None:
        chat.say(texts.LOCATION_OUTSIDE)
        return
    request = _request_for_extras(chat)
    if request is None:
        context = chat.row.context or {}
        chat.row.context = {**context, "pending_location": [lat, lon], "pending_at": chat.turn.now.isoformat()}
        chat.say(texts.LOCATION_WAITING)
        return
    if not still_editable(chat, request):
        return
    place = _apply_location(request, lat, lon)
    _audit(chat, request, "villager_location", {}, {"district_code": request.district_code})
    if place is not None:
        chat.say(texts.LOCATION_SET_WITH_PLACE.format(ref=request.ref, tambon=place.tambon_name,
                                                      district=place.district_name))
    else:
        chat.say(texts.LOCATION_SET.format(ref=request.ref))
    if chat.state == State.AWAITING_DISTRICT and request.district_code:
        chat.reset()


def _apply_location(request: Request, lat: float, lon: float) -> nlp.Place | None:
    """Store the point; fill district and tambon from the polygons when the text named none."""
    request.lat, request.lon = lat, lon
    place = nlp.locate(lat, lon)
    if place is not None and request.district_code is None:
        request.district_code, request.tambon_code = place.district_code, place.tambon_code
    elif place is not None and request.tambon_code is None and place.district_code == request.district_code:
        request.tambon_code = place.tambon_code
    return place


def _request_for_extras(chat: Chat) -> Request | None:
    """Where a photo or location belongs: the request being asked about, else a recent one."""
    asked = own_open_request(chat, chat.context.get("request_id"))
    if asked is not None:
        return asked
    return queries.latest_request_of(chat.turn.session, chat.citizen.id, chat.turn.now - ATTACH_WINDOW)


def request_for_media(chat: Chat) -> Request | None:
    return _request_for_extras(chat)


def _pending_location(chat: Chat) -> tuple[float, float] | None:
    context = chat.row.context or {}
    point = context.get("pending_location")
    return (float(point[0]), float(point[1])) if point else None


def _adopt_waiting_attachments(chat: Chat, request: Request) -> int:
    """Photos sent before the words: they wait for the next request (within the window)."""
    waiting = chat.turn.session.query(Attachment).filter(
        Attachment.citizen_id == chat.citizen.id, Attachment.request_id.is_(None),
        Attachment.created_at >= chat.turn.now - ATTACH_WINDOW,
    ).all()
    for attachment in waiting:
        attachment.request_id = request.id
    return len(waiting)


def _likely_categories(analysis: nlp.Analysis) -> list[str]:
    ranked = analysis.alternatives.get("categories", []) if analysis.alternatives else []
    slugs = [str(item[0]) for item in ranked if item]
    if analysis.category and analysis.category not in slugs:
        slugs.insert(0, analysis.category)
    return slugs


def _audit(chat: Chat, request: Request, action: str, before: dict[str, Any], after: dict[str, Any]) -> None:
    chat.turn.session.add(AuditLog(request_id=request.id, staff_id=None, action=action, before=before,
                                   after=after, at=chat.turn.now))
