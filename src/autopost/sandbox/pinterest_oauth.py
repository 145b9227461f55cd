"""Pinterest's OAuth 2.0 authorization-code flow.

``GET /pinterest/oauth/`` stands in for the consent page (https://www.pinterest.com/oauth/): it
consents at once and redirects to ``redirect_uri`` with ``code`` and ``state``, or with
``error=access_denied`` when asked to (``deny=1``, or the ``deny_consent`` setting). The person
consenting is ``autopost_demo`` unless the sandbox-only ``username`` parameter names another;
exchanging the code creates that account if it does not exist yet.

``POST /pinterest/v5/oauth/token`` takes the form-encoded ``OauthAccessTokenRequest`` with the
client's id and secret as HTTP Basic credentials, and answers ``OauthAccessTokenResponse``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import URL
from starlette.responses import JSONResponse, RedirectResponse, Response

from autopost.sandbox.pinterest_contract import OAUTH_GRANT_TYPES
from autopost.sandbox.pinterest_errors import authentication_failed, invalid_request
from autopost.sandbox.pinterest_request import PinterestCall
from autopost.sandbox.pinterest_sandbox import ALL_SCOPES, PinterestSandbox
from autopost.sandbox.pinterest_settings import PINTEREST_DEMO_USERNAME
from autopost.sandbox.pinterest_tokens import CODE_LIFETIME, AuthorizationCode, IssuedTokens

Handler = Callable[[PinterestCall, datetime], Response]


def consent(pinterest: PinterestSandbox) -> Handler:
    def page(call: PinterestCall, now: datetime) -> Response:
        params = call.query
        settings = pinterest.settings
        redirect_uri = params.get("redirect_uri", "")
        parts = urlsplit(redirect_uri)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise invalid_request("Invalid request: 'redirect_uri' must be an http(s) URL")
        if params.get("client_id") != settings.client_id:
            raise invalid_request("Invalid request: 'client_id' is not a known app")
        answer: dict[str, str] = {}
        if params.get("response_type") != "code":
            answer["error"] = "unsupported_response_type"
        elif settings.deny_consent or params.get("deny") in ("1", "true"):
            answer["error"] = "access_denied"
        else:
            code = AuthorizationCode(
                username=params.get("username") or PINTEREST_DEMO_USERNAME,
                client_id=settings.client_id,
                redirect_uri=redirect_uri,
                scope=params.get("scope") or ALL_SCOPES,
                environment=settings.environment,
                expires_at=now + CODE_LIFETIME,
            )
            answer["code"] = pinterest.tokens.new_code(code)
        if "state" in params:
            answer["state"] = params["state"]
        target = URL(redirect_uri).include_query_params(**answer)
        return RedirectResponse(str(target), status_code=302)

    return page


def token(pinterest: PinterestSandbox) -> Handler:
    def exchange(call: PinterestCall, now: datetime) -> Response:
        settings = pinterest.settings
        if call.basic != (settings.client_id, settings.client_secret):
            raise authentication_failed()
        form = call.form
        grant_type = form.get("grant_type")
        if grant_type not in OAUTH_GRANT_TYPES:
            known = ", ".join(sorted(OAUTH_GRANT_TYPES))
            raise invalid_request(f"Invalid request: 'grant_type' must be one of {known}")
        if grant_type == "authorization_code":
            issued = _redeem_code(pinterest, form, now)
        elif grant_type == "refresh_token":
            issued = _refresh(pinterest, form, now)
        else:
            raise invalid_request(
                "Invalid request: grant_type client_credentials is not supported by the sandbox"
            )
        return JSONResponse(_token_response(pinterest, grant_type, issued, now))

    return exchange


def _redeem_code(pinterest: PinterestSandbox, form: dict[str, str], now: datetime) -> IssuedTokens:
    for name in ("code", "redirect_uri"):
        if not form.get(name):
            raise invalid_request(f"Invalid request: '{name}' is a required property")
    code = pinterest.tokens.redeem_code(
        form["code"], pinterest.settings.client_id, form["redirect_uri"], now
    )
    state = pinterest.state
    if code.username not in state.accounts:
        state.add_account(code.username)
    return pinterest.issue_tokens(code.username, code.scope, now, code.environment)


def _refresh(pinterest: PinterestSandbox, form: dict[str, str], now: datetime) -> IssuedTokens:
    if not form.get("refresh_token"):
        raise invalid_request("Invalid request: 'refresh_token' is a required property")
    environment = pinterest.settings.environment
    grant = pinterest.tokens.live_refresh(form["refresh_token"], now, environment)
    if grant.username not in pinterest.state.accounts:
        raise invalid_request("Invalid refresh token: the account no longer exists.")
    scope = grant.scope
    if form.get("scope"):
        asked, granted = _scopes(form["scope"]), _scopes(grant.scope)
        if not asked <= granted:
            extra = ", ".join(sorted(asked - granted))
            raise invalid_request(f"Invalid request: 'scope' asks for more than granted: {extra}")
        scope = form["scope"]
    grant.revoked = True  # refresh tokens rotate: this one is used up
    return pinterest.issue_tokens(grant.username, scope, now, grant.environment)


def _scopes(scope: str) -> set[str]:
    return {s for s in scope.replace(" ", ",").split(",") if s}


def _token_response(
    pinterest: PinterestSandbox, grant_type: str, issued: IssuedTokens, now: datetime
) -> dict[str, Any]:
    settings = pinterest.settings
    refresh_expires_at = now + timedelta(seconds=settings.refresh_token_seconds)
    return {
        "access_token": issued.access_token,
        "refresh_token": issued.refresh_token,
        "response_type": grant_type,
        "token_type": "bearer",
        "expires_in": settings.access_token_seconds,
        "refresh_token_expires_in": settings.refresh_token_seconds,
        "refresh_token_expires_at": int(refresh_expires_at.timestamp()),
        "scope": issued.access.scope,
    }
