"""Control routes that set how long the platforms take to answer, under ``/_sandbox``."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.control_http import ControlError, control_route, json_object
from autopost.sandbox.latency import MAX_MS, Latency

_FIELDS = ("ms", "jitter_ms", "endpoints")


def latency_control_routes(latency: Latency) -> list[Route]:
    async def get_latency(request: Request) -> Response:
        """How long each platform call waits before it is answered, in milliseconds."""
        return JSONResponse(latency.settings.as_json())

    async def put_latency(request: Request) -> Response:
        """Set some of it: {"ms": 500, "jitter_ms": 100, "endpoints": {"media_publish": 2000}}."""
        latency.settings = replace(latency.settings, **latency_changes(await json_object(request)))
        return JSONResponse(latency.settings.as_json())

    return [
        control_route("/latency", get_latency, ["GET"]),
        control_route("/latency", put_latency, ["PUT"]),
    ]


def latency_changes(body: dict[str, Any]) -> dict[str, Any]:
    """The fields named in ``body``, checked; ``endpoints`` replaces every endpoint's delay."""
    unknown = sorted(set(body) - set(_FIELDS))
    if unknown:
        raise ControlError(f"unknown field {unknown[0]}; known: {', '.join(_FIELDS)}")
    changes: dict[str, Any] = {
        name: milliseconds(name, body[name]) for name in ("ms", "jitter_ms") if name in body
    }
    if "endpoints" in body:
        endpoints = body["endpoints"]
        if not isinstance(endpoints, dict):
            raise ControlError('endpoints must be an object such as {"media_publish": 2000}')
        for key in endpoints:
            if not key.strip("/"):
                raise ControlError("an endpoint is the end of a path, such as media_publish")
        changes["endpoints"] = {
            key: milliseconds(f"endpoints.{key}", value) for key, value in endpoints.items()
        }
    return changes


def milliseconds(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= MAX_MS:
        raise ControlError(f"{name} must be a number of milliseconds from 0 to {MAX_MS}")
    return float(value)
