"""Posting slots and the queue through the real HTTP API, container and database, on a clock
the test sets: a queue filled across a daylight-saving change keeps its local times."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from admin_world import admin_client, admin_container
from dependency_injector import providers
from tests.fakes import FakeClock

from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

# Thursday 28 March 2030, noon in Berlin; clocks there go forward on Sunday the 31st.
THURSDAY_NOON_BERLIN = datetime(2030, 3, 28, 11, 0, tzinfo=UTC)
WEEKDAYS_9_AND_18 = [
    {"weekday": day, "time": at}
    for day in ("mon", "tue", "wed", "thu", "fri")
    for at in ("09:00", "18:00")
]


@pytest.fixture
async def container(tmp_path: Path) -> AsyncIterator[Container]:
    async with admin_container(tmp_path) as built:
        built.infrastructure.clock.override(providers.Object(FakeClock(THURSDAY_NOON_BERLIN)))
        yield built


@pytest.fixture
async def client(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with admin_client(container) as signed_in:
        yield signed_in


async def ok(answer: Any, status: int = 200) -> Any:
    response = await answer
    assert response.status_code == status, response.text
    return response.json()


def photo(**fields: Any) -> dict[str, Any]:
    return {
        "user_id": "17841400000000001",
        "url": "https://cdn.example.com/a.jpg",
        "caption": "Queued",
        "content_type": "Photo",
        **fields,
    }


async def berlin_account(client: httpx.AsyncClient) -> int:
    account = await ok(
        client.post(
            "/api/v1/credentials/",
            json={"account_id": "17841400000000001", "access_token": "EAAG-token"},
        ),
        201,
    )
    await ok(
        client.put(
            f"/api/v1/credentials/{account['id']}/slots/",
            json={"time_zone": "Europe/Berlin", "slots": WEEKDAYS_9_AND_18},
        )
    )
    return int(account["id"])


async def test_a_queue_filled_across_a_daylight_saving_change_keeps_local_times(
    client: httpx.AsyncClient,
) -> None:
    account = await berlin_account(client)
    posts = [await ok(client.post("/api/v1/posts/", json=photo(queue=True)), 201) for _ in range(5)]
    assert [p["date_pub"] for p in posts] == [
        "2030-03-28T17:00:00+00:00",  # Thursday 18:00 CET
        "2030-03-29T08:00:00+00:00",  # Friday 09:00 CET
        "2030-03-29T17:00:00+00:00",  # Friday 18:00 CET
        "2030-04-01T07:00:00+00:00",  # Monday 09:00 CEST
        "2030-04-01T16:00:00+00:00",  # Monday 18:00 CEST
    ]
    queue = await ok(client.get(f"/api/v1/credentials/{account}/queue/"))
    assert queue["time_zone"] == "Europe/Berlin"
    assert [(q["post"], q["local_time"]) for q in queue["posts"]] == [
        (posts[0]["id"], "2030-03-28T18:00:00+01:00"),
        (posts[1]["id"], "2030-03-29T09:00:00+01:00"),
        (posts[2]["id"], "2030-03-29T18:00:00+01:00"),
        (posts[3]["id"], "2030-04-01T09:00:00+02:00"),
        (posts[4]["id"], "2030-04-01T18:00:00+02:00"),
    ]


async def test_slots_are_stored_sorted_and_read_back(client: httpx.AsyncClient) -> None:
    account = await berlin_account(client)
    stored = await ok(
        client.put(
            f"/api/v1/credentials/{account}/slots/",
            json={
                "time_zone": "America/New_York",
                "slots": [{"weekday": "fri", "time": "18:00"}, {"weekday": "mon", "time": "07:30"}],
            },
        )
    )
    assert stored == {
        "credential": account,
        "time_zone": "America/New_York",
        "slots": [{"weekday": "mon", "time": "07:30"}, {"weekday": "fri", "time": "18:00"}],
        "updated_at": "2030-03-28T11:00:00+00:00",
    }
    assert await ok(client.get(f"/api/v1/credentials/{account}/slots/")) == stored


async def test_wrong_slots_are_a_400_by_field_and_an_unknown_account_a_404(
    client: httpx.AsyncClient,
) -> None:
    account = await berlin_account(client)
    refused = await client.put(
        f"/api/v1/credentials/{account}/slots/",
        json={"time_zone": "Europe/Atlantis", "slots": [{"weekday": "mon", "time": "25:00"}]},
    )
    assert refused.status_code == 400
    assert set(refused.json()) == {"time_zone", "slots"}
    missing = await client.get("/api/v1/credentials/999/slots/")
    assert missing.status_code == 404


async def test_a_queued_post_with_a_time_or_on_an_account_without_slots_is_a_400(
    client: httpx.AsyncClient,
) -> None:
    both = await client.post(
        "/api/v1/posts/",
        json=photo(token="EAAG-token", queue=True, date_pub="2030-04-01T09:00:00+02:00"),
    )
    assert both.status_code == 400
    assert both.json() == {
        "queue": ["Give either date_pub or queue: true, not both: the queue chooses the time."]
    }
    no_slots = await client.post("/api/v1/posts/", json=photo(token="EAAG-token", queue=True))
    assert no_slots.status_code == 400
    assert "no posting slots" in no_slots.json()["queue"][0]
    assert await ok(client.get("/api/v1/posts/")) == []


async def test_a_post_is_not_queued_by_a_change(client: httpx.AsyncClient) -> None:
    await berlin_account(client)
    post = await ok(client.post("/api/v1/posts/", json=photo(queue=True)), 201)
    changed = await client.patch(f"/api/v1/posts/{post['id']}/", json={"queue": True})
    assert changed.status_code == 400
    assert list(changed.json()) == ["queue"]


async def test_reordering_and_shuffling_the_queue(client: httpx.AsyncClient) -> None:
    account = await berlin_account(client)
    posts = [await ok(client.post("/api/v1/posts/", json=photo(queue=True)), 201) for _ in range(3)]
    ids = [p["id"] for p in posts]
    times = [p["date_pub"] for p in posts]
    order = [ids[2], ids[0], ids[1]]
    reordered = await ok(
        client.post(f"/api/v1/credentials/{account}/queue/reorder/", json={"posts": order})
    )
    assert [(q["post"], q["date_pub"]) for q in reordered["posts"]] == list(
        zip(order, times, strict=True)
    )
    moved = await ok(client.get(f"/api/v1/posts/{ids[2]}/"))
    assert moved["date_pub"] == times[0]

    wrong = await client.post(
        f"/api/v1/credentials/{account}/queue/reorder/", json={"posts": [ids[0]]}
    )
    assert wrong.status_code == 400 and list(wrong.json()) == ["posts"]

    shuffled = await ok(client.post(f"/api/v1/credentials/{account}/queue/shuffle/"))
    assert [q["post"] for q in shuffled["posts"]] != order
    assert sorted(q["post"] for q in shuffled["posts"]) == sorted(ids)
    assert [q["date_pub"] for q in shuffled["posts"]] == times
