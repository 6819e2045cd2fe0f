"""One villager's side of a turn: who they are, where the dialogue stands, and how to answer.

The dialogue's states are declared here, each with how long it waits for an answer; the table that
says what each state does with each kind of event is in `conversation`.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

import nlp
from bot import texts
from bot.line import messages, postback
from bot.turn import Turn
from storage.models import Citizen, Conversation


class State(enum.StrEnum):
    IDLE = "idle"
    AWAITING_DISTRICT = "awaiting_district"  # a request was saved without a district: which one?
    AWAITING_CATEGORY = "awaiting_category"  # a request was saved with an uncertain category: which one?
    CONFIRM_DELETE = "confirm_delete"  # "ลบข้อมูล" was sent: waiting for "ยืนยัน"
    UNSURE = "unsure"  # a text that may be a request: waiting for the "save it" tap
    HOLDING_LOCATION = "holding_location"  # a location came before any words: waiting for the request


# How long each state waits; past it the chat is idle again. Every state but idle has one.
TIMEOUTS: dict[State, timedelta] = {
    State.AWAITING_DISTRICT: timedelta(minutes=30),
    State.AWAITING_CATEGORY: timedelta(minutes=30),
    State.CONFIRM_DELETE: timedelta(minutes=10),
    State.UNSURE: timedelta(minutes=30),
    State.HOLDING_LOCATION: timedelta(minutes=30),
}


@dataclass(frozen=True)
class Next:
    """What a step decided: the state to be in, what it remembers, and whether to handle the event again."""

    state: State
    context: dict[str, Any] = field(default_factory=dict)
    # Handle the same event once more in `state` (a question left unanswered: the words mean something else).
    again: bool = False


IDLE = Next(State.IDLE)

# Where the conversation row remembers the last bubble it sent (a short digest, never the words), so
# the next turn never answers with the very same bubble: a repeated apology reads like a broken bot.
SAID = "_said"
# Until when files sent before any request may still join the next one (an ISO time): the next
# request looks for waiting files only while this is set, not on every request.
FILES_WAIT_UNTIL = "_files_until"


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


@dataclass
class Chat:
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
        if self.state == State.IDLE:
            return {}
        return {key: value for key, value in (self.row.context or {}).items() if key not in (SAID, FILES_WAIT_UNTIL)}

    def stay(self) -> Next:
        """Remain where the dialogue stands (an aside, such as the privacy notice mid-question)."""
        return Next(self.state, self.context)

    def enter(self, step: Next) -> None:
        """Record the state a step chose; only the conversation table calls this."""
        said = (self.row.context or {}).get(SAID)
        bodies = [reply.get("text") for reply in self.turn.replies if reply.get("text")]
        # Files waiting for a request wait whatever the state (the state's context starts afresh).
        files = {FILES_WAIT_UNTIL: (self.row.context or {})[FILES_WAIT_UNTIL]} if self.files_may_wait() else {}
        self.row.state = step.state.value
        self.row.context = {**step.context, SAID: _digest(bodies[-1]) if bodies else said, **files}
        timeout = TIMEOUTS.get(step.state)
        self.row.expires_at = self.turn.now + timeout if timeout else None

    def files_wait(self, until: datetime) -> None:
        """A file came before any request: the villager's next request, until `until`, looks for it."""
        self.row.context = {**(self.row.context or {}), FILES_WAIT_UNTIL: until.isoformat()}

    def files_may_wait(self) -> bool:
        """Whether files sent before any request may be waiting for this villager's next one."""
        until = (self.row.context or {}).get(FILES_WAIT_UNTIL)
        return until is not None and datetime.fromisoformat(until) >= self.turn.now

    def files_taken(self) -> None:
        """The waiting files joined a request: none wait any more."""
        self.row.context = {key: value for key, value in (self.row.context or {}).items() if key != FILES_WAIT_UNTIL}

    @property
    def text(self) -> str:
        """The message's words with white space tidied."""
        return " ".join((self.turn.incoming.text or "").split())

    @cached_property
    def analysis(self) -> nlp.Analysis:
        """What the NLP understood of the text, computed once per turn (usually before it began)."""
        return self.turn.understood or understand(self.turn.incoming.text)

    @cached_property
    def payload(self) -> postback.Payload | None:
        """The tapped button's signed payload; None when forged, tampered or someone else's."""
        return postback.decode(self.turn.runtime.postback_secret, self.citizen.key,
                               self.turn.incoming.postback_data or "")

    def say(self, body: str, quick_replies: list[dict[str, Any]] | None = None) -> None:
        if not self.turn.replies and _digest(body) == (self.row.context or {}).get(SAID):
            body = texts.said_again(body)  # the previous turn ended with these very words
        self.turn.reply(messages.text(body, quick_replies))

    def sign(self, action: str, request_id: int = 0, value: str = "") -> str:
        return postback.encode(self.turn.runtime.postback_secret, self.citizen.key,
                               postback.Payload(action, request_id, value))


def understand(text: str | None) -> nlp.Analysis:
    """The NLP's reading of a message's words, white space tidied as `Chat.text` tidies it."""
    return nlp.analyze(" ".join((text or "").split()))
