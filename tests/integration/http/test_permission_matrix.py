"""Every route of the API, for every role, with every method it takes: refused with 403
exactly when the role does not allow it.

The table below is the permission matrix written out by hand, one row per documented
operation; a route without a row fails the test, so a new route must say who may call it.
Each role calls every operation with the example the OpenAPI document gives (a body that
works, ids that exist); what an allowed call answers (200, 201, 400, 404, 409, ...) is other
tests' business, here only "403 or not" is. The records were made by the administrator, so
a Contributor's "only what they created" does not reach them; ``test_contributor_edits_only_
own_posts`` covers the other side. Roles run from the least to the most allowed, so that what
an allowed call deletes is gone only for roles that may do it anyway.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
from sandboxed_world import PASSWORD, sandboxed_container, seed_world, sqlite_copy
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.adapters.http.openapi.operation import Operation
from autopost.adapters.http.openapi.operations import OPERATIONS
from autopost.application.people.accounts import put_in_role
from autopost.domain.access import Role
from autopost.domain.user import User
from autopost.entrypoints.container import Container, close_resources
from autopost.sandbox.settings import DEMO_IG_USER_ID

pytestmark = pytest.mark.integration

ADMIN = Role.ADMINISTRATORS
PUBLISHER = Role.PUBLISHERS
CONTRIBUTOR = Role.CONTRIBUTORS
OBSERVER = Role.OBSERVERS

EVERYONE = frozenset(Role)
AUTHORS = frozenset({ADMIN, PUBLISHER, CONTRIBUTOR})
MANAGERS = frozenset({ADMIN, PUBLISHER})
ADMINS = frozenset({ADMIN})

# (method, path) -> the roles allowed. Authenticated routes only: public ones need no role.
MATRIX: Mapping[tuple[str, str], frozenset[Role]] = {
    # Scheduling
    ("get", "/api/v1/posts/"): EVERYONE,
    ("post", "/api/v1/posts/"): AUTHORS,
    ("get", "/api/v1/posts/{post_id}/"): EVERYONE,
    ("patch", "/api/v1/posts/{post_id}/"): MANAGERS,
    ("put", "/api/v1/posts/{post_id}/"): MANAGERS,
    ("delete", "/api/v1/posts/{post_id}/"): MANAGERS,
    ("post", "/api/v1/posts/{post_id}/retry/"): MANAGERS,
    ("patch", "/api/v1/posts/{post_id}/publications/{publication_id}/"): MANAGERS,
    ("delete", "/api/v1/posts/{post_id}/publications/{publication_id}/"): MANAGERS,
    ("post", "/api/v1/posts/{post_id}/publications/{publication_id}/retry/"): MANAGERS,
    # Drafts and approval: a Contributor schedules only their own drafts (post 1 is the
    # administrator's); only Publishers and Administrators review.
    ("post", "/api/v1/posts/{post_id}/schedule/"): MANAGERS,
    ("post", "/api/v1/posts/{post_id}/approve/"): MANAGERS,
    ("post", "/api/v1/posts/{post_id}/return/"): MANAGERS,
    # Recurring posts: as posts (series 1 is the administrator's)
    ("get", "/api/v1/series/{series_id}/"): EVERYONE,
    ("patch", "/api/v1/series/{series_id}/"): MANAGERS,
    ("delete", "/api/v1/series/{series_id}/"): MANAGERS,
    # Connected accounts
    ("get", "/api/v1/credentials/"): EVERYONE,
    ("post", "/api/v1/credentials/"): MANAGERS,
    ("get", "/api/v1/credentials/{credential_id}/"): EVERYONE,
    ("delete", "/api/v1/credentials/{credential_id}/"): MANAGERS,
    ("patch", "/api/v1/credentials/{credential_id}/"): MANAGERS,
    ("get", "/api/v1/credentials/{credential_id}/boards/"): EVERYONE,
    # Posting slots and queues: the example reorder moves nothing, so a Contributor may send
    # it; a shuffle may move any post of the queue, and the seeded one is the administrator's.
    ("get", "/api/v1/credentials/{credential_id}/slots/"): EVERYONE,
    ("put", "/api/v1/credentials/{credential_id}/slots/"): MANAGERS,
    ("get", "/api/v1/credentials/{credential_id}/queue/"): EVERYONE,
    ("post", "/api/v1/credentials/{credential_id}/queue/reorder/"): AUTHORS,
    ("post", "/api/v1/credentials/{credential_id}/queue/shuffle/"): MANAGERS,
    ("get", "/auth/pinterest/authorize/"): MANAGERS,
    ("get", "/auth/instagram/authorize/"): MANAGERS,
    # Instagram media and comments
    ("post", "/api/sync/"): MANAGERS,
    ("get", "/api/posts/"): EVERYONE,
    ("get", "/api/posts/{media_pk}/"): EVERYONE,
    ("post", "/api/posts/{media_pk}/comment/"): AUTHORS,
    ("get", "/api/posts/{media_pk}/comments/"): EVERYONE,
    ("post", "/api/comments/{comment_pk}/reply/"): AUTHORS,
    ("post", "/api/comments/{comment_pk}/hide/"): MANAGERS,
    ("delete", "/api/comments/{comment_pk}/"): MANAGERS,
    # Insights: read by everyone who may see the media, accounts and posts
    ("get", "/api/posts/{media_pk}/insights/"): EVERYONE,
    ("get", "/api/v1/credentials/{credential_id}/insights/"): EVERYONE,
    ("get", "/api/v1/posts/{post_id}/publications/{publication_id}/insights/"): EVERYONE,
    ("get", "/api/v1/credentials/{credential_id}/best-times/"): EVERYONE,
    # Reports: everyone signed in
    ("get", "/api/v1/reports/"): EVERYONE,
    ("get", "/api/v1/reports/csv/"): EVERYONE,
    # Users and groups: administrators; everyone for their own profile, settings and password
    ("get", "/api/users/"): ADMINS,
    ("post", "/api/users/"): ADMINS,
    ("get", "/api/users/profile/"): EVERYONE,
    ("put", "/api/users/profile/"): EVERYONE,
    ("post", "/api/users/change-password/"): EVERYONE,
    ("get", "/api/users/settings/"): EVERYONE,
    ("put", "/api/users/settings/"): EVERYONE,
    ("get", "/api/users/stats/"): ADMINS,
    ("get", "/api/users/{user_id}/"): ADMINS,
    ("put", "/api/users/{user_id}/"): ADMINS,
    ("patch", "/api/users/{user_id}/"): ADMINS,
    ("delete", "/api/users/{user_id}/"): ADMINS,
    ("post", "/api/users/{user_id}/assign-groups/"): ADMINS,
    ("get", "/api/groups/"): EVERYONE,
    ("get", "/api/groups/{group_id}/"): EVERYONE,
    ("get", "/api/audit/"): ADMINS,
    # Webhooks: the team's integrations, managed by those who manage its accounts
    ("get", "/api/v1/webhooks/"): MANAGERS,
    ("post", "/api/v1/webhooks/"): MANAGERS,
    ("get", "/api/v1/webhooks/{webhook_id}/"): MANAGERS,
    ("patch", "/api/v1/webhooks/{webhook_id}/"): MANAGERS,
    ("delete", "/api/v1/webhooks/{webhook_id}/"): MANAGERS,
    ("get", "/api/v1/webhooks/{webhook_id}/deliveries/"): MANAGERS,
    ("post", "/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/resend/"): MANAGERS,
    # The media library: everyone reads it; Publishers and Administrators upload and delete.
    ("get", "/api/v1/library/"): EVERYONE,
    ("post", "/api/v1/library/"): MANAGERS,
    ("get", "/api/v1/library/{item_id}/"): EVERYONE,
    ("delete", "/api/v1/library/{item_id}/"): MANAGERS,
    # Integration keys: anyone signed in may check their own keys
    ("post", "/accounts/api/test-{integration}/"): EVERYONE,
}

ROLES_IN_ORDER = (OBSERVER, CONTRIBUTOR, PUBLISHER, ADMIN)


def authenticated(operation: Operation) -> bool:
    return not operation.public


def concrete_path(operation: Operation) -> str:
    path = operation.path
    for param in operation.params:
        if param.location == "path":
            path = path.replace("{" + param.name + "}", str(param.example))
    return path


async def user_with_role(container: Container, role: Role) -> str:
    """A user in ``role`` only, and an API token of theirs."""
    name = f"{role.value.lower()}-user"
    async with container.infrastructure.uow() as uow:
        user = User(
            username=name,
            email=f"{name}@example.com",
            password_hash=container.infrastructure.password_hasher().hash(PASSWORD),
            date_joined=container.infrastructure.clock().now(),
        )
        await uow.users.add(user)
        await put_in_role(uow, user, role)
        await uow.commit()
    return await container.people.issue_api_token().execute(name, PASSWORD, "127.0.0.1")


async def call(client: httpx.AsyncClient, operation: Operation, token: str) -> int:
    body: Any = operation.example
    response = await client.request(
        operation.method.upper(),
        concrete_path(operation),
        json=body if operation.body is not None or body is not None else None,
        headers={"Authorization": f"Token {token}"},
    )
    return response.status_code


def test_every_authenticated_route_has_a_row() -> None:
    documented = {(o.method, o.path) for o in OPERATIONS if authenticated(o)}
    assert documented - set(MATRIX) == set(), "routes nobody said who may call"
    assert set(MATRIX) - documented == set(), "rows for routes that do not exist"


async def test_each_role_is_refused_exactly_what_it_may_not_do(
    tmp_path: Path, sqlite_template: Path, sandbox_app: Starlette
) -> None:
    container = await sandboxed_container(
        tmp_path, sqlite_copy(sqlite_template, tmp_path), sandbox_app
    )
    await seed_world(container, sandbox_app)
    tokens = {role: await user_with_role(container, role) for role in ROLES_IN_ORDER}
    wrong: list[str] = []
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(container)),
        base_url="http://autopost.test",
    ) as client:
        for role in ROLES_IN_ORDER:
            for operation in filter(authenticated, OPERATIONS):
                allowed = role in MATRIX[(operation.method, operation.path)]
                status = await call(client, operation, tokens[role])
                if (status == 403) == allowed:
                    verdict = "refused" if allowed else f"let through ({status})"
                    wrong.append(f"{role}: {operation.method.upper()} {operation.path} {verdict}")
    await close_resources(container)
    assert wrong == []


async def test_contributor_edits_only_own_posts(
    tmp_path: Path, sqlite_template: Path, sandbox_app: Starlette
) -> None:
    container = await sandboxed_container(
        tmp_path, sqlite_copy(sqlite_template, tmp_path), sandbox_app
    )
    await seed_world(container, sandbox_app)  # post 1 is the administrator's
    token = await user_with_role(container, CONTRIBUTOR)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(container)),
        base_url="http://autopost.test",
        headers={"Authorization": f"Token {token}"},
    ) as client:
        created = await client.post(
            "/api/v1/posts/",
            json={
                "user_id": DEMO_IG_USER_ID,
                "url": "https://cdn.example.com/mine.jpg",
                "caption": "mine",
                "date_pub": "2030-02-01T09:00:00Z",
            },
        )
        assert created.status_code == 201, created.text
        mine = created.json()["id"]
        assert (await client.patch(f"/api/v1/posts/{mine}/", json={"caption": "x"})).is_success
        assert (await client.patch("/api/v1/posts/1/", json={"caption": "x"})).status_code == 403
        assert (await client.delete("/api/v1/posts/1/")).status_code == 403
        assert (await client.delete(f"/api/v1/posts/{mine}/")).status_code == 204
    await close_resources(container)
