"""The token endpoints of the Instagram API with Instagram Login, served at the sandbox's root as
``graph.instagram.com`` serves them.

``GET /access_token?grant_type=ig_exchange_token&client_secret=…&access_token=<short-lived>``
trades a short-lived token (one hour) for a long-lived one (60 days);
``GET /refresh_access_token?grant_type=ig_refresh_token&access_token=<long-lived>`` gives a new
long-lived token for one that is at least 24 hours old and not expired. As on Instagram, the
token exchanged or refreshed keeps working until its own expiry.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from autopost.sandbox.graph_errors import GraphError, invalid_param, unsupported_request
from autopost.sandbox.graph_request import GraphCall
from autopost.sandbox.instagram_access import live_grant
from autopost.sandbox.instagram_contract import TOKEN_EXCHANGE_PARAMS, TOKEN_REFRESH_PARAMS
from autopost.sandbox.instagram_media_rules import check_param_names
from autopost.sandbox.instagram_state import InstagramState
from autopost.sandbox.instagram_tokens import TokenGrant, TokenKind

SHORT_LIVED = timedelta(hours=1)
LONG_LIVED = timedelta(days=60)
REFRESHABLE_AFTER = timedelta(hours=24)
LIFETIMES = {TokenKind.SHORT_LIVED: SHORT_LIVED, TokenKind.LONG_LIVED: LONG_LIVED}
PERMISSIONS = ",".join(
    (
        "instagram_business_basic",
        "instagram_business_content_publish",
        "instagram_business_manage_comments",
    )
)
LOGIN_PATHS = frozenset({"access_token", "refresh_access_token"})


def is_login_call(segments: tuple[str, ...]) -> bool:
    return len(segments) == 1 and segments[0] in LOGIN_PATHS


def issue_token(state: InstagramState, ig_user_id: str, kind: TokenKind, now: datetime) -> str:
    token = "IGAA" + secrets.token_urlsafe(32)
    state.tokens[token] = TokenGrant(
        ig_user_id, kind=kind, issued_at=now, expires_at=now + LIFETIMES[kind]
    )
    return token


def answer_login_call(
    state: InstagramState, call: GraphCall, app_secret: str, now: datetime
) -> dict[str, Any]:
    endpoint = call.segments[0]
    if call.method != "GET":
        raise unsupported_request(call.method, endpoint)
    if endpoint == "access_token":
        return _exchange(state, call.params, call.token, app_secret, now)
    return _refresh(state, call.params, call.token, now)


def _exchange(
    state: InstagramState,
    params: dict[str, str],
    token: str | None,
    app_secret: str,
    now: datetime,
) -> dict[str, Any]:
    check_param_names(params, TOKEN_EXCHANGE_PARAMS)
    _check_grant_type(params, "ig_exchange_token")
    if "client_secret" not in params:
        raise invalid_param("The parameter client_secret is required")
    if not secrets.compare_digest(params["client_secret"], app_secret):
        raise GraphError("Error validating client secret.", code=1)
    grant = live_grant(state, token, now)
    if grant.kind != TokenKind.SHORT_LIVED:
        raise invalid_param("Param access_token must be a short-lived Instagram User token")
    long_lived = issue_token(state, grant.ig_user_id, TokenKind.LONG_LIVED, now)
    return _token_answer(long_lived)


def _refresh(
    state: InstagramState, params: dict[str, str], token: str | None, now: datetime
) -> dict[str, Any]:
    check_param_names(params, TOKEN_REFRESH_PARAMS)
    _check_grant_type(params, "ig_refresh_token")
    grant = live_grant(state, token, now)
    if grant.kind != TokenKind.LONG_LIVED:
        raise invalid_param("Param access_token must be a long-lived Instagram User token")
    if grant.issued_at is not None and now - grant.issued_at < REFRESHABLE_AFTER:
        raise invalid_param("A long-lived token can be refreshed once it is 24 hours old")
    refreshed = issue_token(state, grant.ig_user_id, TokenKind.LONG_LIVED, now)
    return {**_token_answer(refreshed), "permissions": PERMISSIONS}


def _check_grant_type(params: dict[str, str], expected: str) -> None:
    grant_type = params.get("grant_type")
    if grant_type is None:
        raise invalid_param("The parameter grant_type is required")
    if grant_type != expected:
        raise invalid_param(f"Param grant_type must be {expected}")


def _token_answer(token: str) -> dict[str, Any]:
    return {
        "access_token": token,
        "token_type": "bearer",
        "expires_in": int(LONG_LIVED.total_seconds()),
    }
