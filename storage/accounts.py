"""Staff accounts and the LINE groups registered as staff or official groups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import work
from storage.models import ChatGroup, RichMenu, Role, Staff, StaffMenuLink


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


# --- the staff rich menu -------------------------------------------------------------------------

def queue_menu_change(session: Session, staff: Staff, now: datetime) -> None:
    """Ask the worker to link (active staff) or unlink (removed staff) the staff menu for `staff`.

    Called in the transaction that enrols or removes them: the change and the work to show it on
    LINE commit together, and LINE is called only after the commit (by the worker, with retries).
    """
    link = session.scalar(select(StaffMenuLink).where(StaffMenuLink.staff_id == staff.id))
    if link is None:
        session.add(StaffMenuLink(staff_id=staff.id, state="pending", generation=1, updated_at=now))
    else:
        link.state, link.generation, link.attempts = "pending", link.generation + 1, 0
        link.next_attempt_at, link.error, link.updated_at = None, None, now
    session.flush()
    work.announce(session)


def queue_menu_for_all_staff(session: Session, now: datetime) -> int:
    """After a new staff menu is deployed: link it for every active staff member; returns how many."""
    members = all_staff(session)
    for member in members:
        queue_menu_change(session, member, now)
    return len(members)


def remember_rich_menu(session: Session, kind: str, rich_menu_id: str, now: datetime) -> None:
    row = session.get(RichMenu, kind)
    if row is None:
        session.add(RichMenu(kind=kind, rich_menu_id=rich_menu_id, deployed_at=now))
    else:
        row.rich_menu_id, row.deployed_at = rich_menu_id, now
    session.flush()


def rich_menu_id(session: Session, kind: str) -> str | None:
    row = session.get(RichMenu, kind)
    return row.rich_menu_id if row else None
