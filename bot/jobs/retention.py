"""Keeping personal data no longer than promised: erase what is older than RETENTION_DAYS.

Requests keep their anonymous facts (district, category, status, dates) for statistics; their text,
location, files and link to the person go. Citizens silent for longer than the retention period are
erased like on their own request; photos never attached to a request, outbox rows and inbox events
still holding content go too (storage/erasure.py knows every personal field).
Like every batch job here it dry-runs unless told to commit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.runtime import Runtime
from storage import audit, erasure
from storage.db import transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Purged:
    requests: int
    citizens: int
    files: int = 0
    outbound: int = 0
    events: int = 0


def purge(runtime: Runtime, *, commit: bool) -> Purged:
    now = runtime.now()
    cutoff = now - timedelta(days=runtime.settings.retention_days)
    with transaction(runtime.sessions) as session:
        done = erasure.purge(session, cutoff=cutoff, now=now, instance_path=runtime.settings.instance_path)
        result = Purged(requests=done.requests, citizens=done.citizens, files=done.attachments,
                        outbound=done.outbound, events=done.events)
        if not commit:
            session.rollback()  # files are only unlinked after a commit, so a dry run touches none
            return result
        if result != Purged(0, 0):
            audit.record(session, action="retention_purge", at=now,
                         after={"requests": result.requests, "citizens": result.citizens, "files": result.files,
                                "outbound": result.outbound, "events": result.events})
    log.info("retention purge: %d requests, %d citizens, %d files, %d outbound rows, %d events",
             result.requests, result.citizens, result.files, result.outbound, result.events)
    return result
