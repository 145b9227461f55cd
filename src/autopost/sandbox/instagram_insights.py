"""``GET /{ig-media-id}/insights`` and ``GET /{ig-user-id}/insights``, with numbers that
look like an account's and change as time passes.

The numbers come from the media's or account's id and its age, not from stored state: a
media's reach and views rise quickly over its first days and then level off; its likes and
comments are the ones the sandbox counts (``like_count``, ``comments_count``); an account's
followers grow a little every day, and are online mostly in the evening.

Refused as Instagram refuses (Meta's Media Insights reference and the errors it answers): a
metric the insights enum does not list, a retired one (``impressions``, ``plays`` and their
like), one the media's kind does not have (naming every such metric in one refusal), a call
without ``metric``, a carousel's item, and a story seen by fewer than 5 accounts. A story's
metrics are gone 24 hours after it was published (an empty data set).
"""

from __future__ import annotations

import math
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

from autopost.sandbox.graph_errors import GraphError, invalid_param
from autopost.sandbox.instagram_contract import (
    MEDIA_INSIGHTS_METRICS,
    MEDIA_INSIGHTS_PARAMS,
    MEDIA_INSIGHTS_PERIODS,
    USER_INSIGHTS_METRICS,
    USER_INSIGHTS_PARAMS,
    USER_INSIGHTS_PERIODS,
)
from autopost.sandbox.instagram_media_rules import check_param_names
from autopost.sandbox.instagram_state import Account, Media, ProductType

Payload = dict[str, Any]

RETIRED = frozenset(
    {"impressions", "plays", "clips_replays_count", "ig_reels_aggregated_all_plays_count",
     "video_views"}
)  # fmt: skip
_FEED = frozenset(
    {"comments", "likes", "reach", "saved", "shares", "total_interactions", "views", "follows",
     "profile_visits", "profile_activity"}
)  # fmt: skip
SUPPORTED: dict[ProductType, frozenset[str]] = {
    ProductType.FEED: _FEED,
    ProductType.REELS: (_FEED - {"follows", "profile_visits", "profile_activity"})
    | {"ig_reels_avg_watch_time", "ig_reels_video_view_total_time"},
    ProductType.STORY: frozenset(
        {"reach", "replies", "shares", "total_interactions", "views", "navigation", "follows",
         "profile_visits", "profile_activity"}
    ),
}  # fmt: skip
STORY_INSIGHTS_FOR = timedelta(hours=24)
STORY_MIN_VIEWERS = 5
# Accounts with fewer followers have no online_followers (an empty value).
ONLINE_FOLLOWERS_FROM = 100
_GROWTH_HOURS = 36.0
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def media_insights(media: Media, params: dict[str, str], now: datetime) -> Payload:
    check_param_names(params, MEDIA_INSIGHTS_PARAMS)
    metrics = _metric_list(params, MEDIA_INSIGHTS_METRICS)
    _check_periods(params, MEDIA_INSIGHTS_PERIODS)
    retired = [m for m in metrics if m in RETIRED]
    if retired:
        raise invalid_param(
            f"Starting from version 22 and above, the {retired[0]} metric is no longer "
            "supported for the queried media. Please refer to the documentation for the "
            "list of supported metrics."
        )
    if media.parent_id is not None:
        raise invalid_param("Insights data is not available for media within an album")
    refused = [m for m in metrics if m not in SUPPORTED[media.product]]
    if refused:
        raise invalid_param(
            f"The Media Insights API does not support the {', '.join(refused)} metric for "
            "this media product type."
        )
    age = now - media.timestamp
    if media.product == ProductType.STORY and age > STORY_INSIGHTS_FOR:
        return {"data": []}
    values = _media_values(media, age)
    if media.product == ProductType.STORY and values["reach"] < STORY_MIN_VIEWERS:
        raise GraphError("(#10) Not enough viewers for the media to show insights", code=10)
    return {
        "data": [
            {
                "name": name,
                "period": "lifetime",
                "values": [{"value": values.get(name, 0)}],
                "title": name.replace("_", " ").capitalize(),
                "description": f"The media's {name.replace('_', ' ')}, over its lifetime.",
                "id": f"{media.id}/insights/{name}/lifetime",
            }
            for name in metrics
        ]
    }


