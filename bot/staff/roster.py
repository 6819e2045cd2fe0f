"""Enrolling and removing staff: the rules shared by `flask staff` and the /staff chat command."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from bot import areas
from bot.staff import parsing
from storage import accounts
from storage.models import Role, Staff

_LINE_USER_ID = re.compile(r"^U[0-9a-f]{32}$")


class RosterError(ValueError):
    """What was given cannot be saved; `field` says which part ("user", "role", "district")."""

    def __init__(self, field: str, value: str) -> None:
        super().__init__(f"invalid {field}: {value!r}")
        self.field = field
        self.value = value


def enrol(session: Session, *, line_user_id: str, role: str, name: str | None, districts: Sequence[str],
          now: datetime) -> tuple[Staff, bool]:
    """Add or update a staff member; districts may be typed as codes or names. True when new."""
    if not _LINE_USER_ID.match(line_user_id):
        raise RosterError("user", line_user_id)
    try:
        staff_role = Role(role.lower())
    except ValueError as error:
        raise RosterError("role", role) from error
    if parsing.too_long(name, Staff.name) is not None:  # PostgreSQL would refuse it, failing the event
        raise RosterError("name", name or "")
    codes = []
    for district in districts:
        code = areas.district_code(district)
        if code is None:
            raise RosterError("district", district)
        codes.append(code)
    staff, created = accounts.save_staff(session, line_user_id=line_user_id, role=staff_role, name=name,
                                         districts=sorted(set(codes)), now=now)
    if created:  # newly staff (or back): the worker links the staff rich menu once this commits
        accounts.queue_menu_change(session, staff, now)
    return staff, created


def remove(session: Session, line_user_id: str, now: datetime) -> bool:
    staff = accounts.staff_by_line_id(session, line_user_id)
    if staff is None or not accounts.remove_staff(session, line_user_id, now):
        return False
    accounts.queue_menu_change(session, staff, now)  # they see the villagers' default menu again
    return True
