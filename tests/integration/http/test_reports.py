"""``/api/v1/reports/`` and its CSV over the real container (SQLite, the in-process broker):
what was published in the period and how late, what failed and why, and what still waits,
per account and for all; the period and filters from the query."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from admin_world import admin_client, admin_container

from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

DUE = datetime(2030, 1, 10, 12, 0, tzinfo=UTC)
ENGLISH = {"Accept-Language": "en"}
PERIOD = {"start": "2030-01-01T00:00:00Z", "end": "2030-02-01T00:00:00Z"}


@pytest.fixture
async def container(tmp_path: Path) -> AsyncIterator[Container]:
    async with admin_container(tmp_path) as built:
        yield built


@pytest.fixture
async def client(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with admin_client(container) as signed_in:
        yield signed_in


async def connect(client: httpx.AsyncClient, account_id: str) -> int:
    body = {"platform": "instagram", "account_id": account_id, "access_token": "EAAG-secret"}
    answer = await client.post("/api/v1/credentials/", json=body)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


async def schedule(client: httpx.AsyncClient, credential: int, due: datetime) -> int:
    body = {
        "credential": credential,
        "url": "https://cdn.example.com/a.jpg",
        "caption": f"Due {due.isoformat()} on {credential}",
        "date_pub": due.isoformat(),
    }
    answer = await client.post("/api/v1/posts/", json=body)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["publications"][0]["id"])


async def ended(
    container: Container, publication_id: int, *, late: timedelta | None, error: str = ""
) -> None:
    """As the worker leaves it: published ``late`` after its time, or failed with ``error``."""
    async with container.infrastructure.uow() as uow:
        found = await uow.publications.for_work(publication_id)
        assert found is not None
        publication, _ = found
        assert publication.publish_at is not None
        if late is None:
            publication.fail(error, now=publication.publish_at)
        else:
            moment = publication.publish_at + late
            publication.claim(moment, timedelta(minutes=1))
            publication.mark_published("1790", "https://instagram.com/p/x", moment)
        await uow.publications.save(publication)
        await uow.commit()


@pytest.fixture
async def accounts(client: httpx.AsyncClient, container: Container) -> tuple[int, int]:
    first = await connect(client, "17841400000000001")
    second = await connect(client, "17841400000000002")
    for minutes, late in ((0, 2), (10, 30), (20, 300)):
        one = await schedule(client, first, DUE + timedelta(minutes=minutes))
        await ended(container, one, late=timedelta(seconds=late))
    refused = await schedule(client, second, DUE)
    await ended(container, refused, late=None, error="The media URL could not be fetched.")
    await schedule(client, second, DUE + timedelta(hours=1))  # still to come
    await schedule(client, first, datetime(2030, 3, 1, tzinfo=UTC))  # after the period
    return first, second


async def report(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    answer = await client.get("/api/v1/reports/", params={**PERIOD, **params})
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


async def test_each_account_says_what_was_published_how_late_and_what_failed(
    client: httpx.AsyncClient, accounts: tuple[int, int]
) -> None:
    first, second = accounts
    body = await report(client)
    one, two = body["accounts"]
    assert (one["credential"], one["published"], one["on_time"]) == (first, 3, 2)
    assert (one["lateness_p50"], one["lateness_p99"]) == (30.0, 300.0)
    assert one["on_time_rate"] == pytest.approx(2 / 3)
    assert (two["credential"], two["published"], two["failed"], two["waiting"]) == (
        second,
        0,
        1,
        1,
    )
    assert two["failures"] == [{"kind": "media", "count": 1}]
    assert two["insights"] == {}, "none collected yet"
    total = body["total"]
    assert (total["credential"], total["published"], total["failed"], total["waiting"]) == (
        None,
        3,
        1,
        1,
    )


async def test_the_report_is_only_of_the_accounts_asked_for(
    client: httpx.AsyncClient, accounts: tuple[int, int]
) -> None:
    _, second = accounts
    body = await report(client, credential=second)
    assert [a["credential"] for a in body["accounts"]] == [second]
    assert body["total"]["published"] == 0


async def test_the_csv_has_a_row_per_account_and_one_for_all(
    client: httpx.AsyncClient, accounts: tuple[int, int]
) -> None:
    answer = await client.get("/api/v1/reports/csv/", params=PERIOD)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["credential"] for r in rows] == [str(accounts[0]), str(accounts[1]), "all"]
    assert (rows[0]["published"], rows[0]["lateness_p99_seconds"]) == ("3", "300.0")
    assert (rows[1]["failed"], rows[1]["failed_media"]) == ("1", "1")
    assert {"reach", "impressions"} <= set(rows[0]), "the insights' columns"


async def test_a_period_that_ends_before_it_starts_is_refused_by_field(
    client: httpx.AsyncClient,
) -> None:
    answer = await client.get(
        "/api/v1/reports/", params={"start": "2030-02-01", "end": "2030-01-01"}
    )
    assert answer.status_code == 400
    assert list(answer.json()) == ["end"]
    answer = await client.get("/api/v1/reports/", params={"start": "yesterday"})
    assert (answer.status_code, list(answer.json())) == (400, ["start"])


async def test_the_page_shows_each_account_as_a_bar_and_in_numbers(
    client: httpx.AsyncClient, accounts: tuple[int, int]
) -> None:
    page = await client.get(
        "/reports/", params={"start": "2030-01-01", "end": "2030-01-31"}, headers=ENGLISH
    )
    assert page.status_code == 200, page.text
    html = page.text
    assert html.count('<tr>\n      <th scope="row">') == 3, "two accounts, then all of them"
    assert "2 (67 %)" in html, "two of three on time"
    assert "5.0 min" in html, "the latest, in minutes"
    assert "Media: 1" in html
    assert 'aria-label="67 % on time, 33 % late, 0 % failed, 0 % waiting"' in html
    csv_link = "/api/v1/reports/csv/?start=2030-01-01T00%3A00%3A00%2B00%3A00"
    assert csv_link in html


async def test_the_page_refuses_a_period_that_ends_before_it_starts(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get(
        "/reports/", params={"start": "2030-02-01", "end": "2030-01-01"}, headers=ENGLISH
    )
    assert page.status_code == 400
    assert "must not come before its first" in page.text
