"""HttpxInstagramMediaGateway against a respx-mocked Graph API: media pages and comments.

Every request a test makes is also checked against the Graph node specs in
``shared/contracts/instagram-graph`` (the ``graph`` fixture does it on teardown).
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import graph_contract
import httpx
import pytest
import respx
from platform_kit import (
    GRAPH_BASE,
    FakeClock,
    assert_token_only_in_bearer_header,
    error_response,
    form_of,
)

from autopost.adapters.platforms.graph_throttle import UsageThrottle
from autopost.adapters.platforms.instagram_graph import HttpxInstagramGateway
from autopost.adapters.platforms.instagram_media_api import HttpxInstagramMediaGateway
from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.ports.instagram_media_gateway import (
    InstagramMediaGateway,
    MediaPage,
    RemoteComment,
    RemoteMedia,
)
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    OutcomeUnknown,
    PermanentPlatformError,
    PlatformBusy,
    PlatformError,
    RateLimited,
    TransientPlatformError,
)

pytestmark = pytest.mark.integration

BASE = GRAPH_BASE
TOKEN = "EAAGm0PX4ZCpsBAsecretTOKEN42"
IG_USER = "17841400000000001"
MEDIA = "18000000000000001"
OLDER_MEDIA = "18000000000000002"
CAROUSEL = "18000000000000003"
CHILD = "18000000000000031"
COMMENT = "17850000000000001"
OTHER_COMMENT = "17850000000000002"
REPLY = "17860000000000001"
LATE_REPLY = "17860000000000002"
ACCOUNT = InstagramAccount(IG_USER, TOKEN)

MEDIA_FIELDS = (
    "id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp,"
    "like_count,comments_count,children{id,media_type,media_url,thumbnail_url}"
)
REPLY_FIELDS = "id,text,username,timestamp,like_count,hidden"
COMMENT_FIELDS = f"{REPLY_FIELDS},replies{{{REPLY_FIELDS}}}"

# Which node spec describes each id the tests use.
NODES = {
    IG_USER: "IGUser",
    MEDIA: "IGMedia",
    OLDER_MEDIA: "IGMedia",
    CAROUSEL: "IGMedia",
    COMMENT: "IGComment",
    OTHER_COMMENT: "IGComment",
    REPLY: "IGComment",
}


def assert_follows_contract(request: httpx.Request) -> None:
    graph_contract.assert_follows_contract(request, NODES)


def test_contract_check_rejects_a_nested_field_the_edge_does_not_have() -> None:
    request = httpx.Request(
        "GET", f"{BASE}/{IG_USER}/media", params={"fields": "id,children{id,nope}"}
    )
    with pytest.raises(AssertionError, match="nope"):
        assert_follows_contract(request)


def test_contract_check_rejects_a_param_on_delete_the_spec_does_not_list() -> None:
    request = httpx.Request("DELETE", f"{BASE}/{COMMENT}", params={"hide": "true"})
    with pytest.raises(AssertionError, match="hide"):
        assert_follows_contract(request)


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def graph_nodes() -> dict[str, str]:
    return NODES


@pytest.fixture
async def client(graph: respx.MockRouter) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


@pytest.fixture
def gateway(clock: FakeClock, client: httpx.AsyncClient) -> InstagramMediaGateway:
    return HttpxInstagramMediaGateway(client, BASE, clock)


def page(data: list[dict[str, Any]], after: str | None = None, **paging: Any) -> dict[str, Any]:
    """A Graph list answer; ``after`` makes it a page with a next one."""
    answer: dict[str, Any] = {"data": data}
    if after is not None:
        answer["paging"] = {
            "cursors": {"before": "BEFORE", "after": after},
            "next": f"{BASE}/next?access_token=leaked&after={after}",
            **paging,
        }
    return answer


def media(media_id: str, at: str = "2026-11-25T15:00:00+0000", **more: Any) -> dict[str, Any]:
    return {"id": media_id, "media_type": "IMAGE", "timestamp": at, **more}


def comment(comment_id: str, text: str = "Nice", **more: Any) -> dict[str, Any]:
    return {"id": comment_id, "text": text, "timestamp": "2026-11-25T15:05:00+0000", **more}


# --- media pages -----------------------------------------------------------------------------


async def test_media_page_asks_for_the_sync_fields_with_carousel_children_and_the_limit(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{IG_USER}/media").respond(json=page([]))

    await gateway.media_page(ACCOUNT, None, 25)

    params = route.calls.last.request.url.params
    assert dict(params) == {"fields": MEDIA_FIELDS, "limit": "25"}


async def test_media_page_sends_the_cursor_and_returns_the_next_one(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{IG_USER}/media").respond(json=page([media(OLDER_MEDIA)], after="CUR2"))

    result = await gateway.media_page(ACCOUNT, "CUR1", 10)

    assert route.calls.last.request.url.params["after"] == "CUR1"
    assert result.after == "CUR2"
    assert [m.media_id for m in result.items] == [OLDER_MEDIA]


async def test_the_last_media_page_has_no_cursor_even_when_graph_sends_cursors(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    last = {"data": [media(MEDIA)], "paging": {"cursors": {"before": "B", "after": "A"}}}
    graph.get(f"/{IG_USER}/media").respond(json=last)

    assert (await gateway.media_page(ACCOUNT, None, 25)).after is None


async def test_paging_through_media_with_cursors_reaches_the_end_without_following_next_urls(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{IG_USER}/media")
    route.side_effect = [
        httpx.Response(200, json=page([media(MEDIA)], after="CUR1")),
        httpx.Response(200, json=page([media(CAROUSEL)], after="CUR2")),
        httpx.Response(200, json=page([media(OLDER_MEDIA)])),
    ]

    seen: list[str] = []
    after: str | None = None
    for _ in range(10):
        result = await gateway.media_page(ACCOUNT, after, 1)
        seen += [m.media_id for m in result.items]
        after = result.after
        if after is None:
            break

    assert seen == [MEDIA, CAROUSEL, OLDER_MEDIA]
    sent = [call.request.url for call in graph.calls]
    assert [url.params.get("after") for url in sent] == [None, "CUR1", "CUR2"]
    assert all(url.path == f"/v24.0/{IG_USER}/media" for url in sent)
    assert not any("leaked" in str(url) for url in sent)


async def test_media_are_read_with_every_field_and_utc_timestamps(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    item = {
        "id": MEDIA,
        "caption": "Hello #world",
        "media_type": "VIDEO",
        "media_product_type": "REELS",
        "media_url": "https://cdn.test/r.mp4",
        "thumbnail_url": "https://cdn.test/r.jpg",
        "permalink": "https://www.instagram.com/reel/abc/",
        "timestamp": "2026-11-25T16:30:00+0100",
        "like_count": 12,
        "comments_count": 3,
    }
    graph.get(f"/{IG_USER}/media").respond(json=page([item]))

    result = await gateway.media_page(ACCOUNT, None, 25)

    assert result == MediaPage(
        items=(
            RemoteMedia(
                media_id=MEDIA,
                media_type="VIDEO",
                timestamp=datetime(2026, 11, 25, 15, 30, tzinfo=UTC),
                caption="Hello #world",
                media_product_type="REELS",
                media_url="https://cdn.test/r.mp4",
                thumbnail_url="https://cdn.test/r.jpg",
                permalink="https://www.instagram.com/reel/abc/",
                like_count=12,
                comments_count=3,
            ),
        ),
        after=None,
    )
    assert result.items[0].timestamp.utcoffset() == timedelta(0)


async def test_carousel_children_come_as_dicts_with_only_the_keys_graph_sent(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    children = {
        "data": [
            {"id": CHILD, "media_type": "IMAGE", "media_url": "https://cdn.test/1.jpg"},
            {
                "id": "18000000000000032",
                "media_type": "VIDEO",
                "media_url": "https://cdn.test/2.mp4",
                "thumbnail_url": "https://cdn.test/2.jpg",
            },
        ]
    }
    carousel = media(CAROUSEL, media_type="CAROUSEL_ALBUM", children=children)
    graph.get(f"/{IG_USER}/media").respond(json=page([carousel, media(MEDIA)]))

    result = await gateway.media_page(ACCOUNT, None, 25)

    assert result.items[0].children == (
        {"id": CHILD, "media_type": "IMAGE", "media_url": "https://cdn.test/1.jpg"},
        {
            "id": "18000000000000032",
            "media_type": "VIDEO",
            "media_url": "https://cdn.test/2.mp4",
            "thumbnail_url": "https://cdn.test/2.jpg",
        },
    )
    assert result.items[1].children == ()


async def test_media_without_an_id_a_type_or_a_time_are_left_out(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    unreadable = [
        {"media_type": "IMAGE", "timestamp": "2026-11-25T15:00:00+0000"},
        {"id": OLDER_MEDIA, "timestamp": "2026-11-25T15:00:00+0000"},
        {"id": CAROUSEL, "media_type": "IMAGE", "timestamp": "yesterday"},
    ]
    graph.get(f"/{IG_USER}/media").respond(json=page([media(MEDIA), *unreadable]))

    result = await gateway.media_page(ACCOUNT, None, 25)

    assert [m.media_id for m in result.items] == [MEDIA]


# --- comments --------------------------------------------------------------------------------


async def test_comments_ask_for_their_fields_and_replies_a_hundred_at_a_time(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{MEDIA}/comments").respond(json=page([]))

    assert await gateway.comments(ACCOUNT, MEDIA) == []

    assert dict(route.calls.last.request.url.params) == {"fields": COMMENT_FIELDS, "limit": "100"}


async def test_comments_follow_the_after_cursor_to_the_last_page(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{MEDIA}/comments")
    route.side_effect = [
        httpx.Response(200, json=page([comment(COMMENT)], after="C1")),
        httpx.Response(200, json=page([comment(OTHER_COMMENT)], after="C2")),
        httpx.Response(200, json=page([comment("17850000000000003")])),
    ]

    found = await gateway.comments(ACCOUNT, MEDIA)

    assert [c.comment_id for c in found] == [COMMENT, OTHER_COMMENT, "17850000000000003"]
    assert [call.request.url.params.get("after") for call in route.calls] == [None, "C1", "C2"]
    assert not any("leaked" in str(call.request.url) for call in route.calls)


async def test_comments_are_read_with_utc_timestamps_likes_and_hidden(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    item = {
        "id": COMMENT,
        "text": "Great shot",
        "username": "bob",
        "timestamp": "2026-11-25T15:05:00+0000",
        "like_count": 4,
        "hidden": True,
    }
    graph.get(f"/{MEDIA}/comments").respond(json=page([item]))

    assert await gateway.comments(ACCOUNT, MEDIA) == [
        RemoteComment(
            comment_id=COMMENT,
            text="Great shot",
            timestamp=datetime(2026, 11, 25, 15, 5, tzinfo=UTC),
            username="bob",
            like_count=4,
            hidden=True,
        )
    ]


async def test_each_comment_is_followed_by_its_replies_which_carry_its_id(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    replies = {"data": [comment(REPLY, "Thanks", username="alice")]}
    graph.get(f"/{MEDIA}/comments").respond(
        json=page([comment(COMMENT, replies=replies), comment(OTHER_COMMENT)])
    )

    found = await gateway.comments(ACCOUNT, MEDIA)

    assert [(c.comment_id, c.parent_id) for c in found] == [
        (COMMENT, None),
        (REPLY, COMMENT),
        (OTHER_COMMENT, None),
    ]
    assert found[1].text == "Thanks"
    assert found[1].username == "alice"


async def test_replies_that_did_not_fit_are_fetched_from_the_replies_edge_after_the_cursor(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    replies = page([comment(REPLY)], after="R1")
    graph.get(f"/{MEDIA}/comments").respond(
        json=page([comment(COMMENT, replies=replies), comment(OTHER_COMMENT)])
    )
    more = graph.get(f"/{COMMENT}/replies")
    more.side_effect = [
        httpx.Response(200, json=page([comment(LATE_REPLY)], after="R2")),
        httpx.Response(200, json=page([comment("17860000000000003")])),
    ]

    found = await gateway.comments(ACCOUNT, MEDIA)

    assert [(c.comment_id, c.parent_id) for c in found] == [
        (COMMENT, None),
        (REPLY, COMMENT),
        (LATE_REPLY, COMMENT),
        ("17860000000000003", COMMENT),
        (OTHER_COMMENT, None),
    ]
    sent = [call.request.url.params for call in more.calls]
    assert [p["after"] for p in sent] == ["R1", "R2"]
    assert all(p["fields"] == REPLY_FIELDS and p["limit"] == "100" for p in sent)


async def test_a_comment_cursor_that_does_not_move_on_is_transient_not_endless(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{MEDIA}/comments").respond(json=page([comment(COMMENT)], after="SAME"))

    with pytest.raises(TransientPlatformError, match="cursor"):
        await gateway.comments(ACCOUNT, MEDIA)
    assert route.call_count == 2


async def test_comments_without_an_id_or_a_time_are_left_out_with_their_replies(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    no_id = comment(COMMENT, replies={"data": [comment(LATE_REPLY)]})
    del no_id["id"]
    graph.get(f"/{MEDIA}/comments").respond(
        json=page(
            [
                no_id,
                {"id": OTHER_COMMENT, "text": "no time"},
                comment(COMMENT, replies={"data": [{"id": REPLY, "text": "no time"}]}),
            ]
        )
    )

    assert [c.comment_id for c in await gateway.comments(ACCOUNT, MEDIA)] == [COMMENT]


# --- acting on comments ----------------------------------------------------------------------


async def test_add_comment_posts_the_message_and_returns_the_new_id(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    route = graph.post(f"/{MEDIA}/comments").respond(json={"id": COMMENT})

    assert await gateway.add_comment(ACCOUNT, MEDIA, "First! & more") == COMMENT
    assert form_of(route.calls.last.request) == {"message": "First! & more"}


async def test_reply_posts_the_message_to_the_comment_and_returns_the_new_id(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    route = graph.post(f"/{COMMENT}/replies").respond(json={"id": REPLY})

    assert await gateway.reply(ACCOUNT, COMMENT, "Thank you") == REPLY
    assert form_of(route.calls.last.request) == {"message": "Thank you"}


@pytest.mark.parametrize(("hide", "sent"), [(True, "true"), (False, "false")])
async def test_hide_comment_posts_hide_true_or_false_to_the_comment(
    gateway: InstagramMediaGateway, graph: respx.MockRouter, hide: bool, sent: str
) -> None:
    route = graph.post(f"/{COMMENT}").respond(json={"success": True})

    await gateway.hide_comment(ACCOUNT, COMMENT, hide)

    assert form_of(route.calls.last.request) == {"hide": sent}


async def test_delete_comment_sends_a_delete_without_params(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    route = graph.delete(f"/{COMMENT}").respond(json={"success": True})

    await gateway.delete_comment(ACCOUNT, COMMENT)

    request = route.calls.last.request
    assert request.method == "DELETE"
    assert not request.url.params
    assert request.content == b""


async def test_a_new_comment_answer_without_an_id_is_outcome_unknown(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    graph.post(f"/{MEDIA}/comments").respond(json={"ok": True})

    with pytest.raises(OutcomeUnknown):
        await gateway.add_comment(ACCOUNT, MEDIA, "Hi")


@pytest.mark.parametrize("body", [{}, {"success": False}])
async def test_hide_or_delete_not_confirmed_as_a_success_is_outcome_unknown(
    gateway: InstagramMediaGateway, graph: respx.MockRouter, body: dict[str, Any]
) -> None:
    graph.post(f"/{COMMENT}").respond(json=body)
    graph.delete(f"/{COMMENT}").respond(json=body)

    with pytest.raises(OutcomeUnknown):
        await gateway.hide_comment(ACCOUNT, COMMENT, True)
    with pytest.raises(OutcomeUnknown):
        await gateway.delete_comment(ACCOUNT, COMMENT)


# --- errors, the same as when publishing -----------------------------------------------------


async def test_an_expired_token_is_rejected_credentials_asking_to_reconnect(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{IG_USER}/media").mock(
        return_value=error_response(400, 190, message="Session has expired")
    )

    with pytest.raises(CredentialRejected, match="reconnect the Instagram account"):
        await gateway.media_page(ACCOUNT, None, 25)


async def test_a_server_failure_reading_comments_is_transient_not_outcome_unknown(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{MEDIA}/comments").respond(502, text="<html>Bad Gateway</html>")

    with pytest.raises(TransientPlatformError) as caught:
        await gateway.comments(ACCOUNT, MEDIA)
    assert type(caught.value) is TransientPlatformError


async def test_a_server_failure_answering_a_new_comment_is_outcome_unknown(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    graph.post(f"/{MEDIA}/comments").mock(return_value=error_response(500, 2))

    with pytest.raises(OutcomeUnknown):
        await gateway.add_comment(ACCOUNT, MEDIA, "Hi")


async def test_a_server_failure_answering_a_delete_is_outcome_unknown(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    graph.delete(f"/{COMMENT}").mock(return_value=error_response(500, 1))

    with pytest.raises(OutcomeUnknown):
        await gateway.delete_comment(ACCOUNT, COMMENT)


async def test_no_answer_to_a_reply_or_a_delete_is_outcome_unknown(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    graph.post(f"/{COMMENT}/replies").mock(side_effect=httpx.ReadTimeout("lost"))
    graph.delete(f"/{COMMENT}").mock(side_effect=httpx.ReadTimeout("lost"))

    with pytest.raises(OutcomeUnknown):
        await gateway.reply(ACCOUNT, COMMENT, "Hi")
    with pytest.raises(OutcomeUnknown):
        await gateway.delete_comment(ACCOUNT, COMMENT)


async def test_no_answer_to_a_read_is_transient_not_outcome_unknown(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{IG_USER}/media").mock(side_effect=httpx.ReadTimeout("lost"))

    with pytest.raises(TransientPlatformError) as caught:
        await gateway.media_page(ACCOUNT, None, 25)
    assert type(caught.value) is TransientPlatformError


async def test_a_comment_that_never_reached_instagram_is_transient_not_outcome_unknown(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    graph.post(f"/{MEDIA}/comments").mock(side_effect=httpx.ConnectError("unreachable"))

    with pytest.raises(TransientPlatformError) as caught:
        await gateway.add_comment(ACCOUNT, MEDIA, "Hi")
    assert type(caught.value) is TransientPlatformError


async def test_a_refused_comment_is_permanent_and_says_it_was_the_comment(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    graph.post(f"/{COMMENT}/replies").mock(
        return_value=error_response(400, 100, message="Comments are turned off")
    )

    with pytest.raises(PermanentPlatformError) as caught:
        await gateway.reply(ACCOUNT, COMMENT, "Hi")
    assert type(caught.value) is PermanentPlatformError
    assert str(caught.value) == "Instagram refused the comment: Comments are turned off"


async def test_rate_limited_reads_are_transient_with_retry_after(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{MEDIA}/comments").respond(429, text="slow", headers={"Retry-After": "30"})

    with pytest.raises(RateLimited) as caught:
        await gateway.comments(ACCOUNT, MEDIA)
    assert type(caught.value) is RateLimited
    assert caught.value.retry_after == timedelta(seconds=30)


async def test_usage_near_the_limit_makes_the_next_call_busy_without_sending_it(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    usage = {"x-app-usage": json.dumps({"call_count": 90, "total_time": 1, "total_cputime": 1})}
    route = graph.get(f"/{IG_USER}/media").respond(json=page([]), headers=usage)

    await gateway.media_page(ACCOUNT, None, 25)
    with pytest.raises(PlatformBusy):
        await gateway.media_page(ACCOUNT, None, 25)
    assert route.call_count == 1


async def test_gateways_sharing_a_throttle_hold_back_on_each_others_usage(
    clock: FakeClock, client: httpx.AsyncClient, graph: respx.MockRouter
) -> None:
    throttle = UsageThrottle(clock)
    media_gateway = HttpxInstagramMediaGateway(client, BASE, clock, throttle=throttle)
    publishing = HttpxInstagramGateway(client, BASE, clock, throttle=throttle)
    usage = {"x-app-usage": json.dumps({"call_count": 90, "total_time": 1, "total_cputime": 1})}
    graph.get(f"/{IG_USER}/media").respond(json=page([]), headers=usage)
    permalink = graph.get(f"/{MEDIA}").respond(json={"permalink": "p"})

    await media_gateway.media_page(ACCOUNT, None, 25)
    with pytest.raises(PlatformBusy):
        await publishing.permalink(ACCOUNT, MEDIA)
    assert permalink.call_count == 0


# --- the token -------------------------------------------------------------------------------


async def call_every_endpoint(gateway: InstagramMediaGateway, graph: respx.MockRouter) -> None:
    graph.get(f"/{IG_USER}/media").respond(json=page([media(MEDIA)]))
    graph.get(f"/{MEDIA}/comments").respond(
        json=page([comment(COMMENT, replies=page([comment(REPLY)], after="R1"))])
    )
    graph.get(f"/{COMMENT}/replies").respond(json=page([comment(LATE_REPLY)]))
    graph.post(f"/{MEDIA}/comments").respond(json={"id": OTHER_COMMENT})
    graph.post(f"/{COMMENT}/replies").respond(json={"id": REPLY})
    graph.post(f"/{COMMENT}").respond(json={"success": True})
    graph.delete(f"/{COMMENT}").respond(json={"success": True})
    await gateway.media_page(ACCOUNT, "CUR", 50)
    await gateway.comments(ACCOUNT, MEDIA)
    await gateway.add_comment(ACCOUNT, MEDIA, "Hi")
    await gateway.reply(ACCOUNT, COMMENT, "Hi back")
    await gateway.hide_comment(ACCOUNT, COMMENT, True)
    await gateway.delete_comment(ACCOUNT, COMMENT)


async def test_every_request_uses_only_params_and_fields_the_contract_lists(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    await call_every_endpoint(gateway, graph)

    assert len(graph.calls) == 7
    for call in graph.calls:
        assert_follows_contract(call.request)


async def test_token_is_sent_only_as_a_bearer_header_never_in_the_url_or_body(
    gateway: InstagramMediaGateway, graph: respx.MockRouter
) -> None:
    await call_every_endpoint(gateway, graph)

    assert_token_only_in_bearer_header(graph.calls, TOKEN)


@pytest.mark.parametrize(
    "response",
    [
        error_response(400, 190, message=f"Invalid OAuth access token {TOKEN}"),
        error_response(400, 100, message=f"Bad comment for token {TOKEN}"),
        error_response(500, 2, message=f"Unexpected error for {TOKEN}", is_transient=True),
    ],
)
async def test_error_messages_never_contain_the_token(
    gateway: InstagramMediaGateway, graph: respx.MockRouter, response: httpx.Response
) -> None:
    graph.post(f"/{MEDIA}/comments").mock(return_value=response)

    with pytest.raises(PlatformError) as caught:
        await gateway.add_comment(ACCOUNT, MEDIA, "Hi")

    assert TOKEN not in str(caught.value)
    assert TOKEN not in repr(caught.value)
    assert "[token]" in caught.value.message


async def test_neither_errors_nor_logs_of_a_lost_delete_hold_the_token(
    gateway: InstagramMediaGateway, graph: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    graph.delete(f"/{COMMENT}").mock(
        side_effect=httpx.ReadTimeout(f"timed out sending Authorization: Bearer {TOKEN}")
    )

    with pytest.raises(OutcomeUnknown) as caught:
        await gateway.delete_comment(ACCOUNT, COMMENT)

    assert TOKEN not in "".join(traceback.format_exception(caught.value))
    assert caplog.records
    assert TOKEN not in caplog.text
