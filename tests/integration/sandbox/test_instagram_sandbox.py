from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from sandbox_kit import AUTH, USER, FakeClock, graph_contracts
from sandbox_kit import traced_error_of as error_of

from autopost.sandbox import InstagramSettings, SandboxSettings
from autopost.sandbox.instagram_contract import (
    CONTAINER_FIELDS,
    IG_MEDIA_FIELDS,
    IG_USER_FIELDS,
    MEDIA_CREATE_PARAMS,
    MEDIA_PUBLISH_PARAMS,
)
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID

pytestmark = pytest.mark.integration

IMAGE = "https://cdn.example.com/photo.jpg"
VIDEO = "https://cdn.example.com/clip.mp4"


@pytest.fixture
def sandbox_settings() -> SandboxSettings:
    return SandboxSettings(InstagramSettings(video_processing_seconds=30))


@pytest.fixture
def live_sandbox_settings() -> SandboxSettings:
    return SandboxSettings(InstagramSettings(video_processing_seconds=0))


async def create(client: httpx.AsyncClient, **params: str) -> httpx.Response:
    return await client.post(f"{USER}/media", data=params, headers=AUTH)


async def created_id(client: httpx.AsyncClient, **params: str) -> str:
    response = await create(client, **params)
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


async def publish(client: httpx.AsyncClient, creation_id: str) -> httpx.Response:
    return await client.post(
        f"{USER}/media_publish", data={"creation_id": creation_id}, headers=AUTH
    )


async def status_code(client: httpx.AsyncClient, container_id: str) -> str:
    response = await client.get(f"/v24.0/{container_id}?fields=status_code", headers=AUTH)
    return str(response.json()["status_code"])


# --- contract -------------------------------------------------------------------------------


def test_the_params_and_fields_the_sandbox_allows_are_the_contracts() -> None:
    folder = graph_contracts("IGUser")
    user = json.loads((folder / "IGUser.json").read_text())
    apis = {(a["method"], a.get("endpoint")): a for a in user["apis"]}

    def params(method: str, edge: str) -> dict[str, str]:
        return {p["name"]: p["type"] for p in apis[(method, edge)]["params"]}

    def fields(node: str) -> frozenset[str]:
        spec = json.loads((folder / f"{node}.json").read_text())
        return frozenset(f["name"] for f in spec["fields"])

    assert params("POST", "media") == MEDIA_CREATE_PARAMS
    assert params("POST", "media_publish") == MEDIA_PUBLISH_PARAMS
    assert fields("IGUser") == IG_USER_FIELDS
    assert fields("IGMedia") == IG_MEDIA_FIELDS
    assert fields("ShadowIGMediaBuilder") == CONTAINER_FIELDS


async def test_a_param_the_contract_does_not_list_is_refused(sandbox: httpx.AsyncClient) -> None:
    response = await create(sandbox, image_url=IMAGE, title="not a Graph param")

    error = error_of(response)
    assert response.status_code == 400
    assert error["code"] == 100
    assert error["message"] == "(#100) Param title is not a valid parameter"


async def test_publish_accepts_only_creation_id(sandbox: httpx.AsyncClient) -> None:
    container = await created_id(sandbox, image_url=IMAGE)

    response = await sandbox.post(
        f"{USER}/media_publish", data={"creation_id": container, "caption": "x"}, headers=AUTH
    )

    assert error_of(response)["message"] == "(#100) Param caption is not a valid parameter"


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"image_url": "http://cdn.example.com/a.jpg"}, "https URL"),
        ({"video_url": VIDEO, "media_type": "VIDEO"}, "carousel items"),
        ({"image_url": IMAGE, "media_type": "IMAGE"}, "unknown"),
        ({"media_type": "REELS"}, "video_url is required"),
        ({"image_url": IMAGE, "caption": "#a " * 31}, "31 hashtags"),
        ({"image_url": IMAGE, "caption": "x" * 2201}, "too long"),
        ({"image_url": IMAGE, "user_tags": json.dumps([{"username": "u"}] * 21)}, "20 tags"),
        ({"image_url": IMAGE, "is_carousel_item": "maybe"}, "boolean"),
        ({"media_type": "CAROUSEL", "children": "1"}, "2 to 10 children"),
    ],
)
async def test_a_container_breaking_the_rules_is_refused_with_code_100(
    sandbox: httpx.AsyncClient, params: dict[str, str], words: str
) -> None:
    error = error_of(await create(sandbox, **params))

    assert error["code"] == 100
    assert words in error["message"]


