"""Compact, signed postback payloads: a tap names its action, its request and who may use it.

LINE echoes the `data` string back unchanged, so a payload carries its own HMAC over the action,
the request and the citizen's pseudonymous key. A tap on an old or forwarded quick reply can then
never change someone else's request.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

VERSION = "p1"
SIGNATURE_LENGTH = 12


@dataclass(frozen=True)
class Payload:
    action: str  # short action code, e.g. "d" (set district), "c" (set category)
    request_id: int  # 0 when the action is not about a request
    value: str = ""


def encode(secret: str, citizen_key: str, payload: Payload) -> str:
    body = f"{payload.action}|{payload.request_id}|{payload.value}"
    return f"{VERSION}|{body}|{_sign(secret, citizen_key, body)}"


def decode(secret: str, citizen_key: str, data: str) -> Payload | None:
    """The payload if it is well formed and was issued to this citizen; None otherwise."""
    parts = data.split("|")
    if len(parts) != 5 or parts[0] != VERSION:
        return None
    _, action, request_id, value, signature = parts
    body = f"{action}|{request_id}|{value}"
    # Bytes, not str: compare_digest refuses str with non-ASCII characters (TypeError), and LINE
    # echoes back whatever a tampered button carried. The format is unchanged, so buttons already
    # in villagers' chats keep working.
    expected = _sign(secret, citizen_key, body).encode("ascii")
    if not hmac.compare_digest(_utf8(signature), expected) or not request_id.isdigit():
        return None
    return Payload(action=action, request_id=int(request_id), value=value)


def _sign(secret: str, citizen_key: str, body: str) -> str:
    digest = hmac.new(_utf8(secret), _utf8(f"{citizen_key}|{body}"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:SIGNATURE_LENGTH]


def _utf8(text: str) -> bytes:
    # "surrogatepass" so that a lone surrogate (the webhook edge removes them, but decode must
    # never raise whatever it is given) only yields a signature that does not match.
    return text.encode("utf-8", "surrogatepass")
