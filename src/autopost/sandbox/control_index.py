"""``GET /_sandbox/``: every control endpoint, with its method, its path and the first line of
its handler's docstring, read from the app's routes when asked so that the list cannot drift;
and the demo accounts, keys and tokens the sandbox holds."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from autopost.sandbox.control_http import control_route

CONTROL_PREFIX = "/_sandbox/"


def control_index_routes(demo: Callable[[], dict[str, Any]]) -> list[Route]:
    """``demo``: the demo accounts, keys and tokens as they are now."""

    async def index(request: Request) -> Response:
        """This list: the control endpoints, and the demo accounts, keys and tokens."""
        endpoints = sorted(control_endpoints(request.app.routes), key=_order)
        return JSONResponse({"endpoints": endpoints, "demo": demo()})

    return [control_route("/", index, ["GET"])]


def control_endpoints(routes: Sequence[BaseRoute], prefix: str = "") -> Iterator[dict[str, str]]:
    for route in routes:
        if isinstance(route, Mount):
            yield from control_endpoints(route.routes, prefix + route.path)
        elif isinstance(route, Route) and (prefix + route.path).startswith(CONTROL_PREFIX):
            description = (inspect.getdoc(route.endpoint) or "").split("\n", 1)[0]
            for method in sorted((route.methods or set()) - {"HEAD"}):
                yield {"method": method, "path": prefix + route.path, "description": description}


def _order(endpoint: dict[str, str]) -> tuple[str, str]:
    return endpoint["path"], endpoint["method"]
