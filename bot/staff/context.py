"""What a staff command runs with: the turn, the staff member, its words, and ways to refuse or answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot import texts
from bot.line import messages
from bot.staff import parsing, permissions
from bot.turn import Turn
from storage import request_store
from storage.models import Request, Staff


class Refusal(Exception):
    """Stop the command and tell the staff member why, in Thai; nothing it did is kept."""

    def __init__(self, answer: str) -> None:
        super().__init__(answer)
        self.answer = answer


class UsageError(Exception):
    """The command was typed wrongly: answer with its usage line."""


@dataclass
class Context:
    turn: Turn
    staff: Staff
    command_name: str
    rest: str

    @property
    def session(self) -> Any:
        return self.turn.session

    @property
    def now(self) -> datetime:
        return self.turn.now

    @property
    def today(self) -> date:
        return self.now.astimezone(self.turn.runtime.tz).date()

    @property
    def year_be(self) -> int:
        return request_store.buddhist_year(self.now, self.turn.runtime.tz)

    @property
    def words(self) -> list[str]:
        return parsing.words(self.rest)

    def answer(self, *replies: dict[str, Any]) -> None:
        self.turn.reply(*replies)

    def say(self, body: str) -> None:
        self.turn.reply(messages.text(body))

    def fit(self, value: str, column: Any) -> str:
        """`value` if it fits the model column it is stored in; else the staff member hears the limit."""
        limit = parsing.too_long(value, column)
        if limit is not None:
            raise Refusal(texts.STAFF_TOO_LONG.format(limit=limit))
        return value

    def request(self, token: str) -> Request:
        """The request a typed reference names, if it lies within this staff member's districts."""
        ref = parsing.ref(token, self.year_be)
        if ref is None:
            raise Refusal(texts.staff_bad_ref(token))
        request = request_store.request_by_ref(self.session, ref)
        if request is None or request.erased_at is not None:
            raise Refusal(texts.STAFF_REF_NOT_FOUND.format(ref=ref))
        if not permissions.covers(self.staff, request.district_code):
            raise Refusal(texts.STAFF_OUTSIDE_DISTRICTS.format(ref=ref))
        return request
