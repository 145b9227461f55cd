"""HttpxInstagramInsightsGateway against a respx-mocked Graph API.

Every request a test makes is also checked against the Graph node specs in
``shared/contracts/instagram-graph``, the insights enums included (the ``graph`` fixture)."""

from __future__ import annotations

from collections.abc import AsyncIterator
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
)

from autopost.adapters.platforms.instagram_insights_api import HttpxInstagramInsightsGateway
from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
    RateLimited,
    TransientPlatformError,
)
from autopost.domain.insights import MediaMetric, metrics_for

pytestmark = pytest.mark.integration

TOKEN = "EAAGm0PX4ZCpsBAsecretTOKEN42"
IG_USER = "17841400000000001"
MEDIA = "18000000000000001"
ACCOUNT = InstagramAccount(IG_USER, TOKEN)
REELS = metrics_for("VIDEO", "REELS")


@pytest.fixture
def graph_nodes() -> dict[str, str]:
    return {IG_USER: "IGUser", MEDIA: "IGMedia"}


@pytest.fixture
async def gateway(
    clock: FakeClock, graph: respx.MockRouter
) -> AsyncIterator[HttpxInstagramInsightsGateway]:
    async with httpx.AsyncClient() as client:
        yield HttpxInstagramInsightsGateway(client, GRAPH_BASE, clock)


