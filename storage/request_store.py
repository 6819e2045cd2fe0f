"""Requests: numbering, creating, finding, the triage queue, supporters and likely duplicates."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, bindparam, create_engine, func, select
from sqlalchemy.orm import Session

from storage import sql
from storage.db import retrying_once
from storage.models import Citizen, RefCounter, Request, Status
from storage.refs import format_ref


def buddhist_year(moment: datetime, tz: Any) -> int:
    return moment.astimezone(tz).year + 543


def next_sequence(session: Session, year_be: int) -> int:
    """Atomically take the next number of the year, in one round trip (an upsert).

    On PostgreSQL the number is taken and committed at once, outside the request's transaction:
    inside it, the upsert's row lock (one row for the whole year) was held until that transaction
    committed, so every request being created, in any process, waited its turn (a burst's events
    ran one at a time however many consumers there were). It runs on a small pool of its own,
    because the caller already holds a connection of the main pool: threads that each hold one and
    wait for a second could empty the pool and wait for ever. The price is a gap in the numbers
    when a request's transaction fails after taking one; the contract asks for a sequence that
    restarts each year, not one without gaps. SQLite has one writer at a time anyway: there the
    number stays inside the transaction, and a failure leaves no gap.
    """
    engine = session.get_bind()
    statement, values = _next_sequence_statement(engine.dialect.name), {"year_be": year_be}
    if engine.dialect.name != "postgresql":
        return session.execute(statement, values).scalar_one()

    def take() -> int:
        with _numbering_engine(engine).connect() as connection:
            return connection.execute(statement, values).scalar_one()

    # After a database restart this pool's connections are dead too: try once more on a fresh one
    # rather than fail the event into its retry backoff (a number taken twice is only a gap).
    return retrying_once(take)


def _numbering_engine(engine: Engine) -> Engine:
    """The autocommit pool that numbers are taken on, one per engine (and so per database)."""
    with _numbering_lock:
        numbering = _numbering_engines.get(engine)
        if numbering is None:
            numbering = create_engine(engine.url, pool_size=2, max_overflow=0, isolation_level="AUTOCOMMIT",
                                      hide_parameters=True)
            _numbering_engines[engine] = numbering
        return numbering


def _forget_numbering_engines() -> None:
    """In a forked child: the parent's connections are not this process's to use (nor to close)."""
    global _numbering_lock
    _numbering_lock = threading.Lock()  # a thread of the parent may have held it at the fork
    for numbering in _numbering_engines.values():
        numbering.dispose(close=False)
    _numbering_engines.clear()


_numbering_engines: WeakKeyDictionary[Engine, Engine] = WeakKeyDictionary()
_numbering_lock = threading.Lock()
os.register_at_fork(after_in_child=_forget_numbering_engines)


@cache
def _next_sequence_statement(dialect: str) -> Any:
    """Built once per process: every request runs it."""
    counter = RefCounter.__table__
    return (
        sql.insert_or_ignore_on(dialect, counter).values(year_be=bindparam("year_be"), last=1)
        .on_conflict_do_update(index_elements=["year_be"], set_={"last": counter.c.last + 1})
        .returning(counter.c.last)
    )


def create_request(session: Session, *, citizen: Citizen | None, text: str | None, created_at: datetime,
                   tz: Any, source_event_id: str | None = None, source_message_id: str | None = None,
                   **fields: Any) -> Request:
    year_be = buddhist_year(created_at, tz)
    seq = next_sequence(session, year_be)
    request = Request(ref=format_ref(year_be, seq), year_be=year_be, seq=seq, citizen=citizen, text=text,
                      created_at=created_at, updated_at=created_at, source_event_id=source_event_id,
                      source_message_id=source_message_id, **fields)
    session.add(request)
    session.flush()
    return request


def request_by_ref(session: Session, ref: str) -> Request | None:
    return session.scalar(select(Request).where(Request.ref == ref))


def requests_for_export(session: Session, *, district_code: str | None = None,
                        statuses: Sequence[str] | None = None, options: Sequence[Any] = ()) -> list[Request]:
    statement = select(Request).options(*options).order_by(Request.created_at, Request.id)
    if district_code:
        statement = statement.where(Request.district_code == district_code)
    if statuses:
        statement = statement.where(Request.status.in_(list(statuses)))
    return list(session.scalars(statement))


def latest_request_of(session: Session, citizen_id: int, since: datetime) -> Request | None:
    """The citizen's newest request made after `since` (photos and locations attach to it)."""
    return session.scalar(
        select(Request).where(Request.citizen_id == citizen_id, Request.created_at >= since)
        .order_by(Request.created_at.desc(), Request.id.desc()).limit(1)
    )


