"""What the app holds while it runs: settings, database, the messenger to LINE, the worker.

`init_app` binds one Runtime to a Flask app; `current_runtime()` is the one way code running inside
an app context (requests, CLI commands) reaches it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from flask import Flask, current_app
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.line.messenger import Messenger, Quota
from bot.settings import Settings
from storage.models import utcnow

QUOTA_CACHE_SECONDS = 300
EXTENSION_KEY = "lampang"


class BackgroundWorker(Protocol):
    """The inbox/outbox loop as the runtime sees it (bot.inbox.worker.Worker), without importing it."""

    def prepare(self) -> None: ...

    def start(self) -> None: ...

    def wake(self) -> None: ...

    def stop(self, timeout: float = 5.0) -> None: ...


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    messenger: Messenger
    # Stores one webhook's events, returning how many were new: concurrent webhooks share one
    # statement and commit (app.py gives a storage/combining.Combiner over inbound.store_webhooks).
    store_webhook: Callable[[Sequence[dict[str, Any]]], int]
    clock: Callable[[], datetime] = utcnow
    worker: BackgroundWorker | None = None
    # Wakes the consumers of other processes (storage/work.Announcer on PostgreSQL; SQLite's poll).
    announce: Callable[[], None] = lambda: None
    _quota: tuple[float, Quota | None] | None = field(default=None, repr=False)
    _quota_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.settings.tz)

    def now(self) -> datetime:
        return self.clock()

    @property
    def postback_secret(self) -> str:
        """Key for signing quick-reply payloads; the channel secret unless SECRET_KEY is set."""
        return self.settings.secret_key or self.settings.line_channel_secret

    def wake_worker(self) -> None:
        """Work was stored (and committed): wake this process's worker and those of the others."""
        if self.worker is not None:
            self.worker.wake()
        self.announce()

    def quota(self, fresh: bool = False) -> Quota | None:
        """LINE's monthly push quota and use, cached for a few minutes (it is approximate anyway)."""
        with self._quota_lock:
            cached = self._quota
            if fresh or cached is None or time.monotonic() - cached[0] > QUOTA_CACHE_SECONDS:
                cached = (time.monotonic(), self.messenger.quota())
                self._quota = cached
            return cached[1]

    def forget_quota(self) -> None:
        with self._quota_lock:
            self._quota = None


def init_app(app: Flask, runtime: Runtime) -> None:
    app.extensions[EXTENSION_KEY] = runtime


def current_runtime() -> Runtime:
    """The runtime of the app handling the current request or CLI command."""
    return runtime_of(current_app)


def runtime_of(app: Flask) -> Runtime:
    """The runtime bound to `app`, outside any app context (the gunicorn hooks)."""
    return app.extensions[EXTENSION_KEY]
