"""``/media/``: the synced Instagram media as a grid, filtered by type, date, origin and
account, with a "sync now" button and its result; ``/media/comments/?media=ID``: a media's
comments and replies, to reply to, hide or delete (the same use cases as ``/api/sync/``,
``/api/posts/`` and the comments API)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.media import decode_cursor, encode_cursor
from autopost.adapters.http.pages import desk_outcomes as outcome
from autopost.adapters.http.pages.forms import read_form, record_id, signed_in_only, text
from autopost.adapters.http.pages.rendering import back_to, render
from autopost.adapters.http.services import ServicesOf
from autopost.application.insights.reading import LatestMediaInsights
from autopost.application.instagram.comments import (
    DeleteComment,
    HideComment,
    ListComments,
    ReplyToComment,
)
from autopost.application.instagram.media_listing import GetMedia, ListMedia
from autopost.application.instagram.sync import SyncInstagramMedia
from autopost.application.integrations.credentials import ListCredentials
from autopost.application.ports.media_repository import MediaFilter
from autopost.domain.access import Action, Resource
from autopost.domain.errors import PermissionDenied, ValidationFailed
from autopost.domain.insights import MediaInsights, MediaMetric
from autopost.domain.instagram_media import Comment, MediaOrigin
from autopost.domain.platform import Platform
from autopost.domain.retry_policy import WHILE_SOMEONE_WAITS

PAGE = "/media/"
COMMENTS = "/media/comments/"
PAGE_SIZE = 24
MEDIA_TYPES = {"IMAGE": "Photo", "VIDEO": "Video", "CAROUSEL_ALBUM": "Carousel"}
ORIGINS = {
    MediaOrigin.PUBLISHED: "Published by Autopost",
    MediaOrigin.SYNCED: "Found on the account",
}


class MediaPageServices(Protocol):
    def delete_comment(self) -> DeleteComment: ...
    def get_media(self) -> GetMedia: ...
    def latest_media_insights(self) -> LatestMediaInsights: ...
    def hide_comment(self) -> HideComment: ...
    def list_comments(self) -> ListComments: ...
    def list_media(self) -> ListMedia: ...
    def reply_to_comment(self) -> ReplyToComment: ...
    def sync_instagram(self) -> SyncInstagramMedia: ...


class MediaPageAccounts(Protocol):
    def list_credentials(self) -> ListCredentials: ...


services = ServicesOf[MediaPageServices]("media_pages")
accounts = ServicesOf[MediaPageAccounts]("media_pages.accounts")


def _day(request: Request, name: str, problems: dict[str, list[str]]) -> date | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        problems[name] = ["Give a date as YYYY-MM-DD."]
        return None


def media_filter(request: Request) -> tuple[MediaFilter, dict[str, list[str]]]:
    """The filters the grid's form asks for; what is wrong with them, by field (that filter
    is then left out)."""
    params = request.query_params
    problems: dict[str, list[str]] = {}
    media_type = params.get("type") or None
    if media_type is not None and media_type not in MEDIA_TYPES:
        problems["type"] = [f"Choose one of {', '.join(MEDIA_TYPES.values())}."]
        media_type = None
    origin = params.get("origin") or None
    if origin is not None and origin not in {o.value for o in MediaOrigin}:
        problems["origin"] = ["Choose published or synced."]
        origin = None
    account = params.get("account", "")
    since, until = _day(request, "since", problems), _day(request, "until", problems)
    return (
        MediaFilter(
            credential_id=int(account) if account.isascii() and account.isdigit() else None,
            media_type=media_type,
            since=None if since is None else datetime.combine(since, time(), UTC),
            # The last day asked is included: up to the start of the next one.
            until=None
            if until is None
            else datetime.combine(until + timedelta(days=1), time(), UTC),
            origin=MediaOrigin(origin) if origin else None,
        ),
        problems,
    )


def _sync_result(request: Request) -> dict[str, int] | None:
    """The counts, and ``part_way`` 1 when the sync stopped before the end."""
    counts = {name: request.query_params.get(name, "") for name in ("seen", "changed", "deleted")}
    if not all(value.isascii() and value.isdigit() for value in counts.values()):
        return None
    part_way = int(request.query_params.get("part_way") == "1")
    return {name: int(value) for name, value in counts.items()} | {"part_way": part_way}


async def _instagram_accounts(request: Request) -> list[object]:
    listed = await accounts(request).list_credentials().execute(acting(request))
    return [c for c in listed if c.platform is Platform.INSTAGRAM]


async def _grid(request: Request, status: int = 200, **context: object) -> Response:
    actor = acting(request)
    filters, problems = media_filter(request)
    cursor = request.query_params.get("cursor")
    try:
        after = decode_cursor(cursor) if cursor else None
    except ValidationFailed:
        after, problems = None, {**problems, "cursor": ["That page no longer exists: start again."]}
    page = await services(request).list_media().execute(actor, filters, after, PAGE_SIZE)
    pks = [m.id for m in page.items if m.id is not None]
    latest = await services(request).latest_media_insights().execute(actor, pks)
    kept = {
        k: v
        for k, v in request.query_params.items()
        if k not in ("cursor", "done", "seen", "changed", "deleted", "part_way") and v
    }
    next_query = None
    if page.next_cursor is not None:
        next_query = {**kept, "cursor": encode_cursor(page.next_cursor)}
    return render(
        request,
        "media.html",
        status,
        page=page,
        insights={pk: insights_line(day) for pk, day in latest.items()},
        filters=request.query_params,
        next_query=next_query,
        accounts=await _instagram_accounts(request),
        media_types=MEDIA_TYPES,
        origins=ORIGINS,
        may_sync=actor.may(Action.CHANGE, Resource.MEDIA),
        synced=_sync_result(request) if request.query_params.get("done") == "synced" else None,
        notice=outcome.notice(request),
        problems=context.pop("problems", None) or problems or None,
        **context,
    )


def insights_line(day: MediaInsights) -> dict[str, str]:
    """The newest numbers of a media, as the grid shows them: a dash where Instagram gives
    none for its kind (a story's likes)."""

    def shown(metric: MediaMetric) -> str:
        value = day.get(metric)
        return "—" if value is None else f"{value:,}"

    return {
        "day": day.day.isoformat(),
        "views": shown(MediaMetric.VIEWS),
        "reach": shown(MediaMetric.REACH),
        "likes": shown(MediaMetric.LIKES),
        "saved": shown(MediaMetric.SAVED),
    }


@signed_in_only
async def media_page(request: Request) -> Response:
    return await _grid(request)


@signed_in_only
async def sync_now(request: Request) -> Response:
    form = await read_form(request)
    account = text(form, "credential_id")
    credential_id = int(account) if account.isascii() and account.isdigit() else None
    try:
        report = (
            await services(request)
            .sync_instagram()
            .execute(acting(request), credential_id, policy=WHILE_SOMEONE_WAITS)
        )
    except PermissionDenied as refused:
        return outcome.forbidden(request, refused)
    except outcome.SHOWN as refused:
        problems = outcome.problems(request, refused)
        return await _grid(request, outcome.status_of(refused), problems=problems)
    counts = f"seen={report.seen}&changed={report.new_or_changed}&deleted={report.deleted}"
    part_way = "" if report.finished else "&part_way=1"
    return back_to(f"{PAGE}?done=synced&{counts}{part_way}")


def threads(comments: list[Comment]) -> list[tuple[Comment, list[Comment]]]:
    """The media's comments oldest first, each with its replies (oldest first)."""
    live = sorted((c for c in comments if c.deleted_at is None), key=lambda c: c.timestamp)
    top = [c for c in live if c.parent_id is None]
    known = {c.comment_id for c in top}
    replies: dict[str, list[Comment]] = {}
    for comment in live:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    orphans = [c for c in live if c.parent_id is not None and c.parent_id not in known]
    return [(c, replies.get(c.comment_id, [])) for c in top] + [(c, []) for c in orphans]


def _media_id(value: str) -> int:
    return record_id(value, "media")


async def _comments_page(
    request: Request, media_pk: int, status: int = 200, **context: object
) -> Response:
    actor = acting(request)
    media = await services(request).get_media().execute(actor, media_pk)
    comments = await services(request).list_comments().execute(actor, media_pk)
    return render(
        request,
        "media_comments.html",
        status,
        media=media,
        threads=threads(list(comments)),
        may_reply=actor.may(Action.ADD, Resource.COMMENT),
        may_hide=lambda c: actor.may(Action.CHANGE, Resource.COMMENT, c.author_id),
        may_delete=lambda c: actor.may(Action.DELETE, Resource.COMMENT, c.author_id),
        may_refresh=actor.may(Action.CHANGE, Resource.MEDIA),
        media_types=MEDIA_TYPES,
        origins=ORIGINS,
        notice=outcome.notice(request),
        **context,
    )


@signed_in_only
async def comments_page(request: Request) -> Response:
    return await _comments_page(request, _media_id(request.query_params.get("media", "")))


def _comment_id(form: FormData) -> int:
    return record_id(text(form, "comment_id"), "comment")


async def _comment_action(
    request: Request, form: FormData, act: Callable[[], Awaitable[object]], what: str
) -> Response:
    media_pk = _media_id(text(form, "media_id"))
    try:
        await act()
    except PermissionDenied as refused:
        return outcome.forbidden(request, refused)
    except outcome.SHOWN as refused:
        problems = outcome.problems(request, refused)
        return await _comments_page(
            request, media_pk, outcome.status_of(refused), problems=problems
        )
    return outcome.done(f"{COMMENTS}?media={media_pk}", what)


@signed_in_only
async def reply(request: Request) -> Response:
    form = await read_form(request)
    comment_id, written = _comment_id(form), text(form, "text")
    use_case = services(request).reply_to_comment()
    act = lambda: use_case.execute(acting(request), comment_id, written)  # noqa: E731
    return await _comment_action(request, form, act, "replied")


@signed_in_only
async def hide(request: Request) -> Response:
    form = await read_form(request)
    hidden = text(form, "hide") == "true"
    comment_id, use_case = _comment_id(form), services(request).hide_comment()
    act = lambda: use_case.execute(acting(request), comment_id, hidden)  # noqa: E731
    return await _comment_action(request, form, act, "hidden" if hidden else "shown")


@signed_in_only
async def delete(request: Request) -> Response:
    form = await read_form(request)
    comment_id, use_case = _comment_id(form), services(request).delete_comment()
    act = lambda: use_case.execute(acting(request), comment_id)  # noqa: E731
    return await _comment_action(request, form, act, "deleted")


@signed_in_only
async def refresh_comments(request: Request) -> Response:
    form = await read_form(request)
    media_pk, use_case = _media_id(text(form, "media_id")), services(request).list_comments()
    act = lambda: use_case.execute(acting(request), media_pk, refresh=True)  # noqa: E731
    return await _comment_action(request, form, act, "comments")


routes = [
    Route(PAGE, media_page, methods=["GET"]),
    Route("/media/sync/", sync_now, methods=["POST"]),
    Route(COMMENTS, comments_page, methods=["GET"]),
    Route("/media/comments/reply/", reply, methods=["POST"]),
    Route("/media/comments/hide/", hide, methods=["POST"]),
    Route("/media/comments/delete/", delete, methods=["POST"]),
    Route("/media/comments/refresh/", refresh_comments, methods=["POST"]),
]
