"""The HTTP API over the real container: SQLite, the in-process broker, no worker."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from admin_world import PASSWORD

from autopost.application.access import SYSTEM
from autopost.application.messages import Message
from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

IG_TOKEN = "EAAG-very-secret-instagram-token"
DUE = "2030-01-01T12:00:00+03:00"


def photo(**fields: Any) -> dict[str, Any]:
    return {
        "user_id": "17841400000000001",
        "token": IG_TOKEN,
        "url": "https://cdn.example.com/a.jpg",
        "caption": "Hello",
        "content_type": "Photo",
        "date_pub": DUE,
        **fields,
    }


async def test_every_api_call_needs_a_token(client: httpx.AsyncClient) -> None:
    for token in (None, "Token wrong", "Bearer x"):
        headers = {"Authorization": token} if token else {}
        client.headers.pop("Authorization", None)
        response = await client.get("/api/v1/posts/", headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Token"


async def test_a_wrong_password_gets_no_token(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/api-token-auth/", json={"username": "admin", "password": "nope"}
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [Message.TOKEN_REFUSED.value]}


async def test_the_email_also_signs_in(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/api-token-auth/", json={"username": "ADMIN@example.com", "password": PASSWORD}
    )
    assert response.status_code == 200 and len(response.json()["token"]) == 40


async def test_scheduling_answers_with_the_stored_post_and_never_the_token(
    client: httpx.AsyncClient, container: Container
) -> None:
    response = await client.post("/api/v1/posts/", json=photo(thump_offset=None))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "scheduled"
    assert body["date_pub"] == "2030-01-01T09:00:00+00:00"
    assert body["user_id"] == "17841400000000001" and body["credential"] == 1
    assert "token" not in body and IG_TOKEN not in response.text
    (credential,) = await container.integrations.list_credentials().execute(SYSTEM)
    assert IG_TOKEN not in credential.access_token, "stored encrypted"
    assert container.infrastructure.secret_box().open(credential.access_token) == IG_TOKEN


async def test_the_seeds_misspelt_thump_offset_is_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/posts/",
        json=photo(content_type="Reel", url="https://cdn.example.com/v.mp4", thump_offset=1500),
    )
    assert response.status_code == 201, response.text
    assert response.json()["thumb_offset"] == 1500


async def test_a_form_encoded_post_is_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/posts/", data=photo())
    assert response.status_code == 201, response.text


async def test_a_time_without_a_zone_is_refused_with_a_clear_message(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/api/v1/posts/", json=photo(date_pub="2030-01-01T12:00:00"))
    assert response.status_code == 400
    assert "time zone" in response.json()["date_pub"][0]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"caption": "x" * 2201}, "caption"),
        ({"url": "http://cdn.example.com/a.jpg"}, "url"),
        ({"date_pub": "soon"}, "date_pub"),
        ({"date_pub": "NOW"}, "date_pub"),
        ({"content_type": "Hologram"}, "content_type"),
        (
            {"content_type": "Carousel", "url": None, "children": [{"url": "https://x/a.jpg"}]},
            "children",
        ),
        ({"user_tags": "not json"}, "user_tags"),
        ({"user_id": None, "token": None}, "user_id"),
    ],
)
async def test_bad_input_is_a_400_naming_the_field(
    client: httpx.AsyncClient, fields: dict[str, Any], field: str
) -> None:
    response = await client.post("/api/v1/posts/", json=photo(**fields))
    assert response.status_code == 400, response.text
    assert field in response.json()
    assert (await client.get("/api/v1/posts/")).json() == [], "nothing was stored"


async def test_a_body_that_is_not_json_is_a_400(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/posts/", content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


async def test_reading_listing_and_a_missing_post(client: httpx.AsyncClient) -> None:
    created = (await client.post("/api/v1/posts/", json=photo())).json()
    assert (await client.get(f"/api/v1/posts/{created['id']}/")).json() == created
    assert [p["id"] for p in (await client.get("/api/v1/posts/")).json()] == [created["id"]]
    missing = await client.get("/api/v1/posts/999/")
    assert (missing.status_code, missing.json()) == (404, {"error": "Not found."})


async def test_patch_reschedules_and_put_replaces(client: httpx.AsyncClient) -> None:
    created = (await client.post("/api/v1/posts/", json=photo(location_id="123"))).json()
    url = f"/api/v1/posts/{created['id']}/"
    patched = await client.patch(url, json={"date_pub": "2030-02-01T10:00:00Z"})
    assert patched.status_code == 200, patched.text
    assert patched.json()["date_pub"] == "2030-02-01T10:00:00+00:00"
    assert patched.json()["location_id"] == "123", "PATCH keeps what it does not name"
    put = await client.put(url, json={"url": "https://cdn.example.com/b.jpg", "date_pub": DUE})
    assert put.status_code == 200, put.text
    assert put.json()["location_id"] is None and put.json()["caption"] is None
    incomplete = await client.put(url, json={"url": "https://cdn.example.com/b.jpg"})
    assert incomplete.status_code == 400 and "date_pub" in incomplete.json()


async def test_cancel_then_changes_are_conflicts(client: httpx.AsyncClient) -> None:
    created = (await client.post("/api/v1/posts/", json=photo())).json()
    url = f"/api/v1/posts/{created['id']}/"
    assert (await client.delete(url)).status_code == 204
    assert (await client.get(url)).json()["status"] == "cancelled"
    assert (await client.delete(url)).status_code == 204, "cancelling twice is harmless"
    conflict = await client.patch(url, json={"caption": "late"})
    assert conflict.status_code == 409 and "cancelled" in conflict.json()["error"]
    retry = await client.post(f"{url}retry/")
    assert retry.status_code == 409


async def test_credentials_are_write_only(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/credentials/",
        json={"platform": "instagram", "account_id": "42", "access_token": IG_TOKEN},
    )
    assert response.status_code == 201, response.text
    listed = await client.get("/api/v1/credentials/")
    detail = await client.get(f"/api/v1/credentials/{response.json()['id']}/")
    for answer in (response, listed, detail):
        assert IG_TOKEN not in answer.text and "access_token" not in answer.text
    assert detail.json()["status"] == "active"
    removed = await client.delete(f"/api/v1/credentials/{response.json()['id']}/")
    assert removed.status_code == 204


async def test_an_account_with_scheduled_posts_cannot_be_removed(
    client: httpx.AsyncClient,
) -> None:
    created = (await client.post("/api/v1/posts/", json=photo())).json()
    response = await client.delete(f"/api/v1/credentials/{created['credential']}/")
    assert response.status_code == 409
    assert "cancel them" in response.json()["error"]


async def test_no_log_line_holds_a_secret(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    await client.post("/api/v1/posts/", json=photo())
    await client.post("/api/v1/posts/", json=photo(caption="x" * 3000))
    await client.post("/api/v1/api-token-auth/", json={"username": "admin", "password": PASSWORD})
    assert IG_TOKEN not in caplog.text and PASSWORD not in caplog.text
