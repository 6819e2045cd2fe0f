"""Shapes of webhook event objects (webhook.yml), built from ids the platform has minted."""

from __future__ import annotations

from typing import Any

Event = dict[str, Any]


def source(user_id: str | None, chat_id: str | None, *, include_user: bool) -> dict[str, str]:
    """`source` for a 1:1 chat, a group (`C...`) or a room (`R...`).

    In groups and rooms `userId` is only present on message events (LINE-FACTS §1.5).
    """
    if chat_id is None:
        return {"type": "user", "userId": user_id or ""}
    kind, key = ("group", "groupId") if chat_id.startswith("C") else ("room", "roomId")
    result = {"type": kind, key: chat_id}
    if include_user and user_id:
        result["userId"] = user_id
    return result


def envelope(kind: str, *, event_source: dict[str, str], timestamp_ms: int, webhook_event_id: str,
             mode: str = "active", reply_token: str | None = None, **fields: Any) -> Event:
    """The common properties every event carries, then its own fields."""
    event: Event = {"type": kind, "mode": mode, "timestamp": timestamp_ms, "source": event_source,
                    "webhookEventId": webhook_event_id, "deliveryContext": {"isRedelivery": False}}
    if reply_token is not None and mode == "active":
        event["replyToken"] = reply_token
    event.update({key: value for key, value in fields.items() if value is not None})
    return event


def redelivered(event: Event) -> Event:
    """The identical event marked as a redelivery (same webhookEventId and replyToken)."""
    copy = dict(event)
    copy["deliveryContext"] = {"isRedelivery": True}
    return copy


def mention_of_bot(text: str, bot_name: str) -> dict[str, Any]:
    """A `mention` object for `@bot_name` at the start of `text`, flagged `isSelf`."""
    return {"mentionees": [{"index": 0, "length": len(bot_name) + 1, "type": "user", "isSelf": True}]}


def content_provider(external_url: str | None) -> dict[str, str]:
    """`line` content is served by Get content; `external` carries URLs instead."""
    if external_url is None:
        return {"type": "line"}
    return {"type": "external", "originalContentUrl": external_url, "previewImageUrl": external_url}
