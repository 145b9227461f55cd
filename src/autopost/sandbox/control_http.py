"""The control API's HTTP edge: JSON in, JSON out, ``{"error": ...}`` when a request is wrong."""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

Endpoint = Callable[[Request], Awaitable[Response]]


class ControlError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def control_route(path: str, endpoint: Endpoint, methods: list[str]) -> Route:
    """``endpoint``'s docstring, first line, is what ``GET /_sandbox/`` says it does."""

    @functools.wraps(endpoint)
    async def guarded(request: Request) -> Response:
        try:
            return await endpoint(request)
        except ControlError as error:
            return JSONResponse({"error": error.message}, status_code=error.status)

    return Route(path, guarded, methods=methods)


async def json_object(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise ControlError("the body must be JSON") from None
    if not isinstance(body, dict):
        raise ControlError("the body must be a JSON object")
    return body
