"""Telling a villager what happened to their request: a push with a retry key, quota permitting.

The sender holds notifications back when the month's push quota runs low (the weekly summary has
priority); held ones ride along with the villager's next reply instead.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot import texts
from bot.line import messages
from bot.outbox import queue
from storage.models import Purpose, Request


def status_changed(session: Session, request: Request, now: datetime) -> bool:
    """Queue the notice for the request's current status; False when nobody can be told."""
    citizen = request.citizen
    if citizen is None or not citizen.line_user_id or citizen.deleted_at is not None or not citizen.following:
        return False
    notice = texts.status_notice(
        request.status.value, request.ref, reason=request.status_reason, agency=request.referred_to,
        original=request.duplicate_of.ref if request.duplicate_of else None,
        forum_when=request.forum.held_on if request.forum else None,
    )
    queue.queue_push(session, recipient=citizen.line_user_id, messages=[messages.text(notice)],
                      purpose=Purpose.NOTIFY, now=now, citizen_id=citizen.id, request_id=request.id)
    return True
