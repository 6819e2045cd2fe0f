"""The buttons a villager is offered with an answer: where, which category, what to fix, how to start."""

from __future__ import annotations

from typing import Any

from bot import areas, texts
from bot.line import messages
from bot.villager.chat import Chat
from storage.models import Request

CATEGORY_CHOICES = 3  # the likeliest categories come first, then the rest


def start_items() -> list[dict[str, Any]]:
    """Quick replies that help someone start a report: share a location or take a photo."""
    return [messages.location_item(texts.BUTTON_SEND_LOCATION), messages.camera_item(texts.BUTTON_TAKE_PHOTO)]


def district_items(chat: Chat, request: Request) -> list[dict[str, Any]]:
    """Exactly the 13 amphoe: LINE's maximum number of quick-reply buttons."""
    return [messages.postback_item(name, chat.sign("d", request.id, code), texts.DISTRICT_CHOSEN.format(name=name))
            for code, name in areas.districts()]


def category_items(chat: Chat, request: Request, likely: list[str]) -> list[dict[str, Any]]:
    slugs = [slug for slug in likely if slug != "other"][:CATEGORY_CHOICES]
    for slug in texts.CATEGORY_LABELS:  # always offer a full set, most likely first
        if slug not in slugs and slug != "other":
            slugs.append(slug)
    items = [messages.postback_item(texts.category_button(slug), chat.sign("c", request.id, slug),
                                    texts.category_button(slug)) for slug in slugs[:12]]
    items.append(messages.postback_item(texts.BUTTON_OTHER_CATEGORY, chat.sign("c", request.id, "other"),
                                        texts.BUTTON_OTHER_CATEGORY))
    return items


def fix_items(chat: Chat, request: Request, photo_needed: bool = True,
              location_needed: bool = True) -> list[dict[str, Any]]:
    """The correction buttons, on the receipt and again on every photo or location acknowledgement."""
    items = [
        messages.postback_item(texts.BUTTON_FIX_DISTRICT, chat.sign("fd", request.id), texts.BUTTON_FIX_DISTRICT),
        messages.postback_item(texts.BUTTON_FIX_CATEGORY, chat.sign("fc", request.id), texts.BUTTON_FIX_CATEGORY),
    ]
    if location_needed:
        items.append(messages.location_item(texts.BUTTON_SEND_LOCATION))
    if photo_needed:
        items.append(messages.camera_item(texts.BUTTON_TAKE_PHOTO))
    items.append(withdraw_item(chat, request))
    return items


def withdraw_item(chat: Chat, request: Request) -> dict[str, Any]:
    return messages.postback_item(texts.BUTTON_WITHDRAW, chat.sign("w", request.id), texts.BUTTON_WITHDRAW)


def privacy_item() -> dict[str, Any]:
    return messages.message_item(texts.BUTTON_PRIVACY, texts.BUTTON_PRIVACY)


def talk_to_staff_item(chat: Chat) -> dict[str, Any]:
    return messages.postback_item(texts.BUTTON_TALK_TO_STAFF, chat.sign("staff"), texts.BUTTON_TALK_TO_STAFF)


def unsure_items(chat: Chat) -> list[dict[str, Any]]:
    return [messages.postback_item(texts.BUTTON_YES_SAVE, chat.sign("save"), texts.BUTTON_YES_SAVE),
            messages.postback_item(texts.BUTTON_NOT_A_REQUEST, chat.sign("nosave"), texts.BUTTON_NOT_A_REQUEST)]


def category_typed(text: str) -> str | None:
    """The category a villager typed instead of tapping (its button label), or None."""
    typed = text.strip()
    if typed == texts.BUTTON_OTHER_CATEGORY:
        return "other"
    return next((slug for slug in texts.CATEGORY_LABELS
                 if typed in (texts.category_label(slug), texts.category_button(slug))), None)
