"""Headers every answer gets, set in one place whatever route (or refusal) made it.

- ``X-Content-Type-Options: nosniff`` on everything: a browser never reads JSON as a page.
- ``Cache-Control: no-store`` on JSON: answers hold tokens, personal data or the state of
  someone's posts, none of which a shared cache or the back button should keep.
- On HTML (the web pages, the API docs, the pages OAuth callbacks show): only the scripts and
  stylesheets Autopost serves itself (``/static/``) run, nothing else loads from elsewhere but
  the previews of a post's own media (https images and videos), forms post only here, and no
  other site may frame a page (a framed form can be clicked by a visitor who does not see it).
- ``Autopost-Ignored-Fields`` on a write that sent fields the route does not read.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from autopost.adapters.http.request_body import IGNORED_FIELDS_HEADER, ignored_in

PAGE_POLICY = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; "
    "media-src https:; "
    "script-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": PAGE_POLICY,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


class ResponseHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                kind = headers.get("content-type", "")
                if kind.startswith(("application/json", "text/html")):
                    headers.setdefault("Cache-Control", "no-store")
                if kind.startswith("text/html"):
                    for name, value in PAGE_HEADERS.items():
                        headers.setdefault(name, value)
                ignored = ignored_in(scope)
                if ignored:
                    headers[IGNORED_FIELDS_HEADER] = ignored
            await send(message)

        await self.app(scope, receive, send_with_headers)
