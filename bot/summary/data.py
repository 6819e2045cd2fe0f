"""The numbers of one ISO week's summary, gathered with a handful of aggregate queries."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from bot import duplicates
from bot.areas import districts
from bot.texts import CATEGORY_LABELS
from storage.models import AuditLog, Forum, Request, Status

ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
# As staff may type a week: either era's year, "w" in either case, one or two digits (2570-w3).
TYPED_WEEK = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")
BUDDHIST_ERA_FROM = 2400
TOP_ISSUES = 5
# Near-duplicates are folded among the week's untriaged requests only, newest first, so the cost
# stays bounded however busy the week was (tokenising is ~0.1 ms a text, comparing is quadratic).
NEAR_DUPLICATE_SCAN = 400
OPEN_STATUSES = (Status.NEW, Status.ACCEPTED, Status.PLANNED)


# --- weeks -------------------------------------------------------------------------------------

def parse_iso_week(value: str) -> tuple[int, int]:
    """"2026-W03" → (2026, 3); raises ValueError for anything else or a week the year lacks."""
    match = ISO_WEEK.match(value.strip())
    if not match:
        raise ValueError(f"not an ISO week (YYYY-Www): {value!r}")
    year, week = int(match[1]), int(match[2])
    date.fromisocalendar(year, week, 1)  # raises for week 53 of a 52-week year
    return year, week


def typed_iso_week(value: str) -> str:
    """"2570-w3" or "2027-W03" → "2027-W03"; raises ValueError for anything else."""
    match = TYPED_WEEK.match(value.strip())
    if not match:
        raise ValueError(f"not a week: {value!r}")
    year, week = int(match[1]), int(match[2])
    if year >= BUDDHIST_ERA_FROM:
        year -= 543
    canonical = f"{year}-W{week:02d}"
    parse_iso_week(canonical)
    return canonical


def iso_week_of(moment: datetime, tz: ZoneInfo) -> str:
    year, week, _ = moment.astimezone(tz).isocalendar()
    return f"{year}-W{week:02d}"


def last_complete_week(now: datetime, tz: ZoneInfo) -> str:
    return iso_week_of(now - timedelta(days=7), tz)


def week_bounds(iso_week: str, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00, local time, as aware datetimes."""
    year, week = parse_iso_week(iso_week)
    monday = date.fromisocalendar(year, week, 1)
    start = datetime.combine(monday, time(0), tzinfo=tz)
    return start, datetime.combine(monday + timedelta(days=7), time(0), tzinfo=tz)


# --- the summary -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ForumLoad:
    """An upcoming forum and how many accepted requests wait on its agenda."""

    district_code: str  # "52": the provincial forum
    held_on: date
    accepted: int


@dataclass(frozen=True)
class RepeatedIssue:
    """One issue raised by several villagers: an original request with its duplicates folded in."""

    ref: str
    district_code: str | None
    category: str | None
    text: str | None  # None when its villager asked to be erased: the issue still counts
    supporters: int


@dataclass(frozen=True)
class WeekSummary:
    iso_week: str
    starts_on: date
    ends_on: date  # the Sunday; today while the week is still running
    new_requests: int
    # Over the same stretch of the week before: all of it, or (partial week) its first days up to
    # the same weekday and hour, so that a Wednesday is never compared with a whole week.
    new_previous_week: int
    # district code (None: not yet known) → category slug (None: not yet known) → new this week.
    # Every district and every category is present, zeros included.
    new_by_district: dict[str | None, dict[str | None, int]]
    waiting: int
    oldest_waiting_days: int | None
    forums: list[ForumLoad]
    accepted_without_forum: int
    repeated: list[RepeatedIssue]
    planned: int
    done: int
    accepted: int = 0  # accepted onto a forum's agenda during the week (any status since)
    rejected: int = 0
    partial: bool = False  # the week is still running: figures are "so far"

    @property
    def change(self) -> int:
        return self.new_requests - self.new_previous_week

    def district_total(self, code: str | None) -> int:
        return sum(self.new_by_district.get(code, {}).values())

    def category_total(self, slug: str | None) -> int:
        return sum(row.get(slug, 0) for row in self.new_by_district.values())


