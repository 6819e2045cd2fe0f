"""Compact Flex cards for staff answers, with the same content as plain text in altText."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.line import messages

MAX_LINE = 600  # characters of one line on a card; longer villager texts are clipped
# LINE allows 30 KB per bubble; stop adding lines well before, Thai being 3 bytes a character.
BUBBLE_BUDGET_BYTES = 24_000


def card(title: str, lines: Sequence[str], *, subtitle: str | None = None,
         quick_replies: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A bubble: bold title, grey subtitle, then one wrapped text per line ("" draws a separator)."""
    contents: list[dict[str, Any]] = [_text(title, weight="bold", size="md")]
    if subtitle:
        contents.append(_text(subtitle, size="xs", color="#888888"))
    contents.append({"type": "separator", "margin": "md"})
    used = len(json.dumps(contents, ensure_ascii=False).encode("utf-8"))
    shown: list[str] = []
    for line in lines:
        part = {"type": "separator", "margin": "md"} if not line.strip() else _text(line, size="sm", margin="sm")
        size = len(json.dumps(part, ensure_ascii=False).encode("utf-8")) + 1
        if used + size > BUBBLE_BUDGET_BYTES:
            contents.append(_text("…", size="sm", margin="sm"))
            break
        contents.append(part)
        shown.append(line)
        used += size
    bubble = {"type": "bubble", "size": "giga",
              "body": {"type": "box", "layout": "vertical", "spacing": "none", "contents": contents}}
    alt = "\n".join([title, *([subtitle] if subtitle else []), *shown])
    return messages.flex(alt, bubble, quick_replies)


def _text(value: str, **style: str) -> dict[str, Any]:
    return {"type": "text", "text": messages.clip(value, MAX_LINE), "wrap": True, **style}
