"""Buttons on staff cards: a tap is a signed postback that names a command and its words.

A tap runs exactly what typing would run: the gate reads the payload back into (command, words)
and then finds the staff member, checks the group and the permission, and runs the command, as
for typed text. Postbacks rather than message actions, because a tap then shows a short Thai line
in the chat ("รับ LP-69-00050") instead of command syntax, and because the command and its words
travel signed: LINE echoes `data` unchanged, so a payload altered on the way (or copied from one
chat into another) decodes to nothing. The signature does not grant anything: whoever taps is
checked by the gate like someone typing.
"""

from __future__ import annotations

from typing import Any

from bot.line import messages, postback
from bot.turn import Turn

# Signed for the chat the card was sent to, so that a card works for every staff member of a staff
# group (each one still passes the gate) and a payload copied into another chat does not.
_KEY_PREFIX = "staff|"


def _key(turn: Turn) -> str:
    return _KEY_PREFIX + (turn.incoming.chat_id or "")


def data(turn: Turn, command: str, words: str = "") -> str | None:
    """The postback data for running `command words`; None when it would not fit LINE's 300 characters.

    The separator of the payload cannot appear inside it, so words containing it are not offered
    as a button (the staff member can still type them).
    """
    if "|" in command or "|" in words:
        return None
    encoded = postback.encode(turn.runtime.postback_secret, _key(turn), postback.Payload(command, 0, words))
    return encoded if len(encoded) <= messages.MAX_POSTBACK_DATA else None


def quick_reply(turn: Turn, caption: str, command: str, words: str = "",
                shown: str | None = None) -> dict[str, Any] | None:
    """A quick-reply button running the command; `shown` is what appears in the chat as the tap."""
    payload = data(turn, command, words)
    return None if payload is None else messages.postback_item(caption, payload, shown or caption)


def action(turn: Turn, caption: str, command: str, words: str = "", shown: str | None = None) -> dict[str, Any]:
    """A Flex button's action running the command (the words must fit: references and short words)."""
    payload = data(turn, command, words)
    if payload is None:
        raise ValueError("button payload over LINE's limit")
    return {"type": "postback", "label": messages.label(caption), "data": payload,
            "displayText": messages.clip(shown or caption, 300)}


def read(turn: Turn) -> tuple[str, str] | None:
    """(command name, words) of a staff button tapped in this chat; None for anything else."""
    if turn.incoming.kind != "postback" or not turn.incoming.postback_data:
        return None
    payload = postback.decode(turn.runtime.postback_secret, _key(turn), turn.incoming.postback_data)
    if payload is None or payload.request_id != 0:
        return None
    return payload.action, payload.value
