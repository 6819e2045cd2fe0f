"""One event being handled: what a handler needs, and the answers it collects for the outbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.line.events import Incoming
from bot.runtime import Runtime


@dataclass
class Turn:
    runtime: Runtime
    session: Session
    incoming: Incoming
    received_at: datetime
    replies: list[dict[str, Any]] = field(default_factory=list)
    citizen_id: int | None = None
    request_id: int | None = None

    @property
    def now(self) -> datetime:
        return self.runtime.now()

    def reply(self, *messages: dict[str, Any]) -> None:
        self.replies.extend(messages)