def own_request_by_number(session: Session, citizen_id: int, seq: int) -> Request | None:
    """The citizen's own request with this sequence number, the newest year first (numbers restart yearly)."""
    return session.scalar(
        select(Request).where(Request.citizen_id == citizen_id, Request.seq == seq)
        .order_by(Request.year_be.desc()).limit(1))


def latest_open_request_of(session: Session, citizen_id: int) -> Request | None:
    """The citizen's newest request that staff have not acted on yet (the one "แก้อำเภอ" or "ยกเลิก" means)."""
    return session.scalar(
        select(Request).where(Request.citizen_id == citizen_id, Request.status == Status.NEW,
                              Request.erased_at.is_(None))
        .order_by(Request.created_at.desc(), Request.id.desc()).limit(1))


def latest_request_of_each(session: Session, citizen_ids: Sequence[int]) -> dict[int, Request]:
    """Each citizen's newest request still theirs (not withdrawn or erased), for the few in the staff queue's
    "talk to staff" section; citizens without one are left out."""
    if not citizen_ids:
        return {}
    latest: dict[int, Request] = {}
    for request in session.scalars(
            select(Request).where(Request.citizen_id.in_(list(citizen_ids)), Request.erased_at.is_(None))
            .order_by(Request.created_at.desc(), Request.id.desc())):
        latest.setdefault(request.citizen_id, request)  # type: ignore[arg-type]
    return latest


def merged_into(session: Session, original: Request) -> list[Request]:
    """The requests folded into `original` as duplicates: their requesters support it."""
    return list(session.scalars(select(Request).where(Request.duplicate_of_id == original.id)
                                .order_by(Request.id)))


def requests_of(session: Session, citizen_id: int, limit: int) -> tuple[list[Request], int]:
    """The citizen's requests, newest first, and how many there are in all."""
    requests = list(session.scalars(
        select(Request).where(Request.citizen_id == citizen_id)
        .order_by(Request.created_at.desc(), Request.id.desc()).limit(limit)
    ))
    total = session.scalar(select(func.count()).select_from(Request).where(Request.citizen_id == citizen_id))
    return requests, total or 0


@dataclass(frozen=True)
class QueuePage:
    requests: list[Request]
    total: int
    page: int
    pages: int
    by_status: dict[str, int]


