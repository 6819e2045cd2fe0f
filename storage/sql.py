"""SQL that differs between PostgreSQL and SQLite: insert-or-ignore, row locks and skipping locked rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_or_ignore(session: Session, table: Any) -> Any:
    """INSERT with ON CONFLICT support on both backends."""
    return insert_or_ignore_on(session.get_bind().dialect.name, table)


def insert_or_ignore_on(dialect: str, table: Any) -> Any:
    """The same, by the dialect's name (for statements built once and reused)."""
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def skip_locked(statement: Select[Any], session: Session) -> Select[Any]:
    """Rows another worker holds are skipped on PostgreSQL; SQLite serialises writers anyway."""
    if session.get_bind().dialect.name == "postgresql":
        return statement.with_for_update(skip_locked=True)
    return statement


def lock_row(statement: Select[Any], session: Session) -> Select[Any]:
    """Hold the selected rows until the transaction ends (PostgreSQL); SQLite's BEGIN IMMEDIATE holds all."""
    if session.get_bind().dialect.name == "postgresql":
        return statement.with_for_update()
    return statement
