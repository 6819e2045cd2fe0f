"""The audit trail: the one writer of `audit_log` rows, and the history of one request.

Every change to a request (by staff, by the villager, by a batch job) and every staff or privacy
action is recorded here, append-only, naming staff by id and villagers not at all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import AuditLog, Request, Staff


def record(session: Session, *, action: str, at: datetime, request: Request | None = None,
           staff: Staff | None = None, before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
           note: str | None = None) -> AuditLog:
    """Append one row; `staff` None means the villager or the system acted."""
    row = AuditLog(request_id=request.id if request else None, staff_id=staff.id if staff else None,
                   action=action, before=before or {}, after=after or {}, note=note, at=at)
    session.add(row)
    return row


def history(session: Session, request: Request) -> list[tuple[AuditLog, Staff | None]]:
    """Every row about `request`, oldest first, with the staff member who acted (None: villager or system)."""
    rows = session.execute(
        select(AuditLog, Staff).outerjoin(Staff, Staff.id == AuditLog.staff_id)
        .where(AuditLog.request_id == request.id).order_by(AuditLog.at, AuditLog.id)
    )
    return [(entry, who) for entry, who in rows]


def status_changes(session: Session, request: Request) -> list[tuple[datetime, str]]:
    """When the request's status changed, and to what, oldest first."""
    changes = []
    for entry, _ in history(session, request):
        status = (entry.after or {}).get("status")
        if status and status != (entry.before or {}).get("status"):
            changes.append((entry.at, status))
    return changes
