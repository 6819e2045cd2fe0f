"""What each Messaging API endpoint does to the platform state (HTTP concerns live in `api`)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from linesim import ids
from linesim.errors import (
    FAILED_TO_SEND,
    INVALID_REPLY_TOKEN,
    MONTHLY_LIMIT,
    NOT_FOUND,
    ApiError,
    invalid_body,
)
from linesim.records import AcceptedRetry, Delivered, RichMenu, User
from linesim.state import State
from linesim.validation import validate_action, validate_messages

RETRY_KEY_TTL_S = 24 * 3600
REDELIVERED_TOKEN_MAX_AGE_S = 20 * 60
MAX_MULTICAST = 500
MAX_RICH_MENU_IMAGE = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Knobs of the API behaviour that LINE leaves undocumented or that tests tune."""

    reply_token_ttl_s: float = 60.0
    consume_reply_token_on_error: bool = False
    quota_limit: int | None = 300
    external_content_status: int = 404


@dataclass(frozen=True)
class Outcome:
    """A successful answer: status and JSON body, or raw bytes for content."""

    status: int
    body: Any = None
    content: bytes | None = None
    content_type: str | None = None


class Backend:
    """The Messaging API's semantics; every method expects the caller to hold `state.lock`."""

    def __init__(self, state: State, settings_source) -> None:
        self._state = state
        self._settings = settings_source

    # --- sending -------------------------------------------------------------------------

    def reply(self, body: dict, request_id: str, retry_key: str | None) -> Outcome:
        if retry_key is not None:
            raise ApiError(400, "The retry key is not supported by this API")
        settings: Settings = self._settings()
        token = self._state.reply_tokens.get(body.get("replyToken") or "")
        now = self._state.clock.now()
        if (token is None or token.used or now - token.issued_at > settings.reply_token_ttl_s
                or now - token.event_at > REDELIVERED_TOKEN_MAX_AGE_S):
            raise ApiError(400, INVALID_REPLY_TOKEN)
        details = validate_messages(body.get("messages"))
        if details:
            if settings.consume_reply_token_on_error:
                token.used = True
            raise invalid_body(details)
        token.used = True
        sent = self._deliver(token.chat_id, body, "reply", request_id, None)
        return Outcome(200, {"sentMessages": sent})

    def push(self, body: dict, request_id: str, retry_key: str | None) -> Outcome:
        return self._with_retry_key(retry_key, request_id, lambda: self._push(body, request_id, retry_key))

    def multicast(self, body: dict, request_id: str, retry_key: str | None) -> Outcome:
        return self._with_retry_key(retry_key, request_id,
                                    lambda: self._multicast(body, request_id, retry_key))

    def _push(self, body: dict, request_id: str, retry_key: str | None) -> Outcome:
        to = body.get("to")
        if not ids.is_chat_id(to) or (to not in self._state.users and to not in self._state.chats):
            raise ApiError(400, FAILED_TO_SEND)
        self._validate_or_raise(body)
        self._charge(self._state.deliverable_count(to))
        sent = self._deliver(to, body, "push", request_id, retry_key)
        return Outcome(200, {"sentMessages": sent})

    def _multicast(self, body: dict, request_id: str, retry_key: str | None) -> Outcome:
        to = body.get("to")
        if not isinstance(to, list) or not 1 <= len(to) <= MAX_MULTICAST:
            raise invalid_body([{"message": f"Size must be between 1 and {MAX_MULTICAST}", "property": "to"}])
        wrong = [i for i, uid in enumerate(to) if not ids.is_chat_id(uid, "U")]
        if wrong:
            raise invalid_body([{"message": "Must be a user ID", "property": f"to[{i}]"} for i in wrong])
        self._validate_or_raise(body)
        known = [uid for uid in dict.fromkeys(to) if uid in self._state.users]
        self._charge(sum(self._state.deliverable_count(uid) for uid in known))
        for uid in known:
            self._deliver(uid, body, "multicast", request_id, retry_key)
        return Outcome(200, {})

    def _with_retry_key(self, retry_key: str | None, request_id: str, send) -> Outcome:
        if retry_key is None:
            return send()
        if not ids.is_uuid(retry_key):
            raise ApiError(400, "The retry key must be a UUID",
                           [{"message": "Must be a UUID", "property": "X-Line-Retry-Key"}])
        now = self._state.clock.now()
        accepted = self._state.retry_keys.get(retry_key)
        if accepted is not None and now - accepted.at <= RETRY_KEY_TTL_S:
            extra = {k: v for k, v in accepted.response.items() if k == "sentMessages"}
            raise ApiError(409, "The retry key is already accepted", extra=extra,
                           headers={"X-Line-Accepted-Request-Id": accepted.request_id})
        outcome = send()
        self._state.retry_keys[retry_key] = AcceptedRetry(request_id, outcome.body, now)
        return outcome

    def _validate_or_raise(self, body: dict) -> None:
        details = validate_messages(body.get("messages"))
        if details:
            raise invalid_body(details)

    def _charge(self, recipients: int) -> None:
        limit = self._settings().quota_limit
        if limit is not None and self._state.consumption + recipients > limit:
            raise ApiError(429, MONTHLY_LIMIT)
        self._state.consumption += recipients

    def _deliver(self, chat_id: str, body: dict, via: str, request_id: str,
                 retry_key: str | None) -> list[dict[str, str]]:
        """Put the messages in the chat's history (unless blocked) and return `sentMessages`."""
        reachable = self._state.deliverable_count(chat_id) > 0 or via == "reply"
        now = self._state.clock.now()
        sent = []
        for message in body["messages"]:
            message_id = self._state.next_message_id()
            entry = {"id": message_id}
            if message.get("type") in ("text", "textV2", "image", "video", "sticker", "flex", "template"):
                entry["quoteToken"] = ids.new_opaque_token()
            sent.append(entry)
            if reachable:
                self._state.log(chat_id, Delivered(
                    message=message, via=via, at=now, message_id=message_id, request_id=request_id,
                    retry_key=retry_key, notification_disabled=bool(body.get("notificationDisabled"))))
        return sent

    def validate(self, body: dict) -> Outcome:
        self._validate_or_raise(body)
        return Outcome(200, {})

    # --- reading -------------------------------------------------------------------------

    def quota(self) -> Outcome:
        limit = self._settings().quota_limit
        return Outcome(200, {"type": "none"} if limit is None else {"type": "limited", "value": limit})

    def consumption(self) -> Outcome:
        return Outcome(200, {"totalUsage": self._state.consumption})

    def profile(self, user_id: str) -> Outcome:
        if not ids.is_chat_id(user_id, "U"):
            raise ApiError(400, "The value for the 'userId' parameter is invalid")
        user = self._state.users.get(user_id)
        if user is None or user.blocked or not user.friend:
            raise ApiError(404, NOT_FOUND)
        profile = {"displayName": user.display_name, "userId": user.user_id}
        optional = {"language": user.language, "pictureUrl": user.picture_url,
                    "statusMessage": user.status_message}
        profile.update({key: value for key, value in optional.items() if value is not None})
        return Outcome(200, profile)

    def content(self, message_id: str, *, preview: bool = False) -> Outcome:
        content = self._state.contents.get(message_id)
        if content is None:
            raise ApiError(404, "not found")
        if content.gone:
            raise ApiError(410, "The content is gone")
        if content.external:
            raise ApiError(self._settings().external_content_status, "not found")
        if preview and not content.content_type.startswith(("image/", "video/")):
            raise ApiError(400, "The message is not an image or a video")
        if content.preparing:
            return Outcome(202, {})
        return Outcome(200, content=content.data, content_type=content.content_type)

    def transcoding(self, message_id: str) -> Outcome:
        content = self._state.contents.get(message_id)
        if content is None:
            raise ApiError(404, "not found")
        if content.gone:
            raise ApiError(410, "The content is gone")
        return Outcome(200, {"status": "processing" if content.preparing else "succeeded"})

    # --- chat actions --------------------------------------------------------------------

    def loading(self, body: dict) -> Outcome:
        details = []
        if not ids.is_chat_id(body.get("chatId"), "U"):
            details.append({"message": "Only user id is acceptable, please confirm if there are any "
                                       "group/room ids or illegal ids.", "property": "chatId"})
        seconds = body.get("loadingSeconds", 20)
        if not isinstance(seconds, int) or not 5 <= seconds <= 60:
            details.append({"message": "Must be between 5 and 60", "property": "loadingSeconds"})
        if not isinstance(seconds, int) or seconds % 5:
            details.append({"message": "must be a multiple of five", "property": "loadingSeconds"})
        if details:
            raise invalid_body(details)
        return Outcome(202, {})

    def mark_as_read(self, body: dict) -> Outcome:
        if body.get("markAsReadToken") not in self._state.read_tokens:
            raise ApiError(400, "Invalid mark as read token",
                           [{"message": "Invalid token", "property": "markAsReadToken"}])
        return Outcome(200, {})

    # --- rich menus ----------------------------------------------------------------------

    def validate_rich_menu(self, body: dict) -> Outcome:
        details = rich_menu_errors(body)
        if details:
            raise invalid_body(details)
        return Outcome(200, {})

    def create_rich_menu(self, body: dict) -> Outcome:
        self.validate_rich_menu(body)
        rich_menu_id = "richmenu-" + secrets.token_hex(16)
        self._state.rich_menus[rich_menu_id] = RichMenu(rich_menu_id, body)
        return Outcome(200, {"richMenuId": rich_menu_id})

    def upload_rich_menu_image(self, rich_menu_id: str, data: bytes, content_type: str) -> Outcome:
        menu = self._rich_menu(rich_menu_id)
        if content_type not in ("image/png", "image/jpeg"):
            raise ApiError(415, f"The content type, {content_type}, is not supported")
        if len(data) > MAX_RICH_MENU_IMAGE:
            raise ApiError(400, "The image size must be 1 MB or less")
        if menu.image is not None:
            raise ApiError(400, "An image has already been uploaded to the richmenu")
        menu.image, menu.image_type = data, content_type
        return Outcome(200, {})

    def rich_menu_image(self, rich_menu_id: str) -> Outcome:
        menu = self._rich_menu(rich_menu_id)
        if menu.image is None:
            raise ApiError(404, NOT_FOUND)
        return Outcome(200, content=menu.image, content_type=menu.image_type)

    def get_rich_menu(self, rich_menu_id: str) -> Outcome:
        menu = self._rich_menu(rich_menu_id)
        return Outcome(200, {"richMenuId": menu.rich_menu_id, **menu.definition})

    def list_rich_menus(self) -> Outcome:
        menus = [{"richMenuId": m.rich_menu_id, **m.definition} for m in self._state.rich_menus.values()]
        return Outcome(200, {"richmenus": menus})

    def delete_rich_menu(self, rich_menu_id: str) -> Outcome:
        self._rich_menu(rich_menu_id)
        del self._state.rich_menus[rich_menu_id]
        if self._state.default_rich_menu_id == rich_menu_id:
            self._state.default_rich_menu_id = None
        for user in self._state.users.values():  # LINE unlinks a deleted menu from everyone
            if user.rich_menu_id == rich_menu_id:
                user.rich_menu_id = None
        return Outcome(200, {})

    def set_default_rich_menu(self, rich_menu_id: str) -> Outcome:
        menu = self._rich_menu(rich_menu_id)
        if menu.image is None:
            raise ApiError(400, "must upload richmenu image before applying it to user")
        self._state.default_rich_menu_id = rich_menu_id
        return Outcome(200, {})

    def get_default_rich_menu(self) -> Outcome:
        if self._state.default_rich_menu_id is None:
            raise ApiError(404, "no default richmenu")
        return Outcome(200, {"richMenuId": self._state.default_rich_menu_id})

    def clear_default_rich_menu(self) -> Outcome:
        self._state.default_rich_menu_id = None
        return Outcome(200, {})

    def link_rich_menu(self, user_id: str, rich_menu_id: str) -> Outcome:
        user = self._user(user_id)
        menu = self._rich_menu(rich_menu_id)
        if menu.image is None:
            raise ApiError(400, "must upload richmenu image before applying it to user")
        user.rich_menu_id = rich_menu_id
        return Outcome(200, {})

    def unlink_rich_menu(self, user_id: str) -> Outcome:
        self._user(user_id).rich_menu_id = None  # nothing linked is not an error
        return Outcome(200, {})

    def user_rich_menu(self, user_id: str) -> Outcome:
        user = self._user(user_id)
        if user.rich_menu_id is None:
            raise ApiError(404, "the user has no richmenu")
        return Outcome(200, {"richMenuId": user.rich_menu_id})

    def _user(self, user_id: str) -> User:
        user = self._state.users.get(user_id) if ids.is_chat_id(user_id, "U") else None
        if user is None:
            raise ApiError(400, "The value for the 'userId' parameter is invalid")
        return user

    def _rich_menu(self, rich_menu_id: str) -> RichMenu:
        menu = self._state.rich_menus.get(rich_menu_id)
        if menu is None:
            raise ApiError(404, "richmenu not found")
        return menu


