"""The publishing desk's compose and post pages: ``/posts/new/``, ``/posts/{id}/edit/`` and
``/posts/{id}/`` with its buttons (retry, cancel, duplicate, reschedule).

Every form is a plain form post answered by a 303 to the post's page, or by the page again
with the refusals next to the fields (400); scripts only add the live counters and the media
previews (static/compose.js). The use cases are the API's, with its rules and refusals."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from attrs import asdict
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.i18n import localized
from autopost.adapters.http.pages.attempt_words import moment_line
from autopost.adapters.http.pages.compose_form import (
    ComposeForm,
    caption_edits,
    edit_command,
    form_of,
    placed,
    read_compose,
    reschedule_command,
    schedule_command,
)
from autopost.adapters.http.pages.compose_repeat import (
    DAY_NAMES,
    RepeatForm,
    in_form_words,
    read_repeat,
    series_command,
)
from autopost.adapters.http.pages.forms import Page, read_form, record_id, signed_in_only, text
from autopost.adapters.http.pages.rendering import back_to, render, words_of
from autopost.adapters.http.pages.user_zone import user_zone
from autopost.adapters.http.refusal_fields import field_errors
from autopost.adapters.http.services import ServicesOf
from autopost.application.access import Actor
from autopost.application.posting.desk import (
    ComposeChoices,
    GetComposeChoices,
    GetPostHistory,
    PostHistory,
    accounts_named,
    advice_for,
    duplicate_as_draft,
)
from autopost.application.posting.posts import (
    CancelPostUseCase,
    EditPostUseCase,
    RetryPostUseCase,
    SchedulePostUseCase,
)
from autopost.application.posting.series import (
    CancelSeriesUseCase,
    EditSeries,
    EditSeriesUseCase,
    GetSeriesUseCase,
    ScheduleSeriesUseCase,
    SeriesView,
)
from autopost.application.posting.views import PostView
from autopost.domain.access import Action, Resource
from autopost.domain.errors import Conflict, NotFound, Refused
from autopost.domain.instagram_rules import (
    CAPTION_MAX_CHARS,
    CAPTION_MAX_HASHTAGS,
    USER_TAGS_MAX,
    hashtags_in,
)
from autopost.domain.media import ContentType, MediaKind, media_kind_of
from autopost.domain.pinterest_rules import DESCRIPTION_MAX, TITLE_MAX
from autopost.domain.platform import Platform
from autopost.domain.publication import PublicationStatus


class ComposePageServices(Protocol):
    def cancel_post(self) -> CancelPostUseCase: ...
    def edit_post(self) -> EditPostUseCase: ...
    def get_compose_choices(self) -> GetComposeChoices: ...
    def get_post_history(self) -> GetPostHistory: ...
    def retry_post(self) -> RetryPostUseCase: ...
    def schedule_post(self) -> SchedulePostUseCase: ...
    def schedule_series(self) -> ScheduleSeriesUseCase: ...
    def get_series(self) -> GetSeriesUseCase: ...
    def edit_series(self) -> EditSeriesUseCase: ...
    def cancel_series(self) -> CancelSeriesUseCase: ...


services = ServicesOf[ComposePageServices]("compose_pages")

STATUS_WORDS: Mapping[PublicationStatus, str] = {
    PublicationStatus.SCHEDULED: "Scheduled",
    PublicationStatus.PROCESSING: "Being published",
    PublicationStatus.PUBLISHED: "Published",
    PublicationStatus.FAILED: "Failed",
    PublicationStatus.CANCELLED: "Cancelled",
    PublicationStatus.DRAFT: "Draft",
    PublicationStatus.AWAITING_APPROVAL: "Waiting for approval",
    PublicationStatus.RETURNED: "Sent back for changes",
}
FIRST_COMMENT_WORDS = {
    "planned": "Written once the post is published",
    "pending": "Being written",
    "written": "Written",
    "failed": "Not written",
}
# What a form on the post page did, by the words its address carries back (``?done=``): only
# these are shown, never other text from the address.
POST_NOTICES = frozenset(
    {
        "Tried again",
        "Cancelled",
        "Duplicated as a new draft",
        "Rescheduled",
        "Every time to come is changed",
        "The series is stopped",
    }
)
LIMITS = {
    "caption": CAPTION_MAX_CHARS,
    "hashtags": CAPTION_MAX_HASHTAGS,
    "user_tags": USER_TAGS_MAX,
    "title": TITLE_MAX,
    "description": DESCRIPTION_MAX,
}
CONTENT_TYPES = (
    (ContentType.PHOTO, "Photo (a pin on Pinterest)"),
    (ContentType.VIDEO, "Video"),
    (ContentType.REEL, "Reel"),
    (ContentType.CAROUSEL, "Carousel"),
    (ContentType.STORY, "Story"),
)


def _local(zone: ZoneInfo) -> Any:
    def shown(at: datetime | None) -> str:
        if at is None:
            return "—"
        return at.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")

    return shown


def _counts(form: ComposeForm) -> dict[str, int]:
    return {
        "caption": len(form.caption),
        "hashtags": len(hashtags_in(form.caption)),
        "user_tags": len(form.tag_lines),
        "title": len(form.title),
        "description": len(form.description),
    }


def _previews(form: ComposeForm) -> list[tuple[str, bool]]:
    """Each media line that is an https address, and whether it is a video."""
    return [
        (url, media_kind_of(url) is MediaKind.VIDEO)
        for url in form.media_lines
        if url.startswith("https://")
    ]


def _compose_page(
    request: Request,
    choices: ComposeChoices,
    form: ComposeForm,
    status: int = 200,
    refusal: Mapping[str, list[str]] | None = None,
    repeat: RepeatForm | None = None,
) -> Response:
    names = {
        i: f"{name} ({a.platform.value.capitalize()})"
        for a in choices.accounts
        for i, name in accounts_named([a]).items()
    }
    by_field, elsewhere = placed(in_form_words(localized(request, dict(refusal or {}))), names)
    problems = {"non_field_errors": ["Nothing was saved: see what is said next to the fields."]}
    if elsewhere:
        problems["non_field_errors"] = elsewhere
    zone = user_zone(request)
    editing = choices.post
    shown = [a for a in choices.accounts if a.id in form.accounts] if editing else choices.accounts
    held = editing is not None and all(
        p.status is PublicationStatus.DRAFT for p in editing.publications
    )
    return render(
        request,
        "compose.html",
        status,
        form=form,
        accounts=shown,
        boards=choices.boards,
        sections=choices.sections,
        editing=editing,
        held_as_draft=held,
        errors=by_field,
        problems=problems if refusal else None,
        zone=zone.key,
        counts=_counts(form),
        limits=LIMITS,
        content_types=CONTENT_TYPES,
        previews=_previews(form),
        pinterest=any(a.platform is Platform.PINTEREST for a in shown),
        repeat=repeat or RepeatForm(),
        day_names=DAY_NAMES,
    )


def _post_id(request: Request) -> int:
    return int(request.path_params["post_id"])


def post_page(page: Page) -> Page:
    """A page about one post, for a signed-in user (``signed_in_only``); a post (or
    publication) that does not exist is said so in a page (404)."""

    async def found(request: Request) -> Response:
        try:
            return await page(request)
        except NotFound:
            return render(
                request,
                "notice.html",
                404,
                title="No such post",
                message="There is no such post: it may never have existed.",
                problem=True,
                link="/",
                link_text="Back to the calendar",
            )

    found.__name__ = page.__name__
    found.__doc__ = page.__doc__
    return signed_in_only(found)


@signed_in_only
async def new_post(request: Request) -> Response:
    actor = acting(request)
    choices = await services(request).get_compose_choices().execute(actor)
    if request.method == "GET":
        wanted = tuple(int(i) for i in request.query_params.getlist("account") if i.isdigit())
        # ``?media=library:42``: the media library's "use in a new post".
        media = request.query_params.get("media", "").strip()[:2000]
        return _compose_page(request, choices, ComposeForm(accounts=wanted, media=media))
    posted = await read_form(request)
    form, repeat = read_compose(posted), read_repeat(posted)
    platforms = {a.id: a.platform for a in choices.accounts if a.id is not None}
    try:
        if repeat.wanted:
            series = series_command(form, repeat, platforms, user_zone(request))
            scheduled = await services(request).schedule_series().execute(actor, series)
            return back_to(f"/posts/{scheduled.first.post.id}/")
        command = schedule_command(form, platforms, user_zone(request))
        view = await services(request).schedule_post().execute(actor, command)
    except Refused as refused:
        return _compose_page(request, choices, form, 400, field_errors(refused), repeat)
    return back_to(f"/posts/{view.post.id}/")


@post_page
async def edit_post(request: Request) -> Response:
    actor = acting(request)
    post_id = _post_id(request)
    choices = await services(request).get_compose_choices().execute(actor, post_id)
    assert choices.post is not None
    zone = user_zone(request)
    before = form_of(choices.post, zone)
    if request.method == "GET":
        return _compose_page(request, choices, before)
    posted = read_compose(await read_form(request))
    form = ComposeForm(**{**_as_dict(posted), "accounts": before.accounts})
    held = all(p.status is PublicationStatus.DRAFT for p in choices.post.publications)
    try:
        command = edit_command(post_id, form, before, held, zone)
        await services(request).edit_post().execute(actor, command)
        for own_caption in caption_edits(post_id, choices.post, form, before):
            await services(request).edit_post().execute(actor, own_caption)
    except Refused as refused:
        return _compose_page(request, choices, form, 400, field_errors(refused))
    except Conflict as refused:  # published, or being published: no longer changed
        return _compose_page(request, choices, form, 409, {"non_field_errors": [str(refused)]})
    return back_to(f"/posts/{post_id}/")


def _as_dict(form: ComposeForm) -> dict[str, Any]:
    return asdict(form, recurse=False)


async def _series_of(request: Request, history: PostHistory) -> SeriesView | None:
    """The series the post is an occurrence of, with its occurrences ahead; None for a post
    that does not repeat."""
    series_id = history.view.post.series_id
    if series_id is None:
        return None
    return await services(request).get_series().execute(acting(request), series_id)


# How soon a post's page starts to watch a publication due to be published.
WATCHED_AHEAD = timedelta(minutes=10)


def _soon_at_work(view: PostView) -> bool:
    """Whether one of the post's publications is being published, or will be soon: its page
    then follows it as it happens."""
    return any(
        p.status is PublicationStatus.PROCESSING
        or (p.status is PublicationStatus.SCHEDULED and p.due_at <= view.read_at + WATCHED_AHEAD)
        for p in view.publications
    )


def _detail_page(
    request: Request,
    history: PostHistory,
    status: int = 200,
    problems: Any = None,
    series: SeriesView | None = None,
) -> Response:
    actor: Actor = acting(request)
    view = history.view
    owner = view.post.owner_id
    zone = user_zone(request)
    words = words_of(request)
    names = accounts_named(list(view.accounts.values()))
    rows = []
    for publication in view.publications:
        problem = view.problem_of(publication)
        rows.append(
            {
                "publication": publication,
                "account": names.get(publication.credential_id, ""),
                "status": words.gettext(STATUS_WORDS[publication.status]),
                "problem": problem,
                "advice": advice_for(publication, problem),
                "next_attempt": view.next_attempt_of(publication),
                "first_comment": FIRST_COMMENT_WORDS.get(
                    str(publication.first_comment_status or ""), ""
                ),
                "content": publication.what_is_published(view.post).content,
            }
        )
    local = _local(zone)
    moments = [
        moment_line(
            m, names.get(m.credential_id, "") if m.credential_id else "", local, words.gettext
        )
        for m in history.moments
    ]
    return render(
        request,
        "post_detail.html",
        status,
        view=view,
        series=series,
        rows=rows,
        moments=moments,
        local=local,
        zone=zone.key,
        problems=problems,
        notice=_post_notice(request),
        may_change=actor.may(Action.CHANGE, Resource.POST, owner),
        may_cancel=actor.may(Action.DELETE, Resource.POST, owner),
        may_change_series=series is not None
        and actor.may(Action.CHANGE, Resource.POST, series.series.owner_id),
        may_stop_series=series is not None
        and actor.may(Action.DELETE, Resource.POST, series.series.owner_id),
        watch=_soon_at_work(view),
        may_duplicate=actor.may(Action.ADD, Resource.POST),
        changeable=any(p.can_change for p in view.publications),
        cancellable=any(
            p.can_change and p.status is not PublicationStatus.CANCELLED for p in view.publications
        ),
    )


def _post_notice(request: Request) -> str | None:
    said = request.query_params.get("done", "")
    return said if said in POST_NOTICES else None


@post_page
async def post_detail(request: Request) -> Response:
    history = await services(request).get_post_history().execute(acting(request), _post_id(request))
    return _detail_page(request, history, series=await _series_of(request, history))


def _publication_id(form: FormData) -> int | None:
    chosen = text(form, "publication_id")
    if not chosen:
        return None
    return record_id(chosen, "publication")


async def _refused_on_detail(request: Request, post_id: int, refusal: Any, status: int) -> Response:
    history = await services(request).get_post_history().execute(acting(request), post_id)
    return _detail_page(request, history, status, localized(request, refusal))


@post_page
async def retry(request: Request) -> Response:
    post_id = _post_id(request)
    publication_id = _publication_id(await read_form(request))
    try:
        await services(request).retry_post().execute(acting(request), post_id, publication_id)
    except Conflict as refused:
        return await _refused_on_detail(request, post_id, {"non_field_errors": [str(refused)]}, 409)
    return back_to(f"/posts/{post_id}/?done=Tried+again")


@post_page
async def cancel(request: Request) -> Response:
    post_id = _post_id(request)
    publication_id = _publication_id(await read_form(request))
    try:
        await services(request).cancel_post().execute(acting(request), post_id, publication_id)
    except Conflict as refused:
        return await _refused_on_detail(request, post_id, {"non_field_errors": [str(refused)]}, 409)
    return back_to(f"/posts/{post_id}/?done=Cancelled")


@post_page
async def duplicate(request: Request) -> Response:
    actor = acting(request)
    post_id = _post_id(request)
    await read_form(request)
    history = await services(request).get_post_history().execute(actor, post_id)
    try:
        copy = (
            await services(request).schedule_post().execute(actor, duplicate_as_draft(history.view))
        )
    except Refused as refused:
        return _detail_page(request, history, 400, localized(request, field_errors(refused)))
    return back_to(f"/posts/{copy.post.id}/?done=Duplicated+as+a+new+draft")


@post_page
async def reschedule(request: Request) -> Response:
    post_id = _post_id(request)
    form = await read_form(request)
    try:
        command = reschedule_command(post_id, form, user_zone(request), _publication_id(form))
        await services(request).edit_post().execute(acting(request), command)
    except Refused as refused:
        return await _refused_on_detail(request, post_id, field_errors(refused), 400)
    except Conflict as refused:
        return await _refused_on_detail(request, post_id, {"non_field_errors": [str(refused)]}, 409)
    return back_to(f"/posts/{post_id}/?done=Rescheduled")


async def _series_id(request: Request, post_id: int) -> int:
    """The series the post is a time of, read from the post: a form names only the post."""
    history = await services(request).get_post_history().execute(acting(request), post_id)
    series_id = history.view.post.series_id
    if series_id is None:
        raise NotFound("series of post", post_id)
    return series_id


@post_page
async def change_series(request: Request) -> Response:
    """The caption (a pin's description) of every time of the series still to come."""
    post_id = _post_id(request)
    form = await read_form(request)
    series_id = await _series_id(request, post_id)
    field_name = "description" if form.get("platform") == Platform.PINTEREST.value else "caption"
    command = EditSeries(series_id, changes={field_name: text(form, "caption") or None})
    try:
        await services(request).edit_series().execute(acting(request), command)
    except Refused as refused:
        return await _refused_on_detail(request, post_id, field_errors(refused), 400)
    except Conflict as refused:
        return await _refused_on_detail(request, post_id, {"non_field_errors": [str(refused)]}, 409)
    return back_to(f"/posts/{post_id}/?done=Every+time+to+come+is+changed")


@post_page
async def stop_series(request: Request) -> Response:
    post_id = _post_id(request)
    await read_form(request)
    series_id = await _series_id(request, post_id)
    await services(request).cancel_series().execute(acting(request), series_id)
    return back_to(f"/posts/{post_id}/?done=The+series+is+stopped")


routes = [
    Route("/posts/new/", new_post, methods=["GET", "POST"]),
    Route("/posts/{post_id:int}/", post_detail, methods=["GET"]),
    Route("/posts/{post_id:int}/edit/", edit_post, methods=["GET", "POST"]),
    Route("/posts/{post_id:int}/retry/", retry, methods=["POST"]),
    Route("/posts/{post_id:int}/cancel/", cancel, methods=["POST"]),
    Route("/posts/{post_id:int}/duplicate/", duplicate, methods=["POST"]),
    Route("/posts/{post_id:int}/reschedule/", reschedule, methods=["POST"]),
    Route("/posts/{post_id:int}/series/", change_series, methods=["POST"]),
    Route("/posts/{post_id:int}/series/stop/", stop_series, methods=["POST"]),
]
