"""Storing what a villager reports: the request at once, then their corrections, each audited.

A request is stored before any question is asked, so an unanswered question never loses it. These
functions only change the database and say what they did; the conversation's steps answer.
Corrections only touch the villager's own requests that staff have not triaged yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import update

import nlp
from bot.villager.chat import Chat
from storage import audit, erasure, request_store
from storage.models import Attachment, Request, Status

ATTACH_WINDOW = timedelta(minutes=30)  # photos and locations this soon after a request belong to it
CATEGORY_SURE = 0.55  # below this the villager is asked to pick the category


@dataclass(frozen=True)
class Saved:
    """A request just stored: how sure the category is, and whether photos sent earlier joined it."""

    request: Request
    attached: int
    category_unsure: bool
    likely_categories: list[str]


def create_request(chat: Chat, text: str, analysis: nlp.Analysis, *, message_id: str | None = None,
                   location: tuple[float, float] | None = None) -> Saved:
    turn = chat.turn
    request = request_store.create_request(
        turn.session, citizen=chat.citizen, text=text, created_at=turn.now, tz=turn.runtime.tz,
        source_event_id=turn.incoming.event_id, source_message_id=message_id or turn.incoming.message_id,
        district_code=analysis.district_code, tambon_code=analysis.tambon_code,
        category=analysis.category,
        confidence={key: round(float(value), 3) for key, value in analysis.confidence.items()},
    )
    attached = _adopt_waiting_attachments(chat, request)
    if location is not None:
        _apply_location(request, *location)
    category_unsure = request.category is None or analysis.confidence.get("category", 0) < CATEGORY_SURE
    return Saved(request, attached, category_unsure, _likely_categories(analysis))


def own_request(chat: Chat, request_id: Any) -> Request | None:
    """The citizen's own request with this id, whatever its status (else None)."""
    if not isinstance(request_id, int):
        return None
    request = chat.turn.session.get(Request, request_id)
    if request is None or request.citizen_id != chat.citizen.id:
        return None
    return request


def still_open(request: Request) -> bool:
    """Whether the villager may still change it: staff have not acted on it yet (nor was it withdrawn)."""
    return request.status == Status.NEW and request.erased_at is None


def set_district(chat: Chat, request: Request, code: str, tambon_code: str | None) -> None:
    before = {"district_code": request.district_code, "tambon_code": request.tambon_code}
    if tambon_code is None and request.lat is not None and request.lon is not None:
        place = nlp.locate(request.lat, request.lon)  # the villager chose the district their point is in
        tambon_code = place.tambon_code if place is not None and place.district_code == code else None
    if request.district_code != code:
        request.tambon_code = tambon_code if tambon_code and tambon_code.startswith(code) else None
    request.district_code = code
    _audit(chat, request, "villager_set_district", before, {"district_code": code, "tambon_code": request.tambon_code})


def set_category(chat: Chat, request: Request, slug: str) -> None:
    before = {"category": request.category}
    request.category = slug
    _audit(chat, request, "villager_set_category", before, {"category": slug})


def set_location(chat: Chat, request: Request, lat: float, lon: float) -> nlp.Place | None:
    place = _apply_location(request, lat, lon)
    _audit(chat, request, "villager_location", {}, {"district_code": request.district_code})
    return place


def withdraw(chat: Chat, request: Request) -> None:
    """The villager takes one request back: erased (storage.erasure, the one erasure) and audited."""
    audit.record(chat.turn.session, request=request, action="villager_withdrew", at=chat.turn.now,
                 before={"status": request.status.value})
    erasure.withdraw_request(chat.turn.session, request, now=chat.turn.now,
                             instance_path=chat.turn.runtime.settings.instance_path)


def request_to_fix(chat: Chat) -> Request | None:
    """What typed "แก้อำเภอ" or "ยกเลิก" is about: the request being asked about, else the newest open one."""
    asked = own_request(chat, chat.context.get("request_id"))
    if asked is not None and still_open(asked) and asked.erased_at is None:
        return asked
    return request_store.latest_open_request_of(chat.turn.session, chat.citizen.id)


def location_disagrees(request: Request, lat: float, lon: float) -> nlp.Place | None:
    """The place of a point in another district than the one the words named (else None)."""
    place = nlp.locate(lat, lon)
    if place is None or request.district_code is None or place.district_code == request.district_code:
        return None
    return place


def request_for_extras(chat: Chat) -> Request | None:
    """Where a photo or location belongs: the request being asked about, else a recent one."""
    asked = own_request(chat, chat.context.get("request_id"))
    if asked is not None:
        return asked
    return request_store.latest_request_of(chat.turn.session, chat.citizen.id, chat.turn.now - ATTACH_WINDOW)


def _apply_location(request: Request, lat: float, lon: float) -> nlp.Place | None:
    """Store the point; fill district and tambon from the polygons when the text named none."""
    request.lat, request.lon = lat, lon
    place = nlp.locate(lat, lon)
    if place is not None and request.district_code is None:
        request.district_code, request.tambon_code = place.district_code, place.tambon_code
    elif place is not None and request.tambon_code is None and place.district_code == request.district_code:
        request.tambon_code = place.tambon_code
    return place


def _adopt_waiting_attachments(chat: Chat, request: Request) -> int:
    """Photos sent before the words: they wait for the next request (within the window).

    Looked for only when the conversation noted some (`media.receive`): most requests come alone.
    """
    if not chat.files_may_wait():
        return 0
    adopted = chat.turn.session.execute(
        update(Attachment)
        .where(Attachment.citizen_id == chat.citizen.id, Attachment.request_id.is_(None),
               Attachment.created_at >= chat.turn.now - ATTACH_WINDOW)
        .values(request_id=request.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    chat.files_taken()
    return adopted


def _likely_categories(analysis: nlp.Analysis) -> list[str]:
    ranked = analysis.alternatives.get("categories", []) if analysis.alternatives else []
    slugs = [str(item[0]) for item in ranked if item]
    if analysis.category and analysis.category not in slugs:
        slugs.insert(0, analysis.category)
    return slugs


def _audit(chat: Chat, request: Request, action: str, before: dict[str, Any], after: dict[str, Any]) -> None:
    audit.record(chat.turn.session, request=request, action=action, before=before, after=after, at=chat.turn.now)
