"""Queries behind staff triage: staff and groups, the triage queue, forums, supporters and the audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import ChatGroup, Forum, Request, Role, Staff, Status

# --- staff and their groups --------------------------------------------------------------------


def staff_by_line_id(session: Session, line_user_id: str | None) -> Staff | None:
    """A current staff member (removed ones no longer count)."""
    if not line_user_id:
        return None
    return session.scalar(select(Staff).where(Staff.line_user_id == line_user_id, Staff.removed_at.is_(None)))


def all_staff(session: Session) -> list[Staff]:
    return list(session.scalars(select(Staff).where(Staff.removed_at.is_(None)).order_by(Staff.role, Staff.id)))


def save_staff(session: Session, *, line_user_id: str, role: Role, name: str | None,
               districts: Sequence[str], now: datetime) -> tuple[Staff, bool]:
    """Add a staff member (or bring a removed one back) or update their role, name and districts.

    True when the person was not staff before.
    """
    staff = session.scalar(select(Staff).where(Staff.line_user_id == line_user_id))
    created = staff is None or staff.removed_at is not None
    if staff is None:
        staff = Staff(line_user_id=line_user_id, role=role, created_at=now)
        session.add(staff)
    staff.role = role
    staff.name = name if name is not None else staff.name
    staff.districts = list(districts)
    staff.removed_at = None
    session.flush()
    return staff, created


def remove_staff(session: Session, line_user_id: str, now: datetime) -> bool:
    staff = staff_by_line_id(session, line_user_id)
    if staff is None:
        return False
    staff.removed_at = now
    session.flush()
    return True


def group_by_line_id(session: Session, line_group_id: str | None) -> ChatGroup | None:
    if not line_group_id:
        return None
    return session.scalar(select(ChatGroup).where(ChatGroup.line_group_id == line_group_id))


def register_group(session: Session, *, line_group_id: str, kind: str, staff: Staff | None,
                   now: datetime) -> ChatGroup:
    group = group_by_line_id(session, line_group_id)
    if group is None:
        group = ChatGroup(line_group_id=line_group_id, kind=kind, created_at=now)
        session.add(group)
    group.kind = kind
    group.registered_by = staff.id if staff else None
    session.flush()
    return group


def unregister_group(session: Session, line_group_id: str) -> bool:
    group = group_by_line_id(session, line_group_id)
    if group is None:
        return False
    session.delete(group)
    session.flush()
    return True


# --- requests by reference ---------------------------------------------------------------------


# --- the triage queue --------------------------------------------------------------------------


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


# --- forums ------------------------------------------------------------------------------------


def next_forum(session: Session, district_code: str | None, today: date) -> Forum | None:
    """The district's next forum on or after today (its agenda is where accepted requests go)."""
    if not district_code:
        return None
    return session.scalar(
        select(Forum).where(Forum.district_code == district_code, Forum.held_on >= today)
        .order_by(Forum.held_on).limit(1)
    )


def upcoming_forums(session: Session, today: date, district_code: str | None = None) -> list[Forum]:
    statement = select(Forum).where(Forum.held_on >= today).order_by(Forum.district_code, Forum.held_on)
    if district_code:
        statement = statement.where(Forum.district_code == district_code)
    return list(session.scalars(statement))


def save_forum(session: Session, *, district_code: str, held_on: date, venue: str, now: datetime,
               today: date) -> tuple[Forum, bool]:
    """Schedule a forum, or change the venue of one already on that day; True when newly scheduled."""
    forum = session.scalar(select(Forum).where(Forum.district_code == district_code, Forum.held_on == held_on))
    created = forum is None
    if forum is None:
        forum = Forum(district_code=district_code, held_on=held_on, venue=venue, updated_at=now)
        session.add(forum)
    forum.venue = venue
    forum.updated_at = now
    session.flush()
    if next_forum(session, district_code, today) is forum:
        _adopt_waiting_accepted(session, forum, now)
    return forum, created


def _adopt_waiting_accepted(session: Session, forum: Forum, now: datetime) -> None:
    """Requests accepted while their district had no forum scheduled join the agenda of this, its next one."""
    waiting = session.scalars(select(Request).where(
        Request.district_code == forum.district_code, Request.status == Status.ACCEPTED,
        Request.forum_id.is_(None)))
    for request in waiting:
        request.forum, request.updated_at = forum, now
