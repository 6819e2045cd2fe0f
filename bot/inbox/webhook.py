"""The webhook blueprint: verify the signature, check the shape, store the events, answer 200.

Nothing slow happens here: events are written to the durable inbox in one transaction and the
worker is woken. LINE counts an answer slower than about 2 s as a failure.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Blueprint, abort, jsonify, request
from sqlalchemy import text

from bot.line import signature as line_signature
from bot.runtime import current_runtime
from storage import inbound
from storage.db import transaction

log = logging.getLogger(__name__)

webhook = Blueprint("webhook", __name__)

MAX_EVENT_ID_LENGTH = 64


@webhook.post("/callback")
def callback() -> Any:
    runtime = current_runtime()
    body = _read_body(runtime.settings.max_webhook_bytes)
    _verify_signature(runtime.settings.line_channel_secret, body)
    events = _parse_events(body)
    with transaction(runtime.sessions) as session:
        stored = inbound.record_inbound_events(session, events)
    log.info("webhook: %d events, %d new, %d bytes", len(events), stored, len(body))
    if stored:
        runtime.wake_worker()
    return jsonify({}), 200


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
        payload = json.loads(body)
    except ValueError:
        abort(400)
    events = payload.get("events") if isinstance(payload, dict) else None
    if not isinstance(events, list) or not all(_is_event(e) for e in events):
        abort(400)
    return events


def _is_event(event: Any) -> bool:
    if not isinstance(event, dict):
        return False
    event_id, event_type = event.get("webhookEventId"), event.get("type")
    return (isinstance(event_id, str) and 0 < len(event_id) <= MAX_EVENT_ID_LENGTH
            and isinstance(event_type, str) and 0 < len(event_type) <= 40)


@webhook.get("/healthz")
def healthz() -> Any:
    try:
        with current_runtime().sessions() as session:
            session.execute(text("SELECT 1"))
    except Exception:  # any database failure means unhealthy, whatever the driver raised
        log.exception("healthz: database did not answer")
        return jsonify({"status": "database unavailable"}), 503
    return jsonify({"status": "ok"}), 200
