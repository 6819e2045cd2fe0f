"""The webhook blueprint: verify the signature, check the shape, store the events, answer 200.

Nothing slow happens here: events are written to the durable inbox in one statement and the
worker is woken. LINE counts an answer slower than about 2 s as a failure.
"""

from __future__ import annotations

import json
import logging
import math
import re
from typing import Any

from flask import Blueprint, Flask, abort, jsonify, request
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import text

from bot.line import signature as line_signature
from bot.runtime import current_runtime

log = logging.getLogger(__name__)

webhook = Blueprint("webhook", __name__)
CALLBACK_PATH = "/callback"

# LINE's event ids are 26-character ULIDs and its event types plain camelCase words; both are
# stored as they come (the de-duplication key and a column), so nothing else may pass.
EVENT_ID = re.compile(r"[0-9A-Za-z]{1,64}")
EVENT_TYPE = re.compile(r"[A-Za-z]{1,40}")
# A LINE body nests about seven levels (body, events, event, message, mention, mentionees, one);
# anything far deeper is not from LINE and only costs stack and database time.
MAX_NESTING = 32


@webhook.post(CALLBACK_PATH)
def callback() -> Any:
    runtime = current_runtime()
    body = _read_body(runtime.settings.max_webhook_bytes)
    _verify_signature(runtime.settings.line_channel_secret, body)
    events = _parse_events(body)
    stored = runtime.store_webhook(events)  # with the webhooks arriving meanwhile, in one commit
    log.info("webhook: %d events, %d new, %d bytes", len(events), stored, len(body))
    if stored:
        runtime.wake_worker()
    return "", 200  # LINE reads only the status


class SessionsButNotForLine(SecureCookieSessionInterface):
    """The app's cookie sessions (the console's sign-in), never opened for LINE's calls.

    LINE sends no cookie and the webhook keeps no session: opening one anyway built a signing
    serializer for every webhook, a twentieth of the webhook's time in a burst (profiled).
    """

    def open_session(self, app: Flask, request: Any) -> Any:
        if request.path == CALLBACK_PATH:
            return self.null_session_class()
        return super().open_session(app, request)


def _read_body(limit: int) -> bytes:
    length = request.content_length
    if length is not None and length > limit:
        abort(413)
    body = request.stream.read(limit + 1)
    if len(body) > limit:
        abort(413)
    return body


def _verify_signature(secret: str, body: bytes) -> None:
    signature = request.headers.get("x-line-signature")  # werkzeug headers ignore case
    if not signature:
        abort(401)
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        abort(400)
    if not line_signature.is_valid(secret, decoded, signature):
        log.warning("webhook: bad signature on %d bytes", len(body))
        abort(400)


def _parse_events(body: bytes) -> list[dict[str, Any]]:
    try:
        # Strict JSON: Python's parser accepts NaN and Infinity (and turns 1e400 into inf), which no
        # database JSON column takes back; a very deep body exhausts the parser's recursion.
        payload = json.loads(body, parse_constant=_refuse_constant, parse_float=_finite_float)
    except (ValueError, RecursionError):
        abort(400)
    if _nesting(payload) > MAX_NESTING:
        abort(400)
    events = payload.get("events") if isinstance(payload, dict) else None
    if not isinstance(events, list) or not all(_is_event(e) for e in events):
        abort(400)
    return events


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _nesting(value: Any) -> int:
    """How deep arrays and objects nest; iterative, so the check itself cannot run out of stack."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_NESTING:  # one level past the limit is enough to refuse
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _is_event(event: Any) -> bool:
    if not isinstance(event, dict):
        return False
    event_id, event_type = event.get("webhookEventId"), event.get("type")
    return (isinstance(event_id, str) and EVENT_ID.fullmatch(event_id) is not None
            and isinstance(event_type, str) and EVENT_TYPE.fullmatch(event_type) is not None)


@webhook.get("/healthz")
def healthz() -> Any:
    try:
        with current_runtime().sessions() as session:
            session.execute(text("SELECT 1"))
    except Exception:  # any database failure means unhealthy, whatever the driver raised
        log.exception("healthz: database did not answer")
        return jsonify({"status": "database unavailable"}), 503
    return jsonify({"status": "ok"}), 200
