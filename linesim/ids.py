"""Identifier formats LINE uses: user/group/room ids, ULIDs, tokens and request ids."""

from __future__ import annotations

import re
import secrets
import uuid

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CHAT_ID = re.compile(r"^[UCR][0-9a-f]{32}$")


def new_chat_id(prefix: str) -> str:
    """`U`, `C` or `R` followed by 32 lower-case hex digits."""
    return prefix + secrets.token_hex(16)


def is_chat_id(value: object, prefixes: str = "UCR") -> bool:
    """True for a well-formed user/group/room id whose first letter is in `prefixes`."""
    return isinstance(value, str) and bool(_CHAT_ID.match(value)) and value[0] in prefixes


def new_ulid(timestamp_ms: int) -> str:
    """A 26-character ULID: 48-bit time then 80 random bits, in Crockford base32."""
    value = (timestamp_ms & ((1 << 48) - 1)) << 80 | secrets.randbits(80)
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def new_reply_token() -> str:
    """Reply tokens are 32 hex digits."""
    return secrets.token_hex(16)


def new_opaque_token() -> str:
    """Quote and mark-as-read tokens are opaque URL-safe strings."""
    return secrets.token_urlsafe(48)


def new_request_id() -> str:
    """`X-Line-Request-Id` values are UUIDs."""
    return str(uuid.uuid4())


def is_uuid(value: str) -> bool:
    """Retry keys must be UUIDs in hexadecimal form."""
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return len(value) == 36
