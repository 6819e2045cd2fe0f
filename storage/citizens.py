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
    citizen = session.scalar(select(Citizen).where(Citizen.line_user_id == line_user_id))
    if citizen is None:
        citizen = Citizen(key=new_citizen_key(), line_user_id=line_user_id, created_at=now or utcnow())
        session.add(citizen)
        session.flush()
    citizen.last_seen_at = now or utcnow()
    return citizen
