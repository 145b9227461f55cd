"""Drafts and approval through the HTTP API, on the real container (SQLite, then
PostgreSQL): a Contributor writes, a Publisher-like administrator reviews."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from admin_world import admin_client, admin_container
from sandboxed_world import PASSWORD, add_user, sandboxed_container, seed_world
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.domain.access import Role
from autopost.entrypoints.container import close_resources
from autopost.sandbox.settings import DEMO_IG_USER_ID

pytestmark = pytest.mark.integration

DUE = "2030-02-01T09:00:00Z"
INSTAGRAM = 1  # the seeded world's Instagram account


def photo(**fields: Any) -> dict[str, Any]:
    return {
        "user_id": DEMO_IG_USER_ID,
        "url": "https://cdn.example.com/mine.jpg",
        "caption": "mine",
        "date_pub": DUE,
        **fields,
    }


class Desk:
    """The API as the administrator (a reviewer) and as a Contributor."""

    def __init__(self, admin: httpx.AsyncClient, contributor: httpx.AsyncClient) -> None:
        self.admin = admin
        self.contributor = contributor


@pytest.fixture
async def desk(tmp_path: Path, database_url: str, sandbox_app: Starlette) -> AsyncIterator[Desk]:
    container = await sandboxed_container(tmp_path, database_url, sandbox_app)
    admin_token = await seed_world(container, sandbox_app)
    hasher = container.infrastructure.password_hasher()
    await add_user(container, "carol", Role.CONTRIBUTORS, hasher.hash(PASSWORD))
    carol = await container.people.issue_api_token().execute("carol", PASSWORD, "127.0.0.1")
    app = create_app(container)

    def client(token: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://autopost.test",
            headers={"Authorization": f"Token {token}"},
        )

    async with client(admin_token) as admin, client(carol) as contributor:
        yield Desk(admin, contributor)
    await close_resources(container)


async def require_approval(desk: Desk) -> None:
    answer = await desk.admin.patch(
        f"/api/v1/credentials/{INSTAGRAM}/", json={"requires_approval": True}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["requires_approval"] is True


async def test_a_draft_has_no_time_until_it_is_scheduled(desk: Desk) -> None:
    created = await desk.contributor.post("/api/v1/posts/", json=photo(date_pub=None, draft=True))
    assert created.status_code == 201, created.text
    draft = created.json()
    assert (draft["status"], draft["date_pub"], draft["next_attempt_at"]) == ("draft", None, None)
    assert draft["review_comment"] is None
    url = f"/api/v1/posts/{draft['id']}/"
    listed = {p["id"]: p for p in (await desk.admin.get("/api/v1/posts/")).json()}
    assert listed[draft["id"]]["status"] == "draft"

    scheduled = await desk.contributor.post(url + "schedule/", json={"date_pub": DUE})
    assert scheduled.status_code == 200, scheduled.text
    assert scheduled.json()["status"] == "scheduled"
    assert scheduled.json()["date_pub"] == "2030-02-01T09:00:00+00:00"
    again = await desk.contributor.post(url + "schedule/", json={})
    assert again.status_code == 409
    assert "not a draft" in again.json()["error"]


async def test_a_patch_that_clears_draft_schedules_it(desk: Desk) -> None:
    draft = (await desk.admin.post("/api/v1/posts/", json=photo(draft=True))).json()
    assert (draft["status"], draft["date_pub"]) == ("draft", "2030-02-01T09:00:00+00:00")
    patched = await desk.admin.patch(f"/api/v1/posts/{draft['id']}/", json={"draft": False})
    assert patched.status_code == 200, patched.text
    assert patched.json()["status"] == "scheduled"


async def test_a_contributors_post_waits_for_a_reviewer_who_approves_it(desk: Desk) -> None:
    await require_approval(desk)
    created = await desk.contributor.post("/api/v1/posts/", json=photo())
    assert created.status_code == 201, created.text
    post = created.json()
    assert post["status"] == "awaiting_approval" and post["next_attempt_at"] is None
    url = f"/api/v1/posts/{post['id']}/"

    refused = await desk.contributor.post(url + "approve/")
    assert refused.status_code == 403
    assert "Publisher or an Administrator" in refused.json()["error"]
    approved = await desk.admin.post(url + "approve/")
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "scheduled"
    assert approved.json()["next_attempt_at"] is not None
    twice = await desk.admin.post(url + "approve/")
    assert twice.status_code == 409
    assert "not awaiting approval" in twice.json()["error"]

    edited = await desk.contributor.patch(url, json={"caption": "changed after approval"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["status"] == "awaiting_approval"


async def test_a_returned_post_carries_the_comment_and_goes_back_once_edited(desk: Desk) -> None:
    await require_approval(desk)
    post = (await desk.contributor.post("/api/v1/posts/", json=photo())).json()
    url = f"/api/v1/posts/{post['id']}/"
    blank = await desk.admin.post(url + "return/", json={"comment": " "})
    assert blank.status_code == 400
    assert blank.json() == {"comment": ["Say what to change: a post is sent back with a comment."]}
    missing = await desk.admin.post(url + "return/", json={})
    assert missing.json() == {"comment": ["This field is required."]}

    returned = await desk.admin.post(url + "return/", json={"comment": "Square photo, please."})
    assert returned.status_code == 200, returned.text
    assert returned.json()["status"] == "returned"
    assert returned.json()["review_comment"] == "Square photo, please."
    assert (await desk.contributor.get(url)).json()["review_comment"] == "Square photo, please."

    edited = await desk.contributor.patch(url, json={"url": "https://cdn.example.com/sq.jpg"})
    assert edited.json()["status"] == "awaiting_approval"


async def test_a_reviewers_own_post_is_scheduled_directly(desk: Desk) -> None:
    await require_approval(desk)
    created = await desk.admin.post("/api/v1/posts/", json=photo())
    assert created.json()["status"] == "scheduled"


async def test_only_a_manager_of_accounts_sets_approval_on_one(desk: Desk) -> None:
    refused = await desk.contributor.patch(
        f"/api/v1/credentials/{INSTAGRAM}/", json={"requires_approval": True}
    )
    assert refused.status_code == 403
    assert (await desk.admin.get(f"/api/v1/credentials/{INSTAGRAM}/")).json()[
        "requires_approval"
    ] is False
    await require_approval(desk)
    assert (await desk.admin.get(f"/api/v1/credentials/{INSTAGRAM}/")).json()[
        "requires_approval"
    ] is True


async def test_each_transition_is_in_the_audit_log(desk: Desk) -> None:
    await require_approval(desk)
    draft = (await desk.contributor.post("/api/v1/posts/", json=photo(draft=True))).json()
    url = f"/api/v1/posts/{draft['id']}/"
    await desk.contributor.post(url + "schedule/", json={})
    await desk.admin.post(url + "return/", json={"comment": "Shorter."})
    await desk.contributor.patch(url, json={"caption": "short"})
    await desk.admin.post(url + "approve/")
    page = (await desk.admin.get("/api/audit/?limit=100")).json()
    about_it = [
        (e["actor_name"], e["action"], e["summary"])
        for e in reversed(page["results"])
        if e["resource"] == "post" and e["resource_id"] == str(draft["id"])
    ]
    assert about_it == [
        ("carol", "saved as a draft", "for 2030-02-01 09:00:00+00:00"),
        ("carol", "submitted for approval", "for 2030-02-01 09:00:00+00:00"),
        ("admin", "returned", "Shorter."),
        ("carol", "changed", "caption"),
        ("carol", "submitted for approval", ""),
        ("admin", "approved", "for 2030-02-01 09:00:00+00:00"),
    ]


async def test_with_approval_on_for_every_account_a_contributors_post_waits(
    tmp_path: Path,
) -> None:
    async with (
        admin_container(tmp_path, approval_required=True) as container,
        admin_client(container) as admin,
    ):
        connected = await admin.post(
            "/api/v1/credentials/",
            json={"platform": "instagram", "account_id": DEMO_IG_USER_ID, "access_token": "t"},
        )
        assert connected.status_code == 201, connected.text
        assert connected.json()["requires_approval"] is False
        hasher = container.infrastructure.password_hasher()
        await add_user(container, "carol", Role.CONTRIBUTORS, hasher.hash(PASSWORD))
        token = await container.people.issue_api_token().execute("carol", PASSWORD, "127.0.0.1")
        answer = await admin.post(
            "/api/v1/posts/", json=photo(), headers={"Authorization": f"Token {token}"}
        )
        assert answer.status_code == 201, answer.text
        assert answer.json()["status"] == "awaiting_approval"
