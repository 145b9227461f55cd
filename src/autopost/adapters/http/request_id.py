"""Every request has an id: the client's ``X-Request-ID`` when it is a sane one (a proxy's or a
load balancer's, so that their lines and ours can be matched), else one made here. Each log
line written while the request is served carries it, and the answer says it back."""

from __future__ import annotations

import re
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from autopost.adapters.observability.log_context import REQUEST_ID

HEADER = "X-Request-ID"
# Bounded, and nothing a log line or a header could be bent with (spaces, quotes, newlines).
SANE = re.compile(r"[A-Za-z0-9._:@+=/-]{1,128}")


def request_id(given: str | None) -> str:
    if given is not None and SANE.fullmatch(given):
        return given
    return uuid.uuid4().hex


class RequestId:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id(Headers(scope=scope).get(HEADER))
        token = REQUEST_ID.set(rid)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[HEADER] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            REQUEST_ID.reset(token)
