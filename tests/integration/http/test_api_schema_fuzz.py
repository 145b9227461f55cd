"""Schemathesis against the whole API, in process: the app built on the real container
(SQLite in tmp_path, the in-process broker), every platform call answered by `autopost
sandbox` in process (see ``sandboxed_world``). No answer may be a 5xx, and every answer must be
one the OpenAPI document at /api/schema/ describes: its status, its content type and its body.

Every operation is run, none excluded: the OAuth and platform calls reach only the sandbox.
Each operation gets a world of its own, so what one operation deletes another still finds.
Schemathesis runs apps on an event loop of its own: the world is seeded beforehand on a
throwaway loop, and the app's container is first used, then closed, on schemathesis's loop.
Derandomized: the same 1,700-odd requests every run, in about 25 s on two cores."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from sandboxed_world import (
    sandboxed_container,
    seed_world,
    sqlite_copy,
    unopened_sandboxed_container,
)
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.adapters.http.openapi import routes as openapi_routes
from autopost.adapters.http.openapi.operations import OPERATIONS
from autopost.adapters.http.session_cookies import SignInSettings
from autopost.entrypoints.container import close_resources, open_resources

pytestmark = pytest.mark.integration

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# /readyz answers a documented 503 while the instance is not ready (here: no worker beats).
NOT_READY_IS_AN_ANSWER = {"/readyz"}


def checks_for(case: schemathesis.Case) -> list[Any]:
    if case.path in NOT_READY_IS_AN_ANSWER:
        return [check for check in CHECKS if check is not not_a_server_error]
    return CHECKS


# The document is read from /api/schema/ at collection time, when no world exists yet: from
# an app of the two document routes, the same handlers the full app mounts. (Schemathesis's
# `from_fixture` would read it from the world, but it does not run on pytest 9.2.)
class DocumentOnly:
    """What the two document routes ask of the services: whether debug routes exist."""

    def sign_in_settings(self) -> SignInSettings:
        return SignInSettings()


def document_app() -> Starlette:
    app = Starlette(routes=openapi_routes.routes)
    app.state.services = dict([openapi_routes.services.handed(DocumentOnly())])
    return app


schema = schemathesis.openapi.from_asgi("/api/schema/", document_app())


class World:
    def __init__(self, app: Starlette, token: str) -> None:
        self.app = app
        self.headers = {"Authorization": f"Token {token}"}


@pytest.fixture
def world(tmp_path: Path, sqlite_template: Path, sandbox_app: Starlette) -> World:
    database_url = sqlite_copy(sqlite_template, tmp_path)

    async def seed() -> str:
        seeding = await sandboxed_container(tmp_path, database_url, sandbox_app)
        try:
            return await seed_world(seeding, sandbox_app)
        finally:
            await close_resources(seeding)

    token = asyncio.run(seed())
    container = unopened_sandboxed_container(tmp_path, database_url, sandbox_app)

    async def open_() -> None:
        await open_resources(container)

    async def close() -> None:
        await close_resources(container)

    return World(create_app(container, on_startup=open_, on_shutdown=close), token)


@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(case: schemathesis.Case, world: World) -> None:
    case.call_and_validate(app=world.app, headers=world.headers, checks=checks_for(case))


# The same operations again, every string of every body made one that cannot be stored: a lone
# surrogate (valid JSON, "\ud800", but no Unicode scalar value), in the values and in the keys.
# Each must be refused as a documented 400 (or whatever the route answers before reading its
# body), never a 5xx.
unstorable_schema = schemathesis.openapi.from_asgi("/api/schema/", document_app())
LONE_SURROGATE = "\ud800"


def with_lone_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return value + LONE_SURROGATE
    if isinstance(value, list):
        return [with_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {
            (name + LONE_SURROGATE if i == 0 else name): with_lone_surrogates(item)
            for i, (name, item) in enumerate(value.items())
        }
    return value


# A multipart form's names and file names are headers of its parts: a client cannot even send
# a lone surrogate there (what reaches the server is the same bytes as any other form's).
FORMS = {
    (op.method.upper(), op.path) for op in OPERATIONS if op.body_media_type != "application/json"
}


@unstorable_schema.hook
def map_body(context: schemathesis.HookContext, body: Any) -> Any:
    operation = context.operation
    if operation is not None and (operation.method.upper(), operation.path) in FORMS:
        return body
    return with_lone_surrogates(body)


@unstorable_schema.parametrize()
@settings(
    max_examples=5,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_text_that_cannot_be_stored_is_never_a_server_error(
    case: schemathesis.Case, world: World
) -> None:
    case.call_and_validate(app=world.app, headers=world.headers, checks=checks_for(case))
