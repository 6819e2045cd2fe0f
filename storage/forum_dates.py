"""Forums (ประชาคม): the schedule, and accepted requests joining the next forum of their district."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Forum, Request, Status


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