def build(session: Session, iso_week: str, *, tz: ZoneInfo, now: datetime,
          districts: Sequence[str] = ()) -> WeekSummary:
    """The summary of `iso_week` (up to `now` if that week is still running).

    `districts` limits every figure and quote to those districts (staff limited to them); empty: all.
    """
    start, end = week_bounds(iso_week, tz)
    within = _within(districts)
    partial = now < end
    covered_until = min(end, max(now, start))  # the figures of a running week stop at `now`
    last_day = (covered_until - timedelta(microseconds=1)).astimezone(tz).date() if partial else None
    return WeekSummary(
        iso_week=iso_week,
        starts_on=start.date(),
        ends_on=max(last_day, start.date()) if last_day else (end - timedelta(days=1)).date(),
        partial=partial,
        new_requests=_count_created(session, start, end, within),
        new_previous_week=_count_created(session, start - timedelta(days=7), covered_until - timedelta(days=7),
                                         within),
        new_by_district=_new_by_district(session, start, end, districts),
        waiting=(waiting := _waiting(session, now, within))[0],
        oldest_waiting_days=waiting[1],
        forums=_upcoming_forums(session, now.astimezone(tz).date(), districts),
        accepted_without_forum=session.scalar(
            select(func.count()).select_from(Request)
            .where(Request.status == Status.ACCEPTED, Request.forum_id.is_(None), *within)) or 0,
        repeated=_repeated_issues(session, start, end, within),
        **_decided(session, start, end, within),
        **_triaged(session, start, end, within),
    )


def _within(codes: Sequence[str]) -> list[ColumnElement[bool]]:
    """The condition keeping requests of these districts (none: no condition, every district)."""
    return [Request.district_code.in_(list(codes))] if codes else []


def _count_created(session: Session, start: datetime, end: datetime, within: list[ColumnElement[bool]]) -> int:
    return session.scalar(select(func.count()).select_from(Request)
                          .where(Request.created_at >= start, Request.created_at < end, *within)) or 0


def _new_by_district(session: Session, start: datetime, end: datetime,
                     limit: Sequence[str]) -> dict[str | None, dict[str | None, int]]:
    empty_row: dict[str | None, int] = {slug: 0 for slug in CATEGORY_LABELS}
    table: dict[str | None, dict[str | None, int]] = {code: dict(empty_row) for code, _ in districts()
                                                      if not limit or code in limit}
    rows = session.execute(
        select(Request.district_code, Request.category, func.count())
        .where(Request.created_at >= start, Request.created_at < end, *_within(limit))
        .group_by(Request.district_code, Request.category)
    )
    for district_code, category, count in rows:
        row = table.setdefault(district_code if district_code in table else None, dict(empty_row))
        slug = category if category in CATEGORY_LABELS else None
        row[slug] = row.get(slug, 0) + count
    return table


def _waiting(session: Session, now: datetime, within: list[ColumnElement[bool]]) -> tuple[int, int | None]:
    """Requests still waiting for triage, as the staff queue lists them, and the oldest one's age in days.

    An erased request (withdrawn by its villager, or erased with them) keeps status NEW, since a
    withdrawal is no staff decision, but it has left every queue: nobody will triage it, so it is
    not waiting. It still counts among the week's new requests: it was received.
    """
    count, oldest = session.execute(
        select(func.count(), func.min(Request.created_at))
        .where(Request.status == Status.NEW, Request.erased_at.is_(None), *within)).one()
    if not count or oldest is None:
        return 0, None
    if oldest.tzinfo is None:  # SQLite's MIN() bypasses the column type's UTC conversion
        oldest = oldest.replace(tzinfo=now.tzinfo)
    return count, max((now - oldest).days, 0)


def _upcoming_forums(session: Session, today: date, limit: Sequence[str]) -> list[ForumLoad]:
    rows = session.execute(
        select(Forum.district_code, Forum.held_on, func.count(Request.id))
        .outerjoin(Request, and_(Request.forum_id == Forum.id, Request.status == Status.ACCEPTED))
        .where(Forum.held_on >= today, *([Forum.district_code.in_(list(limit))] if limit else []))
        .group_by(Forum.id, Forum.district_code, Forum.held_on)
        .order_by(Forum.held_on, Forum.district_code)
    )
    return [ForumLoad(district_code=code, held_on=held_on, accepted=count) for code, held_on, count in rows]


