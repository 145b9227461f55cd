"""``/api/v1/library/``: the media library. Uploading (a multipart form, its ``file`` part
taken as it comes) and deleting are for Publishers and Administrators; everyone signed in
reads."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator
from typing import Protocol

from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from autopost.adapters.http.answers.library import LibraryItemOut, LibraryPage
from autopost.adapters.http.auth import acting
from autopost.adapters.http.pages_of import page_response, wanted_page
from autopost.adapters.http.request_body import path_id
from autopost.adapters.http.responses import error
from autopost.adapters.http.services import ServicesOf
from autopost.application.library.delete import DeleteLibraryItem
from autopost.application.library.links import FILE_PATH
from autopost.application.library.listing import GetLibraryItem, ListLibrary
from autopost.application.library.signed_files import OpenSignedFile
from autopost.application.library.upload import Upload, UploadMedia
from autopost.domain.errors import ValidationFailed

PATH = "/api/v1/library/"
UPLOAD_PATHS = frozenset({PATH})
CHUNK_BYTES = 256 * 1024
FILE_FIELD = "file"


class LibraryServices(Protocol):
    def upload_media(self) -> UploadMedia: ...
    def list_library(self) -> ListLibrary: ...
    def get_library_item(self) -> GetLibraryItem: ...
    def delete_library_item(self) -> DeleteLibraryItem: ...
    def open_signed_file(self) -> OpenSignedFile: ...


class LibraryUploadIn(BaseModel):
    """A ``multipart/form-data`` body with the file in its ``file`` part."""

    file: bytes = Field(
        description="The image (JPEG, PNG) or video (MP4, QuickTime). What it is is read "
        "from its bytes; a type given for the part must agree with them."
    )


services = ServicesOf[LibraryServices]("library")


async def file_chunks(file: UploadFile) -> AsyncIterator[bytes]:
    """A posted file's bytes, a chunk at a time."""
    while chunk := await file.read(CHUNK_BYTES):
        yield chunk


async def upload(request: Request) -> Response:
    actor = acting(request)
    uploading = services(request).upload_media()
    uploading.authorize(actor)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise ValidationFailed({FILE_FIELD: ["Send the file as multipart/form-data."]})
    try:
        # Starlette keeps a part past 1 MB in a temporary file, never in memory whole.
        form = await request.form(max_files=1, max_fields=10)
    except HTTPException as refused:
        if refused.status_code != 400:
            raise
        raise ValidationFailed(
            {FILE_FIELD: [f"The form cannot be read: {refused.detail}"]}
        ) from None
    try:
        sent = form.get(FILE_FIELD)
        if not isinstance(sent, UploadFile):
            raise ValidationFailed({FILE_FIELD: ["No file was sent in the `file` part."]})
        upload = Upload(sent.filename or "", sent.content_type or "", file_chunks(sent))
        item = await uploading.execute(actor, upload)
    finally:
        await form.close()
    return JSONResponse(LibraryItemOut.of(item).model_dump(mode="json"), status_code=201)


async def list_library(request: Request) -> Response:
    wanted = wanted_page(request)
    page = (
        await services(request).list_library().execute(acting(request), wanted.size, wanted.offset)
    )
    items = [LibraryItemOut.of(item) for item in page.items]
    return page_response(request, wanted, LibraryPage, page.count, items)


async def library_item(request: Request) -> Response:
    item_id = path_id(request, "item_id")
    if request.method == "DELETE":
        await services(request).delete_library_item().execute(acting(request), item_id)
        return Response(status_code=204)
    item = await services(request).get_library_item().execute(acting(request), item_id)
    return JSONResponse(LibraryItemOut.of(item).model_dump(mode="json"))


_FILE_NAME = re.compile(r"([1-9][0-9]{0,17})(\.[a-z0-9]{1,8})")
_EXPIRES = re.compile(r"[0-9]{1,12}")


async def signed_file(request: Request) -> Response:
    """A library file by its signed link, for a platform to fetch: no session, and the same
    404 for a wrong signature, an expired link and a file that is gone."""
    name = _FILE_NAME.fullmatch(request.path_params["name"])
    expires = request.query_params.get("expires", "")
    signature = request.query_params.get("signature", "")
    if name is None or not _EXPIRES.fullmatch(expires) or not signature:
        return error(404, "Not found.")
    opened = (
        await services(request)
        .open_signed_file()
        .execute(int(name.group(1)), name.group(2), int(expires), signature)
    )
    try:
        # Read before the answer starts: a file missing from the storage is a 404, not a
        # broken answer.
        first = await anext(opened.chunks, b"")
    except FileNotFoundError:
        return error(404, "Not found.")
    item = opened.item
    headers = {
        "Content-Length": str(item.size),
        # Until the link expires, at most: a cache must not serve it past that.
        "Cache-Control": f"private, max-age={max(0, int(expires) - int(time.time()))}",
    }
    if request.method == "HEAD":
        await opened.chunks.aclose()
        return Response(media_type=item.media_format.value, headers=headers)

    async def body() -> AsyncIterator[bytes]:
        yield first
        async for chunk in opened.chunks:
            yield chunk

    return StreamingResponse(body(), media_type=item.media_format.value, headers=headers)


routes = [
    Route(FILE_PATH + "{name:str}", signed_file, methods=["GET", "HEAD"]),
    Route(PATH, list_library, methods=["GET"]),
    Route(PATH, upload, methods=["POST"]),
    Route(PATH + "{item_id:int}/", library_item, methods=["GET", "DELETE"]),
]
