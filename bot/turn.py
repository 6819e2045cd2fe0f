"""One event being handled: what a handler needs, and the answers it collects for the outbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from bot.line.events import Incoming
from bot.runtime import Runtime

if TYPE_CHECKING:
    import nlp


@dataclass
class Turn:
    runtime: Runtime
    session: Session
    incoming: Incoming
    received_at: datetime
    replies: list[dict[str, Any]] = field(default_factory=list)
    citizen_id: int | None = None
    request_id: int | None = None
    # What the NLP made of the text, worked out by the worker before its write transaction began
    # (pure and slow-ish: no reason to hold the database's write lock during it); None: not yet.
    understood: nlp.Analysis | None = None
    # False when the worker found no notifications held back for this chat (looked up for its whole
    # batch at once): the replies need not look again.
    may_carry_held: bool = True

    @property
    def now(self) -> datetime:
        return self.runtime.now()

    def reply(self, *messages: dict[str, Any]) -> None:
        self.replies.extend(messages)
