"""Control routes every platform shares: reset, the request log, armed faults."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.sandbox.control_http import ControlError, control_route, json_object
from autopost.sandbox.faults import InvalidFault, fault_from_json
from autopost.sandbox.runtime import Sandbox


def control_routes(sandbox: Sandbox, also_reset: Sequence[Callable[[], None]] = ()) -> list[Route]:
    """``also_reset``: emulators kept beside ``sandbox`` that ``/reset`` brings back too."""

    async def reset(request: Request) -> Response:
        """All back to how the sandbox started: state, settings, latency, faults, outages, log."""
        sandbox.reset()
        for reset_emulator in also_reset:
            reset_emulator()
        return JSONResponse({"reset": True})

    async def requests(request: Request) -> Response:
        """The platform calls received, oldest first, without their secrets."""
        return JSONResponse({"data": [entry.as_json() for entry in sandbox.requests.entries]})

    async def list_faults(request: Request) -> Response:
        """The faults armed and not used up yet."""
        return JSONResponse({"data": [fault.as_json() for fault in sandbox.faults.armed()]})

    async def add_fault(request: Request) -> Response:
        """Arm a fault: the next matching calls fail ("error") or answer late ("delay_*");
        with a ``chance``, that share of them at random (``seed`` restarts the dice)."""
        try:
            fault = fault_from_json(await json_object(request))
        except InvalidFault as error:
            raise ControlError(str(error)) from None
        sandbox.faults.add(fault)
        return JSONResponse(fault.as_json(), status_code=201)

    async def clear_faults(request: Request) -> Response:
        """Disarm every fault."""
        sandbox.faults.clear()
        return Response(status_code=204)

    return [
        control_route("/reset", reset, ["POST"]),
        control_route("/requests", requests, ["GET"]),
        control_route("/faults", list_faults, ["GET"]),
        control_route("/faults", add_fault, ["POST"]),
        control_route("/faults", clear_faults, ["DELETE"]),
    ]
