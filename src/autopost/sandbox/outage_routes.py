"""A service's routes, answered 503 while the service is down (``Outages``): before the call is
handled or meets a fault, as a service whose front answers for it. The call is still logged,
without its query, which may carry a secret."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import cast

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from autopost.sandbox.runtime import Sandbox

Endpoint = Callable[[Request], Awaitable[Response]]


def while_up(
    sandbox: Sandbox, service: str, routes: list[BaseRoute], unavailable: Callable[[], Response]
) -> list[BaseRoute]:
    """``unavailable``: the service's own answer when it is down."""
    return [_guarded(sandbox, service, route, unavailable) for route in routes]


def _guarded(
    sandbox: Sandbox, service: str, route: BaseRoute, unavailable: Callable[[], Response]
) -> BaseRoute:
    if not isinstance(route, Route):
        raise TypeError(f"only plain routes can be taken down, not {route!r}")
    endpoint = cast(Endpoint, route.endpoint)

    async def guarded(request: Request) -> Response:
        if not sandbox.outages.is_down(service):
            return await endpoint(request)
        entry = sandbox.requests.record(request.method, request.url.path, {})
        response = unavailable()
        entry.status = response.status_code
        return response

    return Route(route.path, guarded, methods=route.methods, name=route.name)
