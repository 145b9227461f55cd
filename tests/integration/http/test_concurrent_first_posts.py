"""Clients that post for an account nobody connected yet, all at once, as seed 003's clients
do (``user_id`` and ``token`` in every request): each gets its post, and the account is
stored once. On PostgreSQL the requests really overlap; on SQLite they take turns."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration

CLIENTS = 8
# Before connecting became an upsert, about 320 of these 400 requests failed on PostgreSQL
# (the unique constraint on the account, then a 500) in each of four runs; it takes 3 s.
ROUNDS = 50


def first_post(account_id: str, client_number: int) -> dict[str, Any]:
    return {
        "user_id": account_id,
        "token": f"token-of-client-{client_number}",
        "url": "https://cdn.example.com/a.jpg",
        "caption": f"From client {client_number}",
        "content_type": "Photo",
        "date_pub": "2030-01-01T12:00:00Z",
    }


async def test_concurrent_first_posts_for_a_new_account_all_succeed(
    seeded_client: httpx.AsyncClient,
) -> None:
    statuses: Counter[int | str] = Counter()
    for round_number in range(ROUNDS):
        account_id = f"178414{round_number:011d}"
        answers = await asyncio.gather(
            *(
                seeded_client.post("/api/v1/posts/", json=first_post(account_id, n))
                for n in range(CLIENTS)
            ),
            return_exceptions=True,
        )
        for answer in answers:
            statuses[
                answer.status_code if isinstance(answer, httpx.Response) else type(answer).__name__
            ] += 1
        credentials = {a.json()["credential"] for a in answers if isinstance(a, httpx.Response)}
        assert len(credentials) <= 1, f"round {round_number}: one account, not {credentials}"
    assert statuses == {201: ROUNDS * CLIENTS}
    accounts = (await seeded_client.get("/api/v1/credentials/")).json()
    new_ones = [a for a in accounts if a["account_id"].startswith("178414")]
    assert len(new_ones) == ROUNDS
