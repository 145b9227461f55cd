"""``/metrics`` for Prometheus: there only when ``AUTOPOST_METRICS_TOKEN`` is set, and only to
requests carrying it as a bearer token. Answered ahead of the app's own authentication, which
takes an ``Authorization`` header for one of its users' tokens."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from autopost.adapters.http.responses import error
from autopost.adapters.observability.exposition import CONTENT_TYPE, bearer_matches, exposition

PATH = "/metrics"


class MetricsEndpoint:
    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH:
            await self.app(scope, receive, send)
            return
        response = await self._answer(scope)
        await response(scope, receive, send)

    async def _answer(self, scope: Scope) -> Response:
        if not self._token:
            return error(404, "Not found.")
        if scope["method"] not in ("GET", "HEAD"):
            return error(405, "Method Not Allowed")
        authorization = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        if not bearer_matches(authorization, self._token):
            refused = error(401, "A bearer token is needed for the metrics.")
            refused.headers["WWW-Authenticate"] = 'Bearer realm="metrics"'
            return refused
        # The queue depth is asked of the broker, whose clients block.
        return Response(await run_in_threadpool(exposition), media_type=CONTENT_TYPE)
