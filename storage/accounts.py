"""Staff accounts and the LINE groups registered as staff or official groups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import ChatGroup, Role, Staff


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
