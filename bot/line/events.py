"""Conversion of LINE webhook events into the project's own small `Incoming` type.

This is the one module that imports the SDK's webhook models. The SDK validates each event
against LINE's schema; anything it cannot read becomes kind "unknown" and is logged by type.
It is also the edge where input is made safe to store and to use: text loses the characters no
database keeps, ids must have LINE's shapes, and coordinates must lie on the globe.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from types import ModuleType
from typing import Any

log = logging.getLogger(__name__)


@cache
def _webhooks() -> ModuleType:
    """line-bot-sdk's webhook models, imported on first use: importing them builds hundreds of
    pydantic models (about a second), and the web path only stores raw events; the worker reads them
    (`load_models` runs before it takes work)."""
    from linebot.v3 import webhooks

    return webhooks


def load_models() -> None:
    """Import the SDK's webhook models now (a worker, before its first event)."""
    _webhooks()

MEDIA_KINDS = frozenset({"image", "video", "audio", "file"})

# C0 control characters except tab, line feed and carriage return, DEL, and lone UTF-16
# surrogates (a JSON "\ud800" escape decodes to one): PostgreSQL refuses NUL in text, no database
# encodes a surrogate, and none of them is something a villager meant to write. A valid pair is
# one code point in Python, so emoji are untouched.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# LINE's id shapes. An id becomes part of an API path (message content) or a stored key, so
# anything else is refused rather than passed on.
_CHAT_IDS = {"user": re.compile(r"U[0-9a-f]{32}"), "group": re.compile(r"C[0-9a-f]{32}"),
             "room": re.compile(r"R[0-9a-f]{32}")}
_MESSAGE_ID = re.compile(r"[0-9]{1,40}")  # decimal digits; 40 is the column width
_REPLY_TOKEN = re.compile(r"[0-9A-Za-z_+/=-]{1,255}")  # opaque, but hex or base64 in practice


@dataclass(frozen=True)
class Incoming:
    """One event, reduced to what the bot acts on."""

    event_id: str
    kind: str  # text, image, video, audio, file, location, sticker, follow, unfollow, postback,
    #            join, leave, unsend, member_joined, member_left, unknown
    occurred_at: datetime
    chat_type: str = "user"  # user, group, room
    chat_id: str | None = None  # where answers go: the user, group or room id
    user_id: str | None = None
    reply_token: str | None = None
    message_id: str | None = None
    text: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    postback_data: str | None = None
    postback_params: dict[str, str] = field(default_factory=dict)
    mentions_bot: bool = False
    redelivered: bool = False
    standby: bool = False
    unblocked: bool = False
    file_name: str | None = None
    file_size: int | None = None
    external_content: bool = False
    image_set_index: int | None = None  # position in an album of photos sent together

    @property
    def is_private(self) -> bool:
        return self.chat_type == "user"

    @property
    def is_media(self) -> bool:
        return self.kind in MEDIA_KINDS


def to_incoming(raw: dict[str, Any]) -> Incoming:
    event_id = str(raw.get("webhookEventId", ""))
    occurred = _timestamp(raw.get("timestamp"))
    try:
        event = _webhooks().Event.from_dict(raw)
    except (ValueError, TypeError) as error:  # pydantic's ValidationError is a ValueError
        log.info("unreadable event type=%s id=%s: %s", raw.get("type"), event_id, type(error).__name__)
        return Incoming(event_id=event_id, kind="unknown", occurred_at=occurred)
    base = _base(event, event_id, occurred)
    kind, details = _details(event)
    if kind == "unknown":
        log.info("ignored event type=%s id=%s", raw.get("type"), event_id)
    elif not _ids_well_formed(base, details):
        # LINE never sends these; only someone holding the channel secret could. Acting on such
        # an event would put their string into an API path or a stored key, so it is dropped.
        log.warning("event with malformed ids ignored type=%s id=%s", raw.get("type"), event_id)
        return Incoming(event_id=event_id, kind="unknown", occurred_at=occurred)
    return Incoming(kind=kind, **base, **details)


def is_message_id(value: object) -> bool:
    """LINE message ids are decimal digit strings (and the only ids that go into an API path)."""
    return isinstance(value, str) and _MESSAGE_ID.fullmatch(value) is not None


def clean_text(value: str) -> str:
    """The text without characters no database stores (see `_UNSTORABLE`)."""
    return _UNSTORABLE.sub("", value)


