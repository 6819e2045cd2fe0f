"""Fixed data for the summary tests: officials, groups, forums and requests with chosen timestamps."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.citizens import new_citizen_key
from storage.models import ChatGroup, Citizen, Forum, Request, Role, Staff, Status
from storage.request_store import create_request

BANGKOK = ZoneInfo("Asia/Bangkok")
WEEK = "2026-W02"  # Monday 5 Jan 2026 to Sunday 11 Jan 2026, Bangkok time
# The summary is built on Monday 12 Jan 2026 at 08:00 Bangkok.
NOW = datetime(2026, 1, 12, 8, 0, tzinfo=BANGKOK).astimezone(UTC)


def at(day: int, hour: int = 10, month: int = 1) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=BANGKOK)


def add_request(session: Session, created_at: datetime, *, text: str | None = "ถนนพัง",
                district: str | None = "5201", category: str | None = "infrastructure",
                **fields: Any) -> Request:
    citizen = Citizen(key=new_citizen_key())
    session.add(citizen)
    return create_request(session, citizen=citizen, text=text, created_at=created_at, tz=BANGKOK,
                          district_code=district, category=category, **fields)


def add_official(session: Session, line_user_id: str, role: Role = Role.OFFICIAL) -> None:
    session.add(Staff(line_user_id=line_user_id, name="นายก", role=role))


def add_official_group(session: Session, line_group_id: str, kind: str = "official") -> None:
    session.add(ChatGroup(line_group_id=line_group_id, kind=kind))


def add_forum(session: Session, district: str, held_on: date) -> Forum:
    forum = Forum(district_code=district, held_on=held_on, venue="ศาลาประชาคม")
    session.add(forum)
    session.flush()
    return forum


def seed_week(session: Session) -> None:
    """The fixed week the number-by-number test reads."""
    # The week before: 2 requests.
    add_request(session, at(29, month=12).replace(year=2025))
    add_request(session, at(4, hour=23))  # Sunday 23:00 Bangkok still belongs to the week before
    # This week: 5 requests.
    original = add_request(session, at(5, hour=0), text="ถนนบ้านนาแก้วเป็นหลุมเป็นบ่อ", district="5203")
    add_request(session, at(6), text="ถนนบ้านนาแก้วเป็นหลุมเป็นบ่อ", district="5203",
                status=Status.DUPLICATE, duplicate_of=original)
    add_request(session, at(7), text="ขอไฟส่องทาง", district="5205", category="electricity",
                status=Status.ACCEPTED)
    add_request(session, at(8), text=None, district=None, category="water", erased_at=at(9))
    add_request(session, at(11, hour=23), text="หมอกควัน", district="5205", category="environment")
    # Next week (Monday 00:00 Bangkok): not counted.
    add_request(session, at(12, hour=0))
    # Older requests decided this week, and one decided the week before.
    add_request(session, datetime(2025, 12, 1, tzinfo=BANGKOK), status=Status.PLANNED, status_changed_at=at(6))
    add_request(session, datetime(2025, 12, 1, tzinfo=BANGKOK), status=Status.DONE, status_changed_at=at(10))
    add_request(session, datetime(2025, 12, 1, tzinfo=BANGKOK), status=Status.DONE, status_changed_at=at(4))

