"""Telling villagers what happened to a request: a push with a retry key, quota permitting.

The sender holds notifications back when the month's push quota runs low (the weekly summary has
priority); held ones ride along with the villager's next reply instead. Every notice quotes the
request's first words (nobody remembers "LP-69-00050"), and everyone whose own request was merged
into this one as a duplicate hears about it too: theirs now stands or falls with it.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from bot import texts
from bot.line import messages
from bot.outbox import queue
from storage import request_store
from storage.models import Citizen, Purpose, Request, Status

log = logging.getLogger(__name__)

EXCERPT = 30  # characters of the request quoted in a notice


def status_changed(session: Session, request: Request, now: datetime) -> bool:
    """Queue the notice for the request's current status; False when its requester cannot be told.

    Supporters (requests merged into this one) are told as well, each in their own push.
    """
    told = False
    citizen = request.citizen
    if _reachable(citizen):
        notice = texts.status_notice(
            request.status.value, request.ref, reason=request.status_reason, agency=request.referred_to,
            original=request.duplicate_of.ref if request.duplicate_of else None,
            forum_when=request.forum.held_on if request.forum else None, excerpt=excerpt(request),
            number=request.seq,
        )
        queue.queue_push(session, recipient=citizen.line_user_id, messages=[messages.text(notice)],
                         purpose=Purpose.NOTIFY, now=now, citizen_id=citizen.id, request_id=request.id)
        told = True
    if request.status != Status.DUPLICATE:  # being merged itself is news for its requester only
        _tell_supporters(session, request, now)
    return told


def _tell_supporters(session: Session, original: Request, now: datetime) -> None:
    supporters = [r for r in request_store.merged_into(session, original) if _reachable(r.citizen)]
    for merged in supporters:
        notice = texts.supporter_notice(
            original.status.value, original.ref, merged.ref, excerpt(merged), reason=original.status_reason,
            agency=original.referred_to, forum_when=original.forum.held_on if original.forum else None)
        queue.queue_push(session, recipient=merged.citizen.line_user_id, messages=[messages.text(notice)],
                         purpose=Purpose.NOTIFY, now=now, citizen_id=merged.citizen_id, request_id=merged.id)
    if supporters:
        log.info("request %d: %d supporters told", original.id, len(supporters))


def _reachable(citizen: Citizen | None) -> bool:
    return (citizen is not None and bool(citizen.line_user_id) and citizen.deleted_at is None
            and citizen.following)


def excerpt(request: Request) -> str | None:
    """The request's first words, or None when they were erased (the reference then stands alone)."""
    text = " ".join((request.text or "").split())
    if not text:
        return None
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
