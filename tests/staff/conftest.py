"""Staff fixtures: people on the LINE emulator enrolled with a role, and requests made by villagers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from linesim import validate_messages
from storage.models import Request
from tests.harness import Bot, enrol, file_request_for


@pytest.fixture
def admin(bot: Bot) -> str:
    return enrol(bot, "แอดมิน", "admin")


@pytest.fixture
def triager(bot: Bot) -> str:
    return enrol(bot, "สมชาย", "triager")


@pytest.fixture
def official(bot: Bot) -> str:
    return enrol(bot, "นายก", "official")


@pytest.fixture
def file_request(bot: Bot) -> Callable[..., str]:
    """A villager's request stored as the conversation would store it; returns its reference."""
    return file_request_for(bot)


def say(bot: Bot, user: str, text: str, group: str | None = None) -> list[dict]:
    """Send a message, run the worker, and return the new messages the chat received (checked against LINE)."""
    chat = group or user
    before = len(bot.line.inbox(chat))
    bot.line.send_text(user, text, group_id=group)
    bot.drain()
    received = [entry.message for entry in bot.line.inbox(chat)[before:]]
    if received:
        assert validate_messages(received) == []
    return received


def shown(received: list[dict]) -> str:
    """What the person reads: text, or a Flex message's altText."""
    return "\n".join(message.get("text") or message.get("altText") or "" for message in received)


def request(bot: Bot, ref: str) -> Request:
    with bot.session() as session:
        row = session.scalars(select(Request).where(Request.ref == ref)).one()
        _ = row.forum, row.duplicate_of
        return row


def tap(bot: Bot, user: str, action: dict, group: str | None = None) -> list[dict]:
    """Tap a button the bot sent (it sends its text as the person), run the worker, return the new messages."""
    assert action["type"] == "message", action
    return say(bot, user, action["text"], group)


def actions_in(received: list[dict]) -> list[dict]:
    """Every button of the messages, in reading order: Flex buttons first, then the quick replies."""
    found: list[dict] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "button":
                found.append(node["action"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for message in received:
        walk(message.get("contents", {}))
    for message in received:
        found += [item["action"] for item in message.get("quickReply", {}).get("items", [])]
    return found


def button(received: list[dict], label: str, about: str = "") -> dict:
    """The first button with this label whose displayed tap mentions `about` (a reference, say)."""
    for action in actions_in(received):
        if action["label"] == label and about in action.get("text", ""):
            return action
    raise AssertionError(f"no button {label!r} about {about!r} in {[a['label'] for a in actions_in(received)]}")
