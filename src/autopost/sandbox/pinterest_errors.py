"""Pinterest API errors as values, and the one place they become ``{"code", "message"}``.

Codes and messages come from the contract's examples where it has one: 1 for invalid
parameters, 2 ``Authentication failed.``, 3 for a token that may not do this, 5 ``Method not
allowed``, 8 for rate limits, 40 ``Board not found.`` (``pins/save``; ``boards/list_pins``
shows 404 with the same message) and 2031 for an unknown board section.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.responses import JSONResponse

from autopost.sandbox.pinterest_settings import Environment

AUTHENTICATION_FAILED = "Authentication failed."
RATE_LIMITED = (
    "This request exceeded a rate limit. This can happen if the client exceeds one\n"
    "of the published rate limits within a short time window."
)
UNEXPECTED = "Something went wrong on our end. Sorry about that."


@dataclass(eq=False)
class PinterestError(Exception):
    status: int
    code: int
    message: str
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.message}"

    def response(self) -> JSONResponse:
        body = {"code": self.code, "message": self.message}
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def authentication_failed() -> PinterestError:
    return PinterestError(401, 2, AUTHENTICATION_FAILED)


def wrong_environment(token_environment: Environment) -> PinterestError:
    if token_environment == Environment.SANDBOX:
        message = (
            "Trial access may not be used in production: this token was issued for the "
            "Pinterest API sandbox (api-sandbox.pinterest.com). Use a production token."
        )
    else:
        message = (
            "This token was issued for the production API (api.pinterest.com) and cannot be "
            "used with the Pinterest API sandbox. Use a sandbox token."
        )
    return PinterestError(403, 3, message)


def invalid_request(message: str) -> PinterestError:
    return PinterestError(400, 1, message)


def board_not_found() -> PinterestError:
    return PinterestError(404, 40, "Board not found.")


def board_section_not_found() -> PinterestError:
    return PinterestError(404, 2031, "Sorry! We couldn't find this board section.")


def rate_limited(headers: dict[str, str]) -> PinterestError:
    return PinterestError(429, 8, RATE_LIMITED, headers)


def unavailable() -> PinterestError:
    return PinterestError(503, 503, "Service unavailable. Please try again later.")


def not_found(path: str) -> PinterestError:
    return PinterestError(404, 404, f"Not found: {path}")


def method_not_allowed() -> PinterestError:
    return PinterestError(405, 5, "Method not allowed")
