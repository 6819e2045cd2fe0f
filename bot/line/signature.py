"""Checking LINE's `x-line-signature`: HMAC-SHA256 of the exact body with the channel secret."""

from __future__ import annotations

from linebot.v3.webhook import SignatureValidator


def is_valid(channel_secret: str, body: str, signature: str) -> bool:
    """line-bot-sdk's check (constant-time); `body` is the request body decoded as UTF-8."""
    return SignatureValidator(channel_secret).validate(body, signature)
