"""Kept media in the database: written once per content, read back, deleted when nothing refers to it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage import sql
from storage.models import Attachment, MediaBlob


def keep(session: Session, path: str, content_type: str, data: bytes, now: datetime) -> None:
    """Store `data` under `path` (named by its hash), unless the same bytes are already kept."""
    session.execute(
        sql.insert_or_ignore(session, MediaBlob.__table__)
        .values(path=path, content_type=content_type, size=len(data), data=data, created_at=now)
        .on_conflict_do_nothing(index_elements=["path"])
    )


def read(session: Session, path: str) -> bytes | None:
    return session.scalar(select(MediaBlob.data).where(MediaBlob.path == path))


def forget_unreferenced(session: Session, paths: set[str]) -> int:
    """Delete the kept bytes of `paths` no attachment still refers to (the same photo sent twice is kept once)."""
    if not paths:
        return 0
    session.flush()  # attachments just detached from these paths must count as detached
    still_used = set(session.scalars(select(Attachment.path).where(Attachment.path.in_(paths))))
    doomed = paths - still_used
    if doomed:
        session.execute(delete(MediaBlob).where(MediaBlob.path.in_(doomed)))
    return len(doomed)
