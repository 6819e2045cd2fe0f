"""The one module that talks to LINE's Messaging API: a `Messenger` interface, real and recording.

Message objects travel as plain LINE JSON dicts (as stored in the outbox); only this module turns
them into SDK request models. Every call has a timeout and every failure becomes a `SendResult`
that says whether trying again can help.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

import requests
import urllib3

from bot.line.events import is_message_id

if TYPE_CHECKING:
    from linebot.v3.messaging import ApiClient, MessagingApi, MessagingApiBlob

log = logging.getLogger(__name__)

TIMEOUT = (3.05, 10)  # (connect, read) seconds; the SDK has no default and would wait forever
CONTENT_HOST = "https://api-data.line.me"  # where LINE serves message content (the SDK's blob host)
CONTENT_DEADLINE_S = 120  # a whole download; the read timeout alone allows a slow drip forever
CONTENT_CHUNK = 64 * 1024


@dataclass(frozen=True)
class SendResult:
    ok: bool
    status: int = 0
    request_id: str | None = None
    error: str | None = None
    # 409 on a retry key: LINE had already accepted this exact push; it is delivered.
    already_accepted: bool = False

    @property
    def invalid_reply_token(self) -> bool:
        return self.status == 400 and "reply token" in (self.error or "").lower()

    @property
    def retryable(self) -> bool:
        return self.status == 0 or self.status >= 500 or (self.status == 429 and not self.quota_exhausted)

    @property
    def quota_exhausted(self) -> bool:
        return self.status == 429 and "monthly limit" in (self.error or "").lower()


@dataclass(frozen=True)
class Quota:
    limit: int | None  # None: no monthly limit
    used: int

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)


@dataclass(frozen=True)
class Content:
    data: bytes | None  # None while LINE is still preparing a video or audio (202), or on failure
    content_type: str | None  # as declared by the sender; never trusted for storing
    status: int
    too_large: bool = False  # over the caller's limit: the download stopped there, data is None


class Messenger(Protocol):
    def reply(self, reply_token: str, messages: list[dict[str, Any]]) -> SendResult: ...
    def push(self, to: str, messages: list[dict[str, Any]], retry_key: str) -> SendResult: ...
    def quota(self) -> Quota | None: ...
    def content(self, message_id: str, limit: int) -> Content: ...
    def show_loading(self, user_id: str, seconds: int = 20) -> None: ...
    def deploy_rich_menu(self, definition: dict[str, Any], image: bytes, content_type: str, *,
                         default: bool = True) -> str: ...
    def link_rich_menu(self, user_id: str, rich_menu_id: str) -> SendResult: ...
    def unlink_rich_menu(self, user_id: str) -> SendResult: ...


@cache
def _sdk() -> ModuleType:
    """line-bot-sdk's Messaging API, imported on first use: importing it builds hundreds of pydantic
    models (a second or more of a cold start), and a web process that only stores webhooks never
    sends. The worker imports it before it takes work (Worker.prepare)."""
    import linebot.v3.messaging

    return linebot.v3.messaging


def load_sdk() -> None:
    """Import the SDK now (a process about to send: before its first event, not during it)."""
    _sdk()


class LineMessenger:
    """The real thing, through line-bot-sdk v3 (also what talks to the built-in emulator).

    Building one imports nothing of the SDK: its client is made on the first call (see `_sdk`).
    """

    def __init__(self, access_token: str, base_url: str | None) -> None:
        # host=None keeps the SDK's own two hosts (api and api-data); a base URL serves both.
        self._access_token, self._base_url = access_token, base_url
        self._made = threading.Lock()
        self._clients: tuple[ApiClient, MessagingApi, MessagingApiBlob] | None = None
        self._content_host = (base_url or CONTENT_HOST).rstrip("/")
        self._downloads = requests.Session()
        self._downloads.headers["Authorization"] = f"Bearer {access_token}"

    def _made_clients(self) -> tuple[ApiClient, MessagingApi, MessagingApiBlob]:
        with self._made:  # the sender calls from several threads at once
            if self._clients is None:
                sdk = _sdk()
                client = sdk.ApiClient(sdk.Configuration(access_token=self._access_token, host=self._base_url))
                self._clients = (client, sdk.MessagingApi(client), sdk.MessagingApiBlob(client))
            return self._clients

    @property
    def _api(self) -> MessagingApi:
        return self._made_clients()[1]

    @property
    def _blob(self) -> MessagingApiBlob:
        return self._made_clients()[2]

    def close(self) -> None:
        if self._clients is not None:
            self._clients[0].close()
        self._downloads.close()

    def reply(self, reply_token: str, messages: list[dict[str, Any]]) -> SendResult:
        request = _sdk().ReplyMessageRequest.from_dict({"replyToken": reply_token, "messages": messages})
        return self._send(lambda: self._api.reply_message_with_http_info(request, _request_timeout=TIMEOUT))

    def push(self, to: str, messages: list[dict[str, Any]], retry_key: str) -> SendResult:
        request = _sdk().PushMessageRequest.from_dict({"to": to, "messages": messages})
        return self._send(lambda: self._api.push_message_with_http_info(
            request, x_line_retry_key=retry_key, _request_timeout=TIMEOUT))

    def _send(self, call: Any) -> SendResult:
        try:
            response = call()
        except _sdk().ApiException as error:
            headers = error.headers or {}
            request_id = headers.get("x-line-request-id") or headers.get("X-Line-Request-Id")
            if error.status == 409:
                accepted = headers.get("x-line-accepted-request-id") or headers.get("X-Line-Accepted-Request-Id")
                return SendResult(ok=True, status=409, request_id=accepted or request_id, already_accepted=True)
            return SendResult(ok=False, status=error.status or 0, request_id=request_id,
                              error=_error_message(error.body))
        except (urllib3.exceptions.HTTPError, OSError) as error:
            return SendResult(ok=False, status=0, error=type(error).__name__)
        headers = response.headers or {}
        return SendResult(ok=True, status=response.status_code,
                          request_id=headers.get("x-line-request-id") or headers.get("X-Line-Request-Id"))

    def quota(self) -> Quota | None:
        try:
            quota = self._api.get_message_quota(_request_timeout=TIMEOUT)
            used = self._api.get_message_quota_consumption(_request_timeout=TIMEOUT)
        except (_sdk().ApiException, urllib3.exceptions.HTTPError, OSError) as error:
            log.warning("quota lookup failed: %s", type(error).__name__)
            return None
        limit = quota.value if quota.type == "limited" else None
        return Quota(limit=limit, used=used.total_usage or 0)

    def content(self, message_id: str, limit: int) -> Content:
        """Download what a user sent, reading no more than `limit` bytes.

        Not through the SDK: its `get_message_content_with_http_info` reads the whole body into
        memory even with `_preload_content=False` (building its ApiResponse touches `.data`), so
        a huge upload would be held whole before any cap could refuse it.
        """
        # The id goes into the URL path. Quoting keeps "/", "?" and "#" inside the segment, but
        # "." and ".." would still be resolved as path steps, so only LINE's digit ids are sent.
        if not is_message_id(message_id):
            log.warning("content not requested: malformed message id (%d characters)", len(message_id))
            return Content(data=None, content_type=None, status=400)
        url = f"{self._content_host}/v2/bot/message/{quote(message_id, safe='')}/content"
        deadline = time.monotonic() + CONTENT_DEADLINE_S
        try:
            with self._downloads.get(url, stream=True, timeout=TIMEOUT) as response:
                content_type = response.headers.get("Content-Type")
                if response.status_code != 200:
                    return Content(data=None, content_type=None, status=response.status_code)
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > limit:
                    return Content(data=None, content_type=content_type, status=200, too_large=True)
                chunks, size = [], 0
                for chunk in response.iter_content(CONTENT_CHUNK):
                    size += len(chunk)
                    if size > limit:  # no Content-Length (a chunked body): stop at the cap anyway
                        return Content(data=None, content_type=content_type, status=200, too_large=True)
                    if time.monotonic() > deadline:
                        return Content(data=None, content_type=None, status=0)
                    chunks.append(chunk)
        except (requests.RequestException, OSError) as error:
            log.info("content download failed: %s", type(error).__name__)
            return Content(data=None, content_type=None, status=0)
        return Content(data=b"".join(chunks), content_type=content_type, status=200)

    def show_loading(self, user_id: str, seconds: int = 20) -> None:
        try:
            self._api.show_loading_animation(
                _sdk().ShowLoadingAnimationRequest(chat_id=user_id, loading_seconds=seconds), _request_timeout=TIMEOUT)
        except (_sdk().ApiException, urllib3.exceptions.HTTPError, OSError) as error:
            log.info("loading animation not shown: %s", type(error).__name__)

    def deploy_rich_menu(self, definition: dict[str, Any], image: bytes, content_type: str, *,
                         default: bool = True) -> str:
        """Create the menu and upload its image; `default` makes it every user's menu (else it is linked per user)."""
        created = self._api.create_rich_menu(_sdk().RichMenuRequest.from_dict(definition), _request_timeout=TIMEOUT)
        menu_id = created.rich_menu_id
        self._blob.set_rich_menu_image(menu_id, body=image, _headers={"Content-Type": content_type},
                                       _request_timeout=TIMEOUT)
        if default:
            self._api.set_default_rich_menu(menu_id, _request_timeout=TIMEOUT)
        return menu_id

    def link_rich_menu(self, user_id: str, rich_menu_id: str) -> SendResult:
        return self._send(lambda: self._api.link_rich_menu_id_to_user_with_http_info(
            user_id, rich_menu_id, _request_timeout=TIMEOUT))

    def unlink_rich_menu(self, user_id: str) -> SendResult:
        return self._send(lambda: self._api.unlink_rich_menu_id_from_user_with_http_info(
            user_id, _request_timeout=TIMEOUT))


