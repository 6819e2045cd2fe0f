"""The permission gate: which role may run which kind of command, and in which districts."""

from __future__ import annotations

import enum

from storage.models import Role, Staff


class Permission(enum.StrEnum):
    READ = "read"  # look at the queue, a request, forums, the summary
    TRIAGE = "triage"  # change requests and forums
    ADMIN = "admin"  # manage staff and groups


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.TRIAGER: frozenset({Permission.READ, Permission.TRIAGE}),
    Role.OFFICIAL: frozenset({Permission.READ}),
}


def may_run(staff: Staff, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(staff.role, frozenset())


def covers(staff: Staff, district_code: str | None) -> bool:
    """Whether a staff member's district limit includes this district (admins and unlimited staff: all).

    A request with no district yet is outside every limit: only unlimited staff place it first.
    """
    if staff.role == Role.ADMIN or not staff.districts:
        return True
    return district_code is not None and district_code in staff.districts


def visible_districts(staff: Staff) -> list[str]:
    """The districts a queue is limited to for this person; empty means every district."""
    return [] if staff.role == Role.ADMIN else list(staff.districts or [])


def may_change(staff: Staff, district_code: str | None) -> bool:
    """Whether this person may change a request in this district, from chat or from the console."""
    return may_run(staff, Permission.TRIAGE) and covers(staff, district_code)
