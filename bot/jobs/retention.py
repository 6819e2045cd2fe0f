"""Keeping personal data no longer than promised: erase what is older than RETENTION_DAYS.

Requests keep their anonymous facts (district, category, status, dates) for statistics; their text,
location and files go. Citizens silent for longer than the retention period lose their LINE id.
Like every batch job here it dry-runs unless told to commit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select

from bot.runtime import Runtime
from bot.villager import media
from storage.db import transaction
from storage.models import Attachment, AuditLog, Citizen, Conversation, Request

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Purged:
    requests: int
    citizens: int


def purge(runtime: Runtime, *, commit: bool) -> Purged:
    cutoff = runtime.now() - timedelta(days=runtime.settings.retention_days)
    with transaction(runtime.sessions) as session:
        requests = list(session.scalars(select(Request).where(
            Request.created_at < cutoff, Request.erased_at.is_(None),
            or_(Request.text.is_not(None), Request.lat.is_not(None), Request.citizen_id.is_not(None)))))
        citizens = list(session.scalars(select(Citizen).where(
            Citizen.line_user_id.is_not(None),
            or_(Citizen.last_seen_at < cutoff, Citizen.last_seen_at.is_(None) & (Citizen.created_at < cutoff)))))
        result = Purged(requests=len(requests), citizens=len(citizens))
        if not commit:
            session.rollback()
            return result
        now = runtime.now()
        for request in requests:
            request.text, request.lat, request.lon, request.erased_at = None, None, None, now
            for attachment in session.scalars(select(Attachment).where(Attachment.request_id == request.id)):
                media.delete_file(runtime, attachment, session)
                attachment.state, attachment.citizen_id = "removed", None
        for citizen in citizens:
            citizen.line_user_id, citizen.display_name, citizen.deleted_at = None, None, now
            conversation = session.get(Conversation, citizen.id)
            if conversation is not None:
                session.delete(conversation)
        if requests or citizens:
            session.add(AuditLog(action="retention_purge", before={}, at=now,
                                 after={"requests": result.requests, "citizens": result.citizens}))
    log.info("retention purge: %d requests, %d citizens", result.requests, result.citizens)
    return result
