"""HttpxInstagramGateway against a respx-mocked Graph API.

Every request a test makes is also checked against the Graph node specs in
``shared/contracts/instagram-graph`` (the ``graph`` fixture does it on teardown).
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import graph_contract
import httpx
import pytest
import respx
from platform_kit import (
    GRAPH_BASE,
    NOW,
    FakeClock,
    assert_token_only_in_bearer_header,
    error_response,
    form_of,
)

from autopost.adapters.platforms.instagram_graph import MEDIA_PAGES, HttpxInstagramGateway
from autopost.application.ports.instagram_gateway import (
    ContainerItem,
    ContainerRequest,
    ContainerState,
    ContainerStatus,
    InstagramAccount,
    InstagramGateway,
    PublishedMedia,
    PublishingQuota,
)
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    OutcomeUnknown,
    PermanentPlatformError,
    PlatformBusy,
    PlatformError,
    PublishingLimitReached,
    RateLimited,
    TransientPlatformError,
)

pytestmark = pytest.mark.integration

BASE = GRAPH_BASE
TOKEN = "EAAGm0PX4ZCpsBAsecretTOKEN42"
IG_USER = "17841400000000001"
OTHER_USER = "17841400000000002"
CONTAINER = "17900000000000001"
MEDIA = "18000000000000001"
ACCOUNT = InstagramAccount(IG_USER, TOKEN)
OTHER_ACCOUNT = InstagramAccount(OTHER_USER, "EAAGotherTOKEN")
PHOTO = ContainerRequest(media_type=None, image_url="https://cdn.test/a.jpg", caption="Hello")


# --- the contract every request must follow ------------------------------------------------

# Which node spec describes each id the tests use.
NODES = {
    IG_USER: "IGUser",
    OTHER_USER: "IGUser",
    CONTAINER: "ShadowIGMediaBuilder",
    MEDIA: "IGMedia",
}


def assert_follows_contract(request: httpx.Request) -> None:
    graph_contract.assert_follows_contract(request, NODES)


def test_contract_check_rejects_a_param_the_edge_does_not_list() -> None:
    request = httpx.Request(
        "POST", f"{BASE}/{IG_USER}/media", data={"image_url": "u", "access_token": "t"}
    )
    with pytest.raises(AssertionError, match="access_token"):
        assert_follows_contract(request)


def test_contract_check_rejects_a_field_the_node_does_not_have() -> None:
    request = httpx.Request("GET", f"{BASE}/{CONTAINER}", params={"fields": "status_code,nope"})
    with pytest.raises(AssertionError, match="nope"):
        assert_follows_contract(request)


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def graph_nodes() -> dict[str, str]:
    return NODES


@pytest.fixture
async def gateway(clock: FakeClock, graph: respx.MockRouter) -> AsyncIterator[InstagramGateway]:
    async with httpx.AsyncClient() as client:
        yield HttpxInstagramGateway(client, BASE, clock)


def usage_headers(app: float = 0, account: float = 0, regain_minutes: int = 0) -> dict[str, str]:
    app_usage = {"call_count": app, "total_time": 1, "total_cputime": 1}
    entry = {
        "type": "instagram",
        "call_count": account,
        "total_time": 1,
        "total_cputime": 1,
        "estimated_time_to_regain_access": regain_minutes,
    }
    return {
        "x-app-usage": json.dumps(app_usage),
        "x-business-use-case-usage": json.dumps({IG_USER: [entry]}),
    }


def media(media_id: str, caption: str | None, at: str) -> dict[str, Any]:
    item = {
        "id": media_id,
        "timestamp": at,
        "permalink": f"https://www.instagram.com/p/{media_id}/",
    }
    return item if caption is None else {**item, "caption": caption}


# --- containers ------------------------------------------------------------------------------


async def test_photo_container_sends_image_url_caption_location_and_user_tags_as_json(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.post(f"/{IG_USER}/media").respond(json={"id": CONTAINER})
    tags = [{"username": "bob", "x": 0.5, "y": 0.25}]
    request = ContainerRequest(
        media_type=None,
        image_url="https://cdn.test/a.jpg",
        caption="Hello #world",
        location_id="1234",
        user_tags=tags,
    )

    assert await gateway.create_container(ACCOUNT, request) == CONTAINER

    sent = form_of(route.calls.last.request)
    assert json.loads(sent.pop("user_tags")) == tags
    assert sent == {
        "image_url": "https://cdn.test/a.jpg",
        "caption": "Hello #world",
        "location_id": "1234",
    }


async def test_reel_container_sends_video_url_thumb_offset_and_share_to_feed(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.post(f"/{IG_USER}/media").respond(json={"id": CONTAINER})
    request = ContainerRequest(
        media_type="REELS",
        video_url="https://cdn.test/r.mp4",
        caption="Reel",
        thumb_offset=1500,
        share_to_feed=False,
    )

    await gateway.create_container(ACCOUNT, request)

    assert form_of(route.calls.last.request) == {
        "media_type": "REELS",
        "video_url": "https://cdn.test/r.mp4",
        "caption": "Reel",
        "thumb_offset": "1500",
        "share_to_feed": "false",
    }


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        (
            ContainerRequest(media_type="STORIES", image_url="https://cdn.test/s.jpg"),
            {"media_type": "STORIES", "image_url": "https://cdn.test/s.jpg"},
        ),
        (
            ContainerRequest(media_type="STORIES", video_url="https://cdn.test/s.mp4"),
            {"media_type": "STORIES", "video_url": "https://cdn.test/s.mp4"},
        ),
    ],
)
async def test_story_container_sends_stories_type_and_omits_unset_params(
    gateway: InstagramGateway,
    graph: respx.MockRouter,
    request_: ContainerRequest,
    expected: dict[str, str],
) -> None:
    route = graph.post(f"/{IG_USER}/media").respond(json={"id": CONTAINER})

    await gateway.create_container(ACCOUNT, request_)

    assert form_of(route.calls.last.request) == expected


async def test_carousel_creates_item_containers_then_the_parent_with_their_ids(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.post(f"/{IG_USER}/media")
    route.side_effect = [
        httpx.Response(200, json={"id": "17900000000000011"}),
        httpx.Response(200, json={"id": "17900000000000012"}),
        httpx.Response(200, json={"id": CONTAINER}),
    ]
    tags = [{"username": "bob", "x": 0.1, "y": 0.9}]
    request = ContainerRequest(
        media_type="CAROUSEL",
        caption="Album",
        location_id="1234",
        user_tags=tags,
        children=(
            ContainerItem("https://cdn.test/v.mp4", is_video=True),
            ContainerItem("https://cdn.test/p.jpg", is_video=False),
        ),
    )

    assert await gateway.create_container(ACCOUNT, request) == CONTAINER

    video, image, parent = (form_of(call.request) for call in route.calls)
    assert video == {
        "is_carousel_item": "true",
        "media_type": "VIDEO",
        "video_url": "https://cdn.test/v.mp4",
    }
    assert json.loads(image.pop("user_tags")) == tags  # tags belong on an image
    assert image == {"is_carousel_item": "true", "image_url": "https://cdn.test/p.jpg"}
    assert parent == {
        "media_type": "CAROUSEL",
        "children": "17900000000000011,17900000000000012",
        "caption": "Album",
        "location_id": "1234",
    }


async def test_photo_container_sends_alt_text_and_collaborators(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.post(f"/{IG_USER}/media").respond(json={"id": CONTAINER})
    request = ContainerRequest(
        media_type=None,
        image_url="https://cdn.test/a.jpg",
        alt_text="A cat on a sofa",
        collaborators=("ana", "bo.b"),
    )

    await gateway.create_container(ACCOUNT, request)

    sent = form_of(route.calls.last.request)
    assert json.loads(sent.pop("collaborators")) == ["ana", "bo.b"]
    assert sent == {"image_url": "https://cdn.test/a.jpg", "alt_text": "A cat on a sofa"}


async def test_reel_container_sends_cover_audio_name_trial_and_collaborators(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.post(f"/{IG_USER}/media").respond(json={"id": CONTAINER})
    request = ContainerRequest(
        media_type="REELS",
        video_url="https://cdn.test/r.mp4",
        cover_url="https://cdn.test/cover.jpg",
        thumb_offset=2000,
        share_to_feed=True,
        audio_name="Morning theme",
        trial_params={"graduation_strategy": "MANUAL"},
        collaborators=("ana",),
    )

    await gateway.create_container(ACCOUNT, request)

    sent = form_of(route.calls.last.request)
    assert json.loads(sent.pop("trial_params")) == {"graduation_strategy": "MANUAL"}
    assert json.loads(sent.pop("collaborators")) == ["ana"]
    assert sent == {
        "media_type": "REELS",
        "video_url": "https://cdn.test/r.mp4",
        "cover_url": "https://cdn.test/cover.jpg",
        "thumb_offset": "2000",
        "share_to_feed": "true",
        "audio_name": "Morning theme",
    }


async def test_story_container_sends_user_tags(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.post(f"/{IG_USER}/media").respond(json={"id": CONTAINER})
    request = ContainerRequest(
        media_type="STORIES", image_url="https://cdn.test/s.jpg", user_tags=[{"username": "ana"}]
    )

    await gateway.create_container(ACCOUNT, request)

    sent = form_of(route.calls.last.request)
    assert json.loads(sent.pop("user_tags")) == [{"username": "ana"}]
    assert sent == {"media_type": "STORIES", "image_url": "https://cdn.test/s.jpg"}


async def test_carousel_collaborators_go_on_the_carousel_and_alt_text_on_its_images(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.post(f"/{IG_USER}/media")
    route.side_effect = [
        httpx.Response(200, json={"id": "17900000000000011"}),
        httpx.Response(200, json={"id": "17900000000000012"}),
        httpx.Response(200, json={"id": CONTAINER}),
    ]
    request = ContainerRequest(
        media_type="CAROUSEL",
        collaborators=("ana", "bob"),
        children=(
            ContainerItem("https://cdn.test/p.jpg", is_video=False, alt_text="A cat"),
            ContainerItem("https://cdn.test/v.mp4", is_video=True, alt_text="ignored"),
        ),
    )

    await gateway.create_container(ACCOUNT, request)

    image, video, parent = (form_of(call.request) for call in route.calls)
    assert image == {
        "is_carousel_item": "true",
        "image_url": "https://cdn.test/p.jpg",
        "alt_text": "A cat",
    }
    assert "alt_text" not in video and "collaborators" not in video
    assert json.loads(parent.pop("collaborators")) == ["ana", "bob"]
    assert parent == {"media_type": "CAROUSEL", "children": "17900000000000011,17900000000000012"}


async def test_carousel_stops_at_the_first_item_instagram_refuses(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.post(f"/{IG_USER}/media").mock(
        return_value=error_response(400, 100, message="Invalid image URL")
    )
    request = ContainerRequest(
        media_type="CAROUSEL",
        children=(ContainerItem("https://cdn.test/a.jpg", False),) * 3,
    )

    with pytest.raises(PermanentPlatformError, match="Invalid image URL"):
        await gateway.create_container(ACCOUNT, request)
    assert route.call_count == 1


async def test_container_state_reads_status_code_and_status(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{CONTAINER}").respond(
        json={"status_code": "IN_PROGRESS", "status": "In Progress", "id": CONTAINER}
    )

    state = await gateway.container_state(ACCOUNT, CONTAINER)

    assert state == ContainerState(ContainerStatus.IN_PROGRESS, detail="In Progress")
    assert route.calls.last.request.url.params["fields"] == "status_code,status"


async def test_an_unknown_container_status_is_transient(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{CONTAINER}").respond(json={"status_code": "MYSTERY", "id": CONTAINER})

    with pytest.raises(TransientPlatformError) as caught:
        await gateway.container_state(ACCOUNT, CONTAINER)
    assert not isinstance(caught.value, OutcomeUnknown)


async def test_publish_container_posts_creation_id_and_returns_the_media_id(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.post(f"/{IG_USER}/media_publish").respond(json={"id": MEDIA})

    assert await gateway.publish_container(ACCOUNT, CONTAINER) == MEDIA
    assert form_of(route.calls.last.request) == {"creation_id": CONTAINER}


async def test_permalink_asks_for_the_permalink_field(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{MEDIA}").respond(
        json={"permalink": "https://www.instagram.com/p/abc/", "id": MEDIA}
    )

    assert await gateway.permalink(ACCOUNT, MEDIA) == "https://www.instagram.com/p/abc/"
    assert route.calls.last.request.url.params["fields"] == "permalink"


async def test_permalinks_read_one_page_of_the_newest_media_and_keep_those_asked_for(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{IG_USER}/media").respond(
        json={
            "data": [
                {"id": "m3", "permalink": "https://www.instagram.com/p/c/"},
                {"id": "m2", "permalink": "https://www.instagram.com/p/b/"},
                {"id": "m1"},
            ]
        }
    )

    found = await gateway.permalinks(ACCOUNT, ["m2", "m1", "m0"])

    assert found == {"m2": "https://www.instagram.com/p/b/"}
    params = route.calls.last.request.url.params
    assert (params["fields"], params["limit"]) == ("id,permalink", "13")


async def test_publishing_quota_reads_usage_and_total(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{IG_USER}/content_publishing_limit").respond(
        json={"data": [{"config": {"quota_total": 100, "quota_duration": 86400}, "quota_usage": 2}]}
    )

    quota = await gateway.publishing_quota(ACCOUNT)

    assert quota == PublishingQuota(used=2, total=100)
    assert not quota.spent
    assert route.calls.last.request.url.params["fields"] == "config,quota_usage"


async def test_a_quota_answer_without_numbers_is_transient(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{IG_USER}/content_publishing_limit").respond(json={"data": []})

    with pytest.raises(TransientPlatformError, match="publishing quota"):
        await gateway.publishing_quota(ACCOUNT)


# --- finding a publish whose answer was lost -------------------------------------------------


async def test_find_recent_media_returns_the_media_with_the_same_caption_since_the_time(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{IG_USER}/media").respond(
        json={
            "data": [
                media("18000000000000009", "Something else", "2026-11-25T15:00:09+0000"),
                media(MEDIA, "Hello", "2026-11-25T15:00:00+0000"),
            ]
        }
    )

    # The same second counts although ``since`` has a fraction Graph's timestamps lack.
    found = await gateway.find_recent_media(ACCOUNT, "Hello", NOW + timedelta(milliseconds=400))

    assert found == PublishedMedia(MEDIA, f"https://www.instagram.com/p/{MEDIA}/")
    params = route.calls.last.request.url.params
    assert params["fields"] == "id,caption,permalink,timestamp"
    assert params["since"] == str(int(NOW.timestamp()))


@pytest.mark.parametrize(("wanted", "remote"), [(None, None), ("", None), (None, "")])
async def test_find_recent_media_treats_no_caption_and_empty_caption_alike(
    gateway: InstagramGateway, graph: respx.MockRouter, wanted: str | None, remote: str | None
) -> None:
    graph.get(f"/{IG_USER}/media").respond(
        json={"data": [media(MEDIA, remote, "2026-11-25T15:00:01+0000")]}
    )

    found = await gateway.find_recent_media(ACCOUNT, wanted, NOW)

    assert found is not None
    assert found.media_id == MEDIA


async def test_find_recent_media_ignores_a_matching_caption_published_before_since(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{IG_USER}/media").respond(
        json={
            "data": [media(MEDIA, "Hello", "2026-11-25T14:59:59+0000")],
            "paging": {"cursors": {"after": "CUR1"}, "next": f"{BASE}/{IG_USER}/media?after=CUR1"},
        }
    )

    assert await gateway.find_recent_media(ACCOUNT, "Hello", NOW) is None
    assert route.call_count == 1  # newest first: the next page is older still


async def test_find_recent_media_follows_the_after_cursor_to_the_next_page(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{IG_USER}/media")
    route.side_effect = [
        httpx.Response(
            200,
            json={
                "data": [media("18000000000000009", "Other", "2026-11-25T15:00:09+0000")],
                "paging": {
                    "cursors": {"before": "CUR0", "after": "CUR1"},
                    "next": f"{BASE}/{IG_USER}/media?access_token=leaked&after=CUR1",
                },
            },
        ),
        httpx.Response(200, json={"data": [media(MEDIA, "Hello", "2026-11-25T15:00:02+0000")]}),
    ]

    found = await gateway.find_recent_media(ACCOUNT, "Hello", NOW)

    assert found is not None
    assert found.media_id == MEDIA
    second = route.calls[1].request
    assert second.url.params["after"] == "CUR1"
    assert "leaked" not in str(second.url)


async def test_find_recent_media_gives_up_after_a_few_pages(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{IG_USER}/media").respond(
        json={
            "data": [media("18000000000000009", "Other", "2026-11-25T15:00:09+0000")],
            "paging": {"cursors": {"after": "CUR"}, "next": f"{BASE}/{IG_USER}/media?after=CUR"},
        }
    )

    assert await gateway.find_recent_media(ACCOUNT, "Hello", NOW) is None
    assert route.call_count == MEDIA_PAGES


async def test_find_recent_media_returns_none_on_the_last_page(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{IG_USER}/media").respond(json={"data": []})

    assert await gateway.find_recent_media(ACCOUNT, "Hello", NOW) is None
    assert route.call_count == 1


# --- the token -------------------------------------------------------------------------------


async def call_every_endpoint(gateway: InstagramGateway, graph: respx.MockRouter) -> None:
    graph.post(f"/{IG_USER}/media").respond(json={"id": CONTAINER})
    graph.post(f"/{IG_USER}/media_publish").respond(json={"id": MEDIA})
    graph.get(f"/{CONTAINER}").respond(json={"status_code": "FINISHED", "status": "Finished"})
    graph.get(f"/{MEDIA}").respond(json={"permalink": "https://www.instagram.com/p/abc/"})
    graph.get(f"/{IG_USER}/media").respond(json={"data": []})
    graph.get(f"/{IG_USER}/content_publishing_limit").respond(
        json={"data": [{"config": {"quota_total": 100}, "quota_usage": 0}]}
    )
    carousel = ContainerRequest(
        media_type="CAROUSEL",
        caption="Album",
        user_tags=[{"username": "bob", "x": 0.5, "y": 0.5}],
        children=(ContainerItem("https://cdn.test/a.jpg", False),) * 2,
    )
    reel = ContainerRequest(
        media_type="REELS", video_url="https://cdn.test/r.mp4", thumb_offset=0, share_to_feed=True
    )
    for request in (PHOTO, reel, carousel):
        await gateway.create_container(ACCOUNT, request)
    await gateway.container_state(ACCOUNT, CONTAINER)
    await gateway.publish_container(ACCOUNT, CONTAINER)
    await gateway.permalink(ACCOUNT, MEDIA)
    await gateway.find_recent_media(ACCOUNT, "Album", NOW)
    await gateway.publishing_quota(ACCOUNT)


async def test_every_request_uses_only_params_the_contract_lists(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    await call_every_endpoint(gateway, graph)

    assert len(graph.calls) == 10
    for call in graph.calls:
        assert_follows_contract(call.request)


async def test_token_is_sent_only_as_a_bearer_header_never_in_the_url_or_body(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    await call_every_endpoint(gateway, graph)

    assert_token_only_in_bearer_header(graph.calls, TOKEN)


@pytest.mark.parametrize(
    "response",
    [
        error_response(400, 190, message=f"Invalid OAuth access token {TOKEN}"),
        error_response(400, 100, message=f"Param image_url is bad for token {TOKEN}"),
        error_response(500, 2, message=f"Unexpected error for {TOKEN}", is_transient=True),
        error_response(429, 4, message=f"Too many calls with {TOKEN}"),
    ],
)
async def test_error_messages_never_contain_the_token(
    gateway: InstagramGateway, graph: respx.MockRouter, response: httpx.Response
) -> None:
    graph.post(f"/{IG_USER}/media_publish").mock(return_value=response)

    with pytest.raises(PlatformError) as caught:
        await gateway.publish_container(ACCOUNT, CONTAINER)

    error = caught.value
    assert TOKEN not in str(error)
    assert TOKEN not in repr(error)
    assert TOKEN not in error.message
    assert "[token]" in error.message


async def test_a_network_error_does_not_chain_text_that_could_hold_the_token(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.post(f"/{IG_USER}/media_publish").mock(
        side_effect=httpx.ReadTimeout(f"timed out sending Authorization: Bearer {TOKEN}")
    )

    with pytest.raises(OutcomeUnknown) as caught:
        await gateway.publish_container(ACCOUNT, CONTAINER)

    error = caught.value
    assert TOKEN not in str(error)
    assert TOKEN not in repr(error)
    assert error.__cause__ is None
    assert error.__suppress_context__
    assert TOKEN not in "".join(traceback.format_exception(error))


async def test_logs_never_contain_the_token(
    gateway: InstagramGateway, graph: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    graph.get(f"/{MEDIA}").mock(
        side_effect=[
            httpx.Response(200, json={"permalink": "https://www.instagram.com/p/abc/"}),
            error_response(400, 190, message=f"Bad token {TOKEN}"),
            httpx.ConnectError(f"refused for Bearer {TOKEN}"),
        ]
    )

    await gateway.permalink(ACCOUNT, MEDIA)
    for _ in range(2):
        with pytest.raises(PlatformError):
            await gateway.permalink(ACCOUNT, MEDIA)

    assert caplog.records
    assert TOKEN not in caplog.text
    assert "Bearer" not in caplog.text


# --- how Graph errors are told apart ---------------------------------------------------------


async def test_an_expired_token_is_rejected_credentials_asking_to_reconnect(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.post(f"/{IG_USER}/media").mock(
        return_value=error_response(400, 190, 463, message="Session has expired")
    )

    with pytest.raises(CredentialRejected) as caught:
        await gateway.create_container(ACCOUNT, PHOTO)
    assert "reconnect the Instagram account" in str(caught.value)
    assert "Session has expired" in str(caught.value)


async def test_http_401_without_a_json_body_is_rejected_credentials(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{MEDIA}").respond(401, text="Unauthorized")

    with pytest.raises(CredentialRejected):
        await gateway.permalink(ACCOUNT, MEDIA)


@pytest.mark.parametrize("code", [4, 17, 32, 613, 80002])
async def test_rate_limit_codes_are_rate_limits_even_on_publish(
    gateway: InstagramGateway, graph: respx.MockRouter, code: int
) -> None:
    graph.post(f"/{IG_USER}/media_publish").mock(return_value=error_response(400, code))

    with pytest.raises(RateLimited) as caught:
        await gateway.publish_container(ACCOUNT, CONTAINER)
    assert type(caught.value) is RateLimited  # refused: not OutcomeUnknown
    assert caught.value.retry_after is None


async def test_http_429_is_a_rate_limit_with_retry_after_from_the_header(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{MEDIA}").respond(429, text="slow down", headers={"Retry-After": "120"})

    with pytest.raises(RateLimited) as caught:
        await gateway.permalink(ACCOUNT, MEDIA)
    assert caught.value.retry_after == timedelta(seconds=120)


async def test_rate_limit_retry_after_comes_from_the_time_to_regain_access(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    response = error_response(400, 80002)
    response.headers.update(usage_headers(account=100, regain_minutes=7))
    graph.get(f"/{MEDIA}").mock(return_value=response)

    with pytest.raises(RateLimited) as caught:
        await gateway.permalink(ACCOUNT, MEDIA)
    assert caught.value.retry_after == timedelta(minutes=7)


async def test_the_daily_publishing_limit_is_publishing_limit_reached(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.post(f"/{IG_USER}/media_publish").mock(return_value=error_response(400, 9, 2207042))

    with pytest.raises(PublishingLimitReached):
        await gateway.publish_container(ACCOUNT, CONTAINER)


async def test_media_not_ready_is_transient(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.post(f"/{IG_USER}/media_publish").mock(
        return_value=error_response(400, 9007, 2207027, message="Media ID is not available")
    )

    with pytest.raises(TransientPlatformError) as caught:
        await gateway.publish_container(ACCOUNT, CONTAINER)
    assert type(caught.value) is TransientPlatformError


@pytest.mark.parametrize(
    "response",
    [
        error_response(400, 1, message="An unknown error occurred"),
        error_response(500, 2, message="Service temporarily unavailable"),
        error_response(400, 999, message="Try later", is_transient=True),
        httpx.Response(502, text="<html>Bad Gateway</html>"),
    ],
)
async def test_server_side_failures_on_a_read_are_transient(
    gateway: InstagramGateway, graph: respx.MockRouter, response: httpx.Response
) -> None:
    graph.get(f"/{MEDIA}").mock(return_value=response)

    with pytest.raises(TransientPlatformError) as caught:
        await gateway.permalink(ACCOUNT, MEDIA)
    assert type(caught.value) is TransientPlatformError
    assert "<html>" not in str(caught.value)


async def test_a_server_failure_answering_publish_is_outcome_unknown(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.post(f"/{IG_USER}/media_publish").mock(
        return_value=error_response(500, 2, message="Service temporarily unavailable")
    )

    with pytest.raises(OutcomeUnknown):
        await gateway.publish_container(ACCOUNT, CONTAINER)


@pytest.mark.parametrize(
    ("code", "message"),
    [(100, "Only photo or video can be accepted as media type."), (9004, "Media download failed")],
)
async def test_other_errors_are_permanent_with_the_platform_message(
    gateway: InstagramGateway, graph: respx.MockRouter, code: int, message: str
) -> None:
    graph.post(f"/{IG_USER}/media").mock(return_value=error_response(400, code, message=message))

    with pytest.raises(PermanentPlatformError) as caught:
        await gateway.create_container(ACCOUNT, PHOTO)
    assert type(caught.value) is PermanentPlatformError
    assert str(caught.value) == f"Instagram refused the post: {message}"


async def test_a_permanent_error_prefers_the_message_written_for_users(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.post(f"/{IG_USER}/media").mock(
        return_value=error_response(
            400, 9004, 2207052, message="Invalid parameter", error_user_msg="The URL is not public."
        )
    )

    with pytest.raises(PermanentPlatformError, match="The URL is not public"):
        await gateway.create_container(ACCOUNT, PHOTO)


async def test_a_non_json_client_error_is_permanent(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.post(f"/{IG_USER}/media").respond(400, text="Bad Request")

    with pytest.raises(PermanentPlatformError, match="400"):
        await gateway.create_container(ACCOUNT, PHOTO)


@pytest.mark.parametrize("body", [b"not json", b'{"no_id": true}'])
async def test_an_unreadable_success_answer_to_publish_is_outcome_unknown(
    gateway: InstagramGateway, graph: respx.MockRouter, body: bytes
) -> None:
    graph.post(f"/{IG_USER}/media_publish").respond(200, content=body)

    with pytest.raises(OutcomeUnknown):
        await gateway.publish_container(ACCOUNT, CONTAINER)


# --- the network -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "failure", [httpx.ReadTimeout, httpx.WriteTimeout, httpx.ReadError, httpx.RemoteProtocolError]
)
async def test_no_answer_to_a_post_is_outcome_unknown(
    gateway: InstagramGateway, graph: respx.MockRouter, failure: type[httpx.TransportError]
) -> None:
    graph.post(f"/{IG_USER}/media_publish").mock(side_effect=failure("lost"))

    with pytest.raises(OutcomeUnknown):
        await gateway.publish_container(ACCOUNT, CONTAINER)


async def test_no_answer_to_a_get_is_transient_not_outcome_unknown(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{CONTAINER}").mock(side_effect=httpx.ReadTimeout("lost"))

    with pytest.raises(TransientPlatformError) as caught:
        await gateway.container_state(ACCOUNT, CONTAINER)
    assert type(caught.value) is TransientPlatformError


@pytest.mark.parametrize("failure", [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout])
async def test_a_post_that_never_reached_instagram_is_transient_not_outcome_unknown(
    gateway: InstagramGateway, graph: respx.MockRouter, failure: type[httpx.TransportError]
) -> None:
    graph.post(f"/{IG_USER}/media_publish").mock(side_effect=failure("unreachable"))

    with pytest.raises(TransientPlatformError) as caught:
        await gateway.publish_container(ACCOUNT, CONTAINER)
    assert type(caught.value) is TransientPlatformError


# --- slowing down before the limit -----------------------------------------------------------


async def test_usage_at_80_percent_makes_the_next_call_busy_without_sending_it(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{MEDIA}").respond(json={"permalink": "p"}, headers=usage_headers(app=80))

    await gateway.permalink(ACCOUNT, MEDIA)
    with pytest.raises(PlatformBusy) as caught:
        await gateway.permalink(ACCOUNT, MEDIA)

    assert caught.value.retry_after is not None
    assert caught.value.retry_after > timedelta(0)
    assert route.call_count == 1


async def test_calls_go_through_again_once_the_hold_back_has_passed(
    gateway: InstagramGateway, graph: respx.MockRouter, clock: FakeClock
) -> None:
    route = graph.get(f"/{MEDIA}")
    route.side_effect = [
        httpx.Response(200, json={"permalink": "p"}, headers=usage_headers(account=85)),
        httpx.Response(200, json={"permalink": "q"}),
    ]
    await gateway.permalink(ACCOUNT, MEDIA)
    with pytest.raises(PlatformBusy) as caught:
        await gateway.permalink(ACCOUNT, MEDIA)
    assert caught.value.retry_after is not None

    clock.advance(caught.value.retry_after)

    assert await gateway.permalink(ACCOUNT, MEDIA) == "q"
    assert route.call_count == 2


async def test_low_usage_does_not_hold_back(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{MEDIA}").respond(
        json={"permalink": "p"}, headers=usage_headers(app=50, account=60)
    )

    await gateway.permalink(ACCOUNT, MEDIA)
    await gateway.permalink(ACCOUNT, MEDIA)

    assert route.call_count == 2


async def test_app_usage_holds_back_every_account(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{MEDIA}").respond(json={"permalink": "p"}, headers=usage_headers(app=96))

    await gateway.permalink(ACCOUNT, MEDIA)

    with pytest.raises(PlatformBusy):
        await gateway.permalink(OTHER_ACCOUNT, MEDIA)


async def test_account_usage_holds_back_only_that_account(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{MEDIA}").respond(
        json={"permalink": "p"}, headers=usage_headers(account=96)
    )
    await gateway.permalink(ACCOUNT, MEDIA)

    await gateway.permalink(OTHER_ACCOUNT, MEDIA)
    with pytest.raises(PlatformBusy):
        await gateway.permalink(ACCOUNT, MEDIA)
    assert route.call_count == 2


async def test_time_to_regain_access_holds_the_account_back_that_long(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{MEDIA}").respond(
        json={"permalink": "p"}, headers=usage_headers(account=100, regain_minutes=10)
    )
    await gateway.permalink(ACCOUNT, MEDIA)

    with pytest.raises(PlatformBusy) as caught:
        await gateway.permalink(ACCOUNT, MEDIA)
    assert caught.value.retry_after == timedelta(minutes=10)


async def test_a_rate_limited_answer_with_retry_after_holds_the_account_back(
    gateway: InstagramGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{MEDIA}").respond(429, text="slow down", headers={"Retry-After": "60"})
    with pytest.raises(RateLimited):
        await gateway.permalink(ACCOUNT, MEDIA)

    with pytest.raises(PlatformBusy) as caught:
        await gateway.permalink(ACCOUNT, MEDIA)
    assert caught.value.retry_after == timedelta(seconds=60)
    assert route.call_count == 1
