"""Bad input from LINE: odd characters, numbers, ids, media and postbacks never lose a villager's message.

Each body here is validly signed with the channel secret: what is under test is what the bot does
with input LINE (or someone holding the secret) could really send, not the signature check.
"""

from __future__ import annotations

import json
import tracemalloc
from typing import Any

import requests
from sqlalchemy import func, select

from bot import media, postback, texts
from bot.events import to_incoming
from bot.worker import process_pending
from linesim import sign
from storage.models import Attachment, EventState, InboundEvent, Request
from tests.harness import Bot

DESTINATION = "U" + "0" * 32


def _post_events(bot: Bot, events: list[dict[str, Any]], *, ascii_only: bool = False) -> requests.Response:
    """Sign and POST events; `ascii_only` writes non-ASCII as JSON escapes (how a lone surrogate travels)."""
    body = json.dumps({"destination": DESTINATION, "events": events}, ensure_ascii=ascii_only).encode("utf-8")
    return _post_body(bot, body)


def _post_body(bot: Bot, body: bytes) -> requests.Response:
    headers = {"Content-Type": "application/json; charset=utf-8",
               "x-line-signature": sign(bot.line.channel_secret, body)}
    return requests.post(f"{bot.url}/callback", data=body, headers=headers, timeout=10)


def _stored_events(bot: Bot) -> int:
    with bot.session() as session:
        return session.scalar(select(func.count()).select_from(InboundEvent))


def _requests(bot: Bot) -> list[Request]:
    with bot.session() as session:
        return list(session.scalars(select(Request).order_by(Request.id)))


def _event_states(bot: Bot) -> list[str]:
    with bot.session() as session:
        return [state.value for state in session.scalars(select(InboundEvent.state).order_by(InboundEvent.id))]


def _attachments(bot: Bot) -> list[Attachment]:
    with bot.session() as session:
        return list(session.scalars(select(Attachment).order_by(Attachment.id)))


# --- numbers and nesting the parser must refuse ----------------------------------------------------

def test_nan_or_infinity_in_a_location_gets_400_and_stores_nothing(bot: Bot, villager: str) -> None:
    event = bot.line.event_location(villager, 18.29, 99.49)
    body = json.dumps({"destination": DESTINATION, "events": [event]}).encode("utf-8")
    for bad in (b"NaN", b"Infinity", b"-Infinity", b"1e400"):
        tampered = body.replace(b"18.29", bad)
        assert tampered != body
        assert _post_body(bot, tampered).status_code == 400, bad
    assert _stored_events(bot) == 0


def test_very_deep_json_nesting_gets_400_and_stores_nothing(bot: Bot, villager: str) -> None:
    event = json.dumps(bot.line.event_text(villager, "ถนนพัง")).encode("utf-8")
    for depth in (100_000, 200):
        nested = event[:-1] + b', "extra": ' + b"[" * depth + b"]" * depth + b"}"
        body = b'{"destination": "' + DESTINATION.encode() + b'", "events": [' + nested + b"]}"
        assert _post_body(bot, body).status_code == 400, depth
    assert _stored_events(bot) == 0
