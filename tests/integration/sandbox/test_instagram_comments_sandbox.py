from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sandbox_kit import AUTH, USER, FakeClock, graph_contracts
from sandbox_kit import traced_error_of as error_of

from autopost.sandbox import InstagramSettings, SandboxSettings
from autopost.sandbox.instagram_contract import (
    COMMENT_DELETE_PARAMS,
    COMMENT_HIDE_PARAMS,
    COMMENT_REPLY_PARAMS,
    IG_COMMENT_FIELDS,
    MEDIA_COMMENT_PARAMS,
)
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID, DEMO_USERNAME

pytestmark = pytest.mark.integration

IMAGE = "https://cdn.example.com/photo.jpg"
COMMENT_FIELDS = "id,text,username,timestamp,like_count,hidden"


@pytest.fixture
def sandbox_settings() -> SandboxSettings:
    return SandboxSettings(InstagramSettings(video_processing_seconds=0))


@pytest.fixture
async def media_id(sandbox: httpx.AsyncClient) -> str:
    """A photo the demo account published."""
    container = await sandbox.post(f"{USER}/media", data={"image_url": IMAGE}, headers=AUTH)
    published = await sandbox.post(
        f"{USER}/media_publish", data={"creation_id": container.json()["id"]}, headers=AUTH
    )
    assert published.status_code == 200, published.text
    return str(published.json()["id"])


async def comment(sandbox: httpx.AsyncClient, media_id: str, message: str) -> str:
    response = await sandbox.post(
        f"/v24.0/{media_id}/comments", data={"message": message}, headers=AUTH
    )
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


async def reply(sandbox: httpx.AsyncClient, comment_id: str, message: str) -> httpx.Response:
    return await sandbox.post(
        f"/v24.0/{comment_id}/replies", data={"message": message}, headers=AUTH
    )


