"""What the HTTP edge accepts before any route runs: which ``Host`` names, how large a body,
and the public address links are built from."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from attrs import field, frozen
from starlette.datastructures import URL
from starlette.exceptions import HTTPException
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from autopost.adapters.http.answers.errors import Error

DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_UPLOAD_BYTES = 300 * 1024 * 1024
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")


@frozen
class HttpEdge:
    """``public_url``: where people and platforms reach Autopost (``https://autopost.example``);
    links in answers are built from it. ``allowed_hosts``: the ``Host`` names answered; ``*``
    answers any, which only an app built without settings (a test's) does. ``metrics_token``:
    the bearer token ``/metrics`` is served to; empty, there is no ``/metrics``.
    ``max_upload_bytes``: the body limit of an upload to the media library."""

    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    public_url: str = ""
    allowed_hosts: tuple[str, ...] = ("*",)
    metrics_token: str = field(default="", repr=False)


def allowed_hosts(public_url: str, configured: Sequence[str]) -> tuple[str, ...]:
    """The names given, else the public address's host and the loopback names: a ``Host``
    header is the client's to write, and answers must never be built on one chosen at will."""
    if configured:
        return tuple(configured)
    public_host = urlsplit(public_url).hostname if public_url else None
    return tuple(dict.fromkeys([*([public_host] if public_host else []), *LOOPBACK_HOSTS]))


def edge_of(conn: HTTPConnection) -> HttpEdge:
    edge = getattr(conn.app.state, "edge", None)
    return edge if isinstance(edge, HttpEdge) else HttpEdge()


def public(conn: HTTPConnection, url: URL) -> str:
    """``url`` (one of this site's) as a client should follow it: on the public address when
    one is configured, else on the ``Host`` the request named (an allowed one)."""
    base = edge_of(conn).public_url
    if not base:
        return str(url)
    origin = urlsplit(base)
    return str(
        url.replace(
            scheme=origin.scheme, netloc=origin.netloc, path=origin.path.rstrip("/") + url.path
        )
    )


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit} bytes.")


class BodyLimit:
    """Refuses a body over ``limit`` bytes (``upload_limit`` for a POST to one of
    ``upload_paths``) with a 413: at once when ``Content-Length`` says so, else as soon as the
    bytes received pass it, never reading the rest."""

    def __init__(
        self,
        app: ASGIApp,
        limit: int,
        upload_limit: int | None = None,
        upload_paths: frozenset[str] = frozenset(),
    ) -> None:
        self.app = app
        self.body_limit = limit
        self.upload_limit = upload_limit or limit
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_upload = scope["method"] == "POST" and scope["path"] in self.upload_paths
        limit = self.upload_limit if is_upload else self.body_limit
        declared = HTTPConnection(scope).headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await self._refuse(limit, scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            # Raised where no exception handler answers it (a middleware reading a form).
            if started:
                raise
            await self._refuse(limit, scope, receive, send)

    async def _refuse(self, limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        error = BodyTooLarge(limit)
        response = JSONResponse(Error(error=error.detail).model_dump(mode="json"), status_code=413)
        response.headers["Connection"] = "close"
        await response(scope, receive, send)
