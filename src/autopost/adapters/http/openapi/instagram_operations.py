"""Connecting Instagram accounts with OAuth, and the earlier media API: the sync, the media it
found (``/api/posts/``, not the scheduled posts) and their comments."""

from __future__ import annotations

from autopost.adapters.http.answers.accounts import AuthorizeUrl, InstagramConnected
from autopost.adapters.http.answers.instagram import (
    Comment,
    Media,
    MediaPage,
    NewComment,
    SyncReport,
)
from autopost.adapters.http.openapi.json_schema import STRING, enum
from autopost.adapters.http.openapi.operation import (
    AS_JSON,
    CALLS_THE_PLATFORM,
    CONNECT_REFUSED,
    INVALID,
    NEEDS_SIGN_IN,
    NO_CONTENT,
    NOT_FOUND,
    NOT_SET_UP,
    OAUTH_ANSWER,
    PLATFORM_REFUSED,
    REDIRECT,
    REFRESH,
    WHOLE_NUMBER,
    Operation,
    Reply,
    path_id,
    query,
)
from autopost.adapters.http.schemas import CommentIn, HideIn, SyncIn

MEDIA_PK = path_id("media_pk", "media (its `id` here, not Instagram's)")
COMMENT_PK = path_id("comment_pk", "comment (its `id` here, not Instagram's)")
COMMENT = Reply("The comment.", Comment)
A_TIME = "An ISO 8601 date or time, UTC when it has no zone."

INSTAGRAM_OPERATIONS = (
    Operation(
        "get",
        "/auth/instagram/authorize/",
        "instagram_authorize",
        "Connect Instagram accounts",
        "instagram",
        {
            200: Reply("The consent page's address.", AuthorizeUrl),
            302: REDIRECT,
            400: INVALID,
            401: NEEDS_SIGN_IN,
            503: NOT_SET_UP,
        },
        params=(
            query("login", enum("facebook", "instagram"), "Which Meta login; `facebook` first."),
            AS_JSON,
        ),
        description="A redirect to Meta's consent page; JSON with `?format=json` or "
        "`Accept: application/json`.",
    ),
    Operation(
        "get",
        "/auth/instagram/callback/",
        "instagram_callback",
        "Meta's answer to the consent page",
        "instagram",
        {
            200: Reply("The accounts are connected.", InstagramConnected),
            400: CONNECT_REFUSED,
        },
        params=OAUTH_ANSWER,
        public=True,
    ),
    Operation(
        "post",
        "/api/sync/",
        "sync_instagram",
        "Sync an Instagram account's media",
        "instagram",
        {
            200: Reply("What this sync did, finished or stopped part way.", SyncReport),
            400: INVALID,
            404: NOT_FOUND,
            409: PLATFORM_REFUSED,
        },
        body=SyncIn,
        example={"credential": 1, "full": False},
        description="`credential` may be left out when one Instagram account is connected; "
        "`full` reads every page and finds deletions. Pages that fail in passing (5xx, rate "
        "limits) are tried again for up to 20 s; past that the answer says what was kept "
        "(`finished`: false, `stopped`), and the next sync goes on from where this one stopped.",
    ),
    Operation(
        "get",
        "/api/posts/",
        "list_media",
        "List synced and published media",
        "instagram",
        {200: Reply("A page, newest first.", MediaPage), 400: INVALID},
        params=(
            query("cursor", STRING, "From `next` of the page before."),
            query("limit", WHOLE_NUMBER, "At most 100 (more is read as 100); default 20."),
            query("origin", enum("synced", "published")),
            query("ordering", enum("-timestamp"), "Newest first, the only order."),
            query("credential", WHOLE_NUMBER, "One account's media."),
            query("account", WHOLE_NUMBER, "The same as `credential`."),
            query("media_type", STRING, "`IMAGE`, `VIDEO` or `CAROUSEL_ALBUM`."),
            query("since", STRING, A_TIME),
            query("until", STRING, A_TIME),
        ),
    ),
    Operation(
        "get",
        "/api/posts/{media_pk}/",
        "get_media",
        "Read a media",
        "instagram",
        {200: Reply("The media.", Media), 404: NOT_FOUND},
        params=(MEDIA_PK,),
    ),
    Operation(
        "post",
        "/api/posts/{media_pk}/comment/",
        "comment_on_media",
        "Comment on a media",
        "instagram",
        {201: Reply("The comment, as posted.", NewComment), 400: INVALID, 404: NOT_FOUND}
        | CALLS_THE_PLATFORM,
        body=CommentIn,
        example={"text": "Thank you!"},
        params=(MEDIA_PK,),
    ),
    Operation(
        "get",
        "/api/posts/{media_pk}/comments/",
        "list_comments",
        "A media's comments",
        "instagram",
        {200: Reply("The comments.", list[Comment]), 404: NOT_FOUND} | CALLS_THE_PLATFORM,
        params=(MEDIA_PK, REFRESH),
    ),
    Operation(
        "post",
        "/api/comments/{comment_pk}/reply/",
        "reply_to_comment",
        "Reply to a comment",
        "instagram",
        {201: Reply("The reply.", Comment), 400: INVALID, 404: NOT_FOUND} | CALLS_THE_PLATFORM,
        body=CommentIn,
        example={"text": "Glad you like it."},
        params=(COMMENT_PK,),
    ),
    Operation(
        "post",
        "/api/comments/{comment_pk}/hide/",
        "hide_comment",
        "Hide or show a comment",
        "instagram",
        {200: COMMENT, 400: INVALID, 404: NOT_FOUND} | CALLS_THE_PLATFORM,
        body=HideIn,
        example={"hide": True},
        params=(COMMENT_PK,),
    ),
    Operation(
        "delete",
        "/api/comments/{comment_pk}/",
        "delete_comment",
        "Delete a comment",
        "instagram",
        {204: NO_CONTENT, 404: NOT_FOUND} | CALLS_THE_PLATFORM,
        params=(COMMENT_PK,),
    ),
)