async def someone_comments(
    sandbox: httpx.AsyncClient, media_id: str, text: str, **extra: str
) -> str:
    body = {"text": text, "username": "a_follower", **extra}
    response = await sandbox.post(f"/_sandbox/instagram/media/{media_id}/comments", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def comments_count(sandbox: httpx.AsyncClient, media_id: str) -> int:
    media = await sandbox.get(f"/v24.0/{media_id}?fields=comments_count", headers=AUTH)
    return int(media.json()["comments_count"])


# --- contract -------------------------------------------------------------------------------


def test_the_comment_params_and_fields_the_sandbox_allows_are_the_contracts() -> None:
    folder = graph_contracts("IGComment")

    def spec(node: str) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads((folder / f"{node}.json").read_text())
        return loaded

    def params(node: str, method: str, edge: str | None) -> dict[str, str]:
        apis = {(a["method"], a.get("endpoint")): a for a in spec(node)["apis"]}
        return {p["name"]: p["type"] for p in apis[(method, edge)]["params"]}

    assert params("IGMedia", "POST", "comments") == MEDIA_COMMENT_PARAMS
    assert params("IGMedia", "GET", "comments") == {}
    assert params("IGComment", "POST", "replies") == COMMENT_REPLY_PARAMS
    assert params("IGComment", "GET", "replies") == {}
    assert params("IGComment", "POST", None) == COMMENT_HIDE_PARAMS
    assert params("IGComment", "DELETE", None) == COMMENT_DELETE_PARAMS
    assert frozenset(f["name"] for f in spec("IGComment")["fields"]) == IG_COMMENT_FIELDS


# --- commenting and reading -----------------------------------------------------------------


async def test_a_comment_is_created_by_the_account_and_counted(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    comment_id = await comment(sandbox, media_id, "Thanks for coming!")

    fields = f"{COMMENT_FIELDS},parent_id,from,user,media"
    read = await sandbox.get(f"/v24.0/{comment_id}?fields={fields}", headers=AUTH)

    assert read.status_code == 200, read.text
    assert read.json() == {
        "id": comment_id,
        "text": "Thanks for coming!",
        "username": DEMO_USERNAME,
        "timestamp": "2026-11-25T15:00:00+0000",
        "like_count": 0,
        "hidden": False,
        "from": {"id": DEMO_IG_USER_ID, "username": DEMO_USERNAME},
        "user": {"id": DEMO_IG_USER_ID},
        "media": {"id": media_id, "media_product_type": "FEED"},
    }
    assert await comments_count(sandbox, media_id) == 1


async def test_comments_are_listed_newest_first_in_pages(
    sandbox: httpx.AsyncClient, media_id: str, clock: FakeClock
) -> None:
    ids = []
    for number in range(5):
        clock.advance(minutes=1)
        ids.append(await someone_comments(sandbox, media_id, f"comment {number}"))

    first = await sandbox.get(f"/v24.0/{media_id}/comments?limit=2", headers=AUTH)
    second = await sandbox.get(first.json()["paging"]["next"], headers=AUTH)
    last = await sandbox.get(second.json()["paging"]["next"], headers=AUTH)

    pages = [[c["text"] for c in page.json()["data"]] for page in (first, second, last)]
    assert pages == [["comment 4", "comment 3"], ["comment 2", "comment 1"], ["comment 0"]]
    assert set(first.json()["data"][0]) == {"id", "text", "timestamp"}
    assert "next" not in last.json()["paging"]
    assert "access_token" not in first.json()["paging"]["next"]
    earlier = await sandbox.get(last.json()["paging"]["previous"], headers=AUTH)
    assert [c["id"] for c in earlier.json()["data"]] == [ids[2], ids[1]]


async def test_someone_elses_comment_has_their_username_and_no_user(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    comment_id = await someone_comments(sandbox, media_id, "Love it")

    read = await sandbox.get(f"/v24.0/{comment_id}?fields=username,from,user", headers=AUTH)

    assert read.json()["username"] == "a_follower"
    assert read.json()["from"]["username"] == "a_follower"
    assert read.json()["from"]["id"].isdigit()
    assert "user" not in read.json()
    assert await comments_count(sandbox, media_id) == 1


# --- replies --------------------------------------------------------------------------------


async def test_replies_are_listed_oldest_first_and_expanded_in_comment_fields(
    sandbox: httpx.AsyncClient, media_id: str, clock: FakeClock
) -> None:
    question = await someone_comments(sandbox, media_id, "Where is this?")
    lonely = await someone_comments(sandbox, media_id, "Nice")
    clock.advance(minutes=1)
    first = (await reply(sandbox, question, "In Lisbon")).json()["id"]
    clock.advance(minutes=1)
    second = (await reply(sandbox, question, "Near the river")).json()["id"]

    replies = await sandbox.get(f"/v24.0/{question}/replies?fields=id,text", headers=AUTH)
    fields = f"{COMMENT_FIELDS},replies{{{COMMENT_FIELDS}}}"
    listing = await sandbox.get(f"/v24.0/{media_id}/comments?fields={fields}", headers=AUTH)

    assert [r["text"] for r in replies.json()["data"]] == ["In Lisbon", "Near the river"]
    by_id = {c["id"]: c for c in listing.json()["data"]}
    assert list(by_id) == [lonely, question]
    expanded = by_id[question]["replies"]["data"]
    assert [(r["id"], r["username"], r["hidden"]) for r in expanded] == [
        (first, DEMO_USERNAME, False),
        (second, DEMO_USERNAME, False),
    ]
    assert set(expanded[0]) == set(COMMENT_FIELDS.split(","))
    assert "replies" not in by_id[lonely]
    assert await comments_count(sandbox, media_id) == 4


async def test_a_reply_to_a_reply_joins_the_top_level_thread(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    top = await someone_comments(sandbox, media_id, "Question")
    answer = (await reply(sandbox, top, "Answer")).json()["id"]

    again = await reply(sandbox, answer, "And more")

    assert again.status_code == 200, again.text
    read = await sandbox.get(f"/v24.0/{again.json()['id']}?fields=parent_id", headers=AUTH)
    assert read.json()["parent_id"] == top
    thread = await sandbox.get(f"/v24.0/{top}/replies", headers=AUTH)
    assert len(thread.json()["data"]) == 2


async def test_the_media_listing_expands_comments_and_their_replies(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    top = await someone_comments(sandbox, media_id, "First!")
    await reply(sandbox, top, "Welcome")

    fields = "id,comments_count,comments{id,text,replies{text}}"
    listed = await sandbox.get(f"{USER}/media?fields={fields}", headers=AUTH)

    media = listed.json()["data"][0]
    assert media["comments_count"] == 2
    comments = media["comments"]["data"]
    assert [(c["id"], c["text"]) for c in comments] == [(top, "First!")]
    assert comments[0]["replies"]["data"][0]["text"] == "Welcome"


async def test_an_expanded_edge_links_to_its_next_page(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    top = await someone_comments(sandbox, media_id, "Thread")
    for number in range(27):
        await someone_comments(sandbox, media_id, f"reply {number}", parent_id=top)

    listing = await sandbox.get(
        f"/v24.0/{media_id}/comments?fields=id,replies{{text}}", headers=AUTH
    )

    replies = listing.json()["data"][0]["replies"]
    assert len(replies["data"]) == 25
    rest = await sandbox.get(replies["paging"]["next"], headers=AUTH)
    assert [r["text"] for r in rest.json()["data"]] == ["reply 25", "reply 26"]


# --- hiding and deleting --------------------------------------------------------------------


async def test_a_comment_is_hidden_and_shown_again(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    comment_id = await someone_comments(sandbox, media_id, "spam spam spam")

    hidden = await sandbox.post(f"/v24.0/{comment_id}", data={"hide": "true"}, headers=AUTH)

    assert hidden.json() == {"success": True}
    read = await sandbox.get(f"/v24.0/{comment_id}?fields=hidden", headers=AUTH)
    assert read.json()["hidden"] is True
    refused = error_of(await reply(sandbox, comment_id, "Why?"))
    assert refused["code"] == 100
    shown = await sandbox.post(f"/v24.0/{comment_id}", data={"hide": "false"}, headers=AUTH)
    assert shown.json() == {"success": True}
    read = await sandbox.get(f"/v24.0/{comment_id}?fields=hidden", headers=AUTH)
    assert read.json()["hidden"] is False


async def test_comments_on_another_accounts_media_cannot_be_touched(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    comment_id = await someone_comments(sandbox, media_id, "Hello")
    other = await sandbox.post("/_sandbox/instagram/accounts", json={})
    theirs = {"Authorization": f"Bearer {other.json()['access_token']}"}

    hide = await sandbox.post(f"/v24.0/{comment_id}", data={"hide": "true"}, headers=theirs)
    delete = await sandbox.delete(f"/v24.0/{comment_id}", headers=theirs)
    listing = await sandbox.get(f"/v24.0/{media_id}/comments", headers=theirs)

    for refused in (hide, delete, listing):
        error = error_of(refused)
        assert (error["code"], error["error_subcode"]) == (100, 33)
    read = await sandbox.get(f"/v24.0/{comment_id}?fields=hidden", headers=AUTH)
    assert read.json()["hidden"] is False


async def test_deleting_a_comment_removes_its_replies_and_uncounts_them(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    keep = await someone_comments(sandbox, media_id, "Keep me")
    drop = await someone_comments(sandbox, media_id, "Drop me")
    answer = (await reply(sandbox, drop, "Dropped too")).json()["id"]
    assert await comments_count(sandbox, media_id) == 3

    deleted = await sandbox.delete(f"/v24.0/{drop}", headers=AUTH)

    assert deleted.json() == {"success": True}
    assert await comments_count(sandbox, media_id) == 1
    listing = await sandbox.get(f"/v24.0/{media_id}/comments", headers=AUTH)
    assert [c["id"] for c in listing.json()["data"]] == [keep]
    for gone in (drop, answer):
        error = error_of(await sandbox.get(f"/v24.0/{gone}", headers=AUTH))
        assert error["code"] == 100
        assert "does not exist" in error["message"]


async def test_deleting_a_reply_leaves_its_thread(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    top = await someone_comments(sandbox, media_id, "Question")
    first = (await reply(sandbox, top, "One")).json()["id"]
    second = (await reply(sandbox, top, "Two")).json()["id"]

    await sandbox.delete(f"/v24.0/{first}", headers=AUTH)

    thread = await sandbox.get(f"/v24.0/{top}/replies", headers=AUTH)
    assert [r["id"] for r in thread.json()["data"]] == [second]
    assert await comments_count(sandbox, media_id) == 2


# --- parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "edge", "params"),
    [
        ("GET", "/comments", {"order": "chronological"}),
        ("POST", "/comments", {"message": "hi", "text": "hi"}),
        ("GET", "", {"fields": "id", "summary": "true"}),
        ("POST", "", {"hide": "true", "reason": "spam"}),
        ("DELETE", "", {"force": "true"}),
        ("GET", "/replies", {"filter": "toplevel"}),
        ("POST", "/replies", {"message": "hi", "hide": "true"}),
    ],
)
async def test_a_param_the_contract_does_not_list_is_refused(
    sandbox: httpx.AsyncClient,
    media_id: str,
    method: str,
    edge: str,
    params: dict[str, str],
) -> None:
    comment_id = await someone_comments(sandbox, media_id, "Hi")
    node = media_id if edge == "/comments" else comment_id

    if method == "GET":
        response = await sandbox.get(f"/v24.0/{node}{edge}", params=params, headers=AUTH)
    else:
        response = await sandbox.request(method, f"/v24.0/{node}{edge}", data=params, headers=AUTH)

    error = error_of(response)
    assert (response.status_code, error["code"]) == (400, 100)
    assert "is not a valid parameter" in error["message"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({}, "parameter message is required"),
        ({"message": "   "}, "empty"),
        ({"message": "x" * 2201}, "2201 characters, at most 2200"),
    ],
)
async def test_a_comment_without_text_or_too_long_is_refused(
    sandbox: httpx.AsyncClient, media_id: str, params: dict[str, str], words: str
) -> None:
    response = await sandbox.post(f"/v24.0/{media_id}/comments", data=params, headers=AUTH)

    error = error_of(response)
    assert (response.status_code, error["code"]) == (400, 100)
    assert words in error["message"]
    assert await comments_count(sandbox, media_id) == 0


async def test_rules_the_client_checks_are_not_enforced_here(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    shouting = await comment(sandbox, media_id, "THANK YOU ALL")
    tags = await comment(sandbox, media_id, " ".join(f"#tag{n}" for n in range(40)))
    longest = await comment(sandbox, media_id, "x" * 2200)

    assert len({shouting, tags, longest}) == 3
    assert await comments_count(sandbox, media_id) == 3


@pytest.mark.parametrize(
    ("params", "words"),
    [({}, "parameter hide is required"), ({"hide": "maybe"}, "must be a boolean")],
)
async def test_hiding_needs_a_boolean_hide(
    sandbox: httpx.AsyncClient, media_id: str, params: dict[str, str], words: str
) -> None:
    comment_id = await someone_comments(sandbox, media_id, "Hi")

    error = error_of(await sandbox.post(f"/v24.0/{comment_id}", data=params, headers=AUTH))

    assert error["code"] == 100
    assert words in error["message"]


async def test_a_field_a_comment_does_not_have_is_refused(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    comment_id = await someone_comments(sandbox, media_id, "Hi")

    error = error_of(await sandbox.get(f"/v24.0/{comment_id}?fields=id,message", headers=AUTH))

    assert "nonexisting field (message) on node type (IGComment)" in error["message"]


async def test_a_cursor_from_another_edge_is_refused(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    await someone_comments(sandbox, media_id, "Hi")
    media_page = await sandbox.get(f"{USER}/media", headers=AUTH)
    cursor = media_page.json()["paging"]["cursors"]["after"]

    response = await sandbox.get(f"/v24.0/{media_id}/comments?after={cursor}", headers=AUTH)

    assert error_of(response)["message"] == "(#100) The cursor is invalid"


# --- control, log and faults ----------------------------------------------------------------


async def test_the_control_api_shows_a_media_thread(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    top = await someone_comments(sandbox, media_id, "Question")
    answer = (await reply(sandbox, top, "Answer")).json()["id"]
    await sandbox.post(f"/v24.0/{top}", data={"hide": "true"}, headers=AUTH)

    thread = await sandbox.get("/_sandbox/instagram/comments", params={"media_id": media_id})

    assert [
        (c["id"], c["parent_id"], c["username"], c["hidden"]) for c in thread.json()["data"]
    ] == [
        (top, None, "a_follower", True),
        (answer, top, DEMO_USERNAME, False),
    ]


async def test_the_control_api_refuses_a_comment_it_cannot_place(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    unknown_media = await sandbox.post(
        "/_sandbox/instagram/media/1/comments", json={"text": "x", "username": "u"}
    )
    no_username = await sandbox.post(
        f"/_sandbox/instagram/media/{media_id}/comments", json={"text": "x"}
    )
    unknown_parent = await sandbox.post(
        f"/_sandbox/instagram/media/{media_id}/comments",
        json={"text": "x", "username": "u", "parent_id": "42"},
    )

    assert unknown_media.status_code == 404
    assert no_username.status_code == 400
    assert unknown_parent.status_code == 404


async def test_comment_calls_are_logged_without_their_token(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    comment_id = await comment(sandbox, media_id, "Logged")
    await sandbox.post(
        f"/v24.0/{comment_id}", data={"hide": "true", "access_token": DEMO_ACCESS_TOKEN}
    )
    await sandbox.delete(f"/v24.0/{comment_id}?access_token={DEMO_ACCESS_TOKEN}")

    log = (await sandbox.get("/_sandbox/requests")).json()["data"]

    assert [(e["method"], e["path"], e["params"]) for e in log[-3:]] == [
        ("POST", f"/v24.0/{media_id}/comments", {"message": "Logged"}),
        ("POST", f"/v24.0/{comment_id}", {"hide": "true"}),
        ("DELETE", f"/v24.0/{comment_id}", {}),
    ]
    assert DEMO_ACCESS_TOKEN not in json.dumps(log)


async def test_a_fault_on_the_comments_edge_fails_without_commenting(
    sandbox: httpx.AsyncClient, media_id: str
) -> None:
    fault = {"method": "POST", "path_suffix": "comments", "action": "error", "code": 4}
    await sandbox.post("/_sandbox/faults", json=fault)

    failed = await sandbox.post(f"/v24.0/{media_id}/comments", data={"message": "hi"}, headers=AUTH)

    assert error_of(failed)["code"] == 4
    assert await comments_count(sandbox, media_id) == 0
    assert (await comment(sandbox, media_id, "hi")).isdigit()
