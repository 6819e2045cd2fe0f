"""Changing a request on staff's word: legal transitions only, one writer wins, every change audited.

Each change runs in a savepoint and relies on Request.version: when another staff member changed
the same request first, the UPDATE matches no row, the savepoint is rolled back and the caller is
told so, while the event's own transaction (and its answer) still commits.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from bot import areas, texts
from bot.outbox import notify
from storage import audit, forum_dates
from storage.models import Request, Staff, Status

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.ACCEPTED, Status.REJECTED, Status.REFERRED, Status.DUPLICATE}),
    Status.ACCEPTED: frozenset({Status.PLANNED, Status.NOT_PLANNED}),
    Status.PLANNED: frozenset({Status.DONE}),
}


# The status a triage action leads to, by the name the audit trail records it under (the chat
# command's name, so a change made in chat and one made in the console leave the same row).
STATUS_ACTIONS: dict[str, Status] = {
    "accept": Status.ACCEPTED, "reject": Status.REJECTED, "refer": Status.REFERRED, "dup": Status.DUPLICATE,
    "plan": Status.PLANNED, "notplan": Status.NOT_PLANNED, "done": Status.DONE,
}


class Outcome(enum.StrEnum):
    CHANGED = "changed"
    ILLEGAL = "illegal"  # not allowed from the current status
    CONFLICT = "conflict"  # someone else changed the request meanwhile


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    request: Request
    notified: bool = False


def allowed(current: Status, target: Status) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def fold_target(original: Request) -> Request:
    """The request a duplicate is folded onto: the end of the chain, the one that stays on the agenda."""
    while original.duplicate_of is not None:
        original = original.duplicate_of
    return original


def change_status(session: Session, request: Request, target: Status, *, staff: Staff, now: datetime,
                  action: str, today: date, reason: str | None = None, agency: str | None = None,
                  original: Request | None = None) -> Result:
    """Move a request to `target`, fill what that status needs, audit it and tell the requester."""
    if not allowed(request.status, target):
        return Result(Outcome.ILLEGAL, request)

    def mutate(row: Request) -> None:
        row.status = target
        row.status_changed_at = now
        if target == Status.ACCEPTED:
            row.forum = forum_dates.next_forum(session, row.district_code, today)
        if target in {Status.REJECTED, Status.NOT_PLANNED}:
            row.status_reason = reason
        if target == Status.REFERRED:
            row.referred_to = agency
        if target == Status.DUPLICATE and original is not None:
            row.duplicate_of = original
            # Supporters stay counted on the one request that stays on the agenda.
            for folded in session.scalars(select(Request).where(Request.duplicate_of_id == row.id)):
                folded.duplicate_of = original

    result = _guarded(session, request, mutate, staff=staff, now=now, action=action, note=reason or agency)
    if result.outcome != Outcome.CHANGED:
        return result
    return Result(Outcome.CHANGED, request, notified=notify.status_changed(session, request, now))


def edit(session: Session, request: Request, changes: dict[str, Any], *, staff: Staff, now: datetime) -> Result:
    """Correct place or category (no status change, so the requester is not notified)."""

    def mutate(row: Request) -> None:
        for name, value in changes.items():
            setattr(row, name, value)

    return _guarded(session, request, mutate, staff=staff, now=now, action="set")


def note(session: Session, request: Request, text: str, *, staff: Staff, now: datetime) -> None:
    """A remark for colleagues: audited only, the request itself is unchanged."""
    audit.record(session, request=request, staff=staff, action="note", at=now, note=text)


def _guarded(session: Session, request: Request, mutate: Callable[[Request], None], *, staff: Staff,
             now: datetime, action: str, note: str | None = None) -> Result:
    before = snapshot(request)
    try:
        with session.begin_nested():
            mutate(request)
            request.updated_at = now
            session.flush()
    except StaleDataError:
        session.expire(request)
        return Result(Outcome.CONFLICT, request)
    after = snapshot(request)
    changed = [key for key in after if after[key] != before[key]]
    audit.record(session, request=request, staff=staff, action=action, at=now, note=note,
                 before={key: before[key] for key in changed}, after={key: after[key] for key in changed})
    return Result(Outcome.CHANGED, request)


def snapshot(request: Request) -> dict[str, Any]:
    """What the audit trail records of a request: its triage fields, references instead of ids."""
    return {
        "status": request.status.value,
        "status_reason": request.status_reason,
        "referred_to": request.referred_to,
        "duplicate_of": request.duplicate_of.ref if request.duplicate_of else None,
        "forum": request.forum.held_on.isoformat() if request.forum else None,
        "district_code": request.district_code,
        "tambon_code": request.tambon_code,
        "category": request.category,
    }


def told_staff(request: Request, result: Result) -> list[str]:
    """What staff are told after a change went through: the new status, and whether the villager heard."""
    forum = request.forum
    if request.status == Status.ACCEPTED and forum is None:
        told = texts.staff_accepted_without_forum(request.ref, areas.district_name(request.district_code))
    else:
        told = texts.staff_status_changed(request.ref, request.status.value, forum.held_on if forum else None,
                                          request.duplicate_of.ref if request.duplicate_of else None)
    return [told, texts.STAFF_REQUESTER_TOLD if result.notified else texts.STAFF_REQUESTER_NOT_TOLD]
