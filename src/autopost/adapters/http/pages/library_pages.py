"""``/library/``: the media library as a page: each file with a preview of an image, its
name, kind, size, who uploaded it and when, and the posts that use it; an upload form (a
multipart form that works without scripts) and deleting with a confirmation, for those who
may (the same use cases as ``/api/v1/library/``); "use in a new post" opens the compose page
with the file's ``library:<id>`` reference as the post's media.

The upload form's body may be a large file: the CSRF middleware does not read it (see
``csrf.CsrfProtection``'s ``form_checked_paths``); this page reads the form, keeping the file
on disk as it arrives, and checks its token before anything is kept."""

from __future__ import annotations

from typing import Protocol

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.csrf import form_token_matches
from autopost.adapters.http.library import FILE_FIELD, file_chunks
from autopost.adapters.http.pages import desk_outcomes as outcome
from autopost.adapters.http.pages.forms import read_form, record_id, signed_in_only, text
from autopost.adapters.http.pages.rendering import render
from autopost.adapters.http.services import ServicesOf
from autopost.application.library.browsing import BrowseLibrary
from autopost.application.library.delete import DeleteLibraryItem
from autopost.application.library.upload import Upload, UploadMedia
from autopost.domain.errors import PermissionDenied, ValidationFailed

PAGE = "/library/"
UPLOAD = "/library/upload/"
DELETE = "/library/delete/"
UPLOAD_PATHS = frozenset({UPLOAD})
PAGE_SIZE = 24


class LibraryPageServices(Protocol):
    def browse_library(self) -> BrowseLibrary: ...
    def upload_media(self) -> UploadMedia: ...
    def delete_library_item(self) -> DeleteLibraryItem: ...


services = ServicesOf[LibraryPageServices]("library_pages")


def size_in_words(size: int) -> str:
    """A file's size as people read it: bytes, KB or MB (of 1024)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) < 100_000 else 1


async def _page(request: Request, status: int = 200, **context: object) -> Response:
    number = _page_number(request)
    shelf = (
        await services(request)
        .browse_library()
        .execute(acting(request), PAGE_SIZE, (number - 1) * PAGE_SIZE)
    )
    pages = max(1, -(-shelf.count // PAGE_SIZE))
    return render(
        request,
        "library.html",
        status,
        shelf=shelf,
        number=number,
        pages=pages,
        size_in_words=size_in_words,
        notice=outcome.notice(request),
        **context,
    )


@signed_in_only
async def library_page(request: Request) -> Response:
    return await _page(request)


@signed_in_only
async def upload(request: Request) -> Response:
    actor = acting(request)
    uploading = services(request).upload_media()
    # Before the body is read: a file nobody may keep is not taken in.
    uploading.authorize(actor)
    try:
        # Starlette keeps a part past 1 MB in a temporary file, never in memory whole.
        form = await request.form(max_files=1, max_fields=10)
    except HTTPException as refused:
        if refused.status_code != 400:
            raise
        return await _page(request, 400, problems={FILE_FIELD: [str(refused.detail)]})
    try:
        if not form_token_matches(request, form):
            return render(request, "forbidden.html", 403, why="CSRF token missing or incorrect.")
        sent = form.get(FILE_FIELD)
        if not isinstance(sent, UploadFile) or not sent.filename:
            return await _page(request, 400, problems={FILE_FIELD: ["Choose a file to upload."]})
        chosen = Upload(sent.filename, sent.content_type or "", file_chunks(sent))
        try:
            await uploading.execute(actor, chosen)
        except ValidationFailed as refused:
            return await _page(
                request, outcome.status_of(refused), problems=outcome.problems(request, refused)
            )
    finally:
        await form.close()
    return outcome.done(PAGE, "uploaded")


@signed_in_only
async def delete(request: Request) -> Response:
    form = await read_form(request)
    item_id = record_id(text(form, "item_id"), "media")
    try:
        await services(request).delete_library_item().execute(acting(request), item_id)
    except PermissionDenied as refused:
        return outcome.forbidden(request, refused)
    except outcome.SHOWN as refused:
        problems = outcome.problems(request, refused)
        return await _page(request, outcome.status_of(refused), problems=problems)
    return outcome.done(PAGE, "file-deleted")


routes = [
    Route(PAGE, library_page, methods=["GET"]),
    Route(UPLOAD, upload, methods=["POST"]),
    Route(DELETE, delete, methods=["POST"]),
]
