"""The emulator's data records: chat members, deliveries, API calls and stored content."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class User:
    """A LINE user known to the platform and whether they are the bot's friend."""

    user_id: str
    display_name: str
    language: str | None = "th"
    picture_url: str | None = None
    status_message: str | None = None
    friend: bool = True
    blocked: bool = False
    rich_menu_id: str | None = None  # a menu linked to this user alone; it overrides the default


@dataclass
class MultiPersonChat:
    """A group (`C...`) or room (`R...`) the bot belongs to."""

    chat_id: str
    member_ids: list[str]
    bot_is_member: bool = True


@dataclass
class ReplyToken:
    """A reply token as issued in a webhook event."""

    chat_id: str
    event_at: float
    issued_at: float
    used: bool = False


@dataclass
class Content:
    """Bytes a user sent, served by Get content until they unsend it."""

    data: bytes
    content_type: str
    external: bool = False
    gone: bool = False
    preparing: bool = False


@dataclass(frozen=True)
class Delivered:
    """One message object a chat received, or one message a user sent (`via="user"`)."""

    message: dict[str, Any]
    via: str
    at: float
    message_id: str
    request_id: str | None = None
    retry_key: str | None = None
    notification_disabled: bool = False
    sender_id: str | None = None


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made to the emulated API, and what it was answered."""

    method: str
    path: str
    headers: dict[str, str]
    json: Any
    status: int
    response: Any
    request_id: str
    at: float


@dataclass(frozen=True)
class Delivery:
    """One webhook POST to the bot: what was sent and how the bot answered."""

    status_code: int | None
    latency_s: float
    body: bytes
    events: list[dict[str, Any]]
    signature: str
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the bot answered 2xx in time."""
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def main_event(self) -> dict[str, Any] | None:
        """The first event of the POST, the one a `send_*` call was about."""
        return self.events[0] if self.events else None

    @property
    def message_id(self) -> str | None:
        """Message id of the main event, when it is a message event."""
        event = self.main_event
        return (event or {}).get("message", {}).get("id")

    @property
    def reply_token(self) -> str | None:
        """Reply token of the main event, when it is replyable."""
        return (self.main_event or {}).get("replyToken")

    @property
    def webhook_event_id(self) -> str | None:
        """The de-duplication key of the main event."""
        return (self.main_event or {}).get("webhookEventId")


@dataclass(frozen=True)
class AcceptedRetry:
    """A retry key LINE accepted, remembered for 24 hours."""

    request_id: str
    response: dict[str, Any]
    at: float


@dataclass
class RichMenu:
    """A rich menu created through the API and, once uploaded, its image."""

    rich_menu_id: str
    definition: dict[str, Any]
    image: bytes | None = None
    image_type: str | None = None
