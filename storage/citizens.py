"""Citizens: the pseudonymous record of each villager who writes to the bot."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Citizen, utcnow


def new_citizen_key() -> str:
    return "R" + secrets.token_hex(6)


def citizen_for(session: Session, line_user_id: str, now: datetime | None = None) -> Citizen:
    """The citizen behind a LINE user id, created on first contact."""
    now = now or utcnow()
    citizen = session.scalar(select(Citizen).where(Citizen.line_user_id == line_user_id))
    if citizen is None:
        # Seen now, in the INSERT itself: set after the flush, it cost every first contact an UPDATE.
        citizen = Citizen(key=new_citizen_key(), line_user_id=line_user_id, created_at=now, last_seen_at=now)
        session.add(citizen)
        session.flush()
    else:
        citizen.last_seen_at = now
    return citizen


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
