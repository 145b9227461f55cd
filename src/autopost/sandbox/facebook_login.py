"""Facebook Login's Graph endpoints, for the Instagram API with Facebook Login.

``GET /{version}/oauth/access_token?client_id&redirect_uri&client_secret&code`` trades the
dialog's code for a short-lived user token; with ``grant_type=fb_exchange_token`` it trades
that for a long-lived one (about 60 days). ``GET /{version}/me`` answers the token's user (an
Instagram Login token's account: ``instagram_oauth``), and ``GET /{version}/me/accounts`` the
user's Pages, with ``instagram_business_account{id,username}`` for their linked Instagram
accounts, in pages of ``limit`` followed by ``after`` cursors.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from starlette.datastructures import URL

from autopost.sandbox.graph_errors import (
    GraphError,
    expired_token,
    invalid_param,
    invalid_token,
    nonexisting_field,
    revoked_token,
)
from autopost.sandbox.graph_paging import (
    PAGING_PARAMS,
    decode_cursor,
    encode_cursor,
    oldest_first,
    paging_block,
    parse_limit,
)
from autopost.sandbox.graph_values import FieldSelection, parse_fields
from autopost.sandbox.instagram_fields import render_node, render_user
from autopost.sandbox.instagram_media_rules import check_param_names
from autopost.sandbox.instagram_oauth import instagram_me
from autopost.sandbox.instagram_tokens import TokenKind
from autopost.sandbox.meta_login_contract import (
    FACEBOOK_CODE_PARAMS,
    FACEBOOK_EXCHANGE_PARAMS,
    FACEBOOK_USER_FIELDS,
    PAGE_CATEGORY,
    PAGE_DEFAULT_FIELDS,
    PAGE_FIELDS,
    PAGE_TASKS,
)
from autopost.sandbox.meta_login_sandbox import MetaLoginSandbox
from autopost.sandbox.meta_login_state import (
    CodeProblem,
    CodeRefused,
    FacebookGrant,
    FacebookPage,
    LoginKind,
)
from autopost.sandbox.runtime import Sandbox

SHORT_LIVED = timedelta(hours=1)
LONG_LIVED_SECONDS = 5_183_944
LONG_LIVED = timedelta(seconds=LONG_LIVED_SECONDS)
PAGE_CURSOR = "page"

Payload = dict[str, Any]


def code_refused(problem: CodeProblem) -> GraphError:
    if problem is CodeProblem.USED:
        return GraphError("This authorization code has been used.", code=100, subcode=36009)
    if problem is CodeProblem.EXPIRED:
        return GraphError("This authorization code has expired.", code=100, subcode=36007)
    if problem is CodeProblem.OTHER_REDIRECT:
        return GraphError(
            "Error validating verification code. Please make sure your redirect_uri is "
            "identical to the one you used in the OAuth dialog request",
            code=100,
            subcode=36008,
        )
    return GraphError("Invalid verification code format.", code=100)


def facebook_token(login: MetaLoginSandbox, params: dict[str, str], now: datetime) -> Payload:
    if params.get("grant_type") == "fb_exchange_token":
        return _exchange(login, params, now)
    if "grant_type" in params:
        raise invalid_param("Param grant_type must be fb_exchange_token")
    return _redeem(login, params, now)


def live_facebook_grant(login: MetaLoginSandbox, token: str | None, now: datetime) -> FacebookGrant:
    grant = login.state.facebook_tokens.get(token) if token else None
    if grant is None:
        raise invalid_token()
    if grant.revoked:
        raise revoked_token()
    if grant.expired(now):
        raise expired_token(grant.expires_at, now)
    return grant


def me(
    sandbox: Sandbox,
    login: MetaLoginSandbox,
    params: dict[str, str],
    token: str | None,
    now: datetime,
) -> Payload:
    """The token's Facebook user, or its Instagram account for an Instagram Login token."""
    if token not in login.state.facebook_tokens:
        return instagram_me(sandbox, params, token, now)
    grant = live_facebook_grant(login, token, now)
    check_param_names(params, {"fields"})
    values: dict[str, Callable[[], Any]] = {
        "id": lambda: grant.user_id,
        "name": lambda: login.state.users.get(grant.user_id),
    }
    selections = parse_fields(params.get("fields"), "id,name")
    return render_node(values, selections, FACEBOOK_USER_FIELDS, "User", grant.user_id)


