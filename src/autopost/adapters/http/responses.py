"""Error responses in the seeds' shapes, made in one place."""

from __future__ import annotations

from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response

from autopost.domain.errors import (
    AuthenticationFailed,
    Conflict,
    NotFound,
    ValidationFailed,
)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def validation_error(errors: dict[str, list[str]]) -> JSONResponse:
    return JSONResponse(errors, status_code=400)


def unauthenticated(conn: HTTPConnection, exc: Exception) -> Response:
    message = str(exc) or "Authentication credentials were not provided."
    return JSONResponse({"error": message}, status_code=401, headers={"WWW-Authenticate": "Token"})


async def domain_error(request: Request, exc: Exception) -> Response:
    match exc:
        case ValidationFailed():
            return validation_error(exc.errors)
        case NotFound():
            return error(404, "Not found.")
        case Conflict():
            return error(409, str(exc))
        case AuthenticationFailed():
            return JSONResponse({"non_field_errors": [str(exc)]}, status_code=400)
    raise exc
