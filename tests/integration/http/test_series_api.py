"""Recurring posts over the API: ``repeat`` on a new post, then ``/api/v1/series/{id}/`` to read,
change and cancel them; one occurrence changed alone through its own post."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration

IG_TOKEN = "EAAG-series-token"
# Tomorrow at 09:00 UTC: the real clock's, as the app's is.
FIRST = (datetime.now(UTC) + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)


def post(repeat: dict[str, Any] | None, **fields: Any) -> dict[str, Any]:
    body = {
        "user_id": "17841400000000001",
        "token": IG_TOKEN,
        "url": "https://cdn.example.com/tip.jpg",
        "caption": "Weekly tip",
        "content_type": "Photo",
        "date_pub": FIRST.isoformat(),
        **fields,
    }
    if repeat is not None:
        body["repeat"] = repeat
    return body


async def schedule(client: httpx.AsyncClient, repeat: dict[str, Any], **fields: Any) -> Any:
    response = await client.post("/api/v1/posts/", json=post(repeat, **fields))
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_post_that_repeats_answers_its_first_occurrence_and_its_series(
    client: httpx.AsyncClient,
) -> None:
    first = await schedule(client, {"frequency": "daily", "count": 10, "time_zone": "UTC"})

    assert first["caption"] == "Weekly tip"
    assert datetime.fromisoformat(first["date_pub"]) == FIRST
    series = (await client.get(f"/api/v1/series/{first['series']}/")).json()
    assert series["repeat"] == {
        "frequency": "daily",
        "interval": 1,
        "weekdays": [],
        "rrule": None,
        "until": None,
        "count": 10,
        "time_zone": "UTC",
    }
    assert series["caption"] == "Weekly tip"
    occurrences = series["occurrences"]
    assert occurrences[0]["post"] == first["id"]
    assert [datetime.fromisoformat(o["date_pub"]) for o in occurrences] == [
        FIRST + timedelta(days=day) for day in range(10)
    ]
    # Each occurrence is a post of its own, read as any other.
    tenth = (await client.get(f"/api/v1/posts/{occurrences[-1]['post']}/")).json()
    assert tenth["status"] == "scheduled"
    assert "series" not in (await client.get(f"/api/v1/posts/{first['id']}/")).json()


async def test_a_post_that_does_not_repeat_is_answered_as_before(
    client: httpx.AsyncClient,
) -> None:
    answer = await client.post("/api/v1/posts/", json=post(None))
    assert answer.status_code == 201
    assert "series" not in answer.json()


async def test_an_rrule_repeats_as_rfc_5545_says_and_is_made_within_the_horizon(
    client: httpx.AsyncClient,
) -> None:
    first = await schedule(client, {"rrule": "FREQ=WEEKLY;INTERVAL=2", "time_zone": "UTC"})

    series = (await client.get(f"/api/v1/series/{first['series']}/")).json()
    assert series["repeat"]["rrule"] == "FREQ=WEEKLY;INTERVAL=2"
    # No end: only the four weeks ahead are made.
    assert [datetime.fromisoformat(o["date_pub"]) for o in series["occurrences"]] == [
        FIRST,
        FIRST + timedelta(weeks=2),
    ]


@pytest.mark.parametrize(
    ("repeat", "field", "words"),
    [
        ({"rrule": "FREQ=SOMETIMES"}, "repeat", "Not an RFC 5545 rule"),
        ({"frequency": "weekly", "time_zone": "Europe/Nowhere", "count": 3}, "repeat", "IANA"),
        ({"frequency": "weekly"}, "repeat", "Say when it ends"),
        ({"frequency": "weekly", "weekday": ["mon"], "count": 2}, "repeat", "Extra inputs"),
        ({"frequency": "hourly", "count": 2}, "repeat", ""),
    ],
)
async def test_a_rule_that_cannot_be_used_is_a_400_under_repeat(
    client: httpx.AsyncClient, repeat: dict[str, Any], field: str, words: str
) -> None:
    response = await client.post("/api/v1/posts/", json=post(repeat))
    assert response.status_code == 400, response.text
    assert words in " ".join(response.json()[field])
    assert (await client.get("/api/v1/posts/")).json() == []


async def test_a_post_that_repeats_needs_its_first_time(client: httpx.AsyncClient) -> None:
    body = post({"frequency": "daily", "count": 2})
    del body["date_pub"]

    response = await client.post("/api/v1/posts/", json=body)

    assert response.status_code == 400
    assert "date_pub" in response.json()


async def test_changing_the_series_changes_its_occurrences_but_not_one_changed_alone(
    client: httpx.AsyncClient,
) -> None:
    first = await schedule(client, {"frequency": "weekly", "count": 4})
    series_id = first["series"]
    occurrences = (await client.get(f"/api/v1/series/{series_id}/")).json()["occurrences"]
    alone = occurrences[1]["post"]
    changed_alone = await client.patch(f"/api/v1/posts/{alone}/", json={"caption": "Special"})
    assert changed_alone.status_code == 200, changed_alone.text

    response = await client.patch(f"/api/v1/series/{series_id}/", json={"caption": "New tip"})

    assert response.status_code == 200, response.text
    series = response.json()
    assert series["caption"] == "New tip"
    captions = []
    for occurrence in series["occurrences"]:
        captions.append(
            (await client.get(f"/api/v1/posts/{occurrence['post']}/")).json()["caption"]
        )
    assert captions == ["New tip", "Special", "New tip", "New tip"]
    assert [o["edited_alone"] for o in series["occurrences"]] == [False, True, False, False]


async def test_a_new_rule_for_the_series_cancels_the_times_it_no_longer_gives(
    client: httpx.AsyncClient,
) -> None:
    first = await schedule(client, {"frequency": "daily", "count": 6})

    response = await client.patch(
        f"/api/v1/series/{first['series']}/", json={"repeat": {"interval": 2, "count": 3}}
    )

    assert response.status_code == 200, response.text
    statuses = {
        datetime.fromisoformat(o["date_pub"]): o["status"] for o in response.json()["occurrences"]
    }
    assert statuses == {
        FIRST + timedelta(days=day): "cancelled" if day % 2 else "scheduled" for day in range(6)
    }


async def test_cancelling_a_series_cancels_its_occurrences_to_come(
    client: httpx.AsyncClient,
) -> None:
    first = await schedule(client, {"frequency": "daily", "count": 3})
    url = f"/api/v1/series/{first['series']}/"

    assert (await client.delete(url)).status_code == 204
    assert (await client.delete(url)).status_code == 204

    series = (await client.get(url)).json()
    assert series["status"] == "cancelled"
    assert {o["status"] for o in series["occurrences"]} == {"cancelled"}
    refused = await client.patch(url, json={"caption": "Too late"})
    assert refused.status_code == 409


async def test_an_unknown_series_is_a_404(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/v1/series/999/")).status_code == 404
    assert (await client.patch("/api/v1/series/999/", json={})).status_code == 404
    assert (await client.delete("/api/v1/series/999/")).status_code == 404


async def test_the_document_describes_repeat_and_the_series(client: httpx.AsyncClient) -> None:
    document = (await client.get("/api/schema/")).json()
    schemas = document["components"]["schemas"]
    assert "repeat" in schemas["PostIn"]["properties"]
    assert {"get", "patch", "delete"} <= set(document["paths"]["/api/v1/series/{series_id}/"])
    assert "series" in schemas["ScheduledPost"]["properties"]
