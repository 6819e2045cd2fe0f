"""The error LINE's API answers with, as an exception the HTTP layer turns into a response."""

from __future__ import annotations

from typing import Any

RATE_LIMITED = "The API rate limit has been exceeded. Try again later."
MONTHLY_LIMIT = "You have reached your monthly limit."
INVALID_REPLY_TOKEN = "Invalid reply token"
FAILED_TO_SEND = "Failed to send messages"
NOT_FOUND = "Not found"


class ApiError(Exception):
    """A non-2xx answer shaped like LINE's: `{"message", "details"?}` plus any extra fields."""

    def __init__(self, status: int, message: str, details: list[dict[str, str]] | None = None,
                 *, extra: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status} {message}")
        self.status = status
        self.message = message
        self.details = details or []
        self.extra = extra or {}
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """The JSON body; `details` is left out when empty, as LINE does."""
        body: dict[str, Any] = {"message": self.message}
        if self.details:
            body["details"] = self.details
        body.update(self.extra)
        return body


def invalid_body(details: list[dict[str, str]]) -> ApiError:
    """The 400 LINE gives for message-object errors."""
    return ApiError(400, f"The request body has {len(details)} error(s)", details)
