"""The emulated LINE platform: users and chats, webhook events to the bot, and the API it calls."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from flask import Flask

from linesim import events as shapes
from linesim import ids
from linesim.api import create_api_app
from linesim.backend import Backend, Settings
from linesim.clock import Clock
from linesim.faults import FaultPlan
from linesim.login import LoginChannel
from linesim.ratelimit import RateLimiter
from linesim.records import (
    ApiCall,
    Content,
    Delivered,
    Delivery,
    MultiPersonChat,
    ReplyToken,
    User,
)
from linesim.state import State
from linesim.webhook import encode_body, post, sign

Event = dict[str, Any]
QUOTABLE = ("text", "image", "video", "sticker")


class Platform:
    """One LINE channel: its bot, its users and groups, and the Messaging API the bot talks to."""

    def __init__(self, channel_secret: str = "linesim-channel-secret",
                 access_token: str = "linesim-access-token", webhook_url: str | None = None,
                 quota: int | None = 300, *, clock: Clock | None = None, webhook_timeout_s: float = 2.0,
                 redelivery_attempts: int = 0, redelivery_delay_s: float = 0.0,
                 rate_limits: dict[str, tuple[float, float]] | None = None,
                 bot_user_id: str | None = None, bot_display_name: str = "อบจ.ลำปาง",
                 login_channel_id: str = "1660000000", login_channel_secret: str = "linesim-login-secret") -> None:
        self.channel_secret = channel_secret
        self.access_token = access_token
        self.webhook_url = webhook_url
        self.webhook_timeout_s = webhook_timeout_s
        self.redelivery_attempts = redelivery_attempts
        self.redelivery_delay_s = redelivery_delay_s
        self.bot_user_id = bot_user_id or ids.new_chat_id("U")
        self.bot_display_name = bot_display_name
        self.clock = clock or Clock()
        self.faults = FaultPlan()
        self.settings = Settings(quota_limit=quota)
        self.state = State(clock=self.clock, limiter=RateLimiter(rate_limits))
        self.backend = Backend(self.state, lambda: self.settings)
        self.deliveries: list[Delivery] = []
        # LINE Login (a channel of its own): users of this platform can sign in to a web page with it.
        self.login = LoginChannel(login_channel_id, login_channel_secret, self.clock, self._login_personas)
        self.login_personas: Callable[[], list[dict[str, str]]] | None = None

    # --- knobs -----------------------------------------------------------------------------

    @property
    def quota_limit(self) -> int | None:
        """Monthly message quota; None means unlimited."""
        return self.settings.quota_limit

    @quota_limit.setter
    def quota_limit(self, value: int | None) -> None:
        self.settings = replace(self.settings, quota_limit=value)

    @property
    def reply_token_ttl(self) -> float:
        """Seconds a reply token stays usable after the webhook that carried it."""
        return self.settings.reply_token_ttl_s

    @reply_token_ttl.setter
    def reply_token_ttl(self, seconds: float) -> None:
        self.settings = replace(self.settings, reply_token_ttl_s=seconds)

    def configure(self, **changes: Any) -> None:
        """Change other API settings (`consume_reply_token_on_error`, `external_content_status`)."""
        self.settings = replace(self.settings, **changes)

    def set_rate_limit(self, endpoint: str, requests: float, per_seconds: float = 1.0) -> None:
        """Lower (or raise) one endpoint's rate limit."""
        with self.state.lock:
            self.state.limiter.set_limit(endpoint, requests, per_seconds)

    @property
    def consumption(self) -> int:
        """Messages counted against the quota, per delivered recipient."""
        with self.state.lock:
            return self.state.consumption

    @consumption.setter
    def consumption(self, value: int) -> None:
        with self.state.lock:
            self.state.consumption = value

    def reset(self) -> None:
        """Forget users, chats, messages, calls, faults and consumption."""
        with self.state.lock:
            self.state.clear()
            self.deliveries.clear()
        self.faults.clear()

    def _login_personas(self) -> list[dict[str, str]]:
        """Who the authorize page offers: `login_personas` when set (development mode: the bot's staff),
        plus every user of the platform."""
        offered = list(self.login_personas()) if self.login_personas else []
        known = {persona["user_id"] for persona in offered}
        with self.state.lock:
            users = list(self.state.users.values())
        return offered + [{"user_id": u.user_id, "display_name": u.display_name} for u in users
                          if u.user_id not in known]

    # --- serving ---------------------------------------------------------------------------

    def wsgi_app(self) -> Flask:
        """A Flask app serving the Messaging API paths for this platform."""
        return create_api_app(self)

    def serve(self, port: int = 0, host: str = "127.0.0.1"):
        """Serve the API in a background thread; returns a server with `.url` and `.stop()`."""
        from linesim.server import BackgroundServer

        return BackgroundServer.start(self.wsgi_app(), host=host, port=port)

    def record_call(self, call: ApiCall) -> None:
        """Remember one API request (called by the API app)."""
        with self.state.lock:
            self.state.api_calls.append(call)

    @property
    def api_calls(self) -> list[ApiCall]:
        """Every request the bot made, oldest first."""
        with self.state.lock:
            return list(self.state.api_calls)

    def calls_to(self, path_suffix: str) -> list[ApiCall]:
        """API calls whose path ends with `path_suffix` (e.g. "/message/push")."""
        return [call for call in self.api_calls if call.path.endswith(path_suffix)]

    # --- people and chats ------------------------------------------------------------------

    def add_user(self, display_name: str = "ผู้ใช้ทดสอบ", user_id: str | None = None,
                 language: str | None = "th", *, friend: bool = True, picture_url: str | None = None,
                 status_message: str | None = None) -> str:
        """Create a LINE user (a friend of the bot by default) and return its `U...` id."""
        user_id = user_id or ids.new_chat_id("U")
        with self.state.lock:
            self.state.users[user_id] = User(user_id, display_name, language, picture_url,
                                             status_message, friend=friend)
        return user_id

    def rich_menu_shown(self, user_id: str) -> str | None:
        """The rich menu `user_id` sees: the one linked to them, else the default (None: no menu)."""
        with self.state.lock:
            return self.state.users[user_id].rich_menu_id or self.state.default_rich_menu_id

    def user(self, user_id: str) -> User:
        """The user record (treat as read-only; use block/follow to change it)."""
        with self.state.lock:
            return self.state.users[user_id]

    @property
    def users(self) -> list[User]:
        """Every known user."""
        with self.state.lock:
            return list(self.state.users.values())

    def block(self, user_id: str) -> None:
        """Mark the user as having blocked the bot (no webhook; see `unfollow`)."""
        with self.state.lock:
            self.state.users[user_id].blocked = True

    def unblock(self, user_id: str) -> None:
        """Undo `block` (no webhook; see `follow`)."""
        with self.state.lock:
            self.state.users[user_id].blocked = False

    def add_group(self, member_ids: list[str] | None = None) -> str:
        """A group chat (`C...`) that the bot is in."""
        return self._add_chat("C", member_ids)

    def add_room(self, member_ids: list[str] | None = None) -> str:
        """A multi-person room (`R...`) that the bot is in."""
        return self._add_chat("R", member_ids)

    def _add_chat(self, prefix: str, member_ids: list[str] | None) -> str:
        chat_id = ids.new_chat_id(prefix)
        with self.state.lock:
            self.state.chats[chat_id] = MultiPersonChat(chat_id, list(member_ids or []))
        return chat_id

    def members(self, chat_id: str) -> list[str]:
        """Members of a group or room."""
        with self.state.lock:
            return list(self.state.chats[chat_id].member_ids)

    def content(self, message_id: str) -> Content | None:
        """What a user sent as image, video, audio or file, while not unsent."""
        with self.state.lock:
            content = self.state.contents.get(message_id)
            return None if content is None or content.gone else content

    def has_user(self, user_id: str) -> bool:
        """True when the platform knows this user."""
        with self.state.lock:
            return user_id in self.state.users

    # --- what chats saw --------------------------------------------------------------------

    def transcript(self, chat_id: str) -> list[Delivered]:
        """Everything in a chat, in order: what users sent (`via="user"`) and what the bot sent."""
        with self.state.lock:
            return list(self.state.logs.get(chat_id, []))

    def inbox(self, chat_id: str) -> list[Delivered]:
        """What the bot delivered to a user, group or room (reply, push or multicast)."""
        return [entry for entry in self.transcript(chat_id) if entry.via != "user"]

    def texts(self, chat_id: str) -> list[str]:
        """The inbox as strings: text messages' text, and the altText of Flex and template messages."""
        return [entry.message.get("text") or entry.message.get("altText") or ""
                for entry in self.inbox(chat_id)]

    # --- building events -------------------------------------------------------------------

    def event_text(self, user_id: str, text: str, *, group_id: str | None = None,
                   mention_bot: bool = False, quoted_message_id: str | None = None,
                   emojis: list[dict] | None = None, mode: str = "active") -> Event:
        """A text message event (with `quoteToken`, and a `mention` of the bot when asked)."""
        body: dict[str, Any] = {"type": "text", "text": text}
        if mention_bot:
            body["text"] = f"@{self.bot_display_name} {text}"
            body["mention"] = shapes.mention_of_bot(body["text"], self.bot_display_name)
        if emojis:
            body["emojis"] = emojis
        if quoted_message_id:
            body["quotedMessageId"] = quoted_message_id
        return self._message_event(user_id, body, group_id, mode)

    def event_image(self, user_id: str, content: bytes = b"\xff\xd8\xff\xe0linesim-jpeg",
                    content_type: str = "image/jpeg", *, group_id: str | None = None,
                    external_url: str | None = None, image_set: dict | None = None) -> Event:
        """An image message event; its bytes become available at Get content."""
        body = {"type": "image", "contentProvider": shapes.content_provider(external_url), "imageSet": image_set}
        return self._message_event(user_id, body, group_id, "active",
                                   Content(content, content_type, external=external_url is not None))

    def event_video(self, user_id: str, content: bytes = b"linesim-mp4", content_type: str = "video/mp4",
                    *, duration_ms: int = 5000, group_id: str | None = None, preparing: bool = False) -> Event:
        """A video message event; `preparing=True` makes Get content answer 202 for now."""
        body = {"type": "video", "duration": duration_ms, "contentProvider": shapes.content_provider(None)}
        return self._message_event(user_id, body, group_id, "active",
                                   Content(content, content_type, preparing=preparing))

    def event_audio(self, user_id: str, content: bytes = b"linesim-m4a", content_type: str = "audio/m4a",
                    *, duration_ms: int = 3000, group_id: str | None = None, preparing: bool = False) -> Event:
        """An audio message event (no quoteToken, as LINE)."""
        body = {"type": "audio", "duration": duration_ms, "contentProvider": shapes.content_provider(None)}
        return self._message_event(user_id, body, group_id, "active",
                                   Content(content, content_type, preparing=preparing))

    def event_file(self, user_id: str, file_name: str, content: bytes,
                   content_type: str = "application/octet-stream", *, group_id: str | None = None) -> Event:
        """A file message event (`fileName`, `fileSize`, no contentProvider)."""
        body = {"type": "file", "fileName": file_name, "fileSize": len(content)}
        return self._message_event(user_id, body, group_id, "active", Content(content, content_type))

    def event_location(self, user_id: str, latitude: float, longitude: float, title: str | None = None,
                       address: str | None = None, *, group_id: str | None = None) -> Event:
        """A location message event; title and address are optional."""
        body = {"type": "location", "latitude": latitude, "longitude": longitude,
                "title": title, "address": address}
        return self._message_event(user_id, body, group_id, "active")

    def event_sticker(self, user_id: str, package_id: str = "446", sticker_id: str = "1988",
                      *, group_id: str | None = None, keywords: list[str] | None = None) -> Event:
        """A sticker message event."""
        body = {"type": "sticker", "packageId": package_id, "stickerId": sticker_id,
                "stickerResourceType": "STATIC", "keywords": keywords}
        return self._message_event(user_id, body, group_id, "active")

    def event_follow(self, user_id: str, unblocked: bool = False) -> Event:
        """A follow event; also makes the user a friend who has not blocked the bot."""
        with self.state.lock:
            user = self.state.users[user_id]
            user.friend, user.blocked = True, False
        return self._event("follow", user_id, None, replyable=True, follow={"isUnblocked": unblocked})

    def event_unfollow(self, user_id: str) -> Event:
        """An unfollow event; the user now blocks the bot."""
        with self.state.lock:
            self.state.users[user_id].blocked = True
        return self._event("unfollow", user_id, None, replyable=False)

    def event_postback(self, user_id: str, data: str, params: dict[str, str] | None = None,
                       *, group_id: str | None = None, display_text: str | None = None) -> Event:
        """A postback event (`params` carries date/time/datetime picker values).

        A `display_text` appears in the chat as the user's message, as LINE shows it, but is not
        part of the event.
        """
        postback: dict[str, Any] = {"data": data}
        if params:
            postback["params"] = params
        if display_text:
            with self.state.lock:
                self.state.log(group_id or user_id, Delivered(
                    message={"type": "text", "text": display_text}, via="user", at=self.clock.now(),
                    message_id=self.state.next_message_id(), sender_id=user_id))
        return self._event("postback", user_id, group_id, replyable=True, postback=postback)

    def event_unsend(self, user_id: str, message_id: str, *, group_id: str | None = None) -> Event:
        """An unsend event; the message's content is gone (Get content answers 410)."""
        with self.state.lock:
            if message_id in self.state.contents:
                self.state.contents[message_id].gone = True
        return self._event("unsend", user_id, group_id, replyable=False, unsend={"messageId": message_id})

    def event_join(self, chat_id: str) -> Event:
        """The bot was added to a group or room."""
        with self.state.lock:
            self.state.chats[chat_id].bot_is_member = True
        return self._event("join", None, chat_id, replyable=True)

    def event_leave(self, chat_id: str) -> Event:
        """The bot was removed from a group or room."""
        with self.state.lock:
            self.state.chats[chat_id].bot_is_member = False
        return self._event("leave", None, chat_id, replyable=False)

    def event_member_joined(self, chat_id: str, user_ids: list[str]) -> Event:
        """Users joined a group or room the bot is in."""
        with self.state.lock:
            members = self.state.chats[chat_id].member_ids
            members.extend(uid for uid in user_ids if uid not in members)
        joined = {"members": [{"type": "user", "userId": uid} for uid in user_ids]}
        return self._event("memberJoined", None, chat_id, replyable=True, joined=joined)

    def event_member_left(self, chat_id: str, user_ids: list[str]) -> Event:
        """Users left a group or room the bot is in."""
        with self.state.lock:
            chat = self.state.chats[chat_id]
            chat.member_ids = [uid for uid in chat.member_ids if uid not in user_ids]
        left = {"members": [{"type": "user", "userId": uid} for uid in user_ids]}
        return self._event("memberLeft", None, chat_id, replyable=False, left=left)

    def event_message_edited(self, user_id: str, group_id: str, message_id: str, text: str) -> Event:
        """A user edited a text message in a group (a new reply token, the original message id)."""
        body = {"type": "text", "id": message_id, "text": text, "quoteToken": ids.new_opaque_token()}
        return self._event("messageEdited", user_id, group_id, replyable=True, include_user=True, message=body)

    def event_unknown(self, user_id: str) -> Event:
        """An event type the SDK doesn't know yet (it must parse as UnknownEvent)."""
        return self._event("futureFeature", user_id, None, replyable=False, futureFeature={"x": 1})

    def _event(self, kind: str, user_id: str | None, chat_id: str | None, *, replyable: bool,
               include_user: bool = False, mode: str = "active", **fields: Any) -> Event:
        now = self.clock.now()
        reply_token = None
        if replyable and mode == "active":
            reply_token = ids.new_reply_token()
            with self.state.lock:
                self.state.reply_tokens[reply_token] = ReplyToken(chat_id or user_id or "", now, now)
        return shapes.envelope(kind, event_source=shapes.source(user_id, chat_id, include_user=include_user),
                               timestamp_ms=int(now * 1000), webhook_event_id=ids.new_ulid(int(now * 1000)),
                               mode=mode, reply_token=reply_token, **fields)

    def _message_event(self, user_id: str, body: dict[str, Any], chat_id: str | None, mode: str,
                       content: Content | None = None) -> Event:
        with self.state.lock:
            message_id = self.state.next_message_id()
            read_token = ids.new_opaque_token()
            self.state.read_tokens.add(read_token)
            if content is not None:
                self.state.contents[message_id] = content
        message = {"id": message_id, **{k: v for k, v in body.items() if v is not None}}
        if body["type"] in QUOTABLE:
            message["quoteToken"] = ids.new_opaque_token()
        message["markAsReadToken"] = read_token
        event = self._event("message", user_id, chat_id, replyable=True, include_user=True, mode=mode,
                            message=message)
        with self.state.lock:
            self.state.log(chat_id or user_id, Delivered(message=message, via="user", at=self.clock.now(),
                                                         message_id=message_id, sender_id=user_id))
        return event

    # --- sending events to the bot ---------------------------------------------------------

    def deliver(self, events: list[Event], *, redeliver: int | None = None,
                duplicate: bool = False) -> list[Delivery]:
        """POST `events` in one signed webhook; then redeliver on failure and/or send a duplicate.

        Never called with the platform lock held: the bot may call the API while answering.
        """
        body = encode_body(self.bot_user_id, events)
        attempts = [post(self.webhook_url, body, sign(self.channel_secret, body), events,
                         self.webhook_timeout_s)]
        remaining = self.redelivery_attempts if redeliver is None else redeliver
        while remaining > 0 and self.webhook_url and not attempts[-1].ok:
            remaining -= 1
            if self.redelivery_delay_s:
                time.sleep(self.redelivery_delay_s)
            again = [shapes.redelivered(event) for event in events]
            self._refresh_reply_tokens(again)
            again_body = encode_body(self.bot_user_id, again)
            attempts.append(post(self.webhook_url, again_body, sign(self.channel_secret, again_body),
                                 again, self.webhook_timeout_s))
        if duplicate:
            attempts.append(post(self.webhook_url, body, sign(self.channel_secret, body), events,
                                 self.webhook_timeout_s))
        with self.state.lock:
            self.deliveries.extend(attempts)
        return attempts

    def _refresh_reply_tokens(self, events: list[Event]) -> None:
        """A redelivered token is good for another TTL from now (within 20 min of the event)."""
        now = self.clock.now()
        with self.state.lock:
            for event in events:
                token = self.state.reply_tokens.get(event.get("replyToken", ""))
                if token is not None:
                    token.issued_at = now

    def post_raw(self, body: bytes, signature: str | None) -> Delivery:
        """POST arbitrary bytes with any signature (for negative tests: tampered or unsigned bodies)."""
        return post(self.webhook_url, body, signature or "", [], self.webhook_timeout_s)

    def verify_webhook(self) -> Delivery:
        """What the console's Verify button sends: an empty `events` array."""
        return self.deliver([])[0]

    # --- one-line conveniences: build one event and deliver it -----------------------------

    def send_text(self, user_id: str, text: str, *, group_id: str | None = None, mention_bot: bool = False,
                  quoted_message_id: str | None = None) -> Delivery:
        return self._send(self.event_text(user_id, text, group_id=group_id, mention_bot=mention_bot,
                                          quoted_message_id=quoted_message_id))

    def send_image(self, user_id: str, content: bytes = b"\xff\xd8\xff\xe0linesim-jpeg",
                   content_type: str = "image/jpeg", *, group_id: str | None = None) -> Delivery:
        return self._send(self.event_image(user_id, content, content_type, group_id=group_id))

    def send_video(self, user_id: str, content: bytes = b"linesim-mp4", content_type: str = "video/mp4",
                   *, group_id: str | None = None) -> Delivery:
        return self._send(self.event_video(user_id, content, content_type, group_id=group_id))

    def send_audio(self, user_id: str, content: bytes = b"linesim-m4a", content_type: str = "audio/m4a",
                   *, group_id: str | None = None) -> Delivery:
        return self._send(self.event_audio(user_id, content, content_type, group_id=group_id))

    def send_file(self, user_id: str, file_name: str, content: bytes, *, group_id: str | None = None) -> Delivery:
        return self._send(self.event_file(user_id, file_name, content, group_id=group_id))

    def send_location(self, user_id: str, latitude: float, longitude: float, title: str | None = None,
                      address: str | None = None, *, group_id: str | None = None) -> Delivery:
        return self._send(self.event_location(user_id, latitude, longitude, title, address, group_id=group_id))

    def send_sticker(self, user_id: str, *, group_id: str | None = None) -> Delivery:
        return self._send(self.event_sticker(user_id, group_id=group_id))

    def follow(self, user_id: str, unblocked: bool = False) -> Delivery:
        return self._send(self.event_follow(user_id, unblocked))

    def unfollow(self, user_id: str) -> Delivery:
        return self._send(self.event_unfollow(user_id))

    def postback(self, user_id: str, data: str, params: dict[str, str] | None = None,
                 *, group_id: str | None = None, display_text: str | None = None) -> Delivery:
        return self._send(self.event_postback(user_id, data, params, group_id=group_id,
                                              display_text=display_text))

    def unsend(self, user_id: str, message_id: str, *, group_id: str | None = None) -> Delivery:
        return self._send(self.event_unsend(user_id, message_id, group_id=group_id))

    def join(self, chat_id: str) -> Delivery:
        return self._send(self.event_join(chat_id))

    def leave(self, chat_id: str) -> Delivery:
        return self._send(self.event_leave(chat_id))

    def member_joined(self, chat_id: str, user_ids: list[str]) -> Delivery:
        return self._send(self.event_member_joined(chat_id, user_ids))

    def member_left(self, chat_id: str, user_ids: list[str]) -> Delivery:
        return self._send(self.event_member_left(chat_id, user_ids))

    def edit_message(self, user_id: str, group_id: str, message_id: str, text: str) -> Delivery:
        return self._send(self.event_message_edited(user_id, group_id, message_id, text))

    def send_unknown_event(self, user_id: str) -> Delivery:
        return self._send(self.event_unknown(user_id))

    def _send(self, event: Event) -> Delivery:
        return self.deliver([event])[0]
