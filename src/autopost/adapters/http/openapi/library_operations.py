"""The media library's routes."""

from __future__ import annotations

from autopost.adapters.http.answers.errors import Error
from autopost.adapters.http.answers.library import LibraryItemOut, LibraryPage
from autopost.adapters.http.library import LibraryUploadIn
from autopost.adapters.http.openapi.operation import (
    INVALID,
    NO_CONTENT,
    NOT_FOUND,
    Operation,
    Param,
    Reply,
    path_id,
    query,
)
from autopost.domain.library import MediaFormat

ITEM_ID = path_id("item_id", "library item")
NOT_ALLOWED = Reply("Only Publishers and Administrators upload and delete media.", Error)
PAGE = (
    query("page", {"type": "integer", "minimum": 1}, "The page, from 1."),
    query("page_size", {"type": "integer", "minimum": 1}, "Items a page (at most 100)."),
)

FILE_FORMATS = tuple(f.value for f in MediaFormat)

LIBRARY_OPERATIONS = (
    Operation(
        "get",
        "/media-files/{name}",
        "open_signed_media_file",
        "A library file, by its signed link",
        "library",
        {
            200: Reply(
                "The file, in its format.",
                bytes,
                FILE_FORMATS[0],
                headers={"Cache-Control": "Kept at most until the link expires."},
                also_as=FILE_FORMATS[1:],
            ),
            404: Reply(
                "No such file, a signature that does not match, or a link past its time.",
                Error,
            ),
        },
        params=(
            Param(
                "name", "path", {"type": "string"}, "The file's id and suffix: `3.mp4`.", "1.jpg"
            ),
            query(
                "expires",
                {"type": "integer", "minimum": 0},
                "When the link stops opening the file, in seconds since 1970 (UTC).",
            ),
            query("signature", {"type": "string"}, "The link's signature."),
        ),
        public=True,
        description="What Instagram and Pinterest fetch a post's library file from: a link "
        "Autopost makes when it publishes the post, on `AUTOPOST_PUBLIC_URL`. It needs no "
        "token: the signature (HMAC-SHA256 of the file's id and `expires`, with a key derived "
        "from the instance's secret key) is the permission.",
    ),
    Operation(
        "get",
        "/api/v1/library/",
        "list_library",
        "List the media library",
        "library",
        {
            200: Reply("A page of the library, newest first.", LibraryPage),
            404: Reply("No such page.", Error),
        },
        params=PAGE,
    ),
    Operation(
        "post",
        "/api/v1/library/",
        "upload_media",
        "Upload an image or a video",
        "library",
        {
            201: Reply("The file, kept.", LibraryItemOut),
            400: INVALID,
            403: NOT_ALLOWED,
            413: Reply("The body is larger than `AUTOPOST_MEDIA_MAX_BYTES` allows.", Error),
        },
        body=LibraryUploadIn,
        body_media_type="multipart/form-data",
        description="A `multipart/form-data` body whose `file` part is a JPEG or PNG image "
        "(at most 20 MB) or an MP4 or QuickTime video (at most 2 GB), and at most "
        "`AUTOPOST_MEDIA_MAX_BYTES`. The format is read from the file's bytes: a file that "
        "is none of these, or not what its part's `Content-Type` says, is refused. A post "
        "uses it by its `reference` (`library:<id>`) where it would give a URL.",
    ),
    Operation(
        "get",
        "/api/v1/library/{item_id}/",
        "get_library_item",
        "A file of the media library",
        "library",
        {200: Reply("The file's record.", LibraryItemOut), 404: NOT_FOUND},
        params=(ITEM_ID,),
    ),
    Operation(
        "delete",
        "/api/v1/library/{item_id}/",
        "delete_library_item",
        "Delete a file of the media library",
        "library",
        {
            204: NO_CONTENT,
            403: NOT_ALLOWED,
            404: NOT_FOUND,
            409: Reply("A post still to be published uses it: the answer names the posts.", Error),
        },
        params=(ITEM_ID,),
    ),
)
