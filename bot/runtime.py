"""What the app holds while it runs: settings, database, the messenger to LINE, the worker."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.messenger import Messenger, Quota
from bot.settings import Settings
from storage.models import utcnow

if TYPE_CHECKING:
    from bot.worker import Worker

QUOTA_CACHE_SECONDS = 300


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    messenger: Messenger
    clock: Callable[[], datetime] = utcnow
    worker: Worker | None = None
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
        if self.worker is not None:
            self.worker.wake()

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
