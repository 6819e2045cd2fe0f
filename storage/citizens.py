"""Citizens: the pseudonymous record of each villager who writes to the bot."""

from __future__ import annotations

import secrets
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from storage import sql
from storage.models import Citizen, utcnow


def new_citizen_key() -> str:
    return "R" + secrets.token_hex(6)


class Seen(NamedTuple):
    citizen: Citizen
    first_contact: bool  # the row was created by this call


def seen(session: Session, line_user_id: str, now: datetime) -> Seen:
    """The citizen behind a LINE user id, marked seen now; created on first contact.

    One statement either way, INSERT ... ON CONFLICT (line_user_id) DO UPDATE ... RETURNING: a
    SELECT, then an INSERT or an UPDATE, cost every message two.
    """
    key = new_citizen_key()
    citizen = session.scalars(_seen_statement(session.get_bind().dialect.name),
                              {"key": key, "line_user_id": line_user_id, "now": now},
                              execution_options={"populate_existing": True}).one()
    # A returning villager keeps their key; the random one proposed here matches only a new row.
    return Seen(citizen, first_contact=citizen.key == key)


@cache
def _seen_statement(dialect: str) -> Any:
    """Built once per process (the worker runs it for every message; building it cost more than
    running it), as a Core upsert read into the ORM's citizen: the ORM's own upsert costs twice that."""
    table = Citizen.__table__
    now = bindparam("now", type_=table.c.last_seen_at.type)
    upsert = (
        sql.insert_or_ignore_on(dialect, table)
        .values(key=bindparam("key"), line_user_id=bindparam("line_user_id"), created_at=now, last_seen_at=now)
        .on_conflict_do_update(index_elements=["line_user_id"], set_={"last_seen_at": now})
        .returning(*table.c)
    )
    return select(Citizen).from_statement(upsert)


def citizen_for(session: Session, line_user_id: str, now: datetime | None = None) -> Citizen:
    """The citizen behind a LINE user id, created on first contact."""
    return seen(session, line_user_id, now or utcnow()).citizen


def citizen_by_key(session: Session, key: str) -> Citizen | None:
    """The citizen with this pseudonymous key (how staff name a villager)."""
    return session.scalar(select(Citizen).where(Citizen.key == key))


def ask_for_staff(citizen: Citizen, now: datetime) -> bool:
    """Flag the chat for staff ("talk to a person"); False when it was already flagged."""
    if citizen.wants_staff_at is not None:
        return False
    citizen.wants_staff_at = now
    return True


def waiting_for_staff(session: Session, limit: int = 50) -> list[Citizen]:
    """Villagers who asked to talk to staff, longest waiting first (for the staff queue)."""
    return list(session.scalars(
        select(Citizen).where(Citizen.wants_staff_at.is_not(None), Citizen.line_user_id.is_not(None))
        .order_by(Citizen.wants_staff_at, Citizen.id).limit(limit)))


def staff_answered(session: Session, citizen_key: str) -> bool:
    """Clear the flag once staff have answered the villager (by their pseudonymous key); False if not flagged."""
    citizen = session.scalar(select(Citizen).where(Citizen.key == citizen_key))
    if citizen is None or citizen.wants_staff_at is None:
        return False
    citizen.wants_staff_at = None
    return True
