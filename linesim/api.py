"""The Flask app serving the Messaging API paths of api.line.me and api-data.line.me on one origin."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException

from linesim import ids
from linesim.errors import RATE_LIMITED, ApiError
from linesim.login import login_blueprint
from linesim.records import ApiCall

if TYPE_CHECKING:
    from linesim.platform import Platform

MAX_BODY_BYTES = 2 * 1024 * 1024
_DROP_FLAG = "linesim.drop_response"


def create_api_app(platform: Platform) -> Flask:
    """A Flask app bound to `platform`; mount it anywhere (it holds no global state)."""
    app = Flask(__name__)
    app.wsgi_app = _DropResponse(app.wsgi_app)  # type: ignore[method-assign]
    backend = platform.backend

    def run(endpoint: str, operation: Callable[[], Any], *, body_required: bool = False) -> Response:
        """Apply faults and rate limits, then the operation under the platform lock."""
        fault = platform.faults.take(endpoint)
        if fault is not None and fault.latency_s:
            time.sleep(fault.latency_s)  # real latency: the bot's timeouts are what is under test
        if fault is not None and fault.status is not None:
            if fault.status == 202:
                return _json_response(202, {})
            raise ApiError(fault.status, fault.message or _message_for(fault.status))
        with platform.state.lock:
            if not platform.state.limiter.admit(endpoint, platform.clock.now()):
                raise ApiError(429, RATE_LIMITED)
            outcome = operation()
        if fault is not None and fault.drop_after_accept:
            request.environ[_DROP_FLAG] = True
        if outcome.content is not None:
            return Response(outcome.content, status=outcome.status, content_type=outcome.content_type)
        return _json_response(outcome.status, outcome.body)

    def retry_key() -> str | None:
        return request.headers.get("X-Line-Retry-Key")

    # LINE Login's endpoints authenticate by channel id and secret (or by a person in a browser), not
    # by the Messaging API's bearer token.
    app.register_blueprint(login_blueprint(lambda: platform.login))

    @app.before_request
    def check_common_rules() -> None:
        g.request_id = ids.new_request_id()
        g.started = platform.clock.now()
        if request.blueprint == "linesim_login":
            return
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or auth[len("Bearer "):] != platform.access_token:
            raise ApiError(401, "Authentication failed due to the following reason: invalid token. "
                                "Confirm that the access token in the authorization header is valid.")
        if (request.content_length or 0) > MAX_BODY_BYTES:
            raise ApiError(413, "Request Entity Too Large")

    @app.after_request
    def stamp_and_record(response: Response) -> Response:
        request_id = getattr(g, "request_id", None) or ids.new_request_id()
        response.headers["X-Line-Request-Id"] = request_id
        try:
            answered = json.loads(response.get_data()) if response.is_json else None
        except ValueError:
            answered = None
        platform.record_call(ApiCall(
            method=request.method, path=request.path, headers=dict(request.headers),
            json=getattr(g, "json_body", None), status=response.status_code, response=answered,
            request_id=request_id, at=platform.clock.now()))
        return response

    @app.errorhandler(ApiError)
    def api_error(error: ApiError) -> Response:
        response = _json_response(error.status, error.body())
        response.headers.update(error.headers)
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        message = "Not found" if error.code in (404, 405) else (error.name or "Error")
        return _json_response(404 if error.code == 405 else error.code or 500, {"message": message})

    json_body = _json_body

    @app.post("/v2/bot/message/reply")
    def reply() -> Response:
        body = json_body()
        return run("reply", lambda: backend.reply(body, g.request_id, retry_key()))

    @app.post("/v2/bot/message/push")
    def push() -> Response:
        body = json_body()
        return run("push", lambda: backend.push(body, g.request_id, retry_key()))

    @app.post("/v2/bot/message/multicast")
    def multicast() -> Response:
        body = json_body()
        return run("multicast", lambda: backend.multicast(body, g.request_id, retry_key()))

    @app.post("/v2/bot/message/validate/<any(reply, push, multicast, broadcast, narrowcast):kind>")
    def validate(kind: str) -> Response:
        body = json_body()
        return run("validate", lambda: backend.validate(body))

    @app.get("/v2/bot/message/quota")
    def quota() -> Response:
        return run("quota", backend.quota)

    @app.get("/v2/bot/message/quota/consumption")
    def consumption() -> Response:
        return run("consumption", backend.consumption)

    @app.get("/v2/bot/profile/<user_id>")
    def profile(user_id: str) -> Response:
        return run("profile", lambda: backend.profile(user_id))

    @app.post("/v2/bot/chat/loading/start")
    def loading() -> Response:
        body = json_body()
        return run("loading", lambda: backend.loading(body))

    @app.post("/v2/bot/chat/markAsRead")
    def mark_as_read() -> Response:
        body = json_body()
        return run("markAsRead", lambda: backend.mark_as_read(body))

    @app.get("/v2/bot/message/<message_id>/content")
    def content(message_id: str) -> Response:
        return run("content", lambda: backend.content(message_id))

    @app.get("/v2/bot/message/<message_id>/content/preview")
    def content_preview(message_id: str) -> Response:
        return run("content", lambda: backend.content(message_id, preview=True))

    @app.get("/v2/bot/message/<message_id>/content/transcoding")
    def content_transcoding(message_id: str) -> Response:
        return run("content", lambda: backend.transcoding(message_id))

    @app.post("/v2/bot/richmenu")
    def create_rich_menu() -> Response:
        body = json_body()
        return run("richmenu", lambda: backend.create_rich_menu(body))

    @app.post("/v2/bot/richmenu/validate")
    def validate_rich_menu() -> Response:
        body = json_body()
        return run("richmenu_read", lambda: backend.validate_rich_menu(body))

    @app.get("/v2/bot/richmenu/list")
    def list_rich_menus() -> Response:
        return run("richmenu_read", backend.list_rich_menus)

    @app.get("/v2/bot/richmenu/<rich_menu_id>")
    def get_rich_menu(rich_menu_id: str) -> Response:
        return run("richmenu_read", lambda: backend.get_rich_menu(rich_menu_id))

    @app.delete("/v2/bot/richmenu/<rich_menu_id>")
    def delete_rich_menu(rich_menu_id: str) -> Response:
        return run("richmenu", lambda: backend.delete_rich_menu(rich_menu_id))

    @app.post("/v2/bot/richmenu/<rich_menu_id>/content")
    def upload_rich_menu_image(rich_menu_id: str) -> Response:
        data, content_type = request.get_data(), request.mimetype
        return run("richmenu_read", lambda: backend.upload_rich_menu_image(rich_menu_id, data, content_type))

    @app.get("/v2/bot/richmenu/<rich_menu_id>/content")
    def rich_menu_image(rich_menu_id: str) -> Response:
        return run("richmenu_read", lambda: backend.rich_menu_image(rich_menu_id))

    @app.post("/v2/bot/user/all/richmenu/<rich_menu_id>")
    def set_default_rich_menu(rich_menu_id: str) -> Response:
        return run("richmenu_read", lambda: backend.set_default_rich_menu(rich_menu_id))

    @app.get("/v2/bot/user/all/richmenu")
    def get_default_rich_menu() -> Response:
        return run("richmenu_read", backend.get_default_rich_menu)

    @app.delete("/v2/bot/user/all/richmenu")
    def clear_default_rich_menu() -> Response:
        return run("richmenu_read", backend.clear_default_rich_menu)

    # Per-user menus ("all" is the default's path above, so Flask matches it first).
    @app.post("/v2/bot/user/<user_id>/richmenu/<rich_menu_id>")
    def link_rich_menu(user_id: str, rich_menu_id: str) -> Response:
        return run("richmenu_link", lambda: backend.link_rich_menu(user_id, rich_menu_id))

    @app.delete("/v2/bot/user/<user_id>/richmenu")
    def unlink_rich_menu(user_id: str) -> Response:
        return run("richmenu_link", lambda: backend.unlink_rich_menu(user_id))

    @app.get("/v2/bot/user/<user_id>/richmenu")
    def user_rich_menu(user_id: str) -> Response:
        return run("richmenu_read", lambda: backend.user_rich_menu(user_id))

    return app


def _json_body() -> dict[str, Any]:
    """The request's JSON object, or the error LINE gives for a wrong type or unparseable body."""
    if request.mimetype != "application/json":
        raise ApiError(415, f"The content type, {request.content_type or 'none'}, is not supported")
    raw = request.get_data()
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError(400, "The request body could not be parsed as JSON (line: 1, column: 1)") from None
    except json.JSONDecodeError as error:
        raise ApiError(400, "The request body could not be parsed as JSON "
                            f"(line: {error.lineno}, column: {error.colno})") from None
    if not isinstance(body, dict):
        raise ApiError(400, "The request body could not be parsed as JSON (line: 1, column: 1)")
    g.json_body = body
    return body


def _json_response(status: int, body: Any) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status,
                    content_type="application/json")


def _message_for(status: int) -> str:
    if status == 429:
        return RATE_LIMITED
    if status >= 500:
        return "Internal server error"
    return "Injected error"


class _DropResponse:
    """WSGI middleware: after a request marked by a drop fault was processed, cut the connection
    instead of answering, like a response lost on the network."""

    def __init__(self, wsgi_app: Callable) -> None:
        self._wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response: Callable) -> Any:
        def hold_headers(status: str, headers: list, exc_info: Any = None) -> Callable:
            if environ.get(_DROP_FLAG):
                return lambda data: None
            return start_response(status, headers, exc_info)

        result = self._wsgi_app(environ, hold_headers)
        if not environ.get(_DROP_FLAG):
            return result
        sock = environ.get("werkzeug.socket")
        if isinstance(sock, socket.socket):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        raise ConnectionResetError("linesim dropped the response after accepting the request")
