"""``Idempotency-Key`` on the API's creates, over the real container, on SQLite and then
PostgreSQL: a retry gets the first answer and creates nothing; another request with the key is
a 422; a retry while the first is processed is a 409; a failed first attempt frees the key."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from admin_world import PASSWORD
from sandboxed_world import sandboxed_container, seed_world
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.application.idempotency import Claimed, CreateRequest
from autopost.entrypoints.container import Container, close_resources

pytestmark = pytest.mark.integration

POSTS = "/api/v1/posts/"


class World:
    def __init__(self, container: Container, client: httpx.AsyncClient) -> None:
        self.container = container
        self.client = client

    async def create(
        self, body: dict[str, Any], key: str | None, path: str = POSTS
    ) -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if key is not None:
            headers["Idempotency-Key"] = key
        return await self.client.post(path, content=encoded(body), headers=headers)

    async def post_count(self) -> int:
        return len((await self.client.get(POSTS)).json())


def encoded(body: dict[str, Any]) -> bytes:
    return json.dumps(body).encode()


def photo(caption: str = "Hello", **fields: Any) -> dict[str, Any]:
    return {
        "credential": 1,
        "url": "https://cdn.example.com/a.jpg",
        "caption": caption,
        "content_type": "Photo",
        "date_pub": "2030-01-01T12:00:00Z",
        **fields,
    }


@pytest.fixture
async def world(tmp_path: Path, database_url: str, sandbox_app: Starlette) -> AsyncIterator[World]:
    container = await sandboxed_container(tmp_path, database_url, sandbox_app)
    token = await seed_world(container, sandbox_app)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(container)),
        base_url="http://autopost.test",
        headers={"Authorization": f"Token {token}"},
    ) as client:
        yield World(container, client)
    await close_resources(container)


async def test_a_retry_with_the_key_gets_the_first_answer_and_makes_no_second_post(
    world: World,
) -> None:
    before = await world.post_count()
    first = await world.create(photo(), "retry-1")
    again = await world.create(photo(), "retry-1")
    assert first.status_code == again.status_code == 201, first.text
    assert again.json() == first.json()
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert again.headers["content-type"] == "application/json"
    assert await world.post_count() == before + 1


async def test_without_the_header_each_request_makes_its_post(world: World) -> None:
    before = await world.post_count()
    first = await world.create(photo(), None)
    second = await world.create(photo(), None)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    assert "Idempotent-Replayed" not in second.headers
    assert await world.post_count() == before + 2


async def test_the_key_with_another_body_is_refused(world: World) -> None:
    assert (await world.create(photo(), "retry-1")).status_code == 201
    before = await world.post_count()
    other = await world.create(photo("Another caption"), "retry-1")
    assert other.status_code == 422
    assert "used for another request" in other.json()["error"]
    assert await world.post_count() == before


async def test_the_key_on_another_route_is_refused(world: World) -> None:
    assert (await world.create(photo(), "retry-1")).status_code == 201
    other = await world.create(photo(), "retry-1", path="/api/v1/credentials/")
    assert other.status_code == 422
    assert list(other.json()) == ["error"]


async def test_a_retry_while_the_first_is_processed_is_a_409(world: World) -> None:
    admin_id = (await world.client.get("/api/users/profile/")).json()["id"]
    first = CreateRequest(admin_id, "retry-1", "POST", POSTS, encoded(photo()))
    assert isinstance(await world.container.people.idempotent_creates().begin(first), Claimed)
    before = await world.post_count()
    retry = await world.create(photo(), "retry-1")
    assert retry.status_code == 409
    assert "still being processed" in retry.json()["error"]
    assert await world.post_count() == before


async def test_a_refused_first_attempt_frees_the_key_for_a_corrected_retry(world: World) -> None:
    refused = await world.create(photo(date_pub="soon"), "retry-1")
    assert refused.status_code == 400
    corrected = await world.create(photo(), "retry-1")
    assert corrected.status_code == 201, corrected.text
    replayed = await world.create(photo(), "retry-1")
    assert replayed.headers["Idempotent-Replayed"] == "true"
    assert replayed.json() == corrected.json()


async def test_a_failed_retry_of_the_same_request_is_carried_out_again(world: World) -> None:
    refused = await world.create(photo(credential=999), "retry-1")
    assert refused.status_code == 400
    again = await world.create(photo(credential=999), "retry-1")
    assert again.status_code == 400
    assert again.json() == refused.json()
    assert "Idempotent-Replayed" not in again.headers


@pytest.mark.parametrize("key", ["", "k" * 256])
async def test_an_empty_or_too_long_key_is_a_400(world: World, key: str) -> None:
    before = await world.post_count()
    refused = await world.create(photo(), key)
    assert refused.status_code == 400
    assert refused.json() == {
        "Idempotency-Key": ["Idempotency-Key must be 1 to 255 characters long."]
    }
    assert await world.post_count() == before


async def test_a_key_of_255_characters_is_taken(world: World) -> None:
    assert (await world.create(photo(), "k" * 255)).status_code == 201


async def test_keys_belong_to_the_user_who_sent_them(world: World) -> None:
    new_user = {
        "username": "editor",
        "email": "editor@example.com",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
    }
    assert (await world.create(new_user, "shared-key", path="/api/users/")).status_code == 201
    token = await world.container.people.issue_api_token().execute("editor", PASSWORD, "127.0.0.1")
    other = await world.client.post(
        "/api/users/",
        content=encoded(new_user),
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": "shared-key",
        },
    )
    # Not the administrator's answer: the editor's own request, which an observer may not make.
    assert other.status_code == 403
    assert "Idempotent-Replayed" not in other.headers


async def test_a_new_user_is_created_once(world: World) -> None:
    new_user = {
        "username": "editor",
        "email": "editor@example.com",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
    }
    first = await world.create(new_user, "user-1", path="/api/users/")
    again = await world.create(new_user, "user-1", path="/api/users/")
    assert first.status_code == again.status_code == 201, first.text
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    users = (await world.client.get("/api/users/")).json()
    listed = users["results"] if isinstance(users, dict) else users
    assert [u["username"] for u in listed].count("editor") == 1


async def test_a_credential_is_saved_once(world: World) -> None:
    credential = {
        "platform": "instagram",
        "account_id": "17841499999999999",
        "access_token": "EAAG-a-token-never-shown",
    }
    first = await world.create(credential, "account-1", path="/api/v1/credentials/")
    again = await world.create(credential, "account-1", path="/api/v1/credentials/")
    assert first.status_code == again.status_code == 201, first.text
    assert again.json() == first.json()
    assert "EAAG-a-token-never-shown" not in again.text


async def test_a_comment_is_written_on_instagram_once(world: World) -> None:
    before = (await world.client.get("/api/posts/1/comments/")).json()
    first = await world.create({"text": "Nice"}, "comment-1", path="/api/posts/1/comment/")
    again = await world.create({"text": "Nice"}, "comment-1", path="/api/posts/1/comment/")
    assert first.status_code == again.status_code == 201, first.text
    assert again.json() == first.json()
    after = (await world.client.get("/api/posts/1/comments/?refresh=1")).json()
    assert len(after) == len(before) + 1


async def test_a_reply_is_written_on_instagram_once(world: World) -> None:
    first = await world.create({"text": "Thanks"}, "reply-1", path="/api/comments/1/reply/")
    again = await world.create({"text": "Thanks"}, "reply-1", path="/api/comments/1/reply/")
    assert first.status_code == again.status_code == 201, first.text
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"


ROUNDS = 10
AT_ONCE = 4


async def test_requests_sent_at_once_with_one_key_make_one_post(
    world: World, database_url: str
) -> None:
    """On PostgreSQL the requests overlap: one claims the key, the others find it taken and
    are told to retry later. On SQLite they take turns: the others get the first answer."""
    before = await world.post_count()
    statuses: Counter[tuple[int, str]] = Counter()
    for round_number in range(ROUNDS):
        answers = await asyncio.gather(
            *(
                world.create(photo(f"Round {round_number}"), f"race-{round_number}")
                for _ in range(AT_ONCE)
            )
        )
        made = [
            a for a in answers if a.status_code == 201 and "Idempotent-Replayed" not in a.headers
        ]
        assert len(made) == 1, [a.status_code for a in answers]
        for answer in answers:
            assert answer.status_code in (201, 409), answer.text
            if answer.status_code == 201:
                assert answer.json() == made[0].json()
        statuses.update((a.status_code, a.headers.get("Idempotent-Replayed", "")) for a in answers)
    if database_url.startswith("postgresql"):
        assert statuses[(409, "")] > 0, f"the requests did not overlap: {statuses}"
    assert await world.post_count() == before + ROUNDS


async def test_the_key_with_another_query_is_refused(world: World) -> None:
    assert (await world.create(photo(), "retry-1")).status_code == 201
    other = await world.create(photo(), "retry-1", path=f"{POSTS}?draft=1")
    assert other.status_code == 422


async def test_a_route_that_creates_nothing_ignores_the_header(world: World) -> None:
    post_id = (await world.create(photo(), None)).json()["id"]
    path = f"{POSTS}{post_id}/"
    moved = {"date_pub": "2030-01-02T12:00:00Z"}
    headers = {"Idempotency-Key": "retry-1"}
    first = await world.client.patch(path, json=moved, headers=headers)
    again = await world.client.patch(path, json={"caption": "Changed"}, headers=headers)
    assert first.status_code == again.status_code == 200, again.text
    assert "Idempotent-Replayed" not in again.headers


async def test_the_token_endpoint_ignores_the_header(world: World) -> None:
    """It has no signed-in user to hold a key, and its answer is a secret Autopost does not
    keep: each request gets a new token, as without the header."""
    body = {"username": "admin", "password": PASSWORD}
    headers = {"Idempotency-Key": "token-1", "Authorization": ""}
    first = await world.client.post("/api/v1/api-token-auth/", json=body, headers=headers)
    again = await world.client.post("/api/v1/api-token-auth/", json=body, headers=headers)
    assert first.status_code == again.status_code == 200, first.text
    assert first.json()["token"] != again.json()["token"]
    assert "Idempotent-Replayed" not in again.headers
