"""The buttons staff tap instead of typing: on a request, after an action, and in the pickers."""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.line import messages
from bot.staff import taps
from bot.staff.context import Context
from storage.models import Request, Status

PICKER_CHOICES = messages.MAX_QUICK_REPLY_ITEMS - 1  # one place stays for [เรื่องถัดไป]


def on_request(ctx: Context, request: Request, *, show: bool = True) -> list[dict[str, Any]]:
    """[ดู][รับ][ไม่รับ][ส่งต่อ] for a request still waiting; [ดู] alone once it has been decided."""
    ref = request.ref
    row = []
    if show:
        row.append(taps.action(ctx.turn, texts.BUTTON_STAFF_SHOW, "show", ref, texts.STAFF_TAP_SHOW.format(ref=ref)))
    if request.status == Status.NEW:
        row += [
            taps.action(ctx.turn, texts.BUTTON_STAFF_ACCEPT, "accept", ref, texts.STAFF_TAP_ACCEPT.format(ref=ref)),
            taps.action(ctx.turn, texts.BUTTON_STAFF_REJECT, "reject", ref, texts.STAFF_TAP_REJECT.format(ref=ref)),
            taps.action(ctx.turn, texts.BUTTON_STAFF_REFER, "refer", ref, texts.STAFF_TAP_REFER.format(ref=ref)),
        ]
    return row


def next_item(ctx: Context, after: Request | None = None) -> dict[str, Any] | None:
    """[เรื่องถัดไป]: the next waiting request after this one, in queue order."""
    return taps.quick_reply(ctx.turn, texts.BUTTON_STAFF_NEXT, "next", after.ref if after else "",
                            texts.STAFF_TAP_NEXT)


def queue_item(ctx: Context) -> dict[str, Any] | None:
    return taps.quick_reply(ctx.turn, texts.BUTTON_STAFF_QUEUE, "queue", "", texts.STAFF_TAP_QUEUE)


def after_action(ctx: Context, request: Request) -> list[dict[str, Any]]:
    """What follows every decision: the next request, or back to the queue."""
    return [item for item in (next_item(ctx, request), queue_item(ctx)) if item is not None]


def picker(ctx: Context, command: str, request: Request, values: list[str]) -> list[dict[str, Any]]:
    """One quick reply per value (numbered as in the question), each running `command ref value`."""
    items = []
    for number, value in enumerate(values, 1):
        shown = (texts.STAFF_TAP_REJECT_WITH if command == "reject" else texts.STAFF_TAP_REFER_TO).format(
            ref=request.ref, reason=value, agency=value)
        item = taps.quick_reply(ctx.turn, texts.staff_pick_label(number, value), command,
                                f"{request.ref} {value}", shown)
        if item is not None:
            items.append(item)
    return items


def offerable(ctx: Context, command: str, request: Request, candidates: list[str]) -> list[str]:
    """The candidates a button can carry (each once, within LINE's payload limit), at most PICKER_CHOICES."""
    kept: list[str] = []
    for value in candidates:
        if value not in kept and taps.data(ctx.turn, command, f"{request.ref} {value}") is not None:
            kept.append(value)
    return kept[:PICKER_CHOICES]
