"""LINE's error answers: the exception the platform views raise and the bodies LINE sends."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

# Texts the LINE platform sends; bots log them and some branch on them (quota versus rate).
INVALID_REPLY_TOKEN = "Invalid reply token"
RATE_LIMITED = "The API rate limit has been exceeded. Try again later."
MONTHLY_LIMIT = "You have reached your monthly limit."
RETRY_KEY_ACCEPTED = "The retry key is already accepted"
AUTH_MISSING = (
    "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'"
)
AUTH_INVALID = (
    "Authentication failed. Confirm that the access token in the authorization header is valid."
)
NOT_FOUND = "Not found"
FAILED_TO_SEND = "Failed to send messages"
SERVER_ERROR = "Internal Server Error"


class LineError(Exception):
    """An error answer: status, LINE's {"message", "details"} body and extra headers."""

    def __init__(
        self,
        status: int,
        message: str,
        details: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or []
        self.headers = headers or {}
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        """The JSON body; LINE leaves "details" out when it would be empty."""
        body: dict[str, Any] = {"message": self.message}
        if self.details:
            body["details"] = self.details
        body.update(self.extra)
        return body

    def to_response(self) -> Response:
        """A Flask response carrying the body and headers."""
        response = jsonify(self.body())
        response.status_code = self.status
        for name, value in self.headers.items():
            response.headers[name] = value
        return response


def invalid_request(details: list[dict[str, str]]) -> LineError:
    """400 with one detail per problem, as LINE words request-body errors."""
    return LineError(400, f"The request body has {len(details)} error(s)", details)


def detail(prop: str, message: str) -> dict[str, str]:
    """One entry of "details": which field and what is wrong with it."""
    return {"message": message, "property": prop}
