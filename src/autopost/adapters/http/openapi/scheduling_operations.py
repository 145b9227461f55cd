"""``/api/v1/posts/``: scheduling, rescheduling, cancelling and retrying posts."""

from __future__ import annotations

from autopost.adapters.http.answers.errors import Error
from autopost.adapters.http.answers.posts import Post
from autopost.adapters.http.answers.series import ScheduledPost
from autopost.adapters.http.openapi.operation import (
    CONFLICT,
    INVALID,
    NO_CONTENT,
    NOT_FOUND,
    PLATFORM_UNAVAILABLE,
    WHOLE_NUMBER,
    Operation,
    Reply,
    path_id,
    query,
)
from autopost.adapters.http.schemas import PostIn, PublicationMove

POST_ID = path_id("post_id", "post")
PUBLICATION_ID = path_id("publication_id", "publication")
POST = Reply("The post.", Post)
# Choosing a Pinterest board may read the account's boards from Pinterest first.
REFUSED = Reply(
    "Its current state does not allow this, another request changed it or its account at the "
    "same time (then load it again and retry), or Pinterest refused to list the account's "
    "boards.",
    Error,
)

SCHEDULING_OPERATIONS = (
    Operation(
        "get",
        "/api/v1/posts/",
        "list_posts",
        "List scheduled posts",
        "scheduling",
        {200: Reply("The posts.", list[Post]), 400: INVALID},
        params=(
            query("limit", WHOLE_NUMBER, "At most 1000 (more is read as 1000); default 100."),
            query("offset", WHOLE_NUMBER, "How many to skip."),
        ),
    ),
    Operation(
        "post",
        "/api/v1/posts/",
        "schedule_post",
        "Schedule a post",
        "scheduling",
        {
            201: Reply(
                "The stored post (the first occurrence of one that repeats).", ScheduledPost
            ),
            400: INVALID,
            404: NOT_FOUND,
            409: REFUSED,
            503: PLATFORM_UNAVAILABLE,
        },
        body=PostIn,
        example={
            "user_id": "17841400000000001",
            "content_type": "Photo",
            "url": "https://cdn.example.com/a.jpg",
            "caption": "Scheduled with Autopost #hello",
            "date_pub": "2030-01-01T12:00:00+03:00",
        },
        description='`date_pub` carries its time zone (left out, or "now": as soon as '
        "possible). `token` is stored encrypted as the account's credential and never shown "
        "again; once the account is connected, `user_id` or `credential` is enough. A post to "
        "several accounts names them in `credentials`, with `overrides` by account id; its "
        "answer lists a publication per account in `publications`, and a refusal names the "
        "account (`credentials.<id>.<field>`). A form-encoded body is taken too. With "
        "`repeat`, the post recurs: the answer is its first occurrence, with `series`.",
    ),
    Operation(
        "get",
        "/api/v1/posts/{post_id}/",
        "get_post",
        "Read a post",
        "scheduling",
        {200: POST, 404: NOT_FOUND},
        params=(POST_ID,),
    ),
    Operation(
        "patch",
        "/api/v1/posts/{post_id}/",
        "edit_post",
        "Change or reschedule a post",
        "scheduling",
        {200: POST, 400: INVALID, 404: NOT_FOUND, 409: REFUSED, 503: PLATFORM_UNAVAILABLE},
        body=PostIn,
        example={"date_pub": "2030-12-24T18:00:00+01:00"},
        params=(POST_ID,),
        description="Only the fields sent change.",
    ),
    Operation(
        "put",
        "/api/v1/posts/{post_id}/",
        "replace_post",
        "Replace a post",
        "scheduling",
        {200: POST, 400: INVALID, 404: NOT_FOUND, 409: REFUSED, 503: PLATFORM_UNAVAILABLE},
        body=PostIn,
        example={
            "url": "https://cdn.example.com/b.jpg",
            "caption": "Replaced",
            "date_pub": "2030-12-24T18:00:00+01:00",
        },
        params=(POST_ID,),
        description="The content fields not sent are cleared; `date_pub` is required.",
    ),
    Operation(
        "delete",
        "/api/v1/posts/{post_id}/",
        "cancel_post",
        "Cancel a post",
        "scheduling",
        {204: NO_CONTENT, 404: NOT_FOUND, 409: CONFLICT},
        params=(POST_ID,),
        description="Cancels every publication of the post that can still change; those "
        "published or being published stay. Cancelling a cancelled post is harmless; a post "
        "with nothing left to cancel is refused.",
    ),
    Operation(
        "post",
        "/api/v1/posts/{post_id}/retry/",
        "retry_post",
        "Retry a failed post",
        "scheduling",
        {200: Reply("The post, scheduled again.", Post), 404: NOT_FOUND, 409: CONFLICT},
        params=(POST_ID,),
        description="Every failed publication of the post is tried again.",
    ),
    Operation(
        "patch",
        "/api/v1/posts/{post_id}/publications/{publication_id}/",
        "move_publication",
        "Move one account's publication",
        "scheduling",
        {200: POST, 400: INVALID, 404: NOT_FOUND, 409: REFUSED},
        body=PublicationMove,
        example={"date_pub": "2030-12-24T18:00:00+01:00"},
        params=(POST_ID, PUBLICATION_ID),
        description="The post's other accounts keep their times. The answer is the post.",
    ),
    Operation(
        "delete",
        "/api/v1/posts/{post_id}/publications/{publication_id}/",
        "cancel_publication",
        "Cancel one account's publication",
        "scheduling",
        {204: NO_CONTENT, 404: NOT_FOUND, 409: CONFLICT},
        params=(POST_ID, PUBLICATION_ID),
    ),
    Operation(
        "post",
        "/api/v1/posts/{post_id}/publications/{publication_id}/retry/",
        "retry_publication",
        "Retry one account's failed publication",
        "scheduling",
        {
            200: Reply("The post, this publication scheduled again.", Post),
            404: NOT_FOUND,
            409: CONFLICT,
        },
        params=(POST_ID, PUBLICATION_ID),
    ),
)