def rich_menu_errors(body: dict) -> list[dict[str, str]]:
    """The basic checks LINE makes on a rich menu object: size, areas and their actions."""
    details: list[dict[str, str]] = []
    size = body.get("size") if isinstance(body.get("size"), dict) else {}
    width, height = size.get("width"), size.get("height")
    if not isinstance(width, int) or not 800 <= width <= 2500:
        details.append({"message": "Must be between 800 and 2500", "property": "size.width"})
    if not isinstance(height, int) or height < 250:
        details.append({"message": "Must be at least 250", "property": "size.height"})
    elif isinstance(width, int) and width and width / height < 1.45:
        details.append({"message": "Aspect ratio (width / height) must be at least 1.45", "property": "size"})
    if not isinstance(body.get("selected"), bool):
        details.append({"message": "Must be specified", "property": "selected"})
    for prop, maximum in (("name", 300), ("chatBarText", 14)):
        value = body.get(prop)
        if not isinstance(value, str) or not 1 <= len(value) <= maximum:
            details.append({"message": f"Length must be between 1 and {maximum}", "property": prop})
    areas = body.get("areas")
    if not isinstance(areas, list) or not 1 <= len(areas) <= 20:
        details.append({"message": "Size must be between 1 and 20", "property": "areas"})
        return details
    for i, area in enumerate(areas):
        bounds = area.get("bounds") if isinstance(area, dict) else None
        if not isinstance(bounds, dict) or not all(isinstance(bounds.get(k), int)
                                                   for k in ("x", "y", "width", "height")):
            details.append({"message": "Must be specified", "property": f"areas[{i}].bounds"})
        elif isinstance(width, int) and isinstance(height, int) and (
                bounds["x"] < 0 or bounds["y"] < 0 or bounds["x"] + bounds["width"] > width
                or bounds["y"] + bounds["height"] > height):
            details.append({"message": "Bounds must lie inside the rich menu", "property": f"areas[{i}].bounds"})
        action = area.get("action") if isinstance(area, dict) else None
        details.extend(validate_action(action, f"areas[{i}].action", label_required=False))
    return details
