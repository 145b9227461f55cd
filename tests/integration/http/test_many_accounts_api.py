"""A post to several accounts over HTTP, on the real container (SQLite, the in-process
broker): ``credentials`` and ``overrides`` in, a publication per account out, refusals named
by account, and one account's publication moved, cancelled or retried alone. The answer to a
post to one account keeps seed 003's fields as they were."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from admin_world import admin_client, admin_container

pytestmark = pytest.mark.integration

DUE = "2030-01-01T12:00:00+00:00"


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with admin_container(tmp_path) as container, admin_client(container) as signed_in:
        yield signed_in


async def connect(client: httpx.AsyncClient, account_id: str) -> int:
    body = {"platform": "instagram", "account_id": account_id, "access_token": "EAAG-secret"}
    answer = await client.post("/api/v1/credentials/", json=body)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


@pytest.fixture
async def accounts(client: httpx.AsyncClient) -> tuple[int, int]:
    return await connect(client, "17841400000000001"), await connect(client, "17841400000000002")


def post(ids: tuple[int, ...], **fields: Any) -> dict[str, Any]:
    return {
        "credentials": list(ids),
        "url": "https://cdn.example.com/a.jpg",
        "caption": "Spring is here",
        "date_pub": DUE,
        **fields,
    }


async def test_the_answer_lists_a_publication_per_account(
    client: httpx.AsyncClient, accounts: tuple[int, int]
) -> None:
    first, second = accounts
    body = post(accounts, overrides={str(second): {"caption": "Hello from the second"}})
    answer = await client.post("/api/v1/posts/", json=body)
    assert answer.status_code == 201, answer.text
    created = answer.json()
    assert created["credential"] == first and created["caption"] == "Spring is here"
    one, two = created["publications"]
    assert (one["credential"], two["credential"]) == (first, second)
    assert one["status"] == two["status"] == "scheduled"
    assert one["user_id"] == "17841400000000001" and two["user_id"] == "17841400000000002"
    assert one["content"] is None and two["content"]["caption"] == "Hello from the second"
    assert one["id"] != two["id"]
    listed = (await client.get("/api/v1/posts/")).json()
    assert [len(p["publications"]) for p in listed] == [2]


async def test_a_refusal_names_the_account_and_its_field(
    client: httpx.AsyncClient, accounts: tuple[int, int]
) -> None:
    _, second = accounts
    tags = " ".join(f"#t{n}" for n in range(31))
    answer = await client.post(
        "/api/v1/posts/", json=post(accounts, overrides={str(second): {"caption": tags}})
    )
    assert answer.status_code == 400
    assert list(answer.json()) == [f"credentials.{second}.caption"]


async def test_an_unknown_override_field_is_refused_by_name(
    client: httpx.AsyncClient, accounts: tuple[int, int]
) -> None:
    _, second = accounts
    answer = await client.post(
        "/api/v1/posts/", json=post(accounts, overrides={str(second): {"captoin": "typo"}})
    )
    assert answer.status_code == 400
    assert list(answer.json()) == [f"overrides.{second}.captoin"]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"credentials": [404]}, "credentials"),
        ({"credential": 1}, "credentials"),
        ({"token": "EAAG-other"}, "token"),
        ({"overrides": {"404": {"caption": "x"}}}, "overrides"),
    ],
)
async def test_accounts_named_wrongly_are_refused(
    client: httpx.AsyncClient, accounts: tuple[int, int], extra: dict[str, Any], field: str
) -> None:
    answer = await client.post("/api/v1/posts/", json=post(accounts) | extra)
    assert answer.status_code == 400, answer.text
    assert list(answer.json()) == [field]


async def test_one_publication_is_moved_and_cancelled_alone(
    client: httpx.AsyncClient, accounts: tuple[int, int]
) -> None:
    created = (await client.post("/api/v1/posts/", json=post(accounts))).json()
    one, two = (p["id"] for p in created["publications"])
    url = f"/api/v1/posts/{created['id']}/publications/{two}/"
    moved = await client.patch(url, json={"date_pub": "2030-01-02T09:00:00+00:00"})
    assert moved.status_code == 200, moved.text
    assert [p["date_pub"] for p in moved.json()["publications"]] == [
        "2030-01-01T12:00:00+00:00",
        "2030-01-02T09:00:00+00:00",
    ]
    assert (await client.delete(url)).status_code == 204
    after = (await client.get(f"/api/v1/posts/{created['id']}/")).json()
    assert [p["status"] for p in after["publications"]] == ["scheduled", "cancelled"]
    missing = await client.delete(f"/api/v1/posts/{created['id']}/publications/{one + 100}/")
    assert missing.status_code == 404


async def test_a_post_to_one_account_answers_as_before(client: httpx.AsyncClient) -> None:
    body = {
        "user_id": "17841400000000001",
        "token": "EAAG-very-secret-instagram-token",
        "url": "https://cdn.example.com/a.jpg",
        "caption": "Hello",
        "date_pub": DUE,
    }
    created = (await client.post("/api/v1/posts/", json=body)).json()
    (only,) = created["publications"]
    assert only["id"] and only["credential"] == created["credential"]
    assert only["status"] == created["status"] and only["content"] is None
    assert "token" not in created and "EAAG" not in str(created)
