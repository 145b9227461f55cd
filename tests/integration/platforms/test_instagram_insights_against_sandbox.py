"""The insights gateway against `autopost sandbox` (in process): each kind of media gives the
metrics Instagram gives for it, the numbers rise as time passes, and the sandbox refuses
what Instagram refuses."""

from __future__ import annotations

from typing import Any

import graph_contract
import httpx
import pytest
from platform_kit import SANDBOX_BASE, FakeClock

from autopost.adapters.platforms.instagram_graph import HttpxInstagramGateway
from autopost.adapters.platforms.instagram_insights_api import HttpxInstagramInsightsGateway
from autopost.adapters.platforms.instagram_media_api import HttpxInstagramMediaGateway
from autopost.application.ports.instagram_gateway import ContainerRequest, InstagramAccount
from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.domain.insights import MediaMetric, metrics_for
from autopost.sandbox import instagram_contract as contract

pytestmark = pytest.mark.integration

GRAPH = f"{SANDBOX_BASE}/v24.0"
DEMO = InstagramAccount("17841400000000001", "sandbox-instagram-token")
AUTH = {"Authorization": f"Bearer {DEMO.access_token}"}


@pytest.fixture
def gateway(sandbox: httpx.AsyncClient, clock: FakeClock) -> HttpxInstagramInsightsGateway:
    return HttpxInstagramInsightsGateway(sandbox, GRAPH, clock)


async def seeded(sandbox: httpx.AsyncClient, clock: FakeClock, **plan: Any) -> list[RemoteMedia]:
    answer = await sandbox.post(
        f"/_sandbox/instagram/accounts/{DEMO.ig_user_id}/media/seed",
        json={"count": 6, "carousel_every": 3, **plan},
    )
    assert answer.status_code == 201, answer.text
    page = await HttpxInstagramMediaGateway(sandbox, GRAPH, clock).media_page(DEMO, None, 100)
    return list(page.items)


async def story(sandbox: httpx.AsyncClient, clock: FakeClock) -> str:
    publishing = HttpxInstagramGateway(sandbox, GRAPH, clock)
    request = ContainerRequest("STORIES", image_url="https://cdn.example.com/s.jpg")
    container = await publishing.create_container(DEMO, request)
    return await publishing.publish_container(DEMO, container)


async def test_each_kind_of_media_gives_its_metrics_and_they_rise_over_time(
    sandbox: httpx.AsyncClient, gateway: HttpxInstagramInsightsGateway, clock: FakeClock
) -> None:
    media = await seeded(sandbox, clock)
    kinds = {(m.media_type, m.media_product_type) for m in media}
    assert ("VIDEO", "REELS") in kinds and ("CAROUSEL_ALBUM", "FEED") in kinds
    first: dict[str, dict[MediaMetric, int]] = {}
    for item in media:
        asked = metrics_for(item.media_type, item.media_product_type)
        first[item.media_id] = dict(await gateway.media_insights(DEMO, item.media_id, asked))
        assert set(first[item.media_id]) == set(asked), "every metric of its kind, none refused"
    clock.advance(days=3)
    for item in media:
        asked = metrics_for(item.media_type, item.media_product_type)
        later = await gateway.media_insights(DEMO, item.media_id, asked)
        assert later[MediaMetric.REACH] >= first[item.media_id][MediaMetric.REACH]
        assert later[MediaMetric.VIEWS] >= later[MediaMetric.REACH]
    reel = next(m for m in media if m.media_product_type == "REELS")
    grown = await gateway.media_insights(DEMO, reel.media_id, metrics_for("VIDEO", "REELS"))
    assert grown[MediaMetric.REELS_TOTAL_WATCH_TIME] > grown[MediaMetric.REELS_AVG_WATCH_TIME]


