"""Signing and posting webhook bodies to the bot, exactly as LINE does."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import requests

from linesim.records import Delivery


def sign(channel_secret: str, body: bytes) -> str:
    """`x-line-signature`: base64 of HMAC-SHA256 over the exact body bytes, keyed with the secret."""
    digest = hmac.new(channel_secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def encode_body(destination: str, events: list[dict[str, Any]]) -> bytes:
    """Serialise once; the same bytes are signed and sent."""
    return json.dumps({"destination": destination, "events": events}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def post(url: str | None, body: bytes, signature: str, events: list[dict[str, Any]],
         timeout_s: float, session: requests.Session | None = None) -> Delivery:
    """POST the signed body; a timeout or connection error is a failed delivery, not an exception."""
    if url is None:
        return Delivery(None, 0.0, body, events, signature, error="no webhook URL")
    headers = {"x-line-signature": signature, "Content-Type": "application/json; charset=utf-8",
               "User-Agent": "LineBotWebhook/2.0"}
    started = time.perf_counter()
    try:
        response = (session or requests).post(url, data=body, headers=headers, timeout=timeout_s)
    except requests.Timeout:
        return Delivery(None, time.perf_counter() - started, body, events, signature, error="timeout")
    except requests.RequestException as error:
        return Delivery(None, time.perf_counter() - started, body, events, signature,
                        error=type(error).__name__)
    return Delivery(response.status_code, time.perf_counter() - started, body, events, signature)
