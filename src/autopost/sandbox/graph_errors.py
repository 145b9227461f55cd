"""Graph API errors as values, and the one place they become Graph-shaped JSON responses."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.responses import JSONResponse

INVALID_TOKEN = "Invalid OAuth access token - Cannot parse access token"  # noqa: S105
SESSION_INVALIDATED = (
    "Error validating access token: The session has been invalidated because the user changed "
    "their password or Facebook has changed the session for security reasons."
)


@dataclass(eq=False)
class GraphError(Exception):
    message: str
    code: int
    subcode: int | None = None
    type: str = "OAuthException"
    status: int = 400
    user_title: str | None = None
    user_msg: str | None = None
    is_transient: bool | None = None

    def __str__(self) -> str:
        return f"{self.code}/{self.subcode}: {self.message}"

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"message": self.message, "type": self.type, "code": self.code}
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        if self.is_transient is not None:
            error["is_transient"] = self.is_transient
        if self.user_title is not None:
            error["error_user_title"] = self.user_title
        if self.user_msg is not None:
            error["error_user_msg"] = self.user_msg
        error["fbtrace_id"] = "A" + secrets.token_urlsafe(16)
        return {"error": error}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status)


def invalid_token() -> GraphError:
    return GraphError(INVALID_TOKEN, code=190)


def revoked_token() -> GraphError:
    return GraphError(SESSION_INVALIDATED, code=190, subcode=460)


def expired_token(expired_at: datetime, now: datetime) -> GraphError:
    def spelled(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%A, %d-%b-%y %H:%M:%S UTC")

    return GraphError(
        f"Error validating access token: Session has expired on {spelled(expired_at)}. The "
        f"current time is {spelled(now)}.",
        code=190,
        subcode=463,
    )


def unsupported_request(method: str, object_id: str) -> GraphError:
    verb = "post" if method == "POST" else method.lower()
    return GraphError(
        f"Unsupported {verb} request. Object with ID '{object_id}' does not exist, cannot be "
        "loaded due to missing permissions, or does not support this operation. Please read the "
        "Graph API documentation at https://developers.facebook.com/docs/graph-api",
        code=100,
        subcode=33,
        type="GraphMethodException",
    )


def temporarily_unavailable() -> GraphError:
    """What Graph answers while it is down."""
    return GraphError(
        "Service temporarily unavailable",
        code=2,
        type="OAuthException",
        status=503,
        is_transient=True,
    )


def unknown_path(components: str) -> GraphError:
    return GraphError(f"Unknown path components: {components}", code=2500)


def invalid_param(message: str, subcode: int | None = None) -> GraphError:
    return GraphError(f"(#100) {message}", code=100, subcode=subcode)


def nonexisting_field(name: str, node_type: str) -> GraphError:
    return invalid_param(f"Tried accessing nonexisting field ({name}) on node type ({node_type})")
