"""Requests: numbering, creating, finding, the triage queue, supporters and likely duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage import sql
from storage.models import Citizen, RefCounter, Request, Status
from storage.refs import format_ref


def buddhist_year(moment: datetime, tz: Any) -> int:
    return moment.astimezone(tz).year + 543


def next_sequence(session: Session, year_be: int) -> int:
    """Atomically take the next number of the year, in one round trip: the upsert holds the row lock."""
    counter = RefCounter.__table__
    return session.execute(
        sql.insert_or_ignore(session, counter).values(year_be=year_be, last=1)
        .on_conflict_do_update(index_elements=["year_be"], set_={"last": counter.c.last + 1})
        .returning(counter.c.last)
    ).scalar_one()


def create_request(session: Session, *, citizen: Citizen | None, text: str | None, created_at: datetime,
                   tz: Any, source_event_id: str | None = None, source_message_id: str | None = None,
                   **fields: Any) -> Request:
    year_be = buddhist_year(created_at, tz)
    seq = next_sequence(session, year_be)
    request = Request(ref=format_ref(year_be, seq), year_be=year_be, seq=seq, citizen=citizen, text=text,
                      created_at=created_at, updated_at=created_at, source_event_id=source_event_id,
                      source_message_id=source_message_id, **fields)
    session.add(request)
    session.flush()
    return request


def request_by_ref(session: Session, ref: str) -> Request | None:
    return session.scalar(select(Request).where(Request.ref == ref))


def requests_for_export(session: Session, *, district_code: str | None = None,
                        statuses: Sequence[str] | None = None, options: Sequence[Any] = ()) -> list[Request]:
    statement = select(Request).options(*options).order_by(Request.created_at, Request.id)
    if district_code:
        statement = statement.where(Request.district_code == district_code)
    if statuses:
        statement = statement.where(Request.status.in_(list(statuses)))
    return list(session.scalars(statement))


def latest_request_of(session: Session, citizen_id: int, since: datetime) -> Request | None:
    """The citizen's newest request made after `since` (photos and locations attach to it)."""
    return session.scalar(
        select(Request).where(Request.citizen_id == citizen_id, Request.created_at >= since)
        .order_by(Request.created_at.desc(), Request.id.desc()).limit(1)
    )


def requests_of(session: Session, citizen_id: int, limit: int) -> tuple[list[Request], int]:
    """The citizen's requests, newest first, and how many there are in all."""
    requests = list(session.scalars(
        select(Request).where(Request.citizen_id == citizen_id)
        .order_by(Request.created_at.desc(), Request.id.desc()).limit(limit)
    ))
    total = session.scalar(select(func.count()).select_from(Request).where(Request.citizen_id == citizen_id))
    return requests, total or 0


@dataclass(frozen=True)
class QueuePage:
    requests: list[Request]
    total: int
    page: int
    pages: int
    by_status: dict[str, int]


def queue(session: Session, *, statuses: Sequence[Status], district_codes: Sequence[str] = (),
          category: str | None = None, page: int = 1, per_page: int = 10) -> QueuePage:
    """Requests waiting for staff, oldest first, one page of them, with totals for the filter."""
    conditions: list[Any] = [Request.erased_at.is_(None)]
    if district_codes:
        conditions.append(Request.district_code.in_(list(district_codes)))
    if category:
        conditions.append(Request.category == category)
    counts = dict(session.execute(
        select(Request.status, func.count()).where(*conditions).group_by(Request.status)
    ).all())
    by_status = {status.value: counts.get(status, 0) for status in Status if counts.get(status, 0)}
    conditions.append(Request.status.in_(list(statuses)))
    total = session.scalar(select(func.count()).select_from(Request).where(*conditions)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    requests = list(session.scalars(
        select(Request).where(*conditions).order_by(Request.created_at, Request.id)
        .offset((page - 1) * per_page).limit(per_page)
    ))
    return QueuePage(requests, total, page, pages, by_status)


def supporters(session: Session, request: Request) -> int:
    """The requester plus everyone whose request was folded into this one as a duplicate."""
    folded = session.scalar(select(func.count()).select_from(Request).where(Request.duplicate_of_id == request.id))
    return 1 + (folded or 0)


def similar_candidates(session: Session, request: Request, limit: int = 300) -> list[Request]:
    """Requests that could be the same need: same district and category, not folded away, not erased."""
    if not request.district_code or not request.category:
        return []
    return list(session.scalars(
        select(Request)
        .where(Request.id != request.id, Request.district_code == request.district_code,
               Request.category == request.category, Request.erased_at.is_(None), Request.text.is_not(None),
               Request.status.not_in([Status.DUPLICATE, Status.REJECTED]))
        .order_by(Request.created_at.desc()).limit(limit)
    ))
