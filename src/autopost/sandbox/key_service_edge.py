"""The HTTP edge of the key-checked services' emulators (Gemini, Huntflow, ClickUp, Notion):
every call is logged without its secrets and meets any armed fault, which each service answers
in its own error shape."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from autopost.sandbox.faults import Fault
from autopost.sandbox.platform_calls import answer_platform_call
from autopost.sandbox.runtime import Sandbox

Endpoint = Callable[[Request], Awaitable[Response]]


def service_endpoint(
    sandbox: Sandbox,
    handle: Callable[[Request], Response],
    refuse: Callable[[Fault], Response],
    secret_params: frozenset[str] = frozenset(),
) -> Endpoint:
    """``secret_params``: query parameters that carry a key, kept out of the request log."""

    async def endpoint(request: Request) -> Response:
        query = request.query_params.items()
        loggable = {k: v for k, v in query if k not in secret_params}
        return await answer_platform_call(
            sandbox, request.method, request.url.path, loggable, lambda: handle(request), refuse
        )

    return endpoint


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None
