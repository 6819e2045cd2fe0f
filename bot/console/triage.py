"""Changing requests from the console: the chat commands' rules through the same staff core.

Every change goes through bot.staff.actions (legal transitions, optimistic locking, the audit row
named after the chat command, the villager's notification) and bot.staff.permissions (role and
districts). The console adds one check chat does not need: the version the page showed, so a
change made by someone else after the page was drawn is a conflict, not silently overwritten.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot import areas, texts
from bot.staff import actions, parsing, permissions
from bot.staff.actions import Outcome, Result
from storage import request_store
from storage.models import Request, Staff

log = logging.getLogger(__name__)

BULK_ACTIONS = ("accept", "reject", "refer", "dup", "set")
MAX_AT_ONCE = 500  # one queue page


@dataclass(frozen=True)
class Order:
    """One console action on one or more requests, as the form sent it."""

    action: str
    reason: str = ""  # reject
    agency: str = ""  # refer
    original: str = ""  # dup: the reference the requests are folded onto
    district: str = ""  # set: a district code
    category: str = ""  # set: a category slug


@dataclass(frozen=True)
class Line:
    ref: str
    changed: bool
    message: str


class Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def run(session: Session, staff: Staff, order: Order, targets: list[tuple[str, int | None]], *,
        now: datetime, today: date) -> list[Line]:
    """Apply `order` to each (reference, version the page showed); one line per request, in order."""
    if order.action not in BULK_ACTIONS or not 1 <= len(targets) <= MAX_AT_ONCE:
        raise Refused(texts.CONSOLE_BAD_ACTION)
    _check_order(order)
    lines = []
    for ref, seen_version in targets:
        try:
            request = _request(session, staff, ref)
            if seen_version is not None and request.version != seen_version:
                raise Refused(texts.STAFF_CONFLICT.format(ref=ref))
            lines.append(_apply(session, staff, order, request, now=now, today=today))
        except Refused as refused:
            lines.append(Line(ref, False, refused.message))
    log.info("console staff %d ran %s on %d requests (%d changed)", staff.id, order.action, len(targets),
             sum(line.changed for line in lines))
    return lines


def note(session: Session, staff: Staff, ref: str, text: str, *, now: datetime) -> Line:
    text = text.strip()
    if not text:
        raise Refused(texts.CONSOLE_NOTE_EMPTY)
    request = _request(session, staff, ref)
    actions.note(session, request, text, staff=staff, now=now)
    return Line(ref, True, texts.STAFF_NOTED.format(ref=ref))


def _check_order(order: Order) -> None:
    if order.action == "reject":
        _fits(order.reason, Request.status_reason)
    if order.action == "refer":
        _fits(order.agency, Request.referred_to)
    if order.action == "dup" and not order.original.strip():
        raise Refused(texts.CONSOLE_DUP_NEEDS_ORIGINAL)
    if order.action == "set":
        if not order.district and not order.category:
            raise Refused(texts.CONSOLE_SET_NEEDS_FIELD)
        if order.district and areas.district_name(order.district) is None:
            raise Refused(texts.STAFF_UNKNOWN_DISTRICT.format(word=order.district))
        if order.category and order.category not in texts.CATEGORY_LABELS:
            raise Refused(texts.STAFF_UNKNOWN_CATEGORY.format(word=order.category))


def _fits(value: str, column: object) -> None:
    if not value.strip():
        raise Refused(texts.CONSOLE_REASON_NEEDED)
    limit = parsing.too_long(value.strip(), column)
    if limit is not None:
        raise Refused(texts.STAFF_TOO_LONG.format(limit=limit))


def _request(session: Session, staff: Staff, ref: str) -> Request:
    """The request, if it exists and lies within this person's districts (as chat's references do)."""
    request = request_store.request_by_ref(session, ref)
    if request is None or request.erased_at is not None:
        raise Refused(texts.STAFF_REF_NOT_FOUND.format(ref=ref))
    if not permissions.covers(staff, request.district_code):
        raise Refused(texts.STAFF_OUTSIDE_DISTRICTS.format(ref=ref))
    return request


def _apply(session: Session, staff: Staff, order: Order, request: Request, *, now: datetime, today: date) -> Line:
    if order.action == "set":
        return _set(session, staff, order, request, now=now)
    details: dict[str, object] = {}
    if order.action == "reject":
        details["reason"] = order.reason.strip()
    if order.action == "refer":
        details["agency"] = order.agency.strip()
    if order.action == "dup":
        original = actions.fold_target(_request(session, staff, order.original.strip()))
        if not permissions.covers(staff, original.district_code):  # the one folded onto must be theirs too
            raise Refused(texts.STAFF_OUTSIDE_DISTRICTS.format(ref=original.ref))
        if original.id == request.id:
            raise Refused(texts.STAFF_DUP_SELF.format(ref=request.ref))
        details["original"] = original
    result = actions.change_status(session, request, actions.STATUS_ACTIONS[order.action], staff=staff, now=now,
                                   today=today, action=order.action, **details)  # type: ignore[arg-type]
    return _outcome(request, result)


def _set(session: Session, staff: Staff, order: Order, request: Request, *, now: datetime) -> Line:
    changes: dict[str, str | None] = {}
    district = request.district_code
    if order.district:
        district = changes["district_code"] = order.district
        if request.tambon_code and not request.tambon_code.startswith(district):
            changes["tambon_code"] = None  # the old tambon lies in another district
    if not permissions.covers(staff, district):
        raise Refused(texts.STAFF_DISTRICT_OUTSIDE.format(district=areas.district_name(district)))
    if order.category:
        changes["category"] = order.category
    result = actions.edit(session, request, changes, staff=staff, now=now)
    if result.outcome == Outcome.CONFLICT:
        return Line(request.ref, False, texts.STAFF_CONFLICT.format(ref=request.ref))
    return Line(request.ref, True, texts.staff_fields_set(request.ref, areas.district_name(request.district_code),
                                                          areas.tambon_name(request.tambon_code), request.category))


def _outcome(request: Request, result: Result) -> Line:
    if result.outcome == Outcome.CONFLICT:
        return Line(request.ref, False, texts.STAFF_CONFLICT.format(ref=request.ref))
    if result.outcome == Outcome.ILLEGAL:
        choices = sorted(status.value for status in actions.TRANSITIONS.get(request.status, ()))
        return Line(request.ref, False, texts.staff_illegal(request.ref, request.status.value, choices))
    return Line(request.ref, True, " ".join(actions.told_staff(request, result)))