def insight(name: str, value: Any, total: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {"name": name, "period": "lifetime", "id": f"{MEDIA}/insights/{name}"}
    if total:
        found["total_value"] = {"value": value}
    else:
        found["values"] = [{"value": value}]
    return found


def answer(**values: Any) -> dict[str, Any]:
    return {"data": [insight(name, value) for name, value in values.items()]}


def asked(request: httpx.Request) -> list[str]:
    return request.url.params["metric"].split(",")


def not_supported(*names: str) -> httpx.Response:
    listed = ", ".join(names)
    return error_response(
        400,
        100,
        message=f"(#100) The Media Insights API does not support the {listed} metric for this "
        "media product type.",
    )


def test_contract_check_refuses_a_metric_the_enum_does_not_list() -> None:
    request = httpx.Request(
        "GET", f"{GRAPH_BASE}/{MEDIA}/insights", params={"metric": "reach,fame"}
    )
    with pytest.raises(AssertionError, match="fame"):
        graph_contract.assert_follows_contract(request, {MEDIA: "IGMedia"})


async def test_every_metric_asked_comes_back_by_its_name(
    gateway: HttpxInstagramInsightsGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{MEDIA}/insights").respond(
        json={
            "data": [
                insight("views", 1500),
                insight("reach", 900, total=True),
                insight("ig_reels_avg_watch_time", 7250.4),
                insight("ig_reels_video_view_total_time", 3_000_000_000),
                insight("likes", "not a number"),
            ]
        }
    )
    found = await gateway.media_insights(ACCOUNT, MEDIA, REELS)
    assert asked(route.calls.last.request) == [m.value for m in REELS]
    assert found == {
        MediaMetric.VIEWS: 1500,
        MediaMetric.REACH: 900,
        MediaMetric.REELS_AVG_WATCH_TIME: 7250,
        MediaMetric.REELS_TOTAL_WATCH_TIME: 3_000_000_000,
    }
    assert_token_only_in_bearer_header(graph.calls, TOKEN)


async def test_a_metric_instagram_refuses_is_left_out_and_the_others_kept(
    gateway: HttpxInstagramInsightsGateway, graph: respx.MockRouter
) -> None:
    route = graph.get(f"/{MEDIA}/insights").mock(
        side_effect=[
            not_supported("saved", "views"),
            error_response(
                400, 100, message="(#100) The metric shares is not supported for this media type"
            ),
            httpx.Response(200, json=answer(reach=10, likes=2)),
        ]
    )
    found = await gateway.media_insights(ACCOUNT, MEDIA, metrics_for("IMAGE", "FEED"))
    sent = [asked(call.request) for call in route.calls]
    assert "saved" in sent[0] and "views" in sent[0]
    assert "saved" not in sent[1] and "views" not in sent[1] and "shares" in sent[1]
    assert "shares" not in sent[2] and "reach" in sent[2]
    assert found == {MediaMetric.REACH: 10, MediaMetric.LIKES: 2}


async def test_a_refusal_that_names_no_metric_asks_each_on_its_own(
    gateway: HttpxInstagramInsightsGateway, graph: respx.MockRouter
) -> None:
    def one_at_a_time(request: httpx.Request) -> httpx.Response:
        metrics = asked(request)
        if len(metrics) > 1 or metrics == ["likes"]:
            return error_response(400, 100, message="(#100) Invalid parameter")
        return httpx.Response(200, json=answer(**{metrics[0]: 3}))

    route = graph.get(f"/{MEDIA}/insights").mock(side_effect=one_at_a_time)
    found = await gateway.media_insights(ACCOUNT, MEDIA, [MediaMetric.REACH, MediaMetric.LIKES])
    assert found == {MediaMetric.REACH: 3}
    assert len(route.calls) == 3


@pytest.mark.parametrize(
    "refusal",
    [
        error_response(400, 10, message="(#10) Not enough viewers for the media to show insights"),
        error_response(
            400, 100, 2108006, message="Media Posted Before Business Account Conversion"
        ),
    ],
)
async def test_a_media_without_insights_answers_none(
    gateway: HttpxInstagramInsightsGateway, graph: respx.MockRouter, refusal: httpx.Response
) -> None:
    graph.get(f"/{MEDIA}/insights").mock(return_value=refusal)
    assert await gateway.media_insights(ACCOUNT, MEDIA, REELS) == {}


async def test_a_media_gone_from_instagram_is_a_refusal_not_an_empty_answer(
    gateway: HttpxInstagramInsightsGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{MEDIA}/insights").mock(
        return_value=error_response(400, 100, 33, message="Unsupported get request.")
    )
    with pytest.raises(PermanentPlatformError):
        await gateway.media_insights(ACCOUNT, MEDIA, REELS)


@pytest.mark.parametrize(
    ("refusal", "error"),
    [
        (error_response(503, 2, message="Service temporarily unavailable"), TransientPlatformError),
        (error_response(400, 4, message="Application request limit reached"), RateLimited),
        (error_response(400, 190, message="Error validating access token"), CredentialRejected),
    ],
)
async def test_passing_failures_and_a_refused_token_are_raised(
    gateway: HttpxInstagramInsightsGateway,
    graph: respx.MockRouter,
    refusal: httpx.Response,
    error: type[Exception],
) -> None:
    graph.get(f"/{MEDIA}/insights").mock(return_value=refusal)
    with pytest.raises(error):
        await gateway.media_insights(ACCOUNT, MEDIA, REELS)


async def test_the_account_numbers_are_its_followers_and_the_newest_online_day(
    gateway: HttpxInstagramInsightsGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{IG_USER}").respond(json={"followers_count": 4321, "id": IG_USER})
    route = graph.get(f"/{IG_USER}/insights").respond(
        json={
            "data": [
                {
                    "name": "online_followers",
                    "period": "lifetime",
                    "values": [
                        {"value": {"0": 1, "1": 2}, "end_time": "2026-11-29T08:00:00+0000"},
                        {"value": {"0": 30, "13": 250}, "end_time": "2026-11-30T08:00:00+0000"},
                        {"value": {}, "end_time": "2026-12-01T08:00:00+0000"},
                    ],
                }
            ]
        }
    )
    numbers = await gateway.account_numbers(ACCOUNT)
    assert dict(route.calls.last.request.url.params) == {
        "metric": "online_followers",
        "period": "lifetime",
    }
    assert numbers.followers_count == 4321
    assert numbers.online_followers == {0: 30, 13: 250}
    assert str(numbers.online_day) == "2026-11-30"


async def test_an_account_instagram_gives_no_online_followers_still_has_its_followers(
    gateway: HttpxInstagramInsightsGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{IG_USER}").respond(json={"followers_count": 40, "id": IG_USER})
    graph.get(f"/{IG_USER}/insights").respond(json={"data": []})
    numbers = await gateway.account_numbers(ACCOUNT)
    assert (numbers.followers_count, numbers.online_followers) == (40, {})


def test_every_metric_autopost_asks_for_is_in_the_insights_enum() -> None:
    values = graph_contract.enum_values()["shadowigmediainsights_metric_enum_param"]
    assert {m.value for m in MediaMetric} <= values


async def test_online_followers_refused_still_give_the_follower_count(
    gateway: HttpxInstagramInsightsGateway, graph: respx.MockRouter
) -> None:
    graph.get(f"/{IG_USER}").respond(json={"followers_count": 77, "id": IG_USER})
    graph.get(f"/{IG_USER}/insights").mock(
        return_value=error_response(
            403, 10, message="(#10) Application does not have permission for this action"
        )
    )
    numbers = await gateway.account_numbers(ACCOUNT)
    assert (numbers.followers_count, numbers.online_followers) == (77, {})
