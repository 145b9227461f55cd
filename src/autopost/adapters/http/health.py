"""``/healthz``: the process answers. ``/readyz``: the instance can do its work (its database,
its broker and its workers), each check's state in the body, 503 when one is not ok.
``/health/``, the older address, answers as ``/healthz``.

Both are public and cheap: load balancers and orchestrators ask them every few seconds.
"""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers.service import CheckState, Health, ReadinessState
from autopost.domain.readiness import Readiness

HEALTHZ = "/healthz"
READYZ = "/readyz"
OLD_HEALTH = "/health/"


class ReadinessCheck(Protocol):
    async def execute(self) -> Readiness: ...


class ReadinessServices(Protocol):
    def check_readiness(self) -> ReadinessCheck: ...


async def healthz(request: Request) -> Response:
    return JSONResponse(Health(status="ok").model_dump(mode="json"))


async def readyz(request: Request) -> Response:
    services: ReadinessServices | None = request.app.state.readiness
    if services is None:
        # An app built without the composition root (some tests) has nothing to ask.
        body = ReadinessState(status="not ready", checks={})
        return JSONResponse(body.model_dump(mode="json"), status_code=503)
    readiness = await services.check_readiness().execute()
    body = ReadinessState(
        status="ready" if readiness.ready else "not ready",
        checks={
            check.name: CheckState(ok=check.ok, detail=check.detail, facts=check.facts)
            for check in readiness.checks
        },
    )
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=200 if readiness.ready else 503,
        headers={"Cache-Control": "no-store"},
    )


routes = [
    Route(HEALTHZ, healthz, methods=["GET"]),
    Route(OLD_HEALTH, healthz, methods=["GET"]),
    Route(READYZ, readyz, methods=["GET"]),
]
