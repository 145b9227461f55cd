"""``date_pub: "now"`` (or none, when a post is created) and the ``warnings`` of an answer,
over the real container: SQLite, the in-process broker, the system clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from admin_world import admin_client, admin_container

pytestmark = pytest.mark.integration

DUE = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


def photo(**fields: Any) -> dict[str, Any]:
    return {
        "user_id": "17841400000000001",
        "token": "EAAG-very-secret-instagram-token",
        "url": "https://cdn.example.com/a.jpg",
        "caption": "Hello",
        "content_type": "Photo",
        "date_pub": DUE.isoformat(),
        **fields,
    }


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with admin_container(tmp_path) as container, admin_client(container) as signed_in:
        yield signed_in


def about_now(answer: httpx.Response) -> bool:
    due = datetime.fromisoformat(answer.json()["date_pub"])
    return abs(due - datetime.now(UTC)) < timedelta(seconds=30)


@pytest.mark.parametrize("when", [{"date_pub": "now"}, {}, {"date_pub": None}])
async def test_a_post_for_now_or_without_a_time_is_scheduled_at_the_time_of_the_request(
    client: httpx.AsyncClient, when: dict[str, Any]
) -> None:
    body = {key: value for key, value in photo().items() if key != "date_pub"} | when
    answer = await client.post("/api/v1/posts/", json=body)
    assert answer.status_code == 201, answer.text
    assert answer.json()["status"] == "scheduled" and about_now(answer)
    assert answer.json()["next_attempt_at"] == answer.json()["date_pub"]


async def test_a_form_without_a_time_is_published_now(client: httpx.AsyncClient) -> None:
    body = {key: value for key, value in photo().items() if key != "date_pub"}
    answer = await client.post("/api/v1/posts/", data=body)
    assert answer.status_code == 201, answer.text
    assert about_now(answer)


async def test_patch_now_moves_a_post_to_now_and_put_still_needs_a_time(
    client: httpx.AsyncClient,
) -> None:
    created = (await client.post("/api/v1/posts/", json=photo())).json()
    url = f"/api/v1/posts/{created['id']}/"
    moved = await client.patch(url, json={"date_pub": "now"})
    assert moved.status_code == 200, moved.text
    assert about_now(moved)
    assert (await client.put(url, json=photo(date_pub="now"))).status_code == 200
    missing = await client.put(url, json={"url": "https://cdn.example.com/b.jpg"})
    assert missing.status_code == 400
    assert missing.json() == {"date_pub": ["This field is required."]}


@pytest.mark.parametrize(
    ("when", "words"),
    [
        ("Now", "Input should be a valid datetime"),
        ("now please", "Input should be a valid datetime"),
        ("2030-01-01T12:00:00", "Include a time zone"),
        (1767225600, "Give the time as ISO 8601 text"),
    ],
)
async def test_a_time_that_is_neither_iso_8601_with_a_zone_nor_now_is_refused_as_before(
    client: httpx.AsyncClient, when: Any, words: str
) -> None:
    """One message, in the words every time of the API is refused with."""
    answer = await client.post("/api/v1/posts/", json=photo(date_pub=when))
    assert answer.status_code == 400
    (message,) = answer.json()["date_pub"]
    assert message.startswith(words), message
    assert list(answer.json()) == ["date_pub"]


async def test_a_post_near_another_with_the_same_media_answers_warnings_and_is_scheduled(
    client: httpx.AsyncClient,
) -> None:
    first = (await client.post("/api/v1/posts/", json=photo())).json()
    assert first["warnings"] == []
    answer = await client.post(
        "/api/v1/posts/", json=photo(date_pub=(DUE + timedelta(minutes=10)).isoformat())
    )
    assert answer.status_code == 201, answer.text
    warnings = answer.json()["warnings"]
    assert [(w["code"], w["post"]) for w in warnings] == [
        ("near_another_post", first["id"]),
        ("same_media", first["id"]),
        ("same_caption", first["id"]),
    ]
    assert all(w["message"] for w in warnings)
    second = answer.json()["id"]
    read = (await client.get(f"/api/v1/posts/{second}/")).json()
    assert read["status"] == "scheduled" and read["warnings"] == [], "reads carry none"


async def test_moving_a_post_next_to_another_answers_a_warning(client: httpx.AsyncClient) -> None:
    first = (await client.post("/api/v1/posts/", json=photo())).json()
    later = photo(
        url="https://cdn.example.com/b.jpg",
        caption="Other",
        date_pub=(DUE + timedelta(hours=3)).isoformat(),
    )
    second = (await client.post("/api/v1/posts/", json=later)).json()
    assert second["warnings"] == []
    moved = await client.patch(
        f"/api/v1/posts/{second['id']}/",
        json={"date_pub": (DUE - timedelta(minutes=4)).isoformat()},
    )
    assert moved.status_code == 200
    assert [(w["code"], w["post"]) for w in moved.json()["warnings"]] == [
        ("near_another_post", first["id"])
    ]


async def test_the_window_setting_reaches_the_use_case(tmp_path: Path) -> None:
    async with (
        admin_container(tmp_path, conflict_window_minutes=0) as container,
        admin_client(container) as client,
    ):
        await client.post("/api/v1/posts/", json=photo())
        other = photo(url="https://cdn.example.com/b.jpg", caption="Other")
        assert (await client.post("/api/v1/posts/", json=other)).json()["warnings"] == []
