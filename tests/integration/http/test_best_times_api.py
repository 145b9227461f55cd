"""``/api/v1/credentials/{id}/best-times/`` over the real container (SQLite): the week's
pictures from the account's kept insights, and the suggested hour."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from admin_world import admin_client, admin_container

from autopost.domain.insights import AccountInsights
from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration


@pytest.fixture
async def container(tmp_path: Path) -> AsyncIterator[Container]:
    async with admin_container(tmp_path) as built:
        yield built


@pytest.fixture
async def client(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with admin_client(container) as signed_in:
        yield signed_in


async def test_the_busiest_hour_of_the_followers_is_suggested_in_the_zone_asked(
    client: httpx.AsyncClient, container: Container
) -> None:
    body = {"platform": "instagram", "account_id": "17841400000000001", "access_token": "EAAG-x"}
    credential = (await client.post("/api/v1/credentials/", json=body)).json()["id"]
    today = datetime.now(UTC).date()
    async with container.infrastructure.uow() as uow:
        for back in range(1, 8):
            hours = tuple(700 if hour == 17 else 50 for hour in range(24))
            day = today - timedelta(days=back)
            await uow.insights.save_account(
                AccountInsights(credential, day, datetime.now(UTC), 1000, hours)
            )
        await uow.commit()

    answer = await client.get(
        f"/api/v1/credentials/{credential}/best-times/", params={"time_zone": "Europe/Berlin"}
    )
    assert answer.status_code == 200, answer.text
    best = answer.json()
    assert best["time_zone"] == "Europe/Berlin" and best["days"] == 7
    assert len(best["online"]) == 7 and all(len(row) == 24 for row in best["online"])
    # 17:00 UTC is 18:00 in Berlin in winter, 19:00 in summer.
    suggested = datetime.fromisoformat(best["suggested"])
    assert suggested.astimezone(UTC).hour == 17


async def test_an_unknown_zone_is_refused_by_field(client: httpx.AsyncClient) -> None:
    body = {"platform": "instagram", "account_id": "17841400000000002", "access_token": "EAAG-y"}
    credential = (await client.post("/api/v1/credentials/", json=body)).json()["id"]
    answer = await client.get(
        f"/api/v1/credentials/{credential}/best-times/", params={"time_zone": "Nowhere/Else"}
    )
    assert (answer.status_code, list(answer.json())) == (400, ["time_zone"])
    assert (await client.get("/api/v1/credentials/999/best-times/")).status_code == 404


async def test_the_account_page_shows_the_week_and_names_the_suggested_hour(
    client: httpx.AsyncClient, container: Container
) -> None:
    body = {"platform": "instagram", "account_id": "17841400000000003", "access_token": "EAAG-z"}
    credential = (await client.post("/api/v1/credentials/", json=body)).json()["id"]
    page = await client.get(
        f"/connected-accounts/{credential}/best-times/", headers={"Accept-Language": "en"}
    )
    assert page.status_code == 200, page.text
    assert "Nothing to go by yet" in page.text
    async with container.infrastructure.uow() as uow:
        yesterday = datetime.now(UTC).date() - timedelta(days=1)
        hours = tuple(800 if hour == 6 else 10 for hour in range(24))
        await uow.insights.save_account(
            AccountInsights(credential, yesterday, datetime.now(UTC), 900, hours)
        )
        await uow.commit()
    page = await client.get(
        f"/connected-accounts/{credential}/best-times/", headers={"Accept-Language": "en"}
    )
    assert "Next best time:" in page.text and "06:00 (UTC)" in page.text
    assert page.text.count('<th scope="row">') == 7


async def test_a_post_is_given_the_best_time_or_told_why_not(client: httpx.AsyncClient) -> None:
    body = {"platform": "instagram", "account_id": "17841400000000004", "access_token": "EAAG-w"}
    credential = (await client.post("/api/v1/credentials/", json=body)).json()["id"]
    post = {"credential": credential, "url": "https://cdn.example.com/a.jpg", "best_time": True}
    refused = await client.post("/api/v1/posts/", json=post)
    assert (refused.status_code, list(refused.json())) == (400, ["best_time"])
    both = await client.post("/api/v1/posts/", json={**post, "date_pub": "2030-01-01T10:00Z"})
    assert (both.status_code, list(both.json())) == (400, ["best_time"])
