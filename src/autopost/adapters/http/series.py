"""``/api/v1/series/``: recurring posts, made by ``POST /api/v1/posts/`` with ``repeat``."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers import series as answers
from autopost.adapters.http.auth import acting
from autopost.adapters.http.repeat_schema import RepeatIn
from autopost.adapters.http.request_body import path_id, read
from autopost.adapters.http.schemas import Moment, PostIn, in_utc
from autopost.adapters.http.serializers import post_json
from autopost.adapters.http.services import ServicesOf
from autopost.application.posting.posts import SchedulePost
from autopost.application.posting.series import (
    CancelSeriesUseCase,
    EditSeries,
    EditSeriesUseCase,
    GetSeriesUseCase,
    ScheduleSeries,
    ScheduleSeriesUseCase,
    SeriesView,
)
from autopost.domain.errors import ValidationFailed
from autopost.domain.post import CONTENT_FIELDS
from autopost.domain.recurrence import recurrence


class SeriesServices(Protocol):
    def schedule_series(self) -> ScheduleSeriesUseCase: ...
    def get_series(self) -> GetSeriesUseCase: ...
    def edit_series(self) -> EditSeriesUseCase: ...
    def cancel_series(self) -> CancelSeriesUseCase: ...


services = ServicesOf[SeriesServices]("series")


async def schedule_series(request: Request, post: SchedulePost, repeat: RepeatIn) -> Response:
    """``POST /api/v1/posts/`` with ``repeat``: the series' first occurrence, naming it."""
    if not isinstance(post.date_pub, datetime):
        raise ValidationFailed({"date_pub": ["Give the first time of a post that repeats."]})
    rule = recurrence(start=post.date_pub, **repeat.given())
    scheduled = (
        await services(request)
        .schedule_series()
        .execute(acting(request), ScheduleSeries(post, rule))
    )
    first = post_json(scheduled.first).model_dump()
    answer = answers.ScheduledPost.model_validate(first | {"series": scheduled.series.id})
    return JSONResponse(answer.model_dump(mode="json"), status_code=201)


class SeriesFields(BaseModel):
    """What changes of a series: its rule, its first time, and the content fields sent."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    repeat: RepeatIn | None = Field(default=None, description="The fields of the rule to change.")
    date_pub: Moment | None = Field(
        default=None, description="A new first time (with its zone): the rule repeats from it."
    )

    @field_validator("date_pub")
    @classmethod
    def _has_zone(cls, value: datetime | None) -> datetime | None:
        return in_utc(value)

    def content_changes(self) -> dict[str, Any]:
        names = [a.name for a in CONTENT_FIELDS if a.name in self.model_fields_set]
        changes = {name: getattr(self, name) for name in names}
        if changes.get("children") is not None:
            changes["children"] = [c.model_dump(exclude_none=True) for c in changes["children"]]
        return changes


def _content_fields() -> dict[str, Any]:
    names = {attribute.name for attribute in CONTENT_FIELDS}
    return {
        name: (info.annotation, info) for name, info in PostIn.model_fields.items() if name in names
    }


SeriesIn = create_model(
    "SeriesIn",
    __base__=SeriesFields,
    __module__=__name__,
    __doc__="The changes of a recurring post: its content fields (as a post's), `repeat` and "
    "`date_pub`. Only the fields sent change.",
    **_content_fields(),
)


def series_json(view: SeriesView) -> BaseModel:
    series, template = view.series, view.template
    rule = series.recurrence
    content = {a.name: getattr(template.content, a.name, None) for a in CONTENT_FIELDS}
    answer = {
        "id": series.id,
        "status": series.status.value,
        "platform": series.platform.value,
        "credential": series.credential_id,
        "board_id": series.board_id,
        "board_section_id": series.board_section_id,
        "date_pub": series.start,
        "repeat": {
            "frequency": rule.frequency,
            "interval": rule.interval,
            "weekdays": list(rule.weekdays),
            "rrule": rule.rrule,
            "until": rule.until,
            "count": rule.count,
            "time_zone": rule.time_zone,
        },
        **content,
        "occurrences_until": series.materialised_until,
        "occurrences": [
            {
                "post": o.post.id,
                "occurrence_at": o.post.occurrence_at,
                "date_pub": o.publication.publish_at,
                "status": o.publication.status.value,
                "edited_alone": o.post.edited_alone,
                "remote_id": o.publication.remote_id,
                "permalink": o.publication.permalink,
                "error": o.publication.error,
            }
            for o in view.occurrences
        ],
        "created_at": series.created_at,
        "updated_at": series.updated_at,
    }
    return answers.Series.model_validate(answer)


async def series_detail(request: Request) -> Response:
    series_id = path_id(request, "series_id")
    match request.method:
        case "GET":
            view = await services(request).get_series().execute(acting(request), series_id)
            return JSONResponse(series_json(view).model_dump(mode="json"))
        case "DELETE":
            await services(request).cancel_series().execute(acting(request), series_id)
            return Response(status_code=204)
    data = await read(request, SeriesIn)
    repeat = data.repeat.given() if data.repeat is not None else None
    if data.date_pub is not None:
        repeat = (repeat or {}) | {"start": data.date_pub}
    command = EditSeries(series_id, data.content_changes(), repeat)
    view = await services(request).edit_series().execute(acting(request), command)
    return JSONResponse(series_json(view).model_dump(mode="json"))


routes = [
    Route("/api/v1/series/{series_id:int}/", series_detail, methods=["GET", "PATCH", "DELETE"]),
]
