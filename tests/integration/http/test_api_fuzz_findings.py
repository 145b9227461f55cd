"""What the schemathesis run (test_api_schema_fuzz) found, and what probing next to each
finding found, one test each so it stays fixed whatever the fuzzer generates next: bad input is
a 400 naming the field, a record that cannot exist is a 404, a platform's refusal is a 409,
never a 500. On SQLite and on PostgreSQL, whose INTEGER has 32 bits and whose text holds no
NUL character."""

from __future__ import annotations

import base64
import json

import httpx
import pytest
from starlette.applications import Starlette

pytestmark = pytest.mark.integration

UNSTORABLE = (2**31, 2**63)  # the first id PostgreSQL cannot store, and the first SQLite cannot
ROUTES_WITH_AN_ID = [
    ("GET", "/api/v1/posts/{}/"),
    ("PATCH", "/api/v1/posts/{}/"),
    ("PUT", "/api/v1/posts/{}/"),
    ("DELETE", "/api/v1/posts/{}/"),
    ("POST", "/api/v1/posts/{}/retry/"),
    ("GET", "/api/v1/credentials/{}/"),
    ("DELETE", "/api/v1/credentials/{}/"),
    ("GET", "/api/v1/credentials/{}/boards/"),
    ("GET", "/api/posts/{}/"),
    ("POST", "/api/posts/{}/comment/"),
    ("GET", "/api/posts/{}/comments/"),
    ("POST", "/api/comments/{}/reply/"),
    ("POST", "/api/comments/{}/hide/"),
    ("DELETE", "/api/comments/{}/"),
]
BODIES = {
    "PATCH": {"caption": "late"},
    "PUT": {"url": "https://cdn.example.com/a.jpg", "date_pub": "2030-01-01T12:00:00Z"},
    "POST": {"text": "Nice", "hide": True},
}
IG_USER = "17841400000000001"
PHOTO = {
    "user_id": IG_USER,
    "url": "https://cdn.example.com/a.jpg",
    "date_pub": "2030-01-01T12:00:00Z",
}


def cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


async def send(client: httpx.AsyncClient, method: str, url: str, body: object) -> httpx.Response:
    # Built by hand: httpx refuses to encode some of these bodies itself.
    content = None if body is None else json.dumps(body)
    return await client.request(
        method, url, content=content, headers={"Content-Type": "application/json"}
    )


@pytest.mark.parametrize("record_id", UNSTORABLE)
async def test_an_id_too_large_for_any_record_is_not_found(
    seeded_client: httpx.AsyncClient, record_id: int
) -> None:
    for method, path in ROUTES_WITH_AN_ID:
        response = await send(seeded_client, method, path.format(record_id), BODIES.get(method))
        assert (response.status_code, response.json()) == (404, {"error": "Not found."}), path


