"""SQLite's writers take turns through a lock file, woken the moment it is free, instead of sleeping.

SQLite lets one writer at a time in, and a writer that finds the database locked sleeps in its
busy handler (1, 2, 5 … 100 ms) and tries again. Under a burst that is unfair: a webhook's insert
that lost a few times sleeps 100 ms per try while the worker's transactions, back to back, keep
winning; the webhook's p99 reached a second. Here each write transaction first takes an exclusive
`flock` on a file beside the database, which the kernel hands to a waiter as soon as the holder
lets go (at commit, rollback or close), in every process. SQLite's own lock is then almost always
free when BEGIN IMMEDIATE asks; its busy timeout stays as the net for writers that bypass this
(the sqlite3 shell, say). Readers take no lock at all (storage/db.py's `reading`).

A holder that hangs holds the others up, as it would hold up SQLite itself; a process that dies
releases its locks with its files.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # not on Windows: there SQLite's busy handler alone orders writers
    fcntl = None  # type: ignore[assignment]

# Lock files this thread holds now, through any connection: a second write transaction begun in the
# same thread while the first is open must not wait on its own thread (it would wait for ever);
# it goes straight to SQLite, whose busy timeout fails it as it always did.
_held = threading.local()


def lock_path(database: str | None) -> Path | None:
    """The lock file of a database file; None for an in-memory database (one connection, no rival)."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(f"{database}.writer-lock")


class TakingTurns(sqlite3.Connection):
    """A sqlite3 connection whose write transactions queue on the database's lock file.

    `take_turn` is called before BEGIN IMMEDIATE (storage/db.py's begin hook); the turn ends when
    the transaction does, however it ends.
    """

    lock_file: IO[bytes] | None = None
    _holding = False

    def attach_lock(self, path: Path | None) -> None:
        if path is not None and fcntl is not None:
            self.lock_file = open(path, "ab")  # noqa: SIM115 - lives as long as the connection

    def take_turn(self) -> None:
        if self.lock_file is None or self._holding:
            return
        held: set[str] = _held.__dict__.setdefault("paths", set())
        if self.lock_file.name in held:
            return
        fcntl.flock(self.lock_file.fileno(), fcntl.LOCK_EX)  # releases the GIL while it waits
        self._holding = True
        held.add(self.lock_file.name)

    def end_turn(self) -> None:
        if not self._holding or self.lock_file is None:
            return
        self._holding = False
        _held.__dict__.get("paths", set()).discard(self.lock_file.name)
        fcntl.flock(self.lock_file.fileno(), fcntl.LOCK_UN)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.end_turn()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.end_turn()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.end_turn()
            if self.lock_file is not None:
                self.lock_file.close()
                self.lock_file = None


def connect_args(timeout_s: float) -> dict[str, Any]:
    return {"timeout": timeout_s, "factory": TakingTurns}