def _ids_well_formed(base: dict[str, Any], details: dict[str, Any]) -> bool:
    chat_id, user_id = base["chat_id"], base["user_id"]
    checks = [
        (chat_id, _CHAT_IDS[base["chat_type"]]),
        (user_id, _CHAT_IDS["user"]),
        (base["reply_token"], _REPLY_TOKEN),
        (details.get("message_id"), _MESSAGE_ID),
    ]
    return all(value is None or (isinstance(value, str) and pattern.fullmatch(value) is not None)
               for value, pattern in checks)


def _base(event: Any, event_id: str, occurred: datetime) -> dict[str, Any]:
    wh = _webhooks()
    source = getattr(event, "source", None)
    chat_type, chat_id, user_id = "user", None, None
    if isinstance(source, wh.UserSource):
        chat_id = user_id = source.user_id
    elif isinstance(source, wh.GroupSource):
        chat_type, chat_id, user_id = "group", source.group_id, source.user_id
    elif isinstance(source, wh.RoomSource):
        chat_type, chat_id, user_id = "room", source.room_id, source.user_id
    delivery = getattr(event, "delivery_context", None)
    mode = getattr(event, "mode", None)
    return {
        "event_id": event_id,
        "occurred_at": occurred,
        "chat_type": chat_type,
        "chat_id": chat_id,
        "user_id": user_id,
        "reply_token": getattr(event, "reply_token", None),
        "redelivered": bool(getattr(delivery, "is_redelivery", False)),
        "standby": _value(mode) == "standby",
    }


def _details(event: Any) -> tuple[str, dict[str, Any]]:
    wh = _webhooks()
    if isinstance(event, wh.MessageEvent):
        return _message_details(event.message)
    if isinstance(event, wh.FollowEvent):
        return "follow", {"unblocked": bool(event.follow and event.follow.is_unblocked)}
    if isinstance(event, wh.UnfollowEvent):
        return "unfollow", {}
    if isinstance(event, wh.PostbackEvent):
        params = {clean_text(k): clean_text(str(v)) for k, v in (event.postback.params or {}).items()
                  if v is not None}
        return "postback", {"postback_data": clean_text(event.postback.data), "postback_params": params}
    if isinstance(event, wh.UnsendEvent):
        return "unsend", {"message_id": event.unsend.message_id}
    if isinstance(event, wh.JoinEvent):
        return "join", {}
    if isinstance(event, wh.LeaveEvent):
        return "leave", {}
    if isinstance(event, wh.MemberJoinedEvent):
        return "member_joined", {}
    if isinstance(event, wh.MemberLeftEvent):
        return "member_left", {}
    return "unknown", {}


def _message_details(message: Any) -> tuple[str, dict[str, Any]]:
    wh = _webhooks()
    details: dict[str, Any] = {"message_id": message.id}
    if isinstance(message, wh.TextMessageContent):
        details["text"] = clean_text(message.text)
        mentionees = message.mention.mentionees if message.mention else []
        details["mentions_bot"] = any(getattr(m, "is_self", False) for m in mentionees)
        return "text", details
    if isinstance(message, wh.LocationMessageContent):
        # A point off the globe is no location at all: the villager then hears that the point is
        # outside Lampang and is asked for another, instead of the event being dropped unanswered.
        if not _on_the_globe(message.latitude, message.longitude):
            return "location", details
        return "location", {**details, "latitude": message.latitude, "longitude": message.longitude}
    if isinstance(message, wh.StickerMessageContent):
        return "sticker", details
    if isinstance(message, wh.FileMessageContent):
        return "file", {**details, "file_name": clean_text(message.file_name), "file_size": message.file_size}
    for kind, cls in (("image", wh.ImageMessageContent), ("video", wh.VideoMessageContent),
                      ("audio", wh.AudioMessageContent)):
        if isinstance(message, cls):
            provider = getattr(message, "content_provider", None)
            external = _value(getattr(provider, "type", None)) == "external"
            image_set = getattr(message, "image_set", None)
            index = getattr(image_set, "index", None)
            return kind, {**details, "external_content": external, "image_set_index": index}
    return "unknown", details


def _on_the_globe(latitude: Any, longitude: Any) -> bool:
    return (isinstance(latitude, int | float) and isinstance(longitude, int | float)
            and math.isfinite(latitude) and math.isfinite(longitude)
            and -90 <= latitude <= 90 and -180 <= longitude <= 180)


def _value(field: Any) -> str:
    """SDK enums and plain strings alike."""
    return str(getattr(field, "value", field))


def _timestamp(value: Any) -> datetime:
    try:
        return datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return datetime.now(UTC)