async def test_media_that_cannot_be_downloaded_is_refused_at_creation(
    sandbox: httpx.AsyncClient,
) -> None:
    error = error_of(await create(sandbox, image_url="https://cdn.example.com/fail-download.jpg"))

    assert (error["code"], error["error_subcode"]) == (9004, 2207052)


# --- publishing -----------------------------------------------------------------------------


async def test_an_image_is_published_and_recorded(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    container = await created_id(sandbox, image_url=IMAGE, caption="Hello #sandbox")
    assert await status_code(sandbox, container) == "FINISHED"

    published = await publish(sandbox, container)

    assert published.status_code == 200
    media_id = published.json()["id"]
    assert media_id.isdigit() and media_id != container
    fields = "id,caption,media_type,media_product_type,media_url,permalink,shortcode,timestamp"
    media = (await sandbox.get(f"/v24.0/{media_id}?fields={fields}", headers=AUTH)).json()
    assert media["caption"] == "Hello #sandbox"
    assert (media["media_type"], media["media_product_type"]) == ("IMAGE", "FEED")
    assert media["media_url"] == IMAGE
    assert media["permalink"] == f"https://www.instagram.com/p/{media['shortcode']}/"
    assert media["timestamp"] == "2026-11-25T15:00:00+0000"
    assert await status_code(sandbox, container) == "PUBLISHED"
    events = (await sandbox.get("/_sandbox/instagram/published")).json()["data"]
    assert events == [
        {
            "media_id": media_id,
            "container_id": container,
            "ig_user_id": DEMO_IG_USER_ID,
            "caption": "Hello #sandbox",
            "media_type": "IMAGE",
            "media_product_type": "FEED",
            "published_at": "2026-11-25T15:00:00.000000+00:00",
            "collaborators": [],
            "location_id": None,
            "audio_name": None,
            "trial_params": None,
            "user_tags": None,
            "product_tags": None,
        }
    ]


async def test_a_reel_is_in_progress_until_its_video_is_processed(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    container = await created_id(sandbox, media_type="REELS", video_url=VIDEO)
    status = await sandbox.get(f"/{container}?fields=id,status,status_code", headers=AUTH)
    assert status.json()["status_code"] == "IN_PROGRESS"
    assert status.json()["status"].startswith("In Progress")

    clock.advance(seconds=30)

    assert await status_code(sandbox, container) == "FINISHED"
    media_id = (await publish(sandbox, container)).json()["id"]
    media = await sandbox.get(f"/{media_id}?fields=media_type,media_product_type,thumbnail_url")
    assert media.status_code == 400  # no token
    media = await sandbox.get(
        f"/{media_id}?fields=media_type,media_product_type,thumbnail_url", headers=AUTH
    )
    assert media.json()["media_type"] == "VIDEO"
    assert media.json()["media_product_type"] == "REELS"
    assert media.json()["thumbnail_url"].startswith("https://")


async def test_a_video_that_fails_processing_ends_in_error_and_cannot_be_published(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    container = await created_id(
        sandbox, media_type="REELS", video_url="https://cdn.example.com/process-error.mp4"
    )
    clock.advance(seconds=30)

    assert await status_code(sandbox, container) == "ERROR"
    assert error_of(await publish(sandbox, container))["error_subcode"] == 2207053


async def test_a_carousel_publishes_an_album_with_its_children(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    photo = await created_id(sandbox, image_url=IMAGE, is_carousel_item="true")
    clip = await created_id(sandbox, media_type="VIDEO", video_url=VIDEO, is_carousel_item="true")
    album = await created_id(
        sandbox, media_type="CAROUSEL", children=f"{photo},{clip}", caption="Two things"
    )
    assert await status_code(sandbox, album) == "IN_PROGRESS"
    clock.advance(seconds=30)

    media_id = (await publish(sandbox, album)).json()["id"]

    fields = "media_type,caption,children{media_type,media_url}"
    media = (await sandbox.get(f"/{media_id}?fields={fields}", headers=AUTH)).json()
    assert media["media_type"] == "CAROUSEL_ALBUM"
    assert media["caption"] == "Two things"
    children = media["children"]["data"]
    assert [(c["media_type"], c["media_url"]) for c in children] == [
        ("IMAGE", IMAGE),
        ("VIDEO", VIDEO),
    ]
    edge = await sandbox.get(f"/{media_id}/children?fields=id", headers=AUTH)
    assert [c["id"] for c in edge.json()["data"]] == [c["id"] for c in children]
    listed = (await sandbox.get(f"{USER}/media", headers=AUTH)).json()["data"]
    assert listed == [{"id": media_id}]


async def test_a_carousel_refuses_another_accounts_containers(sandbox: httpx.AsyncClient) -> None:
    photo = await created_id(sandbox, image_url=IMAGE, is_carousel_item="true")
    other = await sandbox.post("/_sandbox/instagram/accounts", json={})
    token = other.json()["access_token"]
    theirs = await sandbox.post(
        f"/{other.json()['ig_user_id']}/media",
        data={"image_url": IMAGE, "is_carousel_item": "true"},
        headers={"Authorization": f"OAuth {token}"},
    )

    error = error_of(
        await create(sandbox, media_type="CAROUSEL", children=f"{photo},{theirs.json()['id']}")
    )

    assert (error["code"], error["error_subcode"]) == (100, 2207028)


async def test_a_container_still_processing_is_not_ready_for_publishing(
    sandbox: httpx.AsyncClient,
) -> None:
    container = await created_id(sandbox, media_type="STORIES", video_url=VIDEO)

    error = error_of(await publish(sandbox, container))

    assert (error["code"], error["error_subcode"]) == (9007, 2207027)
    assert error["message"] == "The media is not ready for publishing, please wait for a moment"
    assert (await sandbox.get("/_sandbox/instagram/published")).json()["data"] == []


async def test_a_container_published_twice_is_on_the_account_twice(
    sandbox: httpx.AsyncClient,
) -> None:
    # Meta's reference does not promise that a second media_publish is refused.
    container = await created_id(sandbox, image_url=IMAGE, caption="twice")
    first = (await publish(sandbox, container)).json()["id"]

    second = await publish(sandbox, container)

    assert second.status_code == 200
    assert second.json()["id"] != first
    events = (await sandbox.get("/_sandbox/instagram/published")).json()["data"]
    assert [e["container_id"] for e in events] == [container, container]
    feed = (await sandbox.get(f"{USER}/media?fields=id,caption", headers=AUTH)).json()["data"]
    assert [m["caption"] for m in feed] == ["twice", "twice"]
    assert await status_code(sandbox, container) == "PUBLISHED"


async def test_a_second_publish_is_refused_when_the_sandbox_is_told_to(
    sandbox: httpx.AsyncClient,
) -> None:
    told = await sandbox.put("/_sandbox/instagram/settings", json={"refuse_second_publish": True})
    assert told.json()["refuse_second_publish"] is True
    container = await created_id(sandbox, image_url=IMAGE)
    assert (await publish(sandbox, container)).status_code == 200

    error = error_of(await publish(sandbox, container))

    assert (error["code"], error["error_subcode"]) == (24, 2207008)
    assert "already been published" in error["message"]
    assert len((await sandbox.get("/_sandbox/instagram/published")).json()["data"]) == 1


async def test_a_container_expires_after_24_hours_or_when_told(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    old = await created_id(sandbox, image_url=IMAGE)
    told = await created_id(sandbox, image_url=IMAGE)
    await sandbox.post(f"/_sandbox/instagram/containers/{told}/expire")
    assert await status_code(sandbox, told) == "EXPIRED"
    assert await status_code(sandbox, old) == "FINISHED"

    clock.advance(hours=24)

    assert await status_code(sandbox, old) == "EXPIRED"
    error = error_of(await publish(sandbox, old))
    assert (error["code"], error["error_subcode"]) == (-2, 2207020)


async def test_publishing_stops_when_the_daily_quota_is_spent(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    await sandbox.put("/_sandbox/instagram/settings", json={"quota_total": 3})
    await sandbox.put(
        f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/quota_usage", json={"used": 2}
    )
    assert (await publish(sandbox, await created_id(sandbox, image_url=IMAGE))).status_code == 200
    limit = await sandbox.get(
        f"{USER}/content_publishing_limit?fields=config,quota_usage", headers=AUTH
    )
    assert limit.json() == {
        "data": [{"config": {"quota_total": 3, "quota_duration": 86400}, "quota_usage": 3}]
    }

    error = error_of(await publish(sandbox, await created_id(sandbox, image_url=IMAGE)))

    assert (error["code"], error["error_subcode"]) == (9, 2207042)
    assert error["error_user_title"] == "Maximum number of posts reached"
    clock.advance(hours=24)
    assert (await publish(sandbox, await created_id(sandbox, image_url=IMAGE))).status_code == 200


# --- tokens and accounts --------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-known-token"}])
async def test_a_missing_or_unknown_token_is_refused_with_code_190(
    sandbox: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    error = error_of(await sandbox.get(f"{USER}/media", headers=headers))

    assert (error["code"], error["type"]) == (190, "OAuthException")
    assert error["message"] == "Invalid OAuth access token - Cannot parse access token"


async def test_a_revoked_token_fails_with_session_invalidated(sandbox: httpx.AsyncClient) -> None:
    await sandbox.post(f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/revoke")

    error = error_of(await create(sandbox, image_url=IMAGE))

    assert (error["code"], error["error_subcode"]) == (190, 460)
    assert error["message"].startswith("Error validating access token: The session has been")


async def test_an_unknown_account_is_provisioned_and_bound_to_its_first_token(
    sandbox: httpx.AsyncClient,
) -> None:
    mine = {"access_token": "token-of-new-account"}
    created = await sandbox.post("/v24.0/555/media", data={"image_url": IMAGE, **mine})
    assert created.status_code == 200

    elsewhere = await sandbox.get(f"{USER}/media", params=mine)

    error = error_of(elsewhere)
    assert (error["code"], error["error_subcode"]) == (100, 33)
    assert f"Object with ID '{DEMO_IG_USER_ID}' does not exist" in error["message"]


async def test_paths_work_with_and_without_a_version_prefix(sandbox: httpx.AsyncClient) -> None:
    bare = await sandbox.get(f"/{DEMO_IG_USER_ID}?fields=id,username", headers=AUTH)
    versioned = await sandbox.get(f"/v19.0/{DEMO_IG_USER_ID}?fields=id,username", headers=AUTH)

    assert bare.json() == versioned.json() == {"id": DEMO_IG_USER_ID, "username": "autopost_demo"}


async def test_a_field_the_node_does_not_have_is_refused(sandbox: httpx.AsyncClient) -> None:
    container = await created_id(sandbox, image_url=IMAGE)

    error = error_of(await sandbox.get(f"/{container}?fields=id,likes", headers=AUTH))

    assert "nonexisting field (likes) on node type (ShadowIGMediaBuilder)" in error["message"]


# --- listing --------------------------------------------------------------------------------


async def test_media_is_listed_newest_first_in_pages(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    published = []
    for number in range(5):
        clock.advance(minutes=1)
        container = await created_id(sandbox, image_url=IMAGE, caption=f"post {number}")
        published.append((await publish(sandbox, container)).json()["id"])

    first = (await sandbox.get(f"{USER}/media?fields=id,caption&limit=2", headers=AUTH)).json()
    second = (await sandbox.get(first["paging"]["next"], headers=AUTH)).json()
    last = (await sandbox.get(second["paging"]["next"], headers=AUTH)).json()

    pages = [[m["caption"] for m in page["data"]] for page in (first, second, last)]
    assert pages == [["post 4", "post 3"], ["post 2", "post 1"], ["post 0"]]
    assert "next" not in last["paging"]
    assert "access_token" not in first["paging"]["next"]
    since = int(clock.now().timestamp()) - 60
    recent = await sandbox.get(f"{USER}/media", params={"since": str(since)}, headers=AUTH)
    assert [m["id"] for m in recent.json()["data"]] == [published[4], published[3]]


# --- usage and limits -----------------------------------------------------------------------


async def test_usage_headers_report_the_share_of_the_hourly_limits(
    sandbox: httpx.AsyncClient,
) -> None:
    await sandbox.put(
        "/_sandbox/instagram/settings", json={"app_call_limit": 10, "account_call_limit": 4}
    )
    for _ in range(2):
        response = await sandbox.get(f"{USER}?fields=id", headers=AUTH)

    app = json.loads(response.headers["x-app-usage"])
    business = json.loads(response.headers["x-business-use-case-usage"])
    assert app == {"call_count": 20, "total_cputime": 20, "total_time": 20}
    assert business[DEMO_IG_USER_ID][0]["call_count"] == 50
    assert business[DEMO_IG_USER_ID][0]["type"] == "instagram"
    assert business[DEMO_IG_USER_ID][0]["estimated_time_to_regain_access"] == 0


async def test_calls_past_the_account_limit_are_refused_with_80002(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    await sandbox.put("/_sandbox/instagram/settings", json={"account_call_limit": 2})
    for _ in range(2):
        assert (await sandbox.get(f"{USER}?fields=id", headers=AUTH)).status_code == 200

    refused = await sandbox.get(f"{USER}?fields=id", headers=AUTH)

    assert error_of(refused)["code"] == 80002
    usage = json.loads(refused.headers["x-business-use-case-usage"])[DEMO_IG_USER_ID][0]
    assert usage["estimated_time_to_regain_access"] > 0
    clock.advance(hours=1)
    assert (await sandbox.get(f"{USER}?fields=id", headers=AUTH)).status_code == 200


async def test_calls_past_the_app_limit_are_refused_with_code_4(
    sandbox: httpx.AsyncClient,
) -> None:
    await sandbox.put("/_sandbox/instagram/settings", json={"app_call_limit": 1})
    await sandbox.get(f"{USER}?fields=id", headers=AUTH)

    error = error_of(await sandbox.get(f"{USER}?fields=id", headers=AUTH))

    assert (error["code"], error["message"]) == (4, "(#4) Application request limit reached")


# --- faults and control ---------------------------------------------------------------------


async def test_an_error_fault_answers_500_without_publishing(sandbox: httpx.AsyncClient) -> None:
    container = await created_id(sandbox, image_url=IMAGE)
    fault = {"method": "POST", "path_suffix": "media_publish", "action": "error", "status": 500}
    assert (await sandbox.post("/_sandbox/faults", json=fault)).status_code == 201

    failed = await publish(sandbox, container)
    retried = await publish(sandbox, container)

    assert failed.status_code == 500
    assert error_of(failed)["code"] == 2
    assert "x-app-usage" in failed.headers
    assert retried.status_code == 200
    assert len((await sandbox.get("/_sandbox/instagram/published")).json()["data"]) == 1


async def test_a_delay_after_fault_publishes_although_the_client_times_out(
    live_sandbox: str,
) -> None:
    async with httpx.AsyncClient(base_url=live_sandbox) as client:
        container = await created_id(client, image_url=IMAGE)
        fault = {"path_suffix": "media_publish", "action": "delay_after", "seconds": 0.5}
        await client.post("/_sandbox/faults", json=fault)

        with pytest.raises(httpx.ReadTimeout):
            await client.post(
                f"{USER}/media_publish",
                data={"creation_id": container},
                headers=AUTH,
                timeout=0.1,
            )

        events = (await client.get("/_sandbox/instagram/published")).json()["data"]
        assert [e["container_id"] for e in events] == [container]
        assert await status_code(client, container) == "PUBLISHED"


async def test_a_delay_keeps_other_calls_served(live_sandbox: str) -> None:
    async with httpx.AsyncClient(base_url=live_sandbox) as client:
        fault = {"path_suffix": "content_publishing_limit", "action": "delay_before", "seconds": 1}
        await client.post("/_sandbox/faults", json=fault)
        slow = asyncio.create_task(client.get(f"{USER}/content_publishing_limit", headers=AUTH))
        await asyncio.sleep(0.05)

        quick = await client.get(f"{USER}?fields=id", headers=AUTH, timeout=0.5)

        assert quick.status_code == 200
        assert not slow.done()
        assert (await slow).json() == {"data": [{"quota_usage": 0}]}


async def test_the_request_log_never_holds_a_token(sandbox: httpx.AsyncClient) -> None:
    await sandbox.post(
        f"{USER}/media", data={"image_url": IMAGE, "access_token": DEMO_ACCESS_TOKEN}
    )
    await sandbox.get(f"{USER}/media?access_token={DEMO_ACCESS_TOKEN}&fields=id")

    log = (await sandbox.get("/_sandbox/requests")).json()["data"]

    assert [(e["method"], e["path"]) for e in log] == [
        ("POST", f"{USER}/media"),
        ("GET", f"{USER}/media"),
    ]
    assert log[0]["params"] == {"image_url": IMAGE}
    assert DEMO_ACCESS_TOKEN not in json.dumps(log)


async def test_reset_forgets_everything_but_the_demo_account(sandbox: httpx.AsyncClient) -> None:
    await sandbox.put("/_sandbox/instagram/settings", json={"quota_total": 1})
    await sandbox.post("/_sandbox/instagram/accounts", json={"access_token": "t2"})
    await publish(sandbox, await created_id(sandbox, image_url=IMAGE))

    await sandbox.post("/_sandbox/reset")

    settings = (await sandbox.get("/_sandbox/instagram/settings")).json()
    assert settings["quota_total"] == 100
    assert (await sandbox.get("/_sandbox/instagram/published")).json()["data"] == []
    assert (await sandbox.get("/_sandbox/requests")).json()["data"] == []
    assert (await sandbox.get(f"{USER}/media", headers=AUTH)).json()["data"] == []
    stale = await sandbox.get(f"{USER}/media", headers={"Authorization": "Bearer t2"})
    assert error_of(stale)["code"] == 190


async def test_settings_refuse_unknown_names_and_bad_values(sandbox: httpx.AsyncClient) -> None:
    unknown = await sandbox.put("/_sandbox/instagram/settings", json={"speed": 1})
    negative = await sandbox.put("/_sandbox/instagram/settings", json={"quota_total": -1})
    not_a_flag = await sandbox.put(
        "/_sandbox/instagram/settings", json={"refuse_second_publish": "yes"}
    )

    assert unknown.status_code == negative.status_code == not_a_flag.status_code == 400
    assert "speed" in unknown.json()["error"]
