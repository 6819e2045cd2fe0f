"""Everything the emulated platform remembers, behind one lock."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field

from linesim.clock import Clock
from linesim.ratelimit import RateLimiter
from linesim.records import (
    AcceptedRetry,
    ApiCall,
    Content,
    Delivered,
    MultiPersonChat,
    ReplyToken,
    RichMenu,
    User,
)


@dataclass
class State:
    """Mutable platform state; hold `lock` for every read or write."""

    clock: Clock
    limiter: RateLimiter
    lock: threading.RLock = field(default_factory=threading.RLock)
    users: dict[str, User] = field(default_factory=dict)
    chats: dict[str, MultiPersonChat] = field(default_factory=dict)
    reply_tokens: dict[str, ReplyToken] = field(default_factory=dict)
    read_tokens: set[str] = field(default_factory=set)
    contents: dict[str, Content] = field(default_factory=dict)
    logs: dict[str, list[Delivered]] = field(default_factory=dict)
    retry_keys: dict[str, AcceptedRetry] = field(default_factory=dict)
    api_calls: list[ApiCall] = field(default_factory=list)
    consumption: int = 0
    rich_menus: dict[str, RichMenu] = field(default_factory=dict)
    default_rich_menu_id: str | None = None
    message_seq: itertools.count = field(default_factory=lambda: itertools.count(600000000000000001))

    def next_message_id(self) -> str:
        """Message ids are decimal digit strings."""
        return str(next(self.message_seq))

    def log(self, chat_id: str, entry: Delivered) -> None:
        """Append to a chat's history."""
        self.logs.setdefault(chat_id, []).append(entry)

    def deliverable_count(self, chat_id: str) -> int:
        """Recipients a push to `chat_id` reaches: 1 for a friend, 0 if blocked, members of a group."""
        if chat_id in self.users:
            user = self.users[chat_id]
            return 1 if user.friend and not user.blocked else 0
        chat = self.chats.get(chat_id)
        return len(chat.member_ids) if chat and chat.bot_is_member else 0

    def clear(self) -> None:
        """Forget everything except the clock and the limits' configuration."""
        self.users.clear()
        self.chats.clear()
        self.reply_tokens.clear()
        self.read_tokens.clear()
        self.contents.clear()
        self.logs.clear()
        self.retry_keys.clear()
        self.api_calls.clear()
        self.consumption = 0
        self.rich_menus.clear()
        self.default_rich_menu_id = None
        self.limiter.reset()