async def test_a_connect_callback_without_a_state_issued_here_is_a_400(
    seeded_client: httpx.AsyncClient,
) -> None:
    for platform in ("pinterest", "instagram"):
        for query, message in [
            ("?code=&error=", "no state"),
            ("?state=made-up&code=abc", "not issued here"),
        ]:
            response = await seeded_client.get(f"/auth/{platform}/callback/{query}")
            assert response.status_code == 400, (platform, query, response.text)
            assert message in response.json()["error"]


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/api/v1/posts/", {**PHOTO, "user_id": None, "credential": 2**31}, "credential"),
        ("POST", "/api/sync/", {"credential": 2**63}, "credential"),
        ("POST", "/api/sync/", {"credential": -(2**63) - 1}, "credential"),
        (
            "POST",
            "/api/v1/posts/",
            {**PHOTO, "content_type": "Reel", "thumb_offset": 2**31},
            "thumb_offset",
        ),
        (
            "POST",
            "/api/v1/posts/",
            {**PHOTO, "content_type": "Reel", "thumb_offset": -(2**63) - 1},
            "thumb_offset",
        ),
        (
            "PATCH",
            "/api/v1/posts/1/",
            {"content_type": "Reel", "thumb_offset": 2**63},
            "thumb_offset",
        ),
        ("POST", "/api/v1/posts/", {**PHOTO, "date_pub": "0001-01-01T00:00:00+01:00"}, "date_pub"),
        ("PATCH", "/api/v1/posts/1/", {"date_pub": "9999-12-31T23:59:59-01:00"}, "date_pub"),
        (
            "POST",
            "/api/v1/credentials/",
            {"account_id": "1", "access_token": "t", "expires_at": "2030-01-01T00:00:00"},
            "expires_at",
        ),
        (
            "POST",
            "/api/v1/credentials/",
            {"account_id": "1", "access_token": "t", "expires_at": "0001-01-01T00:00:00+01:00"},
            "expires_at",
        ),
        ("POST", "/api/v1/posts/", {**PHOTO, "caption": "a\x00b"}, "caption"),
        ("POST", "/api/v1/credentials/", {"account_id": "\x00", "access_token": "t"}, "account_id"),
        ("POST", "/api/v1/api-token-auth/", {"username": "\x00", "password": "p"}, "username"),
        ("POST", "/api/posts/1/comment/", {"text": "a\x00b"}, "text"),
        # Lone surrogates: valid JSON escapes, but no Unicode text that can be encoded.
        ("POST", "/api/v1/posts/", {**PHOTO, "caption": "a\ud800b"}, "caption"),
        ("PATCH", "/api/v1/posts/1/", {"caption": "\udfff"}, "caption"),
        ("POST", "/api/v1/posts/", {**PHOTO, "user_tags": [{"username": "\ud83d"}]}, "user_tags"),
        ("POST", "/api/v1/posts/", {**PHOTO, "c\ud800": 1}, "c\\ud800"),
        (
            "POST",
            "/api/v1/credentials/",
            {"account_id": "1", "access_token": "\ud800"},
            "access_token",
        ),
        ("POST", "/api/posts/1/comment/", {"text": "\ud800"}, "text"),
        ("POST", "/api/comments/1/reply/", {"text": "\ud800"}, "text"),
        ("POST", "/api/users/", {"username": "u\ud800", "password": "p"}, "username"),
        ("PUT", "/api/users/settings/", {"gemini_api_key": "\ud800"}, "gemini_api_key"),
        ("PUT", "/api/users/profile/", {"first_name": "\ud800"}, "first_name"),
        ("POST", "/api/users/change-password/", {"old_password": "\ud800"}, "old_password"),
        ("POST", "/accounts/api/test-gemini/", {"api_key": "\ud800"}, "api_key"),
        # Types are strict: a flag is no id, a number is no time.
        ("POST", "/api/v1/posts/", {**PHOTO, "user_id": None, "credential": True}, "credential"),
        ("POST", "/api/sync/", {"credential": False}, "credential"),
        ("POST", "/api/v1/posts/", {**PHOTO, "date_pub": 1767225600}, "date_pub"),
        ("POST", "/api/v1/posts/", {**PHOTO, "date_pub": "1767225600"}, "date_pub"),
        ("PATCH", "/api/v1/posts/1/", {"date_pub": 1767225600.5}, "date_pub"),
        (
            "POST",
            "/api/v1/credentials/",
            {"account_id": "1", "access_token": "t", "expires_at": 1767225600},
            "expires_at",
        ),
        ("POST", "/api/users/1/assign-groups/", {"group_ids": [True]}, "group_ids"),
    ],
)
async def test_a_value_that_cannot_be_stored_or_used_is_a_400_naming_the_field(
    seeded_client: httpx.AsyncClient, method: str, path: str, body: object, field: str
) -> None:
    response = await send(seeded_client, method, path, body)
    assert response.status_code == 400, response.text
    assert list(response.json()) == [field]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/api/v1/posts/?offset=9223372036854775808", "offset"),
        ("/api/posts/?credential=9223372036854775808", "credential"),
        ("/api/posts/?account=2147483648", "credential"),
        ("/api/posts/?credential=%C2%B2", "credential"),  # "²" is a digit to str.isdigit
        ("/api/posts/?since=0001-01-01T00:00:00%2B01:00", "since"),
        ("/api/posts/?until=9999-12-31T23:59:59-01:00", "until"),
        ("/api/posts/?media_type=%00", "media_type"),
        (f"/api/posts/?cursor={cursor('0001-01-01T00:00:00+01:00|1')}", "cursor"),
        (f"/api/posts/?cursor={cursor('2026-01-01T00:00:00+00:00|9223372036854775808')}", "cursor"),
    ],
)
async def test_a_query_value_out_of_range_is_a_400_naming_it(
    seeded_client: httpx.AsyncClient, query: str, field: str
) -> None:
    response = await seeded_client.get(query)
    assert response.status_code == 400, response.text
    assert list(response.json()) == [field]


async def test_a_limit_beyond_the_page_size_is_read_as_the_page_size(
    seeded_client: httpx.AsyncClient,
) -> None:
    response = await seeded_client.get("/api/posts/?limit=99999999999999999999999")
    assert response.status_code == 200, response.text
    assert len(response.json()["results"]) == 3


async def test_a_token_the_platform_refuses_is_a_409_saying_to_reconnect(
    seeded_client: httpx.AsyncClient,
) -> None:
    for account in [
        {"account_id": IG_USER, "access_token": "revoked"},
        {"platform": "pinterest", "account_id": "autopost_demo", "access_token": "revoked"},
    ]:
        assert (await seeded_client.post("/api/v1/credentials/", json=account)).status_code == 201
    for method, path, body in [
        ("POST", "/api/sync/", {"credential": 1}),
        ("GET", "/api/posts/1/comments/?refresh=1", None),
        ("POST", "/api/posts/1/comment/", {"text": "Nice"}),
        ("POST", "/api/comments/1/reply/", {"text": "Thanks"}),
        ("POST", "/api/comments/1/hide/", {"hide": True}),
        ("DELETE", "/api/comments/1/", None),
        ("GET", "/api/v1/credentials/2/boards/?refresh=1", None),
    ]:
        response = await send(seeded_client, method, path, body)
        assert response.status_code == 409, (path, response.text)
        assert "reconnect the" in response.json()["error"]


async def test_a_platform_that_fails_for_now_is_a_503_to_retry(
    seeded_client: httpx.AsyncClient, sandbox_app: Starlette
) -> None:
    """A sync answers what it kept instead (``test_flaky_sync_api``); other calls say 503."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sandbox_app), base_url="http://sandbox.test"
    ) as sandbox:
        fault = {"method": "GET", "path_suffix": "/comments", "action": "error", "times": 10}
        assert (await sandbox.post("/_sandbox/faults", json=fault)).status_code == 201
    response = await seeded_client.get("/api/posts/1/comments/?refresh=1")
    assert response.status_code == 503, response.text
    assert response.json()["error"]
