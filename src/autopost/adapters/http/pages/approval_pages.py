"""``/approvals/``: for Publishers and Administrators, the posts awaiting approval, each with
what it publishes on which account and when, to approve or send back with a comment (the
same use cases as ``POST /api/v1/posts/{id}/approve/`` and ``.../return/``); for anyone
else, their own posts awaiting approval or sent back, with the reviewer's comment."""

from __future__ import annotations

from typing import Protocol

from attrs import frozen
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.i18n import language
from autopost.adapters.http.page_dates import DateWords, date_words
from autopost.adapters.http.page_language import PageWords
from autopost.adapters.http.pages import desk_outcomes as outcome
from autopost.adapters.http.pages.forms import read_form, record_id, signed_in_only, text
from autopost.adapters.http.pages.rendering import render, words_of
from autopost.adapters.http.services import ServicesOf
from autopost.application.posting.approval import ApprovePostUseCase, ReturnPostUseCase
from autopost.application.posting.review_list import ListPostsInReview
from autopost.application.posting.views import PostView
from autopost.domain.errors import PermissionDenied
from autopost.domain.instagram_content import InstagramContent
from autopost.domain.pin_content import PinContent
from autopost.domain.publication import ScheduledPublication

PAGE = "/approvals/"


class ApprovalPageServices(Protocol):
    def approve_post(self) -> ApprovePostUseCase: ...
    def list_posts_in_review(self) -> ListPostsInReview: ...
    def return_post(self) -> ReturnPostUseCase: ...


services = ServicesOf[ApprovalPageServices]("approval_pages")


@frozen
class Shown:
    """One publication of a post in review as the page writes it."""

    account: str
    status: str
    when: str
    what: tuple[tuple[str, str], ...]
    comment: str | None


def what_is_published(
    view: PostView, publication: ScheduledPublication, words: PageWords
) -> tuple[tuple[str, str], ...]:
    """Each line of what the publication publishes: its label and value, in ``words``."""
    content = publication.what_is_published(view.post).content
    _ = words.gettext
    none, from_template = _("(none)"), _("(from the template)")
    lines: list[tuple[str, str]] = [(_("Type"), _(content.content_type.value))]
    if isinstance(content, InstagramContent):
        lines.append((_("Caption"), content.caption or none))
        if content.url:
            lines.append((_("Media"), content.url))
        for child in content.children or []:
            lines.append((_("Carousel item"), child.get("url", "")))
        if content.first_comment:
            lines.append((_("First comment"), content.first_comment))
    elif isinstance(content, PinContent):
        lines.append((_("Title"), content.title or from_template))
        lines.append((_("Description"), content.description or from_template))
        if content.url:
            lines.append((_("Image"), content.url))
        if content.link:
            lines.append((_("Link"), content.link))
        if content.topic:
            lines.append((_("Topic"), content.topic))
    return tuple(lines)


def shown(view: PostView, words: PageWords, dates: DateWords) -> list[Shown]:
    rows = []
    for publication in view.publications:
        account = view.account_of(publication)
        name = f"{account.platform.value.capitalize()}: {account.username or account.account_id}"
        when = (
            words.gettext("as soon as it is approved")
            if publication.publish_at is None
            else f"{dates.strftime(publication.publish_at, '%a %d %b %Y, %H:%M')} UTC"
        )
        status = words.gettext(publication.status.value.replace("_", " "))
        what = what_is_published(view, publication, words)
        rows.append(Shown(name, status, when, what, publication.review_comment))
    return rows


async def _page(request: Request, status: int = 200, **context: object) -> Response:
    listed = await services(request).list_posts_in_review().execute(acting(request))
    return render(
        request,
        "approvals.html",
        status,
        listed=listed,
        shown=lambda view: shown(view, words_of(request), date_words(language(request))),
        notice=outcome.notice(request),
        **context,
    )


@signed_in_only
async def approvals_page(request: Request) -> Response:
    return await _page(request)


def _post_id(form: FormData) -> int:
    return record_id(text(form, "post_id"), "post")


@signed_in_only
async def approve(request: Request) -> Response:
    form = await read_form(request)
    try:
        await services(request).approve_post().execute(acting(request), _post_id(form))
    except PermissionDenied as refused:
        return outcome.forbidden(request, refused)
    except outcome.SHOWN as refused:
        problems = outcome.problems(request, refused)
        return await _page(request, outcome.status_of(refused), problems=problems)
    return outcome.done(PAGE, "approved")


@signed_in_only
async def send_back(request: Request) -> Response:
    form = await read_form(request)
    post_id = _post_id(form)
    try:
        await (
            services(request).return_post().execute(acting(request), post_id, text(form, "comment"))
        )
    except PermissionDenied as refused:
        return outcome.forbidden(request, refused)
    except outcome.SHOWN as refused:
        problems = outcome.problems(request, refused)
        return await _page(
            request, outcome.status_of(refused), problems=problems, returning=post_id
        )
    return outcome.done(PAGE, "returned")


routes = [
    Route(PAGE, approvals_page, methods=["GET"]),
    Route("/approvals/approve/", approve, methods=["POST"]),
    Route("/approvals/return/", send_back, methods=["POST"]),
]
