"""Scheduling posts through the public API, many requests in flight, and watching the
sandbox for their publication."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

PHOTO_URL = "https://cdn.example.com/benchmark.jpg"


@dataclass(frozen=True)
class Scheduled:
    caption: str
    due: datetime
    post_id: int


@dataclass(frozen=True)
class SchedulingRun:
    posts: list[Scheduled]
    started: datetime
    finished: datetime
    request_seconds: list[float]


async def sandbox_account(sandbox: httpx.AsyncClient, username: str) -> dict[str, Any]:
    """A new Instagram account in the sandbox: its ``ig_user_id`` and ``access_token``."""
    made = await sandbox.post("/_sandbox/instagram/accounts", json={"username": username})
    made.raise_for_status()
    account: dict[str, Any] = made.json()
    return account


async def connect_accounts(
    sandbox: httpx.AsyncClient, api: httpx.AsyncClient, count: int
) -> list[str]:
    """New sandbox accounts, each connected once in Autopost; posts then name only the account."""
    account_ids = []
    for number in range(count):
        account = await sandbox_account(sandbox, f"bench_{number}")
        connected = await api.post(
            "/api/v1/credentials/",
            json={"account_id": account["ig_user_id"], "access_token": account["access_token"]},
        )
        if connected.status_code != 201:
            raise RuntimeError(f"connecting an account failed: {connected.text}")
        account_ids.append(account["ig_user_id"])
    return account_ids


async def log_in(api: httpx.AsyncClient, username: str, password: str) -> None:
    answer = await api.post(
        "/api/v1/api-token-auth/", json={"username": username, "password": password}
    )
    answer.raise_for_status()
    api.headers["Authorization"] = f"Token {answer.json()['token']}"


async def schedule_posts(
    api: httpx.AsyncClient,
    accounts: list[str],
    plan: list[tuple[str, datetime]],
    in_flight: int,
) -> SchedulingRun:
    """Schedules each (caption, due) of the plan, ``in_flight`` requests at a time."""
    limit = asyncio.Semaphore(in_flight)
    request_seconds: list[float] = []

    async def one(index: int, caption: str, due: datetime) -> Scheduled:
        body = {
            "user_id": accounts[index % len(accounts)],
            "content_type": "Photo",
            "url": PHOTO_URL,
            "caption": caption,
            "date_pub": due.isoformat(),
        }
        async with limit:
            sent = time.perf_counter()
            answer = await api.post("/api/v1/posts/", json=body)
            request_seconds.append(time.perf_counter() - sent)
        if answer.status_code != 201:
            raise RuntimeError(f"scheduling {caption!r} failed: {answer.status_code} {answer.text}")
        stored = answer.json()
        if datetime.fromisoformat(stored["date_pub"]) != due:
            raise RuntimeError(f"{caption!r}: asked for {due}, stored {stored['date_pub']}")
        return Scheduled(caption, due, int(stored["id"]))

    started = datetime.now(UTC)
    posts = await asyncio.gather(*(one(i, c, d) for i, (c, d) in enumerate(plan)))
    return SchedulingRun(list(posts), started, datetime.now(UTC), request_seconds)


async def wait_for_publication(
    sandbox: httpx.AsyncClient, captions: set[str], deadline: datetime, poll_seconds: float
) -> list[dict[str, Any]]:
    """The sandbox's publish events of these captions, once all are there or at the deadline."""
    while True:
        events = await published_events(sandbox, captions)
        if {e["caption"] for e in events} >= captions or datetime.now(UTC) > deadline:
            return events
        await asyncio.sleep(poll_seconds)


async def published_events(sandbox: httpx.AsyncClient, captions: set[str]) -> list[dict[str, Any]]:
    answer = await sandbox.get("/_sandbox/instagram/published")
    answer.raise_for_status()
    return [e for e in answer.json()["data"] if e["caption"] in captions]


async def containers_made(sandbox: httpx.AsyncClient, captions: set[str]) -> int:
    """How many of these captions have a media container the sandbox has made so far: the posts
    made ready, or being published, at this moment."""
    answer = await sandbox.get("/_sandbox/requests")
    answer.raise_for_status()
    made = {
        entry["params"].get("caption")
        for entry in answer.json()["data"]
        if entry["method"] == "POST" and entry["path"].endswith("/media") and entry["status"] == 200
    }
    return len(made & captions)


async def post_statuses(api: httpx.AsyncClient, ids: set[int]) -> list[dict[str, Any]]:
    """The stored posts with these ids, read back through the API."""
    found: list[dict[str, Any]] = []
    offset = 0
    while True:
        page = await api.get("/api/v1/posts/", params={"limit": 1000, "offset": offset})
        page.raise_for_status()
        items = page.json()
        found.extend(p for p in items if p["id"] in ids)
        if len(items) < 1000:
            return found
        offset += 1000


def evenly_spread(
    first: datetime, window: timedelta, count: int, prefix: str
) -> list[tuple[str, datetime]]:
    """``count`` unique captions due from ``first`` over ``window``, evenly apart."""
    step = window / count if count > 1 else timedelta(0)
    return [(f"{prefix} {n}", first + step * n) for n in range(count)]
