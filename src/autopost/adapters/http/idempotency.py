"""``Idempotency-Key`` on the API's creates, in one place: the routes that take it, and the
middleware that claims the key, runs the route, keeps its answer and replays it.

A request without the header, or to any other route, passes through untouched. The token
endpoint (``POST /api/v1/api-token-auth/``) does not take the header: it is answered before
anyone is signed in, so there is no user to hold a key, and its answer is a new API token,
which Autopost keeps only as a digest and so could not replay."""

from __future__ import annotations

from typing import Protocol

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from autopost.adapters.http import credentials, media, posts, users
from autopost.adapters.http.auth import AuthenticatedUser
from autopost.adapters.http.body_replay import replaying, whole_body
from autopost.adapters.http.responses import domain_error
from autopost.application.idempotency import Claimed, CreateRequest, IdempotentCreates
from autopost.domain.errors import DomainError
from autopost.domain.idempotency import StoredAnswer

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"

# The API's creates: each makes a record (or, for a comment, something on Instagram) that a
# client retrying after a lost answer must not make twice.
CREATE_HANDLERS = frozenset(
    {
        posts.create_post,
        credentials.create_credential,
        users.create_user,
        media.comment,
        media.reply,
    }
)
CREATES: tuple[Route, ...] = tuple(
    route
    for route in (*posts.routes, *credentials.routes, *users.routes, *media.routes)
    if isinstance(route, Route) and route.endpoint in CREATE_HANDLERS
)


class IdempotencyServices(Protocol):
    def idempotent_creates(self) -> IdempotentCreates: ...


def is_create(scope: Scope) -> bool:
    return any(route.matches(scope)[0] is Match.FULL for route in CREATES)


class IdempotencyKeys:
    """Runs after authentication (a key is the signed-in user's) and after the CSRF check."""

    def __init__(self, app: ASGIApp, services: IdempotencyServices) -> None:
        self.app = app
        self._services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = Headers(scope=scope).get(HEADER) if scope["type"] == "http" else None
        user = scope.get("user")
        if key is None or not isinstance(user, AuthenticatedUser) or not is_create(scope):
            await self.app(scope, receive, send)
            return
        assert user.user.id is not None
        body = await whole_body(receive)
        if body is None:  # the client went away: nobody to answer, nothing to create
            return
        creates = self._services.idempotent_creates()
        try:
            begun = await creates.begin(
                CreateRequest(user.user.id, key, scope["method"], _path(scope), body)
            )
        except DomainError as refused:
            await (await domain_error(Request(scope), refused))(scope, receive, send)
            return
        if isinstance(begun, StoredAnswer):
            await _replay(begun)(scope, receive, send)
            return
        await self._carry_out(begun, creates, scope, replaying(body, receive), send)

    async def _carry_out(
        self, claim: Claimed, creates: IdempotentCreates, scope: Scope, receive: Receive, send: Send
    ) -> None:
        # The answer is held back until it is kept: once the client has it, a retry gets it.
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        try:
            await self.app(scope, receive, hold)
        except BaseException:
            await creates.free(claim)
            raise
        await creates.finish(claim, _answer(held))
        for message in held:
            await send(message)


def _path(scope: Scope) -> str:
    """The path a key is bound to, with the query when there is one."""
    path: str = scope["path"]
    query: bytes = scope["query_string"]
    return path + (f"?{query.decode('latin-1')}" if query else "")


def _answer(messages: list[Message]) -> StoredAnswer:
    status = next(m["status"] for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return StoredAnswer(status, body.decode("utf-8", errors="replace"))


def _replay(answer: StoredAnswer) -> Response:
    return Response(
        answer.body.encode(),
        status_code=answer.status,
        media_type="application/json",
        headers={REPLAYED: "true"},
    )
