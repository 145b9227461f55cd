"""What the API answers with, as JSON Schema: one entry per function of ``serializers.py``
(same keys, same order), plus the error shapes of ``responses.py``."""

from __future__ import annotations

from autopost.adapters.http.openapi.accounts_schemas import ACCOUNTS_SCHEMAS
from autopost.adapters.http.openapi.json_schema import (
    BOOLEAN,
    INTEGER,
    STRING,
    TIME,
    Schema,
    array,
    closed_object,
    enum,
    maybe,
    ref,
)
from autopost.domain.board import BoardSource
from autopost.domain.credential import CredentialStatus
from autopost.domain.instagram_media import MediaOrigin
from autopost.domain.post import ContentType, Platform
from autopost.domain.publication import PublicationStatus

ANY_OBJECT: Schema = {"type": "object"}

POST = closed_object(
    {
        "id": INTEGER,
        "platform": enum(*Platform),
        "credential": INTEGER,
        "user_id": {**STRING, "description": "The platform's id of the account."},
        "content_type": enum(*ContentType),
        "caption": maybe(STRING),
        "url": maybe(STRING),
        "location_id": maybe(STRING),
        "user_tags": maybe(array(ANY_OBJECT)),
        "thumb_offset": maybe(INTEGER),
        "children": maybe(array(ANY_OBJECT)),
        "title": maybe(STRING),
        "description": maybe(STRING),
        "link": maybe(STRING),
        "alt_text": maybe(STRING),
        "topic": maybe(STRING),
        "answers": maybe(array(STRING)),
        "date_pub": TIME,
        "board_id": maybe(STRING),
        "status": enum(*PublicationStatus),
        "remote_id": maybe(STRING),
        "permalink": maybe(STRING),
        "error": {**maybe(STRING), "description": "Why it failed, or what stands in its way."},
        "attempts": INTEGER,
        "next_attempt_at": {
            **maybe(TIME),
            "description": "While it waits, when Autopost next works on it (for Instagram, "
            "the media is made a few minutes before `date_pub`), or now once that time has come: "
            "never in the past. Null once published, failed or cancelled.",
        },
        "published_at": maybe(TIME),
        "created_at": TIME,
        "updated_at": {
            **TIME,
            "description": "When the post or its publication last changed: edited, "
            "rescheduled, cancelled, retried, or a step of publishing.",
        },
    },
    description="A scheduled post and its publication. The account's token is never shown.",
)

MEDIA = closed_object(
    {
        "id": INTEGER,
        "media_id": {**STRING, "description": "Instagram's id of the media."},
        "credential": INTEGER,
        "post": {**maybe(INTEGER), "description": "The Autopost post that published it."},
        "origin": enum(*MediaOrigin),
        "caption": maybe(STRING),
        "media_type": STRING,
        "media_product_type": maybe(STRING),
        "media_url": maybe(STRING),
        "thumbnail_url": maybe(STRING),
        "permalink": maybe(STRING),
        "timestamp": TIME,
        "like_count": maybe(INTEGER),
        "comments_count": maybe(INTEGER),
        "children": maybe(array(ANY_OBJECT)),
        "deleted": BOOLEAN,
        "synced_at": TIME,
    },
    description="An Instagram media as Autopost last saw it.",
)

COMMENT_FIELDS: dict[str, Schema] = {
    "id": INTEGER,
    "comment_id": {**STRING, "description": "Instagram's id of the comment."},
    "post": {**INTEGER, "description": "The id of the media it is on."},
    "text": STRING,
    "username": maybe(STRING),
    "timestamp": TIME,
    "parent_id": {**maybe(STRING), "description": "Instagram's id of the comment it answers."},
    "like_count": maybe(INTEGER),
    "hidden": BOOLEAN,
}

COMMENT = closed_object(COMMENT_FIELDS)

NEW_COMMENT = closed_object(
    COMMENT_FIELDS,
    optional={"note": {**STRING, "description": "Present when a username was sent."}},
)

BOARD = closed_object(
    {
        "board_id": STRING,
        "name": STRING,
        "source": enum(*BoardSource),
        "refreshed_at": TIME,
    },
    description="A board of a Pinterest account, from the boards cache.",
)

CREDENTIAL = closed_object(
    {
        "id": INTEGER,
        "platform": enum(*Platform),
        "account_id": STRING,
        "username": maybe(STRING),
        "status": enum(*CredentialStatus),
        "status_reason": maybe(STRING),
        "expires_at": maybe(TIME),
        "scopes": maybe(STRING),
        "environment": STRING,
        "default_board_id": maybe(STRING),
        "created_at": TIME,
    },
    description="A connected platform account. Its tokens are write-only: never shown.",
)

SYNC_REPORT = closed_object(
    {
        "credential": INTEGER,
        "full": BOOLEAN,
        "pages": INTEGER,
        "seen": INTEGER,
        "new_or_changed": INTEGER,
        "deleted": INTEGER,
        "linked": INTEGER,
    },
    description="What one sync of an Instagram account's media found.",
)

MEDIA_PAGE = closed_object(
    {
        "next": {**maybe(STRING), "description": "The address of the next page, if any."},
        "previous": {"type": "null"},
        "results": array(ref("Media")),
    }
)

TOKEN = closed_object({"token": STRING})
AUTHORIZE_URL = closed_object(
    {"authorize_url": {**STRING, "description": "Open it in a browser to give consent."}}
)
PINTEREST_CONNECTED = closed_object({"success": {"const": True}, "credential": ref("Credential")})
INSTAGRAM_CONNECTED = closed_object(
    {"success": {"const": True}, "credentials": array(ref("Credential"))}
)
HEALTH = closed_object({"status": {"const": "ok"}})

ERROR = closed_object({"error": STRING}, description='One message: `{"error": "Not found."}`.')
FIELD_ERRORS: Schema = {
    "type": "object",
    "description": (
        'Messages by field: `{"date_pub": ["This field is required."]}`; '
        "`non_field_errors` when no one field is to blame."
    ),
    "additionalProperties": array(STRING),
    "minProperties": 1,
}

RESPONSE_SCHEMAS: dict[str, Schema] = {
    "Post": POST,
    "Credential": CREDENTIAL,
    "Board": BOARD,
    "Media": MEDIA,
    "MediaPage": MEDIA_PAGE,
    "Comment": COMMENT,
    "NewComment": NEW_COMMENT,
    "SyncReport": SYNC_REPORT,
    "Token": TOKEN,
    "AuthorizeUrl": AUTHORIZE_URL,
    "PinterestConnected": PINTEREST_CONNECTED,
    "InstagramConnected": INSTAGRAM_CONNECTED,
    "Health": HEALTH,
    "Error": ERROR,
    "FieldErrors": FIELD_ERRORS,
    **ACCOUNTS_SCHEMAS,
}
