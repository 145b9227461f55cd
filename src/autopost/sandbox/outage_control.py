"""Control routes that take an emulated service down and bring it back, under ``/_sandbox``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.control_http import ControlError, control_route, json_object
from autopost.sandbox.outages import SERVICES
from autopost.sandbox.runtime import Sandbox


def outage_control_routes(sandbox: Sandbox) -> list[Route]:
    async def list_services(request: Request) -> Response:
        """Which services are down, by name."""
        return JSONResponse(sandbox.outages.as_json())

    async def switch(request: Request) -> Response:
        """{"down": true}: every call to the service answers 503; {"down": false}: back up."""
        service = request.path_params["service"]
        if service not in SERVICES:
            raise ControlError(f"no service {service}; there are {', '.join(SERVICES)}", 404)
        down = (await json_object(request)).get("down")
        if not isinstance(down, bool):
            raise ControlError("down must be true or false")
        sandbox.outages.switch(service, down)
        return JSONResponse({"service": service, "down": down})

    return [
        control_route("/services", list_services, ["GET"]),
        control_route("/services/{service}", switch, ["PUT"]),
    ]
