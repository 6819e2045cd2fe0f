"""One villager's side of a turn: who they are, the dialogue's named state, and how to answer."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.line import messages, postback
from bot.turn import Turn
from storage.models import Citizen, Conversation


class State(enum.StrEnum):
    IDLE = "idle"
    AWAITING_DISTRICT = "awaiting_district"  # a request was saved without a district
    AWAITING_CATEGORY = "awaiting_category"  # a request was saved with an uncertain category
    CONFIRM_DELETE = "confirm_delete"  # "ลบข้อมูล" was sent; waiting for "ยืนยัน"


TIMEOUTS = {
    State.AWAITING_DISTRICT: timedelta(minutes=30),
    State.AWAITING_CATEGORY: timedelta(minutes=30),
    State.CONFIRM_DELETE: timedelta(minutes=10),
}


@dataclass
class Chat:
    """One villager's side of a turn: who they are, and where the dialogue stands."""

    turn: Turn
    citizen: Citizen
    row: Conversation

    @property
    def state(self) -> State:
        if self.row.expires_at is not None and self.row.expires_at <= self.turn.now:
            return State.IDLE
        return State(self.row.state)

    @property
    def context(self) -> dict[str, Any]:
        return dict(self.row.context or {}) if self.state != State.IDLE else {}

    def goto(self, state: State, **context: Any) -> None:
        self.row.state = state.value
        self.row.context = context
        timeout = TIMEOUTS.get(state)
        self.row.expires_at = self.turn.now + timeout if timeout else None

    def reset(self) -> None:
        self.goto(State.IDLE)

    def say(self, body: str, quick_replies: list[dict[str, Any]] | None = None) -> None:
        self.turn.reply(messages.text(body, quick_replies))

    def sign(self, action: str, request_id: int = 0, value: str = "") -> str:
        return postback.encode(self.turn.runtime.postback_secret, self.citizen.key,
                               postback.Payload(action, request_id, value))