def queue(session: Session, *, statuses: Sequence[Status], district_codes: Sequence[str] = (),
          category: str | None = None, page: int = 1, per_page: int = 10) -> QueuePage:
    """Requests waiting for staff, oldest first, one page of them, with totals for the filter."""
    conditions: list[Any] = [Request.erased_at.is_(None)]
    if district_codes:
        conditions.append(Request.district_code.in_(list(district_codes)))
    if category:
        conditions.append(Request.category == category)
    counts = dict(session.execute(
        select(Request.status, func.count()).where(*conditions).group_by(Request.status)
    ).all())
    by_status = {status.value: counts.get(status, 0) for status in Status if counts.get(status, 0)}
    conditions.append(Request.status.in_(list(statuses)))
    total = session.scalar(select(func.count()).select_from(Request).where(*conditions)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    requests = list(session.scalars(
        select(Request).where(*conditions).order_by(Request.created_at, Request.id)
        .offset((page - 1) * per_page).limit(per_page)
    ))
    return QueuePage(requests, total, page, pages, by_status)


def supporters(session: Session, request: Request) -> int:
    """The requester plus everyone whose request was folded into this one as a duplicate."""
    folded = session.scalar(select(func.count()).select_from(Request).where(Request.duplicate_of_id == request.id))
    return 1 + (folded or 0)


def similar_candidates(session: Session, request: Request, limit: int = 300) -> list[Request]:
    """Requests that could be the same need: same district and category, not folded away, not erased."""
    if not request.district_code or not request.category:
        return []
    return list(session.scalars(
        select(Request)
        .where(Request.id != request.id, Request.district_code == request.district_code,
               Request.category == request.category, Request.erased_at.is_(None), Request.text.is_not(None),
               Request.status.not_in([Status.DUPLICATE, Status.REJECTED]))
        .order_by(Request.created_at.desc()).limit(limit)
    ))


def recent_outcomes(session: Session, status: Status, limit: int) -> list[str]:
    """Reasons (rejected) or agencies (referred) staff wrote before, most recently used first, each once."""
    column = Request.referred_to if status == Status.REFERRED else Request.status_reason
    last_used = func.max(Request.status_changed_at)
    return list(session.scalars(
        select(column).where(Request.status == status, column.is_not(None), column != "")
        .group_by(column).order_by(last_used.desc(), column).limit(limit)
    ))


def next_waiting(session: Session, *, district_codes: Sequence[str] = (), after: Request | None = None
                 ) -> Request | None:
    """The oldest request still waiting (new) after `after` in queue order, wrapping to the oldest of all."""
    conditions: list[Any] = [Request.erased_at.is_(None), Request.status == Status.NEW]
    if district_codes:
        conditions.append(Request.district_code.in_(list(district_codes)))
    ordered = select(Request).where(*conditions).order_by(Request.created_at, Request.id).limit(1)
    if after is not None:
        later = session.scalar(ordered.where(
            (Request.created_at > after.created_at)
            | ((Request.created_at == after.created_at) & (Request.id > after.id))))
        if later is not None:
            return later
        ordered = ordered.where(Request.id != after.id)  # skipped: not offered again at once
    return session.scalar(ordered)


@dataclass(frozen=True)
class Search:
    """What the console's queue and map filter requests by; empty fields filter nothing."""

    district_codes: Sequence[str] = ()  # the caller's own limit, already intersected with a chosen district
    tambon_code: str | None = None
    category: str | None = None
    statuses: Sequence[Status] = ()
    forum_id: int | None = None
    created_from: datetime | None = None
    created_before: datetime | None = None
    text: str | None = None

    def conditions(self) -> list[Any]:
        conditions: list[Any] = [Request.erased_at.is_(None)]
        if self.district_codes:
            conditions.append(Request.district_code.in_(list(self.district_codes)))
        if self.tambon_code:
            conditions.append(Request.tambon_code == self.tambon_code)
        if self.category:
            conditions.append(Request.category == self.category)
        if self.statuses:
            conditions.append(Request.status.in_(list(self.statuses)))
        if self.forum_id is not None:
            conditions.append(Request.forum_id == self.forum_id)
        if self.created_from is not None:
            conditions.append(Request.created_at >= self.created_from)
        if self.created_before is not None:
            conditions.append(Request.created_at < self.created_before)
        if self.text:
            # Villagers' words and references alike; LIKE's own wildcards typed by staff are taken literally.
            pattern = "%" + self.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            conditions.append(Request.text.ilike(pattern, escape="\\") | Request.ref.ilike(pattern, escape="\\"))
        return conditions


def search(session: Session, search: Search, *, limit: int) -> tuple[list[Request], int]:
    """Matching requests, oldest first, at most `limit` of them, and how many match in all."""
    conditions = search.conditions()
    total = session.scalar(select(func.count()).select_from(Request).where(*conditions)) or 0
    found = list(session.scalars(
        select(Request).where(*conditions).order_by(Request.created_at, Request.id).limit(limit)))
    return found, total


def counts_by_tambon(session: Session, search: Search) -> dict[str | None, int]:
    """How many matching requests each tambon has (None: not yet placed in a tambon)."""
    return dict(session.execute(  # type: ignore[arg-type]
        select(Request.tambon_code, func.count()).where(*search.conditions()).group_by(Request.tambon_code)).all())


def located(session: Session, search: Search, *, limit: int) -> list[tuple[str, float, float, str]]:
    """(ref, lat, lon, status) of matching requests that carry a location, newest first."""
    rows = session.execute(
        select(Request.ref, Request.lat, Request.lon, Request.status)
        .where(*search.conditions(), Request.lat.is_not(None), Request.lon.is_not(None))
        .order_by(Request.created_at.desc()).limit(limit))
    return [(ref, lat, lon, status.value) for ref, lat, lon, status in rows]


def published(session: Session, *, refs: Sequence[str] = (), categories: Sequence[str] = (),
              statuses: Sequence[Status] = (), created_from: datetime | None = None,
              created_before: datetime | None = None, limit: int) -> list[Request]:
    """Requests for a public list (Open311), newest first; erased ones never appear."""
    conditions: list[Any] = [Request.erased_at.is_(None)]
    if refs:
        conditions.append(Request.ref.in_(list(refs)))
    if categories:
        conditions.append(Request.category.in_(list(categories)))
    if statuses:
        conditions.append(Request.status.in_(list(statuses)))
    if created_from is not None:
        conditions.append(Request.created_at >= created_from)
    if created_before is not None:
        conditions.append(Request.created_at < created_before)
    return list(session.scalars(select(Request).where(*conditions)
                                .order_by(Request.created_at.desc(), Request.id.desc()).limit(limit)))
