"""Connecting a Pinterest account with OAuth, and its boards."""

from __future__ import annotations

from autopost.adapters.http.answers.accounts import AuthorizeUrl, Board, PinterestConnected
from autopost.adapters.http.openapi.operation import (
    AS_JSON,
    CALLS_THE_PLATFORM,
    CONNECT_REFUSED,
    INVALID,
    NEEDS_SIGN_IN,
    NOT_FOUND,
    NOT_SET_UP,
    OAUTH_ANSWER,
    REDIRECT,
    REFRESH,
    Operation,
    Reply,
    path_id,
)

PINTEREST_OPERATIONS = (
    Operation(
        "get",
        "/api/v1/credentials/{credential_id}/boards/",
        "list_boards",
        "A Pinterest account's boards",
        "pinterest",
        {
            200: Reply("The boards cache.", list[Board]),
            400: INVALID,
            404: NOT_FOUND,
            **CALLS_THE_PLATFORM,
        },
        params=(path_id("credential_id", "Pinterest account", example=2), REFRESH),
        description="From the cache; read from Pinterest first when asked, or when the cache "
        "is older than `AUTOPOST_PINTEREST_BOARDS_MAX_AGE_SECONDS` (an hour by default).",
    ),
    Operation(
        "get",
        "/auth/pinterest/authorize/",
        "pinterest_authorize",
        "Connect a Pinterest account",
        "pinterest",
        {
            200: Reply("The consent page's address.", AuthorizeUrl),
            302: REDIRECT,
            401: NEEDS_SIGN_IN,
            503: NOT_SET_UP,
        },
        params=(AS_JSON,),
        description="A redirect to Pinterest's consent page; JSON with `?format=json` or "
        "`Accept: application/json`.",
    ),
    Operation(
        "get",
        "/auth/pinterest/callback/",
        "pinterest_callback",
        "Pinterest's answer to the consent page",
        "pinterest",
        {200: Reply("The account is connected.", PinterestConnected), 400: CONNECT_REFUSED},
        params=OAUTH_ANSWER,
        public=True,
    ),
)
