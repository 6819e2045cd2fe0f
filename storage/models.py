"""Typed SQLAlchemy models: the tables behind the inbox, requests, triage, forums and the outbox.

Personal data (LINE ids, names, texts, media, locations) lives only where a comment says so,
so that erasing a citizen touches a known set of columns. Everything else is anonymous.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no offset of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored by value (the slugs of taxonomy.md), as plain strings with a CHECK-free VARCHAR,
    # so adding a value never needs an ALTER TYPE on PostgreSQL.
    return Enum(cls, name=name, values_callable=lambda e: [m.value for m in e], native_enum=False, length=24)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


class EventState(enum.StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class Status(enum.StrEnum):
    """Request statuses from taxonomy.md."""

    NEW = "new"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    REFERRED = "referred"
    DUPLICATE = "duplicate"
    PLANNED = "planned"
    NOT_PLANNED = "not_planned"
    DONE = "done"


class Role(enum.StrEnum):
    ADMIN = "admin"
    TRIAGER = "triager"
    OFFICIAL = "official"


class OutboxState(enum.StrEnum):
    PENDING = "pending"
    HELD = "held"  # a notification waiting for quota, or for the villager's next reply
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class Purpose(enum.StrEnum):
    REPLY = "reply"
    NOTIFY = "notify"
    SUMMARY = "summary"


class InboundEvent(Base):
    """The durable inbox: every webhook event, stored before LINE gets its 200."""

    __tablename__ = "inbound_event"
    __table_args__ = (
        # The claim's scan: pending events oldest first, stopping at the first due ones (0008).
        Index("ix_inbound_event_pending", "state", "id"),
        # "Is an older event of this chat still pending?": asked for every event a worker claims.
        Index("ix_inbound_event_chat", "chat_key", "state", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    webhook_event_id: Mapped[str] = mapped_column(String(64), unique=True)
    event_type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]]  # personal data: raw event (text, user id); blanked once done or failed
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[EventState] = mapped_column(_enum(EventState, "event_state"), default=EventState.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    lease_until: Mapped[datetime | None]
    processed_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(500))  # an exception type only, never its message
    # One chat's events are processed one at a time, in the order LINE sent them (its `timestamp`,
    # then arrival). The chat is kept as a hash of its LINE id, and only while the event is pending
    # (blanked with the payload), so ordering needs no personal data of its own.
    chat_key: Mapped[str | None] = mapped_column(String(64))
    occurred_at: Mapped[datetime]  # LINE's `timestamp` (the arrival time when it has none)


class Citizen(Base):
    """A villager who talks to the bot. `key` is the pseudonym used everywhere outside this table."""

    __tablename__ = "citizen"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(24), unique=True)
    line_user_id: Mapped[str | None] = mapped_column(String(40), unique=True)  # personal data
    display_name: Mapped[str | None] = mapped_column(String(200))  # personal data
    following: Mapped[bool] = mapped_column(default=True)
    consent_at: Mapped[datetime | None]
    unfollowed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    # Set when the villager asks to talk to a person ("talk to staff"); staff see it in their queue and
    # clear it once they have answered. Erased with the citizen (storage/erasure.py).
    wants_staff_at: Mapped[datetime | None]

    requests: Mapped[list[Request]] = relationship(back_populates="citizen")


class Forum(Base):
    """A public forum (ประชาคม): one per amphoe per round, plus the provincial one (code "52")."""

    __tablename__ = "forum"
    __table_args__ = (UniqueConstraint("district_code", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_code: Mapped[str] = mapped_column(String(4), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(300))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Request(Base):
    """A villager's request for the development plan, with its triage state."""

    __tablename__ = "request"
    __table_args__ = (
        Index("ix_request_queue", "status", "district_code", "created_at"),
        Index("ix_request_created", "created_at"),
        # The weekly summary: oldest waiting request, and what was planned or done in a week.
        Index("ix_request_status_created", "status", "created_at"),
        Index("ix_request_status_changed", "status", "status_changed_at"),
        UniqueConstraint("year_be", "seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(16), unique=True)
    year_be: Mapped[int]
    seq: Mapped[int]
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"), index=True)
    source_event_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    source_message_id: Mapped[str | None] = mapped_column(String(40), index=True)
    text: Mapped[str | None] = mapped_column(Text)  # personal data
    district_code: Mapped[str | None] = mapped_column(String(4))
    tambon_code: Mapped[str | None] = mapped_column(String(6))
    category: Mapped[str | None] = mapped_column(String(24), index=True)
    confidence: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[Status] = mapped_column(_enum(Status, "request_status"), default=Status.NEW)
    status_reason: Mapped[str | None] = mapped_column(String(500))
    referred_to: Mapped[str | None] = mapped_column(String(200))
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("request.id"), index=True)
    forum_id: Mapped[int | None] = mapped_column(ForeignKey("forum.id"), index=True)
    lat: Mapped[float | None] = mapped_column(Float)  # personal data
    lon: Mapped[float | None] = mapped_column(Float)  # personal data
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    status_changed_at: Mapped[datetime | None]
    erased_at: Mapped[datetime | None]

    citizen: Mapped[Citizen | None] = relationship(back_populates="requests")
    attachments: Mapped[list[Attachment]] = relationship(back_populates="request")
    duplicate_of: Mapped[Request | None] = relationship(remote_side=[id])
    forum: Mapped[Forum | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


class Attachment(Base):
    """A photo, video, audio or file sent with a request (or waiting for one)."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("request.id"), index=True)
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    line_message_id: Mapped[str] = mapped_column(String(40), unique=True)
    state: Mapped[str] = mapped_column(String(12), default="pending")  # pending, stored, failed, removed
    content_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None]
    sha256: Mapped[str | None] = mapped_column(String(64))
    path: Mapped[str | None] = mapped_column(String(300))  # personal data (the file)
    attempts: Mapped[int] = mapped_column(default=0)
    # A download is claimed like any queued work: leased to one worker, retried later after a failure.
    lease_until: Mapped[datetime | None]
    next_attempt_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[Request | None] = relationship(back_populates="attachments")


class MediaBlob(Base):
    """The bytes of a kept photo, video, audio or file, once per content: in the database, so every
    host's worker and web process (and the erasure) reach them; `attachment.path` names the row."""

    __tablename__ = "media_blob"

    path: Mapped[str] = mapped_column(String(300), primary_key=True)  # media/<2 hex>/<sha256>.<ext>
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)  # personal data (the file itself)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Conversation(Base):
    """Where a villager is in the dialogue, shared by every worker process."""

    __tablename__ = "conversation"

    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(40), default="idle")
    context: Mapped[dict[str, Any]] = mapped_column(default=dict)
    expires_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Staff(Base):
    """PAO staff who triage in LINE, and officials who receive the weekly summary."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    line_user_id: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(_enum(Role, "staff_role"))
    districts: Mapped[list[Any]] = mapped_column(default=list)  # empty: every district
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Removed staff keep their row, so the append-only audit trail still names who acted.
    removed_at: Mapped[datetime | None]


class ChatGroup(Base):
    """A LINE group registered by an admin: a staff group (commands) or an official group (summary)."""

    __tablename__ = "chat_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    line_group_id: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(12))  # staff, official
    registered_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditLog(Base):
    """Append-only record of every change staff (or the system) made to a request."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("request.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict[str, Any]] = mapped_column(default=dict)
    after: Mapped[dict[str, Any]] = mapped_column(default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class OutboundMessage(Base):
    """The outbox: every message is recorded here before it is sent to LINE."""

    __tablename__ = "outbound_message"
    __table_args__ = (Index("ix_outbound_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The outbox is a transport, not an archive: once a row is delivered, given up or cancelled its
    # recipient and messages are cleared (storage/erasure.py `blank_outbound`); the rest is metadata.
    recipient: Mapped[str | None] = mapped_column(String(40), index=True)  # personal data (LINE id)
    messages: Mapped[list[Any] | None] = mapped_column(JSON(none_as_null=True))  # personal data (quotes)
    message_count: Mapped[int | None]  # how many messages the row carried, kept after blanking
    purpose: Mapped[Purpose] = mapped_column(_enum(Purpose, "outbound_purpose"), default=Purpose.REPLY)
    reply_token: Mapped[str | None] = mapped_column(String(100))
    reply_token_expires_at: Mapped[datetime | None]
    retry_key: Mapped[str] = mapped_column(String(36), unique=True)
    state: Mapped[OutboxState] = mapped_column(_enum(OutboxState, "outbox_state"), default=OutboxState.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    lease_until: Mapped[datetime | None]
    sent_via: Mapped[str | None] = mapped_column(String(12))  # reply, push
    sent_at: Mapped[datetime | None]
    line_request_id: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(String(500))
    source_event_id: Mapped[str | None] = mapped_column(String(64), index=True)
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("request.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SummaryDelivery(Base):
    """One weekly summary per (ISO week, recipient): the exactly-once record."""

    __tablename__ = "summary_delivery"
    __table_args__ = (UniqueConstraint("iso_week", "recipient"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    iso_week: Mapped[str] = mapped_column(String(8))
    recipient: Mapped[str] = mapped_column(String(40))
    outbound_message_id: Mapped[int | None] = mapped_column(ForeignKey("outbound_message.id"))
    chart_token: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RefCounter(Base):
    """Last reference number issued in a Buddhist Era year (LP-YY-NNNNN restarts each year)."""

    __tablename__ = "ref_counter"

    year_be: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(default=0)


class Lock(Base):
    """Named advisory locks that work on SQLite and PostgreSQL alike (e.g. the weekly summary run)."""

    __tablename__ = "job_lock"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    holder: Mapped[str] = mapped_column(String(100))
    until: Mapped[datetime]


class RichMenu(Base):
    """The rich menus `flask richmenu deploy` created on LINE, by kind ("villager", "staff").

    Every process (the worker linking staff, the CLI) reads the staff menu's id from here.
    """

    __tablename__ = "rich_menu"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    rich_menu_id: Mapped[str] = mapped_column(String(64))
    deployed_at: Mapped[datetime] = mapped_column(default=utcnow)


class StaffMenuLink(Base):
    """Work for the worker: make LINE show this staff member the menu their row calls for.

    Active staff get the staff menu linked, removed staff get it unlinked. The row is written in the
    transaction that enrols or removes them and acted on after it commits; `generation` grows with
    every change, so an answer from LINE about an older change never marks a newer one done.
    No personal data: the LINE id is read from the staff row when the call is made.
    """

    __tablename__ = "staff_menu_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), unique=True)
    state: Mapped[str] = mapped_column(String(12), default="pending")  # pending, done, failed
    generation: Mapped[int] = mapped_column(default=1)
    attempts: Mapped[int] = mapped_column(default=0)
    lease_until: Mapped[datetime | None]
    next_attempt_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(200))  # a status and LINE's short reason, never ids
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
