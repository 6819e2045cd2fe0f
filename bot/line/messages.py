"""Builders for LINE message objects (plain JSON dicts), kept within LINE's limits by construction."""

from __future__ import annotations

import unicodedata
from typing import Any

MAX_TEXT = 5000  # UTF-16 code units
MAX_QUICK_REPLY_ITEMS = 13
MAX_LABEL = 20
MAX_ALT_TEXT = 1500
MAX_POSTBACK_DATA = 300


def grapheme_length(value: str) -> int:
    """Characters as LINE counts labels: Thai vowel and tone marks join the letter before them."""
    return sum(1 for char in value if unicodedata.category(char) not in ("Mn", "Me"))


def utf16_length(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2


def clip(value: str, limit: int) -> str:
    """Shorten to `limit` UTF-16 units, marking the cut with an ellipsis."""
    if utf16_length(value) <= limit:
        return value
    out = []
    used = 0
    for char in value:
        size = utf16_length(char)
        if used + size > limit - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"


def text(body: str, quick_replies: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"type": "text", "text": clip(body, MAX_TEXT)}
    if quick_replies:
        message["quickReply"] = {"items": quick_replies[:MAX_QUICK_REPLY_ITEMS]}
    return message


def label(value: str) -> str:
    """A button label within LINE's 20 characters, shortened with an ellipsis if need be."""
    if grapheme_length(value) <= MAX_LABEL:
        return value
    kept = []
    for char in value:
        if grapheme_length("".join(kept) + char) > MAX_LABEL - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


def message_item(caption: str, sent_text: str | None = None) -> dict[str, Any]:
    """A quick-reply button that sends text as if the person typed it."""
    return {"type": "action", "action": {"type": "message", "label": label(caption), "text": sent_text or caption}}


def postback_item(caption: str, data: str, display_text: str | None = None) -> dict[str, Any]:
    if len(data) > MAX_POSTBACK_DATA:
        raise ValueError("postback data over LINE's 300 characters")
    action: dict[str, Any] = {"type": "postback", "label": label(caption), "data": data}
    if display_text:
        action["displayText"] = clip(display_text, 300)
    return {"type": "action", "action": action}


def location_item(caption: str) -> dict[str, Any]:
    return {"type": "action", "action": {"type": "location", "label": label(caption)}}


def camera_item(caption: str) -> dict[str, Any]:
    return {"type": "action", "action": {"type": "camera", "label": label(caption)}}


def flex(alt_text: str, contents: dict[str, Any], quick_replies: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"type": "flex", "altText": clip(alt_text, MAX_ALT_TEXT), "contents": contents}
    if quick_replies:
        message["quickReply"] = {"items": quick_replies[:MAX_QUICK_REPLY_ITEMS]}
    return message
