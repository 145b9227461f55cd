"""A create retried with the same Idempotency-Key after its answer was lost, against the real
``autopost serve``: the client sends the request and hangs up without reading the answer, then
sends it again: it gets the post the first request made, and there is exactly one."""

from __future__ import annotations

import json
import socket
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.e2e.conftest import IG_TOKEN, IG_USER, Api, StartServer

KEY = "b1946ac9-2f5c-4d3e-9a62-lost-answer"


def created_after_a_lost_answer(api: Api, fields: dict[str, Any]) -> dict[str, Any]:
    """The post ``fields`` makes, sent once with its answer lost, then again with its key."""
    body = json.dumps(
        {
            "url": "https://cdn.example.com/photo.jpg",
            "content_type": "Photo",
            "date_pub": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
            **fields,
        }
    ).encode()
    url = httpx.URL(str(api.http.base_url))
    with socket.create_connection((url.host, url.port), timeout=10) as conn:
        conn.sendall(
            b"POST /api/v1/posts/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + f"Authorization: {api.http.headers['Authorization']}\r\n".encode()
            + f"Idempotency-Key: {KEY}\r\n".encode()
            + b"Content-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        time.sleep(1.0)  # the server works on it; the client hangs up without reading
    headers = {"Idempotency-Key": KEY, "Content-Type": "application/json"}
    deadline = time.monotonic() + 30
    while True:
        retried = api.http.post("/api/v1/posts/", content=body, headers=headers)
        if retried.status_code != 409 or time.monotonic() > deadline:
            break
        time.sleep(0.2)  # the first request is still being handled: retry later
    assert retried.status_code == 201, retried.text
    assert retried.headers["Idempotent-Replayed"] == "true"
    return dict(retried.json())


def test_a_create_retried_after_a_lost_answer_makes_one_post(start_server: StartServer) -> None:
    api, _ = start_server()
    caption = "Sent twice, made once"
    retried = created_after_a_lost_answer(
        api, {"user_id": IG_USER, "token": IG_TOKEN, "caption": caption}
    )
    posts = api.http.get("/api/v1/posts/").json()
    made = [p for p in posts if p["caption"] == caption]
    assert [p["id"] for p in made] == [retried["id"]]


def test_a_post_to_two_accounts_retried_makes_one_publication_on_each(
    start_server: StartServer,
) -> None:
    api, _ = start_server()
    accounts = [
        api.http.post(
            "/api/v1/credentials/",
            json={"platform": "instagram", "account_id": account, "access_token": token},
        ).json()["id"]
        for account, token in ((IG_USER, IG_TOKEN), ("17841400000000002", "sandbox-token-two"))
    ]
    caption = "Two accounts, sent twice, made once"
    retried = created_after_a_lost_answer(api, {"credentials": accounts, "caption": caption})
    posts = api.http.get("/api/v1/posts/").json()
    (made,) = [p for p in posts if p["caption"] == caption]
    assert made["id"] == retried["id"]
    assert [p["credential"] for p in made["publications"]] == accounts
