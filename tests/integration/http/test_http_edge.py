"""What the edge does before any route: the Host names answered, links built on the public
address, the body limit, and the headers every answer carries."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from sandboxed_world import sandboxed_container, seed_world
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.adapters.http.edge import HttpEdge
from autopost.entrypoints.container import close_resources
from autopost.entrypoints.container.infrastructure import http_edge
from autopost.entrypoints.settings import Settings

pytestmark = pytest.mark.integration

Client = Callable[..., httpx.AsyncClient]


@pytest.fixture
async def client_with(
    tmp_path: Path, database_url: str, sandbox_app: Starlette
) -> AsyncIterator[Client]:
    """A client of the seeded world's API, signed in as its administrator, on an app built
    with the edge given."""
    container = await sandboxed_container(tmp_path, database_url, sandbox_app)
    token = await seed_world(container, sandbox_app)
    clients: list[httpx.AsyncClient] = []

    def make(edge: HttpEdge, base_url: str = "http://autopost.test") -> httpx.AsyncClient:
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(container, edge=edge)),
            base_url=base_url,
            headers={"Authorization": f"Token {token}"},
        )
        clients.append(client)
        return client

    async with make(HttpEdge()) as client:
        # A second user, so that the users' list has a second page of one.
        second = {"username": "bob", "email": "bob@example.com", "password": "a long passphrase"}
        created = await client.post(
            "/api/users/", json={**second, "password_confirm": second["password"]}
        )
        assert created.status_code == 201, created.text
    yield make
    for client in clients:
        await client.aclose()
    await close_resources(container)


async def test_a_host_not_allowed_is_refused_before_any_route(client_with: Client) -> None:
    edge = HttpEdge(allowed_hosts=("autopost.example.com",))
    refused = await client_with(edge).get("/api/users/profile/")
    assert refused.status_code == 400
    answered = await client_with(edge, "https://autopost.example.com").get("/api/users/profile/")
    assert answered.status_code == 200


async def test_links_are_built_on_the_public_address_whatever_the_host(
    client_with: Client,
) -> None:
    edge = HttpEdge(public_url="https://autopost.example.com/base")
    client = client_with(edge, "http://attacker.example")
    users = (await client.get("/api/users/?page_size=1")).json()
    assert users["next"] == "https://autopost.example.com/base/api/users/?page_size=1&page=2"
    media = (await client.get("/api/posts/?limit=1")).json()
    assert media["next"].startswith("https://autopost.example.com/base/api/posts/?limit=1&cursor=")


async def test_without_a_public_address_links_name_the_allowed_host(client_with: Client) -> None:
    client = client_with(HttpEdge(allowed_hosts=("autopost.test",)))
    users = (await client.get("/api/users/?page_size=1")).json()
    assert users["next"] == "http://autopost.test/api/users/?page_size=1&page=2"


def test_the_hosts_answered_are_the_public_address_and_loopback_unless_named() -> None:
    def edge(**values: str) -> HttpEdge:
        return http_edge(Settings(secret_key="k", **values))  # type: ignore[arg-type]

    assert edge().allowed_hosts == ("localhost", "127.0.0.1", "[::1]")
    assert edge(public_url="https://autopost.example.com/").allowed_hosts == (
        "autopost.example.com",
        "localhost",
        "127.0.0.1",
        "[::1]",
    )
    assert edge(allowed_hosts="a.example, b.example").allowed_hosts == ("a.example", "b.example")
    assert edge(public_url="https://autopost.example.com/").public_url == (
        "https://autopost.example.com"
    )


LIMIT = 1000


async def test_a_body_declared_larger_than_the_limit_is_a_413(client_with: Client) -> None:
    client = client_with(HttpEdge(max_body_bytes=LIMIT))
    response = await client.post(
        "/api/v1/posts/",
        content=json.dumps({"caption": "x" * LIMIT}),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json() == {"error": f"The request body is larger than {LIMIT} bytes."}


async def test_a_streamed_body_is_cut_off_at_the_limit(client_with: Client) -> None:
    """No Content-Length: the bytes are counted as they arrive, and the rest is never read."""
    read: list[int] = []

    async def chunks() -> AsyncIterator[bytes]:
        for number in range(100):
            read.append(number)
            yield b" " * 100

    client = client_with(HttpEdge(max_body_bytes=LIMIT))
    for path, kind in [
        ("/api/v1/posts/", "application/json"),
        ("/accounts/api/login/", "application/json"),
        # A form, read by the CSRF check before any route.
        ("/accounts/login/", "application/x-www-form-urlencoded"),
    ]:
        read.clear()
        response = await client.post(path, content=chunks(), headers={"Content-Type": kind})
        assert response.status_code == 413, path
        assert len(read) < 100, path


async def test_a_body_within_the_limit_is_read(client_with: Client) -> None:
    client = client_with(HttpEdge(max_body_bytes=LIMIT))
    response = await client.post("/api/sync/", json={"credential": 1})
    assert response.status_code == 200, response.text


async def test_json_answers_are_neither_cached_nor_sniffed(client_with: Client) -> None:
    client = client_with(HttpEdge())
    for response in [
        await client.get("/api/users/profile/"),
        await client.get("/api/v1/posts/", headers={"Authorization": "Token wrong"}),
        await client.post("/api/v1/api-token-auth/", json={}),
    ]:
        assert response.headers["cache-control"] == "no-store", response.request.url
        assert response.headers["x-content-type-options"] == "nosniff"


async def test_the_api_docs_page_has_the_pages_security_headers(client_with: Client) -> None:
    response = await client_with(HttpEdge()).get("/api/docs/")
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_a_write_names_the_fields_it_ignored(client_with: Client) -> None:
    client = client_with(HttpEdge())
    changed = await client.patch(
        "/api/v1/posts/1/", json={"caption": "New words", "captoin": "typo", "id": 7}
    )
    assert changed.status_code == 200, changed.text
    assert changed.headers["autopost-ignored-fields"] == "captoin, id"
    clean = await client.patch("/api/v1/posts/1/", json={"caption": "Newer words"})
    assert "autopost-ignored-fields" not in clean.headers


async def test_ignored_field_names_cannot_break_the_header(client_with: Client) -> None:
    client = client_with(HttpEdge())
    body = {"caption": "ok", "a\r\nSet-Cookie: x=1": 1, "имя": 2, **{f"f{i}": i for i in range(30)}}
    response = await client.patch(
        "/api/v1/posts/1/", content=json.dumps(body), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert "set-cookie" not in response.headers
    listed = response.headers["autopost-ignored-fields"]
    assert listed.isascii()
    assert listed.startswith("a\\x0d\\x0aSet-Cookie: x=1, \\u0438\\u043c\\u044f, f0")
    assert listed.endswith("and 12 more")


async def test_the_desks_scripts_are_served_by_autopost_and_only_they_may_run(
    client_with: Client,
) -> None:
    client = client_with(HttpEdge())
    script = await client.get("/static/desk.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert script.headers["x-content-type-options"] == "nosniff"
    page = await client.get("/accounts/", headers={"Accept": "text/html"})
    assert page.status_code == 200, (page.status_code, page.headers)
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "default-src 'none'" in policy
    assert (await client.get("/static/../app.py")).status_code == 404
