"""``/api/posts/{id}/insights/``, ``/api/v1/credentials/{id}/insights/`` and
``/api/v1/posts/{id}/publications/{pid}/insights/``: the insights kept, day by day."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers import insights as answers
from autopost.adapters.http.auth import acting
from autopost.adapters.http.request_body import path_id
from autopost.adapters.http.services import ServicesOf
from autopost.application.insights.reading import (
    GetAccountInsights,
    GetMediaInsights,
    GetPinInsights,
)
from autopost.domain.errors import ValidationFailed
from autopost.domain.insights import MediaMetric, PinMetric


class InsightsServices(Protocol):
    def get_media_insights(self) -> GetMediaInsights: ...
    def get_account_insights(self) -> GetAccountInsights: ...
    def get_pin_insights(self) -> GetPinInsights: ...


services = ServicesOf[InsightsServices]("insights")


def since(request: Request) -> date | None:
    raw = request.query_params.get("since")
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationFailed({"since": ["Give a day, YYYY-MM-DD."]}) from None


async def media_insights(request: Request) -> Response:
    media_pk = path_id(request, "media_pk")
    days = (
        await services(request)
        .get_media_insights()
        .execute(acting(request), media_pk, since(request))
    )
    answer = answers.MediaInsights(
        media=media_pk,
        days=[
            answers.MediaInsightsDay(
                day=d.day,
                views=d.get(MediaMetric.VIEWS),
                reach=d.get(MediaMetric.REACH),
                likes=d.get(MediaMetric.LIKES),
                comments=d.get(MediaMetric.COMMENTS),
                shares=d.get(MediaMetric.SHARES),
                saved=d.get(MediaMetric.SAVED),
                total_interactions=d.get(MediaMetric.TOTAL_INTERACTIONS),
                reels_avg_watch_time_ms=d.get(MediaMetric.REELS_AVG_WATCH_TIME),
                reels_watch_time_ms=d.get(MediaMetric.REELS_TOTAL_WATCH_TIME),
                collected_at=d.collected_at,
            )
            for d in days
        ],
    )
    return JSONResponse(answer.model_dump(mode="json"))


async def account_insights(request: Request) -> Response:
    credential_id = path_id(request, "credential_id")
    days = (
        await services(request)
        .get_account_insights()
        .execute(acting(request), credential_id, since(request))
    )
    answer = answers.AccountInsights(
        credential=credential_id,
        days=[
            answers.AccountInsightsDay(
                day=d.day,
                followers_count=d.followers_count,
                online_followers=list(d.online_followers),
                collected_at=d.collected_at,
            )
            for d in days
        ],
    )
    return JSONResponse(answer.model_dump(mode="json"))


async def pin_insights(request: Request) -> Response:
    post_id, publication_id = path_id(request, "post_id"), path_id(request, "publication_id")
    days = (
        await services(request)
        .get_pin_insights()
        .execute(acting(request), post_id, publication_id, since(request))
    )
    answer = answers.PinInsights(
        post=post_id,
        publication=publication_id,
        days=[
            answers.PinInsightsDay(
                day=d.day,
                impressions=d.values.get(PinMetric.IMPRESSION),
                saves=d.values.get(PinMetric.SAVE),
                pin_clicks=d.values.get(PinMetric.PIN_CLICK),
                outbound_clicks=d.values.get(PinMetric.OUTBOUND_CLICK),
                collected_at=d.collected_at,
            )
            for d in days
        ],
    )
    return JSONResponse(answer.model_dump(mode="json"))


routes = [
    Route("/api/posts/{media_pk:int}/insights/", media_insights, methods=["GET"]),
    Route("/api/v1/credentials/{credential_id:int}/insights/", account_insights, methods=["GET"]),
    Route(
        "/api/v1/posts/{post_id:int}/publications/{publication_id:int}/insights/",
        pin_insights,
        methods=["GET"],
    ),
]
