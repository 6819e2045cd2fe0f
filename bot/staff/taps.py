"""Buttons on staff cards: each tap sends the command as if the staff member had typed it.

Message actions rather than signed postbacks, because in a group LINE names who sent a message
but not who tapped a postback (LINE-FACTS §1.5): only a message lets the one gate find the staff
member and check their permission, and cards are used in staff groups. The text sent is the
command in its Thai form ("/ไม่รับ LP-69-00050 งบประมาณหมด"), so the chat reads as a record of who
decided what, colleagues in a group see it, and staff learn the typed form by tapping. Nothing
needs signing: a tap grants no more than typing the same words would.
"""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.line import messages

MAX_ACTION_TEXT = 300  # LINE's limit on the text a message action sends


def typed(command: str, words: str = "") -> str:
    """What a tap sends: the command's Thai word and its words, as a person would type them."""
    return " ".join(part for part in (f"/{texts.STAFF_TAP_WORDS.get(command, command)}", words) if part)


def fits(command: str, words: str = "") -> bool:
    return messages.utf16_length(typed(command, words)) <= MAX_ACTION_TEXT


def action(caption: str, command: str, words: str = "") -> dict[str, Any]:
    """A Flex button's action running `command words` (a reference and short words: always fits)."""
    if not fits(command, words):
        raise ValueError("button text over LINE's limit")
    return {"type": "message", "label": messages.label(caption), "text": typed(command, words)}


def quick_reply(caption: str, command: str, words: str = "") -> dict[str, Any] | None:
    """A quick reply running `command words`; None when the text would pass LINE's limit."""
    return messages.message_item(caption, typed(command, words)) if fits(command, words) else None
