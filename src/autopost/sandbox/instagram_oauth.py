"""Instagram Login's code exchange and the account behind its tokens.

``POST /instagram/oauth/access_token`` stands in for https://api.instagram.com/oauth/access_token:
the form ``client_id, client_secret, grant_type=authorization_code, redirect_uri, code`` gets a
short-lived Instagram user token (one hour) and the account's id, to trade for a long-lived
token at ``GET /access_token`` (``instagram_login``). It answers the plain
``{"access_token", "user_id", "permissions"}`` (some API versions wrap it in ``{"data": [...]}``)
and refuses as that host does, ``{"error_type", "code", "error_message"}``.

``GET /{version}/me`` with an Instagram user token answers the account as
``IGUserForIGOnlyAPI``: ``user_id`` is the Instagram account's id, the one the Graph endpoints
take, and ``id`` an app-scoped id of its own.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.responses import JSONResponse

from autopost.sandbox.graph_values import parse_fields
from autopost.sandbox.instagram_access import live_grant
from autopost.sandbox.instagram_fields import render_node
from autopost.sandbox.instagram_login import issue_token
from autopost.sandbox.instagram_media_rules import check_param_names
from autopost.sandbox.instagram_tokens import TokenKind
from autopost.sandbox.meta_login_contract import IG_LOGIN_USER_FIELDS, INSTAGRAM_CODE_PARAMS
from autopost.sandbox.meta_login_sandbox import MetaLoginSandbox
from autopost.sandbox.meta_login_state import CodeProblem, CodeRefused, LoginKind
from autopost.sandbox.runtime import Sandbox

APP_SCOPED_OFFSET = 10**17  # app-scoped ids differ from the account's own, as on Instagram

Payload = dict[str, Any]

CODE_REFUSED = {
    CodeProblem.UNKNOWN: "Matching code was not found or was already used",
    CodeProblem.USED: "Matching code was not found or was already used",
    CodeProblem.EXPIRED: "This authorization code has expired",
    CodeProblem.OTHER_REDIRECT: "Error validating verification code. Please make sure your "
    "redirect_uri is identical to the one you used in the OAuth dialog request",
}


@dataclass(eq=False)
class InstagramOAuthError(Exception):
    message: str
    status: int = 400

    def response(self) -> JSONResponse:
        body = {"error_type": "OAuthException", "code": self.status, "error_message": self.message}
        return JSONResponse(body, status_code=self.status)


def instagram_token(
    sandbox: Sandbox, login: MetaLoginSandbox, form: dict[str, str], now: datetime
) -> Payload:
    unknown = sorted(set(form) - INSTAGRAM_CODE_PARAMS)
    if unknown:
        raise InstagramOAuthError(f"Invalid parameter: {unknown[0]}")
    if form.get("client_id") != login.settings.instagram_app_id:
        raise InstagramOAuthError("Invalid platform app")
    secret = form.get("client_secret") or ""
    if not secrets.compare_digest(secret, sandbox.instagram.settings.app_secret):
        raise InstagramOAuthError("Error validating client secret")
    if form.get("grant_type") != "authorization_code":
        raise InstagramOAuthError("Invalid grant_type: it must be authorization_code")
    for name in ("redirect_uri", "code"):
        if not form.get(name):
            raise InstagramOAuthError(f"Missing required field {name}")
    try:
        code = login.state.redeem(form["code"], LoginKind.INSTAGRAM, form["redirect_uri"], now)
    except CodeRefused as refused:
        raise InstagramOAuthError(CODE_REFUSED[refused.problem]) from None
    if code.subject not in sandbox.instagram.state.accounts:
        raise InstagramOAuthError("The Instagram account no longer exists")
    token = issue_token(sandbox.instagram.state, code.subject, TokenKind.SHORT_LIVED, now)
    permissions = [p for p in code.scope.replace(" ", ",").split(",") if p]
    return {"access_token": token, "user_id": int(code.subject), "permissions": permissions}


def instagram_me(
    sandbox: Sandbox, params: dict[str, str], token: str | None, now: datetime
) -> Payload:
    state = sandbox.instagram.state
    account = state.accounts[live_grant(state, token, now).ig_user_id]
    check_param_names(params, {"fields"})
    app_scoped_id = str(int(account.ig_user_id) + APP_SCOPED_OFFSET)
    values: dict[str, Callable[[], Any]] = {
        "id": lambda: app_scoped_id,
        "user_id": lambda: int(account.ig_user_id),
        "username": lambda: account.username,
        "name": lambda: account.username,
        "account_type": lambda: "BUSINESS",
        "media_count": lambda: len(account.feed),
        "followers_count": lambda: 0,
        "follows_count": lambda: 0,
        "biography": lambda: "",
    }
    selections = parse_fields(params.get("fields"), "id")
    return render_node(values, selections, IG_LOGIN_USER_FIELDS, "User", app_scoped_id)
