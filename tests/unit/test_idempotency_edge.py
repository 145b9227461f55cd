"""The Idempotency-Key middleware alone, over an app whose create fails without an answer:
the key is freed, so the client's retry is carried out, not told to wait for 24 hours."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from autopost.adapters.http.auth import AuthenticatedUser
from autopost.adapters.http.idempotency import IdempotencyKeys
from autopost.application.access import SYSTEM
from autopost.application.idempotency import IdempotentCreates
from autopost.application.people.accounts import Principal
from autopost.domain.user import User
from tests.fakes import FakeClock, InMemoryUnitOfWork, Store

pytestmark = pytest.mark.unit


class SignedIn:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        user = User("client", "client@example.com", "!", datetime(2026, 1, 1, tzinfo=UTC), id=1)
        scope["user"] = AuthenticatedUser(Principal(user, SYSTEM))
        await self.app(scope, receive, send)


class Services:
    def __init__(self) -> None:
        self.store = Store()

    def idempotent_creates(self) -> IdempotentCreates:
        return IdempotentCreates(InMemoryUnitOfWork(self.store), FakeClock(), "secret")


def app_failing_first(services: Services) -> Starlette:
    calls: list[bytes] = []

    async def create(request: Request) -> Response:
        calls.append(await request.body())
        if len(calls) == 1:
            raise RuntimeError("the database went away")
        return JSONResponse({"id": len(calls), "body": calls[-1].decode()}, status_code=201)

    return Starlette(
        routes=[Route("/api/v1/posts/", create, methods=["POST"])],
        middleware=[Middleware(SignedIn), Middleware(IdempotencyKeys, services=services)],
    )


async def test_a_create_that_fails_without_an_answer_frees_its_key() -> None:
    services = Services()
    transport = httpx.ASGITransport(app=app_failing_first(services), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://autopost.test") as client:
        failed = await client.post(
            "/api/v1/posts/", content=b"{}", headers={"Idempotency-Key": "k"}
        )
        retried = await client.post(
            "/api/v1/posts/", content=b"{}", headers={"Idempotency-Key": "k"}
        )
        replayed = await client.post(
            "/api/v1/posts/", content=b"{}", headers={"Idempotency-Key": "k"}
        )
    assert failed.status_code == 500
    assert retried.status_code == 201 and retried.json() == {"id": 2, "body": "{}"}
    assert replayed.json() == retried.json()
    assert replayed.headers["Idempotent-Replayed"] == "true"