def _error_message(body: Any) -> str:
    if not body:
        return ""
    try:
        return str(json.loads(body).get("message", ""))[:300]
    except (ValueError, AttributeError):
        return str(body)[:300]


@dataclass
class RecordingMessenger:
    """Keeps what would have been sent; for dry runs (e.g. `summary` without --push)."""

    sent: list[tuple[str, str, list[dict[str, Any]]]] = field(default_factory=list)
    rich_menus: dict[str, str] = field(default_factory=dict)  # user id → the menu linked to them
    quota_value: Quota | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def reply(self, reply_token: str, messages: list[dict[str, Any]]) -> SendResult:
        return self._record("reply", reply_token, messages)

    def push(self, to: str, messages: list[dict[str, Any]], retry_key: str) -> SendResult:
        return self._record("push", to, messages)

    def _record(self, via: str, target: str, messages: list[dict[str, Any]]) -> SendResult:
        with self._lock:
            self.sent.append((via, target, messages))
        return SendResult(ok=True, status=200, request_id=str(uuid.uuid4()))

    def quota(self) -> Quota | None:
        return self.quota_value

    def content(self, message_id: str, limit: int) -> Content:
        return Content(data=None, content_type=None, status=404)

    def show_loading(self, user_id: str, seconds: int = 20) -> None:
        return None

    def deploy_rich_menu(self, definition: dict[str, Any], image: bytes, content_type: str, *,
                         default: bool = True) -> str:
        return "richmenu-recorded"

    def link_rich_menu(self, user_id: str, rich_menu_id: str) -> SendResult:
        with self._lock:
            self.rich_menus[user_id] = rich_menu_id
        return SendResult(ok=True, status=200)

    def unlink_rich_menu(self, user_id: str) -> SendResult:
        with self._lock:
            self.rich_menus.pop(user_id, None)
        return SendResult(ok=True, status=200)
