"""``/api/v1/posts/``: the scheduling API earlier clients call."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.request_body import path_id, query_int, read
from autopost.adapters.http.schemas import PostIn, PublicationMove
from autopost.adapters.http.serializers import post_json
from autopost.adapters.http.series import schedule_series
from autopost.adapters.http.services import ServicesOf
from autopost.application.posting.errors import BestTimeWithATime, QueuedWithATime
from autopost.application.posting.posts import (
    NOW,
    CancelPostUseCase,
    EditPost,
    EditPostUseCase,
    GetPostUseCase,
    ListPostsUseCase,
    RetryPostUseCase,
    SchedulePost,
    SchedulePostUseCase,
)
from autopost.domain.errors import ValidationFailed
from autopost.domain.post import content_from


class PostServices(Protocol):
    def cancel_post(self) -> CancelPostUseCase: ...
    def edit_post(self) -> EditPostUseCase: ...
    def get_post(self) -> GetPostUseCase: ...
    def list_posts(self) -> ListPostsUseCase: ...
    def retry_post(self) -> RetryPostUseCase: ...
    def schedule_post(self) -> SchedulePostUseCase: ...


services = ServicesOf[PostServices]("posts")

BEST_TIME_ON_CREATE_ONLY = (
    "A post is given its best time when it is created; move it with date_pub."
)
QUEUE_ON_CREATE_ONLY = (
    "A post goes in the queue when it is created; move it with date_pub, or reorder the "
    "queue (POST /api/v1/credentials/{id}/queue/reorder/)."
)


async def list_posts(request: Request) -> Response:
    limit = query_int(request, "limit", 100, maximum=1000)
    offset = query_int(request, "offset", 0)
    views = await services(request).list_posts().execute(acting(request), limit, offset)
    return JSONResponse([post_json(v).model_dump(mode="json") for v in views])


async def create_post(request: Request) -> Response:
    data = await read(request, PostIn)
    if data.queue and data.date_pub is not None:
        raise QueuedWithATime()
    if data.best_time and (data.queue or data.date_pub is not None):
        raise BestTimeWithATime()
    command = SchedulePost(
        content=content_from(data.platform, data.content_changes(every_field=True)),
        # No time is "now": published as soon as possible.
        date_pub=NOW if data.date_pub is None else data.date_pub,
        user_id=data.user_id,
        token=data.token,
        credential_id=data.credential,
        board_id=data.board_id,
        board_section_id=data.board_section_id,
        credential_ids=tuple(data.credentials or ()),
        shared=data.content_changes(every_field=False),
        overrides=data.account_overrides(),
        draft=bool(data.draft),
        queue=data.queue,
        best_time=data.best_time,
    )
    if data.repeat is not None:
        return await schedule_series(request, command, data.repeat)
    view = await services(request).schedule_post().execute(acting(request), command)
    return JSONResponse(post_json(view).model_dump(mode="json"), status_code=201)


async def post_detail(request: Request) -> Response:
    post_id = path_id(request, "post_id")
    match request.method:
        case "GET":
            view = await services(request).get_post().execute(acting(request), post_id)
            return JSONResponse(post_json(view).model_dump(mode="json"))
        case "DELETE":
            await services(request).cancel_post().execute(acting(request), post_id)
            return Response(status_code=204)
    replace = request.method == "PUT"
    data = await read(request, PostIn)
    if replace and data.date_pub is None:
        raise ValidationFailed({"date_pub": ["This field is required."]})
    if data.queue:
        raise ValidationFailed({"queue": [QUEUE_ON_CREATE_ONLY]})
    if data.best_time:
        raise ValidationFailed({"best_time": [BEST_TIME_ON_CREATE_ONLY]})
    command = EditPost(
        post_id=post_id,
        changes=data.content_changes(every_field=replace),
        date_pub=data.date_pub,
        token=data.token,
        board_id=data.board_id,
        board_section_id=data.board_section_id,
        draft=data.draft,
    )
    view = await services(request).edit_post().execute(acting(request), command)
    return JSONResponse(post_json(view).model_dump(mode="json"))


async def retry_post(request: Request) -> Response:
    post_id = path_id(request, "post_id")
    view = await services(request).retry_post().execute(acting(request), post_id)
    return JSONResponse(post_json(view).model_dump(mode="json"))


async def publication_detail(request: Request) -> Response:
    """One account's publication of a post: moved (``date_pub``) or cancelled alone. The
    answer is the whole post."""
    post_id = path_id(request, "post_id")
    publication_id = path_id(request, "publication_id")
    posts = services(request)
    if request.method == "DELETE":
        await posts.cancel_post().execute(acting(request), post_id, publication_id)
        return Response(status_code=204)
    data = await read(request, PublicationMove)
    command = EditPost(post_id=post_id, date_pub=data.date_pub, publication_id=publication_id)
    view = await posts.edit_post().execute(acting(request), command)
    return JSONResponse(post_json(view).model_dump(mode="json"))


async def retry_publication(request: Request) -> Response:
    post_id = path_id(request, "post_id")
    publication_id = path_id(request, "publication_id")
    view = await services(request).retry_post().execute(acting(request), post_id, publication_id)
    return JSONResponse(post_json(view).model_dump(mode="json"))


routes = [
    Route("/api/v1/posts/", list_posts, methods=["GET"]),
    Route("/api/v1/posts/", create_post, methods=["POST"]),
    Route(
        "/api/v1/posts/{post_id:int}/",
        post_detail,
        methods=["GET", "PATCH", "PUT", "DELETE"],
    ),
    Route("/api/v1/posts/{post_id:int}/retry/", retry_post, methods=["POST"]),
    Route(
        "/api/v1/posts/{post_id:int}/publications/{publication_id:int}/",
        publication_detail,
        methods=["PATCH", "DELETE"],
    ),
    Route(
        "/api/v1/posts/{post_id:int}/publications/{publication_id:int}/retry/",
        retry_publication,
        methods=["POST"],
    ),
]
