"""Checking LINE's `x-line-signature`: HMAC-SHA256 of the exact body with the channel secret.

The standard library's hmac, as line-bot-sdk's SignatureValidator does it (same inputs, same
constant-time comparison), so the webhook's path never imports the SDK: importing it builds
hundreds of pydantic models, about a second of a web process's start for three lines of hashing.
tests/test_webhook.py checks this agrees with the SDK's validator.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


def is_valid(channel_secret: str, body: str, signature: str) -> bool:
    """Whether `signature` signs `body` (the request body decoded as UTF-8); constant-time."""
    expected = base64.b64encode(hmac.new(channel_secret.encode("utf-8"), body.encode("utf-8"),
                                         hashlib.sha256).digest())
    return hmac.compare_digest(signature.encode("utf-8"), expected)
