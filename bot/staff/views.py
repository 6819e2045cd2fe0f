"""Compact Flex cards for staff answers, with the same content as plain text in altText."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.line import messages

MAX_LINE = 600  # characters of one line on a card; longer villager texts are clipped
# LINE allows 30 KB per bubble; stop adding lines well before, Thai being 3 bytes a character.
BUBBLE_BUDGET_BYTES = 24_000


def card(title: str, lines: Sequence[str], *, subtitle: str | None = None,
         quick_replies: list[dict[str, Any]] | None = None,
         buttons: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """A bubble: bold title, grey subtitle, then one wrapped text per line ("" draws a separator).

    `buttons` (actions from bot.staff.taps) go in a row under the text, so they stay with the card
    after the quick replies are gone.
    """
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
    bubble: dict[str, Any] = {"type": "bubble", "size": "giga",
                              "body": {"type": "box", "layout": "vertical", "spacing": "none", "contents": contents}}
    if buttons:
        bubble["footer"] = {"type": "box", "layout": "horizontal", "spacing": "sm",
                            "contents": [_button(action, primary=index == 0) for index, action in enumerate(buttons)]}
    alt = "\n".join([title, *([subtitle] if subtitle else []), *shown])
    return messages.flex(alt, bubble, quick_replies)


def _text(value: str, **style: Any) -> dict[str, Any]:
    return {"type": "text", "text": messages.clip(value, MAX_LINE), "wrap": True, **style}


@dataclass(frozen=True)
class Row:
    """One request of the queue card: what it is, and the buttons that act on it."""

    head: str  # reference · district · age
    lines: Sequence[str]  # category, excerpt (each shown on at most two lines)
    buttons: Sequence[dict[str, Any]]


def rows_card(title: str, subtitle: str, rows: Sequence[Row], *, empty: str,
              quick_replies: list[dict[str, Any]] | None = None, people: Sequence[Row] = (),
              people_title: str = "", people_more: str | None = None) -> dict[str, Any]:
    """The queue as one bubble: a block per request with its own row of buttons.

    `people` (villagers who asked to talk to staff) come first under `people_title`, each a block like a
    request's, then `people_more` ("และอีก N คน") when not all are shown.
    A page of ten rows with four buttons each is about 15 KB, half of LINE's 30 KB a bubble (excerpts
    are clipped); the budget check only guarantees a valid bubble whatever the rows hold.
    """
    contents: list[dict[str, Any]] = [_text(title, weight="bold", size="md"),
                                      _text(subtitle, size="xs", color="#888888")]
    used = len(json.dumps(contents, ensure_ascii=False).encode("utf-8"))
    alt = [title, subtitle]
    full = False

    def add(part: dict[str, Any], alt_line: str) -> bool:
        nonlocal used, full
        size = len(json.dumps(part, ensure_ascii=False).encode("utf-8"))
        if full or used + size > BUBBLE_BUDGET_BYTES:
            full = True
            return False
        contents.append(part)
        alt.append(alt_line)
        used += size
        return True

    if people:
        add(_text(people_title, weight="bold", size="sm", margin="lg", color="#B71C1C"), people_title)
        for row in people:
            add(_block(row), " · ".join([row.head, *row.lines]))
        if people_more:
            add(_text(people_more, size="sm", margin="sm"), people_more)
        if rows:
            add({"type": "separator", "margin": "lg"}, "")
    for row in rows:
        add(_block(row), " · ".join([row.head, *row.lines]))
    if not rows:
        contents.append(_text(empty, size="sm", margin="lg"))
        alt.append(empty)
    if full:
        contents.append(_text("…", size="sm", margin="sm"))
    bubble = {"type": "bubble", "size": "giga",
              "body": {"type": "box", "layout": "vertical", "spacing": "none", "contents": contents}}
    return messages.flex("\n".join(alt), bubble, quick_replies)


def _block(row: Row) -> dict[str, Any]:
    return {"type": "box", "layout": "vertical", "margin": "lg", "spacing": "xs", "contents": [
        {"type": "separator"},
        _text(row.head, weight="bold", size="sm", margin="md"),
        *(_text(line, size="sm", maxLines=2) for line in row.lines),
        {"type": "box", "layout": "horizontal", "spacing": "xs", "margin": "sm",
         "contents": [_button(action, primary=index == 1) for index, action in enumerate(row.buttons)]},
    ]}


def _button(action: dict[str, Any], *, primary: bool = False) -> dict[str, Any]:
    # Small buttons side by side; four fit a 390-pixel phone with Thai labels of up to six letters.
    return {"type": "button", "action": action, "height": "sm", "style": "primary" if primary else "secondary",
            "color": "#1B5E20" if primary else "#E8EDE8", "flex": 1}