async def test_metrics_a_media_does_not_have_are_refused_and_the_others_kept(
    sandbox: httpx.AsyncClient, gateway: HttpxInstagramInsightsGateway, clock: FakeClock
) -> None:
    media = await seeded(sandbox, clock)
    photo = next(m for m in media if m.media_type == "IMAGE")
    clock.advance(days=1)
    # A photo asked for a reel's metrics: Instagram refuses the watch times, names them.
    found = await gateway.media_insights(DEMO, photo.media_id, metrics_for("VIDEO", "REELS"))
    assert set(found) == set(metrics_for("IMAGE", "FEED"))


async def test_a_story_has_insights_for_a_day_only(
    sandbox: httpx.AsyncClient, gateway: HttpxInstagramInsightsGateway, clock: FakeClock
) -> None:
    story_id = await story(sandbox, clock)
    clock.advance(minutes=1)
    # Seen by fewer than 5 accounts yet: Instagram answers "(#10) Not enough viewers".
    assert await gateway.media_insights(DEMO, story_id, metrics_for("IMAGE", "STORY")) == {}
    raw = await sandbox.get(f"/v24.0/{story_id}/insights", params={"metric": "reach"}, headers=AUTH)
    assert raw.json()["error"]["code"] == 10
    clock.advance(hours=6)
    found = await gateway.media_insights(DEMO, story_id, metrics_for("IMAGE", "STORY"))
    assert set(found) == set(metrics_for("IMAGE", "STORY"))
    clock.advance(hours=20)
    assert await gateway.media_insights(DEMO, story_id, metrics_for("IMAGE", "STORY")) == {}


async def test_the_account_has_followers_and_online_hours_that_grow(
    gateway: HttpxInstagramInsightsGateway, clock: FakeClock
) -> None:
    now = await gateway.account_numbers(DEMO)
    clock.advance(days=10)
    later = await gateway.account_numbers(DEMO)
    assert now.followers_count is not None and later.followers_count is not None
    assert later.followers_count > now.followers_count
    assert set(later.online_followers) == set(range(24))
    assert max(later.online_followers.values()) <= later.followers_count


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({}, "parameter metric is required"),
        ({"metric": "impressions"}, "impressions metric is no longer supported"),
        ({"metric": "reach,fame"}, "metric[1] must be one of"),
        ({"metric": "reach", "period": "forever"}, "period must be one of"),
        ({"metric": "reach", "since": "1"}, "Param since is not a valid parameter"),
    ],
)
async def test_the_sandbox_refuses_what_instagram_refuses(
    sandbox: httpx.AsyncClient, clock: FakeClock, params: dict[str, str], words: str
) -> None:
    (photo, *_) = await seeded(sandbox, clock, count=1, carousel_every=0)
    answer = await sandbox.get(f"/v24.0/{photo.media_id}/insights", params=params, headers=AUTH)
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == 100 and words in error["message"]


async def test_a_carousels_item_has_no_insights_of_its_own(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    media = await seeded(sandbox, clock)
    album = next(m for m in media if m.media_type == "CAROUSEL_ALBUM")
    child = album.children[0]["id"]
    answer = await sandbox.get(f"/v24.0/{child}/insights", params={"metric": "reach"}, headers=AUTH)
    assert answer.status_code == 400
    assert "within an album" in answer.json()["error"]["message"]


def test_the_sandboxs_insights_params_and_enums_are_the_contracts() -> None:
    def params(node: str) -> frozenset[str]:
        apis = graph_contract.node_spec(node)["apis"]
        edge = next(a for a in apis if a["method"] == "GET" and a.get("endpoint") == "insights")
        return frozenset(p["name"] for p in edge["params"])

    enums = graph_contract.enum_values()
    assert params("IGMedia") == contract.MEDIA_INSIGHTS_PARAMS
    assert params("IGUser") == contract.USER_INSIGHTS_PARAMS
    assert enums["shadowigmediainsights_metric_enum_param"] == contract.MEDIA_INSIGHTS_METRICS
    assert enums["shadowigmediainsights_period_enum_param"] == contract.MEDIA_INSIGHTS_PERIODS
    assert enums["shadowiguserinsights_metric_enum_param"] == contract.USER_INSIGHTS_METRICS
    assert enums["shadowiguserinsights_period_enum_param"] == contract.USER_INSIGHTS_PERIODS