def my_pages(
    sandbox: Sandbox,
    login: MetaLoginSandbox,
    params: dict[str, str],
    token: str | None,
    now: datetime,
    url: URL,
) -> Payload:
    if token not in login.state.facebook_tokens:
        if token is None or token not in sandbox.instagram.state.tokens:
            raise invalid_token()
        raise nonexisting_field("accounts", "User")
    grant = live_facebook_grant(login, token, now)
    check_param_names(params, PAGING_PARAMS)
    pages = login.state.pages_of(grant.user_id)
    limit = parse_limit(params.get("limit"))
    after, before = (
        decode_cursor(PAGE_CURSOR, params[name], 1)[0] if name in params else None
        for name in ("after", "before")
    )
    window = oldest_first(range(len(pages)), limit, after, before)
    selections = parse_fields(params.get("fields"), PAGE_DEFAULT_FIELDS)
    answer: Payload = {"data": [_page(sandbox, pages[i], selections) for i in window.items]}
    paging = paging_block(window, url, limit, lambda key: encode_cursor(PAGE_CURSOR, key))
    if paging is not None:
        answer["paging"] = paging
    return answer


def _page(sandbox: Sandbox, page: FacebookPage, selections: tuple[FieldSelection, ...]) -> Payload:
    accounts = sandbox.instagram.state.accounts

    def linked(selection: FieldSelection) -> Payload | None:
        account = accounts.get(page.ig_user_id) if page.ig_user_id else None
        return (
            render_user(account, selection.subfields or (), sandbox.clock.now())
            if account
            else None
        )

    subfields = {s.name: s for s in selections}
    values: dict[str, Callable[[], Any]] = {
        "id": lambda: page.id,
        "name": lambda: page.name,
        "category": lambda: PAGE_CATEGORY,
        "tasks": lambda: list(PAGE_TASKS),
        "instagram_business_account": lambda: linked(subfields["instagram_business_account"]),
        "connected_instagram_account": lambda: linked(subfields["connected_instagram_account"]),
    }
    return render_node(values, selections, PAGE_FIELDS, "Page", page.id)


def _redeem(login: MetaLoginSandbox, params: dict[str, str], now: datetime) -> Payload:
    check_param_names(params, FACEBOOK_CODE_PARAMS)
    _check_app(login, params)
    if not params.get("redirect_uri"):
        raise GraphError("Missing redirect_uri parameter.", code=191)
    if not params.get("code"):
        raise invalid_param("The parameter code is required")
    try:
        code = login.state.redeem(params["code"], LoginKind.FACEBOOK, params["redirect_uri"], now)
    except CodeRefused as refused:
        raise code_refused(refused.problem) from None
    token = login.state.issue_facebook_token(code.subject, TokenKind.SHORT_LIVED, now, SHORT_LIVED)
    return _token_answer(token, SHORT_LIVED)


def _exchange(login: MetaLoginSandbox, params: dict[str, str], now: datetime) -> Payload:
    check_param_names(params, FACEBOOK_EXCHANGE_PARAMS)
    _check_app(login, params)
    if not params.get("fb_exchange_token"):
        raise invalid_param("The parameter fb_exchange_token is required")
    grant = live_facebook_grant(login, params["fb_exchange_token"], now)
    token = login.state.issue_facebook_token(grant.user_id, TokenKind.LONG_LIVED, now, LONG_LIVED)
    return _token_answer(token, LONG_LIVED)


def _check_app(login: MetaLoginSandbox, params: Mapping[str, str]) -> None:
    settings = login.settings
    if params.get("client_id") != settings.facebook_app_id:
        raise GraphError("Error validating application. Invalid application ID.", code=101)
    secret = params.get("client_secret")
    if not secret:
        raise GraphError("Missing client_secret parameter.", code=101)
    if not secrets.compare_digest(secret, settings.facebook_app_secret):
        raise GraphError("Error validating client secret.", code=1)


def _token_answer(token: str, lifetime: timedelta) -> Payload:
    return {
        "access_token": token,
        "token_type": "bearer",
        "expires_in": int(lifetime.total_seconds()),
    }
