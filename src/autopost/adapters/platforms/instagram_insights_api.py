"""``InstagramInsightsGateway`` over httpx: the Graph API's insights edges of a media and of
an account, and the account's follower count.

Instagram refuses a whole request for one metric a media does not have (``(#100) The Media
Insights API does not support the saved metric for this media product type``, or ``The metric
shares is not supported for this media type``), and which ones it refuses varies by account
and over time. The refusal names the metric: it is asked again without it, so one refused
metric never loses the others. A refusal that names none of those asked makes the gateway
ask for each metric on its own.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date

import httpx

from autopost.adapters.platforms.graph_answers import Json, graph_time, node_path, objects
from autopost.adapters.platforms.graph_client import GraphClient
from autopost.adapters.platforms.graph_errors import GraphRefusal
from autopost.adapters.platforms.graph_throttle import UsageThrottle
from autopost.application.ports.clock import Clock
from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.ports.instagram_insights_gateway import AccountNumbers
from autopost.domain.insights import HOURS_A_DAY, MediaMetric

logger = logging.getLogger(__name__)

INVALID_PARAM = 100
# "(#10) Not enough viewers for the media to show insights": a story seen by fewer than 5.
NOT_ENOUGH_VIEWERS = 10
# The media does not exist, or cannot be read with this token: gone from Instagram.
OBJECT_MISSING = 33
# "Media Posted Before Business Account Conversion": Instagram has no insights for it.
BEFORE_CONVERSION = 2108006
INSIGHTS = "the insights"


class HttpxInstagramInsightsGateway:
    """Never waits: near a rate limit it raises ``PlatformBusy`` so the caller waits it out
    (pass the process's one ``throttle`` so it learns from every Graph answer)."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        base_url: str,
        clock: Clock,
        throttle: UsageThrottle | None = None,
        instagram_login_url: str | None = None,
    ) -> None:
        self._graph = GraphClient(client, base_url, clock, throttle, instagram_login_url)

    async def media_insights(
        self, account: InstagramAccount, media_id: str, metrics: Sequence[MediaMetric]
    ) -> Mapping[MediaMetric, int]:
        asking = list(dict.fromkeys(metrics))
        while asking:
            try:
                return await self._ask(account, media_id, asking)
            except GraphRefusal as refused:
                if _no_insights(refused):
                    return {}
                if refused.code != INVALID_PARAM or refused.subcode == OBJECT_MISSING:
                    raise
                named = [m for m in asking if _names(refused.detail, m)]
                if named:
                    logger.info("Instagram refused %s for media %s", named, media_id)
                    asking = [m for m in asking if m not in named]
                    continue
                if len(asking) == 1:
                    return {}
                return await self._one_by_one(account, media_id, asking)
        return {}

    async def account_numbers(self, account: InstagramAccount) -> AccountNumbers:
        user = await self._graph.call(
            "GET", account, node_path(account.ig_user_id), {"fields": "followers_count"}
        )
        followers = user.get("followers_count")
        params = {"metric": "online_followers", "period": "lifetime"}
        path = node_path(account.ig_user_id, "insights")
        try:
            body = await self._graph.call("GET", account, path, params, INSIGHTS, with_codes=True)
        except GraphRefusal as refused:
            # Not given for this account (under 100 followers, a permission not granted): the
            # follower count still is.
            if refused.subcode == OBJECT_MISSING:
                raise
            logger.info("no online followers for account %s: %s", account.ig_user_id, refused)
            body = {}
        hours, day = _online_hours(body)
        count = (
            followers if isinstance(followers, int) and not isinstance(followers, bool) else None
        )
        return AccountNumbers(count, hours, day)

    async def _ask(
        self, account: InstagramAccount, media_id: str, metrics: Sequence[MediaMetric]
    ) -> dict[MediaMetric, int]:
        params = {"metric": ",".join(metrics)}
        path = node_path(media_id, "insights")
        body = await self._graph.call("GET", account, path, params, INSIGHTS, with_codes=True)
        return _values(body, metrics)

    async def _one_by_one(
        self, account: InstagramAccount, media_id: str, metrics: Sequence[MediaMetric]
    ) -> dict[MediaMetric, int]:
        found: dict[MediaMetric, int] = {}
        for metric in metrics:
            try:
                found.update(await self._ask(account, media_id, [metric]))
            except GraphRefusal as refused:
                if refused.code != INVALID_PARAM or refused.subcode == OBJECT_MISSING:
                    raise
        return found


def _no_insights(refused: GraphRefusal) -> bool:
    return refused.code == NOT_ENOUGH_VIEWERS or refused.subcode == BEFORE_CONVERSION


def _names(detail: str, metric: MediaMetric) -> bool:
    # Whole words only: "views" is not named by "total_views".
    return re.search(rf"(?<![\w]){re.escape(metric.value)}(?![\w])", detail) is not None


def _values(body: Json, asked: Sequence[MediaMetric]) -> dict[MediaMetric, int]:
    """Each metric's lifetime value, from ``values[0].value`` or ``total_value.value``."""
    by_name = {metric.value: metric for metric in asked}
    found: dict[MediaMetric, int] = {}
    for item in objects(body.get("data")):
        name = item.get("name")
        metric = by_name.get(name) if isinstance(name, str) else None
        if metric is None:
            continue
        value = _number(_value_of(item))
        if value is not None:
            found[metric] = value
    return found


def _value_of(item: Json) -> object:
    total = item.get("total_value")
    if isinstance(total, dict) and "value" in total:
        return total["value"]
    values = objects(item.get("values"))
    return values[-1].get("value") if values else None


def _number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and value >= 0:
        return round(value)
    return None


def _online_hours(body: Json) -> tuple[dict[int, int], date | None]:
    """The newest day of ``online_followers`` that has any hour, as ``{hour: count}``."""
    for item in objects(body.get("data")):
        if item.get("name") != "online_followers":
            continue
        for entry in reversed(objects(item.get("values"))):
            value = entry.get("value")
            if not isinstance(value, dict) or not value:
                continue
            hours: dict[int, int] = {}
            for hour, count in value.items():
                number = _number(count)
                if str(hour).isdigit() and int(hour) < HOURS_A_DAY and number is not None:
                    hours[int(hour)] = number
            ended = graph_time(entry.get("end_time"))
            return hours, ended.date() if ended else None
    return {}, None
