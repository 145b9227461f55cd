"""Error responses in the earlier API's shapes, made in one place."""

from __future__ import annotations

import logging
import math

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response

from autopost.adapters.http.answers.errors import Error, FieldErrors
from autopost.adapters.http.i18n import localized
from autopost.adapters.http.refusal_fields import field_errors
from autopost.application.people.password_check import SignInRefused, SignInThrottled
from autopost.application.ports.platform_errors import PlatformError, TransientPlatformError
from autopost.domain.errors import (
    AuthenticationFailed,
    ConcurrentUpdate,
    Conflict,
    NotFound,
    PermissionDenied,
    Refused,
)
from autopost.domain.idempotency import KeyUsedForAnotherRequest
from autopost.domain.oauth_state import StateRejected

log = logging.getLogger(__name__)

# A write that lost to another one made at the same time, found by the database itself.
DATABASE_CONFLICT = (
    "this request collided with another one made at the same time; load it again and retry"
)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse(Error(error=message).model_dump(mode="json"), status_code=status)


def validation_error(errors: dict[str, list[str]]) -> JSONResponse:
    return JSONResponse(FieldErrors(errors).model_dump(mode="json"), status_code=400)


def unauthenticated(conn: HTTPConnection, exc: Exception) -> Response:
    message = str(exc) or "Authentication credentials were not provided."
    body = Error(error=message).model_dump(mode="json")
    return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Token"})


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals (no such route, a method a route does not take) in the
    API's ``{"error": ...}`` shape, not as plain text."""
    assert isinstance(exc, HTTPException)
    message = "Not found." if exc.status_code == 404 else exc.detail
    body = Error(error=message).model_dump(mode="json")
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def domain_error(request: Request, exc: Exception) -> Response:
    match exc:
        case Refused():
            # Each refusal under the field of the request it is about: ``refusal_fields``.
            return validation_error(localized(request, field_errors(exc)))
        case NotFound():
            return error(404, "Not found.")
        case Conflict() | ConcurrentUpdate():
            # ConcurrentUpdate's message says to load the record again and retry.
            return error(409, str(exc))
        case PermissionDenied():
            return error(403, str(exc))
        case SignInThrottled():
            # The token endpoint's refusal, shared with the login: its shape, the login's 429.
            body = {"non_field_errors": [localized(request, exc.message.value)]}
            seconds = str(math.ceil(exc.retry_after.total_seconds()))
            return JSONResponse(body, status_code=429, headers={"Retry-After": seconds})
        case SignInRefused():
            # The token endpoint's, in the request's language like the rest of the accounts API.
            body = {"non_field_errors": [localized(request, exc.message.value)]}
            return JSONResponse(body, status_code=400)
        case AuthenticationFailed():
            return JSONResponse({"non_field_errors": [str(exc)]}, status_code=400)
        case StateRejected():
            # An OAuth callback with a missing, unknown, used or expired state.
            return error(400, str(exc))
        case KeyUsedForAnotherRequest():
            return error(422, str(exc))
    raise exc


async def platform_error(request: Request, exc: Exception) -> Response:
    """A platform call the request needed failed. A refusal (the account must be reconnected,
    the platform will not take this request) is a 409; a passing failure a 503 to retry."""
    assert isinstance(exc, PlatformError)
    if not isinstance(exc, TransientPlatformError):
        return error(409, exc.message)
    response = error(503, exc.message)
    if exc.retry_after is not None:
        response.headers["Retry-After"] = str(math.ceil(exc.retry_after.total_seconds()))
    return response


async def database_conflict(request: Request, exc: Exception) -> Response:
    """A broken constraint or a stale version that no repository turned into a domain error:
    a 409 to retry, as a ``ConcurrentUpdate`` would be, never a 500. Logged without the
    statement's parameters, which may hold secrets."""
    assert isinstance(exc, IntegrityError | StaleDataError)
    cause = exc.orig if isinstance(exc, IntegrityError) else exc
    log.warning(
        "%s %s: a database conflict no repository translated (%s)",
        request.method,
        request.url.path,
        type(cause).__name__,
    )
    return error(409, DATABASE_CONFLICT)