def user_insights(account: Account, params: dict[str, str], now: datetime) -> Payload:
    check_param_names(params, USER_INSIGHTS_PARAMS)
    metrics = _metric_list(params, USER_INSIGHTS_METRICS)
    if not params.get("period"):
        raise invalid_param("The parameter period is required")
    _check_periods(params, USER_INSIGHTS_PERIODS)
    emulated = {"online_followers"}
    others = [m for m in metrics if m not in emulated]
    if others:
        raise invalid_param(f"The sandbox does not emulate the {others[0]} metric")
    if params["period"] != "lifetime":
        raise invalid_param("online_followers is given for the lifetime period only")
    count = followers(account.ig_user_id, now)
    # The last two days Instagram has complete, each ending at midnight Pacific (07:00 UTC).
    last_end = now.replace(hour=7, minute=0, second=0, microsecond=0)
    if last_end > now:
        last_end -= timedelta(days=1)
    days = [last_end - timedelta(days=1), last_end]
    return {
        "data": [
            {
                "name": "online_followers",
                "period": "lifetime",
                "values": [
                    {
                        "value": online_followers(account.ig_user_id, count, end),
                        "end_time": end.strftime("%Y-%m-%dT%H:%M:%S+0000"),
                    }
                    for end in days
                ],
                "title": "Online followers",
                "description": "Total number of your followers who were online.",
                "id": f"{account.ig_user_id}/insights/online_followers/lifetime",
            }
        ]
    }


def followers(ig_user_id: str, now: datetime) -> int:
    """Between 150 and 20,150 to start with, and 5 to 45 more each day."""
    seed = _seed(ig_user_id)
    days = max((now - _EPOCH).total_seconds() / 86_400, 0.0)
    return 150 + seed % 20_000 + int((5 + seed % 41) * days)


def online_followers(ig_user_id: str, count: int, day_end: datetime) -> dict[str, int]:
    """How many of ``count`` followers were online in each hour: most in the evening."""
    if count < ONLINE_FOLLOWERS_FROM:
        return {}
    seed = _seed(f"{ig_user_id}/{day_end.date()}")
    peak = 17 + seed % 5  # the busiest hour, by account and day
    hours: dict[str, int] = {}
    for hour in range(24):
        distance = min(abs(hour - peak), 24 - abs(hour - peak))
        share = 0.08 + 0.5 * math.exp(-(distance**2) / 18)
        hours[str(hour)] = int(count * share)
    return hours


def _media_values(media: Media, age: timedelta) -> dict[str, int]:
    seed = _seed(media.id)
    hours = max(age.total_seconds() / 3600, 0.0)
    grown = 1 - math.exp(-hours / _GROWTH_HOURS)
    reach = int((200 + seed % 5_000) * grown)
    views = int(reach * (1.3 + (seed % 70) / 100))
    saved = int(reach * (seed % 5) / 100)
    shares = int(reach * (seed % 3) / 100)
    likes, comments = media.like_count, media.comments_count
    avg_watch_ms = 3_000 + seed % 12_000
    return {
        "reach": reach,
        "views": views,
        "likes": likes,
        "comments": comments,
        "saved": saved,
        "shares": shares,
        "total_interactions": likes + comments + saved + shares,
        "ig_reels_avg_watch_time": avg_watch_ms if views else 0,
        "ig_reels_video_view_total_time": avg_watch_ms * views,
    }


def _metric_list(params: dict[str, str], known: frozenset[str]) -> list[str]:
    raw = params.get("metric")
    if not raw:
        raise invalid_param("The parameter metric is required")
    metrics = [m.strip() for m in raw.split(",")]
    for place, metric in enumerate(metrics):
        if metric not in known:
            raise invalid_param(
                f"metric[{place}] must be one of the following values: {', '.join(sorted(known))}"
            )
    return metrics


def _check_periods(params: dict[str, str], known: frozenset[str]) -> None:
    for period in filter(None, params.get("period", "").split(",")):
        if period not in known:
            raise invalid_param(
                f"period must be one of the following values: {', '.join(sorted(known))}"
            )


def _seed(text: str) -> int:
    return zlib.crc32(text.encode())