def _decided(session: Session, start: datetime, end: datetime, within: list[ColumnElement[bool]]) -> dict[str, int]:
    """Requests that reached planned or done this week (their latest status change fell in it)."""
    rows = dict(session.execute(
        select(Request.status, func.count())
        .where(Request.status.in_([Status.PLANNED, Status.DONE]),
               Request.status_changed_at >= start, Request.status_changed_at < end, *within)
        .group_by(Request.status)
    ).all())
    return {"planned": rows.get(Status.PLANNED, 0), "done": rows.get(Status.DONE, 0)}


def _triaged(session: Session, start: datetime, end: datetime, within: list[ColumnElement[bool]]) -> dict[str, int]:
    """Requests accepted or rejected during the week, read from the audit trail: a request accepted on
    Monday and planned on Friday still counts as accepted this week."""
    rows = dict(session.execute(
        select(AuditLog.action, func.count(func.distinct(AuditLog.request_id)))
        .join(Request, Request.id == AuditLog.request_id)
        .where(AuditLog.action.in_(["accept", "reject"]), AuditLog.at >= start, AuditLog.at < end, *within)
        .group_by(AuditLog.action)
    ).all())
    return {"accepted": rows.get("accept", 0), "rejected": rows.get("reject", 0)}


def _repeated_issues(session: Session, start: datetime, end: datetime,
                     within: list[ColumnElement[bool]]) -> list[RepeatedIssue]:
    """Open issues with the most supporters: marked duplicates plus this week's near-duplicates."""
    supporters: Counter[int] = Counter()
    marked = session.execute(
        select(Request.duplicate_of_id, func.count())
        .where(Request.duplicate_of_id.is_not(None), *within)
        .group_by(Request.duplicate_of_id)
        .order_by(func.count().desc())
        .limit(TOP_ISSUES * 4)
    )
    for original_id, count in marked:
        supporters[original_id] += count
    for cluster in _near_duplicate_clusters(session, start, end, within):
        # The oldest request of a cluster stands for it; the others are its supporters.
        supporters[cluster[0]] += len(cluster) - 1
    if not supporters:
        return []
    originals = {
        request.id: request for request in session.scalars(
            select(Request).where(Request.id.in_(list(supporters)), Request.status.in_(OPEN_STATUSES), *within))
    }
    ranked = sorted((i for i in supporters if i in originals),
                    key=lambda i: (-supporters[i], originals[i].created_at, i))[:TOP_ISSUES]
    return [
        RepeatedIssue(ref=originals[i].ref, district_code=originals[i].district_code,
                      category=originals[i].category,
                      text=None if originals[i].erased_at else originals[i].text,
                      supporters=supporters[i] + 1)
        for i in ranked
    ]


def _near_duplicate_clusters(session: Session, start: datetime, end: datetime,
                             within: list[ColumnElement[bool]]) -> list[list[int]]:
    """Groups (oldest first) of this week's untriaged requests about the same thing in the same place."""
    requests = list(session.scalars(
        select(Request)
        .where(Request.created_at >= start, Request.created_at < end, Request.status == Status.NEW,
               Request.duplicate_of_id.is_(None), Request.text.is_not(None), Request.erased_at.is_(None), *within)
        .order_by(Request.created_at.desc(), Request.id.desc())
        .limit(NEAR_DUPLICATE_SCAN)
    ))
    requests.reverse()  # oldest first: the oldest of a cluster stands for it
    similar = duplicates.similar_groups(requests)
    clusters: list[list[int]] = []
    placed: set[int] = set()
    for request in requests:
        if request.id in placed:
            continue
        members = [request.id, *(other for other, _ in similar.get(request.id, []) if other not in placed)]
        placed.update(members)
        if len(members) > 1:
            clusters.append(members)
    return clusters
