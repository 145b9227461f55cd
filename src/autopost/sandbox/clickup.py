"""ClickUp API v2's ``GET /api/v2/user`` (``api.clickup.com``), mounted at ``/clickup``.

A personal token goes in ``Authorization`` as it is (an OAuth one after ``Bearer``). None is a
401 ``OAUTH_017``, any but ``CLICKUP_DEMO_KEY`` a 401 ``OAUTH_025``: ClickUp's
``{"err", "ECODE"}``.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from autopost.sandbox.demo_keys import CLICKUP_DEMO_KEY
from autopost.sandbox.faults import Fault
from autopost.sandbox.key_service_edge import service_endpoint
from autopost.sandbox.runtime import Sandbox

DEMO_USER = {
    "id": 81000001,
    "username": "Autopost Demo",
    "email": "demo@autopost.invalid",
    "color": "#7b68ee",
    "profilePicture": None,
    "initials": "AD",
    "week_start_day": 1,
    "global_font_support": False,
    "timezone": "Europe/Moscow",
}
OUTAGE_PAGE = "<html><head><title>503 Service Unavailable</title></head></html>"


def clickup_routes(sandbox: Sandbox) -> list[BaseRoute]:
    return [Route("/api/v2/user", service_endpoint(sandbox, user, _refusal), methods=["GET"])]


def clickup_unavailable() -> Response:
    # An outage is answered by the front in front of the API, with a bare page.
    return HTMLResponse(OUTAGE_PAGE, status_code=503)


def user(request: Request) -> Response:
    token = request.headers.get("authorization", "").strip()
    if not token:
        return _error(401, "Authorization header required", "OAUTH_017")
    if token.removeprefix("Bearer ").strip() != CLICKUP_DEMO_KEY:
        return _error(401, "Token invalid", "OAUTH_025")
    return JSONResponse({"user": DEMO_USER})


def _error(status: int, message: str, code: str) -> Response:
    return JSONResponse({"err": message, "ECODE": code}, status_code=status)


def _refusal(fault: Fault) -> Response:
    return _error(fault.status, fault.message or "Internal Server Error", "APP_001")
