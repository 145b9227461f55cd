"""The earlier media API: ``/api/sync/``, ``/api/posts/`` (cursor pagination) and comments."""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime
from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.answers.instagram import MediaPage
from autopost.adapters.http.auth import acting
from autopost.adapters.http.edge import public
from autopost.adapters.http.request_body import path_id, query_int, query_time, read
from autopost.adapters.http.schemas import LARGEST_INTEGER, CommentIn, HideIn, SyncIn
from autopost.adapters.http.serializers import (
    comment_json,
    media_json,
    new_comment_json,
    sync_report_json,
)
from autopost.adapters.http.services import ServicesOf
from autopost.adapters.http.storable_text import text_errors
from autopost.application.instagram.comments import (
    CommentOnMedia,
    DeleteComment,
    HideComment,
    ListComments,
    ReplyToComment,
)
from autopost.application.instagram.media_listing import GetMedia, ListMedia
from autopost.application.instagram.sync import SyncInstagramMedia
from autopost.application.ports.media_repository import MediaCursor, MediaFilter
from autopost.domain.errors import ValidationFailed
from autopost.domain.instagram_media import MediaOrigin
from autopost.domain.retry_policy import WHILE_SOMEONE_WAITS


class MediaServices(Protocol):
    def comment_on_media(self) -> CommentOnMedia: ...
    def delete_comment(self) -> DeleteComment: ...
    def get_media(self) -> GetMedia: ...
    def hide_comment(self) -> HideComment: ...
    def list_comments(self) -> ListComments: ...
    def list_media(self) -> ListMedia: ...
    def reply_to_comment(self) -> ReplyToComment: ...
    def sync_instagram(self) -> SyncInstagramMedia: ...


services = ServicesOf[MediaServices]("media")

USERNAME_NOTE = (
    "username is ignored: Instagram publishes a comment as the connected account, "
    "whatever name is sent."
)


def encode_cursor(cursor: MediaCursor) -> str:
    raw = f"{cursor.timestamp.isoformat()}|{cursor.media_pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text: str) -> MediaCursor:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        when, pk = raw.split("|")
        timestamp = datetime.fromisoformat(when)
        if timestamp.utcoffset() is None or not 0 <= int(pk) <= LARGEST_INTEGER:
            raise ValueError("not a cursor this API made")
        return MediaCursor(timestamp.astimezone(UTC), int(pk))
    except (ValueError, OverflowError, binascii.Error, UnicodeDecodeError):
        raise ValidationFailed({"cursor": ["Invalid cursor."]}) from None


def _is_record_id(text: str) -> bool:
    # isdigit() alone lets "²" through, which int() refuses.
    return text.isascii() and text.isdigit() and int(text) <= LARGEST_INTEGER


def _filters(request: Request) -> MediaFilter:
    params = request.query_params
    origin = params.get("origin")
    if origin and origin not in {o.value for o in MediaOrigin}:
        raise ValidationFailed({"origin": ["Use synced or published."]})
    ordering = params.get("ordering", "-timestamp")
    if ordering != "-timestamp":
        raise ValidationFailed({"ordering": ["Posts are listed newest first: -timestamp."]})
    credential = params.get("credential") or params.get("account")
    if credential is not None and not _is_record_id(credential):
        raise ValidationFailed({"credential": ["Give the id of a connected account."]})
    media_type = params.get("media_type") or None
    unstorable = text_errors({"media_type": media_type})
    if unstorable:
        raise ValidationFailed(unstorable)
    return MediaFilter(
        credential_id=int(credential) if credential else None,
        media_type=media_type,
        since=query_time(request, "since"),
        until=query_time(request, "until"),
        origin=MediaOrigin(origin) if origin else None,
    )


async def sync(request: Request) -> Response:
    data = await read(request, SyncIn)
    report = (
        await services(request)
        .sync_instagram()
        .execute(acting(request), data.credential, full=data.full, policy=WHILE_SOMEONE_WAITS)
    )
    return JSONResponse(sync_report_json(report).model_dump(mode="json"))


async def list_media(request: Request) -> Response:
    cursor = request.query_params.get("cursor")
    page = (
        await services(request)
        .list_media()
        .execute(
            acting(request),
            _filters(request),
            decode_cursor(cursor) if cursor else None,
            query_int(request, "limit", 20, maximum=100),
        )
    )
    next_url = None
    if page.next_cursor is not None:
        next_url = public(
            request, request.url.include_query_params(cursor=encode_cursor(page.next_cursor))
        )
    answer = MediaPage(next=next_url, previous=None, results=[media_json(m) for m in page.items])
    return JSONResponse(answer.model_dump(mode="json"))


async def media_detail(request: Request) -> Response:
    media = (
        await services(request).get_media().execute(acting(request), path_id(request, "media_pk"))
    )
    return JSONResponse(media_json(media).model_dump(mode="json"))


async def comment(request: Request) -> Response:
    data = await read(request, CommentIn)
    created = (
        await services(request)
        .comment_on_media()
        .execute(acting(request), path_id(request, "media_pk"), data.text)
    )
    answer = new_comment_json(created, USERNAME_NOTE if data.username else None)
    return JSONResponse(answer.model_dump(mode="json"), status_code=201)


async def comments(request: Request) -> Response:
    refresh = request.query_params.get("refresh") in ("1", "true", "yes")
    found = (
        await services(request)
        .list_comments()
        .execute(acting(request), path_id(request, "media_pk"), refresh=refresh)
    )
    return JSONResponse([comment_json(c).model_dump(mode="json") for c in found])


async def reply(request: Request) -> Response:
    data = await read(request, CommentIn)
    created = (
        await services(request)
        .reply_to_comment()
        .execute(acting(request), path_id(request, "comment_pk"), data.text)
    )
    return JSONResponse(comment_json(created).model_dump(mode="json"), status_code=201)


async def hide(request: Request) -> Response:
    data = await read(request, HideIn)
    comment_pk = path_id(request, "comment_pk")
    changed = await services(request).hide_comment().execute(acting(request), comment_pk, data.hide)
    return JSONResponse(comment_json(changed).model_dump(mode="json"))


async def delete_comment(request: Request) -> Response:
    comment_pk = path_id(request, "comment_pk")
    await services(request).delete_comment().execute(acting(request), comment_pk)
    return Response(status_code=204)


routes = [
    Route("/api/sync/", sync, methods=["POST"]),
    Route("/api/posts/", list_media, methods=["GET"]),
    Route("/api/posts/{media_pk:int}/", media_detail, methods=["GET"]),
    Route("/api/posts/{media_pk:int}/comment/", comment, methods=["POST"]),
    Route("/api/posts/{media_pk:int}/comments/", comments, methods=["GET"]),
    Route("/api/comments/{comment_pk:int}/reply/", reply, methods=["POST"]),
    Route("/api/comments/{comment_pk:int}/hide/", hide, methods=["POST"]),
    Route("/api/comments/{comment_pk:int}/", delete_comment, methods=["DELETE"]),
]
