"""Per-endpoint token buckets, LINE's rate limits measured on the emulator's clock."""

from __future__ import annotations

from dataclasses import dataclass

# Requests per second unless noted; LINE-FACTS §4.
DEFAULT_LIMITS: dict[str, tuple[float, float]] = {
    # endpoint: (requests, per seconds)
    "reply": (2000, 1), "push": (2000, 1), "multicast": (2000, 1), "profile": (2000, 1),
    "content": (2000, 1), "quota": (2000, 1), "consumption": (2000, 1), "validate": (2000, 1),
    "markAsRead": (2000, 1), "loading": (100, 1), "broadcast": (60, 3600),
    "richmenu": (100, 3600), "richmenu_read": (2000, 1), "richmenu_link": (2000, 1),
}


@dataclass
class TokenBucket:
    """Holds up to `capacity` requests and refills at `capacity / period_s` per second."""

    capacity: float
    period_s: float
    tokens: float
    updated_at: float

    def admit(self, now: float) -> bool:
        """Take one token if there is one."""
        elapsed = max(0.0, now - self.updated_at)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.capacity / self.period_s)
        self.updated_at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class RateLimiter:
    """One bucket per endpoint; not thread-safe on its own (the Platform's lock guards it)."""

    def __init__(self, limits: dict[str, tuple[float, float]] | None = None) -> None:
        self._limits = dict(DEFAULT_LIMITS)
        self._limits.update(limits or {})
        self._buckets: dict[str, TokenBucket] = {}

    def set_limit(self, endpoint: str, requests: float, per_seconds: float = 1.0) -> None:
        """Change an endpoint's limit (low limits make 429 easy to test)."""
        self._limits[endpoint] = (requests, per_seconds)
        self._buckets.pop(endpoint, None)

    def admit(self, endpoint: str, now: float) -> bool:
        """True when a request to `endpoint` at `now` is within the limit."""
        requests, per_seconds = self._limits.get(endpoint, (2000, 1))
        bucket = self._buckets.get(endpoint)
        if bucket is None:
            bucket = self._buckets[endpoint] = TokenBucket(requests, per_seconds, requests, now)
        return bucket.admit(now)

    def reset(self) -> None:
        """Refill every bucket."""
        self._buckets.clear()
