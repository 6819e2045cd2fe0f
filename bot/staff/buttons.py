"""The buttons staff tap instead of typing: on a request, after an action, and in the pickers."""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.line import messages
from bot.staff import taps
from storage.models import Request, Status

PICKER_CHOICES = messages.MAX_QUICK_REPLY_ITEMS - 1  # one place stays for [เรื่องถัดไป]

# The decisions a waiting request offers, as (button label, command).
DECISIONS = ((texts.BUTTON_STAFF_ACCEPT, "accept"), (texts.BUTTON_STAFF_REJECT, "reject"),
             (texts.BUTTON_STAFF_REFER, "refer"))


def on_request(request: Request, *, show: bool = True) -> list[dict[str, Any]]:
    """[ดู][รับ][ไม่รับ][ส่งต่อ] for a request still waiting; [ดู] alone once it has been decided."""
    row = [taps.action(texts.BUTTON_STAFF_SHOW, "show", request.ref)] if show else []
    if request.status == Status.NEW:
        row += [taps.action(caption, command, request.ref) for caption, command in DECISIONS]
    return row


def on_request_quick(request: Request) -> list[dict[str, Any]]:
    """[รับ][ไม่รับ][ส่งต่อ] as quick replies, after a correction or a note: the request is still to decide."""
    if request.status != Status.NEW:
        return []
    items = (taps.quick_reply(caption, command, request.ref) for caption, command in DECISIONS)
    return [item for item in items if item is not None]


def next_item(after: Request | None = None) -> dict[str, Any] | None:
    """[เรื่องถัดไป]: the next waiting request after this one, in queue order."""
    return taps.quick_reply(texts.BUTTON_STAFF_NEXT, "next", after.ref if after else "")


def queue_item() -> dict[str, Any] | None:
    return taps.quick_reply(texts.BUTTON_STAFF_QUEUE, "queue")


def after_action(request: Request) -> list[dict[str, Any]]:
    """What follows every decision: the next request, or back to the queue."""
    return [item for item in (next_item(request), queue_item()) if item is not None]


def offerable(command: str, request: Request, candidates: list[str]) -> list[str]:
    """The candidates a button can carry (each once, within LINE's limit), at most PICKER_CHOICES."""
    kept: list[str] = []
    for value in candidates:
        if value not in kept and taps.fits(command, f"{request.ref} {value}"):
            kept.append(value)
    return kept[:PICKER_CHOICES]


def picker(command: str, request: Request, values: list[str]) -> list[dict[str, Any]]:
    """One quick reply per value (numbered as in the question), each running `command ref value`."""
    items = (taps.quick_reply(texts.staff_pick_label(number, value), command, f"{request.ref} {value}")
             for number, value in enumerate(values, 1))
    return [item for item in items if item is not None]
