"""Huntflow API v2's ``GET /v2/me`` (``api.huntflow.ru``, ``sandbox-api.huntflow.dev``),
mounted at ``/huntflow/prod`` and ``/huntflow/sandbox``: each system knows its own demo key only.

``Authorization: Bearer <token>``; any other token, or none, is a 401 in Huntflow's shape,
``{"errors": [{"type", "title", "detail"}]}``.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from autopost.sandbox.faults import Fault
from autopost.sandbox.key_service_edge import bearer_token, service_endpoint
from autopost.sandbox.runtime import Sandbox

DEMO_USER = {
    "id": 1,
    "name": "Autopost Demo",
    "position": "Recruiter",
    "email": "demo@autopost.invalid",
    "phone": None,
    "locale": "ru",
}
# An outage is answered by the front in front of the API, with a bare page.
OUTAGE_PAGE = "<html><head><title>503 Service Temporarily Unavailable</title></head></html>"


def huntflow_routes(sandbox: Sandbox, demo_key: str) -> list[BaseRoute]:
    def me(request: Request) -> Response:
        if bearer_token(request) != demo_key:
            error = {
                "type": "authorization_error",
                "title": "Authorization Error",
                "detail": "Invalid access token",
            }
            return JSONResponse({"errors": [error]}, status_code=401)
        return JSONResponse(DEMO_USER)

    return [Route("/v2/me", service_endpoint(sandbox, me, _refusal), methods=["GET"])]


def huntflow_unavailable() -> Response:
    return HTMLResponse(OUTAGE_PAGE, status_code=503)


def _refusal(fault: Fault) -> Response:
    error = {"type": "internal_error", "title": fault.message or "Internal Error"}
    return JSONResponse({"errors": [error]}, status_code=fault.status)
